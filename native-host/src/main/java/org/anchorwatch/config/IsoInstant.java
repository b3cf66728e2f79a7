package org.anchorwatch.config;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s text (ISO-8601, UTC, fraction in groups of three digits only when
 * there is one), written without {@code java.time.format}: the formatter and the lambda runtime it
 * loads (~200 JDK classes) would stay resident for the whole life of the host, which writes these
 * strings in every scan (docs/PERFORMANCE.md, issue 11). Years outside 0000-9999 (no certificate
 * time can carry one) fall back to {@code Instant.toString()}.
 */
public final class IsoInstant {
  private IsoInstant() {}

  public static String format(Instant t) {
    long secs = t.getEpochSecond();
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(secs, 86_400L));
    if (day.getYear() < 0 || day.getYear() > 9999) return t.toString();
    int s = (int) Math.floorMod(secs, 86_400L);
    StringBuilder b = new StringBuilder(30);
    pad(b, day.getYear(), 4).append('-');
    pad(b, day.getMonthValue(), 2).append('-');
    pad(b, day.getDayOfMonth(), 2).append('T');
    pad(b, s / 3600, 2).append(':');
    pad(b, s / 60 % 60, 2).append(':');
    pad(b, s % 60, 2);
    int nano = t.getNano();
    if (nano != 0) {
      b.append('.');
      if (nano % 1_000_000 == 0) pad(b, nano / 1_000_000, 3);
      else if (nano % 1_000 == 0) pad(b, nano / 1_000, 6);
      else pad(b, nano, 9);
    }
    return b.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder b, int v, int width) {
    String digits = Integer.toString(v);
    for (int i = digits.length(); i < width; i++) b.append('0');
    return b.append(digits);
  }
}
