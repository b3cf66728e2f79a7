package org.anchorwatch.stores.nss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.stores.Trust;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips through every write binding (CERT_ChangeCertTrust, CERT_DecodeTrustString,
 * SEC_DeletePermCertificate, CERT_GetDefaultCertDB, CERT_NewTempCertificate, PK11_ImportCert,
 * CERT_DestroyCertificate), checked from the outside with certutil.
 */
class NssDatabaseTest {
  @TempDir Path tmp;

  private static StoreEntry only(Path dir) throws AnchorwatchException {
    StoreListing l = new NssStore(dir).list();
    assertThat(l.entries()).hasSize(1);
    return l.entries().get(0);
  }

  @Test
  void listDistrustRestoreDeleteRestoreFullCycle() throws Exception {
    String nick = "Intercepting Root ✓";
    Issued root = TestCerts.root("Intercepting Root CA");
    Issued bystander = TestCerts.root("Bystander Root");
    NssTestDb db = NssTestDb.create(tmp.resolve("db")).add(nick, "CT,C,C", root).add("bystander", "C,,", bystander);
    Map<String, String> original = db.certutilList();
    assertThat(original).containsEntry(nick, "CT,C,C");

    // distrust: the cert stays, trust becomes ",,"
    NssBackup saved = NssDatabase.distrust(db.dir, root.sha256()).orElseThrow();
    assertThat(saved.nickname()).isEqualTo(nick);
    assertThat(saved.trust()).isEqualTo("CT,C,C");
    assertThat(saved.der()).isEqualTo(root.der());
    assertThat(db.certutilList()).containsEntry(nick, ",,").containsEntry("bystander", "C,,");
    assertThat(trustOf(db.dir, root)).isEqualTo(Trust.DISTRUSTED);

    // undo the distrust: same cert, trust back
    NssDatabase.restore(db.dir, saved.der(), saved.nickname(), saved.trust());
    assertThat(db.certutilList()).isEqualTo(original);

    // delete: gone for certutil and for us, the bystander untouched
    NssBackup deleted = NssDatabase.delete(db.dir, root.sha256()).orElseThrow();
    assertThat(deleted.trust()).isEqualTo("CT,C,C");
    assertThat(db.certutilList()).doesNotContainKey(nick).containsEntry("bystander", "C,,");
    assertThat(new NssStore(db.dir).list().entries()).extracting(e -> e.cert().sha256()).containsExactly(bystander.sha256());

    // restore after delete: re-imported under the saved nickname with the exact trust string
    NssDatabase.restore(db.dir, deleted.der(), deleted.nickname(), deleted.trust());
    assertThat(db.certutilList()).isEqualTo(original);
    assertThat(trustOf(db.dir, root)).isEqualTo(Trust.TRUSTED);
  }

  private static Trust trustOf(Path dir, Issued cert) throws AnchorwatchException {
    return new NssStore(dir).list().entries().stream()
        .filter(e -> e.cert().sha256().equals(cert.sha256())).findFirst().orElseThrow().trust();
  }

  @Test
  void deleteTakesExactlyTheCertWithThatHashAmongSameNicknameReissues() throws Exception {
    Issued first = TestCerts.root("Reissued Root");
    Issued second = TestCerts.reissue(first);
    NssTestDb db = NssTestDb.create(tmp.resolve("db")).add("same", "C,,", first).add("same", "C,,", second);

    NssDatabase.delete(db.dir, second.sha256().toUpperCase()).orElseThrow();

    assertThat(only(db.dir).cert().sha256()).isEqualTo(first.sha256());
    assertThat(db.certutilList()).containsEntry("same", "C,,");
  }

  @Test
  void distrustTakesExactlyTheCertWithThatHash() throws Exception {
    Issued first = TestCerts.root("Reissued Root");
    Issued second = TestCerts.reissue(first);
    NssTestDb db = NssTestDb.create(tmp.resolve("db")).add("same", "C,,", first).add("same", "C,,", second);

    NssDatabase.distrust(db.dir, first.sha256()).orElseThrow();

    assertThat(trustOf(db.dir, first)).isEqualTo(Trust.DISTRUSTED);
    assertThat(trustOf(db.dir, second)).isEqualTo(Trust.TRUSTED);
  }

