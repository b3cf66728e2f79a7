package org.anchorwatch.scan;

import org.anchorwatch.blocklist.Judge;

/** The last scan and the judge (blocklist + policy) it was made with: what checkChain consults. */
public record Snapshot(ScanResult result, Judge judge, long fingerprint) {}
