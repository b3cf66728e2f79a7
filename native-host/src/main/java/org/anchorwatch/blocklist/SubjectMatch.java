package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.DistinguishedNames;

/**
 * A name a certificate's subject must carry, attribute by attribute: every condition given must
 * hold. Values compare whole (an exact value, or a prefix where a product appends an install date
 * or host name), case and runs of spaces aside; never "contains", so a root that merely uses a
 * similar word does not match.
 *
 * @param cn any of these common names; empty = no condition
 * @param cnPrefix the common name starts with this; null = no condition
 * @param o the organization equals this; null = no condition
 */
public record SubjectMatch(List<String> cn, String cnPrefix, String o) {

  public boolean matches(CertInfo cert) {
    return matches(cert.subject());
  }

  /** The same test on a subject name alone (RFC 4514, as CertInfo spells it), for chains reported without DER. */
  public boolean matches(String subject) {
    if (subject == null) return false;
    // loops, not streams, lambdas or regex: the host's routine path loads none of their runtimes (stores.DirListing)
    Optional<String> cnValue = DistinguishedNames.attribute(subject, "CN");
    String certCn = cnValue.isPresent() ? norm(cnValue.get()) : null;
    if (!cn.isEmpty() && (certCn == null || !anyNormEquals(cn, certCn))) return false;
    if (cnPrefix != null && (certCn == null || !certCn.startsWith(norm(cnPrefix)))) return false;
    if (o != null) {
      Optional<String> org = DistinguishedNames.attribute(subject, "O");
      if (!(org.isPresent() ? norm(org.get()) : "").equals(norm(o))) return false;
    }
    return !cn.isEmpty() || cnPrefix != null || o != null;
  }

  static SubjectMatch fromJson(JsonNode n) {
    List<String> cns = new ArrayList<>();
    JsonNode c = n.path("cn");
    if (c.isArray()) for (JsonNode x : c) cns.add(x.asText());
    else if (c.isTextual()) cns.add(c.asText());
    return new SubjectMatch(List.copyOf(cns), text(n, "cnPrefix"), text(n, "o"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static boolean anyNormEquals(List<String> values, String normed) {
    for (String v : values) if (norm(v).equals(normed)) return true;
    return false;
  }

  /** Stripped, each run of regex {@code \\s} characters one space, lower case. */
  private static String norm(String s) {
    String t = s.strip();
    StringBuilder b = new StringBuilder(t.length());
    boolean inSpace = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
      if (space && !inSpace) b.append(' ');
      else if (!space) b.append(c);
      inSpace = space;
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
