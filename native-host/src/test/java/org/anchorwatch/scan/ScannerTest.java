package org.anchorwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.BlocklistEntry;
import org.anchorwatch.blocklist.Judge;
import org.anchorwatch.blocklist.Policy;
import org.anchorwatch.blocklist.Tier;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.StoreOpener;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.TrustStore;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
  @TempDir Path dir;

  @Test
  void oneFailingStoreNeverHidesTheOthers() throws Exception {
    TestCerts.Issued evil = TestCerts.root("CN=Planted Interception Root");
    Path good = evil.writePem(dir.resolve("good/evil.pem"));
    StoreRef okRef = ScanOptions.parseStore("pem:" + good.getParent());
    StoreRef lockedRef = ScanOptions.parseStore("nss:" + dir.resolve("locked"));
    StoreRef crashRef = ScanOptions.parseStore("keystore:" + dir.resolve("crash.jks"));
    StoreRef missingRef = ScanOptions.parseStore("pem:" + dir.resolve("missing"));
    // fault injection: the native layer reports a lock, another store blows up with a bug
    TrustStore locked = mock(TrustStore.class);
    when(locked.list()).thenThrow(new AnchorwatchException(ErrorCode.STORE_LOCKED, "database is locked"));
    TrustStore crashing = mock(TrustStore.class);
    when(crashing.list()).thenThrow(new IllegalStateException("boom"));

    Judge judge = judgeDenying(evil, Tier.INTERCEPTION);
    ScanResult r = new Scanner(judge, ref -> ref == lockedRef ? locked : ref == crashRef ? crashing : StoreOpener.open(ref))
        .scan(List.of(lockedRef, crashRef, missingRef, okRef), List.of());

    assertThat(r.stores()).extracting(s -> s.error() == null ? "ok" : s.error().code())
        .containsExactly("STORE_LOCKED", "INTERNAL", "STORE_NOT_FOUND", "ok");
    assertThat(r.summary().storesWithErrors()).isEqualTo(3);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.level()).isEqualTo("blocked");
      assertThat(f.entry().name()).isEqualTo("Planted");
    });
    assertThat(r.summary().interception()).containsExactly("Planted");
  }

  @Test
  void badFilesInsideADirectoryAreWarningsAndACorruptSingleFileIsAnError() throws Exception {
    TestCerts.root("CN=Fine").writePem(dir.resolve("d/fine.pem"));
    java.nio.file.Files.writeString(dir.resolve("d/broken.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    java.nio.file.Files.write(dir.resolve("single.der"), new byte[] {1, 2, 3});
    ScanResult r = new Scanner(new Judge(Blocklist.bundled(), Policy.EMPTY)).scan(List.of(
        ScanOptions.parseStore("pem:" + dir.resolve("d")), ScanOptions.parseStore("pem:" + dir.resolve("single.der"))), List.of());
    assertThat(r.stores().get(0).certificates()).isEqualTo(1);
    assertThat(r.stores().get(0).warnings()).singleElement().asString().contains("broken.crt");
    assertThat(r.stores().get(1).error().code()).isEqualTo("STORE_CORRUPT");
    assertThat(r.findings()).extracting(Finding::subject).containsExactly("CN=Fine"); // explicit stores: notice
  }

  @Test
  void allowedRootsRaiseNoNotice() throws Exception {
    TestCerts.Issued corp = TestCerts.root("CN=Corp Proxy Root");
    corp.writePem(dir.resolve("c/corp.pem"));
    String spki = CertParser.parseDer(corp.der()).spkiSha256();
    Judge judge = new Judge(Blocklist.bundled(), new Policy(List.of(), Set.of(spki), Set.of(), List.of()));
    ScanResult r = new Scanner(judge).scan(List.of(ScanOptions.parseStore("pem:" + dir.resolve("c"))), List.of());
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void aSunsetRootShippedByTheOsIsInformationAndAddedLocallyIsANotice() throws Exception {
    TestCerts.Issued phasedOut = TestCerts.root("CN=Phased Out Root");
    phasedOut.writePem(dir.resolve("distro/phased.crt"));
    phasedOut.writePem(dir.resolve("local/phased.crt"));
    Judge judge = judgeDenying(phasedOut, Tier.SUNSET);
    StoreRef distro = pemStore("distro", org.anchorwatch.stores.Role.DISTRO, "shipped");
    StoreRef local = pemStore("local", org.anchorwatch.stores.Role.ADDED, "local anchors");
    ScanResult shipped = new Scanner(judge).scan(List.of(distro), List.of());
    assertThat(shipped.findings()).singleElement().satisfies(f -> {
      assertThat(f.level()).isEqualTo("info");
      assertThat(f.entry().tier()).isEqualTo("sunset");
    });
    assertThat(shipped.anyBlocked()).isFalse();
    assertThat(shipped.summary().interception()).isEmpty();
    assertThat(shipped.summary().notice()).isZero();

    ScanResult added = new Scanner(judge).scan(List.of(distro, local), List.of());
    assertThat(added.findings()).extracting(Finding::level).containsExactlyInAnyOrder("info", "notice");
    assertThat(added.anyBlocked()).isFalse();
  }

  @Test
  void aLeakedLeafKeyIsBlockedWithoutTheMachineWideAlert() throws Exception {
    TestCerts.Issued leaf = TestCerts.root("CN=leaked.example");
    leaf.writePem(dir.resolve("s/leaf.pem"));
    ScanResult r = new Scanner(judgeDenying(leaf, Tier.LEAF)).scan(List.of(ScanOptions.parseStore("pem:" + dir.resolve("s"))), List.of());
    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.level()).isEqualTo("blocked"));
    assertThat(r.anyBlocked()).isTrue();
    assertThat(r.summary().interception()).isEmpty();
    assertThat(r.summary().distrusted()).isEmpty();
  }

  @Test
  void theSummaryCountsCertificatesBlockedAndNoticesAcrossStores() throws Exception {
    TestCerts.Issued shipped = TestCerts.root("CN=Shipped Benign Root");
    TestCerts.Issued mitm = TestCerts.root("CN=Shipped Interception Root");
    TestCerts.Issued added = TestCerts.root("CN=Added Unknown Root");
    TestCerts.Issued revoked = TestCerts.root("CN=Added Distrusted CA");
    shipped.writePem(dir.resolve("distro/shipped.crt"));
    mitm.writePem(dir.resolve("distro/mitm.crt"));
    added.writePem(dir.resolve("local/added.crt"));
    revoked.writePem(dir.resolve("local/revoked.crt"));
    Judge judge = new Judge(Blocklist.bundled(), new Policy(List.of(deny(mitm, "Test MITM", Tier.INTERCEPTION),
        deny(revoked, "Test Distrusted CA", Tier.DISTRUSTED)), Set.of(), Set.of(), List.of()));
    StoreRef distro = pemStore("distro", org.anchorwatch.stores.Role.DISTRO, "shipped");
    StoreRef local = pemStore("local", org.anchorwatch.stores.Role.ADDED, "local anchors");
    StoreRef missing = ScanOptions.parseStore("pem:" + dir.resolve("missing"));

    ScanResult r = new Scanner(judge).scan(List.of(distro, local, missing), List.of("policy.json: broken"));

    assertThat(r.findings()).extracting(Finding::subject, Finding::level).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(mitm.subject(), "blocked"),
        org.assertj.core.groups.Tuple.tuple(revoked.subject(), "blocked"),
        org.assertj.core.groups.Tuple.tuple(added.subject(), "notice"));
    Summary sum = r.summary();
    assertThat(sum.stores()).isEqualTo(3);
    assertThat(sum.storesWithErrors()).isEqualTo(1);
    assertThat(sum.certificates()).isEqualTo(4);
    assertThat(sum.blocked()).isEqualTo(2);
    assertThat(sum.notice()).isEqualTo(1);
    assertThat(sum.interception()).containsExactly("Test MITM");
    assertThat(sum.distrusted()).containsExactly("Test Distrusted CA");
    assertThat(sum.policyErrors()).containsExactly("policy.json: broken");
    assertThat(sum.blocklistVersion()).isEqualTo(Blocklist.bundled().version());
    assertThat(sum.blocklistSequence()).isEqualTo(Blocklist.bundled().sequence());
    assertThat(r.stores()).extracting(StoreReport::certificates).containsExactly(2, 2, 0);
    assertThat(r.stores()).extracting(StoreReport::role).containsExactly("distro", "added", "added");
    // every certificate is indexed for checkChain, the distro ones marked as such
    assertThat(r.index().isDistro(CertParser.parseDer(shipped.der()).sha256())).isTrue();
    assertThat(r.index().isDistro(CertParser.parseDer(added.der()).sha256())).isFalse();
    assertThat(r.index().bySha256(CertParser.parseDer(added.der()).sha256())).singleElement()
        .satisfies(i -> assertThat(i.trust()).isEqualTo("trusted"));
  }

  @Test
  void anOperatorsNameOnANewKeyIsSuspectedOutsideTheDistroOnly() throws Exception {
    TestCerts.Issued rekeyed = TestCerts.root("CN=Qaznet Trust Network");
    rekeyed.writePem(dir.resolve("added/q.crt"));
    rekeyed.writePem(dir.resolve("distro/q.crt"));
    Judge plain = new Judge(Blocklist.bundled(), Policy.EMPTY);
    StoreRef added = pemStore("added", org.anchorwatch.stores.Role.ADDED, "local anchors");
    StoreRef distro = pemStore("distro", org.anchorwatch.stores.Role.DISTRO, "shipped");

    ScanResult local = new Scanner(plain).scan(List.of(added), List.of());
    assertThat(local.findings()).singleElement().satisfies(f -> assertThat(f.level()).isEqualTo("blocked"));
    assertThat(local.summary().interception()).singleElement().asString().endsWith(" (suspected by name)");
    // a distribution ships what it ships: its copy is judged by key only
    assertThat(new Scanner(plain).scan(List.of(distro), List.of()).findings()).isEmpty();
  }

  @Test
  void aListedRootTheDistroShipsButDoesNotSelectRaisesNothing() throws Exception {
    TestCerts.Issued shipped = TestCerts.root("CN=Shipped Deselected Interception Root");
    shipped.writePem(dir.resolve("share/mozilla/evil.crt"));
    java.nio.file.Path conf = java.nio.file.Files.writeString(dir.resolve("ca-certificates.conf"), "# nothing selected\n");
    StoreRef share = new StoreRef(org.anchorwatch.stores.StoreType.PEM, dir.resolve("share"), org.anchorwatch.stores.Role.DISTRO,
        "shipped", new org.anchorwatch.stores.PemRules(true, true, ".crt", Set.of(), conf), false);
    Judge judge = judgeDenying(shipped, Tier.INTERCEPTION);
    assertThat(new Scanner(judge).scan(List.of(share), List.of()).findings()).isEmpty();

    java.nio.file.Files.writeString(conf, "mozilla/evil.crt\n");
    assertThat(new Scanner(judge).scan(List.of(share), List.of()).findings()).singleElement()
        .satisfies(f -> assertThat(f.level()).isEqualTo("blocked"));
  }

  @Test
  void aJdkRootIsANoticeUnlessTheDistroShipsItToo() throws Exception {
    TestCerts.Issued shared = TestCerts.root("CN=Shipped And In The JDK");
    TestCerts.Issued own = TestCerts.root("CN=Only In The JDK");
    shared.writePem(dir.resolve("distro/shared.crt"));
    shared.writePem(dir.resolve("jdk/shared.crt"));
    own.writePem(dir.resolve("jdk/own.crt"));
    StoreRef distro = pemStore("distro", org.anchorwatch.stores.Role.DISTRO, "shipped");
    StoreRef jdk = pemStore("jdk", org.anchorwatch.stores.Role.JDK, "a JDK's cacerts");
    ScanResult r = new Scanner(new Judge(Blocklist.bundled(), Policy.EMPTY)).scan(List.of(distro, jdk), List.of());
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo(own.subject());
      assertThat(f.level()).isEqualTo("notice");
    });
  }

  static BlocklistEntry deny(TestCerts.Issued cert, String name, Tier tier) throws Exception {
    String spki = CertParser.parseDer(cert.der()).spkiSha256();
    return new BlocklistEntry(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), name, null, null, null, null, spki, null, null,
        "government-mitm", tier, List.of("test"), "denied by a test", BlocklistEntry.Source.POLICY);
  }

  private StoreRef pemStore(String name, org.anchorwatch.stores.Role role, String label) {
    return org.anchorwatch.stores.StoreRef.of(org.anchorwatch.stores.StoreType.PEM, dir.resolve(name), role, label);
  }

  static Judge judgeDenying(TestCerts.Issued cert, Tier tier) throws Exception {
    String spki = CertParser.parseDer(cert.der()).spkiSha256();
    BlocklistEntry e = new BlocklistEntry("planted", "Planted", null, null, null, null, spki, null, null, "government-mitm", tier,
        List.of("test"), "planted by a test", BlocklistEntry.Source.POLICY);
    return new Judge(Blocklist.bundled(), new Policy(List.of(e), Set.of(), Set.of(), List.of()));
  }
}
