package org.anchorwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows of ../shared/design.md ("Rooms and what may depend on what") as data: faces (cli,
 * messaging) over services (cleanup, scan, probe, install) over stores/blocklist over certs, with
 * config, errors and privilege as neutral plumbing everyone may use. A new arrow is a design
 * decision, so it has to be added here on purpose; an upward one (a service calling a face, the
 * stores knowing the blocklist) fails this test. Reads the main sources, so fully qualified uses
 * without an import count too.
 */
class PackageArrowsTest {
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("errors", Set.of()),
      Map.entry("config", Set.of("errors")),
      Map.entry("privilege", Set.of("errors", "config")),
      Map.entry("certs", Set.of("errors", "config")),
      Map.entry("blocklist", Set.of("certs", "config", "errors")),
      Map.entry("stores", Set.of("certs", "config", "errors", "privilege")),
      Map.entry("scan", Set.of("blocklist", "stores", "certs", "config", "errors")),
      Map.entry("probe", Set.of("scan", "certs", "config", "errors")),
      Map.entry("cleanup", Set.of("scan", "stores", "certs", "config", "errors", "privilege")),
      Map.entry("install", Set.of("config", "errors", "privilege")),
      Map.entry("messaging", Set.of("cleanup", "scan", "probe", "blocklist", "certs", "config", "errors", "privilege")),
      Map.entry("cli", Set.of("cleanup", "scan", "probe", "install", "blocklist", "certs", "config", "errors", "privilege")));

  /**
   * Single types a face may name across a missing arrow. The scan reply lists where each finding
   * sits, and {@code stores.Place} is that record (a plain value of the scan result, not store
   * internals); moving it would only rename it.
   */
  private static final Set<String> SINGLE_TYPES = Set.of("messaging -> stores.Place");

  private static final Path MAIN = Path.of("src/main/java/org/anchorwatch");
  private static final Pattern USE = Pattern.compile("\\borg\\.anchorwatch\\.([a-z]+)\\.([A-Za-z]\\w*)");

  @Test
  void everyPackageDependsOnlyOnWhatTheDesignAllows() throws IOException {
    List<String> wrong = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Path rel = MAIN.relativize(f);
        if (rel.getNameCount() < 2) continue; // Main and the CDS warm-up sit on top and may use anything
        String from = rel.getName(0).toString();
        seen.add(from);
        assertThat(ALLOWED).as("package %s is missing from the table", from).containsKey(from);
        Matcher m = USE.matcher(Files.readString(f));
        while (m.find()) {
          String to = m.group(1);
          if (!Files.isDirectory(MAIN.resolve(to))) continue; // "org.anchorwatch.host.json", the manifest name
          if (to.equals(from) || ALLOWED.get(from).contains(to)) continue;
          if (SINGLE_TYPES.contains(from + " -> " + to + "." + m.group(2))) continue;
          wrong.add(rel + " -> " + to + "." + m.group(2));
        }
      }
    }
    assertThat(seen).as("the walk found the packages").contains("cli", "messaging", "stores", "certs");
    assertThat(wrong).as("arrows the design does not allow").isEmpty();
  }

  @Test
  void theTableItselfPointsDown() {
    // Faces are never a dependency, and nothing below the services reaches a service.
    for (var e : ALLOWED.entrySet()) {
      assertThat(e.getValue()).as(e.getKey()).doesNotContain("cli", "messaging");
    }
    for (String low : List.of("stores", "blocklist", "certs", "config", "errors", "privilege")) {
      assertThat(ALLOWED.get(low)).as(low).doesNotContain("scan", "cleanup", "probe", "install");
    }
  }
}
