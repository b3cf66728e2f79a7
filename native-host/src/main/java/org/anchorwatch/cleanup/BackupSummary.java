package org.anchorwatch.cleanup;

import java.util.List;

/**
 * One line of the undo history.
 *
 * @param consistent false when the backup disagrees with its journal or with the certificate it
 *     claims to hold (restore refuses it with BACKUP_INCONSISTENT; the extension offers no Undo)
 */
public record BackupSummary(String id, String createdAt, String dir, String mode, Plan.Target target, List<Location> locations,
    boolean fullyRestored, boolean consistent) {

  public record Location(int step, String location, String action, String kind, boolean restored) {}

  static BackupSummary of(BackupManifest m, String dir, List<Integer> restored, boolean consistent) {
    List<Location> locs = m.items().stream()
        .map(i -> new Location(i.step(), i.location(), i.action(), i.kind(), restored.contains(i.step()))).toList();
    return new BackupSummary(m.id(), m.createdAt(), dir, m.mode(), m.target(), locs, !locs.isEmpty() && locs.stream().allMatch(Location::restored),
        consistent);
  }
}
