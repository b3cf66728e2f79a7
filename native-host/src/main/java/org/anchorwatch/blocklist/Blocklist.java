package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.config.JarResource;
import org.anchorwatch.config.JsonTree;

/** The bundled entries indexed by SPKI SHA-256 and certificate SHA-256 (lowercase hex). */
public final class Blocklist {
  private static final String RESOURCE = "/org/anchorwatch/blocklist/blocklist.json";

  private final String version;
  private final long sequence;
  private final String source;
  private final int size;
  /** The bundled list's JSON until its entries are indexed (they are parsed on first use), then null. */
  private byte[] pending;
  private volatile Index index;

  private record Index(List<BlocklistEntry> entries, Map<String, List<BlocklistEntry>> bySpki, Map<String, BlocklistEntry> bySha256) {
    static Index of(List<BlocklistEntry> list) {
      List<BlocklistEntry> entries = List.copyOf(list);
      Map<String, List<BlocklistEntry>> bySpki = new HashMap<>();
      Map<String, BlocklistEntry> bySha256 = new HashMap<>();
      for (BlocklistEntry e : entries) {
        if (e.spkiSha256() != null) {
          List<BlocklistEntry> same = bySpki.get(e.spkiSha256());
          if (same == null) bySpki.put(e.spkiSha256(), same = new ArrayList<>());
          same.add(e);
        }
        if (e.sha256() != null) bySha256.putIfAbsent(e.sha256(), e);
      }
      return new Index(entries, bySpki, bySha256);
    }
  }

  public Blocklist(String version, List<BlocklistEntry> entries) {
    this(version, 0, "local", entries);
  }

  /** {@code sequence} orders lists for updates; {@code source} says where this one came from (bundled, machine, user). */
  public Blocklist(String version, long sequence, String source, List<BlocklistEntry> entries) {
    this.version = version;
    this.sequence = sequence;
    this.source = source;
    this.index = Index.of(entries);
    this.size = index.entries().size();
  }

  /** A list whose header is known and whose {@code size} entries are parsed from {@code json} on first use. */
  private Blocklist(String version, long sequence, String source, int size, byte[] json) {
    this.version = version;
    this.sequence = sequence;
    this.source = source;
    this.size = size;
    this.pending = json;
  }

  /**
   * The list in the jar. Hello reports its version, sequence and size before anything else, and
   * parsing its 140 KB (interpreted code at start-up: ~30 ms of CPU) would be most of the host's
   * cold start; so only the header before "entries" is read here ({@code entryCount}, kept equal
   * to the entries by BlocklistTest), and the entries on first use (the first checkChain or scan).
   */
  public static Blocklist bundled() {
    byte[] json;
    try {
      json = JarResource.read(Blocklist.class, RESOURCE);
      if (json == null) throw new IllegalStateException("bundled blocklist missing from the jar");
    } catch (IOException e) {
      throw new UncheckedIOException("bundled blocklist unreadable", e);
    }
    BundledHeader h = BundledHeader.read(json);
    if (h.entryCount() < 0) return new Blocklist(h.version(), h.sequence(), "bundled", bundledEntries(json));
    return new Blocklist(h.version(), h.sequence(), "bundled", h.entryCount(), json);
  }

  private static List<BlocklistEntry> bundledEntries(byte[] json) {
    try {
      return entriesOf(JsonTree.read(json)); // no ObjectMapper at start-up
    } catch (IOException e) {
      throw new UncheckedIOException("bundled blocklist unreadable", e);
    }
  }

  private Index index() {
    Index i = index;
    if (i != null) return i;
    synchronized (this) {
      if (index == null) {
        List<BlocklistEntry> list = bundledEntries(pending);
        if (list.size() != size) {
          throw new IllegalStateException("bundled blocklist: entryCount " + size + " but " + list.size() + " entries");
        }
        index = Index.of(list);
        pending = null;
      }
      return index;
    }
  }

  /** The bundled schema, whether from the jar or from a signed update (which adds fields this ignores). */
  static Blocklist fromJson(JsonNode root, String source) {
    return new Blocklist(root.path("version").asText(), root.path("sequence").asLong(0), source, entriesOf(root));
  }

  private static List<BlocklistEntry> entriesOf(JsonNode root) {
    List<BlocklistEntry> list = new ArrayList<>();
    for (JsonNode n : root.path("entries")) list.add(fromJson(n));
    return list;
  }

  private static BlocklistEntry fromJson(JsonNode n) {
    List<String> refs = new ArrayList<>();
    for (JsonNode r : n.path("references")) refs.add(r.asText());
    return new BlocklistEntry(
        n.path("id").asText(),
        n.path("name").asText(),
        text(n, "subject"),
        text(n, "issuer"),
        text(n, "notBefore"),
        text(n, "notAfter"),
        text(n, "spkiSha256"),
        text(n, "sha256"),
        text(n, "sha1"),
        n.path("category").asText(),
        Tier.fromWire(n.path("tier").asText()),
        Collections.unmodifiableList(refs),
        text(n, "notes"),
        BlocklistEntry.Source.BUNDLED);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  public String version() {
    return version;
  }

  public long sequence() {
    return sequence;
  }

  public String source() {
    return source;
  }

  /** How many entries, without parsing a bundled list's (hello reports it). */
  public int size() {
    return size;
  }

  public List<BlocklistEntry> entries() {
    return index().entries();
  }

  /** SPKI first (preferring the entry for this exact certificate when a key has several), then certificate hash. */
  public Optional<BlocklistEntry> match(String spkiSha256, String sha256) {
    Index i = index();
    List<BlocklistEntry> sameKey = spkiSha256 == null ? null : i.bySpki().get(spkiSha256);
    if (sameKey != null) {
      for (BlocklistEntry e : sameKey) if (sha256 != null && sha256.equals(e.sha256())) return Optional.of(e);
      return Optional.of(sameKey.get(0));
    }
    return Optional.ofNullable(sha256 == null ? null : i.bySha256().get(sha256));
  }

  public Optional<BlocklistEntry> match(CertInfo cert) {
    return match(cert.spkiSha256(), cert.sha256());
  }
}
