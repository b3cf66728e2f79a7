package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans live in the host process for an hour; an expired or unknown plan id is PLAN_UNKNOWN. */
class CleanupServiceTest {
  @TempDir Path tmp;

  @Test
  void aPlanOlderThanAnHourIsForgottenAtTheNextPlan() throws Exception {
    CleanupFixture fx = new CleanupFixture(tmp);
    TestCerts.Issued evil = TestCerts.root("Service Evil Root");
    fx.deny("Service Evil", evil);
    evil.writePem(tmp.resolve("anchors/evil.pem"));
    ConfirmationTokensTest.ManualClock clock = new ConfirmationTokensTest.ManualClock();
    clock.now = Instant.now();
    CleanupService svc = new CleanupService(fx.service(List.of("pem:" + tmp.resolve("anchors")), false).context(), clock);
    Plan old = svc.plan(evil.sha256(), false);
    assertThat(svc.known(old.planId())).isSameAs(old);
    clock.now = Instant.parse(old.createdAt()).plus(Duration.ofMinutes(59));
    svc.plan(evil.sha256(), true);
    assertThat(svc.known(old.planId())).isSameAs(old);
    clock.now = Instant.parse(old.createdAt()).plus(Duration.ofMinutes(61));
    Plan fresh = svc.plan(evil.sha256(), false);
    assertThatThrownBy(() -> svc.known(old.planId()))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_UNKNOWN));
    assertThat(svc.known(fresh.planId())).isSameAs(fresh);
    assertThatThrownBy(() -> svc.known(null))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_UNKNOWN));
  }
}
