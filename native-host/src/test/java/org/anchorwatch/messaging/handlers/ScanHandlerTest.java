package org.anchorwatch.messaging.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.config.Json;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.Snapshots;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanHandlerTest {
  @TempDir Path tmp;

  private static Request scan(String body) throws Exception {
    return new Request(IntNode.valueOf(1), "scan", (ObjectNode) Json.MAPPER.readTree(body));
  }

  /** "refresh": true scans the stores again now; a certificate added since the last scan is in its result. */
  @Test
  void refreshScansAgainNow() throws Exception {
    Path pem = TestCerts.writePem(tmp.resolve("anchors.pem"), TestCerts.root("Scan Handler One").cert());
    ScanService scans = new ScanService(Blocklist.bundled());
    ScanOptions opts = new ScanOptions(false, List.of("pem:" + pem), null, tmp.resolve("home"), null, Map.of());
    try (Snapshots snapshots = new Snapshots(scans, opts, List.of())) {
      snapshots.start(600_000);
      HostContext ctx = new HostContext(Blocklist.bundled(), snapshots, "test");
      ScanHandler h = new ScanHandler();
      assertThat(((ScanResult) h.handle(scan("{}"), ctx)).summary().certificates()).isEqualTo(1);
      TestCerts.writePem(pem, TestCerts.root("Scan Handler One").cert(), TestCerts.root("Scan Handler Two").cert());
      assertThat(((ScanResult) h.handle(scan("{\"refresh\":true}"), ctx)).summary().certificates()).isEqualTo(2);
      assertThat(((ScanResult) h.handle(scan("{\"refresh\":false}"), ctx)).summary().certificates()).isEqualTo(2);
    }
  }
}
