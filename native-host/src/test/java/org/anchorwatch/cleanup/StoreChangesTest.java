package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each change and its exact reverse, on real files, keystores and an NSS database, including the refusals. */
class StoreChangesTest {
  @TempDir Path tmp;
  StoreChanges changes;
  TestCerts.Issued evil;

  @BeforeEach
  void setUp() {
    changes = new StoreChanges(new AtomicFiles());
    evil = TestCerts.root("Changes Evil Root");
  }

  private static ErrorCode code(Throwable t) {
    return ((AnchorwatchException) t).code();
  }

  private static Step step(String storeType, String action, String sha, Map<String, String> details) {
    return new Step(0, storeType + ":/x", storeType, "x", "added", details.getOrDefault("path", "/x"), sha, action, false, "b", List.of(), null,
        List.of(), details);
  }

  private static BackupItem item(String kind, Path path, String sha, String mode, String alias, String entry) {
    return new BackupItem(0, "pem:" + path.getParent(), "pem", path.toString(), "delete", sha, kind, path.toString(), null, null, alias,
        null, mode, "root", "root", "2021-05-06T07:08:09Z", entry, null, "step-0." + kind, null, "step-0.der", sha);
  }

  // ---- Debian selection file ----

  private Step deselect(Path conf, String entry) {
    return step("pem", "deselect", evil.sha256(), Map.of("path", tmp.resolve("shipped.crt").toString(), "conf", conf.toString(), "entry", entry));
  }

