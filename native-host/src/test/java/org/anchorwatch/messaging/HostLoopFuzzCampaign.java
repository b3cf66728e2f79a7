package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.messaging.handlers.CheckChainHandler;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.messaging.handlers.ProbeHandler;
import org.anchorwatch.messaging.handlers.ScanHandler;
import org.anchorwatch.probe.ProbeService;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.Snapshots;
import org.anchorwatch.testsupport.TestCerts;

/**
 * The long fuzz campaign of the concurrent host loop (not part of ./test.sh; the quick property
 * test FramingPropertyTest is). Every try feeds the real {@link HostLoop} (real lanes, real
 * handlers) a stream of random and mutated frames and checks: it returns within 60 s (no hang),
 * never throws (no crash), exit 0 when the framing is intact, and stdout is nothing but
 * well-formed frames, exactly one final reply per request frame. Probes can only ever reach
 * 127.0.0.1: the resolver maps every name, literal and proxy to it, and the environment is empty.
 *
 * <p>Run: {@code mvn -B -q -pl native-host -am test -Dtest=HostLoopFuzzCampaign
 * -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default=100000} (docs/PERFORMANCE.md,
 * "Fuzz campaign"); the figures are printed to stderr at the end.
 */
class HostLoopFuzzCampaign {
  private static final Blocklist BLOCKLIST = Blocklist.bundled();
  private static final Snapshots SNAPSHOTS = new Snapshots(new ScanService(BLOCKLIST),
      new ScanOptions(false, List.of(), null, null, null, Map.of()), List.of());
  private static final AtomicLong FRAMES = new AtomicLong();
  private static final AtomicLong TRIES = new AtomicLong();
  private static final AtomicLong BYTES_OUT = new AtomicLong();
  private static final long START = System.nanoTime();
  private static final String DER = Base64.getEncoder().encodeToString(TestCerts.root("Fuzz Root").der());
  private static final List<String> SEEDS = List.of(
      "{\"id\":1,\"type\":\"hello\"}",
      "{\"id\":\"c\",\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"" + DER + "\",\"isBuiltInRoot\":false}]}",
      "{\"id\":2,\"type\":\"checkChain\",\"chain\":[{\"spkiSha256\":\"" + "ab".repeat(32) + "\"}]}",
      "{\"id\":3,\"type\":\"scan\",\"refresh\":false}",
      "{\"id\":4,\"type\":\"probe\",\"host\":\"localhost\",\"port\":9,\"timeoutMs\":100}",
      "{\"id\":5,\"type\":\"probe\",\"host\":\"example.invalid\",\"port\":8443,\"timeoutMs\":100,\"proxy\":{\"mode\":\"http\",\"host\":\"127.0.0.1\",\"port\":1}}",
      "{\"id\":6,\"type\":\"probe\",\"host\":\"10.0.0.1\",\"timeoutMs\":100,\"proxy\":{\"mode\":\"socks5\",\"host\":\"::1\",\"port\":1},\"pageAddress\":\"10.0.0.1\"}",
      "{\"id\":7,\"type\":\"probe\",\"host\":\"a.example\",\"proxy\":{\"mode\":\"pac\"}}",
      "{\"id\":8,\"type\":\"nope\"}");

  static {
    SNAPSHOTS.start(3_600_000);
  }

  private static final InetAddress LOOPBACK;

  static {
    try {
      LOOPBACK = InetAddress.getByName("127.0.0.1");
    } catch (java.net.UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static List<Handler> handlers() {
    ProbeService loopbackOnly = new ProbeService(host -> new InetAddress[] {LOOPBACK});
    return List.of(new HelloHandler(List.of("hello")), new CheckChainHandler(), new ScanHandler(),
        new ProbeHandler(loopbackOnly, Map.of()));
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
    Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(SEEDS), Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, 1 << 20), Arbitraries.bytes()).as(HostLoopFuzzCampaign::mutate);
    Arbitrary<byte[]> seeds = Arbitraries.of(SEEDS).map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, random), net.jqwik.api.Tuple.of(6, mutated), net.jqwik.api.Tuple.of(2, seeds));
  }

  /** One structural mutation of a valid request: flip, cut, insert, duplicate, retype, re-id. */
  static byte[] mutate(String seed, int op, int where, byte value) {
    byte[] b = seed.getBytes(StandardCharsets.UTF_8);
    int at = where % b.length;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    switch (op) {
      case 0 -> { // flip one byte
        b[at] ^= (byte) (value == 0 ? 1 : value);
        return b;
      }
      case 1 -> { // cut
        return at == 0 ? new byte[] {b[0]} : java.util.Arrays.copyOf(b, at);
      }
      case 2 -> { // insert a byte
        o.write(b, 0, at);
        o.write(value);
        o.write(b, at, b.length - at);
        return o.toByteArray();
      }
      case 3 -> { // duplicate a slice
        o.write(b, 0, at);
        o.write(b, at / 2, at - at / 2);
        o.write(b, at, b.length - at);
        return o.toByteArray();
      }
      case 4 -> { // a numeric field becomes something else
        String s = seed.replaceFirst("\"(port|timeoutMs|id)\":\\d+", "\"$1\":" + List.of("-1", "1e999", "\"x\"", "null", "[]", "99999999999999999999")
            .get(Math.floorMod(value, 6)));
        return s.getBytes(StandardCharsets.UTF_8);
      }
      default -> { // a string field becomes odd
        String s = seed.replaceFirst("\"(host|type|mode)\":\"[^\"]*\"", "\"$1\":\"" + List.of("", "\\u0000", "[::1]", "a b", "x".repeat(300),
            "\\ud800").get(Math.floorMod(value, 6)) + "\"");
        return s.getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  @Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
  void theLoopNeverCrashesHangsOrWritesAnythingButFrames(@ForAll("streams") List<byte[]> frames) throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (byte[] f : frames) in.writeBytes(HostLoopTest.frame(f));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HostLoop loop = new HostLoop(new Framing(new ByteArrayInputStream(in.toByteArray()), out),
        new HostContext(BLOCKLIST, SNAPSHOTS, "fuzz"), handlers());
    int exit = CompletableFuture.supplyAsync(loop::run).get(60, TimeUnit.SECONDS); // a hang fails here
    assertThat(exit).isZero();
    byte[] written = out.toByteArray();
    List<JsonNode> replies = HostLoopTest.replies(written); // fails on any byte that is not a frame
    Set<String> finals = new HashSet<>();
    int finalCount = 0;
    for (JsonNode r : replies) {
      assertThat(r.isObject() && r.has("ok") && r.has("id")).as(r.toString()).isTrue();
      if (r.has("progress")) continue;
      if (r.has("chunk") && r.path("chunk").path("index").asInt() != r.path("chunk").path("count").asInt() - 1) continue;
      finalCount++;
      finals.add(r.path("id").toString());
    }
    assertThat(finalCount).as("one final reply per frame").isEqualTo(frames.size());
    FRAMES.addAndGet(frames.size());
    TRIES.incrementAndGet();
    BYTES_OUT.addAndGet(written.length);
  }

  @Provide
  Arbitrary<List<byte[]>> streams() {
    return payloads().list().ofMinSize(10).ofMaxSize(60);
  }

  @AfterContainer
  static void report() {
    double s = (System.nanoTime() - START) / 1e9;
    System.err.printf("fuzz campaign: %d tries, %d frames, %d bytes of replies (all frames), %.0f s, 0 crashes, 0 hangs%n",
        TRIES.get(), FRAMES.get(), BYTES_OUT.get(), s);
  }
}
