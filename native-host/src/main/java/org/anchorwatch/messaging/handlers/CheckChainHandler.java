package org.anchorwatch.messaging.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.messaging.Handler;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.messaging.Request;
import org.anchorwatch.scan.ChainElement;
import org.anchorwatch.scan.ChainJudge;
import org.anchorwatch.scan.Snapshot;

/**
 * A page's chain as Firefox's getSecurityInfo gives it (leaf first). Per certificate: "rawDER"
 * (base64) and/or "spkiSha256" (hex or base64) / "sha256" (hex, colons allowed), plus
 * "isBuiltInRoot". When DER is present the host computes the hashes itself and ignores claimed ones.
 */
public final class CheckChainHandler implements Handler {
  static final int MAX_CHAIN = 16;

  @Override
  public String type() {
    return "checkChain";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    List<ChainElement> chain = parseChain(request.body().get("chain"));
    Snapshot s = ctx.snapshots().get();
    return ChainJudge.judge(chain, s.judge(), s.result().index());
  }

  public static List<ChainElement> parseChain(JsonNode chain) throws AnchorwatchException {
    if (chain == null || !chain.isArray() || chain.isEmpty()) {
      throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'chain' must be a non-empty array of certificates");
    }
    if (chain.size() > MAX_CHAIN) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "'chain' has " + chain.size() + " certificates; at most " + MAX_CHAIN);
    }
    List<ChainElement> out = new ArrayList<>(chain.size());
    for (int i = 0; i < chain.size(); i++) out.add(element(chain.get(i), i));
    return out;
  }

  private static ChainElement element(JsonNode n, int i) throws AnchorwatchException {
    String where = "chain[" + i + "]";
    if (!n.isObject()) throw new AnchorwatchException(ErrorCode.MISSING_FIELD, where + " must be an object");
    JsonNode b = n.get("isBuiltInRoot");
    Boolean builtIn = b == null || b.isNull() ? null : b.isBoolean() ? b.asBoolean() : bad(where + ".isBuiltInRoot must be a boolean");
    JsonNode der = n.get("rawDER");
    if (der != null && !der.isNull()) {
      if (!der.isTextual()) throw new AnchorwatchException(ErrorCode.BAD_CERTIFICATE, where + ".rawDER must be a base64 string");
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(der.asText());
      } catch (IllegalArgumentException e) {
        throw new AnchorwatchException(ErrorCode.BAD_CERTIFICATE, where + ".rawDER is not base64");
      }
      try {
        CertInfo c = CertParser.parseDer(bytes);
        return ChainElement.of(c, builtIn);
      } catch (AnchorwatchException e) {
        throw new AnchorwatchException(e.code(), where + ": " + e.getMessage());
      }
    }
    String spki = hash(n, "spkiSha256", where);
    String sha = hash(n, "sha256", where);
    if (spki == null && sha == null) {
      throw new AnchorwatchException(ErrorCode.MISSING_FIELD, where + " needs rawDER, spkiSha256 or sha256");
    }
    return new ChainElement(null, spki, sha, builtIn, text(n, "subject"), text(n, "issuer"));
  }

  private static String hash(JsonNode n, String field, String where) throws AnchorwatchException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    return Hex.normalise(v.asText(), 32).orElseThrow(() ->
        new AnchorwatchException(ErrorCode.BAD_HASH, where + "." + field + " is not a SHA-256 in hex or base64"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  private static Boolean bad(String msg) throws AnchorwatchException {
    throw new AnchorwatchException(ErrorCode.MISSING_FIELD, msg);
  }
}
