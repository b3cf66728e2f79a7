package org.anchorwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
  @Test
  void writesWhatInstantToStringWrites() {
    Instant[] edges = {
        Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
        Instant.parse("1969-12-31T23:59:59Z"), Instant.parse("2000-02-29T12:00:00.5Z"),
        Instant.parse("2026-11-28T04:30:00.000123Z"), Instant.parse("2049-12-31T23:59:59.120Z"),
        Instant.ofEpochSecond(0, 1), Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z")};
    for (Instant t : edges) assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
    SplittableRandom r = new SplittableRandom(20261128);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> r.nextInt(1000) * 1_000_000;
        case 2 -> r.nextInt(1_000_000) * 1_000;
        default -> r.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(r.nextLong(min, max + 1), nano);
      assertThat(IsoInstant.format(t)).as("%d.%09d", t.getEpochSecond(), t.getNano()).isEqualTo(t.toString());
    }
  }
}
