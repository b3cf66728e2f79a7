package org.anchorwatch.scan;

import java.util.Map;

/**
 * One certificate worth the user's attention, at one location. A root installed in three
 * stores is three findings: cleanup acts per location.
 */
public record Finding(
    String level,
    String store,
    String storeLabel,
    String location,
    String sha256,
    String sha1,
    String spkiSha256,
    String subject,
    String issuer,
    String notAfter,
    String trust,
    String installedAt,
    EntryView entry,
    Map<String, String> attributes) {}
