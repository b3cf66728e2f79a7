package org.anchorwatch.blocklist;

import java.util.Optional;
import org.anchorwatch.certs.CertInfo;

/**
 * Bundled blocklist plus local policy: the one place that decides whether a key is known bad.
 * Policy deny entries are consulted after the bundled list so a bundled entry's richer data wins
 * when both name the same key.
 */
public final class Judge {
  private final Blocklist blocklist;
  private final Blocklist denied;
  private final Policy policy;

  public Judge(Blocklist blocklist, Policy policy) {
    this.blocklist = blocklist;
    this.policy = policy;
    this.denied = new Blocklist("policy", policy.deny());
  }

  public Optional<BlocklistEntry> match(String spkiSha256, String sha256) {
    Optional<BlocklistEntry> hit = blocklist.match(spkiSha256, sha256);
    return hit.isPresent() ? hit : denied.match(spkiSha256, sha256);
  }

  public Optional<BlocklistEntry> match(CertInfo cert) {
    return match(cert.spkiSha256(), cert.sha256());
  }

  /** Loaded once per process: they are bundled data, like the blocklist. */
  private static final class Names {
    static final NameIdentities IDENTITIES = NameIdentities.bundled();
    static final InspectionCatalog CATALOG = InspectionCatalog.bundled();
  }

  /**
   * A certificate whose key is on no list but whose name is an interception operator's: the entry
   * it imitates, relabelled as a suspected match (the next re-key alarms before any list has it).
   */
  public Optional<BlocklistEntry> suspect(CertInfo cert) {
    return suspect(cert.spkiSha256(), cert.sha256(), cert.subject());
  }

  /** The same for a page's chain element, known by its hashes and subject name. */
  public Optional<BlocklistEntry> suspect(String spkiSha256, String sha256, String subject) {
    if (subject == null || match(spkiSha256, sha256).isPresent()) return Optional.empty();
    Optional<NameIdentities.Identity> identity = Names.IDENTITIES.match(subject);
    if (identity.isEmpty()) return Optional.empty();
    NameIdentities.Identity i = identity.get();
    for (BlocklistEntry e : blocklist.entries()) {
      if (!e.id().equals(i.entryId())) continue;
      return Optional.of(new BlocklistEntry("suspected-" + e.id(), e.name(), e.subject(), e.issuer(), null, null, null, null, null,
          e.category(), Tier.INTERCEPTION, e.references(),
          "matches " + e.name() + " by name; key not on the list. Name identity: " + i.source(), e.source()));
    }
    return Optional.empty();
  }

  /** The product whose per-install inspection root this is, by its name (a notice can then say who inspects). */
  public Optional<InspectionCatalog.Product> inspection(CertInfo cert) {
    return Names.CATALOG.match(cert);
  }

  public boolean allowed(CertInfo cert) {
    return policy.allows(cert);
  }

  public boolean allowed(String spkiSha256, String sha256) {
    return policy.allows(spkiSha256, sha256);
  }

  public Blocklist blocklist() {
    return blocklist;
  }

  public Policy policy() {
    return policy;
  }
}
