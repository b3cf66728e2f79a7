package org.anchorwatch.install;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.anchorwatch.config.Launcher;

/**
 * Finds the launcher (installer/anchorwatch) a manifest's "path" must name: browsers start one
 * executable without arguments, and only the launcher knows how to start the jar. The lookup is
 * {@link Launcher}'s; this class turns "not found" into the installer's error with the places looked at.
 */
public final class LauncherLocator {
  private LauncherLocator() {}

  /** The jar (or classes folder) this code was loaded from. */
  public static Path codeSource() throws InstallException {
    return Launcher.jar().orElseThrow(() ->
        new InstallException(InstallException.Kind.FAILED, "cannot tell where anchorwatch.jar is; pass --host-path"));
  }

  public static Path find(Path codeSource) throws InstallException {
    return Launcher.near(codeSource).orElseThrow(() -> new InstallException(InstallException.Kind.FAILED,
        "cannot find the launcher 'anchorwatch' near " + codeSource + " (looked at "
            + Launcher.candidates(codeSource).stream().map(Path::toString).collect(Collectors.joining(", ")) + "); pass --host-path"));
  }
}
