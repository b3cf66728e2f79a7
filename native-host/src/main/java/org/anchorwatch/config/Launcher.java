package org.anchorwatch.config;

import java.nio.file.Path;
import java.util.Optional;
import org.anchorwatch.install.InstallException;
import org.anchorwatch.install.LauncherLocator;

/**
 * The command people and browsers run (installer/anchorwatch), for the exact commands a plan shows.
 * Found next to the running jar by the same lookup `install` uses, never taken from the
 * environment: the administrator command names it, and an environment variable is the caller's
 * to set.
 */
public final class Launcher {
  private Launcher() {}

  /** The launcher to name in shown commands ("anchorwatch" when none is found). */
  public static String path() {
    return installed().map(Path::toString).orElse("anchorwatch");
  }

  public static Optional<Path> installed() {
    try {
      return Optional.of(LauncherLocator.find(LauncherLocator.codeSource()));
    } catch (InstallException notFound) {
      return Optional.empty();
    }
  }

  /** The jar this code runs from (the one an installed launcher starts). */
  public static Optional<Path> jar() {
    try {
      return Optional.of(LauncherLocator.codeSource());
    } catch (InstallException e) {
      return Optional.empty();
    }
  }
}
