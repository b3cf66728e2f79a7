package org.anchorwatch.scan;

import java.util.Locale;

/** A verdict's level; the wire spelling is lowercase. */
public enum Level {
  BLOCKED,
  NOTICE,
  /** A shipped root browsers are phasing out (sunset tier): shown, never an alert, no cleanup offered. */
  INFO,
  CLEAN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
