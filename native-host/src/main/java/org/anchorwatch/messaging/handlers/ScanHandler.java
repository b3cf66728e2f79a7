package org.anchorwatch.messaging.handlers;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;

/** The same document as `anchorwatch scan --json`; {"refresh": true} forces a rescan. */
public final class ScanHandler implements Handler {
  @Override
  public String type() {
    return "scan";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    return request.flag("refresh") ? ctx.snapshots().refresh().result() : ctx.snapshots().get().result();
  }
}
