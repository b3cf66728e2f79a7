package org.anchorwatch.stores;

import java.util.List;

/** What a store yielded: its certificates plus per-item problems that did not stop the rest. */
public record StoreListing(List<StoreEntry> entries, List<String> warnings) {}
