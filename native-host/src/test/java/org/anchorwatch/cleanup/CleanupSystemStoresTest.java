package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * System anchors under a temp --root laid out as Debian and as Fedora, with the distro rebuild
 * replaced by a recording stand-in through ROOT/etc/anchorwatch/rebuild.json; JDK keystores.
 */
class CleanupSystemStoresTest {
  @TempDir Path tmp;
  CleanupFixture fx;
  TestCerts.Issued evil;
  TestCerts.Issued good;

  @BeforeEach
  void setUp() throws Exception {
    fx = new CleanupFixture(tmp);
    evil = TestCerts.root("Evil System Root");
    good = TestCerts.root("Good Shipped Root");
    fx.deny("Evil System", evil);
  }

  @Test
  void debianLocalAnchorIsDeletedWithItsBytesModeAndTimeBackedUpAndRestored() throws Exception {
    fx.debian();
    fx.ship(good, "Good", true);
    Path anchor = evil.writePem(fx.at("/usr/local/share/ca-certificates/corp/evil.crt"));
    Files.setPosixFilePermissions(anchor, PosixFilePermissions.fromString("rw-r-----"));
    Instant installed = Instant.parse("2020-12-06T10:00:00Z");
    Files.setLastModifiedTime(anchor, FileTime.from(installed));
    byte[] original = Files.readAllBytes(anchor);
    fx.rebuildNow();
    assertThat(Files.readString(fx.at("/etc/ssl/certs/ca-certificates.crt"))).contains(pemBody(evil));

    CleanupService svc = fx.service(List.of(), true);
    Plan plan = svc.plan(evil.sha256(), false);
    assertThat(plan.steps()).extracting(Step::action, Step::location).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("delete", anchor.toString()),
        org.assertj.core.groups.Tuple.tuple("rebuild-covers", fx.at("/etc/ssl/certs/ca-certificates.crt") + "#2"));
    assertThat(plan.aftercareSince()).isEqualTo(installed.toString());
    assertThat(plan.rebuild()).contains("fake-update-ca-certificates.sh");

    ApplyResult r = svc.applyConfirmedByPerson(plan, e -> {});
    assertThat(Files.exists(anchor)).isFalse();
    assertThat(fx.rebuildCalls()).hasSize(1);
    assertThat(r.verify().clean()).as(r.verify().remaining().toString()).isTrue();
    assertThat(Files.readString(fx.at("/etc/ssl/certs/ca-certificates.crt"))).doesNotContain(pemBody(evil)).contains(pemBody(good));

