package org.anchorwatch.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;

class BlocklistTest {
  private final Blocklist bundled = Blocklist.bundled();

  @Test
  void bundlesEveryResearchRowWithItsKeys() {
    List<BlocklistEntry> e = bundled.entries();
    assertThat(e).hasSize(120);
    assertThat(e).extracting(BlocklistEntry::id).doesNotHaveDuplicates();
    assertThat(e.stream().filter(x -> x.spkiSha256() != null)).hasSize(119);
    // StartCom's two roots c766a9be and e17890ee share one key; so do Comodo 2011's leaves for
    // login.yahoo.com (3) and for mail/www.google.com (2)
    assertThat(e.stream().map(BlocklistEntry::spkiSha256).filter(java.util.Objects::nonNull).distinct()).hasSize(111);
    assertThat(e.stream().filter(x -> x.sha256() != null)).hasSize(115);
    assertThat(e).allSatisfy(x -> {
      if (x.spkiSha256() != null) assertThat(x.spkiSha256()).matches("[0-9a-f]{64}");
      if (x.sha256() != null) assertThat(x.sha256()).matches("[0-9a-f]{64}");
      if (x.sha1() != null) assertThat(x.sha1()).matches("[0-9a-f]{40}");
      assertThat(x.name()).isNotBlank();
      assertThat(x.references()).isNotEmpty();
    });
    // the 2015 Kazakhstan root has no known hash: kept for the record, never matched by key
    assertThat(e).filteredOn(x -> x.id().equals("kz-2015-root-negizgi-kualandyrushy-ortalyk"))
        .singleElement().satisfies(x -> assertThat(x.hasKey()).isFalse());
  }

  @Test
  void tiersFollowTheSeverityModel() {
    Map<String, Tier> tier = bundled.entries().stream().collect(Collectors.toMap(BlocklistEntry::id, BlocklistEntry::tier));
    assertThat(tier.get("kz-2019-qaznet-trust-network")).isEqualTo(Tier.INTERCEPTION);
    assertThat(tier.get("kz-2024-isca-r2050-0616")).isEqualTo(Tier.INTERCEPTION);
    assertThat(tier.get("superfish")).isEqualTo(Tier.INTERCEPTION);
    assertThat(tier.get("dell-edellroot")).isEqualTo(Tier.INTERCEPTION);
    assertThat(tier.get("trustwave-mitm-subca-key")).isEqualTo(Tier.INTERCEPTION);
    assertThat(tier.get("cnnic-mcsholding-test-subca")).isEqualTo(Tier.INTERCEPTION);
    assertThat(tier.get("trustcor-eca-1")).isEqualTo(Tier.DISTRUSTED);
    assertThat(tier.get("diginotar-0d136e43")).isEqualTo(Tier.DISTRUSTED);
    assertThat(tier.get("badssl-blocked-interception")).isEqualTo(Tier.TEST);
    assertThat(Tier.INTERCEPTION.compareTo(Tier.DISTRUSTED)).isNegative();
    assertThat(Tier.DISTRUSTED.compareTo(Tier.TEST)).isNegative();
    assertThat(bundled.entries()).filteredOn(x -> x.tier() == Tier.INTERCEPTION)
        .allSatisfy(x -> assertThat(x.severity()).isEqualTo("critical"));
  }

  @Test
  void chromiumGroupsAreCoveredWithTheirSourcesInTheRightTier() {
    Map<String, List<BlocklistEntry>> byGroup = bundled.entries().stream()
        .collect(Collectors.groupingBy(x -> x.id().replaceAll("-[0-9a-f]{8}$", "")));
    assertThat(byGroup.get("camerfirma")).hasSize(6).allSatisfy(x -> assertThat(x.tier()).isEqualTo(Tier.DISTRUSTED));
    assertThat(byGroup.get("wosign-startcom")).hasSize(8).allSatisfy(x -> assertThat(x.tier()).isEqualTo(Tier.DISTRUSTED));
    assertThat(byGroup.get("wosign-leaf")).hasSize(2).allSatisfy(x -> assertThat(x.tier()).isEqualTo(Tier.LEAF));
    assertThat(byGroup.get("turktrust-ego")).singleElement().satisfies(x -> {
      assertThat(x.tier()).isEqualTo(Tier.INTERCEPTION);
      assertThat(x.subject()).isEqualTo("*.EGO.GOV.TR");
    });
    for (String retired : List.of("retired-digicert", "retired-symantec", "retired-secom", "retired-t-systems", "retired-jcsi")) {
      assertThat(byGroup.get(retired)).as(retired).isNotEmpty().allSatisfy(x -> assertThat(x.tier()).isEqualTo(Tier.DISTRUSTED));
    }
    // every Chromium-sourced entry names the PEM its hashes were recomputed from, and the file name is the certificate hash
    assertThat(bundled.entries()).filteredOn(x -> x.id().matches("(camerfirma|wosign|turktrust|retired)-.*")).hasSize(26)
        .allSatisfy(x -> assertThat(x.references()).contains("chromium/chromium net/data/ssl/blocklist/" + x.sha256() + ".pem"));
    // Chromium lists this KZ key only as known interception, not in kSPKIBlockList
    BlocklistEntry kz0704 = bundled.entries().stream().filter(x -> x.id().equals("kz-isca-r2050-0704")).findFirst().orElseThrow();
    assertThat(kz0704.references()).doesNotContain("chromium kSPKIBlockList").contains("chromium kKnownInterceptionList");
  }

