package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * For maintainers: turns a blocklist in the bundled schema (what tools/blocklist_from_tsv.py
 * writes, with whatever fields it has, a catalog included) into a signed, sequenced update. For
 * administrators: the same for an organisation policy (deny/allow), signed with their own key.
 */
public final class DocumentSigner {
  private DocumentSigner() {}

  /** {@code kind}: "blocklist" (the bundled schema) or "policy" (the local policy's deny/allow schema). */
  public record Request(String kind, byte[] json, JsonNode catalog, long sequence, Instant issued, Instant expires,
      List<String> retiredKeys, Map<String, Ed25519PrivateKeyParameters> keys) {}

  public static byte[] sign(Request r) throws AnchorwatchException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    JsonNode in;
    try {
      in = mapper.readTree(r.json());
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "the blocklist is not JSON: " + e.getMessage());
    }
    boolean policy = "policy".equals(r.kind());
    if (in == null || !in.isObject() || !(policy || in.path("entries").isArray())) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "the input must be a JSON object" + (policy ? "" : " with entries"));
    }
    ObjectNode doc = mapper.createObjectNode();
    doc.put("kind", policy ? "policy" : "blocklist");
    doc.setAll((ObjectNode) in);
    doc.put("sequence", r.sequence());
    doc.put("issued", r.issued().toString());
    doc.put("expires", r.expires().toString());
    if (!r.retiredKeys().isEmpty()) r.retiredKeys().forEach(doc.putArray("retiredKeys")::add);
    if (r.catalog() != null) doc.set("catalog", r.catalog());
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.INTERNAL, e.getMessage());
    }
    // never sign what the host would refuse
    if (policy) {
      Policy.parse(body, java.nio.file.Path.of("input"));
    } else {
      ListDocument.parse(body, "check", List.of());
    }
    return SignedDocument.sign(body, r.keys()).toBytes();
  }
}
