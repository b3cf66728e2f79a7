package org.anchorwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The extension ids the host serves, from manifests/extension-ids.json (filtered into the jar at
 * build time): the same list goes into every host manifest and into the host's caller check, so
 * a build can never allow in one place what it refuses in the other. Chromium ids are the 32
 * letters a-p a key hashes to; an empty or unfilled entry is a store not yet published.
 */
public record ExtensionIds(List<String> chromium, List<String> firefox) {
  static final String RESOURCE = "/org/anchorwatch/install/manifests/extension-ids.json";

  public static ExtensionIds bundled() {
    try {
      byte[] json = JarResource.read(ExtensionIds.class, RESOURCE);
      if (json == null) throw new IllegalStateException("manifests/extension-ids.json missing from the jar");
      return parse(JsonTree.read(json));
    } catch (IOException e) {
      throw new UncheckedIOException("manifests/extension-ids.json unreadable", e);
    }
  }

  /** Unpublished (empty) entries are dropped; a malformed one is a build mistake and fails loudly. */
  public static ExtensionIds parse(JsonNode root) {
    List<String> chromium = new ArrayList<>();
    for (JsonNode e : root.path("chromium")) {
      String id = e.path("id").asText("").trim();
      if (id.isEmpty()) continue;
      if (!isChromiumId(id)) throw new IllegalArgumentException("extension-ids.json: '" + id + "' is not a Chromium extension id (32 letters a-p)");
      chromium.add(id);
    }
    List<String> firefox = new ArrayList<>();
    for (JsonNode e : root.path("firefox")) {
      String id = e.path("id").asText("").trim();
      if (!id.isEmpty()) firefox.add(id);
    }
    return new ExtensionIds(List.copyOf(chromium), List.copyOf(firefox));
  }

  /** 32 letters a-p. A loop, not a regex or a stream: the host checks its caller before answering hello. */
  private static boolean isChromiumId(String id) {
    if (id.length() != 32) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 'a' || c > 'p') return false;
    }
    return true;
  }

  /** What a Chromium host manifest's allowed_origins holds, and what Chromium passes as argv[1]. */
  public List<String> chromiumOrigins() {
    List<String> out = new ArrayList<>(chromium.size());
    for (String id : chromium) out.add("chrome-extension://" + id + "/");
    return List.copyOf(out);
  }

  /** Every caller the host accepts: Chromium origins and Firefox add-on ids. */
  public Set<String> callers() {
    Set<String> out = new LinkedHashSet<>(chromiumOrigins());
    out.addAll(firefox);
    return Set.copyOf(out);
  }
}
