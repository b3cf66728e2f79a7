package org.anchorwatch.cleanup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.privilege.Identity;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.stores.DiscoveryContext;

/**
 * What every cleanup step shares: where backups, journals and locks live, how to rescan, which
 * rebuild commands may run and how to reach the administrator half. There are two kinds: a
 * user's ({@link #forUser}) and the administrator half's ({@link #forAdministrator}), which
 * scans only system stores and keeps root-owned records.
 */
public record CleanupContext(ScanService scans, ScanOptions options, CleanupDirs dirs, AtomicFiles io, StoreChanges changes,
    RebuildCommands rebuilds, AdminHandOff elevation) {

  private static final Duration ELEVATION_TIMEOUT = Duration.ofMinutes(10);

  /** A person's own cleanup (CLI or browser host). As root, rebuild.json test stand-ins are never honoured. */
  public static CleanupContext forUser(ScanService scans, ScanOptions options, AppDirs dirs, Map<String, String> env) throws AnchorwatchException {
    AtomicFiles io = new AtomicFiles();
    AdminHandOff elevation = OsElevation.forMachine(System.getProperty("os.name", ""), env, ELEVATION_TIMEOUT);
    return new CleanupContext(scans, options, CleanupDirs.forUser(dirs), io, new StoreChanges(io),
        RebuildCommands.load(options.discoveryContext(), !Identity.current().isRoot()), elevation);
  }

  /**
   * The administrator half: system stores of the layout under {@code root} (checked by the
   * caller to be root's alone), root's own records under it, built-in rebuild commands only.
   */
  public static CleanupContext forAdministrator(ScanService scans, Path root) throws AnchorwatchException {
    AtomicFiles io = new AtomicFiles();
    ScanOptions options = ScanOptions.administrator(root);
    return new CleanupContext(scans, options, CleanupDirs.forAdministrator(options.discoveryContext().root()), io, new StoreChanges(io),
        RebuildCommands.load(options.discoveryContext(), false), new Elevation(null, null, Map.of(), ELEVATION_TIMEOUT));
  }

  public DiscoveryContext discovery() {
    return options.discoveryContext();
  }

  public BackupStore backups() throws AnchorwatchException {
    return new BackupStore(dirs.ensure(dirs.backups()), io);
  }

  public Path journalDir() throws AnchorwatchException {
    return dirs.ensure(dirs.journal());
  }

  public Path lockDir() throws AnchorwatchException {
    return dirs.ensure(dirs.locks());
  }

  public ScanResult rescan() throws AnchorwatchException {
    return scans.scan(options);
  }

  public Planner planner() {
    return new Planner(discovery(), rebuilds);
  }
}
