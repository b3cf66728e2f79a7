package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.config.Json;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.junit.jupiter.api.Test;

/** Progress frames (quick and laned requests), a failing stdin, error replies' echoes, chunk boundaries. */
class HostLoopProgressTest {
  private final HostContext ctx = new HostContext(Blocklist.bundled(), null, "test");

  /** Sends progress "a", waits for {@code gate} (if any), sends "b", answers {"done": true}. */
  private static Handler stepping(String type, CountDownLatch gate) {
    return new Handler() {
      public String type() {
        return type;
      }

      public Object handle(Request request, HostContext context) {
        request.progress(Map.of("phase", "a"));
        if (gate != null) {
          try {
            gate.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        request.progress(Map.of("phase", "b"));
        return Map.of("done", true);
      }
    };
  }

  private static void progress(JsonNode frame, Object id, String type, String phase) {
    assertThat(frame.path("id").asText()).isEqualTo(String.valueOf(id));
    assertThat(frame.path("type").asText()).isEqualTo(type);
    assertThat(frame.path("progress").path("phase").asText()).as(frame.toString()).isEqualTo(phase);
  }

  @Test
  void quickAndLanedRequestsStreamProgressBeforeTheirReply() throws Exception {
    Map<String, Lanes.Lane> lanes = Map.of("laned", new Lanes.Lane("laned", 1, 1, 600_000));
    try (LiveHost host = new LiveHost(ctx, List.of(stepping("quick", null), stepping("laned", null)), lanes)) {
      host.send("{\"id\":1,\"type\":\"quick\"}");
      progress(host.next(), 1, "quick", "a");
      progress(host.next(), 1, "quick", "b");
      assertThat(host.next().path("result").path("done").asBoolean()).isTrue();
      host.send("{\"id\":2,\"type\":\"laned\"}");
      progress(host.next(), 2, "laned", "a");
      progress(host.next(), 2, "laned", "b");
      JsonNode r = host.next();
      assertThat(r.path("id").asInt()).isEqualTo(2);
      assertThat(r.path("result").path("done").asBoolean()).isTrue();
      List<JsonNode> rest = new ArrayList<>();
      assertThat(host.finish(rest)).isZero();
      assertThat(rest).isEmpty();
    }
  }

  /** After REQUEST_TIMEOUT nothing more goes out for that id: neither progress nor the late reply. */
  @Test
  void progressStopsOnceTheRequestHasTimedOut() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Map<String, Lanes.Lane> lanes = Map.of("late", new Lanes.Lane("late", 1, 1, 1000));
    try (LiveHost host = new LiveHost(ctx, List.of(stepping("late", gate), new HelloHandler(List.of("hello"))), lanes)) {
      host.send("{\"id\":7,\"type\":\"late\"}");
      progress(host.next(), 7, "late", "a");
      assertThat(host.next().path("error").path("code").asText()).isEqualTo("REQUEST_TIMEOUT");
      gate.countDown();
      host.send("{\"id\":8,\"type\":\"hello\"}");
      assertThat(host.next().path("id").asInt()).isEqualTo(8);
      List<JsonNode> rest = new ArrayList<>();
      assertThat(host.finish(rest)).isZero(); // waits for the late handler to end
      assertThat(rest).isEmpty();
    }
  }

  @Test
  void aFailingStdinEndsTheLoopWithExitOneAndNoFrame() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("stdin gone");
      }
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HostLoop loop = new HostLoop(new Framing(broken, out), ctx, List.of(new HelloHandler(List.of("hello"))));
    assertThat(loop.types()).containsExactly("hello");
    assertThat(loop.run()).isEqualTo(1);
    assertThat(out.size()).isZero();
  }

  /** A request without a usable id still names its type in the error, when the type is a string. */
  @Test
  void errorsForARequestWithoutIdEchoATextualType() throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (String r : List.of("{\"type\":\"hello\"}", "{\"type\":5}", "{\"id\":1.5,\"type\":\"hello\"}")) in.writeBytes(HostLoopTest.frame(r));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new HostLoop(new Framing(new java.io.ByteArrayInputStream(in.toByteArray()), out), ctx, List.of(new HelloHandler(List.of("hello")))).run();
    List<JsonNode> replies = HostLoopTest.replies(out.toByteArray());
    assertThat(replies).extracting(r -> r.path("error").path("code").asText()).containsOnly("MISSING_FIELD");
    assertThat(replies).extracting(r -> r.has("type") ? r.get("type").asText() : null).containsExactly("hello", null, "hello");
  }

  /**
   * Chunks split the result's JSON text so that each frame fits: never between the two halves of
   * a surrogate pair, and smaller steps when the text grows on encoding (3-byte UTF-8 characters).
   */
  @Test
  void chunksNeverSplitASurrogatePairAndFitWhenTheTextExpands() throws Exception {
    HostLoop loop = new HostLoop(new Framing(InputStream.nullInputStream(), java.io.OutputStream.nullOutputStream()), ctx, List.of());
    int step = (Framing.MAX_OUTBOUND - 4096) / 2;
    // the result's text is "\"" + s + "\"": its character step-1 (a piece's last) is s's step-2
    String pair = "a".repeat(step - 2) + "\ud83d\ude00" + "b".repeat(step);
    String euros = "\u20ac".repeat(600_000);
    for (String s : List.of(pair, euros)) {
      List<Reply> parts = loop.chunks(Reply.success(com.fasterxml.jackson.databind.node.IntNode.valueOf(3), "t", s));
      assertThat(parts.size()).isGreaterThan(1);
      StringBuilder joined = new StringBuilder();
      for (int i = 0; i < parts.size(); i++) {
        Reply.Chunk c = parts.get(i).chunk();
        assertThat(c.index()).isEqualTo(i);
        assertThat(c.count()).isEqualTo(parts.size());
        assertThat(Character.isHighSurrogate(c.data().charAt(c.data().length() - 1))).isFalse();
        assertThat(Json.MAPPER.writeValueAsBytes(parts.get(i)).length).isLessThanOrEqualTo(Framing.MAX_OUTBOUND);
        joined.append(c.data());
      }
      assertThat(Json.MAPPER.readTree(joined.toString()).asText()).isEqualTo(s);
    }
  }
}
