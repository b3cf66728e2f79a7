package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.scan.Finding;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every discovered store carries a place in codes (no prose), taken from the layout tables. */
class PlaceTest {
  @TempDir Path root;

  private Path at(String abs) {
    return root.resolve(abs.substring(1));
  }

  private static void nssDir(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("cert9.db"), "");
  }

  @Test
  void homeStoresSayWhichBrowserProfileAndJdk() throws Exception {
    Path alice = at("/home/alice");
    nssDir(alice.resolve(".pki/nssdb"));
    nssDir(alice.resolve("snap/chromium/current/.pki/nssdb"));
    nssDir(alice.resolve(".mozilla/firefox/k3j9x2ab.default-esr"));
    nssDir(alice.resolve(".var/app/org.mozilla.firefox/.mozilla/firefox/zz11yy22.work"));
    nssDir(alice.resolve(".thunderbird/odd-name"));
    DistroLayoutTest.writeKeystore(at("/usr/lib/jvm/java-17-openjdk-amd64/lib/security/cacerts"), "PKCS12", Map.of());
    DistroLayoutTest.writeKeystore(at("/usr/lib/jvm/java-1.8.0-openjdk/jre/lib/security/cacerts"), "PKCS12", Map.of());
    DistroLayoutTest.writeKeystore(alice.resolve(".sdkman/candidates/java/21.0.2-tem/lib/security/cacerts"), "PKCS12", Map.of());

    Map<String, Place> byPath = new ScanService(Blocklist.bundled()).stores(new ScanOptions(true, List.of(), root, null, null, Map.of()))
        .stream().collect(Collectors.toMap(s -> root.relativize(s.path()).toString(), StoreRef::place));

    assertThat(byPath).containsEntry("home/alice/.pki/nssdb", new Place("chrome-user", "chromium", null, null))
        .containsEntry("home/alice/snap/chromium/current/.pki/nssdb", new Place("chrome-user", "snap-chromium", null, null))
        .containsEntry("home/alice/.mozilla/firefox/k3j9x2ab.default-esr", new Place("mozilla-profile", "firefox", "default-esr", null))
        .containsEntry("home/alice/.var/app/org.mozilla.firefox/.mozilla/firefox/zz11yy22.work",
            new Place("mozilla-profile", "flatpak-firefox", "work", null))
        .containsEntry("home/alice/.thunderbird/odd-name", new Place("mozilla-profile", "thunderbird", "odd-name", null))
        .containsEntry("usr/lib/jvm/java-17-openjdk-amd64/lib/security/cacerts", new Place("java", null, null, "17"))
        .containsEntry("usr/lib/jvm/java-1.8.0-openjdk/jre/lib/security/cacerts", new Place("java", null, null, "8"))
        .containsEntry("home/alice/.sdkman/candidates/java/21.0.2-tem/lib/security/cacerts", new Place("java", null, null, "21"));
  }

  @Test
  void systemStoresAreNamedByWhatTheyMeanAndFindingsCarryThePlace() throws Exception {
    Issued local = TestCerts.root("CN=Local Place Anchor");
    Issued shipped = TestCerts.root("CN=Shipped Place CA");
    local.writePem(at("/usr/local/share/ca-certificates/local.crt"));
    shipped.writePem(at("/usr/share/ca-certificates/mozilla/Shipped.crt"));
    Files.createDirectories(at("/etc/ssl/certs"));
    Files.writeString(at("/etc/ca-certificates.conf"), "mozilla/Shipped.crt\n");
    Files.writeString(at("/etc/ssl/certs/ca-certificates.crt"), shipped.pem() + local.pem());
    DistroLayoutTest.writeKeystore(at("/etc/ssl/certs/java/cacerts"), "PKCS12", Map.of("local", local));
    Files.createDirectories(at("/etc/pki/ca-trust/source/blocklist"));
    Path policy = root.resolve("policy.json");
    Files.writeString(policy, "{\"deny\":[{\"name\":\"Shipped Place\",\"spkiSha256\":\"%s\",\"tier\":\"distrusted\"}]}"
        .formatted(org.anchorwatch.certs.CertParser.parseDer(shipped.der()).spkiSha256()));

    ScanResult r = new ScanService(Blocklist.bundled()).scan(new ScanOptions(true, List.of(), root, null, policy, Map.of()));
    Map<String, String> kinds = new ScanService(Blocklist.bundled()).stores(new ScanOptions(true, List.of(), root, null, null, Map.of()))
        .stream().collect(Collectors.toMap(s -> root.relativize(s.path()).toString(), s -> s.place().kind()));
    assertThat(kinds).containsEntry("usr/local/share/ca-certificates", "system-added")
        .containsEntry("usr/share/ca-certificates", "system")
        .containsEntry("etc/ssl/certs/ca-certificates.crt", "system")
        .containsEntry("etc/ssl/certs/java/cacerts", "java")
        .containsEntry("etc/pki/ca-trust/source/blocklist", "distrust-list");
    // the finding for the shipped CA carries its store's place; the wire has no prose for it
    Map<String, Finding> found = r.findings().stream().collect(Collectors.toMap(f -> root.relativize(Path.of(f.store().substring(4))).toString(),
        Function.identity(), (a, b) -> a));
    assertThat(found.get("usr/share/ca-certificates").place()).isEqualTo(new Place("system", null, null, null));
    assertThat(found.get("usr/local/share/ca-certificates").place()).isEqualTo(new Place("system-added", null, null, null));
  }

  @Test
  void explicitStoresArePlainFilesUnlessTheirPathIsABrowsersOrAJdks() throws Exception {
    StoreRef ref = new StoreRef(StoreType.PEM, Path.of("/tmp/x.pem"), Role.ADDED, "explicit pem store", PemRules.DEFAULT, true);
    assertThat(ref.place()).isEqualTo(new Place("file", null, null, null));
    assertThat(org.anchorwatch.scan.ScanOptions.parseStore("pem:/tmp/x.pem").place().kind()).isEqualTo("file");
    assertThat(org.anchorwatch.scan.ScanOptions.parseStore("nss:/home/u/.pki/nssdb").place())
        .isEqualTo(new Place("chrome-user", "chromium", null, null));
    assertThat(org.anchorwatch.scan.ScanOptions.parseStore("nss:/home/u/.mozilla/firefox/ab12cd34.default").place())
        .isEqualTo(new Place("mozilla-profile", "firefox", "default", null));
    assertThat(org.anchorwatch.scan.ScanOptions.parseStore("nss:/srv/some/db").place().kind()).isEqualTo("file");
    assertThat(org.anchorwatch.scan.ScanOptions.parseStore("keystore:/opt/jdk-21.0.1/lib/security/cacerts").place())
        .isEqualTo(new Place("java", null, null, "21"));
  }

  @Test
  void aPlanStepWithItsPlaceSurvivesTheJournalRoundTrip() throws Exception {
    // the elevated half and doctor read plans back from JSON: the place must come back too
    org.anchorwatch.cleanup.Step step = new org.anchorwatch.cleanup.Step(0, "nss:/h/.pki/nssdb", "nss", "Chrome/Chromium NSS database",
        "added", "/h/.pki/nssdb#x", "ab", "delete", false, "the certificate", List.of(), null, List.of(), Map.of("nickname", "x"),
        Place.chromeUser("chromium"));
    byte[] json = org.anchorwatch.config.Json.MAPPER.writeValueAsBytes(step);
    assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).contains("\"place\":{\"kind\":\"chrome-user\"");
    assertThat(org.anchorwatch.config.Json.MAPPER.readValue(json, org.anchorwatch.cleanup.Step.class)).isEqualTo(step);
    // a plan written before places existed reads back with no place
    String old = new String(json, java.nio.charset.StandardCharsets.UTF_8).replaceAll(",\"place\":\\{[^}]*\\}", "");
    assertThat(org.anchorwatch.config.Json.MAPPER.readValue(old, org.anchorwatch.cleanup.Step.class).place()).isNull();
  }
}
