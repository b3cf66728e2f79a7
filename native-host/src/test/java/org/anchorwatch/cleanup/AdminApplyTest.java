package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.Identity;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administrator half (`elevated-apply`, `elevated-restore`) in-process, as root, on a temp
 * Debian layout that root owns: it takes only a key and a mode, plans from its own scan, refuses
 * paths another user could write, and keeps its records under the layout root.
 */
class AdminApplyTest {
  @TempDir Path tmp;
  Path root;
  Path anchor;
  TestCerts.Issued evil;
  TestCerts.Issued shipped;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(Identity.current().isRoot(), "the administrator half runs as root (as tests here and in CI do)");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    root = tmp.resolve("root");
    for (String d : List.of("usr/share/ca-certificates/mozilla", "usr/local/share/ca-certificates", "etc/ssl/certs", "etc/anchorwatch")) {
      Files.createDirectories(root.resolve(d));
    }
    evil = TestCerts.root("Admin Evil Root");
    shipped = TestCerts.root("Admin Shipped Root");
    shipped.writePem(root.resolve("usr/share/ca-certificates/mozilla/Shipped.crt"));
    Files.writeString(root.resolve("etc/ca-certificates.conf"), "# Debian selection\nmozilla/Shipped.crt\n");
    Files.writeString(root.resolve("etc/anchorwatch/policy.json"),
        "{\"deny\":[{\"name\":\"Admin Evil\",\"spkiSha256\":\"" + evil.spkiSha256() + "\"}]}");
    anchor = evil.writePem(root.resolve("usr/local/share/ca-certificates/evil.crt"));
  }

  private CleanupContext admin() throws Exception {
    return CleanupContext.forAdministrator(new ScanService(Blocklist.bundled()), root);
  }

  private static ErrorCode code(Throwable t) {
    return ((AnchorwatchException) t).code();
  }

  @Test
  void itRemovesAFlaggedAnchorWithItsOwnRecordsAndRestoresIt() throws Exception {
    byte[] before = Files.readAllBytes(anchor);
    CleanupContext cx = admin();
    AdminApply.AdminResult r = new AdminApply(cx).run(evil.sha256().toUpperCase(), "delete", "0123456789abcdef", e -> {});
    assertThat(anchor).doesNotExist();
    assertThat(r.key()).isEqualTo(evil.sha256());
    assertThat(r.mode()).isEqualTo("delete");
    assertThat(r.requestedBy()).isEqualTo("0123456789abcdef");
    assertThat(r.steps()).filteredOn(s -> s.location().equals(anchor.toString())).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo("removed"));
    assertThat(r.verify().clean()).isTrue();
    assertThat(r.backupId()).isEqualTo(r.operationId()).isNotNull();
    assertThat(r.undo()).isEqualTo("sudo anchorwatch elevated-restore " + r.backupId());
    // root's records live under the layout root, nowhere a user chose
    assertThat(root.resolve("var/lib/anchorwatch/backups").resolve(r.backupId()).resolve("manifest.json")).exists();
    assertThat(root.resolve("var/lib/anchorwatch/journal").resolve(r.operationId() + ".jsonl")).exists();
    // under a foreign root the built-in rebuild is not run on this machine; it says so
    assertThat(r.rebuilds()).singleElement().satisfies(b -> {
      assertThat(b.exitCode()).isEqualTo(-1);
      assertThat(b.output()).startsWith("not run");
    });

    Restorer.RestoreResult back = new Restorer(cx).restore(r.backupId(), Set.of(), e -> {});
    assertThat(back.steps()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("restored"));
    assertThat(Files.readAllBytes(anchor)).isEqualTo(before);
  }

  @Test
  void argumentsAreCheckedBeforeAnythingIsScanned() throws Exception {
    AdminApply a = new AdminApply(admin());
    assertThatThrownBy(() -> a.run("not-a-hash", "delete", null, e -> {})).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_HASH));
    assertThatThrownBy(() -> a.run(evil.sha256(), "wipe", null, e -> {})).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_ARGUMENT))
        .hasMessageContaining("--mode");
    assertThatThrownBy(() -> a.run(evil.sha256(), "delete", "../../etc/passwd", e -> {}))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_ARGUMENT)).hasMessageContaining("--op");
    assertThatThrownBy(() -> a.run(evil.sha256(), "delete", "abc", e -> {})).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_ARGUMENT));
    assertThat(anchor).exists();
    assertThat(root.resolve("var/lib/anchorwatch/journal")).doesNotExist();
  }

  @Test
  void aShippedCaNobodyFlaggedIsNotRemovedOnAUsersSay() throws Exception {
    AdminApply a = new AdminApply(admin());
    assertThatThrownBy(() -> a.run(shipped.sha256(), "delete", null, e -> {}))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.NOT_INSTALLED)).hasMessageContaining(shipped.sha256().substring(0, 16));
    assertThatThrownBy(() -> a.run(shipped.spkiSha256(), "distrust", null, e -> {}))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.NOT_INSTALLED));
    assertThat(Files.readString(root.resolve("etc/ca-certificates.conf"))).isEqualTo("# Debian selection\nmozilla/Shipped.crt\n");
    // flagged by key works too
    AdminApply.AdminResult r = a.run(evil.spkiSha256(), "delete", null, e -> {});
    assertThat(r.requestedBy()).isNull();
    assertThat(anchor).doesNotExist();
  }

  @Test
  void aPathAnotherUserCouldWriteStopsEverything() throws Exception {
    Files.setAttribute(anchor, "unix:uid", 65534);
    assertThatThrownBy(() -> new AdminApply(admin()).run(evil.sha256(), "delete", null, e -> {}))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNSAFE_PATH));
    assertThat(anchor).exists();
    Files.setAttribute(anchor, "unix:uid", 0);
    Path dir = anchor.getParent();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
    assertThatThrownBy(() -> new AdminApply(admin()).run(evil.sha256(), "delete", null, e -> {}))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNSAFE_PATH));
    assertThat(anchor).exists();
  }

  @Test
  void itRefusesAUsersContext() throws Exception {
    CleanupFixture fx = new CleanupFixture(Files.createDirectories(tmp.resolve("user")));
    CleanupContext user = fx.service(List.of(), false).context();
    assertThatThrownBy(() -> new AdminApply(user)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rootPutsBackOnlyIntoASystemStoreOfTheLayout() throws Exception {
    // a consistent backup in root's records of a place that is not a system store (a user's anchor dir)
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path copy = evil.writePem(elsewhere.resolve("evil.pem"));
    CleanupContext cx = admin();
    ScanOptions opts = new ScanOptions(false, List.of("pem:" + elsewhere), root, null, root.resolve("etc/anchorwatch/policy.json"), Map.of());
    CleanupContext odd = new CleanupContext(cx.scans(), opts, cx.dirs(), cx.io(), cx.changes(), cx.rebuilds(), cx.elevation());
    ApplyResult r = new Executor(odd).apply(odd.planner().plan(odd.rescan(), evil.sha256(), false), e -> {});
    assertThat(copy).doesNotExist();
    assertThatThrownBy(() -> new Restorer(cx).restore(r.backupId(), Set.of(), e -> {}))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BACKUP_INCONSISTENT)).hasMessageContaining("not a system trust store location");
    assertThat(copy).doesNotExist();
  }
}
