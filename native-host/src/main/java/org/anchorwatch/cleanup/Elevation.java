package org.anchorwatch.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.anchorwatch.scan.ScanOptions;

/**
 * Privileged steps run in a separate elevated invocation of this program, `elevated-apply OP`,
 * which accepts only the saved plan of operation OP and re-validates it (see ElevatedApply); it
 * never runs commands it is given. pkexec asks through the desktop's polkit agent; without one,
 * the exact sudo command is shown instead.
 */
final class Elevation {
  private Elevation() {}

  record Outcome(boolean ran, String message) {}

  /** The elevated command line: the launcher, the operation, where its journal and backup live, and the same stores. */
  static List<String> command(CleanupContext cx, String op) {
    List<String> c = new ArrayList<>(List.of(cx.launcher(), "elevated-apply", op,
        "--state-dir", cx.dirs().state().toString(), "--data-dir", cx.dirs().data().toString()));
    ScanOptions o = cx.options();
    if (!o.defaultStores()) c.add("--no-default-stores");
    for (String s : o.stores()) c.addAll(List.of("--store", s));
    if (o.root() != null) c.addAll(List.of("--root", o.root().toString()));
    if (o.home() != null) c.addAll(List.of("--home", o.home().toString()));
    if (o.policy() != null) c.addAll(List.of("--policy", o.policy().toString()));
    return List.copyOf(c);
  }

  /** Runs the command through pkexec when a graphical polkit agent can answer; otherwise reports that it did not run. */
  static Outcome run(List<String> cmd, Consumer<ProgressEvent> progress) {
    Map<String, String> env = System.getenv();
    boolean desktop = env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY");
    Path pkexec = Path.of("/usr/bin/pkexec");
    if (!desktop || !Files.isExecutable(pkexec) || !cmd.get(0).startsWith("/")) {
      return new Outcome(false, "no graphical polkit agent; run the command shown with sudo");
    }
    List<String> full = new ArrayList<>();
    full.add(pkexec.toString());
    full.addAll(cmd);
    progress.accept(new ProgressEvent("elevate", -1, "asking", "waiting for the administrator password prompt"));
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Outcome(false, "the elevated step did not finish in 10 minutes");
      }
      // pkexec: 126 = the user dismissed the dialog, 127 = not authorised
      if (p.exitValue() == 126 || p.exitValue() == 127) return new Outcome(false, "administrator authentication was cancelled or refused");
      return new Outcome(true, out.strip());
    } catch (IOException e) {
      return new Outcome(false, "cannot start pkexec: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "interrupted");
    }
  }

  /** What the elevated run journaled for a step. */
  static String statusFromJournal(Path journal, Step s, String doneStatus) {
    try {
      String last = "failed";
      for (JsonNode e : Journal.read(journal)) {
        if (e.path("step").asInt() == s.index()) last = e.path("event").asText();
      }
      return last.equals("removed") || last.equals("verified") ? doneStatus : "failed";
    } catch (IOException e) {
      return "failed";
    }
  }
}
