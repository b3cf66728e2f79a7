package org.anchorwatch.stores.nss;

import static org.assertj.core.api.Assertions.assertThat;

import org.anchorwatch.stores.Trust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pure flag logic, no NSS: values are what CERT_GetCertTrust returned for certutil -t strings. */
class NssTrustTest {
  @ParameterizedTest(name = "{0},{1},{2} -> \"{3}\" {4}")
  @CsvSource(delimiter = '|', value = {
      "0x18 | 0   | 0   | 'C,,'     | TRUSTED",    // certutil -t C,,
      "0x98 | 0x18| 0x18| 'CT,C,C'  | TRUSTED",
      "0x88 | 0   | 0   | 'T,,'     | TRUSTED",    // client-auth anchor only
      "0    | 0x18| 0   | ',C,'     | TRUSTED",    // S/MIME anchor only
      "0    | 0   | 0   | ',,'      | DISTRUSTED", // also: no trust object at all
      "0x1  | 0x1 | 0x1 | 'p,p,p'   | DISTRUSTED", // NSS's explicit distrust
      "0x3  | 0   | 0   | 'P,,'     | STORED",     // trusted peer: accepted as a server cert, not an issuer
      "0x8  | 0x8 | 0x8 | 'c,c,c'   | STORED",     // valid CA: may be an intermediate, not an anchor
      "0x40 | 0x40| 0x40| 'u,u,u'   | STORED",     // user cert with its private key
      "0x9  | 0x5 | 0   | 'cp,pw,'  | STORED",
      "0x3de| 0   | 0   | 'CTPuwIG,,'| TRUSTED"})
  void rendersLikeCertutilAndMapsToTrust(String ssl, String email, String sign, String rendered, Trust meaning) {
    NssTrust t = new NssTrust(Integer.decode(ssl), Integer.decode(email), Integer.decode(sign));
    assertThat(t.render()).isEqualTo(rendered);
    assertThat(t.meaning()).isEqualTo(meaning);
  }

  @Test
  void cIsOnlyWrittenWhenNoAnchorBitAndPOnlyWithoutTrustedPeer() {
    // EncodeFlags order is c p C T P u w I G; C/T swallow c, P swallows p.
    assertThat(new NssTrust(0x18 | 0x3, 0, 0).render()).isEqualTo("CP,,");
    assertThat(new NssTrust(0x8 | 0x1, 0, 0).render()).isEqualTo("cp,,");
  }

  @Test
  void distrustIsAllZero() {
    assertThat(NssTrust.DISTRUST.render()).isEqualTo(",,");
    assertThat(NssTrust.DISTRUST.meaning()).isEqualTo(Trust.DISTRUSTED);
  }

  @Test
  void noTrustAtAllIsStored() {
    assertThat(NssStore.trust(new NssCert("n", new byte[1], null))).isEqualTo(Trust.STORED);
  }
}
