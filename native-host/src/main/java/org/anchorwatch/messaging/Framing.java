package org.anchorwatch.messaging;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.anchorwatch.errors.ErrorCode;

/**
 * Native-messaging frames: a 4-byte length in native byte order, then that many bytes of UTF-8
 * JSON. Inbound frames are capped at {@link #MAX_INBOUND} (the largest legitimate request, a
 * 16-certificate chain with DER, is under 100 KiB); outbound at the browsers' 1 MiB.
 */
public final class Framing {
  public static final int MAX_INBOUND = 256 * 1024;
  public static final int MAX_OUTBOUND = 1024 * 1024;

  private final InputStream in;
  private final OutputStream out;
  private final byte[] lengthBuf = new byte[4];

  public Framing(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** The next frame's payload, or null on a clean end of stream (the browser closed the port). */
  public byte[] read() throws IOException, FrameException {
    int got = readFully(lengthBuf, 0);
    if (got == 0) return null;
    if (got < 4) throw new FrameException(ErrorCode.TRUNCATED_FRAME, "stream ended inside the length prefix", true);
    long length = Integer.toUnsignedLong(ByteBuffer.wrap(lengthBuf).order(ByteOrder.nativeOrder()).getInt());
    if (length == 0 || length > MAX_INBOUND) {
      throw new FrameException(ErrorCode.BAD_LENGTH,
          "frame length " + length + " is outside 1.." + MAX_INBOUND + " bytes", true);
    }
    byte[] payload = new byte[(int) length];
    int n = readFully(payload, 0);
    if (n < payload.length) {
      throw new FrameException(ErrorCode.TRUNCATED_FRAME, "stream ended after " + n + " of " + length + " bytes", true);
    }
    return payload;
  }

  public synchronized void write(byte[] payload) throws IOException {
    if (payload.length > MAX_OUTBOUND) throw new IllegalArgumentException("frame over the 1 MiB outbound cap");
    ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(payload.length);
    out.write(len.array());
    out.write(payload);
    out.flush();
  }

  private int readFully(byte[] buf, int off) throws IOException {
    int total = off;
    while (total < buf.length) {
      int n;
      try {
        n = in.read(buf, total, buf.length - total);
      } catch (EOFException e) {
        n = -1;
      }
      if (n < 0) break;
      total += n;
    }
    return total - off;
  }
}
