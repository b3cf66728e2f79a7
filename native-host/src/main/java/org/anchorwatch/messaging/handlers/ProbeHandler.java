package org.anchorwatch.messaging.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;
import org.anchorwatch.probe.ProbeService;
import org.anchorwatch.probe.ProbeTarget;

/**
 * {"host": "example.com", "port": 443, "timeoutMs": 4000}: the chain a server presents, judged
 * like checkChain. Wrong JSON types are MISSING_FIELD; values out of range are BAD_ARGUMENT
 * (checked by ProbeTarget).
 */
public final class ProbeHandler implements Handler {
  private final ProbeService service;

  public ProbeHandler() {
    this(new ProbeService());
  }

  public ProbeHandler(ProbeService service) {
    this.service = service;
  }

  @Override
  public String type() {
    return "probe";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    ProbeTarget target = ProbeTarget.of(request.text("host"), integer(request, "port"), integer(request, "timeoutMs"));
    return service.probe(target, ctx.snapshots()::get);
  }

  /** An optional integer field; an integer too large for int is out of range, not the wrong type. */
  private static Integer integer(Request request, String field) throws AnchorwatchException {
    JsonNode v = request.body().get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber()) throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'" + field + "' must be an integer");
    if (!v.canConvertToInt()) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "'" + field + "' is out of range: " + v.asText());
    return v.intValue();
  }
}
