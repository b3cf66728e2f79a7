package org.anchorwatch.messaging.handlers;

import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;

/** {"type":"backups"} → {"backups": [...]} newest first: the undo history. */
public final class BackupsHandler implements Handler {
  @Override
  public String type() {
    return "backups";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    return Map.of("backups", ctx.requireCleanup().backups());
  }
}
