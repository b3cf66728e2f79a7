package org.anchorwatch.cleanup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * The one entry point of cleanup for both faces: the CLI and the protocol handlers call these
 * methods and only render what they return. Plans live in memory for an hour: a plan id from
 * another host process is unknown here, by design (it was shown to another user session).
 */
public final class CleanupService {
  private static final Duration PLAN_TTL = Duration.ofHours(1);
  private final CleanupContext cx;
  private final ConfirmationTokens tokens;
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();
  private final Clock clock;

  public CleanupService(CleanupContext cx, Clock clock) {
    this.cx = cx;
    this.clock = clock;
    this.tokens = new ConfirmationTokens(clock);
  }

  public CleanupContext context() {
    return cx;
  }

  public Plan plan(String query, boolean distrust) throws AnchorwatchException {
    Plan p = cx.planner().plan(cx.rescan(), query, distrust);
    plans.values().removeIf(old -> Instant.parse(old.createdAt()).plus(PLAN_TTL).isBefore(clock.instant()));
    plans.put(p.planId(), p);
    return p;
  }

  public Plan known(String planId) throws AnchorwatchException {
    Plan p = planId == null ? null : plans.get(planId);
    if (p == null) throw new AnchorwatchException(ErrorCode.PLAN_UNKNOWN, "no plan '" + planId + "' in this host process; make a new plan");
    return p;
  }

  /** The extension's cleanup page asks for this after the user's explicit click. */
  public String confirm(String planId) throws AnchorwatchException {
    return tokens.issue(known(planId).planId());
  }

  /** Protocol apply: only with the one-time token from {@link #confirm}. */
  public ApplyResult apply(String planId, String token, Consumer<ProgressEvent> progress) throws AnchorwatchException {
    Plan p = known(planId);
    tokens.consume(planId, token);
    plans.remove(planId);
    return new Executor(cx).apply(p, progress);
  }

  /** CLI apply: the command has already obtained the person's confirmation (prompt or --yes). */
  public ApplyResult applyConfirmedByPerson(Plan plan, Consumer<ProgressEvent> progress) throws AnchorwatchException {
    plans.remove(plan.planId());
    return new Executor(cx).apply(plan, progress);
  }

  public VerifyResult verify(String query) throws AnchorwatchException {
    Plan.Target t = cx.planner().targetFor(cx.rescan(), query);
    return Verifier.check(t, cx.rescan());
  }

  /** The undo history; an entry whose backup disagrees with its journal is marked, and restore refuses it. */
  public List<BackupSummary> backups() throws AnchorwatchException {
    BackupStore store = cx.backups();
    java.nio.file.Path journal = cx.journalDir();
    return store.list().stream().map(m -> BackupSummary.of(m, store.dir(m.id()).toString(), Restorer.restoredSteps(store, m.id()),
        BackupCheck.consistent(store, journal, m.id()))).toList();
  }

  public Restorer.RestoreResult restore(String backupId, Set<Integer> steps, Consumer<ProgressEvent> progress) throws AnchorwatchException {
    return new Restorer(cx).restore(backupId, steps, progress);
  }

  public Doctor.Report doctor() throws AnchorwatchException {
    return new Doctor(cx).run();
  }

  /** The person has seen the lost backup of that operation (Doctor#acknowledge). */
  public boolean acknowledgeLostBackup(String operationId) throws AnchorwatchException {
    return new Doctor(cx).acknowledge(operationId);
  }
}
