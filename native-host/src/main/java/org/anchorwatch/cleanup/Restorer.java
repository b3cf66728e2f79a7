package org.anchorwatch.cleanup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.ScanResult;

/** Undo: puts every (or one) location of a backup back exactly as it was, then rescans to prove it. */
public final class Restorer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CleanupContext cx;

  public Restorer(CleanupContext cx) {
    this.cx = cx;
  }

  public record RestoreResult(String backupId, List<StepStatus> steps, List<ApplyResult.RebuildRun> rebuilds) {}

  public RestoreResult restore(String backupId, Set<Integer> only, Consumer<ProgressEvent> progress) throws AnchorwatchException {
    BackupStore backups = cx.backups();
    BackupManifest m = BackupCheck.require(backups, cx.journalDir(), backupId);
    List<BackupItem> items = m.items().stream().filter(i -> only.isEmpty() || only.contains(i.step())).toList();
    if (items.isEmpty()) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "backup " + backupId + " has no step " + only);
    if (cx.dirs().administrator()) {
      for (BackupItem i : items) requireSystemPlace(i);
    }
    Set<String> stores = new LinkedHashSet<>();
    items.forEach(i -> stores.add(i.store()));
    try (StoreLocks locks = StoreLocks.acquire(cx.lockDir(), stores)) {
      Journal journal = new Journal(cx.journalDir().resolve("restore-" + backupId + "-" + Planner.newId() + ".jsonl"), cx.io());
      record(journal, "begin-restore", -1, backupId);
      List<StepStatus> out = new ArrayList<>();
      Set<String> rebuild = new LinkedHashSet<>();
      for (BackupItem i : items) {
        try {
          byte[] blob = i.blob() == null ? null : backups.bytes(backupId, i.blob());
          cx.changes().restore(i, blob, backups.bytes(backupId, i.der()));
          record(journal, "restored", i.step(), i.location());
          out.add(new StepStatus(i.step(), i.location(), i.action(), "restored", null));
          if (i.distro() != null) rebuild.add(i.distro());
          progress.accept(new ProgressEvent("restore", i.step(), "restored", i.location()));
        } catch (AnchorwatchException e) {
          record(journal, "failed", i.step(), e.getMessage());
          out.add(new StepStatus(i.step(), i.location(), i.action(), "failed", e.getMessage()));
          progress.accept(new ProgressEvent("restore", i.step(), "failed", e.getMessage()));
        }
      }
      List<ApplyResult.RebuildRun> runs = new Executor(cx).rebuild(journal, rebuild, progress);
      ScanResult after = cx.rescan();
      List<StepStatus> checked = new ArrayList<>();
      for (StepStatus s : out) {
        BackupItem i = items.stream().filter(x -> x.step() == s.step()).findFirst().orElseThrow();
        boolean back = after.index().bySha256(i.sha256()).stream().anyMatch(x -> x.location().equals(i.location()));
        checked.add(s.status().equals("restored") && !back && !i.kind().equals("blocklist") && !i.kind().equals("conf")
            ? new StepStatus(s.step(), s.location(), s.action(), "failed", "restored but a rescan does not show it at " + i.location())
            : s);
      }
      markRestored(backupId, checked);
      record(journal, "done", -1, null);
      return new RestoreResult(backupId, List.copyOf(checked), runs);
    }
  }

  /**
   * Root puts back only into a store its own discovery finds on this machine, at a path root alone
   * controls: its records say what it removed, and the place must still be part of the layout.
   */
  private void requireSystemPlace(BackupItem i) throws AnchorwatchException {
    if (OsSteps.handles(i.kind())) {
      // Windows/macOS: a location of the OS's own table that needs an administrator (LocalMachine\ROOT, domain/admin)
      if (!cx.changes().os().isElevatedLocation(i.kind(), i.path())) {
        throw new AnchorwatchException(ErrorCode.BACKUP_INCONSISTENT, i.path() + " is not a location the administrator restores; nothing was restored");
      }
      return;
    }
    java.util.Set<Path> stores = new java.util.HashSet<>();
    for (org.anchorwatch.stores.StoreRef r : org.anchorwatch.stores.Discovery.discover(cx.discovery())) stores.add(r.path().toAbsolutePath().normalize());
    Path path = Path.of(i.path()).toAbsolutePath().normalize();
    boolean known = switch (i.kind()) {
      case "file" -> stores.contains(path.getParent());
      case "conf" -> path.equals(cx.discovery().reroot(org.anchorwatch.stores.LinuxLayout.DEBIAN_SELECTION));
      case "blocklist" -> org.anchorwatch.stores.LinuxLayout.DISTRUST_DIRS.values().stream().anyMatch(d -> cx.discovery().reroot(d).equals(path));
      default -> stores.contains(path);
    };
    if (!known) throw new AnchorwatchException(ErrorCode.BACKUP_INCONSISTENT, i.path() + " is not a system trust store location; nothing was restored");
    org.anchorwatch.privilege.TrustedPaths.requireOrMissing(i.kind().equals("blocklist") || i.kind().equals("nss") ? path : path.getParent());
  }

  private void markRestored(String backupId, List<StepStatus> statuses) {
    try {
      Set<Integer> done = new LinkedHashSet<>(restoredSteps(cx.backups(), backupId));
      statuses.stream().filter(s -> s.status().equals("restored")).forEach(s -> done.add(s.step()));
      cx.io().write(cx.backups().dir(backupId).resolve("restored.json"), JSON.writeValueAsBytes(done));
    } catch (IOException | AnchorwatchException ignored) {
      // the stores are restored; only the history marker is missing
    }
  }

  public static List<Integer> restoredSteps(BackupStore backups, String id) {
    try {
      return List.of(JSON.readValue(backups.dir(id).resolve("restored.json").toFile(), Integer[].class));
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void record(Journal j, String event, int step, String detail) {
    try {
      j.record(event, step, detail);
    } catch (IOException ignored) {
      // best effort: the stores are the truth doctor reconciles with
    }
  }
}
