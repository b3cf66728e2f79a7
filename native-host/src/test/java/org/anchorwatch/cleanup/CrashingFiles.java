package org.anchorwatch.cleanup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Fault injection for crash recovery without a process: the journal line number {@code crashAfter}
 * is written and forced to disk, then the "process dies" (an unchecked {@link Crash} no cleanup
 * code catches unwinds the operation). Only the first crash fires, so doctor can then run on the
 * same context as the next process would.
 */
class CrashingFiles extends AtomicFiles {
  static final class Crash extends RuntimeException {
    Crash(String where) {
      super("simulated crash " + where);
    }
  }

  private final int crashAfter;
  private int lines;
  private boolean crashed;

  CrashingFiles(int crashAfter) {
    this.crashAfter = crashAfter;
  }

  @Override
  public void appendLine(Path file, String line) throws IOException {
    super.appendLine(file, line);
    if (!crashed && ++lines == crashAfter) {
      crashed = true;
      throw new Crash("after journal line " + crashAfter + " of " + file.getFileName());
    }
  }

  boolean crashed() {
    return crashed;
  }
}
