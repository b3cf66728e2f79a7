package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.config.JsonTree;

/** The bundled entries indexed by SPKI SHA-256 and certificate SHA-256 (lowercase hex). */
public final class Blocklist {
  private static final String RESOURCE = "/org/anchorwatch/blocklist/blocklist.json";

  private final String version;
  private final long sequence;
  private final String source;
  private final List<BlocklistEntry> entries;
  private final Map<String, List<BlocklistEntry>> bySpki = new HashMap<>();
  private final Map<String, BlocklistEntry> bySha256 = new HashMap<>();

  public Blocklist(String version, List<BlocklistEntry> entries) {
    this(version, 0, "local", entries);
  }

  /** {@code sequence} orders lists for updates; {@code source} says where this one came from (bundled, machine, user). */
  public Blocklist(String version, long sequence, String source, List<BlocklistEntry> entries) {
    this.version = version;
    this.sequence = sequence;
    this.source = source;
    this.entries = List.copyOf(entries);
    for (BlocklistEntry e : this.entries) {
      if (e.spkiSha256() != null) bySpki.computeIfAbsent(e.spkiSha256(), k -> new ArrayList<>()).add(e);
      if (e.sha256() != null) bySha256.putIfAbsent(e.sha256(), e);
    }
  }

  public static Blocklist bundled() {
    try (InputStream in = Blocklist.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("bundled blocklist missing from the jar");
      return fromJson(JsonTree.read(in), "bundled"); // hello reports the version: no ObjectMapper at start-up
    } catch (IOException e) {
      throw new UncheckedIOException("bundled blocklist unreadable", e);
    }
  }

  /** The bundled schema, whether from the jar or from a signed update (which adds fields this ignores). */
  static Blocklist fromJson(JsonNode root, String source) {
    List<BlocklistEntry> list = new ArrayList<>();
    for (JsonNode n : root.path("entries")) list.add(fromJson(n));
    return new Blocklist(root.path("version").asText(), root.path("sequence").asLong(0), source, list);
  }

  private static BlocklistEntry fromJson(JsonNode n) {
    List<String> refs = new ArrayList<>();
    n.path("references").forEach(r -> refs.add(r.asText()));
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

  public List<BlocklistEntry> entries() {
    return entries;
  }

  /** SPKI first (preferring the entry for this exact certificate when a key has several), then certificate hash. */
  public Optional<BlocklistEntry> match(String spkiSha256, String sha256) {
    List<BlocklistEntry> sameKey = spkiSha256 == null ? null : bySpki.get(spkiSha256);
    if (sameKey != null) {
      for (BlocklistEntry e : sameKey) if (sha256 != null && sha256.equals(e.sha256())) return Optional.of(e);
      return Optional.of(sameKey.get(0));
    }
    return Optional.ofNullable(sha256 == null ? null : bySha256.get(sha256));
  }

  public Optional<BlocklistEntry> match(CertInfo cert) {
    return match(cert.spkiSha256(), cert.sha256());
  }
}
