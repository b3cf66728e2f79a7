package org.anchorwatch.certs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Reads certificate blocks out of a file the way a TLS library would, and a little more: OpenSSL
 * loads the good blocks it meets before a broken one, so a scanner that rejects the whole file is
 * blind to them. Here every well-formed CERTIFICATE / X509 CERTIFICATE / TRUSTED CERTIFICATE block
 * counts wherever it stands (text around it, CRLF line ends, other block types, broken blocks
 * before or after); each broken block is one problem. A file without any BEGIN line is DER.
 */
public final class PemReader {
  private static final Set<String> CERT_LABELS = Set.of("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE");
  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";

  private PemReader() {}

  /** One certificate block: its DER (with OpenSSL's aux trust trailer for TRUSTED CERTIFICATE) and its 1-based block number. */
  public record Block(byte[] der, int ordinal, AuxTrust aux) {}

  /** What a file yielded; a problem names the block number ("block 2: ...") and why it was skipped. */
  public record Result(boolean pem, List<Block> blocks, List<String> problems) {}

  public static Result read(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    if (!text.contains(BEGIN)) return new Result(false, List.of(new Block(bytes, 1, AuxTrust.NONE)), List.of());
    List<Block> blocks = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int from = 0;
    int ordinal = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) break;
      int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
      int eol = lineEnd(text, begin);
      if (labelEnd < 0 || labelEnd > eol) {
        from = begin + BEGIN.length(); // "-----BEGIN " with no closing dashes on its line: not a block
        continue;
      }
      String label = text.substring(begin + BEGIN.length(), labelEnd);
      String endLine = "-----END " + label + DASHES;
      int end = text.indexOf(endLine, labelEnd);
      int nextBegin = text.indexOf(BEGIN, labelEnd);
      boolean cert = CERT_LABELS.contains(label);
      if (cert) ordinal++;
      if (end < 0 || (nextBegin >= 0 && nextBegin < end)) {
        // Unterminated: the next BEGIN starts afresh, as OpenSSL's line reader would after an error.
        if (cert) problems.add("block " + ordinal + ": PEM block '" + label + "' has no END line");
        from = labelEnd;
        continue;
      }
      from = end + endLine.length();
      if (!cert) continue;
      // the body starts after the BEGIN line, or at once when END shares that line (found by the fuzz campaign)
      String body = text.substring(Math.min(end, Math.max(labelEnd + DASHES.length(), Math.min(eol, end))), end);
      byte[] der;
      try {
        der = Base64.getDecoder().decode(withoutWhitespace(stripHeaders(body)));
      } catch (IllegalArgumentException e) {
        problems.add("block " + ordinal + ": PEM block is not valid base64");
        continue;
      }
      if (der.length == 0) {
        problems.add("block " + ordinal + ": empty PEM block");
        continue;
      }
      blocks.add(new Block(der, ordinal, label.equals("TRUSTED CERTIFICATE") ? AuxTrust.of(der) : AuxTrust.NONE));
    }
    return new Result(true, List.copyOf(blocks), List.copyOf(problems));
  }

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  /**
   * {@code s} without the characters regex {@code \\s} matches (space, \\t, \\n, \\x0B, \\f, \\r): a loop,
   * not {@code replaceAll}, because the host's routine path loads no regex runtime (its ~40
   * classes and the lambda runtime they pull in would stay resident; stores.DirListing).
   */
  static String withoutWhitespace(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
      if (space && b == null) b = new StringBuilder(s.length()).append(s, 0, i);
      else if (!space && b != null) b.append(c);
    }
    return b == null ? s : b.toString();
  }

  /** RFC 1421 headers ("Proc-Type: ...") end at the first blank line; certificates rarely have them. */
  private static String stripHeaders(String body) {
    if (!body.contains(":")) return body;
    String norm = body.replace("\r", "");
    int blank = norm.indexOf("\n\n");
    return blank < 0 ? norm : norm.substring(blank + 2);
  }
}
