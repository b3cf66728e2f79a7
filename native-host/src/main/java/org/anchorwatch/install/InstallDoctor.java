package org.anchorwatch.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.config.ExtensionIds;
import org.anchorwatch.install.Locations.Browser;

/**
 * The installation half of `anchorwatch doctor` on Linux and macOS: for each browser present in the home
 * (or with a manifest anywhere), a manifest at one of its user or system locations, valid and
 * naming this host, an absolute executable path (root-owned and not writable by others for
 * system scope), exactly our extension ids, and a program that answers hello with frames only;
 * plus JNA's native folder and Snap/Flatpak browsers. System paths resolve under {@code root}
 * so that tests use a temporary tree.
 */
public final class InstallDoctor {
  /** One problem: a stable code, what it concerns, what was seen and how to fix it. */
  public record Finding(InstallProblem code, String browser, String location, String detail, String fix) {}

  public record Report(List<String> checked, List<Finding> findings) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Locations locations;
  private final ExtensionIds ids;
  private final HelloCheck hello;

  public InstallDoctor(Locations locations, ExtensionIds ids, long helloTimeoutMillis) {
    this.locations = locations;
    this.ids = ids;
    this.hello = new HelloCheck(helloTimeoutMillis);
  }

  public Report run(Path home, Path root, Map<String, String> env) {
    return run(Os.LINUX, home, root, env);
  }

  /** Linux and macOS (manifest folders); Windows keeps its manifests behind registry keys: WindowsInstallDoctor. */
  public Report run(Os os, Path home, Path root, Map<String, String> env) {
    UserDirs dirs = UserDirs.of(home, env);
    List<String> checked = new ArrayList<>();
    List<Finding> out = new ArrayList<>();
    for (Browser b : locations.browsers()) {
      boolean present = b.locations(os, Scope.USER).stream().anyMatch(l -> Files.isDirectory(dirs.expand(l).getParent()));
      List<Path> found = new ArrayList<>();
      for (Scope s : Scope.values()) {
        for (String l : b.locations(os, s)) {
          Path dir = s == Scope.USER ? dirs.expand(l) : under(root, l);
          Path m = dir.resolve(locations.manifestFileName());
          if (Files.exists(m, LinkOption.NOFOLLOW_LINKS)) {
            found.add(m);
            checked.add(m.toString());
            check(b, s, m, root, out);
          }
        }
      }
      if (present && found.isEmpty()) {
        out.add(new Finding(InstallProblem.MANIFEST_MISSING, b.id(), null, b.label() + " has a profile folder but no manifest in any of its folders",
            InstallProblem.MANIFEST_MISSING.fix(b.id())));
      }
    }
    if (os == Os.LINUX) out.addAll(new Sandboxes(locations).findings(dirs, root));
    JnaDir.finding(env).ifPresent(out::add);
    return new Report(List.copyOf(checked), List.copyOf(out));
  }

  private void check(Browser b, Scope scope, Path manifest, Path root, List<Finding> out) {
    JsonNode m = readManifest(b, manifest, manifest.toString(), out);
    if (m == null) return;
    Path program = Path.of(m.path("path").asText());
    if (!program.isAbsolute()) {
      out.add(finding(InstallProblem.PATH_NOT_ABSOLUTE, b, manifest, "path " + program));
      return;
    }
    // a system manifest names a system path (inside root in tests); a user's names a real path
    Path real = scope == Scope.SYSTEM ? under(root, program.toString()) : program;
    if (!Files.isRegularFile(real) || !Files.isExecutable(real)) {
      out.add(finding(InstallProblem.PATH_NOT_EXECUTABLE, b, manifest, "path " + program));
      return;
    }
    if (scope == Scope.SYSTEM) {
      for (Path p : List.of(manifest, real)) {
        String bad = notRootOnly(p, root);
        if (bad != null) out.add(finding(InstallProblem.SYSTEM_NOT_ROOT_OWNED, b, manifest, p + ": " + bad));
      }
    }
    checkHello(b, real, manifest, program.toString(), manifest.toString(), out);
  }

  /**
   * The manifest's content, checked as every OS's browsers read it: JSON, our host name and
   * type, exactly our extension ids. Null (with a MANIFEST_INVALID finding) when it is unusable.
   * {@code location} is what the findings name (Windows: the registry key and the file).
   */
  JsonNode readManifest(Browser b, Path manifest, String location, List<Finding> out) {
    JsonNode m;
    try {
      m = JSON.readTree(Files.readAllBytes(manifest));
    } catch (IOException e) {
      out.add(finding(InstallProblem.MANIFEST_INVALID, b, location, "unreadable or not JSON: " + e.getMessage()));
      return null;
    }
    if (m == null || !m.isObject() || !locations.hostName().equals(m.path("name").asText()) || !"stdio".equals(m.path("type").asText())) {
      out.add(finding(InstallProblem.MANIFEST_INVALID, b, location, "not a manifest for host " + locations.hostName() + " of type stdio"));
      return null;
    }
    Set<String> want = new HashSet<>(b.family() == Family.CHROMIUM ? ids.chromiumOrigins() : ids.firefox());
    Set<String> have = new HashSet<>();
    m.path(b.family() == Family.CHROMIUM ? "allowed_origins" : "allowed_extensions").forEach(n -> have.add(n.asText()));
    if (!have.equals(want)) out.add(finding(InstallProblem.IDS_MISMATCH, b, location, "allows " + have + "; this host serves " + want));
    return m;
  }

  /** Starts {@code program} with the argv its browser family gives (Firefox: manifest path, add-on id) and wants hello answered. */
  void checkHello(Browser b, Path program, Path manifest, String shown, String location, List<Finding> out) {
    List<String> argv = b.family() == Family.CHROMIUM
        ? List.of(program.toString(), ids.chromiumOrigins().isEmpty() ? "" : ids.chromiumOrigins().get(0))
        : List.of(program.toString(), manifest.toString(), ids.firefox().isEmpty() ? "" : ids.firefox().get(0));
    String problem = hello.problem(argv);
    if (problem != null) out.add(finding(InstallProblem.HOST_NO_HELLO, b, location, shown + ": " + problem));
  }

  /**
   * Null when root alone controls the file: the rule the cleanup's administrator half lives by
   * (privilege.TrustedPaths: every folder up to "/" root's and writable by no one else, sticky
   * folders allowed, links followed only from where root alone could make them).
   */
  static String notRootOnly(Path p, Path root) {
    try {
      org.anchorwatch.privilege.TrustedPaths.require(p);
      return null;
    } catch (org.anchorwatch.errors.AnchorwatchException e) {
      return e.getMessage();
    }
  }

  private static Finding finding(InstallProblem code, Browser b, Path manifest, String detail) {
    return finding(code, b, manifest.toString(), detail);
  }

  static Finding finding(InstallProblem code, Browser b, String location, String detail) {
    return new Finding(code, b.id(), location, detail, code.fix(b.id()));
  }

  /** An absolute path of the real system, inside {@code root} ("/" on a real run). */
  static Path under(Path root, String absolute) {
    return root.resolve(absolute.substring(1));
  }
}
