package org.anchorwatch.config;

/**
 * The command people and browsers run (installer/anchorwatch), for the exact commands a plan shows
 * ("sudo … elevated-apply …"). The launcher script exports its own resolved path.
 */
public final class Launcher {
  private Launcher() {}

  public static String path() {
    String p = System.getenv("ANCHORWATCH_LAUNCHER");
    return p == null || p.isBlank() ? "anchorwatch" : p;
  }
}
