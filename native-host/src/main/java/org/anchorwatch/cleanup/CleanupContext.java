package org.anchorwatch.cleanup;

import java.nio.file.Path;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.stores.DiscoveryContext;

/** What every cleanup step shares: where backups, journals and locks live, and how to rescan. */
public record CleanupContext(ScanService scans, ScanOptions options, AppDirs dirs, AtomicFiles io, StoreChanges changes,
    RebuildCommands rebuilds, String launcher) {

  public static CleanupContext create(ScanService scans, ScanOptions options, AppDirs dirs, String launcher) throws AnchorwatchException {
    AtomicFiles io = new AtomicFiles();
    return new CleanupContext(scans, options, dirs, io, new StoreChanges(io), RebuildCommands.load(options.discoveryContext()), launcher);
  }

  public DiscoveryContext discovery() {
    return options.discoveryContext();
  }

  public BackupStore backups() {
    return new BackupStore(dirs.data().resolve("backups"), io);
  }

  public Path journalDir() {
    return dirs.state().resolve("journal");
  }

  public Path lockDir() {
    return dirs.state().resolve("locks");
  }

  public ScanResult rescan() throws AnchorwatchException {
    return scans.scan(options);
  }

  public Planner planner() {
    return new Planner(discovery(), rebuilds);
  }
}
