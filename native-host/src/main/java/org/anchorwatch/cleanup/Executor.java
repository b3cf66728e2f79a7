package org.anchorwatch.cleanup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.Installed;
import org.anchorwatch.scan.ScanResult;

/**
 * Carries out a plan: re-validate against a fresh scan → lock the stores → journal intent →
 * back up and verify → change each store → rebuild system bundles → rescan to verify. Nothing is
 * removed before its backup has been read back; every transition is journaled first.
 */
public final class Executor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CleanupContext cx;
  private final java.util.function.Predicate<Step> mine;

  public Executor(CleanupContext cx) {
    this(cx, s -> !s.elevation());
  }

  /**
   * @param mine the steps this process changes itself; in the user's half the others go to the
   *     administrator half, in the administrator half (Windows/macOS: only its elevated locations)
   *     they are left to the user's half
   */
  public Executor(CleanupContext cx, java.util.function.Predicate<Step> mine) {
    this.cx = cx;
    this.mine = mine;
  }

  public ApplyResult apply(Plan plan, Consumer<ProgressEvent> progress) throws AnchorwatchException {
    progress.accept(new ProgressEvent("validate", -1, "started", "checking that the stores still match the plan"));
    // this process changes only what it may write; the rest is handed to the administrator half,
    // which keeps its own locks, so none is held here while it runs
    List<Step> local = plan.actionable().stream().filter(mine).toList();
    List<Step> elevated = cx.dirs().administrator() ? List.of() : plan.actionable().stream().filter(mine.negate()).toList();
    Set<String> storeIds = new LinkedHashSet<>();
    local.forEach(s -> storeIds.add(s.store()));
    try (StoreLocks locks = StoreLocks.acquire(cx.lockDir(), storeIds)) {
      revalidate(plan);
      String op = Planner.newId();
      Journal journal = new Journal(cx.journalDir().resolve(op + ".jsonl"), cx.io());
      try {
        cx.io().write(cx.journalDir().resolve(op + ".plan.json"), JSON.writeValueAsBytes(plan));
        journal.record("begin", -1, plan.planId());
        for (Step s : local) journal.intent(s);
      } catch (IOException e) {
        throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "cannot write the journal in " + cx.journalDir() + ": " + e.getMessage() + "; nothing was removed");
      }

      // 1. backup, verified, before anything changes
      BackupManifest manifest = null;
      if (!local.isEmpty()) {
        Map<Step, StoreChanges.Capture> captures = new LinkedHashMap<>();
        try {
          for (Step s : local) captures.put(s, cx.changes().capture(s));
          manifest = cx.backups().create(op, plan, captures);
          for (Step s : local) {
            journal.backedUp(s, captures.get(s));
            progress.accept(new ProgressEvent("backup", s.index(), "saved", cx.backups().dir(op).toString()));
          }
        } catch (AnchorwatchException | IOException e) {
          record(journal, "aborted", -1, e.getMessage());
          throw e instanceof AnchorwatchException ae ? ae
              : new AnchorwatchException(ErrorCode.BACKUP_FAILED, "backup failed: " + e.getMessage() + "; nothing was removed");
        }
      }

      // 2. change the stores this process may write
      List<StepStatus> statuses = new ArrayList<>();
      Set<String> rebuild = new LinkedHashSet<>();
      for (Step s : plan.steps()) {
        if (!s.actionEnum().changesStore()) {
          statuses.add(new StepStatus(s.index(), s.location(), s.action(),
              s.actionEnum() == Action.REBUILD_COVERS ? "covered-by-rebuild" : "instructions", String.join("\n", s.commands())));
          continue;
        }
        if (!mine.test(s)) {
          if (cx.dirs().administrator()) statuses.add(new StepStatus(s.index(), s.location(), s.action(), "skipped", "left to the user's own process"));
          continue;
        }
        statuses.add(change(journal, s, progress));
        if (s.details().containsKey("distro") && statuses.get(statuses.size() - 1).status().equals(done(s))) rebuild.add(s.details().get("distro"));
      }

      // 3. the administrator half, told only what to remove
      ApplyResult.Elevated handOff = null;
      if (!elevated.isEmpty()) {
        handOff = handOff(plan, op, elevated, statuses, journal, progress);
      }

      // 4. rebuild system bundles, 5. verify by rescanning
      List<ApplyResult.RebuildRun> runs = rebuild(journal, rebuild, progress);
      VerifyResult verify = verify(plan, local, journal, progress);
      if (handOff != null) settleFromRescan(statuses, elevated, verify);
      record(journal, "done", -1, verify.clean() ? "clean" : "remaining " + verify.remaining().size());
      progress.accept(new ProgressEvent("done", -1, verify.clean() ? "clean" : "remaining", null));
      List<String> commands = handOff != null && handOff.command() != null && !handOff.status().equals("ran") ? List.of(handOff.command()) : List.of();
      return new ApplyResult(op, manifest == null ? null : manifest.id(), manifest == null ? null : cx.backups().dir(op).toString(),
          statuses, runs, verify, commands, plan.aftercareSince(), handOff);
    }
  }

  private ApplyResult.Elevated handOff(Plan plan, String op, List<Step> elevated, List<StepStatus> statuses, Journal journal,
      Consumer<ProgressEvent> progress) {
    String key = plan.target().sha256() != null ? plan.target().sha256() : plan.target().spkiSha256();
    Elevation.Request req = new Elevation.Request(key, plan.mode(), op, cx.options().root());
    Elevation.Outcome o = cx.elevation().handOff(req, progress);
    record(journal, "handed-off", -1, o.status() + (o.problem() == null ? "" : " " + o.problem()));
    String adminOp = o.report() == null ? null : o.report().path("operationId").asText(null);
    for (Step s : elevated) {
      String status = !o.status().equals("ran") ? "needs-elevation" : o.report() == null ? RAN_UNREPORTED : adminStatus(o.report(), s);
      statuses.add(new StepStatus(s.index(), s.location(), s.action(), status, o.status().equals("ran") ? null : o.message()));
      progress.accept(new ProgressEvent("elevate", s.index(), status, s.location()));
    }
    String undo = adminOp == null ? null : o.report().path("undo").asText(null);
    return new ApplyResult.Elevated(o.status(), o.command(), o.problem() == null ? null : o.problem().name(), o.message(), adminOp, undo);
  }

  /** A handed-off location whose outcome only the rescan can tell (Windows runas and macOS return no report). */
  static final String RAN_UNREPORTED = "ran-unreported";

  /** Each such location is removed/distrusted when the rescan no longer finds it trusted there, else still present. */
  static void settleFromRescan(List<StepStatus> statuses, List<Step> elevated, VerifyResult verify) {
    for (Step s : elevated) {
      for (int i = 0; i < statuses.size(); i++) {
        StepStatus st = statuses.get(i);
        if (st.step() != s.index() || !st.status().equals(RAN_UNREPORTED)) continue;
        boolean still = verify.remaining().stream().anyMatch(r -> r.location().equals(s.location()) && r.sha256().equals(s.sha256()));
        statuses.set(i, new StepStatus(st.step(), st.location(), st.action(), still ? "still-present" : done(s),
            still ? "the administrator part ran, but this location still trusts it" : null));
      }
    }
  }

  /** What the administrator half reported for this location (it planned on its own; locations are the link). */
  private static String adminStatus(com.fasterxml.jackson.databind.JsonNode report, Step s) {
    for (com.fasterxml.jackson.databind.JsonNode st : report.path("steps")) {
      if (st.path("location").asText().equals(s.location())) return st.path("status").asText("failed");
    }
    return "not-handled";
  }

  private StepStatus change(Journal journal, Step s, Consumer<ProgressEvent> progress) {
    try {
      cx.changes().apply(s);
      journal.record("removed", s.index(), s.action());
      progress.accept(new ProgressEvent("remove", s.index(), done(s), s.location()));
      return new StepStatus(s.index(), s.location(), s.action(), done(s), null);
    } catch (AnchorwatchException | IOException e) {
      record(journal, "failed", s.index(), e.getMessage());
      progress.accept(new ProgressEvent("remove", s.index(), "failed", e.getMessage()));
      return new StepStatus(s.index(), s.location(), s.action(), "failed", e.getMessage());
    }
  }

  static String done(Step s) {
    return switch (s.actionEnum()) {
      case DELETE -> "removed";
      case DISTRUST -> "distrusted";
      case DESELECT -> "deselected";
      case BLOCKLIST -> "blocklisted";
      default -> "skipped";
    };
  }

  List<ApplyResult.RebuildRun> rebuild(Journal journal, Set<String> distros, Consumer<ProgressEvent> progress) {
    List<ApplyResult.RebuildRun> runs = new ArrayList<>();
    for (String distro : distros) {
      var cmd = cx.rebuilds().command(distro);
      if (cmd.isEmpty()) {
        runs.add(new ApplyResult.RebuildRun(distro, cx.rebuilds().display(distro), -1, "not run: not this machine's root; run it yourself"));
        continue;
      }
      ApplyResult.RebuildRun run = runCommand(distro, cmd.get(), cx.rebuilds().builtIn(distro));
      runs.add(run);
      record(journal, run.exitCode() == 0 ? "rebuilt" : "rebuild-failed", -1, String.join(" ", cmd.get()) + " → " + run.exitCode());
      progress.accept(new ProgressEvent("rebuild", -1, run.exitCode() == 0 ? "ok" : "failed", run.command()));
    }
    return runs;
  }

  /**
   * A built-in command runs only when root alone controls its file, with a clean environment: a
   * caller's PATH, LD_PRELOAD or locale settings must not reach a program run as root.
   */
  private static ApplyResult.RebuildRun runCommand(String distro, List<String> cmd, boolean builtIn) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      if (builtIn) {
        try {
          org.anchorwatch.privilege.TrustedPaths.require(Path.of(cmd.get(0)));
        } catch (AnchorwatchException e) {
          return new ApplyResult.RebuildRun(distro, String.join(" ", cmd), -1, "not run: " + e.getMessage());
        }
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().put("LC_ALL", "C");
      }
      BoundedProcess.Result r = BoundedProcess.run(pb, java.time.Duration.ofSeconds(120), 64 * 1024);
      if (r.timedOut()) return new ApplyResult.RebuildRun(distro, String.join(" ", cmd), -1, "timed out after 120 s");
      String text = new String(r.output(), StandardCharsets.UTF_8);
      return new ApplyResult.RebuildRun(distro, String.join(" ", cmd), r.exitCode(), text.length() > 4000 ? text.substring(0, 4000) : text);
    } catch (IOException e) {
      return new ApplyResult.RebuildRun(distro, String.join(" ", cmd), -1, "cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ApplyResult.RebuildRun(distro, String.join(" ", cmd), -1, "interrupted");
    }
  }

  VerifyResult verify(Plan plan, List<Step> journaled, Journal journal, Consumer<ProgressEvent> progress) throws AnchorwatchException {
    ScanResult after = cx.rescan();
    VerifyResult v = Verifier.check(plan.target(), after);
    if (journal != null) {
      for (Step s : journaled) {
        boolean still = v.remaining().stream().anyMatch(i -> i.location().equals(s.location()) && i.sha256().equals(s.sha256()));
        record(journal, still ? "still-present" : "verified", s.index(), null);
      }
    }
    progress.accept(new ProgressEvent("verify", -1, v.clean() ? "clean" : "remaining", v.remaining().size() + " location(s) still trust it"));
    return v;
  }

  /** The stores must still be as planned: a plan made before another change is refused, not guessed at. */
  void revalidate(Plan plan) throws AnchorwatchException {
    Plan fresh = cx.planner().plan(cx.rescan(), plan.target().query(), plan.mode().equals("distrust"));
    if (!signature(fresh).equals(signature(plan))) {
      throw new AnchorwatchException(ErrorCode.PLAN_STALE, "the stores changed since this plan was made; make a new plan");
    }
  }

  static List<String> signature(Plan p) {
    // elevation is left out: it follows file permissions, which differ between the user and root
    return p.steps().stream().map(s -> s.store() + "|" + s.location() + "|" + s.sha256() + "|" + s.action()).sorted().toList();
  }

  private static void record(Journal j, String event, int step, String detail) {
    try {
      j.record(event, step, detail);
    } catch (IOException ignored) {
      // the operation's outcome is still returned to the caller; doctor reconciles from the stores
    }
  }
}
