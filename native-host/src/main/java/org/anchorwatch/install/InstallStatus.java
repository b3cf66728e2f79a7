package org.anchorwatch.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.install.Locations.Browser;

/**
 * `anchorwatch status` on Linux and macOS: every browser x scope x folder of
 * manifests/locations.json and what is there. Reads only; system paths resolve under {@code root}.
 */
public final class InstallStatus {
  /** @param state no-folder | no-manifest | manifest | unreadable; hostPath: the manifest's "path" */
  public record Row(String browser, String scope, String location, String state, String hostPath) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Locations locations;

  public InstallStatus(Locations locations) {
    this.locations = locations;
  }

  public List<Row> rows(Os os, Path home, Path root, Map<String, String> env) {
    UserDirs dirs = UserDirs.of(home, env);
    List<Row> out = new ArrayList<>();
    for (Browser b : locations.browsers()) {
      for (Scope s : Scope.values()) {
        for (String l : b.locations(os, s)) {
          Path dir = s == Scope.USER ? dirs.expand(l) : InstallDoctor.under(root, l);
          out.add(row(b, s, dir));
        }
      }
    }
    return out;
  }

  private Row row(Browser b, Scope s, Path dir) {
    Path m = dir.resolve(locations.manifestFileName());
    if (!Files.isDirectory(dir)) return new Row(b.id(), s.key(), dir.toString(), "no-folder", null);
    if (!Files.exists(m, LinkOption.NOFOLLOW_LINKS)) return new Row(b.id(), s.key(), m.toString(), "no-manifest", null);
    try {
      JsonNode n = JSON.readTree(Files.readAllBytes(m));
      return new Row(b.id(), s.key(), m.toString(), "manifest", n.path("path").asText(null));
    } catch (IOException e) {
      return new Row(b.id(), s.key(), m.toString(), "unreadable", null);
    }
  }
}
