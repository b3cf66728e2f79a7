package org.anchorwatch.blocklist;

import java.util.Locale;

/**
 * Severity tiers (blocklist-notes.md section 5). Declared from most to least severe: a machine
 * holding an INTERCEPTION root is alarmed everywhere; DISTRUSTED CAs only matter where used;
 * LEAF keys (leaked or misissued end-entity certificates) are blocked but never raise the
 * machine-wide alert; SUNSET CAs are ones browsers phase out by issuance date, not by key, so a
 * shipped copy is information only and never blocks.
 */
public enum Tier {
  INTERCEPTION("critical"),
  DISTRUSTED("high"),
  LEAF("low"),
  SUNSET("info"),
  TEST("info");

  private final String severity;

  Tier(String severity) {
    this.severity = severity;
  }

  public String severity() {
    return severity;
  }

  /** Whether a trusted copy is a blocked finding (exit 3); SUNSET is information, or a notice when added locally. */
  public boolean blocks() {
    return this != SUNSET;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Tier fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
