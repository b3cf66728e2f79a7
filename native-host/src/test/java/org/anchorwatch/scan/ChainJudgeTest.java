package org.anchorwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.anchorwatch.blocklist.Blocklist;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainJudgeTest {
  @TempDir Path dir;
  TestCerts.Issued root;
  TestCerts.Issued inter;
  TestCerts.Issued leaf;
  TestCerts.Issued distroRoot;

  @BeforeEach
  void chain() throws Exception {
    root = TestCerts.root("CN=Test Interception Root,O=Test");
    inter = TestCerts.intermediate("CN=Test Intermediate,O=Test", root);
    leaf = TestCerts.leaf("localhost", inter);
    distroRoot = TestCerts.root("CN=Distro Root");
    root.writePem(dir.resolve("added/root.pem"));
    distroRoot.writePem(dir.resolve("distro/d.pem"));
  }

  private StoreIndex index(Judge judge) {
    return new Scanner(judge).scan(List.of(
        new StoreRef(StoreType.PEM, dir.resolve("added"), Role.ADDED, "local anchors", PemRules.DEFAULT, false),
        new StoreRef(StoreType.PEM, dir.resolve("distro"), Role.DISTRO, "distro", PemRules.DEFAULT, false)), List.of()).index();
  }

  private List<ChainElement> firefoxChain(TestCerts.Issued last, Boolean builtIn) throws Exception {
    return List.of(ChainElement.of(c(leaf), false), ChainElement.of(c(inter), false), ChainElement.of(c(last), builtIn));
  }

  private static CertInfo c(TestCerts.Issued i) throws Exception {
    return CertParser.parseDer(i.der());
  }

  @Test
  void blocklistedRootIsBlockedWithWhereItIsInstalled() throws Exception {
    Judge judge = ScannerTest.judgeDenying(root, Tier.INTERCEPTION);
    ChainVerdict v = ChainJudge.judge(firefoxChain(root, false), judge, index(judge));
    assertThat(v.level()).isEqualTo("blocked");
    assertThat(v.entry().name()).isEqualTo("Planted");
    assertThat(v.matchedIndex()).isEqualTo(2);
    assertThat(v.installedIn()).singleElement().satisfies(i -> {
      assertThat(i.location()).isEqualTo(dir.resolve("added/root.pem").toString());
      assertThat(i.storeLabel()).isEqualTo("local anchors");
    });
  }

  @Test
  void aSunsetRootDoesNotBlockAPage() throws Exception {
    Judge judge = ScannerTest.judgeDenying(root, Tier.SUNSET);
    ChainVerdict v = ChainJudge.judge(firefoxChain(root, false), judge, index(judge));
    assertThat(v.level()).isEqualTo("notice");
    assertThat(v.reason()).isEqualTo("non-built-in-root");
    assertThat(v.entry()).isNull();
  }

  @Test
  void withTwoListedElementsTheGraverTierWinsAndATieGoesToTheRootSide() throws Exception {
    ChainVerdict graverRoot = judgeTwo(Tier.DISTRUSTED, Tier.INTERCEPTION);
    assertThat(graverRoot.matchedIndex()).isEqualTo(2);
    ChainVerdict graverInter = judgeTwo(Tier.INTERCEPTION, Tier.DISTRUSTED);
    assertThat(graverInter.matchedIndex()).isEqualTo(1);
    assertThat(graverInter.entry().name()).isEqualTo("Inter");
    ChainVerdict tie = judgeTwo(Tier.INTERCEPTION, Tier.INTERCEPTION);
    assertThat(tie.matchedIndex()).as("the element to remove from a store is the one nearest the root").isEqualTo(2);
    assertThat(tie.entry().name()).isEqualTo("Root");
  }

  @Test
  void theIndexLocatesByKeyFirstThenByCertificateHash() throws Exception {
    StoreIndex index = index(new Judge(Blocklist.bundled(), Policy.EMPTY));
    CertInfo r = c(root);
    assertThat(index.locate(r.spkiSha256(), "0".repeat(64))).singleElement()
        .satisfies(i -> assertThat(i.location()).isEqualTo(dir.resolve("added/root.pem").toString()));
    assertThat(index.locate("0".repeat(64), r.sha256())).singleElement()
        .satisfies(i -> assertThat(i.location()).isEqualTo(dir.resolve("added/root.pem").toString()));
    assertThat(index.locate("0".repeat(64), "1".repeat(64))).isEmpty();
    assertThat(index.locate(null, null)).isEmpty();
    assertThat(index.cert(r.sha256()).subject()).isEqualTo(r.subject());
    assertThat(index.cert(null)).isNull();
    assertThat(index.bySubject(r.subject()).sha256()).isEqualTo(r.sha256());
  }

  private ChainVerdict judgeTwo(Tier interTier, Tier rootTier) throws Exception {
    Judge judge = twoDenied(interTier, rootTier);
    return ChainJudge.judge(firefoxChain(root, false), judge, index(judge));
  }

  private Judge twoDenied(Tier interTier, Tier rootTier) throws Exception {
    return new Judge(Blocklist.bundled(), new Policy(List.of(ScannerTest.deny(inter, "Inter", interTier),
        ScannerTest.deny(root, "Root", rootTier)), java.util.Set.of(), java.util.Set.of(), List.of()));
  }

  @Test
  void blocklistedIntermediateIsCaughtToo() throws Exception {
    Judge judge = ScannerTest.judgeDenying(inter, Tier.DISTRUSTED);
    ChainVerdict v = ChainJudge.judge(firefoxChain(root, false), judge, index(judge));
    assertThat(v.level()).isEqualTo("blocked");
    assertThat(v.matchedIndex()).isEqualTo(1);
    assertThat(v.installedIn()).isEmpty();
  }

  @Test
  void nonBuiltInRootIsANoticeUnlessAllowedAndBuiltInIsClean() throws Exception {
    Judge plain = new Judge(Blocklist.bundled(), Policy.EMPTY);
    assertThat(ChainJudge.judge(firefoxChain(root, false), plain, index(plain)))
        .satisfies(v -> {
          assertThat(v.level()).isEqualTo("notice");
          assertThat(v.reason()).isEqualTo("non-built-in-root");
          assertThat(v.installedIn()).hasSize(1);
        });
    assertThat(ChainJudge.judge(firefoxChain(root, true), plain, index(plain)).level()).isEqualTo("clean");
    Judge allowing = new Judge(Blocklist.bundled(), new Policy(List.of(), java.util.Set.of(c(root).spkiSha256()), java.util.Set.of(), List.of()));
    assertThat(ChainJudge.judge(firefoxChain(root, false), allowing, index(allowing)).reason()).isEqualTo("policy-allowed");
  }

  @Test
  void probeChainWithoutRootFindsTheLocalAnchorByIssuerName() throws Exception {
    Judge judge = ScannerTest.judgeDenying(root, Tier.INTERCEPTION);
    List<ChainElement> served = List.of(ChainElement.of(c(leaf), null), ChainElement.of(c(inter), null));
    ChainVerdict v = ChainJudge.judge(served, judge, index(judge));
    assertThat(v.level()).isEqualTo("blocked");
    assertThat(v.root().subject()).isEqualTo("CN=Test Interception Root,O=Test");
    // the blocklisted anchor is not in the served chain: no position, and root names it (cleanup keys on it)
    assertThat(v.matchedIndex()).isEqualTo(-1);
    assertThat(v.root().spkiSha256()).isEqualTo(c(root).spkiSha256());
    assertThat(v.installedIn()).hasSize(1);
    Judge plain = new Judge(Blocklist.bundled(), Policy.EMPTY);
    assertThat(ChainJudge.judge(served, plain, index(plain))).satisfies(x -> {
      assertThat(x.level()).isEqualTo("notice");
      assertThat(x.root().builtIn()).isFalse();
    });
  }

  @Test
  void unknownBuiltInIsDecidedFromTheDistroSet() throws Exception {
    Judge plain = new Judge(Blocklist.bundled(), Policy.EMPTY);
    TestCerts.Issued dLeaf = TestCerts.leaf("example.test", distroRoot);
    ChainVerdict v = ChainJudge.judge(List.of(ChainElement.of(c(dLeaf), null)), plain, index(plain));
    assertThat(v.level()).isEqualTo("clean");
    assertThat(v.reason()).isEqualTo("built-in-root");
    TestCerts.Issued stranger = TestCerts.leaf("x.test", TestCerts.root("CN=Nowhere"));
    assertThat(ChainJudge.judge(List.of(ChainElement.of(c(stranger), null)), plain, index(plain)).reason()).isEqualTo("unknown-root");
  }

  @Test
  void hashOnlyElementsFromBrowsersMatchBySpki() throws Exception {
    Judge judge = ScannerTest.judgeDenying(root, Tier.INTERCEPTION);
    CertInfo r = c(root);
    List<ChainElement> chain = List.of(new ChainElement(null, r.spkiSha256(), null, false, null, null));
    assertThat(ChainJudge.judge(chain, judge, index(judge)).level()).isEqualTo("blocked");
  }
}
