package org.anchorwatch.messaging.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
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
  /** Certificates remembered by {@link #cached}: ~3 KiB each (text, DER, strings), so at most ~0.8 MiB. */
  static final int CACHE_ENTRIES = 256;

  /**
   * Recently parsed certificates, keyed by their rawDER text exactly as received (LRU). A browser
   * sends the same intermediates and roots with nearly every page, and the same leaf for every
   * request to a site; decoding and parsing a certificate with Bouncy Castle costs 15-50 µs
   * (re-encoding, names, dates, three digests), a lookup ~1 µs. CertInfo is a pure function of
   * that text, and only successful parses are remembered, so a hit answers exactly as a parse would.
   */
  private static final int SEEN_BITS = 1 << 13;
  private final BitSet seen = new BitSet(SEEN_BITS);
  private int misses;
  private final Map<Key, CertInfo> recent = new LinkedHashMap<>(CACHE_ENTRIES * 2, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, CertInfo> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };

  /**
   * The rawDER text as a cache key, held as its ISO-8859-1 bytes. Every request brings new String
   * objects, so String.hashCode would walk all ~1.3 KB of each certificate per lookup: the head
   * (which holds the serial number) and tail (the signature) tell certificates apart as well for
   * ~1/8 of the work. equals compares all bytes with Arrays.equals, which the JIT turns into wide
   * compares (String.equals is a byte loop in C1 code). Exact: every cached text decoded as
   * base64, so it is ASCII; a text with other characters gets '?' for them, which no cached key
   * contains, so it can only miss.
   */
  private static final class Key {
    private static final int HEAD = 96;
    private static final int TAIL = 64;
    private final byte[] bytes;
    private final int hash;

    Key(String text) {
      bytes = text.getBytes(StandardCharsets.ISO_8859_1);
      int n = bytes.length;
      int h = n;
      if (n <= HEAD + TAIL) {
        for (byte c : bytes) h = 31 * h + c;
      } else {
        for (int i = 0; i < HEAD; i++) h = 31 * h + bytes[i];
        for (int i = n - TAIL; i < n; i++) h = 31 * h + bytes[i];
      }
      hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }
  }

  @Override
  public String type() {
    return "checkChain";
  }

  @Override
  public Object handle(Request request, HostContext ctx) throws AnchorwatchException {
    List<ChainElement> chain = parseChain(request.body().get("chain"), viaCache);
    Snapshot s = ctx.snapshots().get();
    return ChainJudge.judge(chain, s.judge(), s.result().index());
  }

  /** How a rawDER value becomes a CertInfo: {@link #decode} or the handler's cache in front of it. */
  public interface DerParser {
    /** @param index the certificate's chain position, for error messages */
    CertInfo parse(String base64Der, int index) throws AnchorwatchException;
  }

  /** {@link #cached} as a DerParser (a class, not a method reference: the routine path loads no lambda runtime). */
  private final DerParser viaCache = new DerParser() {
    @Override
    public CertInfo parse(String base64Der, int index) throws AnchorwatchException {
      return cached(base64Der, index);
    }
  };

  CertInfo cached(String base64Der, int index) throws AnchorwatchException {
    Key key = new Key(base64Der);
    int h = key.hashCode();
    synchronized (recent) {
      CertInfo hit = recent.get(key);
      if (hit != null) return hit;
    }
    CertInfo parsed = decode(base64Der, index); // failures throw and are not remembered
    synchronized (recent) {
      if (seenBefore(h)) recent.put(key, parsed);
    }
    return parsed;
  }

  /**
   * Admission on the second sighting: a certificate seen once (a new site's leaf) is not cached,
   * so a stream of one-off certificates cannot churn the cache, whose entries outlive young
   * collections and would fill the old generation with garbage (full collections). A hash bit
   * set, cleared every SEEN_BITS / 2 misses; a false positive merely caches on first sight.
   */
  private boolean seenBefore(int h) {
    int bit = (h ^ (h >>> 16)) & (SEEN_BITS - 1);
    boolean was = seen.get(bit);
    seen.set(bit);
    if (++misses >= SEEN_BITS / 2) {
      seen.clear();
      misses = 0;
    }
    return was;
  }

  /** Base64 DER to CertInfo, with the chain position in error messages. */
  public static CertInfo decode(String base64Der, int index) throws AnchorwatchException {
    String where = where(index);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Der);
    } catch (IllegalArgumentException e) {
      throw new AnchorwatchException(ErrorCode.BAD_CERTIFICATE, where + ".rawDER is not base64");
    }
    try {
      return CertParser.parseDer(bytes);
    } catch (AnchorwatchException e) {
      throw new AnchorwatchException(e.code(), where + ": " + e.getMessage());
    }
  }

  public static List<ChainElement> parseChain(JsonNode chain, DerParser parser) throws AnchorwatchException {
    if (chain == null || !chain.isArray() || chain.isEmpty()) {
      throw new AnchorwatchException(ErrorCode.MISSING_FIELD, "'chain' must be a non-empty array of certificates");
    }
    if (chain.size() > MAX_CHAIN) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "'chain' has " + chain.size() + " certificates; at most " + MAX_CHAIN);
    }
    List<ChainElement> out = new ArrayList<>(chain.size());
    for (int i = 0; i < chain.size(); i++) out.add(element(chain.get(i), i, parser));
    return out;
  }

  private static String where(int i) {
    return "chain[" + i + "]";
  }

  private static ChainElement element(JsonNode n, int i, DerParser parser) throws AnchorwatchException {
    // The position text is built only for an error: this runs for every certificate of every page.
    if (!n.isObject()) throw new AnchorwatchException(ErrorCode.MISSING_FIELD, where(i) + " must be an object");
    JsonNode b = n.get("isBuiltInRoot");
    Boolean builtIn = b == null || b.isNull() ? null : b.isBoolean() ? b.asBoolean() : bad(where(i) + ".isBuiltInRoot must be a boolean");
    JsonNode der = n.get("rawDER");
    if (der != null && !der.isNull()) {
      if (!der.isTextual()) throw new AnchorwatchException(ErrorCode.BAD_CERTIFICATE, where(i) + ".rawDER must be a base64 string");
      return ChainElement.of(parser.parse(der.asText(), i), builtIn);
    }
    String where = where(i);
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
    Optional<String> hex = Hex.normalise(v.asText(), 32);
    if (hex.isEmpty()) throw new AnchorwatchException(ErrorCode.BAD_HASH, where + "." + field + " is not a SHA-256 in hex or base64");
    return hex.get();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  private static Boolean bad(String msg) throws AnchorwatchException {
    throw new AnchorwatchException(ErrorCode.MISSING_FIELD, msg);
  }
}
