package org.anchorwatch.config;

import org.anchorwatch.install.InstallException;
import org.anchorwatch.install.LauncherLocator;

/**
 * The command people and browsers run (installer/anchorwatch), for the exact commands a plan shows
 * ("sudo … elevated-apply …"). The launcher script exports its own resolved path; started some
 * other way (java -jar), the same lookup `install` uses finds it next to the jar.
 */
public final class Launcher {
  private Launcher() {}

  public static String path() {
    String p = System.getenv("ANCHORWATCH_LAUNCHER");
    if (p != null && !p.isBlank()) return p;
    try {
      return LauncherLocator.find(LauncherLocator.codeSource()).toString();
    } catch (InstallException notFound) {
      return "anchorwatch";
    }
  }
}
