package org.anchorwatch.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates real certificates for tests with Bouncy Castle: roots, intermediates, leaves, a root
 * re-issued with the same key (must still match the blocklist), and imitations (same name, new key).
 */
public final class TestCerts {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private TestCerts() {}

  /** A generated certificate with its key, DER and PEM. */
  public record Issued(X509CertificateHolder holder, KeyPair keys, String subject) {
    public byte[] der() {
      try {
        return holder.getEncoded();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public String pem() {
      StringWriter w = new StringWriter();
      try (JcaPEMWriter p = new JcaPEMWriter(w)) {
        p.writeObject(holder);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return w.toString();
    }

    public Path writePem(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, pem(), StandardCharsets.US_ASCII);
    }

    public Path writeDer(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      return Files.write(file, der());
    }
  }

  public static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, new SecureRandom());
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Issued root(String subject) {
    return root(subject, ec());
  }

  public static Issued root(String subject, KeyPair keys) {
    return build(subject, subject, keys, keys, true, true, null);
  }

  /** A root without basicConstraints, like eDellRoot: must still be matched. */
  public static Issued rootWithoutBasicConstraints(String subject) {
    KeyPair k = ec();
    return build(subject, subject, k, k, false, true, null);
  }

  public static Issued intermediate(String subject, Issued issuer) {
    return build(subject, issuer.subject(), ec(), issuer.keys(), true, true, null);
  }

  public static Issued leaf(String dnsName, Issued issuer) {
    return build("CN=" + dnsName, issuer.subject(), ec(), issuer.keys(), false, false, dnsName);
  }

  private static Issued build(String subject, String issuer, KeyPair subjectKeys, KeyPair issuerKeys,
      boolean withBasicConstraints, boolean ca, String dns) {
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), subjectKeys.getPublic());
      if (withBasicConstraints) b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      if (dns != null) {
        GeneralName name = dns.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, dns) : new GeneralName(GeneralName.dNSName, dns);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
      }
      String alg = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      ContentSigner signer = new JcaContentSignerBuilder(alg).build(issuerKeys.getPrivate());
      return new Issued(b.build(signer), subjectKeys, subject);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build test certificate " + subject, e);
    }
  }
}
