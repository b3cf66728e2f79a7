package org.anchorwatch.messaging;

import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.scan.Snapshots;

/** What handlers may use: the bundled blocklist, the live scan snapshots and who is calling. */
public record HostContext(Blocklist blocklist, Snapshots snapshots, String caller) {}
