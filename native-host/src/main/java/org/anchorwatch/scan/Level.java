package org.anchorwatch.scan;

import java.util.Locale;

/** A verdict's level; the wire spelling is lowercase. */
public enum Level {
  BLOCKED,
  NOTICE,
  CLEAN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
