package org.anchorwatch.cleanup.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the installed program keeps the launcher an administrator runs, relative to the folder of
 * the running jar: the jpackage layouts of docs/PACKAGING.md. It is derived from where this code
 * was installed, never from the environment or the request, and the caller still checks that only
 * an administrator can change it (a `--win-dir-chooser` install into a user's folder fails that).
 */
public enum InstalledLaunchers {
  /** C:\Program Files\Anchorwatch\app\anchorwatch.jar → C:\Program Files\Anchorwatch\anchorwatch-cli.exe (the console launcher). */
  WINDOWS("../anchorwatch-cli.exe"),
  /** /Applications/Anchorwatch.app/Contents/app/anchorwatch.jar → Contents/MacOS/Anchorwatch. */
  MACOS("../MacOS/Anchorwatch");

  private final String fromJarDir;

  InstalledLaunchers(String fromJarDir) {
    this.fromJarDir = fromJarDir;
  }

  public static Optional<InstalledLaunchers> of(String osName) {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) return Optional.of(WINDOWS);
    if (os.startsWith("mac")) return Optional.of(MACOS);
    return Optional.empty();
  }

  /** The launcher beside the installed jar. */
  public Path launcher(Path jar) {
    return jar.toAbsolutePath().normalize().getParent().resolve(fromJarDir).normalize();
  }
}
