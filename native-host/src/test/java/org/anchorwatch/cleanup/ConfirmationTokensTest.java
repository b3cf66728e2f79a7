package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.Test;

/** A confirmation works once, for its plan, within ten minutes. */
class ConfirmationTokensTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-27T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static ErrorCode code(Throwable t) {
    return ((AnchorwatchException) t).code();
  }

  @Test
  void aTokenIsAcceptedUpToItsExpiryAndRefusedOneInstantAfter() throws Exception {
    ManualClock clock = new ManualClock();
    ConfirmationTokens tokens = new ConfirmationTokens(clock);
    String t1 = tokens.issue("plan-a");
    assertThat(t1).matches("[A-Za-z0-9_-]{43}");
    clock.now = clock.now.plus(ConfirmationTokens.TTL);
    tokens.consume("plan-a", t1); // exactly at the expiry instant: still valid

    String t2 = tokens.issue("plan-a");
    assertThat(t2).isNotEqualTo(t1);
    clock.now = clock.now.plus(ConfirmationTokens.TTL).plus(Duration.ofMillis(1));
    assertThatThrownBy(() -> tokens.consume("plan-a", t2)).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CONFIRMATION_REQUIRED))
        .hasMessageContaining("expired");
  }

  @Test
  void aTokenIsBoundToItsPlanAndWorksOnce() throws Exception {
    ConfirmationTokens tokens = new ConfirmationTokens(new ManualClock());
    String a = tokens.issue("plan-a");
    String b = tokens.issue("plan-b");
    assertThatThrownBy(() -> tokens.consume("plan-c", a)).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CONFIRMATION_REQUIRED));
    assertThatThrownBy(() -> tokens.consume("plan-b", "")).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CONFIRMATION_REQUIRED));
    tokens.consume("plan-b", b);
    tokens.consume("plan-a", a);
    assertThatThrownBy(() -> tokens.consume("plan-a", a)).hasMessageContaining("already used");
  }
}
