package org.anchorwatch.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.anchorwatch.errors.ErrorInfo;

/**
 * The reply envelope. Every reply echoes the request's {@code id} (null when the request could
 * not be parsed far enough to have one) and carries {@code ok}; success carries {@code result},
 * failure {@code error}. A result over the 1 MiB frame cap arrives as several frames with
 * {@code chunk} (see docs/PROTOCOL.md, "Large replies").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reply(JsonNode id, String type, boolean ok, Object result, ErrorInfo error, Chunk chunk, Object progress) {

  /** Part {@code index} of {@code count}; the concatenated {@code data} is the result's JSON text. */
  public record Chunk(int index, int count, String data) {}

  public static Reply success(JsonNode id, String type, Object result) {
    return new Reply(id, type, true, result, null, null, null);
  }

  public static Reply failure(JsonNode id, String type, ErrorInfo error) {
    return new Reply(id, type, false, null, error, null, null);
  }

  /** A progress event of a long request (apply, restore); the final reply follows. */
  public static Reply progress(JsonNode id, String type, Object progress) {
    return new Reply(id, type, true, null, null, null, progress);
  }

  public static Reply part(JsonNode id, String type, Chunk chunk) {
    return new Reply(id, type, true, null, null, chunk, null);
  }
}
