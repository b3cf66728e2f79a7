package org.anchorwatch.certs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistinguishedNamesTest {
  @Test
  void attributesAsPlainTextFirstValueWins() {
    String dn = "CN=Superfish\\, Inc.,O=Superfish\\, Inc.,L=Palo Alto,ST=CA,C=US";
    assertThat(DistinguishedNames.attribute(dn, "CN")).contains("Superfish, Inc.");
    assertThat(DistinguishedNames.attribute(dn, "C")).contains("US");
    assertThat(DistinguishedNames.attribute(dn, "OU")).isEmpty();
    assertThat(DistinguishedNames.attribute("CN=First,CN=Second", "CN")).contains("First");
    assertThat(DistinguishedNames.attribute("not a name", "CN")).isEmpty();
    assertThat(DistinguishedNames.attribute(dn, "NOSUCHATTR")).isEmpty();
  }

  @Test
  void commonNameKeepsRfc4514Escaping() {
    assertThat(DistinguishedNames.commonName("CN=Superfish\\, Inc.,O=Superfish")).contains("Superfish\\, Inc.");
    assertThat(DistinguishedNames.commonName("O=No CN,C=KZ")).isEmpty();
    assertThat(DistinguishedNames.commonName("garbage")).isEmpty();
    assertThat(DistinguishedNames.commonName("C=KZ,CN=Qaznet Trust Network")).contains("Qaznet Trust Network");
  }
}
