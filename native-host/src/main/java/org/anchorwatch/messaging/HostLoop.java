package org.anchorwatch.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anchorwatch.config.Log;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.errors.ErrorInfo;

/**
 * One long-lived connection: read a frame, dispatch it, repeat until the browser closes the port.
 * Quick requests (hello, checkChain) are answered on this loop; long ones (probe, scan, cleanup)
 * run on their lane ({@link Lanes}) and answer when done, so replies may come out of order and
 * are matched by id. Frames are written under one lock, so frames (and a reply's chunks) never
 * interleave. Bad input gets an error reply and the loop goes on; only a framing error that loses
 * the frame boundary ends it (after one last error frame).
 */
public final class HostLoop {
  /** Room for the envelope around a chunk's data. */
  private static final int CHUNK_BUDGET = Framing.MAX_OUTBOUND - 4096;

  private final Framing framing;
  private final HostContext context;
  private final Map<String, Handler> handlers = new LinkedHashMap<>();
  /** Strict UTF-8 check for frames that are not plain ASCII; one per loop (the loop is single-threaded). */
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private Runnable afterFirstReply;
  private final Map<String, Lanes.Lane> lanes;
  private final Dispatcher dispatcher = new Dispatcher();
  /** Every frame goes out under this lock, a chunked reply's frames together. */
  private final Object writeLock = new Object();
  private final Ascii ascii = new Ascii();

  public HostLoop(Framing framing, HostContext context, List<Handler> handlers) {
    this(framing, context, handlers, null);
  }

  public HostLoop(Framing framing, HostContext context, List<Handler> handlers, Runnable afterFirstReply) {
    this(framing, context, handlers, afterFirstReply, Lanes.BY_TYPE);
  }

  /**
   * @param afterFirstReply run once, right after the first reply is written: heavy start-up work
   *     (the first store scan) waits until hello has been answered
   */
  /** @param lanes which types leave the read loop (tests pass their own table) */
  HostLoop(Framing framing, HostContext context, List<Handler> handlers, Runnable afterFirstReply, Map<String, Lanes.Lane> lanes) {
    this.lanes = lanes;
    this.framing = framing;
    this.context = context;
    for (Handler h : handlers) this.handlers.put(h.type(), h);
    this.afterFirstReply = afterFirstReply;
  }

  public List<String> types() {
    return List.copyOf(handlers.keySet());
  }

  /**
   * Runs until end of input, then waits for the requests still running (each at most its lane's
   * limit). Returns the process exit code: 0 clean close, 1 unrecoverable stream.
   */
  public int run() {
    try {
      return loop();
    } finally {
      dispatcher.drain();
    }
  }

  private int loop() {
    while (true) {
      byte[] frame;
      try {
        frame = framing.read();
      } catch (FrameException e) {
        Log.warn("closing: " + e.code() + ": " + e.getMessage());
        send(Reply.failure(NullNode.instance, null, ErrorInfo.of(e)));
        return 1;
      } catch (IOException e) {
        Log.warn("closing: input failed: " + e.getMessage());
        return 1;
      }
      if (frame == null) return 0;
      dispatch(frame);
      if (afterFirstReply != null) {
        Runnable r = afterFirstReply;
        afterFirstReply = null;
        r.run();
      }
    }
  }

  /** A parsed request, ready for its handler. */
  private record Call(JsonNode id, String type, Handler handler, ObjectNode body) {}

  private void dispatch(byte[] frame) {
    Object parsed = parse(frame);
    if (parsed instanceof Reply refusal) {
      send(refusal);
      return;
    }
    Call call = (Call) parsed;
    Lanes.Lane lane = Lanes.of(call.type(), lanes);
    if (lane == null) {
      send(execute(call, new Progress(call, null)));
      return;
    }
    Dispatcher.Once once = new Dispatcher.Once();
    boolean queued = dispatcher.submit(lane, once, new Queued(call, once), new TimedOut(call, lane));
    if (!queued) {
      send(fail(call.id(), call.type(), ErrorCode.BUSY, "too many '" + call.type() + "' requests at once; try again later"));
    }
  }

  // The three callbacks of a call are named classes, not lambdas: the host's routine path loads no
  // lambda runtime (~150 JDK classes resident for the host's life; stores.DirListing).

  /** Sends a call's progress; once its {@code once} is claimed (a timeout), nothing more for that id. */
  private final class Progress implements java.util.function.Consumer<Object> {
    private final Call call;
    private final Dispatcher.Once once;

    Progress(Call call, Dispatcher.Once once) {
      this.call = call;
      this.once = once;
    }

    @Override
    public void accept(Object p) {
      if (once == null || once.open()) send(Reply.progress(call.id(), call.type(), p));
    }
  }

  /** A call run on its lane: its reply goes out unless the timeout answered first. */
  private final class Queued implements Runnable {
    private final Call call;
    private final Dispatcher.Once once;

    Queued(Call call, Dispatcher.Once once) {
      this.call = call;
      this.once = once;
    }

    @Override
    public void run() {
      Reply reply = execute(call, new Progress(call, once));
      if (once.claim()) send(reply);
      else Log.warn(call.type() + " " + call.id() + " finished after its time limit; its reply was dropped");
    }
  }

  private final class TimedOut implements Runnable {
    private final Call call;
    private final Lanes.Lane lane;

    TimedOut(Call call, Lanes.Lane lane) {
      this.call = call;
      this.lane = lane;
    }

