package org.anchorwatch.cleanup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.testsupport.TestCerts;

/**
 * A temp machine for cleanup tests: a filesystem root laid out as a distro, a home with XDG
 * dirs (backups, journals), a policy that blocklists the generated "evil" roots, and a recording
 * stand-in for the distro's rebuild command that really regenerates the bundle (Debian layout).
 */
final class CleanupFixture {
  final Path base;
  final Path root;
  final Path home;
  final Path policy;
  final Path rebuildLog;

  CleanupFixture(Path base) throws Exception {
    this.base = base;
    this.root = Files.createDirectories(base.resolve("root"));
    this.home = Files.createDirectories(base.resolve("home"));
    this.policy = base.resolve("policy.json");
    this.rebuildLog = base.resolve("rebuild.log");
    Files.writeString(policy, "{\"deny\":[]}");
  }

  Path at(String abs) {
    return root.resolve(abs.substring(1));
  }

  void deny(String name, TestCerts.Issued... certs) throws Exception {
    StringBuilder sb = new StringBuilder("{\"deny\":[");
    for (int i = 0; i < certs.length; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"name\":\"").append(name).append(i == 0 ? "" : " " + i).append("\",\"spkiSha256\":\"")
          .append(CertParser.parseDer(certs[i].der()).spkiSha256()).append("\"}");
    }
    Files.writeString(policy, sb.append("]}").toString());
  }

  /** Debian: shipped dir + selection conf + local anchors, and a stand-in update-ca-certificates. */
  void debian() throws Exception {
    Files.createDirectories(at("/usr/share/ca-certificates/mozilla"));
    Files.createDirectories(at("/usr/local/share/ca-certificates"));
    Files.createDirectories(at("/etc/ssl/certs"));
    Files.writeString(at("/etc/ca-certificates.conf"), "# Debian selection\n");
    Path script = base.resolve("fake-update-ca-certificates.sh");
    Files.writeString(script, """
        #!/bin/sh
        # Recording stand-in for update-ca-certificates: logs the call, rebuilds the bundle as Debian does.
        echo "update-ca-certificates $*" >> '%s'
        R='%s'
        out="$R/etc/ssl/certs/ca-certificates.crt"
        : > "$out.new"
        grep -v '^#' "$R/etc/ca-certificates.conf" | grep -v '^!' | while read -r f; do
          [ -n "$f" ] && [ -f "$R/usr/share/ca-certificates/$f" ] && cat "$R/usr/share/ca-certificates/$f" >> "$out.new"
        done
        find "$R/usr/local/share/ca-certificates" -name '*.crt' -type f | sort | while read -r f; do cat "$f" >> "$out.new"; done
        mv "$out.new" "$out"
        """.formatted(rebuildLog, root));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    rebuildConfig("debian", script);
    runScript(script);
    Files.deleteIfExists(rebuildLog);
  }

  void fedora() throws Exception {
    Files.createDirectories(at("/usr/share/pki/ca-trust-source"));
    Files.createDirectories(at("/etc/pki/ca-trust/source/anchors"));
    Path script = base.resolve("fake-update-ca-trust.sh");
    Files.writeString(script, "#!/bin/sh\necho \"update-ca-trust $*\" >> '" + rebuildLog + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    rebuildConfig("fedora", script);
  }

  private void rebuildConfig(String distro, Path script) throws Exception {
    Path conf = at("/etc/anchorwatch/rebuild.json");
    Files.createDirectories(conf.getParent());
    String existing = Files.exists(conf) ? Files.readString(conf).replaceAll("}\\s*$", ",") : "{";
    Files.writeString(conf, existing + "\"" + distro + "\": [\"" + script + "\", \"extract\"]}");
  }

  /** Debian's "select a shipped certificate" + rebuild, done the way an installed system would be. */
  void ship(TestCerts.Issued cert, String name, boolean selected) throws Exception {
    cert.writePem(at("/usr/share/ca-certificates/mozilla/" + name + ".crt"));
    Files.writeString(at("/etc/ca-certificates.conf"), (selected ? "" : "!") + "mozilla/" + name + ".crt\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
  }

  void rebuildNow() throws Exception {
    runScript(base.resolve("fake-update-ca-certificates.sh"));
    Files.deleteIfExists(rebuildLog);
  }

  private static void runScript(Path script) throws Exception {
    Process p = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) throw new IllegalStateException(script + " failed");
  }

  List<String> rebuildCalls() throws Exception {
    return Files.exists(rebuildLog) ? Files.readAllLines(rebuildLog) : List.of();
  }

  ScanOptions options(List<String> stores, boolean defaults) {
    return new ScanOptions(defaults, stores, root, home, policy, Map.of("HOME", home.toString()));
  }

  AppDirs dirs() {
    return new AppDirs(home.resolve(".config/anchorwatch"), home.resolve(".local/share/anchorwatch"), home.resolve(".local/state/anchorwatch"));
  }

  /** How this fixture's user half reaches the administrator half; tests set a trusted launcher copy. */
  Elevation elevation = new Elevation(Path.of("/opt/anchorwatch/anchorwatch"), null, Map.of(), java.time.Duration.ofMinutes(1));

  CleanupService service(List<String> stores, boolean defaults) throws Exception {
    return service(options(stores, defaults), new StoreChanges(new AtomicFiles()), new AtomicFiles());
  }

  CleanupService service(ScanOptions opts, StoreChanges changes, AtomicFiles io) throws Exception {
    CleanupContext cx = new CleanupContext(new ScanService(Blocklist.bundled()), opts, CleanupDirs.forUser(dirs()), io, changes,
        RebuildCommands.load(opts.discoveryContext(), true), elevation);
    return new CleanupService(cx, Clock.systemUTC());
  }
}
