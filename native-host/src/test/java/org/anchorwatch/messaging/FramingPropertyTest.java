package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.messaging.handlers.CheckChainHandler;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.Snapshots;

/** Whatever bytes arrive, the host answers only with well-formed frames and never throws. */
class FramingPropertyTest {
  private static final Blocklist BLOCKLIST = Blocklist.bundled();

  @Property(tries = 300)
  void arbitraryInputNeverCorruptsStdout(@ForAll @Size(max = 600) byte[] input) throws Exception {
    run(input);
  }

  @Property(tries = 300)
  void arbitraryPayloadsInsideValidFramesAlwaysGetOneReplyEach(@ForAll @Size(max = 5) List<@Size(max = 300) byte[]> payloads) throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    int frames = 0;
    for (byte[] p : payloads) {
      if (p.length == 0) continue;
      in.writeBytes(HostLoopTest.frame(p));
      frames++;
    }
    assertThat(run(in.toByteArray())).hasSize(frames);
  }

  private static List<com.fasterxml.jackson.databind.JsonNode> run(byte[] input) throws Exception {
    try (Snapshots s = new Snapshots(new ScanService(BLOCKLIST), new ScanOptions(false, List.of(), null, null, null, Map.of()), List.of())) {
      s.start(60_000);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new HostLoop(new Framing(new ByteArrayInputStream(input), out), new HostContext(BLOCKLIST, s, "prop"),
          List.of(new HelloHandler(List.of()), new CheckChainHandler())).run();
      List<com.fasterxml.jackson.databind.JsonNode> replies = HostLoopTest.replies(out.toByteArray());
      replies.forEach(r -> assertThat(r.has("ok")).isTrue());
      return replies;
    }
  }
}
