package org.anchorwatch.messaging.handlers;

import org.anchorwatch.cleanup.ApplyResult;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;

/** {"type":"apply","planId":…,"token":…} → progress frames, then the result; refreshes the scan snapshot. */
public final class ApplyHandler implements Handler {
  @Override
  public String type() {
    return "apply";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    String planId = request.text("planId");
    var token = request.body().get("token");
    if (token == null || !token.isTextual() || token.asText().isEmpty()) {
      throw new AnchorwatchException(ErrorCode.CONFIRMATION_REQUIRED, "'token' from a confirm request is required");
    }
    ApplyResult r = ctx.requireCleanup().apply(planId, token.asText(), request::progress);
    if (ctx.snapshots() != null) ctx.snapshots().refresh();
    return r;
  }
}
