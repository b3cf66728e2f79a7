package org.anchorwatch.messaging;

import org.anchorwatch.config.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.messaging.handlers.CheckChainHandler;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.messaging.handlers.ScanHandler;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.Snapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loop in-process over byte streams; HostProtocolIT does the same against the real jar. */
class HostLoopTest {
  private Snapshots snapshots;
  private HostContext ctx;

  @BeforeEach
  void setUp() {
    Blocklist b = Blocklist.bundled();
    ScanOptions none = new ScanOptions(false, List.of(), null, null, null, Map.of());
    snapshots = new Snapshots(new ScanService(b), none, List.of());
    snapshots.start(60_000);
    ctx = new HostContext(b, snapshots, "test");
  }

  @AfterEach
  void tearDown() {
    snapshots.close();
  }

  static byte[] frame(byte[] payload) {
    return ByteBuffer.allocate(4 + payload.length).order(ByteOrder.nativeOrder()).putInt(payload.length).put(payload).array();
  }

  static byte[] frame(String json) {
    return frame(json.getBytes(StandardCharsets.UTF_8));
  }

  static List<JsonNode> replies(byte[] out) throws Exception {
    List<JsonNode> r = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
    while (buf.remaining() >= 4) {
      int n = buf.getInt();
      byte[] b = new byte[n];
      buf.get(b);
      assertThat(n).isLessThanOrEqualTo(Framing.MAX_OUTBOUND);
      r.add(Json.MAPPER.readTree(b));
    }
    assertThat(buf.remaining()).isZero();
    return r;
  }

  private record Run(int exit, List<JsonNode> replies) {}

