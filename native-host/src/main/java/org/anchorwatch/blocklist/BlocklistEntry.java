package org.anchorwatch.blocklist;

import java.util.List;

/**
 * One known-bad key or certificate. SPKI SHA-256 is the primary key (a re-issued certificate
 * with the same key must match); certificate SHA-256 second; SHA-1 is kept for display and for
 * platform tools that only expose thumbprints, never matched alone.
 */
public record BlocklistEntry(
    String id,
    String name,
    String subject,
    String issuer,
    String notBefore,
    String notAfter,
    String spkiSha256,
    String sha256,
    String sha1,
    String category,
    Tier tier,
    List<String> references,
    String notes,
    Source source) {

  public enum Source { BUNDLED, POLICY }

  public String severity() {
    return tier.severity();
  }

  public boolean hasKey() {
    return spkiSha256 != null || sha256 != null;
  }
}
