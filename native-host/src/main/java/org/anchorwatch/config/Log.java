package org.anchorwatch.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Host log: stderr (Firefox shows it in the Browser Console) and a file in the user's state dir
 * (Chromium and headless Firefox show stderr nowhere). Never stdout: that is the protocol. The
 * file is rotated at 1 MiB, keeping one old file.
 */
public final class Log {
  private static final long MAX_BYTES = 1L << 20;
  private static volatile Path file;
  private static volatile PrintStream err = System.err;

  /**
   * This process's id: on Linux from /proc/self, not from ProcessHandle, whose class initialiser
   * builds its reaper's thread factory with lambdas (what that costs a long-lived host:
   * stores.DirListing); elsewhere ProcessHandle's.
   */
  private static final long PID = pid();

  private Log() {}

  private static long pid() {
    try {
      return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
    } catch (IOException | RuntimeException e) {
      return ProcessHandle.current().pid();
    }
  }

  public static void init(Path stateDir, PrintStream stderr) {
    err = stderr;
    try {
      Files.createDirectories(stateDir);
      Path f = stateDir.resolve("host.log");
      if (Files.exists(f) && Files.size(f) > MAX_BYTES) {
        Files.move(f, stateDir.resolve("host.log.1"), StandardCopyOption.REPLACE_EXISTING);
      }
      file = f;
    } catch (IOException e) {
      err.println("anchorwatch: cannot open log in " + stateDir + ": " + e.getMessage());
    }
  }

  public static Path file() {
    return file;
  }

  public static void info(String msg) {
    write("INFO", msg);
  }

  public static void warn(String msg) {
    write("WARN", msg);
  }

  public static void error(String msg, Throwable t) {
    write("ERROR", msg + (t == null ? "" : ": " + t));
  }

  private static synchronized void write(String level, String msg) {
    String line = IsoInstant.format(Instant.now()) + " " + level + " [" + PID + "] " + msg;
    err.println(line);
    Path f = file;
    if (f == null) return;
    try {
      Files.writeString(f, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          java.nio.file.LinkOption.NOFOLLOW_LINKS); // a planted link must not redirect the log
    } catch (IOException e) {
      // logging must never take the host down
    }
  }
}
