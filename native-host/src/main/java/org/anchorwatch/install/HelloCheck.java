package org.anchorwatch.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a manifest's program as its browser would (argv, stdin/stdout pipes), sends hello and
 * wants back exactly one frame holding JSON, within a time limit, then closes stdin: anything
 * else on stdout is what breaks a real browser's connection. Null when it answered.
 */
final class HelloCheck {
  private final long timeoutMillis;

  HelloCheck(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  String problem(List<String> argv) {
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return "cannot start: " + e.getMessage();
    }
    try {
      OutputStream in = p.getOutputStream();
      byte[] hello = "{\"id\":\"doctor\",\"type\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
      in.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(hello.length).array());
      in.write(hello);
      in.flush();
      CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> readFrame(p.getInputStream()));
      String answer = reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
      in.close();
      if (answer != null) return answer;
      if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) return "did not exit after stdin closed";
      return framesOnly(p.getInputStream().readAllBytes());
    } catch (TimeoutException e) {
      return "no reply within " + timeoutMillis + " ms";
    } catch (IOException | ExecutionException e) {
      return "broken pipe: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } finally {
      p.destroyForcibly();
    }
  }

  /** Null when one well-formed JSON frame came; otherwise what came instead. */
  private static String readFrame(InputStream out) {
    try {
      byte[] len = out.readNBytes(4);
      if (len.length < 4) return "stdout closed before a reply";
      int n = ByteBuffer.wrap(len).order(ByteOrder.nativeOrder()).getInt();
      if (n <= 0 || n > 1024 * 1024) return "not a frame on stdout (length " + n + "): something printed to stdout";
      byte[] body = out.readNBytes(n);
      String text = new String(body, StandardCharsets.UTF_8);
      return body.length == n && text.startsWith("{") && text.endsWith("}") ? null : "reply frame is not JSON";
    } catch (IOException e) {
      return "cannot read stdout: " + e.getMessage();
    }
  }

  /** Later frames (events) are fine; anything that is not a frame is not. */
  private static String framesOnly(byte[] rest) {
    ByteBuffer b = ByteBuffer.wrap(rest).order(ByteOrder.nativeOrder());
    while (b.remaining() >= 4) {
      int start = b.position();
      int n = b.getInt();
      if (n <= 0 || n > b.remaining()) {
        b.position(start); // what looked like a length is stray output too ("bye\n" is 4 bytes)
        break;
      }
      b.position(b.position() + n);
    }
    return b.remaining() == 0 ? null : b.remaining() + " stray bytes on stdout after the reply";
  }
}
