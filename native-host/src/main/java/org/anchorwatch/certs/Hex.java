package org.anchorwatch.certs;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Hash spellings: lowercase hex is canonical; Firefox sends colon-hex and base64 SPKI digests. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  public static String of(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * Normalises a hash of {@code bytes} length given as hex (any case, optional ':' separators)
   * or base64 to lowercase hex. Empty when the text is neither.
   */
  // a loop, not chars().allMatch: the host's routine path loads no stream runtime (stores.DirListing)
  private static boolean allHex(String s) {
    for (int i = 0; i < s.length(); i++) if (!isHexDigit(s.charAt(i))) return false;
    return true;
  }

  public static Optional<String> normalise(String text, int bytes) {
    if (text == null) return Optional.empty();
    String t = text.trim();
    String hex = t.replace(":", "").toLowerCase(Locale.ROOT);
    if (hex.length() == bytes * 2 && allHex(hex)) return Optional.of(hex);
    try {
      byte[] raw = Base64.getDecoder().decode(t);
      if (raw.length == bytes) return Optional.of(of(raw));
    } catch (IllegalArgumentException notBase64) {
      // fall through: neither spelling
    }
    return Optional.empty();
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
