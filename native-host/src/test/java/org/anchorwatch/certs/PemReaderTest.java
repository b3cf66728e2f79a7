package org.anchorwatch.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;

/** Every well-formed certificate block counts, whatever surrounds it (issue 8, section 1). */
class PemReaderTest {
  private static final TestCerts.Issued A = TestCerts.root("CN=Reader A");
  private static final TestCerts.Issued B = TestCerts.root("CN=Reader B");

  private static String block(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static PemReader.Result read(String text) {
    return PemReader.read(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String sha(PemReader.Block b) throws Exception {
    return CertParser.parseDer(b.der()).sha256();
  }

  @Test
  void aGoodBlockBeforeABrokenOneIsStillRead() throws Exception {
    PemReader.Result r = read(block("CERTIFICATE", A.der()) + "-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n"
        + block("CERTIFICATE", B.der()));
    assertThat(r.blocks()).hasSize(2);
    assertThat(sha(r.blocks().get(0))).isEqualTo(A.sha256());
    assertThat(r.blocks().get(1).ordinal()).isEqualTo(3);
    assertThat(r.problems()).singleElement().asString().startsWith("block 2:");
  }

  @Test
  void unterminatedBlockDoesNotSwallowTheNextOne() throws Exception {
    PemReader.Result r = read("-----BEGIN CERTIFICATE-----\nMIIB\n" + block("CERTIFICATE", A.der()));
    assertThat(r.blocks()).singleElement().satisfies(b -> assertThat(sha(b)).isEqualTo(A.sha256()));
    assertThat(r.problems()).singleElement().asString().contains("no END line");
  }

  @Test
  void crlfTextAroundAndOtherBlockTypes() throws Exception {
    String text = "Bag Attributes\r\n  friendlyName: x\r\n" + block("PRIVATE KEY", new byte[] {1, 2, 3}).replace("\n", "\r\n")
        + "subject=CN = Reader A\r\n" + block("CERTIFICATE", A.der()).replace("\n", "\r\n") + "trailing text -----BEGIN nonsense";
    PemReader.Result r = read(text);
    assertThat(r.pem()).isTrue();
    assertThat(r.problems()).isEmpty();
    assertThat(r.blocks()).singleElement().satisfies(b -> {
      assertThat(sha(b)).isEqualTo(A.sha256());
      assertThat(b.ordinal()).isEqualTo(1);
    });
  }

  /** RFC 1421 headers end at the first blank line (CRLF too); the base64 after them is the certificate. */
  @Test
  void headersBeforeTheBodyAreSkipped() throws Exception {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(A.der());
    for (String nl : new String[] {"\n", "\r\n"}) {
      String text = ("-----BEGIN CERTIFICATE-----\nProc-Type: 4,TEST\nComment: x\n\n" + b64 + "\n-----END CERTIFICATE-----\n").replace("\n", nl);
      PemReader.Result r = read(text);
      assertThat(r.problems()).isEmpty();
      assertThat(r.blocks()).singleElement().satisfies(b -> assertThat(sha(b)).isEqualTo(A.sha256()));
    }
  }

  /**
   * A BEGIN whose closing dashes are on a later line is no block at all; END on the BEGIN line
   * leaves the block no body lines (the reader is line-based): a numbered problem, not a crash.
   */
  @Test
  void beginLinesMustCloseOnTheirOwnLine() throws Exception {
    String b64 = Base64.getEncoder().encodeToString(B.der());
    PemReader.Result r = read("-----BEGIN CERTIFICATE\n-----\n" + block("CERTIFICATE", A.der())
        + "-----BEGIN CERTIFICATE-----" + b64 + "-----END CERTIFICATE-----");
    assertThat(r.blocks()).singleElement().satisfies(b -> {
      assertThat(sha(b)).isEqualTo(A.sha256());
      assertThat(b.ordinal()).isEqualTo(1);
    });
    assertThat(r.problems()).containsExactly("block 2: empty PEM block");
  }

  @Test
  void anEmptyBlockIsAProblemNotACertificate() {
    PemReader.Result r = read("-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n");
    assertThat(r.blocks()).isEmpty();
    assertThat(r.problems()).containsExactly("block 1: empty PEM block");
  }

  @Test
  void derFileIsOneBlock() {
    PemReader.Result r = PemReader.read(A.der());
    assertThat(r.pem()).isFalse();
    assertThat(r.blocks()).singleElement().satisfies(b -> assertThat(b.der()).isEqualTo(A.der()));
  }

  @Test
  void trustedCertificateAuxTrustIsRead() throws Exception {
    byte[] rejected = TestCerts.withAuxTrust(A.der(), null, "1.3.6.1.5.5.7.3.1");
    byte[] emailOnly = TestCerts.withAuxTrust(A.der(), "1.3.6.1.5.5.7.3.4", null);
    byte[] tls = TestCerts.withAuxTrust(A.der(), "1.3.6.1.5.5.7.3.1", null);
    PemReader.Result r = read(block("TRUSTED CERTIFICATE", rejected) + block("TRUSTED CERTIFICATE", emailOnly)
        + block("TRUSTED CERTIFICATE", tls) + block("X509 CERTIFICATE", B.der()));
    assertThat(r.blocks()).extracting(PemReader.Block::aux)
        .containsExactly(AuxTrust.TLS_REJECTED, AuxTrust.NOT_FOR_TLS, AuxTrust.TLS_TRUSTED, AuxTrust.NONE);
    assertThat(sha(r.blocks().get(0))).as("the trailer is not part of the certificate hash").isEqualTo(A.sha256());
  }

  @Test
  void garbageNeverThrows() {
    for (String s : new String[] {"-----BEGIN ", "-----BEGIN CERTIFICATE-----", "-----BEGIN -----\n-----END -----",
        "-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----", "-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----",
        "-----BEGIN CERTIFICATE----------END CERTIFICATE-----", "-----BEGIN CERTIFICATE-----END CERTIFICATE-----",
        "-----BEGIN CERTIFICATE-----AAAA-----END CERTIFICATE-----\n"}) {
      PemReader.Result r = read(s);
      assertThat(r.blocks()).as(s).isEmpty();
    }
  }
}
