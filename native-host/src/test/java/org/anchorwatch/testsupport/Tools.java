package org.anchorwatch.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * External programs the tests rely on. Tests that need certutil must fail, not skip, when it is
 * missing: a silently skipped NSS suite looks green while testing nothing.
 */
public final class Tools {
  private static final long TIMEOUT_SECONDS = 300;
  private static Path certutil;

  private Tools() {}

  /** The output of a finished process; stdout and stderr merged. */
  public record Result(int exitCode, String output) {
    public Result ok() {
      if (exitCode != 0) throw new AssertionError("command failed (exit " + exitCode + "):\n" + output);
      return this;
    }
  }

  /**
   * certutil from Debian's libnss3-tools, installed with apt-get when missing and running as root
   * (throwaway CI containers). Otherwise fails with what to install.
   */
  public static synchronized Path requireCertutil() {
    if (certutil != null) return certutil;
    Optional<Path> found = onPath("certutil");
    if (found.isEmpty() && isRoot() && onPath("apt-get").isPresent()) {
      installCertutil();
      found = onPath("certutil");
    }
    certutil = found.orElseThrow(() -> new AssertionError(
        "certutil is not on PATH and could not be installed (needs root and apt-get);"
            + " install the Debian package libnss3-tools (Fedora: nss-tools) to run the NSS tests"));
    return certutil;
  }

  /**
   * Prefers the libnss3-tools build matching the installed libnss3: the newest one would drag a
   * libnss3 upgrade along and silently change the library under test.
   */
  private static void installCertutil() {
    Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
    Result v = run("dpkg-query", "-W", "-f=${Version}", "libnss3");
    String pinned = v.exitCode() == 0 && !v.output().isBlank() ? "libnss3-tools=" + v.output().strip() : null;
    for (boolean updated : new boolean[] {false, true}) {
      // A fresh container has no package lists yet: update once, then try again.
      if (updated) run(env, "apt-get", "update", "-q").ok();
      if (pinned != null && run(env, "apt-get", "install", "-y", "-q", "--no-upgrade", pinned).exitCode() == 0) return;
      if (run(env, "apt-get", "install", "-y", "-q", "libnss3-tools").exitCode() == 0) return;
    }
  }

  public static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  public static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  public static Result run(String... command) {
    return run(Map.of(), command);
  }

  public static Result run(Map<String, String> env, String... command) {
    try {
      // Output to a file, not a pipe: a hung child must not block the reader past the timeout.
      Path out = Files.createTempFile("anchorwatch-tool", ".out");
      try {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
            .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + String.join(" ", command), e);
    }
  }

  /** Starts a background process (stdout and stderr merged); the caller must destroy it. */
  public static Process start(String... command) {
    try {
      return new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }
}
