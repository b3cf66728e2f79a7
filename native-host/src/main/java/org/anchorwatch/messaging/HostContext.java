package org.anchorwatch.messaging;

import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.cleanup.CleanupService;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.Snapshots;

/** What handlers may use: the bundled blocklist, the live scan snapshots, cleanup, and who is calling. */
public record HostContext(Blocklist blocklist, Snapshots snapshots, String caller, CleanupService cleanup) {

  public HostContext(Blocklist blocklist, Snapshots snapshots, String caller) {
    this(blocklist, snapshots, caller, null);
  }

  public CleanupService requireCleanup() throws AnchorwatchException {
    if (cleanup == null) throw new AnchorwatchException(ErrorCode.INTERNAL, "cleanup is not available in this host");
    return cleanup;
  }
}
