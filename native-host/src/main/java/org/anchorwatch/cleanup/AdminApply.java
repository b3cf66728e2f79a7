package org.anchorwatch.cleanup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.TrustedPaths;

/**
 * The administrator half of a removal, run as root (`elevated-apply`). It is told only what to
 * remove (a certificate or SPKI SHA-256 and delete|distrust) and derives everything else from the
 * machine: it scans the system stores itself, plans, checks that every path it will touch is
 * root's alone, backs up into its own root-owned records, changes, rebuilds with the distro's
 * command from the built-in table and verifies. No plan, journal, lock, path or command comes
 * from the user's side, so nothing a user wrote can turn this run against the machine.
 */
public final class AdminApply {
  private final CleanupContext cx;

  /** @param cx a context from {@link CleanupContext#forAdministrator} */
  public AdminApply(CleanupContext cx) {
    if (!cx.dirs().administrator()) throw new IllegalArgumentException("the administrator half needs the administrator context");
    this.cx = cx;
  }

  /**
   * @param requestedBy the user's operation id, for the record only (never a file name here)
   */
  public AdminResult run(String key, String mode, String requestedBy, Consumer<ProgressEvent> progress) throws AnchorwatchException {
    String hex = Hex.normalise(key, 32).orElseThrow(() -> new AnchorwatchException(ErrorCode.BAD_HASH, "--key takes a certificate or SPKI SHA-256"));
    if (!mode.equals("delete") && !mode.equals("distrust")) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "--mode is delete or distrust");
    if (requestedBy != null && !requestedBy.matches("[0-9a-f]{8,64}")) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "--op takes the operation id the user's half printed");
    }
    org.anchorwatch.scan.ScanResult scan = cx.rescan();
    requireFlagged(scan, hex);
    Plan plan = cx.planner().plan(scan, hex, mode.equals("distrust"));
    for (Step s : plan.actionable()) requireRootsAlone(s);
    java.util.function.Predicate<Step> mine = osShare(plan, hex);
    ApplyResult r = new Executor(cx, mine).apply(plan, progress);
    List<StepStatus> steps = new ArrayList<>(r.steps());
    String undo = r.backupId() == null ? null : "sudo anchorwatch elevated-restore " + r.backupId();
    return new AdminResult(r.operationId(), requestedBy, hex, mode, steps, r.rebuilds(), ownVerdict(plan, mine, r.verify()), r.backupId(), undo);
  }

  /**
   * Which steps this run changes. Files (Linux): every step root may write. Windows/macOS stores:
   * only the locations the OS itself reports holding the key that need elevation
   * (LocalMachine\…, the admin domain, System.keychain); the user's own locations are the user's
   * process's, whatever account the elevation prompt ran this as.
   */
  private java.util.function.Predicate<Step> osShare(Plan plan, String hex) throws AnchorwatchException {
    java.util.Map<String, java.util.Set<String>> elevated = new java.util.HashMap<>();
    for (Step s : plan.actionable()) {
      if (OsSteps.handles(s.storeType()) && !elevated.containsKey(s.storeType())) {
        elevated.put(s.storeType(), cx.changes().os().elevatedLocations(s.storeType(), hex, plan.mode().equals("distrust")));
      }
    }
    if (elevated.isEmpty()) return s -> !s.elevation();
    return s -> OsSteps.handles(s.storeType())
        ? s.elevation() && elevated.getOrDefault(s.storeType(), java.util.Set.of()).contains(s.details().get(OsSteps.LOCATION))
        : !s.elevation();
  }

  /** "Clean" as far as this run's own locations go: what the user's half still has to do is not a failure of this one. */
  private static VerifyResult ownVerdict(Plan plan, java.util.function.Predicate<Step> mine, VerifyResult v) {
    if (plan.steps().stream().noneMatch(s -> OsSteps.handles(s.storeType()))) return v;
    java.util.Set<String> own = new java.util.HashSet<>();
    plan.steps().stream().filter(mine).forEach(s -> own.add(s.location()));
    List<org.anchorwatch.scan.Installed> left = v.remaining().stream().filter(i -> own.contains(i.location())).toList();
    return new VerifyResult(v.sha256(), v.spkiSha256(), left.isEmpty(), left, v.scannedAt());
  }

  /**
   * Root removes only what its own judgement flags: a key on the bundled blocklist or the system
   * policy, or a root added to the machine rather than shipped with it. Otherwise a user could
   * have the administrator deselect a CA everyone relies on with an opaque-looking command.
   */
  static void requireFlagged(org.anchorwatch.scan.ScanResult scan, String hex) throws AnchorwatchException {
    boolean flagged = scan.findings().stream().anyMatch(f -> (f.sha256().equals(hex) || f.spkiSha256().equals(hex))
        && !f.level().equals(org.anchorwatch.scan.Level.CLEAN.wire()));
    if (!flagged) {
      throw new AnchorwatchException(ErrorCode.NOT_INSTALLED, "no system store holds a certificate with " + hex.substring(0, 16)
          + "… that the blocklist or the system policy flags, or that was added to this machine; the administrator part removes nothing else");
    }
  }

  /** Every path a step reads or changes must be root's alone (see TrustedPaths); else nothing happens at all. */
  static void requireRootsAlone(Step s) throws AnchorwatchException {
    for (String key : List.of("path", "conf", "blocklistDir")) {
      String v = s.details().get(key);
      if (v == null) continue;
      Path p = Path.of(v);
      // the file itself may be removed or replaced: its directory must be root's; the file must not be another user's
      TrustedPaths.requireOrMissing(key.equals("blocklistDir") ? p : p.getParent());
      if (!key.equals("blocklistDir")) TrustedPaths.requireOrMissing(p);
    }
  }

  /**
   * What the administrator half reports (`elevated-apply --json`), read back by the user's half.
   *
   * @param operationId root's own operation id: its journal and backup
   * @param undo the command that restores exactly these locations from root's records
   */
  public record AdminResult(String operationId, String requestedBy, String key, String mode, List<StepStatus> steps,
      List<ApplyResult.RebuildRun> rebuilds, VerifyResult verify, String backupId, String undo) {}
}
