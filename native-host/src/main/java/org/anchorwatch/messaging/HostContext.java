package org.anchorwatch.messaging;

import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.cleanup.CleanupService;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import java.util.function.Supplier;
import org.anchorwatch.scan.Snapshots;

/**
 * What handlers may use: the blocklist in force (it changes when a signed update is installed
 * while the host runs), the live scan snapshots, cleanup, and who is calling.
 */
public record HostContext(Supplier<Blocklist> blocklists, Snapshots snapshots, String caller, Supplier<CleanupService> cleanup) {

  public HostContext(Blocklist blocklist, Snapshots snapshots, String caller) {
    this(() -> blocklist, snapshots, caller, () -> null);
  }

  public Blocklist blocklist() {
    return blocklists.get();
  }

  /** Built on first use (it reads configuration): hello and checkChain never pay for it. */
  public CleanupService requireCleanup() throws AnchorwatchException {
    CleanupService c = cleanup.get();
    if (c == null) throw new AnchorwatchException(ErrorCode.INTERNAL, "cleanup is not available in this host; see the host log");
    return c;
  }
}
