package org.anchorwatch.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/** A parsed request: its id (echoed verbatim), its type, and the whole object for the handler. */
public record Request(JsonNode id, String type, ObjectNode body, java.util.function.Consumer<Object> progressSink) {

  public Request(JsonNode id, String type, ObjectNode body) {
    this(id, type, body, p -> {});
  }

  /** Streams one progress frame ({"id", "type", "ok": true, "progress": {...}}) before the final reply. */
  public void progress(Object event) {
    progressSink.accept(event);
  }

  public String text(String field) throws AnchorwatchException {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'" + field + "' must be a non-empty string");
    }
    return v.asText();
  }

  public boolean flag(String field) throws AnchorwatchException {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return false;
    if (!v.isBoolean()) throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'" + field + "' must be a boolean");
    return v.asBoolean();
  }
}
