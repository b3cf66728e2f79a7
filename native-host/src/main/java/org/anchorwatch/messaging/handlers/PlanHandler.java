package org.anchorwatch.messaging.handlers;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;

/** {"type":"plan","sha256":"<certificate or SPKI SHA-256>","distrust":false} → the plan; changes nothing. */
public final class PlanHandler implements Handler {
  @Override
  public String type() {
    return "plan";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    return ctx.requireCleanup().plan(request.text("sha256"), request.flag("distrust"));
  }
}