    @Override
    public void run() {
      send(fail(call.id(), call.type(), ErrorCode.REQUEST_TIMEOUT,
          "'" + call.type() + "' did not finish within " + lane.timeoutMillis() / 1000 + " s"));
    }
  }

  /** A {@link Call}, or the error {@link Reply} for a frame that is not a usable request. */
  private Object parse(byte[] frame) {
    ObjectNode body;
    try {
      // Requests are nearly always ASCII (base64 DER, hex hashes): validate UTF-8 only when needed,
      // then parse the bytes directly, without a String copy or an ObjectMapper (see Wire).
      if (!isAscii(frame)) utf8.reset().decode(ByteBuffer.wrap(frame));
      JsonNode node = Wire.readTree(frame);
      if (node == null || !node.isObject()) return fail(null, null, ErrorCode.BAD_JSON, "a request must be a JSON object");
      body = (ObjectNode) node;
    } catch (CharacterCodingException e) {
      return fail(null, null, ErrorCode.BAD_UTF8, "the frame is not valid UTF-8");
    } catch (JsonProcessingException e) {
      return fail(null, null, ErrorCode.BAD_JSON, "invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return fail(null, null, ErrorCode.BAD_JSON, "invalid JSON: " + e.getMessage());
    }
    JsonNode id = body.get("id");
    JsonNode typeNode = body.get("type");
    if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
      return fail(null, typeNode != null && typeNode.isTextual() ? typeNode.asText() : null,
          ErrorCode.MISSING_FIELD, "'id' must be a string or an integer");
    }
    if (typeNode == null || !typeNode.isTextual()) return fail(id, null, ErrorCode.MISSING_FIELD, "'type' must be a string");
    String type = typeNode.asText();
    Handler h = handlers.get(type);
    if (h == null) return fail(id, type, ErrorCode.UNKNOWN_TYPE, "unknown type '" + type + "'; this host knows " + handlers.keySet());
    return new Call(id, type, h, body);
  }

  private Reply execute(Call call, java.util.function.Consumer<Object> progress) {
    JsonNode id = call.id();
    String type = call.type();
    try {
      return Reply.success(id, type, call.handler().handle(new Request(id, type, call.body(), progress), context));
    } catch (AnchorwatchException e) {
      return Reply.failure(id, type, ErrorInfo.of(e));
    } catch (RuntimeException e) {
      Log.error("handler " + type + " failed", e);
      return fail(id, type, ErrorCode.INTERNAL, "internal error in '" + type + "'; see the host log");
    }
  }

  private boolean isAscii(byte[] b) {
    if (b.length >= 64) return ascii.wide(b); // a 3.7 KB checkChain: ~5x faster in C1 code
    int acc = 0;
    for (byte x : b) acc |= x;
    return acc >= 0;
  }

  /**
   * Eight bytes per step: the frame copied in bulk into a long[] (an intrinsic copy), then OR'd.
   * Not a byte-array VarHandle, which loads the method-handle and lambda runtime (resident for the
   * host's life: stores.DirListing), nor ByteBuffer.getLong, which C1 leaves ~5x slower (1.4 µs
   * for a 3.7 KB frame against 0.3 µs; ~1 µs more per checkChain in bench/run.sh). Used by the read
   * loop's thread only, so one scratch array serves every frame.
   */
  private static final class Ascii {
    private final long[] scratch = new long[1024];

    boolean wide(byte[] b) {
      java.nio.LongBuffer longs = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).asLongBuffer();
      long acc = 0;
      int words = b.length >>> 3;
      for (int done = 0; done < words; ) {
        int n = Math.min(scratch.length, words - done);
        longs.get(scratch, 0, n);
        for (int i = 0; i < n; i++) acc |= scratch[i];
        done += n;
      }
      int tail = 0;
      for (int i = words << 3; i < b.length; i++) tail |= b[i];
      // the high bit of every byte, whatever the byte order of the words
      return (acc & 0x8080808080808080L) == 0 && tail >= 0;
    }
  }

  private static Reply fail(JsonNode id, String type, ErrorCode code, String message) {
    return Reply.failure(id == null ? NullNode.instance : id, type, ErrorInfo.of(code, message));
  }

  private void send(Reply reply) {
    try {
      byte[] bytes = Wire.write(reply);
      synchronized (writeLock) {
        if (bytes.length <= Framing.MAX_OUTBOUND) {
          framing.write(bytes);
          return;
        }
        for (Reply part : chunks(reply)) framing.write(Wire.write(part));
      }
    } catch (IOException e) {
      Log.warn("cannot write reply: " + e.getMessage());
    }
  }

  /** Splits a large result's JSON text so that every frame, escaped, stays under the cap. */
  List<Reply> chunks(Reply reply) throws IOException {
    String text = Wire.resultText(reply.result());
    List<String> pieces = new ArrayList<>();
    int pos = 0;
    int step = CHUNK_BUDGET / 2;
    while (pos < text.length()) {
      int end = Math.min(text.length(), pos + step);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) end--;
      String piece = text.substring(pos, end);
      if (Wire.quotedLength(piece) > CHUNK_BUDGET) {
        step = Math.max(1024, step / 2);
        continue;
      }
      pieces.add(piece);
      pos = end;
    }
    List<Reply> out = new ArrayList<>(pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      out.add(Reply.part(reply.id(), reply.type(), new Reply.Chunk(i, pieces.size(), pieces.get(i))));
    }
    return out;
  }
}
