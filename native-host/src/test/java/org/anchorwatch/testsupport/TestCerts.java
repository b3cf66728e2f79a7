package org.anchorwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway X.509 certificates for tests, built with Bouncy Castle: roots, intermediates, leaves,
 * and re-issues of a cert with the same subject and key (what a CA does when a root expires).
 * EC P-256 keys: fast to generate and accepted by every store under test.
 */
public final class TestCerts {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private TestCerts() {}

  /** A generated certificate with its key pair and subject. */
  public record Issued(byte[] der, KeyPair keys, X500Name subject) {
    public String sha256() {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    public String pem() {
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    }

    public Path writePem(Path file) {
      return write(file, pem().getBytes(StandardCharsets.US_ASCII));
    }

    public Path writeDer(Path file) {
      return write(file, der);
    }
  }

  public static KeyPair newKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static X500Name name(String cn) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Anchorwatch Tests").addRDN(BCStyle.CN, cn).build();
  }

  public static Issued root(String cn) {
    return root(cn, newKeys());
  }

  /** A self-signed CA root (basicConstraints CA:TRUE, keyCertSign). */
  public static Issued root(String cn, KeyPair keys) {
    return sign(name(cn), keys, name(cn), keys, true);
  }

  public static Issued intermediate(String cn, Issued issuer) {
    return sign(name(cn), newKeys(), issuer.subject(), issuer.keys(), true);
  }

  public static Issued leaf(String cn, Issued issuer) {
    return sign(name(cn), newKeys(), issuer.subject(), issuer.keys(), false);
  }

  /** Same subject and key as {@code original}, new serial: a different cert (and SHA-256). */
  public static Issued reissue(Issued original) {
    return sign(original.subject(), original.keys(), original.subject(), original.keys(), true);
  }

  private static Issued sign(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys, boolean ca) {
    Instant now = Instant.now();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))),
          subject, keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
      X509CertificateHolder h = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
      return new Issued(h.getEncoded(), keys, subject);
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot build test certificate " + subject, e);
    }
  }

  private static Path write(Path file, byte[] bytes) {
    try {
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
