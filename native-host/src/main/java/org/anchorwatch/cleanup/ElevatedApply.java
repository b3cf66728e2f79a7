package org.anchorwatch.cleanup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * The privileged half of an apply, run as root. It takes nothing but an operation id: it reads that
 * operation's saved plan, re-plans from a fresh scan and refuses unless every elevated step is
 * still exactly as planned, requires each step's verified backup, then changes only those steps
 * and rebuilds. Commands come from the rebuild table, never from the plan file.
 */
public final class ElevatedApply {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CleanupContext cx;

  public ElevatedApply(CleanupContext cx) {
    this.cx = cx;
  }

  public List<StepStatus> run(String op) throws AnchorwatchException {
    if (!op.matches("[0-9a-f]{8,64}")) throw new AnchorwatchException(ErrorCode.PLAN_UNKNOWN, "not an operation id: " + op);
    Path journalFile = cx.journalDir().resolve(op + ".jsonl");
    Plan saved;
    try {
      saved = JSON.readValue(cx.journalDir().resolve(op + ".plan.json").toFile(), Plan.class);
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.PLAN_UNKNOWN, "no saved plan for operation " + op);
    }
    Plan fresh = cx.planner().plan(cx.rescan(), saved.target().query(), saved.mode().equals("distrust"));
    List<String> freshSig = Executor.signature(fresh);
    BackupManifest backup = cx.backups().verify(op);
    Set<Integer> backedUp = new LinkedHashSet<>();
    backup.items().forEach(i -> backedUp.add(i.step()));
    Journal journal = new Journal(journalFile, cx.io());
    List<StepStatus> out = new ArrayList<>();
    Set<String> rebuild = new LinkedHashSet<>();
    try (StoreLocks locks = StoreLocks.acquire(cx.lockDir(), saved.steps().stream().map(Step::store).toList())) {
      for (Step s : saved.actionable()) {
        if (!s.elevation()) continue;
        String sig = s.store() + "|" + s.location() + "|" + s.sha256() + "|" + s.action();
        if (!freshSig.contains(sig)) throw new AnchorwatchException(ErrorCode.PLAN_STALE, "step " + s.index() + " no longer matches the stores; nothing was changed");
        if (!backedUp.contains(s.index())) throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "step " + s.index() + " has no verified backup; nothing was changed");
      }
      for (Step s : saved.actionable()) {
        if (!s.elevation()) continue;
        try {
          cx.changes().apply(s);
          journal.record("removed", s.index(), "elevated");
          out.add(new StepStatus(s.index(), s.location(), s.action(), Executor.done(s), null));
          if (s.details().containsKey("distro")) rebuild.add(s.details().get("distro"));
        } catch (AnchorwatchException | IOException e) {
          out.add(new StepStatus(s.index(), s.location(), s.action(), "failed", e.getMessage()));
        }
      }
      new Executor(cx).rebuild(journal, rebuild, e -> {});
      try {
        journal.record("done", -1, "elevated steps finished");
      } catch (IOException e) {
        // doctor closes the journal from the stores' state
      }
    }
    return out;
  }
}
