package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.anchorwatch.config.JsonTree;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * A blocklist document whose signature has been checked: the bundled schema plus {@code kind:
 * "blocklist"}, {@code sequence}, {@code issued}, {@code expires} and optional
 * {@code retiredKeys}. Unknown fields (a catalog, new tiers' data) travel untouched in the
 * signed bytes, so additions to the bundled schema need no change here.
 */
public record ListDocument(Blocklist blocklist, long sequence, Instant issued, Instant expires,
    Set<String> retiredKeys, List<String> signers) {

  /** Parses a signed document's body; anything missing or of the wrong shape is UPDATE_MALFORMED. */
  static ListDocument parse(byte[] body, String source, List<String> signers) throws AnchorwatchException {
    JsonNode root;
    try {
      root = JsonTree.read(body);
    } catch (IOException e) {
      throw malformed("the signed document is not JSON");
    }
    if (root == null || !root.isObject()) throw malformed("the signed document is not a JSON object");
    if (!"blocklist".equals(root.path("kind").asText())) throw malformed("the signed document is not a blocklist (kind)");
    if (root.path("format").asInt() != 1) throw malformed("unsupported blocklist format " + root.path("format"));
    JsonNode seq = root.get("sequence");
    if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() < 1) {
      throw malformed("sequence must be a positive integer");
    }
    if (!root.path("entries").isArray()) throw malformed("entries must be an array");
    Instant issued = instant(root, "issued");
    Instant expires = instant(root, "expires");
    if (!expires.isAfter(issued)) throw malformed("expires is not after issued");
    Set<String> retired = retiredKeys(root);
    Blocklist list;
    try {
      list = Blocklist.fromJson(withKnownTiers((ObjectNode) root), source);
    } catch (IllegalArgumentException e) {
      throw malformed("an entry does not parse: " + e.getMessage());
    }
    return new ListDocument(list, seq.asLong(), issued, expires, retired, List.copyOf(signers));
  }

  /** The bundled list, which is trusted as part of the program and never expires. */
  static ListDocument bundled(Blocklist list, Set<String> retiredKeys) {
    return new ListDocument(list, list.sequence(), null, null, retiredKeys, List.of());
  }

  /**
   * Drops entries of a tier this program does not know yet: a list made for a newer program
   * still brings its other entries (a new Kazakhstan root) to an older one, instead of being
   * refused whole.
   */
  private static JsonNode withKnownTiers(ObjectNode root) {
    ArrayNode kept = root.arrayNode();
    for (JsonNode e : root.path("entries")) {
      try {
        Tier.fromWire(e.path("tier").asText());
        kept.add(e);
      } catch (IllegalArgumentException unknownTier) {
        // skipped: see above
      }
    }
    ObjectNode copy = root.deepCopy();
    copy.set("entries", kept);
    return copy;
  }

  static Set<String> retiredKeys(JsonNode root) {
    Set<String> out = new LinkedHashSet<>();
    root.path("retiredKeys").forEach(k -> out.add(k.asText()));
    return Set.copyOf(out);
  }

  private static Instant instant(JsonNode root, String field) throws AnchorwatchException {
    try {
      return Instant.parse(root.path(field).asText());
    } catch (DateTimeParseException e) {
      throw malformed(field + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
  }

  private static AnchorwatchException malformed(String why) {
    return new AnchorwatchException(ErrorCode.UPDATE_MALFORMED, why);
  }
}
