package org.anchorwatch.messaging.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.errors.AnchorwatchException;
import org.junit.jupiter.api.Test;

class CheckChainHandlerTest {
  /** A throwaway self-signed P-256 certificate (the CDS warm-up's). */
  private static final String CERT = "MIICBTCCAaugAwIBAgIUDjEiXcufMIAtOokARXOGTgXogU8wCgYIKoZIzj0EAwIwVzELMAkGA1UEBhMCWloxFDASBgNVBAoMC0FuY2hvcndhdGNoMTIwMAYDVQQDDClBbmNob3J3YXRjaCBDRFMgd2FybS11cCAobm90IGEgQ0EgaW4gdXNlKTAgFw0yNjExMjUwODU2MTJaGA8yMTI2MTEwMTA4NTYxMlowVzELMAkGA1UEBhMCWloxFDASBgNVBAoMC0FuY2hvcndhdGNoMTIwMAYDVQQDDClBbmNob3J3YXRjaCBDRFMgd2FybS11cCAobm90IGEgQ0EgaW4gdXNlKTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAeBSkO9Y6tV1uKQ8/yD9u7u8ZvGMKWn17FQa2PenxVmEes13MZaFj7xZIgKVyRax73ms1x+04LpwMv+VzBBUVqjUzBRMB0GA1UdDgQWBBR687Ey4PEgoxlKUfiA5+QgNcPFJTAfBgNVHSMEGDAWgBR687Ey4PEgoxlKUfiA5+QgNcPFJTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQDAH6fYIjm2Zm4DBcd83DpmTVF4vxbSCq9oD73QPeLhZgIgcTP3RuxdEr6UK96SEie5f+oWSH6milaVKxdl3PA8B0o=";

  @Test
  void aCertificateIsCachedFromItsSecondSightingAndEqualsAFreshParse() throws Exception {
    CheckChainHandler h = new CheckChainHandler();
    CertInfo first = h.cached(CERT, 0);
    CertInfo second = h.cached(CERT, 0);
    CertInfo third = h.cached(CERT, 0);
    assertThat(second).isNotSameAs(first); // seen once: parsed again, then admitted
    assertThat(third).isSameAs(second);
    CertInfo fresh = CheckChainHandler.decode(new String(CERT.toCharArray()), 0);
    assertThat(third.sha256()).isEqualTo(fresh.sha256());
    assertThat(third.spkiSha256()).isEqualTo(fresh.spkiSha256());
    assertThat(third.subject()).isEqualTo(fresh.subject());
    assertThat(third.notAfter()).isEqualTo(fresh.notAfter());
  }

  /** The cache answers by exact text: other certificates (long ones too) never get a cached one's parse. */
  @Test
  void cachedCertificatesAreNeverConfusedWithOthers() throws Exception {
    CheckChainHandler h = new CheckChainHandler();
    java.util.List<String> certs = new java.util.ArrayList<>(java.util.List.of(CERT));
    for (String name : java.util.List.of("Cache A", "Cache B", "Cache C")) {
      certs.add(java.util.Base64.getEncoder().encodeToString(org.anchorwatch.testsupport.TestCerts.root(name).der()));
    }
    for (int round = 0; round < 3; round++) {
      for (String c : certs) {
        assertThat(h.cached(c, 0).sha256()).isEqualTo(CheckChainHandler.decode(c, 0).sha256());
      }
    }
  }

  /**
   * The cache key's hash reads only the text's head and tail: a certificate that differs from a
   * cached one only in the middle (here one letter of the subject) shares the hash, and must still
   * get its own parse.
   */
  @Test
  void aCertificateDifferingOnlyInTheMiddleIsNotTheCachedOne() throws Exception {
    byte[] der = java.util.Base64.getDecoder().decode(CERT);
    String text = new String(der, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.lastIndexOf("warm-up");
    assertThat(at).isBetween(96, der.length - 64);
    der[at] = 'W';
    String twin = java.util.Base64.getEncoder().encodeToString(der);
    assertThat(twin).hasSameSizeAs(CERT).startsWith(CERT.substring(0, 96)).endsWith(CERT.substring(CERT.length() - 64));
    CheckChainHandler h = new CheckChainHandler();
    h.cached(CERT, 0);
    CertInfo cached = h.cached(CERT, 0);
    assertThat(h.cached(CERT, 0)).isSameAs(cached);
    CertInfo other = h.cached(twin, 0);
    assertThat(other.sha256()).isNotEqualTo(cached.sha256()).isEqualTo(CheckChainHandler.decode(twin, 0).sha256());
    assertThat(other.subject()).contains("Warm-up");
  }

  @Test
  void failuresAreNeverCached() {
    CheckChainHandler h = new CheckChainHandler();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> h.cached("AAAA", 2)).isInstanceOf(AnchorwatchException.class)
          .hasMessageStartingWith("chain[2]: ");
    }
  }
}
