package org.anchorwatch.cleanup;

import java.util.List;

/** One line of the undo history. */
public record BackupSummary(String id, String createdAt, String dir, String mode, Plan.Target target, List<Location> locations,
    boolean fullyRestored) {

  public record Location(int step, String location, String action, String kind, boolean restored) {}

  static BackupSummary of(BackupManifest m, String dir, List<Integer> restored) {
    List<Location> locs = m.items().stream()
        .map(i -> new Location(i.step(), i.location(), i.action(), i.kind(), restored.contains(i.step()))).toList();
    return new BackupSummary(m.id(), m.createdAt(), dir, m.mode(), m.target(), locs, !locs.isEmpty() && locs.stream().allMatch(Location::restored));
  }
}
