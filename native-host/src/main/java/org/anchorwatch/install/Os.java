package org.anchorwatch.install;

import java.util.Locale;

/** The OS keys of manifests/locations.json. */
public enum Os {
  LINUX, MACOS, WINDOWS;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String label() {
    return switch (this) {
      case LINUX -> "Linux";
      case MACOS -> "macOS";
      case WINDOWS -> "Windows";
    };
  }

  /** Null for an OS no browser table covers (the BSDs and so on). */
  public static Os current() {
    String n = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (n.contains("linux")) return LINUX;
    if (n.contains("mac")) return MACOS;
    if (n.contains("windows")) return WINDOWS;
    return null;
  }
}
