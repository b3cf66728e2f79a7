package org.anchorwatch.messaging;

import org.anchorwatch.config.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link HostLoop} running on its own thread, fed frame by frame, with every frame it writes
 * parsed as it arrives: for tests that need to see which reply comes first. A byte on stdout that
 * is not part of a well-formed frame fails {@link #next}.
 */
final class LiveHost implements AutoCloseable {
  private final PipedOutputStream toHost = new PipedOutputStream();
  private final FrameSink sink = new FrameSink();
  private final CompletableFuture<Integer> exit;

  LiveHost(HostContext ctx, List<Handler> handlers, Map<String, Lanes.Lane> lanes) throws IOException {
    this(framing -> new HostLoop(framing, ctx, handlers, null, lanes).run());
  }

  /** Any host code that serves one connection over {@code Framing} (HostMain.serve: caller check, config, cleanup). */
  LiveHost(java.util.function.ToIntFunction<Framing> host) throws IOException {
    PipedInputStream in = new PipedInputStream(toHost, 1 << 20);
    Framing framing = new Framing(in, sink);
    exit = CompletableFuture.supplyAsync(() -> host.applyAsInt(framing), r -> {
      Thread t = new Thread(r, "live-host");
      t.setDaemon(true);
      t.start();
    });
  }

  void send(String json) throws IOException {
    toHost.write(HostLoopTest.frame(json));
    toHost.flush();
  }

  /** The next reply frame (waits up to 30 s: a missing reply fails, a slow machine does not). */
  JsonNode next() throws Exception {
    Object o = sink.frames.poll(30, TimeUnit.SECONDS);
    if (o == null) throw new AssertionError("no reply frame within 30 s");
    if (o instanceof Throwable t) throw new AssertionError("stdout is not a sequence of frames", t);
    return (JsonNode) o;
  }

  /** Closes stdin and returns the exit code once the loop has drained; then every frame it wrote. */
  int finish(List<JsonNode> rest) throws Exception {
    toHost.close();
    int code = exit.get(60, TimeUnit.SECONDS);
    for (Object o; (o = sink.frames.poll()) != null; ) {
      if (o instanceof Throwable t) throw new AssertionError("stdout is not a sequence of frames", t);
      rest.add((JsonNode) o);
    }
    return code;
  }

  @Override
  public void close() throws IOException {
    toHost.close();
  }

  /** Parses frames as bytes arrive, from any thread. */
  private static final class FrameSink extends OutputStream {
    final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      buf.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      buf.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
      byte[] all = buf.toByteArray();
      ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.nativeOrder());
      List<Object> out = new ArrayList<>();
      while (bb.remaining() >= 4) {
        int n = bb.getInt(bb.position());
        if (n <= 0 || n > Framing.MAX_OUTBOUND) {
          out.add(new IllegalStateException("bad frame length " + n));
          bb.position(bb.limit());
          break;
        }
        if (bb.remaining() < 4 + n) break;
        bb.getInt();
        byte[] payload = new byte[n];
        bb.get(payload);
        try {
          out.add(Json.MAPPER.readTree(payload));
        } catch (IOException e) {
          out.add(e);
        }
      }
      buf.reset();
      buf.write(all, bb.position(), bb.remaining());
      frames.addAll(out);
    }
  }
}
