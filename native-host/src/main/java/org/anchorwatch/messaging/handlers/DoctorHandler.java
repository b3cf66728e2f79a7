package org.anchorwatch.messaging.handlers;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;

/** {"type":"doctor"} → the same report as `anchorwatch doctor --json`. */
public final class DoctorHandler implements Handler {
  @Override
  public String type() {
    return "doctor";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    return ctx.requireCleanup().doctor();
  }
}
