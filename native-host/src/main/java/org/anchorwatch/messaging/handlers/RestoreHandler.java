package org.anchorwatch.messaging.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;

/** {"type":"restore","backupId":…,"steps":[n…]?} → puts the locations back; progress frames, then the result. */
public final class RestoreHandler implements Handler {
  @Override
  public String type() {
    return "restore";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    String id = request.text("backupId");
    Set<Integer> steps = new LinkedHashSet<>();
    JsonNode s = request.body().get("steps");
    if (s != null && !s.isNull()) {
      if (!s.isArray()) throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'steps' must be an array of integers");
      for (JsonNode n : s) {
        if (!n.isInt()) throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'steps' must be an array of integers");
        steps.add(n.asInt());
      }
    }
    var r = ctx.requireCleanup().restore(id, steps, request::progress);
    if (ctx.snapshots() != null) ctx.snapshots().refresh();
    return r;
  }
}
