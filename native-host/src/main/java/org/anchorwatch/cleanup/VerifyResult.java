package org.anchorwatch.cleanup;

import java.util.List;
import org.anchorwatch.scan.Installed;

/**
 * A rescan's answer to "is it gone?".
 *
 * @param remaining every location that still trusts (or stores) the certificate
 * @param clean true when nothing trusts it any more
 */
public record VerifyResult(String sha256, String spkiSha256, boolean clean, List<Installed> remaining, String scannedAt) {}
