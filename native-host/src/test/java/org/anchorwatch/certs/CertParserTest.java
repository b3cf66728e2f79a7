package org.anchorwatch.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;

class CertParserTest {

  @Test
  void computesHashesTheWayBrowsersDo() throws Exception {
    TestCerts.Issued root = TestCerts.root("CN=Parser Root,O=Test");
    CertInfo c = CertParser.parseDer(root.der());
    byte[] spki = root.holder().getSubjectPublicKeyInfo().getEncoded();
    assertThat(c.spkiSha256()).isEqualTo(Hex.of(MessageDigest.getInstance("SHA-256").digest(spki)));
    // Java's getEncoded() of the public key is the same SPKI (reference: verified for RSA; here EC)
    java.security.cert.X509Certificate jdk = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
        .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(root.der()));
    assertThat(c.spkiSha256()).isEqualTo(Hex.of(MessageDigest.getInstance("SHA-256").digest(jdk.getPublicKey().getEncoded())));
    assertThat(c.sha256()).isEqualTo(Hex.of(MessageDigest.getInstance("SHA-256").digest(root.der())));
    assertThat(c.sha1()).isEqualTo(Hex.of(MessageDigest.getInstance("SHA-1").digest(root.der())));
    assertThat(c.subject()).isEqualTo("CN=Parser Root,O=Test");
    assertThat(c.ca()).isTrue();
    assertThat(c.selfIssued()).isTrue();
    assertThat(c.displayName()).isEqualTo("Parser Root");
  }

  @Test
  void rootWithoutBasicConstraintsIsParsedNotFiltered() throws Exception {
    CertInfo c = CertParser.parseDer(TestCerts.rootWithoutBasicConstraints("CN=eDellRoot-like").der());
    assertThat(c.ca()).isFalse();
    assertThat(c.selfIssued()).isTrue();
  }

  @Test
  void readsPemBundlesTrustedCertificateBlocksAndSkipsKeys() throws Exception {
    TestCerts.Issued a = TestCerts.root("CN=A");
    TestCerts.Issued b = TestCerts.root("CN=B");
    String trusted = b.pem().replace("CERTIFICATE", "TRUSTED CERTIFICATE");
    String text = "junk\n" + a.pem() + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" + trusted;
    assertThat(CertParser.parseAny(text.getBytes(StandardCharsets.US_ASCII)))
        .extracting(CertInfo::subject).containsExactly("CN=A", "CN=B");
    assertThat(CertParser.parseAny("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  @Test
  void trailingBytesAfterTheCertificateAreNotHashed() throws Exception {
    TestCerts.Issued a = TestCerts.root("CN=Aux");
    byte[] withAux = Arrays.copyOf(a.der(), a.der().length + 7);
    assertThat(CertParser.parseDer(withAux).sha256()).isEqualTo(CertParser.parseDer(a.der()).sha256());
  }

  @Test
  void garbageIsAClearErrorNotACrash() {
    for (byte[] bad : new byte[][] {{}, {0x30}, {0x30, (byte) 0x82, 0x7f}, "hello".getBytes(StandardCharsets.US_ASCII),
        {0x02, 0x01, 0x05}, new byte[70 * 1024]}) {
      assertThatThrownBy(() -> CertParser.parseDer(bad))
          .isInstanceOf(BadCertificateException.class)
          .satisfies(e -> assertThat(((BadCertificateException) e).code()).isEqualTo(ErrorCode.BAD_CERTIFICATE));
    }
    assertThatThrownBy(() -> CertParser.parseAny("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BadCertificateException.class);
    assertThatThrownBy(() -> CertParser.parseAny("-----BEGIN CERTIFICATE-----\nAAAA\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BadCertificateException.class).hasMessageContaining("no END");
  }

  @Test
  void hexNormalisationAcceptsBrowserSpellings() {
    String hex = "b5ba8dd7f89564c2889d3d6453c84998c77824919b64ea0835aa62986591be50";
    assertThat(Hex.normalise("tbqN1/iVZMKInT1kU8hJmMd4JJGbZOoINapimGWRvlA=", 32)).contains(hex);
    assertThat(Hex.normalise(hex.toUpperCase(), 32)).contains(hex);
    assertThat(Hex.normalise(hex.replaceAll("(..)(?!$)", "$1:"), 32)).contains(hex);
    assertThat(Hex.normalise("abc", 32)).isEmpty();
    assertThat(Hex.normalise(hex.substring(2), 32)).isEmpty();
    assertThat(Hex.normalise(null, 32)).isEmpty();
  }
}