  @Test
  void sunsetEntriesNeverBlockAndLeavesNeverAlert() {
    assertThat(bundled.entries()).filteredOn(x -> x.tier() == Tier.SUNSET).hasSize(15)
        .allSatisfy(x -> assertThat(x.category()).isEqualTo("sunset-ca"))
        .extracting(BlocklistEntry::subject)
        .contains("Entrust Root Certification Authority - G2", "AffirmTrust Commercial", "ePKI Root Certification Authority",
            "HiPKI Root CA - G1", "E-Tugra Global Root CA RSA v3");
    assertThat(Tier.SUNSET.blocks()).isFalse();
    assertThat(Tier.LEAF.blocks()).isTrue();
    assertThat(Tier.DISTRUSTED.compareTo(Tier.LEAF)).isNegative();
  }

  @Test
  void matchesBySpkiFirstThenCertificateHash() {
    String qaznetSpki = "b5ba8dd7f89564c2889d3d6453c84998c77824919b64ea0835aa62986591be50";
    assertThat(bundled.match(qaznetSpki, null)).get().extracting(BlocklistEntry::id).isEqualTo("kz-2019-qaznet-trust-network");
    assertThat(bundled.match(null, "00309c736dd661da6f1eb24173aa849944c168a43a15bffd192eecfdb6f8dbd2"))
        .get().extracting(BlocklistEntry::id).isEqualTo("kz-2019-qaznet-trust-network");
    // DigiNotar: three certificates share one key; the exact certificate wins when known
    BlocklistEntry shared = bundled.entries().stream().filter(x -> x.id().equals("diginotar-8a1bd216")).findFirst().orElseThrow();
    assertThat(bundled.match(shared.spkiSha256(), shared.sha256())).get().extracting(BlocklistEntry::id).isEqualTo("diginotar-8a1bd216");
    assertThat(bundled.match(shared.spkiSha256(), "00".repeat(32))).get().extracting(BlocklistEntry::spkiSha256).isEqualTo(shared.spkiSha256());
    assertThat(bundled.match("00".repeat(32), "11".repeat(32))).isEmpty();
    assertThat(bundled.match(null, null)).isEmpty();
  }

  @Test
  void reissuedCertificateWithABlockedKeyIsFlaggedAndANameImitationIsNot() throws Exception {
    java.security.KeyPair key = TestCerts.rsa();
    CertInfo original = CertParser.parseDer(TestCerts.root("CN=Information Security Certification Authority,C=KZ", key).der());
    CertInfo reissued = CertParser.parseDer(TestCerts.root("CN=Totally New Name,O=Reissued", key).der());
    CertInfo imitation = CertParser.parseDer(TestCerts.root("CN=Information Security Certification Authority,C=KZ").der());
    assertThat(reissued.sha256()).isNotEqualTo(original.sha256());
    assertThat(reissued.spkiSha256()).isEqualTo(original.spkiSha256());
    Policy deny = new Policy(List.of(new BlocklistEntry("test-kz", "Test KZ root", null, null, null, null,
        original.spkiSha256(), null, null, "government-mitm", Tier.INTERCEPTION, List.of(), null, BlocklistEntry.Source.POLICY)),
        java.util.Set.of(), java.util.Set.of(), List.of());
    Judge judge = new Judge(bundled, deny);
    assertThat(judge.match(original)).isPresent();
    assertThat(judge.match(reissued)).get().extracting(BlocklistEntry::id).isEqualTo("test-kz");
    assertThat(judge.match(imitation)).isEmpty();
  }
}
