package org.anchorwatch.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.junit.jupiter.api.Test;

/**
 * The leaked and misissued site certificates Chromium blocks (net/data/ssl/blocklist): every group
 * is bundled in the LEAF tier, cites its PEM, and its hashes are recomputed here from a copy of
 * that PEM (test resources), whose file name must equal the certificate hash as in Chromium.
 */
class ChromiumLeafGroupsTest {
  private static final String LEAF_IDS = "(comodo2011-leaf|misissued-leaf|leaked-leaf|revoked-test)-[0-9a-f]{8}";
  private final List<BlocklistEntry> leaves = Blocklist.bundled().entries().stream()
      .filter(e -> e.id().matches(LEAF_IDS)).toList();

  @Test
  void everyChromiumLeafGroupIsBundledInTheLeafTier() {
    Map<String, List<String>> subjectsByGroup = leaves.stream().collect(Collectors.groupingBy(
        e -> e.id().replaceAll("-[0-9a-f]{8}$", ""), Collectors.mapping(BlocklistEntry::subject, Collectors.toList())));
    // Comodo 2011: nine certificates from the compromised registration authority
    assertThat(subjectsByGroup.get("comodo2011-leaf")).hasSize(9)
        .contains("login.live.com", "mail.google.com", "www.google.com", "login.skype.com", "addons.mozilla.org", "global trustee");
    // .bd, Togo (9), Sri Lanka, Thawte, live.fi, xs4all.nl, E-GUVEN
    assertThat(subjectsByGroup.get("misissued-leaf")).hasSize(15)
        .contains("google.com.bd", "google.tg", "youtube.tg", "google.lk", "www.google.com", "www.live.fi", "xs4all.nl", "ogr.rize.edu.tr");
    // sslip.io, Dynamics 365 (2), cloudflarechallenge
    assertThat(subjectsByGroup.get("leaked-leaf")).containsExactlyInAnyOrder(
        "*.sslip.io", "*.sandbox.operations.dynamics.com", "*.operations.dynamics.com", "cloudflarechallenge.com");
    assertThat(subjectsByGroup.get("revoked-test")).containsExactly("revoked.grc.com");
    assertThat(leaves).hasSize(29).allSatisfy(e -> {
      assertThat(e.tier()).isEqualTo(Tier.LEAF);
      assertThat(e.severity()).isEqualTo("low");
      assertThat(e.references()).contains("chromium/chromium net/data/ssl/blocklist/" + e.sha256() + ".pem");
      assertThat(e.references()).anyMatch(r -> r.startsWith("chromium/chromium net/data/ssl/blocklist/README.md @"));
    });
  }

  @Test
  void hashesAreRecomputedFromChromiumsPems() throws Exception {
    for (BlocklistEntry e : leaves) {
      CertInfo cert;
      try (InputStream in = getClass().getResourceAsStream("chromium/" + e.sha256() + ".pem")) {
        assertThat(in).as("PEM copy for %s", e.id()).isNotNull();
        List<CertInfo> parsed = CertParser.parseAny(in.readAllBytes());
        assertThat(parsed).as(e.id()).hasSize(1);
        cert = parsed.get(0);
      }
      assertThat(cert.sha256()).as("file name is the certificate hash: %s", e.id()).isEqualTo(e.sha256());
      assertThat(cert.spkiSha256()).as(e.id()).isEqualTo(e.spkiSha256());
      assertThat(cert.sha1()).as(e.id()).isEqualTo(e.sha1());
      assertThat(cert.ca()).as("a site certificate, not a CA: %s", e.id()).isFalse();
    }
  }

  @Test
  void onlyKeysSeenInTheStoredKspkiBlockListSayTheyAreInIt() {
    // google.lk was added to Chromium's directory after the kSPKIBlockList snapshot we cite
    BlocklistEntry lk = leaves.stream().filter(e -> e.subject().equals("google.lk")).findFirst().orElseThrow();
    assertThat(lk.references()).doesNotContain("chromium kSPKIBlockList");
    assertThat(leaves).filteredOn(e -> e != lk).allSatisfy(e -> assertThat(e.references()).contains("chromium kSPKIBlockList"));
  }

  @Test
  void aLeafMatchBlocksByKeyLikeChromium() {
    // three Comodo 2011 certificates for login.yahoo.com share one key: any of them, or a new one with that key, matches
    List<BlocklistEntry> yahoo = leaves.stream().filter(e -> e.subject().equals("login.yahoo.com")).toList();
    assertThat(yahoo).hasSize(3).extracting(BlocklistEntry::spkiSha256).containsOnly(yahoo.get(0).spkiSha256());
    assertThat(Blocklist.bundled().match(yahoo.get(0).spkiSha256(), "00".repeat(32)))
        .get().satisfies(m -> assertThat(m.tier()).isEqualTo(Tier.LEAF));
  }
}