  private Run run(byte[] input, List<Handler> extra) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Handler> hs = new ArrayList<>(List.of(new HelloHandler(List.of("hello")), new ScanHandler(), new CheckChainHandler()));
    hs.addAll(extra);
    int exit = new HostLoop(new Framing(new ByteArrayInputStream(input), out), ctx, hs).run();
    return new Run(exit, replies(out.toByteArray()));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) o.writeBytes(p);
    return o.toByteArray();
  }

  @Test
  void recoverableBadInputGetsErrorsAndTheConnectionGoesOn() throws Exception {
    Run r = run(concat(
        frame("{\"id\":1,\"type\":\"hello\"}"),
        frame(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}),
        frame("{not json"),
        frame("[1,2]"),
        frame("{\"type\":\"hello\"}"),
        frame("{\"id\":{\"x\":1},\"type\":\"hello\"}"),
        frame("{\"id\":2}"),
        frame("{\"id\":3,\"type\":\"launchMissiles\"}"),
        frame("{\"id\":4,\"type\":\"checkChain\"}"),
        frame("{\"id\":5,\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"MIIBAAAA\"}]}"),
        frame("{\"id\":6,\"type\":\"checkChain\",\"chain\":[{\"spkiSha256\":\"nothex\"}]}"),
        frame("{\"id\":7,\"type\":\"checkChain\",\"chain\":[{}]}"),
        frame("{\"id\":\"last\",\"type\":\"hello\"}")), List.of());
    assertThat(r.exit()).isZero();
    assertThat(r.replies()).extracting(n -> n.path("id").asText(), n -> n.path("ok").asBoolean(), n -> n.path("error").path("code").asText())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", true, ""),
            org.assertj.core.groups.Tuple.tuple("null", false, "BAD_UTF8"),
            org.assertj.core.groups.Tuple.tuple("null", false, "BAD_JSON"),
            org.assertj.core.groups.Tuple.tuple("null", false, "BAD_JSON"),
            org.assertj.core.groups.Tuple.tuple("null", false, "MISSING_FIELD"),
            org.assertj.core.groups.Tuple.tuple("null", false, "MISSING_FIELD"),
            org.assertj.core.groups.Tuple.tuple("2", false, "MISSING_FIELD"),
            org.assertj.core.groups.Tuple.tuple("3", false, "UNKNOWN_TYPE"),
            org.assertj.core.groups.Tuple.tuple("4", false, "MISSING_FIELD"),
            org.assertj.core.groups.Tuple.tuple("5", false, "BAD_CERTIFICATE"),
            org.assertj.core.groups.Tuple.tuple("6", false, "BAD_HASH"),
            org.assertj.core.groups.Tuple.tuple("7", false, "MISSING_FIELD"),
            org.assertj.core.groups.Tuple.tuple("last", true, ""));
    assertThat(r.replies().get(0).path("result").path("protocol").asInt()).isEqualTo(1);
  }

  /** A request of {@code length} bytes: ASCII JSON, with {@code bad} (invalid UTF-8) written at {@code at}, or none. */
  private static byte[] paddedHello(int length, int at, byte[] bad) {
    byte[] b = ("{\"id\":1,\"type\":\"hello\",\"pad\":\"" + "x".repeat(length) ).getBytes(StandardCharsets.US_ASCII);
    b = java.util.Arrays.copyOf(b, length);
    b[length - 2] = '"';
    b[length - 1] = '}';
    if (bad != null) System.arraycopy(bad, 0, b, at, bad.length);
    return b;
  }

  /**
   * Frames of 64 bytes and more take the eight-bytes-at-a-time ASCII check: invalid UTF-8 in any
   * word of it, or in the tail after the last full word, is BAD_UTF8 (not BAD_JSON, which Jackson
   * would say if the UTF-8 check were skipped); valid non-ASCII text is accepted.
   */
  @Test
  void longFramesWithInvalidUtf8AreBadUtf8WhereverTheByteSits() throws Exception {
    byte[] lone = {(byte) 0xFF};
    byte[] broken = {(byte) 0xC3, (byte) 0x28};
    List<byte[]> frames = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    // 8 200 and 20 000 bytes: the check copies 1 024 words at a time, so a byte past the first copies counts too
    for (int length : new int[] {64, 71, 200, 8_200, 20_000}) {
      for (int at : new int[] {30, 39, 47, 56, length / 2 + 1, length - 3}) {
        frames.add(paddedHello(length, at, at % 2 == 0 ? lone : broken));
        expected.add("BAD_UTF8");
      }
      frames.add(paddedHello(length, 0, null));
      expected.add("");
      byte[] accented = paddedHello(length, 0, null);
      System.arraycopy("\u00e9\u00e9".getBytes(StandardCharsets.UTF_8), 0, accented, length - 6, 4);
      frames.add(accented);
      expected.add("");
    }
    byte[][] framed = frames.stream().map(HostLoopTest::frame).toArray(byte[][]::new);
    Run r = run(concat(framed), List.of());
    assertThat(r.replies()).extracting(n -> n.path("error").path("code").asText()).containsExactlyElementsOf(expected);
    assertThat(r.replies()).filteredOn(n -> n.path("ok").asBoolean()).allSatisfy(n -> assertThat(n.path("id").asInt()).isEqualTo(1));
  }

  /**
   * Replies must reach the browser while the host waits for its next request: with the host's
   * real 64 KiB buffered stdout, a reply left in the buffer would never arrive (both sides wait).
   * The input checks, before it hands out each next frame, that every reply so far has reached
   * the other end of the buffer.
   */
  @Test
  void everyReplyIsFlushedBeforeTheNextRequestIsRead() throws Exception {
    ByteArrayOutputStream browser = new ByteArrayOutputStream();
    List<byte[]> requests = List.of(frame("{\"id\":1,\"type\":\"hello\"}"), frame("{not json"), frame("{\"id\":3,\"type\":\"hello\"}"));
    List<Integer> seenBeforeEachRead = new ArrayList<>();
    java.io.InputStream stdin = new java.io.InputStream() {
      private int next;
      private java.io.ByteArrayInputStream current = new java.io.ByteArrayInputStream(new byte[0]);

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (current.available() == 0) {
          if (next == requests.size()) return -1;
          synchronized (browser) {
            try {
              seenBeforeEachRead.add(replies(browser.toByteArray()).size());
            } catch (Exception e) {
              throw new IllegalStateException("stdout is not a sequence of frames", e);
            }
          }
          current = new java.io.ByteArrayInputStream(requests.get(next++));
        }
        return current.read(b, off, len);
      }
    };
    java.io.OutputStream pipe = new java.io.OutputStream() {
      @Override
      public void write(int b) {
        synchronized (browser) {
          browser.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (browser) {
          browser.write(b, off, len);
        }
      }
    };
    java.io.BufferedOutputStream stdout = new java.io.BufferedOutputStream(pipe, 1 << 16);
    int exit = new HostLoop(new Framing(stdin, stdout), ctx, List.of(new HelloHandler(List.of("hello")))).run();
    assertThat(exit).isZero();
    assertThat(seenBeforeEachRead).containsExactly(0, 1, 2);
    assertThat(replies(browser.toByteArray())).extracting(n -> n.path("error").path("code").asText()).containsExactly("", "BAD_JSON", "");
  }

  @Test
  void unrecoverableFramingEndsWithOneErrorFrame() throws Exception {
    byte[] oversize = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(Framing.MAX_INBOUND + 1).array();
    Run r = run(concat(frame("{\"id\":1,\"type\":\"hello\"}"), oversize, frame("{\"id\":2,\"type\":\"hello\"}")), List.of());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.replies()).hasSize(2);
    assertThat(r.replies().get(1).path("error").path("code").asText()).isEqualTo("BAD_LENGTH");

    Run zero = run(new byte[] {0, 0, 0, 0}, List.of());
    assertThat(zero.replies()).singleElement().satisfies(n -> assertThat(n.path("error").path("code").asText()).isEqualTo("BAD_LENGTH"));

    byte[] full = frame("{\"id\":1,\"type\":\"hello\"}");
    Run truncated = run(java.util.Arrays.copyOf(full, full.length - 3), List.of());
    assertThat(truncated.exit()).isEqualTo(1);
    assertThat(truncated.replies()).singleElement().satisfies(n -> assertThat(n.path("error").path("code").asText()).isEqualTo("TRUNCATED_FRAME"));

    Run halfPrefix = run(new byte[] {5, 0}, List.of());
    assertThat(halfPrefix.replies()).singleElement().satisfies(n -> assertThat(n.path("error").path("code").asText()).isEqualTo("TRUNCATED_FRAME"));

    Run empty = run(new byte[0], List.of());
    assertThat(empty.exit()).isZero();
    assertThat(empty.replies()).isEmpty();
  }

  @Test
  void aHandlerBugIsAnInternalErrorNotACrash() throws Exception {
    Handler broken = HostLoopLogTest.throwing("broken", new NullPointerException("bug"));
    Run r = run(concat(frame("{\"id\":1,\"type\":\"broken\"}"), frame("{\"id\":2,\"type\":\"hello\"}")), List.of(broken));
    assertThat(r.replies()).extracting(n -> n.path("error").path("code").asText()).containsExactly("INTERNAL", "");
  }

  @Test
  void resultsOverTheOutboundCapArriveInChunksThatReassemble() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 300_000; i++) big.append(i % 7 == 0 ? '"' : (char) ('a' + i % 26)).append(i % 11 == 0 ? "\u00e9\ud83d\ude00" : "");
    String text = big.toString();
    Handler huge = new Handler() {
      public String type() {
        return "huge";
      }

      public Object handle(Request request, HostContext context) {
        return Map.of("text", text, "more", text);
      }
    };
    Run r = run(frame("{\"id\":9,\"type\":\"huge\"}"), List.of(huge));
    assertThat(r.replies().size()).isGreaterThan(1);
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < r.replies().size(); i++) {
      JsonNode c = r.replies().get(i).path("chunk");
      assertThat(r.replies().get(i).path("id").asInt()).isEqualTo(9);
      assertThat(c.path("index").asInt()).isEqualTo(i);
      assertThat(c.path("count").asInt()).isEqualTo(r.replies().size());
      joined.append(c.path("data").asText());
    }
    JsonNode result = Json.MAPPER.readTree(joined.toString());
    assertThat(result.path("text").asText()).isEqualTo(text);
    assertThat(result.path("more").asText()).isEqualTo(text);
  }

  @Test
  void scanReplyIsTheSameDocumentAsTheCli() throws Exception {
    Run r = run(frame("{\"id\":\"s\",\"type\":\"scan\",\"refresh\":true}"), List.of());
    JsonNode result = r.replies().get(0).path("result");
    assertThat(result.has("stores")).isTrue();
    assertThat(result.has("findings")).isTrue();
    assertThat(result.path("summary").path("blocklistVersion").asText()).isNotEmpty();
    assertThat(result.has("index")).isFalse();
  }

}
