package org.anchorwatch.messaging.handlers;

import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;

/**
 * {"type":"confirm","planId":…} → a one-time token for apply. The extension sends this only from
 * its cleanup page, in the click handler of the explicit "Remove" button.
 */
public final class ConfirmHandler implements Handler {
  @Override
  public String type() {
    return "confirm";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    String planId = request.text("planId");
    return Map.of("planId", planId, "token", ctx.requireCleanup().confirm(planId), "expiresInSeconds", 600);
  }
}
