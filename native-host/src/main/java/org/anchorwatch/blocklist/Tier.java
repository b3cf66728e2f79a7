package org.anchorwatch.blocklist;

import java.util.Locale;

/**
 * Severity tiers (blocklist-notes.md section 5). Declared from most to least severe: a machine
 * holding an INTERCEPTION root is alarmed everywhere; DISTRUSTED CAs only matter where used.
 */
public enum Tier {
  INTERCEPTION("critical"),
  DISTRUSTED("high"),
  TEST("info");

  private final String severity;

  Tier(String severity) {
    this.severity = severity;
  }

  public String severity() {
    return severity;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Tier fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
