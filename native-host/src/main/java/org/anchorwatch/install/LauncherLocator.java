package org.anchorwatch.install;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the launcher (installer/anchorwatch) a manifest's "path" must name: browsers start one
 * executable without arguments, and only the launcher knows how to start the jar. The places are
 * the inverse of the launcher's own jar lookup, relative to the folder holding the running jar
 * (or target/classes when run from the build):
 * <ol>
 *   <li>{@code <jar dir>/anchorwatch}: launcher beside the jar (portable layout)</li>
 *   <li>{@code <jar dir>/../../bin/anchorwatch}: {@code PREFIX/lib/anchorwatch/anchorwatch.jar} with {@code PREFIX/bin/anchorwatch}</li>
 *   <li>{@code <jar dir>/../../installer/anchorwatch}: the source tree, jar in {@code native-host/target/}</li>
 * </ol>
 */
public final class LauncherLocator {
  static final List<String> CANDIDATES = List.of("anchorwatch", "../../bin/anchorwatch", "../../installer/anchorwatch");

  private LauncherLocator() {}

  /** The jar (or classes folder) this code was loaded from. */
  public static Path codeSource() throws InstallException {
    try {
      return Path.of(LauncherLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new InstallException(InstallException.Kind.FAILED, "cannot tell where anchorwatch.jar is; pass --host-path", e);
    }
  }

  public static Path find(Path codeSource) throws InstallException {
    Path dir = codeSource.toAbsolutePath().normalize().getParent();
    StringBuilder looked = new StringBuilder();
    for (String rel : CANDIDATES) {
      Path p = dir.resolve(rel).normalize();
      if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
      looked.append(looked.length() == 0 ? "" : ", ").append(p);
    }
    throw new InstallException(InstallException.Kind.FAILED,
        "cannot find the launcher 'anchorwatch' near " + codeSource + " (looked at " + looked + "); pass --host-path");
  }
}
