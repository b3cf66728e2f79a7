package org.anchorwatch.probe;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.scan.ChainVerdict;

/**
 * The `probe` result: the checkChain verdict's fields at the top level (unwrapped, so both
 * messages give the extension one shape to read), plus what the server presented.
 */
public record ProbeResult(@JsonUnwrapped ChainVerdict verdict, List<PresentedCert> chain, Tls tls, String host, int port) {

  /** One presented certificate, leaf first. */
  public record PresentedCert(String subject, String issuer, String sha256, String spkiSha256) {
    static PresentedCert of(CertInfo c) {
      return new PresentedCert(c.subject(), c.issuer(), c.sha256(), c.spkiSha256());
    }
  }

  /** What was negotiated, e.g. TLSv1.3 / TLS_AES_256_GCM_SHA384. */
  public record Tls(String protocol, String cipherSuite) {}
}
