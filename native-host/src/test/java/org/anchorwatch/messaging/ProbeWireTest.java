package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.config.Json;
import org.anchorwatch.messaging.handlers.ProbeHandler;
import org.anchorwatch.probe.ProbeResult;
import org.anchorwatch.scan.ChainVerdict;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.Snapshots;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TlsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming probe reply must be byte for byte what databind writes (verdict unwrapped). */
class ProbeWireTest {
  @TempDir Path tmp;

  private static void same(Object result) throws Exception {
    Reply reply = Reply.success(IntNode.valueOf(9), "probe", result);
    assertThat(Wire.handles(reply)).isTrue();
    assertThat(new String(Wire.write(reply), StandardCharsets.UTF_8))
        .isEqualTo(new String(Json.MAPPER.writeValueAsBytes(reply), StandardCharsets.UTF_8));
  }

  /** A real probe of a local TLS server whose root sits in a scanned store (a notice, installedIn filled). */
  @Test
  void aRealProbeIsWrittenAsDatabindWritesIt() throws Exception {
    TestCerts.Issued root = TestCerts.root("Probe Wire Root \"é\"");
    TestCerts.Issued intermediate = TestCerts.intermediate("Probe Wire Intermediate", root);
    TestCerts.Issued leaf = TestCerts.leaf("localhost", intermediate, "localhost", "127.0.0.1");
    Path pem = TestCerts.writePem(tmp.resolve("anchors/root.pem"), root.cert());
    ScanService scans = new ScanService(Blocklist.bundled());
    ScanOptions opts = new ScanOptions(false, List.of("pem:" + pem), null, tmp.resolve("home"), null, Map.of());
    try (TlsTestServer server = TlsTestServer.tls(TestCerts.keyStore(leaf, intermediate.cert()));
        Snapshots snapshots = new Snapshots(scans, opts, scans.policyFiles(opts))) {
      snapshots.start(60_000);
      HostContext ctx = new HostContext(Blocklist.bundled(), snapshots, "test");
      ObjectNode body = (ObjectNode) Json.MAPPER.readTree("{\"host\":\"127.0.0.1\",\"port\":" + server.port() + "}");
      ProbeResult r = (ProbeResult) new ProbeHandler().handle(new Request(IntNode.valueOf(9), "probe", body), ctx);
      assertThat(r.verdict().installedIn()).isNotEmpty();
      assertThat(r.chain()).hasSize(2);
      same(r);
    }
  }

  @Test
  void nullPartsMatchDatabind() throws Exception {
    ChainVerdict v = new ChainVerdict("clean", "unknown-root", null, -1, null, null);
    same(new ProbeResult(v, null, null, null, 443));
    same(new ProbeResult(null, Arrays.asList(new ProbeResult.PresentedCert(null, "CN=i", "aa", null), null),
        new ProbeResult.Tls("TLSv1.3", null), "example.test", 8443));
  }
}
