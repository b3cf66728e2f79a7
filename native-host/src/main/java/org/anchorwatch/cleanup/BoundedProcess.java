package org.anchorwatch.cleanup;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child with its output read on its own thread (so a chatty child never blocks on a full
 * pipe), capped, and a wait that really ends: on timeout the child and its descendants are killed.
 */
final class BoundedProcess {
  private BoundedProcess() {}

  /** @param exitCode -1 when it timed out */
  record Result(int exitCode, byte[] output, boolean timedOut) {}

  static Result run(ProcessBuilder pb, Duration timeout, int maxOutput) throws IOException, InterruptedException {
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> drain(p.getInputStream(), out, maxOutput), "child-output");
    reader.setDaemon(true);
    reader.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Result(-1, snapshot(out), true);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return new Result(p.exitValue(), snapshot(out), false);
  }

  private static byte[] snapshot(ByteArrayOutputStream out) {
    synchronized (out) {
      return out.toByteArray();
    }
  }

  private static void drain(InputStream in, ByteArrayOutputStream out, int max) {
    byte[] buf = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buf)) > 0; ) {
        synchronized (out) {
          if (out.size() + n <= max) out.write(buf, 0, n);
        }
      }
    } catch (IOException ignored) {
      // the child ended; what was read is judged by the caller
    }
  }
}
