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
    boolean anyLink = false;
    for (StoreListing l : listings.values()) {
      for (StoreEntry e : l.entries()) anyLink |= e.attributes().containsKey(PemStore.TARGET);
    }
    if (!anyLink) return listings;
    Map<String, StoreEntry> primary = new HashMap<>();
    for (Map.Entry<StoreRef, StoreListing> it : listings.entrySet()) {
      StoreRef ref = it.getKey();
      for (StoreEntry e : it.getValue().entries()) {
        boolean direct = e.attributes().containsKey("path") && !e.attributes().containsKey(PemStore.TARGET);
        if (direct && e.trust() == Trust.TRUSTED && ref.role() != Role.BLOCKLIST_DIR) {
          primary.putIfAbsent(key(real(e.attributes().get("path")), e), e);
        }
      }
    }
    Map<StoreEntry, List<String>> alsoAt = new IdentityHashMap<>();
    Set<StoreEntry> folded = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Map.Entry<StoreRef, StoreListing> it : listings.entrySet()) {
      StoreRef ref = it.getKey();
      for (StoreEntry e : it.getValue().entries()) {
        String target = e.attributes().get(PemStore.TARGET);
        if (target == null || e.trust() != Trust.TRUSTED || ref.role() == Role.BLOCKLIST_DIR) continue;
        StoreEntry p = primary.putIfAbsent(key(target, e), e);
        if (p != null) {
          List<String> at = alsoAt.get(p);
          if (at == null) alsoAt.put(p, at = new ArrayList<>());
          at.add(e.location());
          folded.add(e);
        }
      }
    }
    Map<StoreRef, StoreListing> result = new LinkedHashMap<>();
    for (Map.Entry<StoreRef, StoreListing> it : listings.entrySet()) {
      StoreListing l = it.getValue();
      List<StoreEntry> out = new ArrayList<>();
      for (StoreEntry e : l.entries()) {
        if (folded.contains(e)) continue;
        List<String> more = alsoAt.get(e);
        out.add(more == null ? e : withAlsoAt(e, more));
      }
      result.put(it.getKey(), new StoreListing(List.copyOf(out), l.warnings()));
    }
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
    String block = hash > 0 && digits(loc, hash + 1) ? loc.substring(hash) : "";
    return file + block + "|" + e.cert().sha256();
  }

  /** {@code s} from {@code from} on is one or more ASCII digits (no regex on the host's routine path). */
  private static boolean digits(String s, int from) {
    if (from >= s.length()) return false;
    for (int i = from; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    return true;
  }

  private static String real(String file) {
    try {
      return Path.of(file).toRealPath().toString();
    } catch (IOException | RuntimeException e) {
      return Path.of(file).toAbsolutePath().normalize().toString();
    }
  }
}
