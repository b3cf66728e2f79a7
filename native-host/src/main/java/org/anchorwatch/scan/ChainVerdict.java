package org.anchorwatch.scan;

import java.util.List;

/**
 * The answer to "is this page's connection intercepted?".
 *
 * @param reason blocklisted | suspected-by-name | non-built-in-root | policy-allowed | built-in-root | unknown-root
 * @param matchedIndex chain position (0 = leaf) of the blocklisted element, or -1 (no match, or the match is
 *     the local anchor the server did not send, which {@code root} then names)
 * @param root the chain's anchor as far as the host knows it (may come from a local store when
 *     the server did not send it)
 * @param installedIn where the matched (or notice-worthy) certificate sits on this machine
 */
public record ChainVerdict(String level, String reason, EntryView entry, int matchedIndex, CertSummary root,
    List<Installed> installedIn) {

  /** The few certificate fields a badge title and popup need. */
  public record CertSummary(String subject, String issuer, String sha256, String spkiSha256, Boolean builtIn) {}
}
