package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.scan.Finding;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.StoreReport;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real directory layouts of each distro under a temp --root, scanned through the product's discovery. */
class DistroLayoutTest {
  @TempDir Path root;

  private final Issued evilShipped = TestCerts.root("CN=Evil Shipped CA");
  private final Issued evilDeselected = TestCerts.root("CN=Evil Deselected CA");
  private final Issued goodShipped = TestCerts.root("CN=Good Shipped CA");
  private final Issued localAnchor = TestCerts.root("CN=Local Admin Anchor");

  private ScanResult scan() throws Exception {
    Path policy = root.resolve("policy.json");
    Files.writeString(policy, """
        {"deny":[{"name":"Evil Shipped","spkiSha256":"%s","tier":"distrusted"},
                 {"name":"Evil Deselected","spkiSha256":"%s"}]}"""
        .formatted(spki(evilShipped), spki(evilDeselected)));
    return new ScanService(Blocklist.bundled()).scan(new ScanOptions(true, List.of(), root, null, policy, Map.of()));
  }

  private static String spki(Issued i) throws Exception {
    return org.anchorwatch.certs.CertParser.parseDer(i.der()).spkiSha256();
  }

  private Path at(String abs) {
    return root.resolve(abs.substring(1));
  }

  @Test
  void debianLayout() throws Exception {
    evilShipped.writePem(at("/usr/share/ca-certificates/mozilla/Evil_Shipped.crt"));
    evilDeselected.writePem(at("/usr/share/ca-certificates/mozilla/Evil_Deselected.crt"));
    goodShipped.writePem(at("/usr/share/ca-certificates/mozilla/Good.crt"));
    Files.createDirectories(at("/etc"));
    Files.writeString(at("/etc/ca-certificates.conf"),
        "# comment\nmozilla/Evil_Shipped.crt\n!mozilla/Evil_Deselected.crt\nmozilla/Good.crt\n");
    localAnchor.writePem(at("/usr/local/share/ca-certificates/corp/local.crt"));
    TestCerts.root("CN=Wrong Suffix").writePem(at("/usr/local/share/ca-certificates/ignored.pem"));
    Files.createDirectories(at("/etc/ssl/certs"));
    Files.writeString(at("/etc/ssl/certs/ca-certificates.crt"), evilShipped.pem() + goodShipped.pem() + localAnchor.pem());
    Files.createSymbolicLink(at("/etc/ssl/certs/abcd1234.0"), at("/usr/share/ca-certificates/mozilla/Good.crt"));
    Issued dropped = TestCerts.root("CN=Dropped In Hash Dir");
    dropped.writePem(at("/etc/ssl/certs/dropped.pem"));
    Issued javaOnly = TestCerts.root("CN=Only In Java");
    Path cacerts = at("/etc/ssl/certs/java/cacerts");
    writeKeystore(cacerts, "JKS", Map.of("debian:good.pem", goodShipped, "debian:evil.pem", evilShipped, "javaonly", javaOnly));
    Files.createDirectories(at("/usr/lib/jvm/java-17/lib/security"));
    Files.createSymbolicLink(at("/usr/lib/jvm/java-17/lib/security/cacerts"), cacerts);

    ScanResult r = scan();

    assertThat(r.stores()).extracting(StoreReport::role, StoreReport::location).contains(
        org.assertj.core.groups.Tuple.tuple("added", at("/usr/local/share/ca-certificates").toString()),
        org.assertj.core.groups.Tuple.tuple("distro", at("/usr/share/ca-certificates").toString()),
        org.assertj.core.groups.Tuple.tuple("extracted", at("/etc/ssl/certs/ca-certificates.crt").toString()),
        org.assertj.core.groups.Tuple.tuple("extracted", cacerts.toString()));
    // the JDK's symlinked cacerts is the distro's: listed once
    assertThat(r.stores()).filteredOn(s -> s.type().equals("keystore")).hasSize(1);
    assertThat(r.stores()).allSatisfy(s -> assertThat(s.error()).isNull());

    assertThat(blocked(r, "Evil Shipped")).extracting(Finding::location).containsExactlyInAnyOrder(
        at("/usr/share/ca-certificates/mozilla/Evil_Shipped.crt").toString(),
        at("/etc/ssl/certs/ca-certificates.crt") + "#1",
        cacerts + "#debian:evil.pem");
    assertThat(r.summary().distrusted()).containsExactly("Evil Shipped");
    // deselected with "!" in ca-certificates.conf: neutralised, no finding
    assertThat(blocked(r, "Evil Deselected")).isEmpty();

    assertThat(notices(r)).extracting(Finding::subject, Finding::location).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("CN=Local Admin Anchor", at("/usr/local/share/ca-certificates/corp/local.crt").toString()),
        org.assertj.core.groups.Tuple.tuple("CN=Dropped In Hash Dir", at("/etc/ssl/certs/dropped.pem").toString()),
        org.assertj.core.groups.Tuple.tuple("CN=Only In Java", cacerts + "#javaonly"));
    assertThat(notices(r)).filteredOn(f -> f.subject().equals("CN=Local Admin Anchor")).singleElement()
        .satisfies(f -> assertThat(f.installedAt()).isNotNull());
    assertThat(r.anyBlocked()).isTrue();
  }

  @Test
  void fedoraLayoutWithP11KitDistrustAndBlocklistDir() throws Exception {
    Issued distrustedInBundle = evilDeselected;
    String p11 = "[p11-kit-object-v1]\nlabel: \"Good\"\ntrusted: true\n" + goodShipped.pem()
        + "\n[p11-kit-object-v1]\nlabel: \"Evil\"\nx-distrusted: true\n" + distrustedInBundle.pem()
        + "\n[p11-kit-object-v1]\nlabel: \"Evil2\"\ntrusted: true\n" + evilShipped.pem();
    Files.createDirectories(at("/usr/share/pki/ca-trust-source"));
    Files.writeString(at("/usr/share/pki/ca-trust-source/ca-bundle.trust.p11-kit"), p11);
    localAnchor.writePem(at("/etc/pki/ca-trust/source/anchors/local.pem"));
    // the admin neutralised the shipped evil CA through the blocklist dir
    evilShipped.writeDer(at("/etc/pki/ca-trust/source/blocklist/evil.der"));
    Files.createDirectories(at("/etc/pki/ca-trust/extracted/pem"));
    Files.writeString(at("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"), goodShipped.pem() + localAnchor.pem());
    Files.createDirectories(at("/etc/pki/tls/certs"));
    Files.createSymbolicLink(at("/etc/pki/tls/certs/ca-bundle.crt"), at("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"));

    ScanResult r = scan();

    assertThat(r.stores()).extracting(StoreReport::role).contains("distro", "added", "blocklist_dir", "extracted");
    assertThat(r.stores()).filteredOn(s -> s.location().endsWith("ca-bundle.crt")).isEmpty(); // symlink to the same bundle
    assertThat(blocked(r, "Evil Shipped")).isEmpty();
    assertThat(blocked(r, "Evil Deselected")).isEmpty();
    assertThat(notices(r)).extracting(Finding::location)
        .containsExactly(at("/etc/pki/ca-trust/source/anchors/local.pem").toString());
  }

  @Test
  void archAndSuseAnchorsAreNotices() throws Exception {
    Issued arch = TestCerts.root("CN=Arch Anchor");
    Issued suse = TestCerts.root("CN=Suse Anchor");
    arch.writePem(at("/etc/ca-certificates/trust-source/anchors/a.crt"));
    suse.writePem(at("/etc/pki/trust/anchors/s.pem"));
    evilShipped.writePem(at("/usr/share/pki/trust/anchors/evil.pem"));
    ScanResult r = scan();
    assertThat(notices(r)).extracting(Finding::subject).containsExactlyInAnyOrder("CN=Arch Anchor", "CN=Suse Anchor");
    assertThat(blocked(r, "Evil Shipped")).singleElement().satisfies(f -> assertThat(f.storeLabel()).contains("openSUSE"));
  }

  @Test
  void homesUnderTheRootAreSearchedForMozillaProfilesAndUserJdks() throws Exception {
    Path alice = at("/home/alice");
    Files.createDirectories(alice.resolve(".mozilla/firefox/abc.default-esr"));
    Files.writeString(alice.resolve(".mozilla/firefox/abc.default-esr/cert9.db"), "");
    Files.createDirectories(alice.resolve("elsewhere/xyz.work"));
    Files.writeString(alice.resolve("elsewhere/xyz.work/cert9.db"), "");
    Files.writeString(alice.resolve(".mozilla/firefox/profiles.ini"),
        "[Profile0]\nName=default\nIsRelative=1\nPath=abc.default-esr\n\n[Profile1]\nIsRelative=0\nPath=/home/alice/elsewhere/xyz.work\n");
    Files.createDirectories(alice.resolve(".config/mozilla/firefox/new.default-release"));
    Files.writeString(alice.resolve(".config/mozilla/firefox/new.default-release/cert9.db"), "");
    Files.createDirectories(alice.resolve(".pki/nssdb"));
    Files.writeString(alice.resolve(".pki/nssdb/cert9.db"), "");
    Path jdk = alice.resolve(".sdkman/candidates/java/21-tem/lib/security");
    writeKeystore(jdk.resolve("cacerts"), "PKCS12", Map.of("local", localAnchor));

    List<StoreRef> refs = new ScanService(Blocklist.bundled()).stores(new ScanOptions(true, List.of(), root, null, null, Map.of()));
    assertThat(refs).filteredOn(s -> s.type() == StoreType.NSS).extracting(s -> s.path().toString()).containsExactlyInAnyOrder(
        alice.resolve(".pki/nssdb").toString(),
        alice.resolve(".mozilla/firefox/abc.default-esr").toString(),
        alice.resolve("elsewhere/xyz.work").toString(),
        alice.resolve(".config/mozilla/firefox/new.default-release").toString());
    assertThat(refs).filteredOn(s -> s.type() == StoreType.KEYSTORE).singleElement()
        .satisfies(s -> assertThat(s.role()).isEqualTo(Role.JDK));
  }

  @Test
  void firefoxEnterprisePolicyInstalledRootsAreStoresOfTheirOwn() throws Exception {
    Issued corp = TestCerts.root("Policy Installed Proxy Root");
    Issued bare = TestCerts.root("Policy Bare Name Root");
    corp.writePem(at("/opt/corp/proxy.pem"));
    bare.writePem(at("/usr/lib/mozilla/certificates/bare.crt"));
    Files.createDirectories(at("/etc/firefox/policies"));
    Files.writeString(at("/etc/firefox/policies/policies.json"),
        "{\"policies\":{\"Certificates\":{\"Install\":[\"/opt/corp/proxy.pem\",\"bare.crt\",\"/missing.pem\"]}}}");
    Files.createDirectories(at("/usr/lib/firefox-esr/distribution"));
    Files.writeString(at("/usr/lib/firefox-esr/distribution/policies.json"), "{ not json");
    ScanResult r = scan();
    assertThat(r.stores()).filteredOn(s -> s.role().equals("policy")).extracting(StoreReport::location)
        .containsExactlyInAnyOrder(at("/opt/corp/proxy.pem").toString(), at("/usr/lib/mozilla/certificates/bare.crt").toString());
    assertThat(r.stores()).filteredOn(s -> s.role().equals("policy"))
        .allSatisfy(s -> assertThat(s.label()).isEqualTo("Firefox enterprise policy " + at("/etc/firefox/policies/policies.json")));
    assertThat(notices(r)).extracting(Finding::subject).contains(corp.subject(), bare.subject());
  }

  @Test
  void anEmptyRootHasNoStoresAndNoFindings() throws Exception {
    ScanResult r = scan();
    assertThat(r.stores()).isEmpty();
    assertThat(r.findings()).isEmpty();
    assertThat(r.anyBlocked()).isFalse();
  }

  private static List<Finding> blocked(ScanResult r, String name) {
    return r.findings().stream().filter(f -> f.entry() != null && f.entry().name().equals(name)).toList();
  }

  private static List<Finding> notices(ScanResult r) {
    return r.findings().stream().filter(f -> f.level().equals("notice")).toList();
  }

  static void writeKeystore(Path file, String type, Map<String, Issued> entries) throws Exception {
    KeyStore ks = KeyStore.getInstance(type);
    ks.load(null, null);
    java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
    for (Map.Entry<String, Issued> e : entries.entrySet()) {
      ks.setCertificateEntry(e.getKey(), cf.generateCertificate(new java.io.ByteArrayInputStream(e.getValue().der())));
    }
    Files.createDirectories(file.getParent());
    try (var out = Files.newOutputStream(file)) {
      ks.store(out, "changeit".toCharArray());
    }
  }
}
