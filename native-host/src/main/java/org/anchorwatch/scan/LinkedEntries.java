package org.anchorwatch.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.stores.PemStore;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.Trust;

/**
 * One certificate file reached through links (an OpenSSL hash dir entry, a link in a local anchor
 * directory) is one finding, not two: an entry listed under a link whose file another store
 * already read as a trusted anchor is folded into that entry, which then names the link in its
 * "alsoAt" attribute. A link to a file no store trusts stays its own entry: OpenSSL trusts it
 * through the link even when the file is deselected or lies outside every store.
 */
final class LinkedEntries {
  static final String ALSO_AT = "alsoAt";

  private LinkedEntries() {}

  static Map<StoreRef, StoreListing> fold(Map<StoreRef, StoreListing> listings) {
    boolean anyLink = listings.values().stream().flatMap(l -> l.entries().stream())
        .anyMatch(e -> e.attributes().containsKey(PemStore.TARGET));
    if (!anyLink) return listings;
    Map<String, StoreEntry> primary = new HashMap<>();
    listings.forEach((ref, l) -> {
      for (StoreEntry e : l.entries()) {
        boolean direct = e.attributes().containsKey("path") && !e.attributes().containsKey(PemStore.TARGET);
        if (direct && e.trust() == Trust.TRUSTED && ref.role() != Role.BLOCKLIST_DIR) {
          primary.putIfAbsent(key(real(e.attributes().get("path")), e), e);
        }
      }
    });
    Map<StoreEntry, List<String>> alsoAt = new IdentityHashMap<>();
    Set<StoreEntry> folded = Collections.newSetFromMap(new IdentityHashMap<>());
    listings.forEach((ref, l) -> {
      for (StoreEntry e : l.entries()) {
        String target = e.attributes().get(PemStore.TARGET);
        if (target == null || e.trust() != Trust.TRUSTED || ref.role() == Role.BLOCKLIST_DIR) continue;
        StoreEntry p = primary.putIfAbsent(key(target, e), e);
        if (p != null) {
          alsoAt.computeIfAbsent(p, x -> new ArrayList<>()).add(e.location());
          folded.add(e);
        }
      }
    });
    Map<StoreRef, StoreListing> result = new LinkedHashMap<>();
    listings.forEach((ref, l) -> {
      List<StoreEntry> out = new ArrayList<>();
      for (StoreEntry e : l.entries()) {
        if (folded.contains(e)) continue;
        List<String> more = alsoAt.get(e);
        out.add(more == null ? e : withAlsoAt(e, more));
      }
      result.put(ref, new StoreListing(List.copyOf(out), l.warnings()));
    });
    return result;
  }

  /** The links' locations, newline-separated: attributes are flat strings on the wire. */
  private static StoreEntry withAlsoAt(StoreEntry e, List<String> locations) {
    Map<String, String> a = new HashMap<>(e.attributes());
    a.put(ALSO_AT, String.join("\n", locations));
    return new StoreEntry(e.cert(), e.location(), e.trust(), Map.copyOf(a));
  }

  private static String key(String file, StoreEntry e) {
    String loc = e.location();
    int hash = loc.lastIndexOf('#');
    String block = hash > 0 && loc.substring(hash + 1).matches("\\d+") ? loc.substring(hash) : "";
    return file + block + "|" + e.cert().sha256();
  }

  private static String real(String file) {
    try {
      return Path.of(file).toRealPath().toString();
    } catch (IOException | RuntimeException e) {
      return Path.of(file).toAbsolutePath().normalize().toString();
    }
  }
}
