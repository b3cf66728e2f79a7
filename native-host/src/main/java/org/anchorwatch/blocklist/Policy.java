package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Local policy: admins add deny entries (their own known-bad roots; tests blocklist generated
 * roots this way) and allow entries (acknowledged corporate roots, which then raise no notice).
 * Allow never overrides the bundled blocklist: a Kazakhstan root stays blocked whatever a local
 * file says.
 *
 * <pre>{"deny":  [{"name": "...", "spkiSha256"|"sha256": "hex or base64", "tier": "interception"}],
 *  "allow": [{"name": "...", "spkiSha256"|"sha256": "..."}]}</pre>
 */
public record Policy(List<BlocklistEntry> deny, Set<String> allowSpki, Set<String> allowSha256, List<Path> sources) {

  public static final Policy EMPTY = new Policy(List.of(), Set.of(), Set.of(), List.of());

  public boolean allows(CertInfo cert) {
    return allows(cert.spkiSha256(), cert.sha256());
  }

  public boolean allows(String spkiSha256, String sha256) {
    return (spkiSha256 != null && allowSpki.contains(spkiSha256)) || (sha256 != null && allowSha256.contains(sha256));
  }

  public Policy merge(Policy other) {
    List<BlocklistEntry> d = new ArrayList<>(deny);
    d.addAll(other.deny);
    Set<String> as = new HashSet<>(allowSpki);
    as.addAll(other.allowSpki);
    Set<String> ah = new HashSet<>(allowSha256);
    ah.addAll(other.allowSha256);
    List<Path> src = new ArrayList<>(sources);
    src.addAll(other.sources);
    return new Policy(List.copyOf(d), Set.copyOf(as), Set.copyOf(ah), List.copyOf(src));
  }

  /** Reads one policy file; a missing optional file is an empty policy, anything malformed is BAD_POLICY. */
  public static Policy load(Path file, boolean mustExist) throws AnchorwatchException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      if (!mustExist) return EMPTY;
      throw new AnchorwatchException(ErrorCode.BAD_POLICY, "policy file not found: " + file);
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BAD_POLICY, "policy file unreadable: " + file + ": " + e.getMessage());
    }
    return parse(bytes, file);
  }

  /** The policy JSON in {@code bytes}; {@code file} names it in messages and in the entries' references. */
  static Policy parse(byte[] bytes, Path file) throws AnchorwatchException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(bytes);
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BAD_POLICY, "policy file is not JSON: " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new AnchorwatchException(ErrorCode.BAD_POLICY, "policy file must hold a JSON object: " + file);
    }
    List<BlocklistEntry> deny = new ArrayList<>();
    int i = 0;
    for (JsonNode n : root.path("deny")) deny.add(denyEntry(n, file, i++));
    Set<String> allowSpki = new HashSet<>();
    Set<String> allowSha = new HashSet<>();
    i = 0;
    for (JsonNode n : root.path("allow")) {
      Key k = key(n, file, "allow", i++);
      (k.spki ? allowSpki : allowSha).add(k.hex);
    }
    return new Policy(List.copyOf(deny), Set.copyOf(allowSpki), Set.copyOf(allowSha), List.of(file));
  }

  private record Key(boolean spki, String hex) {}

  private static Key key(JsonNode n, Path file, String list, int index) throws AnchorwatchException {
    String where = file + ": " + list + "[" + index + "]";
    if (!n.isObject()) throw new AnchorwatchException(ErrorCode.BAD_POLICY, where + " must be an object");
    JsonNode spki = n.get("spkiSha256");
    JsonNode sha = n.get("sha256");
    if ((spki == null) == (sha == null)) {
      throw new AnchorwatchException(ErrorCode.BAD_POLICY, where + " needs exactly one of spkiSha256, sha256");
    }
    String raw = (spki != null ? spki : sha).asText();
    String hex = Hex.normalise(raw, 32).orElseThrow(() ->
        new AnchorwatchException(ErrorCode.BAD_POLICY, where + " hash is not 32 bytes of hex or base64: " + raw));
    return new Key(spki != null, hex);
  }

  private static BlocklistEntry denyEntry(JsonNode n, Path file, int index) throws AnchorwatchException {
    Key k = key(n, file, "deny", index);
    String name = n.path("name").asText("").trim();
    if (name.isEmpty()) throw new AnchorwatchException(ErrorCode.BAD_POLICY, file + ": deny[" + index + "] needs a name");
    Tier tier;
    try {
      tier = Tier.fromWire(n.path("tier").asText("interception"));
    } catch (IllegalArgumentException e) {
      throw new AnchorwatchException(ErrorCode.BAD_POLICY, file + ": deny[" + index + "] tier must be interception, distrusted, leaf, sunset or test");
    }
    String id = n.path("id").asText("policy-" + slug(name));
    List<String> refs = new ArrayList<>();
    n.path("references").forEach(r -> refs.add(r.asText()));
    refs.add("local policy " + file);
    return new BlocklistEntry(id, name, null, null, null, null,
        k.spki ? k.hex : null, k.spki ? null : k.hex, null,
        n.path("category").asText("local-policy"), tier, List.copyOf(refs),
        n.hasNonNull("notes") ? n.get("notes").asText() : null, BlocklistEntry.Source.POLICY);
  }

  static String slug(String name) {
    // replaceAll("[^a-z0-9]+", "-") then replaceAll("(^-|-$)", ""), as a loop (no regex in the host: stores.DirListing)
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') b.append(c);
      else if (b.length() == 0 || b.charAt(b.length() - 1) != '-') b.append('-');
    }
    int from = b.length() > 0 && b.charAt(0) == '-' ? 1 : 0;
    int to = b.length() > from && b.charAt(b.length() - 1) == '-' ? b.length() - 1 : b.length();
    return b.substring(from, Math.max(from, to));
  }
}
