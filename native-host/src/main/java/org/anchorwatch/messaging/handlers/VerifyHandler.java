package org.anchorwatch.messaging.handlers;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;

/** {"type":"verify","sha256":…} → rescan; where the certificate (or key) is still trusted. */
public final class VerifyHandler implements Handler {
  @Override
  public String type() {
    return "verify";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    var r = ctx.requireCleanup().verify(request.text("sha256"));
    if (ctx.snapshots() != null) ctx.snapshots().refresh();
    return r;
  }
}
