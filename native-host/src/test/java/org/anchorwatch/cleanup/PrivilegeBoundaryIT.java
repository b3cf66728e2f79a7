package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;
import org.anchorwatch.testsupport.Unprivileged;
import org.anchorwatch.testsupport.Unprivileged.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cleanup's privilege boundary, attacked the way malware running as the logged-in user would:
 * it prepares files, then waits for the administrator to run the administrator half. The user
 * half runs as nobody (setpriv), the administrator half as root with a clean environment, against
 * a temp Debian layout owned by root. After every attack a sentinel tree outside the stores is
 * byte-, mode-, owner- and mtime-identical and no certificate was added anywhere.
 */
class PrivilegeBoundaryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path base;
  Path layout;
  Path home;
  Path launcher;
  Path sentinel;
  Path anchor;
  TestCerts.Issued evil;
  Map<String, String> sentinelBefore;
  Map<String, String> anchorBefore;

  @BeforeEach
  void setUp() throws Exception {
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    layout = debianLayout(base.resolve("root"));
    evil = TestCerts.root("Boundary Evil Root");
    Files.writeString(layout.resolve("etc/anchorwatch/policy.json"),
        "{\"deny\":[{\"name\":\"Boundary Evil\",\"spkiSha256\":\"" + evil.spkiSha256() + "\"}]}");
    anchor = evil.writePem(layout.resolve("usr/local/share/ca-certificates/evil.crt"));
    Files.setPosixFilePermissions(anchor, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setLastModifiedTime(anchor, FileTime.from(Instant.parse("2024-03-01T10:00:00Z")));
    home = Files.createDirectories(base.resolve("home"));
    Unprivileged.chownToNobody(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    launcher = Unprivileged.install(base.resolve("inst"));
    sentinel = Files.createDirectories(base.resolve("sentinel"));
    Files.writeString(sentinel.resolve("important.txt"), "do not touch\n");
    Files.writeString(sentinel.resolve("tool.sh"), "#!/bin/sh\necho tool\n");
    Files.setPosixFilePermissions(sentinel.resolve("tool.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    sentinelBefore = Unprivileged.snapshot(sentinel);
    anchorBefore = Unprivileged.snapshot(anchor);
  }

  private static Path debianLayout(Path root) throws Exception {
    for (String d : List.of("usr/share/ca-certificates/mozilla", "usr/local/share/ca-certificates", "etc/ssl/certs", "etc/anchorwatch")) {
      Files.createDirectories(root.resolve(d));
    }
    Files.writeString(root.resolve("etc/ca-certificates.conf"), "# Debian selection\n");
    try (var s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    return root;
  }

  // ---- the two halves ----

  private Result userRemove(String key, Map<String, String> env, String... extra) {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "remove", key, "--yes", "--json", "--root", layout.toString(),
        "--home", home.toString()));
    cmd.addAll(List.of(extra));
    return Unprivileged.asNobody(home, env, cmd);
  }

  private Result user(String... args) {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    return Unprivileged.asNobody(home, Map.of(), cmd);
  }

  private Result root(String... args) {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    return Unprivileged.asRoot(cmd, base);
  }

  /** The user half's result for a removal that needs the administrator: the command it shows. */
  private String shownAdminCommand(Result r) {
    JsonNode el = r.json().path("result").path("elevation");
    assertThat(el.path("status").asText()).as(r.out() + r.err()).isEqualTo("needs-elevation");
    String cmd = el.path("command").asText();
    assertThat(cmd).startsWith("sudo " + launcher + " elevated-apply --key ");
    return cmd;
  }

  /** Certificates any store (system layout and the user's home) trusts, as root sees them. */
  private List<String> trustedEverywhere() throws Exception {
    Result r = Unprivileged.asRoot(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        launcher.resolveSibling("anchorwatch.jar").toString(), "scan", "--json", "--root", layout.toString(), "--home", home.toString()), base);
    List<String> out = new ArrayList<>();
    for (JsonNode s : r.json().path("stores")) out.add(s.path("location").asText() + "=" + s.path("certificates").asInt());
    return out;
  }

  private void assertNothingOutsideTheStoresChanged() throws Exception {
    assertThat(Unprivileged.snapshot(sentinel)).isEqualTo(sentinelBefore);
  }

  // ---- genuine paths ----

  @Test
  void theUserHalfHandsOverOnlyTheKeyAndRootRemovesAndRestoresTheSystemAnchorFromItsOwnRecords() throws Exception {
    Result r = userRemove(evil.sha256(), Map.of());
    assertThat(r.exit()).isEqualTo(1);
    String shown = shownAdminCommand(r);
    String op = r.json().path("result").path("operationId").asText();
    assertThat(shown).isEqualTo("sudo " + launcher + " elevated-apply --key " + evil.sha256() + " --mode delete --op " + op + " --root " + layout);
    assertThat(anchor).exists();

    Result admin = Unprivileged.pasteAsRoot(shown, base);
    assertThat(admin.exit()).as(admin.out() + admin.err()).isZero();
    assertThat(anchor).doesNotExist();
    Path records = layout.resolve("var/lib/anchorwatch");
    for (Path d : List.of(records, records.resolve("backups"), records.resolve("journal"), layout.resolve("run/anchorwatch/locks"))) {
      assertThat(Files.getAttribute(d, "unix:uid")).as(d.toString()).isEqualTo(0);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as(d.toString()).isEqualTo("rwx------");
    }
    String undo = admin.out().lines().filter(l -> l.startsWith("Undo: ")).findFirst().orElseThrow().substring("Undo: ".length());
    String id = undo.substring(undo.lastIndexOf(' ') + 1);
    assertThat(user("plan", evil.sha256(), "--root", layout.toString(), "--home", home.toString()).err()).contains("NOT_INSTALLED");

    Result back = root("elevated-restore", id, "--root", layout.toString());
    assertThat(back.exit()).as(back.out() + back.err()).isZero();
    assertThat(Unprivileged.snapshot(anchor)).isEqualTo(anchorBefore);
    assertNothingOutsideTheStoresChanged();
  }

  @Test
  void aPkexecStandInRunsTheAdministratorHalfWhileTheUserHalfWaitsWithoutALockDeadlock() throws Exception {
    Path bin = Files.createDirectories(base.resolve("polkit"));
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path src = Files.writeString(bin.resolve("pkexec.c"), """
        /* Stand-in for pkexec (no polkit agent here): setuid root, runs an absolute program with a clean environment. */
        #include <stdio.h>
        #include <unistd.h>
        int main(int argc, char **argv) {
          if (argc < 2 || argv[1][0] != '/') { fputs("pkexec stand-in: absolute program required\\n", stderr); return 127; }
          if (setgid(0) != 0 || setuid(0) != 0) { perror("setuid"); return 127; }
          char *envp[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL };
          execve(argv[1], argv + 1, envp);
          perror("execve");
          return 127;
        }
        """);
    Path pkexec = bin.resolve("pkexec");
    Tools.run(Tools.onPath("cc").orElseThrow(() -> new AssertionError("a C compiler (gcc) is needed: scripts/ensure-test-deps.sh")).toString(),
        "-o", pkexec.toString(), src.toString()).ok();
    Files.setAttribute(pkexec, "unix:mode", 04755); // setuid root, as the real pkexec is

    // the user's own NSS database too: the user half changes it (holding its lock) and hands the system anchor over
    Path db = nssDbWithEvil("Evil in the user's database");
    Result r = userRemove(evil.sha256(), Map.of("DISPLAY", ":99", "PATH", bin + ":/usr/bin:/bin"));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    JsonNode result = r.json().path("result");
    assertThat(result.path("elevation").path("status").asText()).isEqualTo("ran");
    assertThat(result.path("elevation").path("undo").asText()).startsWith("sudo anchorwatch elevated-restore ");
    assertThat(result.path("verify").path("clean").asBoolean()).isTrue();
    List<String> statuses = new ArrayList<>();
    result.path("steps").forEach(s -> statuses.add(s.path("location").asText() + " " + s.path("status").asText()));
    assertThat(statuses).contains(anchor + " removed").anyMatch(s -> s.startsWith(db.toString()) && s.endsWith(" removed"));
    assertThat(anchor).doesNotExist();
    assertNothingOutsideTheStoresChanged();
  }

  @Test
  void aUserLevelNssRemovalAndItsUndoWorkAsAnUnprivilegedUser() throws Exception {
    Files.delete(anchor); // only the user's own database this time
    Path db = nssDbWithEvil("Evil 'quoted' $(nick)");
    Result r = userRemove(evil.sha256(), Map.of());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.json().path("result").path("elevation").isNull()).isTrue();
    assertThat(certutil("-L", "-d", "sql:" + db)).doesNotContain("Evil");
    String id = r.json().path("result").path("backupId").asText();
    Result undo = user("restore", id, "--root", layout.toString(), "--home", home.toString());
    assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
    assertThat(certutil("-L", "-d", "sql:" + db)).contains("Evil 'quoted' $(nick)", "CT,C,C");
    for (Path p : List.of(home.resolve(".local/share/anchorwatch/backups"), home.resolve(".local/state/anchorwatch/journal"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo("rwx------");
    }
  }

  private Path nssDbWithEvil(String nickname) throws Exception {
    Path db = Files.createDirectories(home.resolve(".pki/nssdb"));
    certutil("-N", "-d", "sql:" + db, "--empty-password");
    certutil("-A", "-d", "sql:" + db, "-n", nickname, "-t", "CT,C,C", "-i", evil.writePem(base.resolve("evil.pem")).toString());
    Unprivileged.chownToNobody(home);
    return db;
  }

  private static String certutil(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Tools.requireCertutil().toString()));
    cmd.addAll(List.of(args));
    return Tools.run(cmd.toArray(String[]::new)).ok().output();
  }

  // ---- attacks: one test each ----

  @Test
  void aLockFileSymlinkIsNeverFollowedByEitherHalf() throws Exception {
    Path db = nssDbWithEvil("Evil");
    Path locks = Files.createDirectories(home.resolve(".local/state/anchorwatch/locks"));
    for (String store : List.of("nss:" + db, "pem:" + anchor.getParent())) {
      String name = Hex.of(CertParser.digest("SHA-256", store.getBytes(StandardCharsets.UTF_8))).substring(0, 24) + ".lock";
      Files.createSymbolicLink(locks.resolve(name), sentinel.resolve("important.txt"));
    }
    Unprivileged.chownToNobody(home);
    Result r = userRemove(evil.sha256(), Map.of());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("UNSAFE_PATH");
    Result admin = root("elevated-apply", "--key", evil.sha256(), "--mode", "delete", "--root", layout.toString());
    assertThat(admin.exit()).as(admin.out() + admin.err()).isZero();
    assertThat(anchor).doesNotExist();
    assertNothingOutsideTheStoresChanged();
  }

  @Test
  void aJournalSymlinkIsNeverFollowedByEitherHalf() throws Exception {
    Path db = nssDbWithEvil("Evil");
    Path state = Files.createDirectories(home.resolve(".local/state/anchorwatch"));
    Files.createSymbolicLink(state.resolve("journal"), sentinel);
    Unprivileged.chownToNobody(home);
    Result r = userRemove(evil.sha256(), Map.of());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("BACKUP_FAILED");
    assertThat(certutil("-L", "-d", "sql:" + db)).contains("Evil");
    Result admin = root("elevated-apply", "--key", evil.sha256(), "--mode", "delete", "--root", layout.toString());
    assertThat(admin.exit()).as(admin.out() + admin.err()).isZero();
    assertNothingOutsideTheStoresChanged();
  }

  @ParameterizedTest
  @ValueSource(strings = {"path", "conf", "entry"})
  void aTamperedSavedPlanCannotSteerRoot(String field) throws Exception {
    TestCerts.Issued shipped = TestCerts.root("Boundary Shipped Evil");
    shipped.writePem(layout.resolve("usr/share/ca-certificates/mozilla/Shipped_Evil.crt"));
    Files.writeString(layout.resolve("etc/ca-certificates.conf"), "# Debian selection\nmozilla/Shipped_Evil.crt\n");
    Files.writeString(layout.resolve("etc/anchorwatch/policy.json"), "{\"deny\":[{\"name\":\"Boundary Evil\",\"spkiSha256\":\""
        + evil.spkiSha256() + "\"},{\"name\":\"Shipped Evil\",\"spkiSha256\":\"" + shipped.spkiSha256() + "\"}]}");
    String confBefore = Files.readString(layout.resolve("etc/ca-certificates.conf"));
    String key = field.equals("path") ? evil.sha256() : shipped.sha256();
    Result r = userRemove(key, Map.of());
    String shown = shownAdminCommand(r);
    String op = r.json().path("result").path("operationId").asText();
    Path planFile = home.resolve(".local/state/anchorwatch/journal/" + op + ".plan.json");
    ObjectNode plan = (ObjectNode) JSON.readTree(planFile.toFile());
    for (JsonNode s : plan.path("steps")) {
      ObjectNode d = (ObjectNode) s.path("details");
      switch (field) {
        case "path" -> d.put("path", sentinel.resolve("important.txt").toString());
        case "conf" -> d.put("conf", sentinel.resolve("important.txt").toString());
        default -> d.put("entry", "mozilla/Shipped_Evil.crt\n../../../../" + sentinel + "/tool.sh");
      }
    }
    JSON.writeValue(planFile.toFile(), plan);

    Result admin = Unprivileged.pasteAsRoot(shown, base);
    assertThat(admin.exit()).as(admin.out() + admin.err()).isZero();
    assertNothingOutsideTheStoresChanged();
    if (field.equals("path")) {
      assertThat(anchor).doesNotExist();
    } else {
      // root deselected exactly the shipped certificate, from its own scan: one line changed, nothing appended
      assertThat(Files.readString(layout.resolve("etc/ca-certificates.conf"))).isEqualTo(confBefore.replace("\nmozilla/", "\n!mozilla/"));
    }
    Result badOp = root("elevated-apply", "--key", key, "--mode", "delete", "--op", "../../" + sentinel, "--root", layout.toString());
    assertThat(badOp.exit()).isNotZero();
    assertThat(badOp.err()).contains("BAD_ARGUMENT");
    assertNothingOutsideTheStoresChanged();
  }

  @Test
  void aUserOwnedLayoutRootWithARebuildTableIsRefusedAndNothingRuns() throws Exception {
    Path userRoot = debianLayout(base.resolve("userroot"));
    Path planted = evil.writePem(userRoot.resolve("usr/local/share/ca-certificates/evil.crt"));
    Path script = Files.writeString(userRoot.resolve("rebuild.sh"), "#!/bin/sh\nchmod 666 " + sentinel.resolve("important.txt") + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(userRoot.resolve("etc/anchorwatch/rebuild.json"), "{\"debian\": [\"" + script + "\"]}");
    Unprivileged.chownToNobody(userRoot);
    Result admin = root("elevated-apply", "--key", evil.sha256(), "--mode", "delete", "--root", userRoot.toString());
    assertThat(admin.exit()).isEqualTo(1);
    assertThat(admin.err()).contains("UNSAFE_PATH").contains("owned by uid " + Unprivileged.NOBODY);
    assertThat(planted).exists();
    assertNothingOutsideTheStoresChanged();
  }

  @ParameterizedTest
  @ValueSource(strings = {"path-outside-store", "blob-not-the-certificate", "trust-raised", "trust-garbage", "dot-dot-blob",
      "another-certificate"})
  void aForgedBackupManifestIsRefusedByRestoreAndNeverReachesRoot(String forgery) throws Exception {
    Files.delete(anchor);
    Path db = nssDbWithEvil("Evil");
    certutil("-M", "-d", "sql:" + db, "-n", "Evil", "-t", "C,,"); // so "CT,C,C" is a raise
    Result r = userRemove(evil.sha256(), Map.of());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    String id = r.json().path("result").path("backupId").asText();
    Path dir = home.resolve(".local/share/anchorwatch/backups").resolve(id);
    ObjectNode m = (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
    ObjectNode item = (ObjectNode) ((ArrayNode) m.get("items")).get(0);
    TestCerts.Issued other = TestCerts.root("Attacker Root");
    Consumer<byte[]> der = bytes -> {
      try {
        Files.write(dir.resolve("step-0.der"), bytes);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
    switch (forgery) {
      case "path-outside-store" -> item.put("path", sentinel.toString());
      case "blob-not-the-certificate" -> {
        der.accept(other.der());
        item.put("derSha256", other.sha256());
      }
      case "trust-raised" -> item.put("trust", "CT,C,C");
      case "trust-garbage" -> item.put("trust", "CT,C,C;rm -rf /");
      case "dot-dot-blob" -> item.put("der", "../../../../" + sentinel.resolve("important.txt"));
      default -> {
        der.accept(other.der());
        item.put("derSha256", other.sha256()).put("sha256", other.sha256());
      }
    }
    JSON.writeValue(dir.resolve("manifest.json").toFile(), m);
    Unprivileged.chownToNobody(home);
    List<String> before = trustedEverywhere();

    Result undo = user("restore", id, "--root", layout.toString(), "--home", home.toString());
    assertThat(undo.exit()).isEqualTo(1);
    assertThat(undo.err()).containsAnyOf("BACKUP_INCONSISTENT", "BACKUP_FAILED");
    Result list = user("backups", "--json", "--root", layout.toString(), "--home", home.toString());
    assertThat(list.json().get(0).path("consistent").asBoolean(true)).isFalse();
    Result asRoot = root("elevated-restore", id, "--root", layout.toString());
    assertThat(asRoot.exit()).isEqualTo(1);
    assertThat(asRoot.err()).contains("BACKUP_UNKNOWN");
    assertThat(certutil("-L", "-d", "sql:" + db)).doesNotContain("Evil").doesNotContain("Attacker");
    assertThat(trustedEverywhere()).isEqualTo(before);
    assertNothingOutsideTheStoresChanged();
  }

  @Test
  void aForgedModeOrOwnerInAFileBackupIsRefusedAndRootNeverRestoresIt() throws Exception {
    Path anchors = Files.createDirectories(home.resolve("anchors"));
    Path mine = evil.writePem(anchors.resolve("evil.crt"));
    Unprivileged.chownToNobody(home);
    Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rw-------"));
    Result r = userRemove(evil.sha256(), Map.of(), "--store", "pem:" + anchors);
    assertThat(r.exit()).as(r.out() + r.err()).isNotEqualTo(2);
    String id = r.json().path("result").path("backupId").asText();
    assertThat(mine).doesNotExist();
    Path manifest = home.resolve(".local/share/anchorwatch/backups").resolve(id).resolve("manifest.json");
    ObjectNode m = (ObjectNode) JSON.readTree(manifest.toFile());
    ((ObjectNode) m.get("items").get(0)).put("mode", "rwxrwxrwx").put("owner", "root").put("group", "root");
    JSON.writeValue(manifest.toFile(), m);
    Unprivileged.chownToNobody(home);
    Result undo = user("restore", id, "--no-default-stores", "--store", "pem:" + anchors);
    assertThat(undo.exit()).isEqualTo(1);
    assertThat(undo.err()).contains("BACKUP_INCONSISTENT");
    assertThat(mine).doesNotExist();
    assertThat(root("elevated-restore", id, "--root", layout.toString()).err()).contains("BACKUP_UNKNOWN");
    assertNothingOutsideTheStoresChanged();
  }

  @Test
  void aUserWritableInstallationGetsNoAdministratorCommandAndRootRefusesToRunIt() throws Exception {
    Path userLauncher = Unprivileged.install(base.resolve("userinst"));
    Unprivileged.chownToNobody(userLauncher.getParent());
    Result r = Unprivileged.asNobody(home, Map.of(), List.of(userLauncher.toString(), "remove", evil.sha256(), "--yes", "--json",
        "--root", layout.toString(), "--home", home.toString()));
    JsonNode el = r.json().path("result").path("elevation");
    assertThat(el.path("status").asText()).isEqualTo("unavailable");
    assertThat(el.path("problem").asText()).isEqualTo("NEEDS_SYSTEM_INSTALL");
    assertThat(el.path("command").isNull()).isTrue();
    assertThat(r.json().path("result").path("elevationCommands")).isEmpty();

    Result viaLauncher = Unprivileged.asRoot(List.of(userLauncher.toString(), "elevated-apply", "--key", evil.sha256(), "--mode", "delete",
        "--root", layout.toString()), base);
    assertThat(viaLauncher.exit()).isEqualTo(2);
    assertThat(viaLauncher.err()).contains("refusing to run as root");
    Result viaJava = Unprivileged.asRoot(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        userLauncher.resolveSibling("anchorwatch.jar").toString(), "elevated-apply", "--key", evil.sha256(), "--mode", "delete",
        "--root", layout.toString()), base);
    assertThat(viaJava.exit()).isEqualTo(2);
    assertThat(viaJava.err()).contains("UNSAFE_INVOCATION");
    assertThat(anchor).exists();
    assertNothingOutsideTheStoresChanged();
  }

  @Test
  void environmentThatChoosesCodeIsIgnoredByTheLauncherAndRefusedByTheJar() throws Exception {
    Path userLauncher = Unprivileged.install(base.resolve("userinst"));
    Unprivileged.chownToNobody(userLauncher.getParent());
    // the trusted launcher as root drops every variable: the user's jar and a javaagent never load
    Result ok = Unprivileged.asRoot(List.of("env", "ANCHORWATCH_JAR=" + userLauncher.resolveSibling("anchorwatch.jar"),
        "JAVA_TOOL_OPTIONS=-javaagent:" + sentinel.resolve("tool.sh"), "JAVA_HOME=" + base, launcher.toString(), "elevated-apply",
        "--key", evil.sha256(), "--mode", "delete", "--root", layout.toString()), base);
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(anchor).doesNotExist();
    Result direct = Unprivileged.asRoot(List.of("env", "ANCHORWATCH_JAVA=/bin/sh", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", launcher.resolveSibling("anchorwatch.jar").toString(), "elevated-restore", "--root", layout.toString()), base);
    assertThat(direct.exit()).isEqualTo(2);
    assertThat(direct.err()).contains("UNSAFE_INVOCATION", "ANCHORWATCH_JAVA");
    assertNothingOutsideTheStoresChanged();
  }

  @Test
  void rootRemovesNothingItsOwnJudgementDoesNotFlag() throws Exception {
    TestCerts.Issued good = TestCerts.root("Boundary Ordinary CA");
    good.writePem(layout.resolve("usr/share/ca-certificates/mozilla/Ordinary_CA.crt"));
    Path conf = Files.writeString(layout.resolve("etc/ca-certificates.conf"), "# Debian selection\nmozilla/Ordinary_CA.crt\n");
    String before = Files.readString(conf);
    Result admin = root("elevated-apply", "--key", good.sha256(), "--mode", "delete", "--root", layout.toString());
    assertThat(admin.exit()).isEqualTo(1);
    assertThat(admin.err()).contains("NOT_INSTALLED");
    assertThat(Files.readString(conf)).isEqualTo(before);
    assertNothingOutsideTheStoresChanged();
  }
}
