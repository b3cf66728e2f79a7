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
