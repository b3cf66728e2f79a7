package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anchorwatch.certs.CertInfo;

/**
 * What an interception operator keeps across re-keys: the name on its root. A trusted certificate
 * carrying one of these names with a key the blocklist does not know is "suspected" (the next
 * re-key) and alarms like the entry it imitates. Data: name-identities.json, a source per row.
 */
public final class NameIdentities {
  /** The entry a name belongs to, and the name. */
  public record Identity(String entryId, SubjectMatch match, String source) {}

  private final List<Identity> identities;

  public NameIdentities(List<Identity> identities) {
    this.identities = List.copyOf(identities);
  }

  public static NameIdentities bundled() {
    List<Identity> list = new ArrayList<>();
    for (JsonNode n : BundledData.read("name-identities.json").path("identities")) {
      list.add(new Identity(n.path("entry").asText(), SubjectMatch.fromJson(n.path("match")), n.path("source").asText()));
    }
    return new NameIdentities(list);
  }

  public List<Identity> identities() {
    return identities;
  }

  /** The identity this certificate's name matches, if any; the caller has already found its key unknown. */
  public Optional<Identity> match(CertInfo cert) {
    return match(cert.subject());
  }

  /** The same, from a subject name alone (a browser may report a chain without DER). */
  public Optional<Identity> match(String subject) {
    for (Identity i : identities) if (i.match().matches(subject)) return Optional.of(i);
    return Optional.empty();
  }
}
