package org.anchorwatch.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser x OS x scope manifest-location matrix, read from manifests/locations.json (built
 * into the jar). Code never spells a browser path; it asks this table.
 */
public record Locations(String hostName, String pathPlaceholder, Map<Family, String> templates, List<Browser> browsers,
    List<Sandbox> sandboxed) {

  /** Resource folder the build copies ../manifests into (see native-host/pom.xml). */
  static final String RESOURCES = "/org/anchorwatch/install/manifests/";

  /** One browser's row: per OS and scope, manifest folders (Linux, macOS) or registry keys (Windows). */
  public record Browser(String id, String label, Family family, Map<Os, Map<Scope, List<String>>> where, List<String> notes) {
    public List<String> locations(Os os, Scope scope) {
      return where.getOrDefault(os, Map.of()).getOrDefault(scope, List.of());
    }
  }

  /** A Snap/Flatpak browser: folders whose presence shows it (Linux; "~" is the home) and what to tell the person. */
  public record Sandbox(String id, List<String> detect, String note) {}

  public static Locations bundled() {
    try (InputStream in = Locations.class.getResourceAsStream(RESOURCES + "locations.json")) {
      if (in == null) throw new IllegalStateException("manifests/locations.json missing from the jar");
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("manifests/locations.json unreadable", e);
    }
  }

  static Locations parse(JsonNode root) {
    Map<Family, String> templates = new EnumMap<>(Family.class);
    root.path("templates").fields().forEachRemaining(e -> templates.put(Family.fromKey(e.getKey()), e.getValue().asText()));
    List<Browser> browsers = new ArrayList<>();
    for (JsonNode b : root.path("browsers")) {
      Map<Os, Map<Scope, List<String>>> where = new EnumMap<>(Os.class);
      for (Os os : Os.values()) {
        Map<Scope, List<String>> scopes = new EnumMap<>(Scope.class);
        for (Scope s : Scope.values()) scopes.put(s, texts(b.path(os.key()).path(s.key())));
        where.put(os, scopes);
      }
      browsers.add(new Browser(b.path("id").asText(), b.path("label").asText(), Family.fromKey(b.path("family").asText()),
          where, texts(b.path("notes"))));
    }
    List<Sandbox> sandboxed = new ArrayList<>();
    for (JsonNode s : root.path("sandboxed")) {
      sandboxed.add(new Sandbox(s.path("id").asText(), texts(s.path("detect")), s.path("note").asText()));
    }
    return new Locations(root.path("hostName").asText(), root.path("pathPlaceholder").asText(), templates, List.copyOf(browsers),
        List.copyOf(sandboxed));
  }

  public Optional<Browser> browser(String id) {
    return browsers.stream().filter(b -> b.id().equals(id)).findFirst();
  }

  public List<String> ids() {
    return browsers.stream().map(Browser::id).toList();
  }

  /**
   * A system-scope manifest folder and the browsers (table order) whose first system folder it
   * is. One folder serves one family: a Chromium manifest in a Firefox folder would be refused.
   */
  public record SystemFolder(String folder, Family family, List<String> browsers) {}

  /**
   * Where system-scope manifests go on {@code os}: each browser's first system folder (where its
   * vendor's own packages look; Brave and Vivaldi share Chrome's on Linux), in table order,
   * deduplicated. The package build (SystemManifests) and `install --system` (Installer) both
   * take their folders from here, so the .deb and the CLI can never disagree.
   */
  public List<SystemFolder> systemFolders(Os os) {
    Map<String, SystemFolder> out = new LinkedHashMap<>();
    for (Browser b : browsers) {
      List<String> where = b.locations(os, Scope.SYSTEM);
      if (where.isEmpty()) continue;
      String dir = where.get(0);
      SystemFolder before = out.get(dir);
      if (before == null) {
        out.put(dir, new SystemFolder(dir, b.family(), List.of(b.id())));
      } else if (before.family() != b.family()) {
        throw new IllegalStateException(dir + " is read by browsers of both families (" + before.browsers() + ", " + b.id() + ")");
      } else {
        List<String> ids = new ArrayList<>(before.browsers());
        ids.add(b.id());
        out.put(dir, new SystemFolder(dir, b.family(), List.copyOf(ids)));
      }
    }
    return List.copyOf(out.values());
  }

  /** The manifest's file name: browsers look the host up by it. */
  public String manifestFileName() {
    return hostName + ".json";
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }
}