  @Test
  void deselectingTouchesOnlyItsLineAndKeepsTheFileMode() throws Exception {
    Path conf = Files.writeString(tmp.resolve("ca-certificates.conf"), "# comment\nmozilla/A.crt\n  mozilla/Evil.crt\nmozilla/B.crt\n");
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));
    changes.apply(deselect(conf, "mozilla/Evil.crt"));
    assertThat(Files.readString(conf)).isEqualTo("# comment\nmozilla/A.crt\n!mozilla/Evil.crt\nmozilla/B.crt\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r-----");
    changes.restore(item("conf", conf, evil.sha256(), null, null, "mozilla/Evil.crt"), null, evil.der());
    assertThat(Files.readString(conf)).isEqualTo("# comment\nmozilla/A.crt\nmozilla/Evil.crt\nmozilla/B.crt\n");
  }

  @Test
  void anEntryMissingFromTheSelectionIsAddedDeselectedAndUndoAddsNothing() throws Exception {
    Path conf = Files.writeString(tmp.resolve("with-newline.conf"), "mozilla/A.crt\n");
    changes.apply(deselect(conf, "mozilla/Evil.crt"));
    assertThat(Files.readString(conf)).isEqualTo("mozilla/A.crt\n!mozilla/Evil.crt\n");
    Path bare = Files.writeString(tmp.resolve("without-newline.conf"), "mozilla/A.crt");
    changes.apply(deselect(bare, "mozilla/Evil.crt"));
    assertThat(Files.readString(bare)).isEqualTo("mozilla/A.crt\n!mozilla/Evil.crt");
    Path other = Files.writeString(tmp.resolve("other.conf"), "mozilla/A.crt\n");
    changes.restore(item("conf", other, evil.sha256(), null, null, "mozilla/Evil.crt"), null, evil.der());
    assertThat(Files.readString(other)).isEqualTo("mozilla/A.crt\n");
  }

  @Test
  void anEntryThatIsNotOneSelectionLineIsRefused() throws Exception {
    Path conf = Files.writeString(tmp.resolve("ca-certificates.conf"), "mozilla/A.crt\n");
    for (String bad : List.of("", "a\nb", "a\rb", "!mozilla/A.crt", "../../etc/shadow", "/etc/shadow")) {
      assertThatThrownBy(() -> changes.apply(deselect(conf, bad))).as(bad).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_ARGUMENT));
    }
    assertThat(Files.readString(conf)).isEqualTo("mozilla/A.crt\n");
  }

  /** A file of nobody's (uid and gid 65534); only root may give a file away. */
  private Path nobodys(String name, String content) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(org.anchorwatch.privilege.Identity.current().isRoot(), "only root may give a file away");
    Path f = Files.writeString(tmp.resolve(name), content);
    Files.setAttribute(f, "unix:uid", 65534);
    Files.setAttribute(f, "unix:gid", 65534);
    return f;
  }

  @Test
  void aRewrittenSelectionFileKeepsItsOwnerAndGroup() throws Exception {
    Path conf = nobodys("ca-certificates.conf", "mozilla/Evil.crt\n");
    changes.apply(deselect(conf, "mozilla/Evil.crt"));
    assertThat(Files.readString(conf)).isEqualTo("!mozilla/Evil.crt\n");
    assertThat(Files.getAttribute(conf, "unix:uid")).isEqualTo(65534);
    assertThat(Files.getAttribute(conf, "unix:gid")).isEqualTo(65534);
  }

  @Test
  void aFilePutBackGetsTheOwnerAndGroupItWasSavedWith() throws Exception {
    Path probe = nobodys("probe", "x");
    String owner = Files.getOwner(probe).getName();
    String group = Files.readAttributes(probe, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
    Path file = tmp.resolve("anchors/evil.pem");
    BackupItem saved = new BackupItem(0, "pem:" + file.getParent(), "pem", file.toString(), "delete", evil.sha256(), "file", file.toString(),
        null, null, null, null, "rw-r--r--", owner, group, null, null, null, "step-0.file", null, "step-0.der", evil.sha256());
    changes.restore(saved, evil.pem().getBytes(), evil.der());
    assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(65534);
    assertThat(Files.getAttribute(file, "unix:gid")).isEqualTo(65534);
  }

  // ---- anchor files ----

  @Test
  void aFilePutBackGetsItsBytesTimeAndModeButNeverGroupOrWorldWrite() throws Exception {
    Path file = tmp.resolve("anchors/evil.pem");
    byte[] bytes = evil.pem().getBytes();
    changes.restore(item("file", file, evil.sha256(), "rw-rw-rw-", null, null), bytes, evil.der());
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(Instant.parse("2021-05-06T07:08:09Z"));
    // already back with the same bytes: nothing to do; other bytes: never overwritten
    changes.restore(item("file", file, evil.sha256(), "rw-------", null, null), bytes, evil.der());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    Files.writeString(file, "other");
    assertThatThrownBy(() -> changes.restore(item("file", file, evil.sha256(), null, null, null), bytes, evil.der()))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.REMOVE_FAILED));
    assertThat(Files.readString(file)).isEqualTo("other");
  }

  @Test
  void captureReadsTheFileItsModeOwnerAndTime() throws Exception {
    Path file = evil.writePem(tmp.resolve("anchors/evil.pem"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
    StoreChanges.Capture c = changes.capture(step("pem", "delete", evil.sha256(), Map.of("path", file.toString())));
    assertThat(c.blob()).isEqualTo(Files.readAllBytes(file));
    assertThat(c.der()).isEqualTo(evil.der());
    assertThat(c.mode()).isEqualTo("rw-r-----");
    assertThat(c.owner()).isEqualTo(Files.getOwner(file).getName());
    assertThat(c.mtime()).isEqualTo("2020-01-02T03:04:05Z");
  }

  @Test
  void aFileThatNoLongerHoldsTheCertificateIsStaleAndAMissingOneCannotBeBackedUp() throws Exception {
    Path file = TestCerts.root("Someone Else").writePem(tmp.resolve("anchors/evil.pem"));
    assertThatThrownBy(() -> changes.capture(step("pem", "delete", evil.sha256(), Map.of("path", file.toString()))))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.PLAN_STALE));
    Path missing = tmp.resolve("anchors/gone.pem");
    assertThatThrownBy(() -> changes.capture(step("pem", "delete", evil.sha256(), Map.of("path", missing.toString()))))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BACKUP_FAILED));
    assertThatThrownBy(() -> changes.apply(step("pem", "delete", evil.sha256(), Map.of("path", missing.toString()))))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.REMOVE_FAILED));
  }

  @Test
  void aBlocklistCopyIsAddedAsPemAndUndoDeletesIt() throws Exception {
    Path shipped = Files.writeString(tmp.resolve("bundle.p11-kit"), TestCerts.root("Neighbour").pem() + evil.pem());
    Path dir = tmp.resolve("blocklist");
    changes.apply(step("pem", "blocklist", evil.sha256(), Map.of("path", shipped.toString(), "blocklistDir", dir.toString())));
    Path copy = StoreChanges.blocklistFile(dir, evil.sha256());
    assertThat(copy.getFileName().toString()).isEqualTo("anchorwatch-" + evil.sha256().substring(0, 16) + ".pem");
    assertThat(Files.readAllBytes(copy)).isEqualTo(StoreChanges.pem(evil.der()));
    assertThat(new String(StoreChanges.pem(evil.der()))).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
    changes.restore(item("blocklist", dir, evil.sha256(), null, null, null), null, evil.der());
    assertThat(copy).doesNotExist();
  }

  @Test
  void anUnknownBackupKindIsAnInternalError() {
    assertThatThrownBy(() -> changes.restore(item("script", tmp.resolve("x"), evil.sha256(), null, null, null), new byte[0], evil.der()))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INTERNAL));
  }

  // ---- keystores ----

  @Test
  void aKeystoreAliasIsDeletedOnlyWhileItHoldsThatCertificateAndRestoredWithoutOverwriting() throws Exception {
    TestCerts.Issued other = TestCerts.root("Keystore Other");
    Path ks = tmp.resolve("cacerts");
    CleanupSystemStoresTest.writeKeystore(ks, "PKCS12", Map.of("evil", evil, "other", other));
    byte[] whole = Files.readAllBytes(ks);
    Step wrongAlias = step("keystore", "delete", evil.sha256(), Map.of("path", ks.toString(), "alias", "other"));
    assertThatThrownBy(() -> changes.capture(wrongAlias)).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.PLAN_STALE));
    assertThatThrownBy(() -> changes.apply(wrongAlias)).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.PLAN_STALE));
    Step right = step("keystore", "delete", evil.sha256(), Map.of("path", ks.toString(), "alias", "evil"));
    StoreChanges.Capture c = changes.capture(right);
    assertThat(c.alias()).isEqualTo("evil");
    assertThat(c.keystoreType()).isEqualTo("PKCS12");
    assertThat(c.der()).isEqualTo(evil.der());
    changes.apply(right);
    assertThat(aliases(ks)).containsExactly("other");

    BackupItem back = item("keystore", ks, evil.sha256(), "rw-r--r--", "evil", null);
    changes.restore(back, whole, evil.der());
    assertThat(aliases(ks)).containsExactlyInAnyOrder("evil", "other");
    changes.restore(back, whole, evil.der()); // already there: nothing to do
    assertThat(aliases(ks)).containsExactlyInAnyOrder("evil", "other");
    BackupItem clash = item("keystore", ks, other.sha256(), "rw-r--r--", "evil", null);
    assertThatThrownBy(() -> changes.restore(clash, whole, other.der())).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.REMOVE_FAILED));

    Files.delete(ks); // a keystore that is gone comes back whole
    changes.restore(back, whole, evil.der());
    assertThat(Files.readAllBytes(ks)).isEqualTo(whole);
  }

  private static List<String> aliases(Path file) throws Exception {
    KeyStore k = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      k.load(in, "changeit".toCharArray());
    }
    return Collections.list(k.aliases());
  }

  // ---- NSS ----

  @Test
  void anNssCertificateThatIsAlreadyGoneIsStaleNotSilentlyDone() throws Exception {
    Path db = Files.createDirectories(tmp.resolve("nssdb"));
    String certutil = Tools.requireCertutil().toString();
    Tools.run(certutil, "-N", "-d", "sql:" + db, "--empty-password").ok();
    Step delete = step("nss", "delete", evil.sha256(), Map.of("path", db.toString()));
    Step distrust = step("nss", "distrust", evil.sha256(), Map.of("path", db.toString()));
    assertThatThrownBy(() -> changes.capture(delete)).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.PLAN_STALE));
    assertThatThrownBy(() -> changes.apply(delete)).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.PLAN_STALE));
    assertThatThrownBy(() -> changes.apply(distrust)).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.PLAN_STALE));
  }
}
