package org.anchorwatch.blocklist;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The Ed25519 public keys allowed to sign blocklist documents, by key id. Compiled in: nothing a
 * user or an administrator can write adds a key (a root host reads per-user files, so a key from
 * a file would let any user feed root a list). Two keys so one can be retired by a document
 * signed with the other ({@code retiredKeys}).
 *
 * <p>The constructor is package-private on purpose: tests in this package build a set holding
 * their own key; the shipped program has no call that does.
 */
public final class TrustedKeys {
  /** Raw 32-byte public keys, base64. The private halves are held offline by the maintainers. */
  private static final Map<String, String> BUILT_IN = Map.of(
      "aw-2026-a", "/9ZmZPRdCyWGGE4MvPIQOvqPhcBUc6TLGbGF90nqBaY=",
      "aw-2026-b", "40p/SKiSiGEgZnnkcI7+v9+rrGEy7XBHUvGNb/lyAoI=");

  private static final TrustedKeys BUILT_IN_KEYS = new TrustedKeys(decode(BUILT_IN));

  private final Map<String, Ed25519PublicKeyParameters> keys;

  TrustedKeys(Map<String, byte[]> rawKeys) {
    Map<String, Ed25519PublicKeyParameters> m = new LinkedHashMap<>();
    rawKeys.forEach((id, raw) -> m.put(id, new Ed25519PublicKeyParameters(raw, 0)));
    this.keys = Map.copyOf(m);
  }

  public static TrustedKeys builtIn() {
    return BUILT_IN_KEYS;
  }

  public Optional<Ed25519PublicKeyParameters> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  public Set<String> ids() {
    return keys.keySet();
  }

  private static Map<String, byte[]> decode(Map<String, String> b64) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    b64.forEach((id, k) -> m.put(id, Base64.getDecoder().decode(k)));
    return m;
  }
}
