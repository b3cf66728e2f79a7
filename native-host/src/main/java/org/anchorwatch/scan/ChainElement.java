package org.anchorwatch.scan;

import org.anchorwatch.certs.CertInfo;

/**
 * One certificate of a page's chain as the browser (or a probe) reported it. Firefox sends the
 * DER; callers without DER send hashes only. {@code builtIn} is Firefox's isBuiltInRoot; null
 * when unknown (Chromium, probe), in which case the host decides from the distro store set.
 */
public record ChainElement(CertInfo cert, String spkiSha256, String sha256, Boolean builtIn, String subject, String issuer) {

  public static ChainElement of(CertInfo c, Boolean builtIn) {
    return new ChainElement(c, c.spkiSha256(), c.sha256(), builtIn, c.subject(), c.issuer());
  }
}
