package org.anchorwatch.stores.nss;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A valid self-signed root padded with a private non-critical extension: NSS stores it, while
 * CertParser refuses certificates over 64 KiB. Kept beside the NSS tests rather than in the shared
 * TestCerts, which other work is reshaping.
 */
final class PaddedCert {
  private static final ASN1ObjectIdentifier PADDING = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");

  private PaddedCert() {}

  static Issued root(String cn, int paddingBytes) {
    KeyPair keys = TestCerts.newKeys();
    X500Name name = TestCerts.name(cn);
    Instant now = Instant.now();
    try {
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(PADDING, false, new DEROctetString(new byte[paddingBytes]));
      return new Issued(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded(), keys, name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build padded test certificate", e);
    }
  }
}
