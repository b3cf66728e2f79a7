package org.anchorwatch.certs;

import java.time.Instant;

/**
 * One parsed certificate with every key the blocklist matches on. Immutable; the DER is kept
 * because cleanup must back up the exact bytes.
 *
 * @param spkiSha256 SHA-256 of the SubjectPublicKeyInfo exactly as encoded in the certificate
 */
public record CertInfo(
    byte[] der,
    String sha256,
    String sha1,
    String spkiSha256,
    String subject,
    String issuer,
    Instant notBefore,
    Instant notAfter,
    boolean ca,
    boolean selfIssued) {

  /** A short display name: the subject CN, else the whole subject. */
  public String displayName() {
    return DistinguishedNames.commonName(subject).orElse(subject);
  }
}
