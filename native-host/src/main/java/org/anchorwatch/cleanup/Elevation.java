package org.anchorwatch.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.ShellQuote;
import org.anchorwatch.privilege.TrustedPaths;

/**
 * The user's half hands the administrator half only WHAT to remove: the key, the mode and its own
 * operation id (for the record). Everything else (which stores, which files, backups, journal,
 * rebuild) the administrator half derives from the machine itself (see AdminApply), so nothing
 * the user's process or the user's files say can steer root.
 *
 * <p>The command names this installation's launcher only when root can safely run it: launcher
 * and jar owned by root and writable by no one else, all the way up. A copy a user can write (a
 * source checkout, an `install --user`) would let malware running as that user replace the code
 * root is about to run, so then the person is told to use the system-wide installation instead.
 *
 * <p>pkexec asks through the desktop's polkit agent; the user's process holds no lock the
 * administrator half needs (they keep separate locks), its output is read on its own thread and
 * the wait is bounded. Without a desktop or pkexec the exact sudo command is shown.
 */
public final class Elevation implements AdminHandOff {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_OUTPUT = 1 << 20;
  private final Path launcher;
  private final Path jar;
  private final Map<String, String> env;
  private final Duration timeout;

  /**
   * @param launcher the installed launcher root would run, or null when none was found
   * @param jar the jar that launcher starts (checked with it), or null to check the launcher only
   */
  public Elevation(Path launcher, Path jar, Map<String, String> env, Duration timeout) {
    this.launcher = launcher;
    this.jar = jar;
    this.env = env;
    this.timeout = timeout;
  }

  /** What the administrator half is asked to do. */
  public record Request(String key, String mode, String operationId, Path root) {
    public List<String> args() {
      List<String> a = new ArrayList<>(List.of("elevated-apply", "--key", key, "--mode", mode, "--op", operationId));
      if (root != null) a.addAll(List.of("--root", root.toString()));
      return a;
    }
  }

  /**
   * @param status ran | needs-elevation | cancelled | failed | unavailable
   * @param command the exact command for a person to run (sudo …), or null when none may be shown
   * @param problem a stable code when it did not run, else null
   * @param report the administrator half's JSON result when it ran
   */
  public record Outcome(String status, String command, ErrorCode problem, String message, JsonNode report) {}

  /** The argv root would run, or empty with the reason when this installation is not safe for root. */
  public Optional<List<String>> argv(Request r) {
    if (unsafeReason() != null) return Optional.empty();
    List<String> argv = new ArrayList<>();
    argv.add(launcher.toString());
    argv.addAll(r.args());
    return Optional.of(List.copyOf(argv));
  }

  /** Why root must not run this installation, or null when it may. */
  public String unsafeReason() {
    if (launcher == null || !launcher.isAbsolute()) {
      return "no installed launcher was found";
    }
    for (Path p : jar == null ? List.of(launcher) : List.of(launcher, jar)) {
      try {
        TrustedPaths.require(p);
      } catch (org.anchorwatch.errors.AnchorwatchException e) {
        return p + " can be changed by a user other than root: " + e.getMessage();
      }
    }
    return null;
  }

  @Override
  public Outcome handOff(Request r, Consumer<ProgressEvent> progress) {
    Optional<List<String>> argv = argv(r);
    if (argv.isEmpty()) {
      return new Outcome("unavailable", null, ErrorCode.NEEDS_SYSTEM_INSTALL,
          "The administrator part needs the system-wide installation of Anchorwatch (" + unsafeReason() + ", so root must not run it). "
              + "Install the system package (README, \"System package\": sudo apt install ./anchorwatch_<version>_<arch>.deb), then run: "
              + "sudo anchorwatch " + ShellQuote.join(r.args()), null);
    }
    String sudo = "sudo " + ShellQuote.join(argv.get());
    Optional<Path> pkexec = desktop() ? onPath("pkexec") : Optional.empty();
    if (pkexec.isEmpty()) {
      return new Outcome("needs-elevation", sudo, ErrorCode.ELEVATION_UNAVAILABLE, "administrator rights needed; run: " + sudo, null);
    }
    List<String> full = new ArrayList<>();
    full.add(pkexec.get().toString());
    full.addAll(argv.get());
    full.add("--json");
    progress.accept(new ProgressEvent("elevate", -1, "asking", "waiting for the administrator password prompt"));
    return run(full, sudo);
  }

  private Outcome run(List<String> cmd, String sudo) {
    try {
      BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD), timeout, MAX_OUTPUT);
      if (r.timedOut()) {
        return new Outcome("failed", sudo, ErrorCode.ELEVATION_UNAVAILABLE, "the administrator part did not finish in " + timeout.toMinutes() + " minutes", null);
      }
      // pkexec: 126 = the person dismissed the dialog, 127 = not authorised
      if (r.exitCode() == 126 || r.exitCode() == 127) {
        return new Outcome("cancelled", sudo, ErrorCode.ELEVATION_UNAVAILABLE, "administrator authentication was cancelled or refused", null);
      }
      JsonNode report = parse(r.output());
      if (report == null) return new Outcome("failed", sudo, ErrorCode.INTERNAL, "the administrator part exited " + r.exitCode() + " without a result", null);
      if (report.has("error")) {
        return new Outcome("failed", sudo, code(report.path("error").path("code").asText()), report.path("error").path("message").asText(), report);
      }
      return new Outcome("ran", sudo, null, null, report);
    } catch (IOException e) {
      return new Outcome("failed", sudo, ErrorCode.ELEVATION_UNAVAILABLE, "cannot start pkexec: " + e.getMessage(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome("failed", sudo, ErrorCode.INTERNAL, "interrupted", null);
    }
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      JsonNode n = JSON.readTree(bytes);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static ErrorCode code(String name) {
    try {
      return ErrorCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      return ErrorCode.INTERNAL;
    }
  }

  private boolean desktop() {
    return env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY");
  }

  /** pkexec as the user's own PATH finds it: a fake one there runs as that user, never as root. */
  private Optional<Path> onPath(String name) {
    for (String dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (dir.isEmpty() || !dir.startsWith("/")) continue;
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }
}
