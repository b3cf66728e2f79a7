package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.config.JsonTree;
import org.anchorwatch.messaging.handlers.CheckChainHandler;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostLoopFastPathTest {
  @TempDir java.nio.file.Path empty;

  private static byte[] frames(String... requests) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String r : requests) {
      byte[] b = r.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(b.length).array());
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private static List<JsonNode> replies(byte[] out) throws Exception {
    List<JsonNode> list = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
    while (buf.remaining() > 0) {
      byte[] b = new byte[buf.getInt()];
      buf.get(b);
      list.add(JsonTree.read(b));
    }
    return list;
  }

  private List<JsonNode> converse(AtomicInteger hookRuns, Snapshots snapshots, String... requests) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Framing framing = new Framing(new ByteArrayInputStream(frames(requests)), out);
    Blocklist bl = Blocklist.bundled();
    List<Handler> handlers = List.of(new HelloHandler(List.of("hello", "checkChain")), new CheckChainHandler());
    int code = new HostLoop(framing, new HostContext(bl, snapshots, "test"), handlers, () -> {
      hookRuns.incrementAndGet();
      snapshots.start(60_000);
    }).run();
    assertThat(code).isZero();
    return replies(out.toByteArray());
  }

  private Snapshots emptyStores() {
    ScanOptions opts = new ScanOptions(false, List.of(), empty, empty, null, System.getenv());
    ScanService service = new ScanService(Blocklist.bundled());
    Snapshots s = new Snapshots(service, opts, service.policyFiles(opts));
    s.defer(60_000);
    return s;
  }

  @Test
  void helloIsAnsweredAndTheScanStartsAfterTheFirstReply() throws Exception {
    AtomicInteger hook = new AtomicInteger();
    try (Snapshots s = emptyStores()) {
      List<JsonNode> r = converse(hook, s, "{\"id\":1,\"type\":\"hello\"}", "{\"id\":2,\"type\":\"hello\"}");
      assertThat(r).hasSize(2);
      assertThat(r.get(0).path("result").path("capabilities").toString()).isEqualTo("[\"hello\",\"checkChain\"]");
      assertThat(hook.get()).isEqualTo(1);
    }
  }

  @Test
  void checkChainFirstStartsTheDeferredScanItselfAndRepeatsAnswerTheSame() throws Exception {
    String der = org.anchorwatch.CdsWarmup.CERT;
    String req = "{\"id\":%d,\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"" + der + "\",\"isBuiltInRoot\":false}]}";
    try (Snapshots s = emptyStores()) {
      List<JsonNode> r = converse(new AtomicInteger(), s, String.format(req, 1), String.format(req, 2),
          "{\"id\":3,\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"!!\"}]}");
      assertThat(r.get(0).path("ok").asBoolean()).isTrue();
      assertThat(r.get(0).path("result")).isEqualTo(r.get(1).path("result")); // repeats answer the same
      assertThat(r.get(0).path("result").path("reason").asText()).isEqualTo("non-built-in-root");
      assertThat(r.get(2).path("error").path("code").asText()).isEqualTo("BAD_CERTIFICATE");
      assertThat(r.get(2).path("error").path("message").asText()).isEqualTo("chain[0].rawDER is not base64");
    }
  }

  @Test
  void nonUtf8AndBadJsonAreStillReported() throws Exception {
    try (Snapshots s = emptyStores()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] bad = {'{', '"', (byte) 0xC3, '"', '}'};
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      in.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(bad.length).array());
      in.writeBytes(bad);
      in.writeBytes(frames("{nope", "{\"id\":1,\"type\":\"x\u00e9\"}"));
      Framing framing = new Framing(new ByteArrayInputStream(in.toByteArray()), out);
      new HostLoop(framing, new HostContext(Blocklist.bundled(), s, "t"), List.of(new HelloHandler(List.of("hello")))).run();
      List<JsonNode> r = replies(out.toByteArray());
      assertThat(r.get(0).path("error").path("code").asText()).isEqualTo("BAD_UTF8");
      assertThat(r.get(1).path("error").path("code").asText()).isEqualTo("BAD_JSON");
      assertThat(r.get(2).path("error").path("code").asText()).isEqualTo("UNKNOWN_TYPE");
    }
  }
}
