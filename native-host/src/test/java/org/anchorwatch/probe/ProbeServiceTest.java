package org.anchorwatch.probe;

import static org.anchorwatch.probe.ProbeTargetTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.Judge;
import org.anchorwatch.blocklist.Policy;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.Scanner;
import org.anchorwatch.scan.Snapshot;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.anchorwatch.testsupport.TlsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes real local TLS servers on 127.0.0.1 only; no test ever targets another address. */
class ProbeServiceTest {
  static Issued root;
  static Issued intermediate;
  static Issued leaf;
  static TlsTestServer server;
  final ProbeService service = new ProbeService();

  @TempDir Path tmp;

  @BeforeAll
  static void startServer() {
    root = TestCerts.root("Probe Test Root");
    intermediate = TestCerts.intermediate("Probe Test Intermediate", root);
    leaf = TestCerts.leaf("localhost", intermediate, "localhost", "127.0.0.1");
    // Like most servers (and interception boxes): leaf and intermediate, no root.
    server = TlsTestServer.tls(TestCerts.keyStore(leaf, intermediate.cert()));
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Test
  void recordsThePresentedChainLeafFirst() throws Exception {
    ProbeResult r = service.probe(ProbeTarget.of("127.0.0.1", server.port(), 4000), () -> snapshotWithoutStores());
    assertThat(r.chain()).extracting(ProbeResult.PresentedCert::sha256).containsExactly(leaf.sha256(), intermediate.sha256());
    assertThat(r.chain().get(0).spkiSha256()).isEqualTo(leaf.spkiSha256());
    assertThat(r.chain().get(1).subject()).isEqualTo(intermediate.subject());
    assertThat(r.tls().protocol()).startsWith("TLSv1.");
    assertThat(r.tls().cipherSuite()).startsWith("TLS_");
    assertThat(r.host()).isEqualTo("127.0.0.1");
    assertThat(r.port()).isEqualTo(server.port());
    // no local stores: the root is unknown and nothing is said about it
    assertThat(r.verdict().level()).isEqualTo("clean");
    assertThat(r.verdict().reason()).isEqualTo("unknown-root");
  }

  @Test
  void sendsSniForNamesAndNoneForIpLiterals() throws Exception {
    int before = server.sniSeen().size();
    service.fetch(ProbeTarget.of("127.0.0.1", server.port(), 4000));
    service.fetch(ProbeTarget.of("localhost", server.port(), 4000));
    List<String> seen = server.awaitHandshakes(before + 2);
    assertThat(seen.subList(before, before + 2)).containsExactlyInAnyOrder("", "localhost");
  }

  @Test
  void rootFoundInALocalStoreByIssuerName() throws Exception {
    ProbeResult r = service.probe(ProbeTarget.of("127.0.0.1", server.port(), 4000), () -> snapshot(Policy.EMPTY));
    assertThat(r.verdict().root().sha256()).isEqualTo(root.sha256());
    assertThat(r.verdict().root().builtIn()).isFalse();
    assertThat(r.verdict().level()).isEqualTo("notice");
    assertThat(r.verdict().reason()).isEqualTo("non-built-in-root");
    assertThat(r.verdict().installedIn()).extracting(i -> i.location()).containsExactly(tmp.resolve("anchors/root.pem").toString());
  }

  @Test
  void policyDenyOfTheRootKeyBlocksAndSaysWhereItIsInstalled() throws Exception {
    Policy deny = denyPolicy(root.spkiSha256());
    ProbeResult r = service.probe(ProbeTarget.of("localhost", server.port(), 4000), () -> snapshot(deny));
    assertThat(r.verdict().level()).isEqualTo("blocked");
    assertThat(r.verdict().reason()).isEqualTo("blocklisted");
    assertThat(r.verdict().entry().name()).isEqualTo("Probe Test Interception Root");
    assertThat(r.verdict().entry().source()).isEqualTo("policy");
    assertThat(r.verdict().installedIn()).singleElement().satisfies(i -> {
      assertThat(i.location()).isEqualTo(tmp.resolve("anchors/root.pem").toString());
      assertThat(i.type()).isEqualTo("pem");
    });
  }

  @Test
  void aReissuedRootWithTheSameKeyIsStillBlocked() throws Exception {
    Issued reissued = TestCerts.reissue(root, null);
    assertThat(reissued.sha256()).isNotEqualTo(root.sha256());
    Policy deny = denyPolicy(root.spkiSha256());
    ProbeResult r = service.probe(ProbeTarget.of("127.0.0.1", server.port(), 4000), () -> snapshot(deny, reissued));
    assertThat(r.verdict().level()).isEqualTo("blocked");
    assertThat(r.verdict().root().sha256()).isEqualTo(reissued.sha256());
  }

  @Test
  void closedPortIsProbeFailedConnectionRefused() throws Exception {
    ProbeTarget t = ProbeTarget.of("127.0.0.1", TlsTestServer.closedPort(), 2000);
    assertCode(() -> service.fetch(t), ErrorCode.PROBE_FAILED);
    assertThatMessage(t).contains("connection refused");
  }

  @Test
  void aServerThatIsNotTlsIsAHandshakeFailure() throws Exception {
    try (TlsTestServer plain = TlsTestServer.plaintext()) {
      ProbeTarget t = ProbeTarget.of("127.0.0.1", plain.port(), 2000);
      assertCode(() -> service.fetch(t), ErrorCode.PROBE_FAILED);
      assertThatMessage(t).containsAnyOf("TLS handshake failed", "TLS failed", "connection reset");
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithinTheBound() throws Exception {
    try (TlsTestServer silent = TlsTestServer.silent()) {
      ProbeTarget t = ProbeTarget.of("127.0.0.1", silent.port(), 300);
      long start = System.nanoTime();
      assertCode(() -> service.fetch(t), ErrorCode.PROBE_TIMEOUT);
      assertThat(millisSince(start)).isBetween(250L, 300L + ProbeService.GRACE_MILLIS);
    }
  }

  @Test
  void invalidNamesDoNotResolve() throws Exception {
    assertCode(() -> service.fetch(ProbeTarget.of("anchorwatch-probe-test.invalid", 443, 2000)), ErrorCode.PROBE_DNS);
  }

  @Test
  void resolverFailureIsProbeDns() throws Exception {
    ProbeService failing = new ProbeService(host -> {
      throw new UnknownHostException(host);
    });
    assertCode(() -> failing.fetch(ProbeTarget.of("nowhere.example", 443, 2000)), ErrorCode.PROBE_DNS);
  }

  @Test
  void aResolverThatHangsUninterruptiblyIsCutOffAtTheHardDeadline() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ProbeService hanging = new ProbeService(host -> {
      while (true) {
        try {
          release.await(); // like a system DNS lookup: ignores interruption
          throw new UnknownHostException(host);
        } catch (InterruptedException ignored) {
          // keep hanging
        }
      }
    });
    try {
      long start = System.nanoTime();
      assertCode(() -> hanging.fetch(ProbeTarget.of("slow.example", 443, 200)), ErrorCode.PROBE_TIMEOUT);
      assertThat(millisSince(start)).isBetween(200L + ProbeService.GRACE_MILLIS - 50, 200L + ProbeService.GRACE_MILLIS + 700);
    } finally {
      release.countDown();
    }
  }

  private org.assertj.core.api.AbstractStringAssert<?> assertThatMessage(ProbeTarget t) {
    try {
      service.fetch(t);
      throw new AssertionError("expected a failure");
    } catch (org.anchorwatch.errors.AnchorwatchException e) {
      return assertThat(e.getMessage());
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000L;
  }

  private Policy denyPolicy(String spki) throws Exception {
    Path p = tmp.resolve("policy.json");
    Files.writeString(p, "{\"deny\":[{\"name\":\"Probe Test Interception Root\",\"spkiSha256\":\"" + spki + "\"}]}");
    return Policy.load(p, true);
  }

  private static Snapshot snapshotWithoutStores() {
    Judge judge = new Judge(Blocklist.bundled(), Policy.EMPTY);
    return new Snapshot(new Scanner(judge).scan(List.of(), List.of()), judge, 0);
  }

  /** A snapshot as the host's scan would make it: one PEM store holding the given roots (default: the test root). */
  private Snapshot snapshot(Policy policy, Issued... roots) {
    try {
      Issued[] anchors = roots.length == 0 ? new Issued[] {root} : roots;
      Path pem = TestCerts.writePem(tmp.resolve("anchors/root.pem"),
          java.util.Arrays.stream(anchors).map(Issued::cert).toArray(java.security.cert.X509Certificate[]::new));
      Judge judge = new Judge(Blocklist.bundled(), policy);
      StoreRef ref = StoreRef.of(StoreType.PEM, pem, Role.ADDED, "test anchors");
      return new Snapshot(new Scanner(judge).scan(List.of(ref), List.of()), judge, 0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
