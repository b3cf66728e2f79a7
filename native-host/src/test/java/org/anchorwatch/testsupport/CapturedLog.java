package org.anchorwatch.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anchorwatch.config.Log;

/**
 * The process-wide host log pointed at a test's own folder and a captured stderr; close puts the
 * previous one back. Other threads of the test JVM may log meanwhile, so callers look for lines and
 * never count them.
 */
public final class CapturedLog implements AutoCloseable {
  private final Path previous = Log.file();
  private final Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  public CapturedLog(Path dir) {
    this.dir = dir;
    Log.init(dir, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** The log file's text; stderr must have carried the same lines. */
  public String text() throws IOException {
    String file = Files.readString(dir.resolve("host.log"));
    String stderr = err.toString(StandardCharsets.UTF_8);
    file.lines().forEach(line -> {
      if (!stderr.contains(line)) throw new AssertionError("logged to the file but not to stderr: " + line);
    });
    return file;
  }

  @Override
  public void close() {
    Log.init(previous != null ? previous.getParent() : dir.resolve("after"), System.err);
  }
}
