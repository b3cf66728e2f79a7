package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.BlocklistUpdates;
import org.anchorwatch.blocklist.TestSigning;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.messaging.handlers.ScanHandler;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.Snapshots;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running host loop (wired as HostMain wires it: list supplier, watcher over the installed list
 * files) picks up an update installed while it runs: hello reports the new sequence and source,
 * and the scan finds a root only the update blocklists, with no restart and no refresh flag.
 */
class SignedUpdateHostTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void aRunningHostUsesAnUpdateInstalledWhileItRuns() throws Exception {
    TestCerts.Issued evil = TestCerts.root("CN=Only The Update Knows Me");
    evil.writePem(dir.resolve("store/evil.pem"));
    BlocklistUpdates.Locations where = new BlocklistUpdates.Locations(dir.resolve("machine/blocklist.signed"), dir.resolve("user/blocklist.signed"));
    BlocklistUpdates updates = TestSigning.updates(where, Clock.systemUTC());
    ScanOptions opts = new ScanOptions(false, List.of("pem:" + dir.resolve("store")), null, null, null, Map.of());
    ScanService service = new ScanService(updates::current);
    List<Path> watched = new ArrayList<>(service.policyFiles(opts));
    watched.addAll(where.files());

    PipedOutputStream toHost = new PipedOutputStream();
    PipedInputStream hostIn = new PipedInputStream(toHost, 1 << 20);
    PipedInputStream fromHost = new PipedInputStream(1 << 20);
    PipedOutputStream hostOut = new PipedOutputStream(fromHost);
    try (Snapshots snapshots = new Snapshots(service, opts, watched)) {
      snapshots.start(50);
      HostContext ctx = new HostContext(updates::current, snapshots, "test", () -> null);
      Thread host = new Thread(() -> new HostLoop(new Framing(hostIn, hostOut), ctx,
          List.of(new HelloHandler(List.of("hello", "scan")), new ScanHandler())).run(), "host-loop");
      host.setDaemon(true);
      host.start();
      DataInputStream replies = new DataInputStream(fromHost);

      JsonNode hello = ask(toHost, replies, "{\"id\":1,\"type\":\"hello\"}");
      assertThat(hello.at("/result/blocklist/source").asText()).isEqualTo("bundled");
      assertThat(hello.at("/result/blocklist/sequence").asLong()).isEqualTo(Blocklist.bundled().sequence());
      assertThat(levelOf(ask(toHost, replies, "{\"id\":2,\"type\":\"scan\"}"))).isNotEqualTo("blocked");

      ObjectNode list = (ObjectNode) MAPPER.readTree(TestSigning.bundledJson());
      list.put("version", "2026.12.01-1");
      list.withArray("entries").addObject().put("id", "test-update-only").put("name", "Update-only root")
          .put("spkiSha256", evil.spkiSha256()).put("category", "government-mitm").put("tier", "interception");
      updates.install(TestSigning.signed(MAPPER.writeValueAsBytes(list), 7, Instant.now().plus(30, ChronoUnit.DAYS), List.of(), "test-a"),
          BlocklistUpdates.Scope.USER);

      hello = ask(toHost, replies, "{\"id\":3,\"type\":\"hello\"}");
      assertThat(hello.at("/result/blocklist/source").asText()).isEqualTo("user");
      assertThat(hello.at("/result/blocklist/sequence").asLong()).isEqualTo(7);
      assertThat(hello.at("/result/blocklist/version").asText()).isEqualTo("2026.12.01-1");
      // the watcher notices the new list file and rescans: wait for that state, no refresh flag
      int id = 4;
      String level;
      while (!"blocked".equals(level = levelOf(ask(toHost, replies, "{\"id\":" + id++ + ",\"type\":\"scan\"}")))) {
        Thread.sleep(20); // polling for that state, not a timing assertion
      }
      JsonNode scan = ask(toHost, replies, "{\"id\":" + id + ",\"type\":\"scan\"}");
      assertThat(scan.at("/result/findings/0/entry/id").asText()).isEqualTo("test-update-only");
      toHost.close();
      host.join(10_000);
    }
  }

  private static String levelOf(JsonNode scanReply) {
    assertThat(scanReply.path("ok").asBoolean()).as(scanReply.toString()).isTrue();
    JsonNode f = scanReply.at("/result/findings");
    assertThat(f).hasSize(1);
    return f.get(0).path("level").asText();
  }

  private static JsonNode ask(PipedOutputStream toHost, DataInputStream replies, String json) throws Exception {
    byte[] p = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    toHost.write(ByteBuffer.allocate(4 + p.length).order(ByteOrder.nativeOrder()).putInt(p.length).put(p).array());
    toHost.flush();
    byte[] len = new byte[4];
    replies.readFully(len);
    byte[] body = new byte[ByteBuffer.wrap(len).order(ByteOrder.nativeOrder()).getInt()];
    replies.readFully(body);
    return MAPPER.readTree(body);
  }
}
