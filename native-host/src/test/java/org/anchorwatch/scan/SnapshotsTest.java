package org.anchorwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's rescan-on-change: a real PEM directory under a temp root, polled by calling the
 * watcher's poll directly (the scheduled poll is set to an hour so it never races the test), and
 * one test with a fast poll that waits for the rescan the scheduled watcher makes.
 */
class SnapshotsTest {
  private static final long NEVER = TimeUnit.HOURS.toMillis(1);

  @TempDir Path root;

  private ScanOptions options(Path policy) {
    return new ScanOptions(false, List.of("pem:" + root.resolve("store")), root, root.resolve("home/u"), policy, Map.of());
  }

  private Snapshots snapshots(ScanOptions opts) {
    ScanService service = new ScanService(Blocklist.bundled());
    return new Snapshots(service, opts, service.policyFiles(opts));
  }

  private static String denying(TestCerts.Issued cert) {
    return "{\"deny\":[{\"name\":\"Denied here\",\"spkiSha256\":\"" + cert.spkiSha256() + "\"}]}";
  }

  @Test
  void aPollRescansOnlyWhenAStoreChanged() throws Exception {
    TestCerts.root("CN=First").writePem(root.resolve("store/first.pem"));
    try (Snapshots s = snapshots(options(null))) {
      s.start(NEVER);
      Snapshot first = s.get();
      assertThat(first.result().summary().certificates()).isEqualTo(1);

      s.rescanIfChanged();
      assertThat(s.get()).as("nothing changed: the snapshot is kept").isSameAs(first);

      TestCerts.root("CN=Second").writePem(root.resolve("store/second.pem"));
      s.rescanIfChanged();
      Snapshot second = s.get();
      assertThat(second).isNotSameAs(first);
      assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
      assertThat(second.result().findings()).extracting(Finding::subject)
          .containsExactlyInAnyOrder(TestCerts.root("CN=First").subject(), TestCerts.root("CN=Second").subject());
      s.rescanIfChanged();
      assertThat(s.get()).isSameAs(second);
    }
  }

  @Test
  void aChangedPerUserPolicyIsAChangeToo() throws Exception {
    TestCerts.Issued planted = TestCerts.root("CN=Planted Later Denied");
    planted.writePem(root.resolve("store/p.pem"));
    try (Snapshots s = snapshots(options(null))) {
      s.start(NEVER);
      assertThat(s.get().result().findings()).singleElement().satisfies(f -> assertThat(f.level()).isEqualTo("notice"));

      Path policy = root.resolve("home/u/.config/anchorwatch/policy.json");
      Files.createDirectories(policy.getParent());
      Files.writeString(policy, denying(planted));
      s.rescanIfChanged();
      assertThat(s.get().result().findings()).singleElement().satisfies(f -> assertThat(f.level()).isEqualTo("blocked"));
      assertThat(s.get().result().summary().policyFiles()).containsExactly(policy.toString());
    }
  }

  @Test
  void aFailedScanIsReportedWithItsCodeAndTheNextPollRetries() throws Exception {
    TestCerts.root("CN=Only").writePem(root.resolve("store/only.pem"));
    Path policy = root.resolve("named-policy.json"); // an explicit --policy that does not exist yet
    try (Snapshots s = snapshots(options(policy))) {
      s.start(NEVER);
      assertThatThrownBy(s::get).isInstanceOfSatisfying(AnchorwatchException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_POLICY));

      Files.writeString(policy, "{}");
      s.rescanIfChanged();
      assertThat(s.get().result().summary().certificates()).isEqualTo(1);
    }
  }

  @Test
  void aRefreshScansNowEvenWithoutAChangeAndDeferredStartsOnFirstUse() throws Exception {
    TestCerts.root("CN=Kept").writePem(root.resolve("store/kept.pem"));
    try (Snapshots s = snapshots(options(null))) {
      assertThatThrownBy(s::get).isInstanceOf(IllegalStateException.class);
      s.defer(NEVER);
      Snapshot first = s.get(); // the deferred start happens here
      assertThat(first.result().summary().certificates()).isEqualTo(1);
      Snapshot fresh = s.refresh();
      assertThat(fresh).isNotSameAs(first);
      assertThat(s.get()).isSameAs(fresh);
      assertThat(fresh.fingerprint()).isEqualTo(first.fingerprint());
    }
    try (Snapshots s = snapshots(options(null))) {
      s.defer(NEVER);
      assertThat(s.refresh().result().summary().certificates()).as("a refresh before any scan starts the first one").isEqualTo(1);
    }
  }

  @Test
  void aRefreshThatStartsADeferredScanAlsoStartsTheWatcher() throws Exception {
    TestCerts.root("CN=Before Refresh").writePem(root.resolve("store/before.pem"));
    try (Snapshots s = snapshots(options(null))) {
      s.defer(20);
      assertThat(s.refresh().result().summary().certificates()).isEqualTo(1);
      TestCerts.root("CN=After Refresh").writePem(root.resolve("store/after.pem"));
      awaitCertificates(s, 2);
    }
  }

  /** Waits for the state, not for a time: the watcher polls every 20 ms. */
  private static void awaitCertificates(Snapshots s, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (s.get().result().summary().certificates() != n) {
      assertThat(System.nanoTime()).as("the watcher never rescanned").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void theScheduledWatcherPicksUpAChange() throws Exception {
    TestCerts.root("CN=Before").writePem(root.resolve("store/before.pem"));
    try (Snapshots s = snapshots(options(null))) {
      s.start(20);
      assertThat(s.get().result().summary().certificates()).isEqualTo(1);
      TestCerts.root("CN=After").writePem(root.resolve("store/after.pem"));
      awaitCertificates(s, 2);
    }
  }
}