    svc.restore(r.backupId(), Set.of(), e -> {});
    assertThat(Files.readAllBytes(anchor)).isEqualTo(original);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(anchor))).isEqualTo("rw-r-----");
    assertThat(Files.getLastModifiedTime(anchor).toInstant()).isEqualTo(installed);
    assertThat(fx.rebuildCalls()).hasSize(2);
    assertThat(Files.readString(fx.at("/etc/ssl/certs/ca-certificates.crt"))).contains(pemBody(evil));
  }

  @Test
  void debianShippedCaIsDeselectedNeverDeletedAndUndoSelectsItAgain() throws Exception {
    fx.debian();
    fx.ship(good, "Good", true);
    fx.ship(evil, "Evil", true);
    fx.rebuildNow();
    String confBefore = Files.readString(fx.at("/etc/ca-certificates.conf"));
    CleanupService svc = fx.service(List.of(), true);
    Plan plan = svc.plan(evil.sha256(), false);
    assertThat(plan.steps()).extracting(Step::action).containsExactlyInAnyOrder("deselect", "rebuild-covers");
    ApplyResult r = svc.applyConfirmedByPerson(plan, e -> {});
    assertThat(Files.exists(fx.at("/usr/share/ca-certificates/mozilla/Evil.crt"))).isTrue();
    assertThat(Files.readString(fx.at("/etc/ca-certificates.conf"))).contains("!mozilla/Evil.crt\n").contains("\nmozilla/Good.crt")
        .startsWith("# Debian selection\n");
    assertThat(r.verify().clean()).isTrue();
    assertThat(fx.rebuildCalls()).containsExactly("update-ca-certificates extract");

    svc.restore(r.backupId(), Set.of(), e -> {});
    assertThat(Files.readString(fx.at("/etc/ca-certificates.conf"))).isEqualTo(confBefore);
    assertThat(svc.verify(evil.sha256()).clean()).isFalse();
  }

  @Test
  void fedoraShippedCaIsBlocklistedAndLocalAnchorDeleted() throws Exception {
    fx.fedora();
    Files.writeString(fx.at("/usr/share/pki/ca-trust-source/ca-bundle.trust.p11-kit"),
        "[p11-kit-object-v1]\ntrusted: true\n" + good.pem() + "\n[p11-kit-object-v1]\ntrusted: true\n" + evil.pem());
    TestCerts.Issued local = TestCerts.root("Evil Local Anchor");
    fx.deny("Evil System", evil, local);
    Path anchor = local.writePem(fx.at("/etc/pki/ca-trust/source/anchors/local.pem"));

    CleanupService svc = fx.service(List.of(), true);
    Plan p1 = svc.plan(evil.sha256(), false);
    assertThat(p1.steps()).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo("blocklist");
      assertThat(s.details().get("blocklistDir")).isEqualTo(fx.at("/etc/pki/ca-trust/source/blocklist").toString());
    });
    ApplyResult r1 = svc.applyConfirmedByPerson(p1, e -> {});
    assertThat(r1.verify().clean()).isTrue();
    assertThat(fx.rebuildCalls()).containsExactly("update-ca-trust extract");
    Path copy = StoreChanges.blocklistFile(fx.at("/etc/pki/ca-trust/source/blocklist"), evil.sha256());
    assertThat(Files.readString(copy)).contains(pemBody(evil));

    Plan p2 = svc.plan(local.sha256(), false);
    ApplyResult r2 = svc.applyConfirmedByPerson(p2, e -> {});
    assertThat(Files.exists(anchor)).isFalse();
    assertThat(r2.verify().clean()).isTrue();

    svc.restore(r1.backupId(), Set.of(), e -> {});
    assertThat(Files.exists(copy)).isFalse();
    assertThat(svc.verify(evil.sha256()).clean()).isFalse();
    assertThat(svc.backups()).hasSize(2);
  }

  @Test
  void jdkKeystoreAliasIsDeletedInTheSameFormatAndRestored() throws Exception {
    for (String type : List.of("JKS", "PKCS12")) {
      Path ks = fx.at("/usr/lib/jvm/jdk-" + type + "/lib/security/cacerts");
      writeKeystore(ks, type, Map.of("evilalias", evil, "goodalias", good));
      CleanupService svc = fx.service(List.of(), true);
      Plan plan = svc.plan(evil.sha256(), false);
      assertThat(plan.steps()).singleElement().satisfies(s -> assertThat(s.details()).containsEntry("alias", "evilalias"));
      ApplyResult r = svc.applyConfirmedByPerson(plan, e -> {});
      assertThat(r.verify().clean()).isTrue();
      KeyStore after = KeyStore.getInstance(type);
      try (var in = Files.newInputStream(ks)) {
        after.load(in, "changeit".toCharArray());
      }
      assertThat(java.util.Collections.list(after.aliases())).containsExactly("goodalias");
      svc.restore(r.backupId(), Set.of(), e -> {});
      KeyStore back = KeyStore.getInstance(type);
      try (var in = Files.newInputStream(ks)) {
        back.load(in, "changeit".toCharArray());
      }
      assertThat(java.util.Collections.list(back.aliases())).containsExactlyInAnyOrder("goodalias", "evilalias");
      Files.delete(ks);
    }
  }

  static String pemBody(TestCerts.Issued i) {
    return i.pem().lines().skip(1).findFirst().orElseThrow();
  }

  static void writeKeystore(Path file, String type, Map<String, TestCerts.Issued> entries) throws Exception {
    KeyStore ks = KeyStore.getInstance(type);
    ks.load(null, null);
    for (Map.Entry<String, TestCerts.Issued> e : entries.entrySet()) ks.setCertificateEntry(e.getKey(), e.getValue().cert());
    Files.createDirectories(file.getParent());
    try (var out = Files.newOutputStream(file)) {
      ks.store(out, "changeit".toCharArray());
    }
  }
}
