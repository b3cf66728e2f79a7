package org.anchorwatch.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;

class CertParserFastPathsTest {
  private static void agrees(Time t) {
    assertThat(CertParser.instant(t)).as(t.toString()).isEqualTo(t.getDate().toInstant());
  }

  @Test
  void directTimeReadingAgreesWithBouncyCastle() {
    for (String s : List.of("491231235959Z", "500101000000Z", "991231235959Z", "000229120000Z", "230230000000Z",
        "230101000060Z", "2301010000Z", "230101000000+0130", "230101000000-0800")) {
      agrees(new Time(new ASN1UTCTime(s)));
    }
    for (String s : List.of("21261101085612Z", "19500101000000Z", "20491231235959Z", "99991231235959Z",
        "20230230000000Z", "20230101000000.5Z", "20230101000000")) {
      agrees(new Time(new ASN1GeneralizedTime(s)));
    }
  }

  @Test
  void scansShareParsesOfIdenticalBytesOnlyWhileTheyRun() throws Exception {
    byte[] der = java.util.Base64.getDecoder().decode("MIICBTCCAaugAwIBAgIUDjEiXcufMIAtOokARXOGTgXogU8wCgYIKoZIzj0EAwIwVzELMAkGA1UEBhMCWloxFDASBgNVBAoMC0FuY2hvcndhdGNoMTIwMAYDVQQDDClBbmNob3J3YXRjaCBDRFMgd2FybS11cCAobm90IGEgQ0EgaW4gdXNlKTAgFw0yNjExMjUwODU2MTJaGA8yMTI2MTEwMTA4NTYxMlowVzELMAkGA1UEBhMCWloxFDASBgNVBAoMC0FuY2hvcndhdGNoMTIwMAYDVQQDDClBbmNob3J3YXRjaCBDRFMgd2FybS11cCAobm90IGEgQ0EgaW4gdXNlKTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAeBSkO9Y6tV1uKQ8/yD9u7u8ZvGMKWn17FQa2PenxVmEes13MZaFj7xZIgKVyRax73ms1x+04LpwMv+VzBBUVqjUzBRMB0GA1UdDgQWBBR687Ey4PEgoxlKUfiA5+QgNcPFJTAfBgNVHSMEGDAWgBR687Ey4PEgoxlKUfiA5+QgNcPFJTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQDAH6fYIjm2Zm4DBcd83DpmTVF4vxbSCq9oD73QPeLhZgIgcTP3RuxdEr6UK96SEie5f+oWSH6milaVKxdl3PA8B0o=");
    assertThat(CertParser.parseDer(der)).isNotSameAs(CertParser.parseDer(der));
    CertInfo[] inside = CertParser.sharingParses(() -> {
      try {
        return new CertInfo[] {CertParser.parseDer(der), CertParser.parseDer(der.clone())};
      } catch (BadCertificateException e) {
        throw new AssertionError(e);
      }
    });
    assertThat(inside[1]).isSameAs(inside[0]);
    assertThat(inside[0].sha256()).isEqualTo(CertParser.parseDer(der).sha256());
    assertThat(CertParser.parseDer(der)).isNotSameAs(inside[0]);
  }

  /** Every certificate file this machine has (none is fine): validity read both ways agrees. */
  @Test
  void systemCertificatesAgree() throws IOException {
    Path dir = Path.of("/etc/ssl/certs");
    if (!Files.isDirectory(dir)) return;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".pem"))::iterator) {
        for (byte[] der : CertParser.pemBlocks(Files.readAllBytes(f))) {
          org.bouncycastle.asn1.x509.Certificate c = org.bouncycastle.asn1.x509.Certificate.getInstance(der);
          agrees(c.getStartDate());
          agrees(c.getEndDate());
        }
      }
    } catch (BadCertificateException e) {
      throw new AssertionError(e);
    }
  }
}
