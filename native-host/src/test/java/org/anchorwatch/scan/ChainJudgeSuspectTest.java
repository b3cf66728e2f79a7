package org.anchorwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.BlocklistEntry;
import org.anchorwatch.blocklist.Judge;
import org.anchorwatch.blocklist.Policy;
import org.anchorwatch.blocklist.Tier;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.stores.PemRules;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page checks (checkChain, probe) catch the next re-key too: an interception operator's name on a
 * key no list has blocks the page like the entry it imitates; similar names do not (issue 8, 4).
 */
class ChainJudgeSuspectTest {
  @TempDir Path dir;
  private final Judge plain = new Judge(Blocklist.bundled(), Policy.EMPTY);

  /** A root with this name, installed as a local anchor, and a chain leaf - intermediate - root. */
  private record Setup(CertInfo root, CertInfo inter, CertInfo leaf, StoreIndex index) {
    List<ChainElement> firefox(Boolean rootBuiltIn) {
      return List.of(ChainElement.of(leaf, false), ChainElement.of(inter, false), ChainElement.of(root, rootBuiltIn));
    }
  }

  private Setup setup(String rootName, Judge judge) throws Exception {
    TestCerts.Issued root = TestCerts.root(rootName);
    TestCerts.Issued inter = TestCerts.intermediate("CN=Some Intermediate,O=Test", root);
    TestCerts.Issued leaf = TestCerts.leaf("site.test", inter);
    Path store = dir.resolve("added-" + Math.abs(rootName.hashCode()));
    root.writePem(store.resolve("root.pem"));
    StoreIndex index = new Scanner(judge).scan(List.of(
        new StoreRef(StoreType.PEM, store, Role.ADDED, "local anchors", PemRules.DEFAULT, false)), List.of()).index();
    return new Setup(c(root), c(inter), c(leaf), index);
  }

  private static CertInfo c(TestCerts.Issued i) throws Exception {
    return CertParser.parseDer(i.der());
  }

  @Test
  void aKazakhRootsNameOnAnUnknownKeyBlocksThePage() throws Exception {
    Setup s = setup("CN=Information Security Certification Authority,C=KZ", plain);
    ChainVerdict v = ChainJudge.judge(s.firefox(false), plain, s.index());
    assertThat(v.level()).isEqualTo("blocked");
    assertThat(v.reason()).isEqualTo("suspected-by-name");
    assertThat(v.entry().id()).isEqualTo("suspected-kz-2020-isca-ca");
    assertThat(v.entry().tier()).isEqualTo(Tier.INTERCEPTION.wire());
    assertThat(v.entry().notes()).startsWith("matches " + v.entry().name() + " by name; key not on the list");
    assertThat(v.matchedIndex()).isEqualTo(2);
    assertThat(v.installedIn()).singleElement().satisfies(i -> assertThat(i.storeLabel()).isEqualTo("local anchors"));
  }

  @Test
  void aProbeThatWasNotSentTheRootStillFindsTheSuspectAnchorLocally() throws Exception {
    Setup s = setup("CN=Qaznet Trust Network", plain);
    List<ChainElement> served = List.of(ChainElement.of(s.leaf(), null), ChainElement.of(s.inter(), null));
    ChainVerdict v = ChainJudge.judge(served, plain, s.index());
    assertThat(v.level()).isEqualTo("blocked");
    assertThat(v.reason()).isEqualTo("suspected-by-name");
    assertThat(v.entry().id()).isEqualTo("suspected-kz-2019-qaznet-trust-network");
    assertThat(v.matchedIndex()).isEqualTo(-1);
    assertThat(v.root().spkiSha256()).isEqualTo(s.root().spkiSha256());
    assertThat(v.installedIn()).hasSize(1);
  }

  @Test
  void aChainReportedWithoutDerIsJudgedByItsSubjectName() throws Exception {
    Setup s = setup("CN=eDellRoot", plain);
    // hashes and names only, as a browser without rawDER reports them
    List<ChainElement> chain = List.of(new ChainElement(null, s.leaf().spkiSha256(), s.leaf().sha256(), false, s.leaf().subject(), s.leaf().issuer()),
        new ChainElement(null, s.root().spkiSha256(), null, false, "CN=eDellRoot", "CN=eDellRoot"));
    ChainVerdict v = ChainJudge.judge(chain, plain, s.index());
    assertThat(v.reason()).isEqualTo("suspected-by-name");
    assertThat(v.entry().id()).isEqualTo("suspected-dell-edellroot");
    assertThat(v.matchedIndex()).isEqualTo(1);
  }

  @Test
  void aNameWithACommaMatchesWhole() throws Exception {
    Setup s = setup("CN=Superfish\\, Inc.,O=Superfish\\, Inc.,L=SF,ST=CA,C=US", plain);
    ChainVerdict v = ChainJudge.judge(s.firefox(false), plain, s.index());
    assertThat(v.reason()).isEqualTo("suspected-by-name");
    assertThat(v.entry().id()).isEqualTo("suspected-superfish");
  }

  @Test
  void similarNamesStayAnOrdinaryNotice() throws Exception {
    for (String dn : new String[] {
        "CN=Information Security Certification Authority Test,C=KZ",
        "CN=Corporate Information Security Certification Authority",
        "CN=Acme Root,O=Information Security Certification Authority", // the name must be the CN
        "CN=Qaznet Trust Network 2", "CN=eDellRoot2", "CN=Superfish", "CN=Superfish Inc."}) {
      Setup s = setup(dn, plain);
      ChainVerdict v = ChainJudge.judge(s.firefox(false), plain, s.index());
      assertThat(v.level()).as(dn).isEqualTo("notice");
      assertThat(v.reason()).as(dn).isEqualTo("non-built-in-root");
      assertThat(v.entry()).as(dn).isNull();
    }
  }

  @Test
  void aBuiltInOrPolicyAllowedRootIsNotSuspectedAndAKnownKeyIsAMatch() throws Exception {
    Setup s = setup("CN=Information Security Certification Authority,C=KZ", plain);
    // the browser's own root store vouches for it: judged as built-in, like the scan skips shipped roots
    assertThat(ChainJudge.judge(s.firefox(true), plain, s.index()).reason()).isEqualTo("built-in-root");
    Judge allowing = new Judge(Blocklist.bundled(), new Policy(List.of(), Set.of(s.root().spkiSha256()), Set.of(), List.of()));
    assertThat(ChainJudge.judge(s.firefox(false), allowing, s.index()).reason()).isEqualTo("policy-allowed");
    // once its key is on a list, it is a plain blocklist match
    Judge knowing = new Judge(Blocklist.bundled(), new Policy(List.of(new BlocklistEntry("k", "Known", null, null,
        null, null, s.root().spkiSha256(), null, null, "government-mitm", Tier.INTERCEPTION, List.of("t"), null,
        BlocklistEntry.Source.POLICY)), Set.of(), Set.of(), List.of()));
    ChainVerdict v = ChainJudge.judge(s.firefox(false), knowing, s.index());
    assertThat(v.reason()).isEqualTo("blocklisted");
    assertThat(v.entry().id()).isEqualTo("k");
  }
}
