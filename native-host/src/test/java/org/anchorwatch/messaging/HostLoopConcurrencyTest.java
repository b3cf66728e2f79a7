package org.anchorwatch.messaging;

import org.anchorwatch.config.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.messaging.handlers.CheckChainHandler;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.messaging.handlers.ProbeHandler;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.Snapshots;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TlsTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Long requests run off the read loop: replies by id, out of order; a full lane is BUSY, an
 * overdue request REQUEST_TIMEOUT; concurrent chunked replies never interleave on stdout.
 * Every wait is for a state (a frame, a connection), never for an amount of time.
 */
class HostLoopConcurrencyTest {
  private Snapshots snapshots;
  private HostContext ctx;

  @BeforeEach
  void setUp() {
    Blocklist b = Blocklist.bundled();
    snapshots = new Snapshots(new ScanService(b), new ScanOptions(false, List.of(), null, null, null, Map.of()), List.of());
    snapshots.start(60_000);
    ctx = new HostContext(b, snapshots, "test");
  }

  @AfterEach
  void tearDown() {
    snapshots.close();
  }

  /** A handler that waits for its latch, then answers {"n": request's n}. */
  static Handler gated(String type, CountDownLatch gate) {
    return new Handler() {
      public String type() {
        return type;
      }

      public Object handle(Request request, HostContext context) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Map.of("n", request.body().path("n").asInt());
      }
    };
  }

  /** End of input: the loop drains its lanes, exits 0, and writes no further frame. */
  private static void assertExitsWithNothingMore(LiveHost host) throws Exception {
    List<JsonNode> rest = new ArrayList<>();
    assertThat(host.finish(rest)).isZero();
    assertThat(rest).isEmpty();
  }

  @Test
  void aProbeToAServerThatNeverAnswersTheHandshakeDelaysNeitherHelloNorCheckChain() throws Exception {
    try (TlsTestServer silent = TlsTestServer.silent();
        LiveHost host = new LiveHost(ctx, List.of(new HelloHandler(List.of("hello")), new CheckChainHandler(), new ProbeHandler()),
            Lanes.BY_TYPE)) {
      host.send("{\"id\":\"p\",\"type\":\"probe\",\"host\":\"127.0.0.1\",\"port\":" + silent.port() + ",\"timeoutMs\":10000}");
      assertThat(silent.awaitConnections(1)).as("the probe is inside its handshake").isEqualTo(1);
      String der = Base64.getEncoder().encodeToString(TestCerts.root("Concurrency Root").der());
      host.send("{\"id\":\"h\",\"type\":\"hello\"}");
      host.send("{\"id\":\"c\",\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"" + der + "\"}]}");
      JsonNode first = host.next();
      JsonNode second = host.next();
      assertThat(first.path("id").asText()).isEqualTo("h");
      assertThat(first.path("ok").asBoolean()).isTrue();
      assertThat(second.path("id").asText()).isEqualTo("c");
      assertThat(second.path("ok").asBoolean()).isTrue();
      // only now does the server give up: the probe's reply comes last, as a failure for its own id
      silent.close();
      JsonNode probe = host.next();
      assertThat(probe.path("id").asText()).isEqualTo("p");
      assertThat(probe.path("ok").asBoolean()).isFalse();
      assertThat(probe.path("error").path("code").asText()).isIn("PROBE_FAILED", "PROBE_TIMEOUT");
      assertExitsWithNothingMore(host);
    }
  }

  @Test
  void repliesComeByIdOutOfOrderAndAFullLaneIsBusy() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Map<String, Lanes.Lane> lanes = Map.of("slow", new Lanes.Lane("slow", 1, 1, 600_000));
    try (LiveHost host = new LiveHost(ctx, List.of(new HelloHandler(List.of("hello")), gated("slow", gate)), lanes)) {
      host.send("{\"id\":1,\"type\":\"slow\",\"n\":1}"); // runs, waits at the gate
      host.send("{\"id\":2,\"type\":\"slow\",\"n\":2}"); // waits in the queue (room for one)
      host.send("{\"id\":3,\"type\":\"slow\",\"n\":3}"); // no room: BUSY at once
      host.send("{\"id\":4,\"type\":\"hello\"}");
      JsonNode busy = host.next();
      assertThat(busy.path("id").asInt()).isEqualTo(3);
      assertThat(busy.path("error").path("code").asText()).isEqualTo("BUSY");
      assertThat(host.next().path("id").asInt()).as("hello overtakes the slow requests").isEqualTo(4);
      gate.countDown();
      JsonNode a = host.next();
      JsonNode b = host.next();
      assertThat(List.of(a.path("id").asInt(), b.path("id").asInt())).containsExactly(1, 2);
      assertThat(a.path("result").path("n").asInt()).isEqualTo(1);
      assertThat(b.path("result").path("n").asInt()).isEqualTo(2);
      assertExitsWithNothingMore(host);
    }
  }

  @Test
  void anOverdueRequestGetsRequestTimeoutAndItsLateReplyIsNeverSent() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Map<String, Lanes.Lane> lanes = Map.of("stuck", new Lanes.Lane("stuck", 1, 4, 1000));
    try (LiveHost host = new LiveHost(ctx, List.of(new HelloHandler(List.of("hello")), gated("stuck", gate)), lanes)) {
      host.send("{\"id\":\"s\",\"type\":\"stuck\",\"n\":7}");
      JsonNode timeout = host.next();
      assertThat(timeout.path("id").asText()).isEqualTo("s");
      assertThat(timeout.path("error").path("code").asText()).isEqualTo("REQUEST_TIMEOUT");
      assertThat(timeout.path("error").path("message").asText()).isEqualTo("'stuck' did not finish within 1 s");
      gate.countDown(); // the handler now finishes; its reply must be dropped
      host.send("{\"id\":\"h\",\"type\":\"hello\"}");
      assertThat(host.next().path("id").asText()).isEqualTo("h");
      assertExitsWithNothingMore(host); // exit waits for the stuck handler; its late reply is not sent
    }
  }

  @Test
  void concurrentChunkedRepliesNeverInterleave() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 1_500_000; i++) big.append((char) ('a' + i % 26));
    String text = big.toString();
    CountDownLatch allIn = new CountDownLatch(4);
    Handler huge = new Handler() {
      public String type() {
        return "huge";
      }

      public Object handle(Request request, HostContext context) throws org.anchorwatch.errors.AnchorwatchException {
        allIn.countDown();
        try {
          allIn.await(); // all four write at the same time
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Map.of("text", text, "n", request.body().path("n").asInt());
      }
    };
    Map<String, Lanes.Lane> lanes = Map.of("huge", new Lanes.Lane("huge", 4, 4, 600_000));
    List<JsonNode> frames = new ArrayList<>();
    try (LiveHost host = new LiveHost(ctx, List.of(huge), lanes)) {
      for (int n = 0; n < 4; n++) host.send("{\"id\":" + n + ",\"type\":\"huge\",\"n\":" + n + "}");
      assertThat(host.finish(frames)).isZero();
    }
    // each reply's chunks arrive together and in order: index 0..count-1, then the next reply
    Map<Integer, StringBuilder> joined = new HashMap<>();
    int i = 0;
    while (i < frames.size()) {
      JsonNode c = frames.get(i).path("chunk");
      int id = frames.get(i).path("id").asInt();
      int count = c.path("count").asInt();
      assertThat(count).isGreaterThan(1);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < count; k++, i++) {
        assertThat(frames.get(i).path("id").asInt()).isEqualTo(id);
        assertThat(frames.get(i).path("chunk").path("index").asInt()).isEqualTo(k);
        sb.append(frames.get(i).path("chunk").path("data").asText());
      }
      joined.put(id, sb);
    }
    assertThat(joined).hasSize(4);
    for (var e : joined.entrySet()) {
      JsonNode result = Json.MAPPER.readTree(e.getValue().toString());
      assertThat(result.path("n").asInt()).isEqualTo(e.getKey());
      assertThat(result.path("text").asText()).isEqualTo(text);
    }
  }
}
