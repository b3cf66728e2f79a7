package org.anchorwatch.stores;

import java.util.List;
import java.util.Locale;
import org.anchorwatch.stores.macos.MacPlatform;
import org.anchorwatch.stores.windows.WindowsPlatform;

/**
 * The operating system's own stores on Windows and macOS (like Go's root_windows.go /
 * root_darwin.go: one package per platform, chosen here). Only references are made: no library
 * is loaded until a store is listed, and on Linux none of this is reached.
 */
public final class OsStores {
  private OsStores() {}

  /** Empty for Linux and other systems, whose stores are files (see {@link LinuxLayout}). */
  public static List<StoreRef> of(String osName) {
    String n = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    if (n.startsWith("windows")) return WindowsPlatform.stores();
    if (n.startsWith("mac")) return MacPlatform.stores();
    return List.of();
  }
}
