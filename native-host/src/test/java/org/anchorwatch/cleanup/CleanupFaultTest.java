package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault injection: disk full, an unusable backup dir, a concurrent operation, a store that refuses. */
class CleanupFaultTest {
  @TempDir Path tmp;
  CleanupFixture fx;
  TestCerts.Issued evil;
  Path anchors;
  Path anchor;

  @BeforeEach
  void setUp() throws Exception {
    fx = new CleanupFixture(tmp);
    evil = TestCerts.root("Fault Evil Root");
    fx.deny("Fault Evil", evil);
    anchors = tmp.resolve("anchors");
    anchor = evil.writePem(anchors.resolve("evil.pem"));
  }

  private ScanOptions opts() {
    return fx.options(List.of("pem:" + anchors), false);
  }

  @Test
  void diskFullWhileBackingUpRemovesNothing() throws Exception {
    AtomicFiles io = spy(new AtomicFiles());
    doThrow(new IOException("No space left on device")).when(io)
        .write(argThat(p -> p != null && p.toString().contains("/backups/")), any());
    CleanupService svc = fx.service(opts(), new StoreChanges(io), io);
    Plan plan = svc.plan(evil.sha256(), false);
    assertThatThrownBy(() -> svc.applyConfirmedByPerson(plan, e -> {}))
        .isInstanceOf(AnchorwatchException.class)
        .hasMessageContaining("No space left on device").hasMessageContaining("nothing was removed")
        .satisfies(e -> assertThat(((AnchorwatchException) e).code()).isEqualTo(ErrorCode.BACKUP_FAILED));
    assertThat(Files.exists(anchor)).isTrue();
    // the journal says so, and doctor has nothing to repair
    assertThat(svc.doctor().repaired()).isEmpty();
  }

  @Test
  void backupDirThatCannotBeCreatedRemovesNothing() throws Exception {
    Files.createDirectories(fx.home.resolve(".local"));
    Files.writeString(fx.home.resolve(".local/share"), "a file where the data dir should be");
    CleanupService svc = fx.service(List.of("pem:" + anchors), false);
    Plan plan = svc.plan(evil.sha256(), false);
    assertThatThrownBy(() -> svc.applyConfirmedByPerson(plan, e -> {}))
        .satisfies(e -> assertThat(((AnchorwatchException) e).code()).isEqualTo(ErrorCode.BACKUP_FAILED));
    assertThat(Files.exists(anchor)).isTrue();
  }

  @Test
  void aSecondOperationOnTheSameStoreIsBusyNotCorrupting() throws Exception {
    CleanupService svc = fx.service(List.of("pem:" + anchors), false);
    Plan plan = svc.plan(evil.sha256(), false);
    // a second process (as a second host would) holds the store's lock
    Path lockDir = fx.dirs().state().resolve("locks");
    Process other = new ProcessBuilder(org.anchorwatch.testsupport.HostProcess.javaBin(), "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), lockDir.toString(), plan.steps().get(0).store()).redirectErrorStream(true).start();
    try {
      assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream())).readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> svc.applyConfirmedByPerson(plan, e -> {}))
          .satisfies(e -> assertThat(((AnchorwatchException) e).code()).isEqualTo(ErrorCode.BUSY));
      assertThat(Files.exists(anchor)).isTrue();
    } finally {
      other.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    svc.applyConfirmedByPerson(svc.plan(evil.sha256(), false), e -> {});
    assertThat(Files.exists(anchor)).isFalse();
  }

  @Test
  void aStoreThatRefusesIsAFailedStepWithTheBackupKept() throws Exception {
    AtomicFiles io = new AtomicFiles();
    StoreChanges changes = spy(new StoreChanges(io));
    doCallRealMethod().when(changes).capture(any());
    doThrow(new AnchorwatchException(ErrorCode.REMOVE_FAILED, "read-only file system")).when(changes).apply(any());
    CleanupService svc = fx.service(opts(), changes, io);
    ApplyResult r = svc.applyConfirmedByPerson(svc.plan(evil.sha256(), false), e -> {});
    assertThat(r.steps()).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo("failed");
      assertThat(s.message()).contains("read-only");
    });
    assertThat(r.verify().clean()).isFalse();
    assertThat(Files.exists(anchor)).isTrue();
    assertThat(svc.backups()).hasSize(1);
  }
}
