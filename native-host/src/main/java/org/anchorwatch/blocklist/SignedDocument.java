package org.anchorwatch.blocklist;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.config.JsonTree;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A signed file: the document's exact bytes (base64, so no JSON canonicalisation is needed to
 * check them) and detached Ed25519 signatures over those bytes.
 *
 * <pre>{"anchorwatchSigned": 1, "document": "base64", "signatures": [{"keyId": "...", "ed25519": "base64"}]}</pre>
 */
public record SignedDocument(byte[] body, List<Signature> signatures) {
  /** Larger files are refused unread: the bundled list is ~60 KB; room for years of growth. */
  public static final int MAX_BYTES = 4 << 20;

  public record Signature(String keyId, byte[] value) {}

  public static SignedDocument parse(byte[] file) throws AnchorwatchException {
    if (file.length > MAX_BYTES) throw new AnchorwatchException(ErrorCode.UPDATE_TOO_LARGE, "signed document is larger than " + MAX_BYTES + " bytes");
    JsonNode root;
    try {
      root = JsonTree.read(file);
    } catch (IOException e) {
      throw malformed("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject() || root.path("anchorwatchSigned").asInt() != 1) {
      throw malformed("not an anchorwatch signed document (anchorwatchSigned: 1 missing)");
    }
    byte[] body = base64(root.get("document"), "document");
    List<Signature> sigs = new ArrayList<>();
    for (JsonNode s : root.path("signatures")) {
      if (!s.path("keyId").isTextual()) throw malformed("a signature has no keyId");
      sigs.add(new Signature(s.get("keyId").asText(), base64(s.get("ed25519"), "ed25519")));
    }
    if (sigs.isEmpty()) throw new AnchorwatchException(ErrorCode.UPDATE_BAD_SIGNATURE, "the document carries no signature");
    return new SignedDocument(body, List.copyOf(sigs));
  }

  /**
   * The ids of trusted, unretired keys whose signature verifies. Refused (UPDATE_BAD_SIGNATURE)
   * when there is none, with the reason of the best attempt: unknown key, retired key, bad signature.
   */
  public List<String> verify(TrustedKeys keys, Set<String> retired) throws AnchorwatchException {
    List<String> good = new ArrayList<>();
    String why = "no signature by a trusted key";
    for (Signature s : signatures) {
      var key = keys.key(s.keyId());
      if (key.isEmpty()) {
        why = "signed by unknown key " + s.keyId();
      } else if (!valid(key.get(), s.value())) {
        why = "the signature by " + s.keyId() + " does not verify over this document";
      } else if (retired.contains(s.keyId())) {
        why = "signed by retired key " + s.keyId();
      } else {
        good.add(s.keyId());
      }
    }
    if (good.isEmpty()) throw new AnchorwatchException(ErrorCode.UPDATE_BAD_SIGNATURE, why);
    return List.copyOf(good);
  }

  private boolean valid(Ed25519PublicKeyParameters key, byte[] sig) {
    if (sig.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) return false;
    Ed25519Signer v = new Ed25519Signer();
    v.init(false, key);
    v.update(body, 0, body.length);
    return v.verifySignature(sig);
  }

  /** For the maintainers' signing verb and tests: signs {@code body} with every given key. */
  public static SignedDocument sign(byte[] body, Map<String, Ed25519PrivateKeyParameters> keys) {
    List<Signature> sigs = new ArrayList<>();
    keys.forEach((id, k) -> {
      Ed25519Signer s = new Ed25519Signer();
      s.init(true, k);
      s.update(body, 0, body.length);
      sigs.add(new Signature(id, s.generateSignature()));
    });
    return new SignedDocument(body.clone(), List.copyOf(sigs));
  }

  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4 / 3 + 512);
    try (JsonGenerator g = JsonTree.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("anchorwatchSigned", 1);
      g.writeStringField("document", Base64.getEncoder().encodeToString(body));
      g.writeArrayFieldStart("signatures");
      for (Signature s : signatures) {
        g.writeStartObject();
        g.writeStringField("keyId", s.keyId());
        g.writeStringField("ed25519", Base64.getEncoder().encodeToString(s.value()));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static byte[] base64(JsonNode n, String field) throws AnchorwatchException {
    if (n == null || !n.isTextual()) throw malformed(field + " missing");
    try {
      return Base64.getDecoder().decode(n.asText());
    } catch (IllegalArgumentException e) {
      throw malformed(field + " is not base64");
    }
  }

  private static AnchorwatchException malformed(String why) {
    return new AnchorwatchException(ErrorCode.UPDATE_MALFORMED, why);
  }
}
