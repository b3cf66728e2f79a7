package org.anchorwatch.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;

/** Names identify inspection products and interception operators' re-keys; near-misses must not (issue 8, 3 and 4). */
class NameMatchingTest {
  private final Judge judge = new Judge(Blocklist.bundled(), Policy.EMPTY);

  private static CertInfo root(String dn) throws Exception {
    return CertParser.parseDer(TestCerts.root(dn).der());
  }

  @Test
  void catalogNamesTheProduct() throws Exception {
    assertThat(judge.inspection(root("CN=ESET SSL Filter CA,O=ESET\\, spol. s r. o.,C=SK"))).get()
        .satisfies(p -> {
          assertThat(p.name()).isEqualTo("ESET");
          assertThat(p.kind()).isEqualTo("antivirus");
          assertThat(p.source()).isNotBlank();
        });
    assertThat(judge.inspection(root("CN=mitmproxy,O=mitmproxy"))).get().extracting(InspectionCatalog.Product::kind).isEqualTo("debugging");
    assertThat(judge.inspection(root("CN=Charles Proxy CA (27 Nov 2026\\, build-host),OU=https://charlesproxy.com/ssl,O=XK72 Ltd")))
        .get().extracting(InspectionCatalog.Product::name).isEqualTo("Charles Proxy");
    assertThat(judge.inspection(root("CN=zscaler   root ca,O=Zscaler Inc."))).get().extracting(InspectionCatalog.Product::kind)
        .isEqualTo("corporate");
  }

  @Test
  void corporateInspectionAppliancesAreNamedFromTheirSourcedSubjects() throws Exception {
    assertThat(judge.inspection(root("CN=FG6H0FTB22903890,OU=Certificate Authority,O=Fortinet,L=Sunnyvale,ST=California,C=US")))
        .get().extracting(InspectionCatalog.Product::name).isEqualTo("Fortinet FortiGate");
    assertThat(judge.inspection(root("CN=caadmin.netskope.com,OU=Cert Management,O=Netskope"))).get()
        .extracting(InspectionCatalog.Product::name).isEqualTo("Netskope");
    assertThat(judge.inspection(root("CN=Sophos SSL CA_C4005CM7MF2DV28,OU=NSG,O=Sophos,ST=Oxfordshire,C=GB"))).get()
        .satisfies(p -> {
          assertThat(p.name()).isEqualTo("Sophos Firewall");
          assertThat(p.kind()).isEqualTo("corporate");
        });
    for (String dn : new String[] {
        "CN=FG6H0FTB22903890,O=Not Fortinet", // the serial alone is not Fortinet's name
        "CN=Fortinet Root,O=Fortinet", // a Fortinet name that is not the per-device inspection CA
        "CN=ca.acme.goskope.com,O=Netskope", "CN=caadmin.netskope.com.evil.test",
        "CN=Sophos SSL CA,O=Sophos", // the appliance id after the underscore is part of the name
        "CN=Sophos SSL CA_X1,O=Sophos Fans", "CN=Palo Alto Networks Root CA,O=Palo Alto Networks"}) {
      assertThat(judge.inspection(root(dn))).as(dn).isEmpty();
    }
  }

  @Test
  void catalogNearMissesMatchNothing() throws Exception {
    for (String dn : new String[] {
        "CN=ESET SSL Filter CA 2,O=Other", // a longer name is another name
        "CN=My ESET SSL Filter CA",
        "CN=mitmproxy,O=Acme", // mitmproxy's O is part of its identity
        "CN=Zscaler Root CA,O=Not Zscaler", "CN=Proxy CA Charles", "CN=Avast Web Shield Root", "O=ESET SSL Filter CA"}) {
      assertThat(judge.inspection(root(dn))).as(dn).isEmpty();
    }
    assertThat(InspectionCatalog.bundled().products()).allSatisfy(p -> {
      assertThat(p.source()).as(p.id()).isNotBlank();
      assertThat(p.kind()).isIn("antivirus", "corporate", "debugging");
    }).extracting(InspectionCatalog.Product::kind).contains("antivirus", "corporate", "debugging");
  }

  @Test
  void anInterceptionOperatorsNameOnAnUnknownKeyIsSuspected() throws Exception {
    for (String dn : new String[] {
        "CN=Information Security Certification Authority,C=KZ",
        "CN=Information Security Certification Authority CA,O=ISCA,C=KZ",
        "CN=information security  certification authority", // case and spacing aside
        "CN=Qaznet Trust Network", "CN=НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ", "CN=eDellRoot",
        "CN=Superfish\\, Inc.,O=Superfish\\, Inc.,C=US"}) { // a comma inside the name is part of it
      assertThat(judge.suspect(root(dn))).as(dn).get().satisfies(e -> {
        assertThat(e.tier()).isEqualTo(Tier.INTERCEPTION);
        assertThat(e.id()).startsWith("suspected-");
        assertThat(e.notes()).startsWith("matches " + e.name() + " by name; key not on the list");
      });
    }
  }

  @Test
  void similarWordsAreNotSuspected() throws Exception {
    for (String dn : new String[] {
        "CN=Information Security Certification Authority Test",
        "CN=Information Security Certification",
        "CN=Corporate Information Security Certification Authority",
        "CN=Acme Root,O=Information Security Certification Authority", // the name is on the CN, not any attribute
        "CN=Qaznet Trust Network 2", "CN=Trust Network,C=KZ", "CN=eDellRoot2", "CN=Dell Root", "CN=Superfish"}) {
      assertThat(judge.suspect(root(dn))).as(dn).isEmpty();
    }
  }

  @Test
  void aKnownKeyIsAMatchNotASuspicion() throws Exception {
    java.security.KeyPair key = TestCerts.rsa();
    TestCerts.Issued listed = TestCerts.root("CN=Information Security Certification Authority,C=KZ", key);
    Judge withKey = new Judge(Blocklist.bundled(), new Policy(java.util.List.of(new BlocklistEntry("p", "P", null, null, null, null,
        listed.spkiSha256(), null, null, "government-mitm", Tier.INTERCEPTION, java.util.List.of("t"), null, BlocklistEntry.Source.POLICY)),
        java.util.Set.of(), java.util.Set.of(), java.util.List.of()));
    assertThat(withKey.suspect(CertParser.parseDer(listed.der()))).isEmpty();
  }
}
