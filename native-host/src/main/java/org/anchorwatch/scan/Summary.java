package org.anchorwatch.scan;

import java.util.List;

/**
 * Totals for a scan. {@code interception} names the interception-tier entries found anywhere:
 * the extension's machine-wide alert keys on it, not on distrusted CAs a distro still ships.
 * {@code blocklistVersion}/{@code blocklistSequence} name the list this scan used: the extension
 * shows them, so a signed update installed while it is connected appears at the next scan.
 */
public record Summary(int stores, int storesWithErrors, int certificates, int blocked, int notice,
    List<String> interception, List<String> distrusted, String blocklistVersion, List<String> policyFiles,
    List<String> policyErrors, String scannedAt, long blocklistSequence) {}