  @Test
  void unknownHashIsEmptyAndChangesNothing() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db")).add("a", "C,,", TestCerts.root("Root"));
    String other = TestCerts.root("Not There").sha256();

    assertThat(NssDatabase.distrust(db.dir, other)).isEmpty();
    assertThat(NssDatabase.delete(db.dir, other)).isEmpty();
    assertThat(db.certutilList()).containsExactly(Map.entry("a", "C,,"));
  }

  @Test
  void badHashIsRejectedBeforeNssIsTouched() {
    assertThatThrownBy(() -> NssDatabase.delete(tmp.resolve("whatever"), "abc"))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_HASH));
  }

  @Test
  void restoreWithoutTrustImportsTheCertWithoutTrustWhichNssReadsAsAllZero() throws Exception {
    Issued inter = TestCerts.intermediate("Cached Intermediate", TestCerts.root("Some Root"));
    NssTestDb db = NssTestDb.create(tmp.resolve("db"));

    NssDatabase.restore(db.dir, inter.der(), "cached", null);

    // NSS 3.87 synthesises an all-zero trust when a cert has no trust object
    // (pki3hack.c nssTrust_GetCERTCertTrustForCert), so CERT_GetCertTrust succeeds and the cert
    // reads exactly like one distrusted with ",,". certutil shows ",," for both as well.
    StoreEntry e = only(db.dir);
    assertThat(e.attributes()).containsEntry("nickname", "cached").containsEntry("trust", ",,");
    assertThat(e.trust()).isEqualTo(Trust.DISTRUSTED);
    assertThat(db.certutilList()).containsExactly(Map.entry("cached", ",,"));
  }

  @Test
  void restoreKeepsANonAsciiNickname() throws Exception {
    Issued root = TestCerts.root("Root");
    NssTestDb db = NssTestDb.create(tmp.resolve("db"));

    NssDatabase.restore(db.dir, root.der(), "Zertifikatsstelle für Prüfung – 東京", "C,,");

    assertThat(db.certutilList()).containsExactly(Map.entry("Zertifikatsstelle für Prüfung – 東京", "C,,"));
  }

  @Test
  void restoreRejectsATrustStringNssDoesNotKnow() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db"));
    byte[] der = TestCerts.root("Root").der();

    assertThatThrownBy(() -> NssDatabase.restore(db.dir, der, "x", "C,,Z"))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    assertThat(db.certutilList()).isEmpty();
  }

  @Test
  void restoreRejectsBytesThatAreNoCertificate() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db"));

    assertThatThrownBy(() -> NssDatabase.restore(db.dir, "garbage".getBytes(), "x", "C,,"))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CERTIFICATE));
    assertThat(db.certutilList()).isEmpty();
  }

  @Test
  void writesNeverCreateADatabaseWhereThereIsNone() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));

    assertThatThrownBy(() -> NssDatabase.restore(empty, TestCerts.root("Root").der(), "x", "C,,"))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_NOT_FOUND));
    try (var s = Files.list(empty)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void writesLeaveAnEmptyCert9Alone() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db"));
    Files.write(db.certDb(), new byte[0]);

    assertThatThrownBy(() -> NssDatabase.restore(db.dir, TestCerts.root("Root").der(), "x", "C,,"))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT));
    assertThat(Files.size(db.certDb())).isZero();
  }

  @Test
  void restoreOfACertStillPresentOnlyChangesItsTrust() throws Exception {
    Issued root = TestCerts.root("Root");
    NssTestDb db = NssTestDb.create(tmp.resolve("db")).add("original nick", ",,", root);

    NssDatabase.restore(db.dir, root.der(), "another nick", "C,,");

    assertThat(db.certutilList()).containsExactly(Map.entry("original nick", "C,,"));
  }
}
