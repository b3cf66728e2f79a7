package org.anchorwatch.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;

class CertParserFastPathsTest {
  /** The CDS warm-up root: notBefore a UTCTime (2026), notAfter a GeneralizedTime (2126). */
  static final byte[] WARM_UP_ROOT = java.util.Base64.getDecoder().decode("MIICBTCCAaugAwIBAgIUDjEiXcufMIAtOokARXOGTgXogU8wCgYIKoZIzj0EAwIwVzELMAkGA1UEBhMCWloxFDASBgNVBAoMC0FuY2hvcndhdGNoMTIwMAYDVQQDDClBbmNob3J3YXRjaCBDRFMgd2FybS11cCAobm90IGEgQ0EgaW4gdXNlKTAgFw0yNjExMjUwODU2MTJaGA8yMTI2MTEwMTA4NTYxMlowVzELMAkGA1UEBhMCWloxFDASBgNVBAoMC0FuY2hvcndhdGNoMTIwMAYDVQQDDClBbmNob3J3YXRjaCBDRFMgd2FybS11cCAobm90IGEgQ0EgaW4gdXNlKTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAeBSkO9Y6tV1uKQ8/yD9u7u8ZvGMKWn17FQa2PenxVmEes13MZaFj7xZIgKVyRax73ms1x+04LpwMv+VzBBUVqjUzBRMB0GA1UdDgQWBBR687Ey4PEgoxlKUfiA5+QgNcPFJTAfBgNVHSMEGDAWgBR687Ey4PEgoxlKUfiA5+QgNcPFJTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQDAH6fYIjm2Zm4DBcd83DpmTVF4vxbSCq9oD73QPeLhZgIgcTP3RuxdEr6UK96SEie5f+oWSH6milaVKxdl3PA8B0o=");

  /** A Time that fails the test if CertParser falls back to Bouncy Castle's slow reading. */
  private static final class FastOnly extends Time {
    FastOnly(ASN1Primitive p) {
      super(p);
    }

    @Override
    public Date getDate() {
      throw new AssertionError("took Bouncy Castle's path for " + toASN1Primitive());
    }
  }

  /** The same Time, counting the fall-backs to Bouncy Castle. */
  private static final class Counting extends Time {
    int slow;

    Counting(ASN1Primitive p) {
      super(p);
    }

    @Override
    public Date getDate() {
      slow++;
      return super.getDate();
    }
  }

  /** RFC 5280 forms: read directly (never BC's parser), with BC's answer. */
  private static void fast(ASN1Primitive p) {
    assertThat(CertParser.instant(new FastOnly(p))).as(p.toString()).isEqualTo(new Time(p).getDate().toInstant());
  }

  /** Other forms and impossible dates: BC decides, so the answer is BC's by construction. */
  private static void slow(ASN1Primitive p) {
    Counting t = new Counting(p);
    assertThat(CertParser.instant(t)).as(p.toString()).isEqualTo(new Time(p).getDate().toInstant());
    assertThat(t.slow).as(p.toString()).isEqualTo(1);
  }

  @Test
  void rfcFormsAreReadDirectlyAndAgreeWithBouncyCastle() {
    for (String s : List.of("491231235959Z", "500101000000Z", "991231235959Z", "000229120000Z", "230101000000Z", "371231095909Z")) {
      fast(new ASN1UTCTime(s));
    }
    for (String s : List.of("21261101085612Z", "19500101000000Z", "20491231235959Z", "99991231235959Z")) {
      fast(new ASN1GeneralizedTime(s));
    }
  }

  @Test
  void otherFormsAndImpossibleDatesFallBackToBouncyCastle() {
    for (String s : List.of("230230000000Z", "230101000060Z", "2301010000Z", "230101000000+0130", "230101000000-0800", "231301000000Z")) {
      slow(new ASN1UTCTime(s));
    }
    for (String s : List.of("20230230000000Z", "20230101000000.5Z", "20230101000000", "20230101000000+0100", "20230101240000Z")) {
      slow(new ASN1GeneralizedTime(s));
    }
  }

  @Test
  void scansShareParsesOfIdenticalBytesOnlyWhileTheyRun() throws Exception {
    byte[] der = WARM_UP_ROOT;
    assertThat(CertParser.parseDer(der)).isNotSameAs(CertParser.parseDer(der));
    CertInfo[] inside;
    try (CertParser.SharedParses outer = CertParser.sharingParses()) {
      CertInfo nested;
      try (CertParser.SharedParses inner = CertParser.sharingParses()) {
        nested = parseQuietly(der);
      }
      // closing the nested scope kept the outer memo
      inside = new CertInfo[] {CertParser.parseDer(der), CertParser.parseDer(der.clone()), nested};
    }
    assertThat(inside[1]).isSameAs(inside[0]);
    // a nested call joins the running memo instead of starting (and then dropping) its own
    assertThat(inside[2]).isSameAs(inside[0]);
    assertThat(inside[0].sha256()).isEqualTo(CertParser.parseDer(der).sha256());
    assertThat(CertParser.parseDer(der)).isNotSameAs(inside[0]);
  }

  private static CertInfo parseQuietly(byte[] der) {
    try {
      return CertParser.parseDer(der);
    } catch (BadCertificateException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Real certificates committed with the tests (Chromium's blocked roots and leaves, the KZ root,
   * the warm-up root): every validity time is an RFC 5280 form, so each one is read directly and
   * agrees with Bouncy Castle, and each certificate's parsed validity is that same instant.
   */
  @Test
  void committedCertificatesTakeTheFastPathAndAgree() throws Exception {
    List<byte[]> ders = new ArrayList<>();
    ders.add(WARM_UP_ROOT);
    try (InputStream kz = CertParserFastPathsTest.class.getResourceAsStream("/certs/kz-isca-2020.pem")) {
      ders.addAll(CertParser.pemBlocks(kz.readAllBytes()));
    }
    Path chromium = Path.of(CertParserFastPathsTest.class.getResource("/org/anchorwatch/blocklist/chromium").toURI());
    try (Stream<Path> files = Files.list(chromium)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pem")).sorted().toList()) ders.addAll(CertParser.pemBlocks(Files.readAllBytes(f)));
    }
    assertThat(ders).hasSizeGreaterThan(30);
    int utc = 0;
    int generalized = 0;
    for (byte[] der : ders) {
      org.bouncycastle.asn1.x509.Certificate c = org.bouncycastle.asn1.x509.Certificate.getInstance(der);
      CertInfo info = CertParser.parseDer(der);
      for (Time t : List.of(c.getStartDate(), c.getEndDate())) {
        fast(t.toASN1Primitive());
        if (t.toASN1Primitive() instanceof ASN1UTCTime) utc++;
        else generalized++;
      }
      assertThat(info.notBefore()).isEqualTo(c.getStartDate().getDate().toInstant());
      assertThat(info.notAfter()).isEqualTo(c.getEndDate().getDate().toInstant());
    }
    assertThat(utc).isGreaterThan(60);
    assertThat(generalized).isPositive();
  }
}
