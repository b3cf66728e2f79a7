package org.anchorwatch.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.Snapshots;

/** A machine whose only store is one PEM file (no system stores), scanned live as the host does. */
public final class PemSnapshots {
  private PemSnapshots() {}

  /** Started (first scan under way); the caller closes it. */
  public static Snapshots started(Path pem, Path home) {
    ScanService scans = new ScanService(Blocklist.bundled());
    ScanOptions opts = new ScanOptions(false, List.of("pem:" + pem), null, home, null, Map.of());
    Snapshots snapshots = new Snapshots(scans, opts, scans.policyFiles(opts));
    snapshots.start(60_000);
    return snapshots;
  }
}
