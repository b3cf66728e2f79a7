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
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real certificates for tests, generated with Bouncy Castle: roots, intermediates, leaves (with a
 * SAN for host names and IPs), a root re-issued with the same key (must still match the
 * blocklist), imitations (same name, new key) and a root without basicConstraints (eDellRoot).
 * A name containing '=' is a full DN; otherwise it is a CN under O=Anchorwatch Tests.
 * EC P-256 keys by default: fast to generate and accepted by every store under test.
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

    public X509CertificateHolder holder() {
      try {
        return new X509CertificateHolder(der);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
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
    return ec();
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

  public static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static X500Name name(String cnOrDn) {
    if (cnOrDn.contains("=")) return new X500Name(BCStyle.INSTANCE, cnOrDn);
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Anchorwatch Tests").addRDN(BCStyle.CN, cnOrDn).build();
  }

  public static Issued root(String name) {
    return root(name, newKeys());
  }

  /** A self-signed CA root (basicConstraints CA:TRUE, keyCertSign). */
  public static Issued root(String name, KeyPair keys) {
    return sign(name(name), keys, name(name), keys, true, true, null);
  }

  /** A root without basicConstraints, like eDellRoot: must still be matched. */
  public static Issued rootWithoutBasicConstraints(String name) {
    KeyPair k = newKeys();
    return sign(name(name), k, name(name), k, false, true, null);
  }

  public static Issued intermediate(String name, Issued issuer) {
    return sign(name(name), newKeys(), issuer.subject(), issuer.keys(), true, true, null);
  }

  /** A server certificate; a host name or IP as name also becomes its subjectAltName. */
  public static Issued leaf(String name, Issued issuer) {
    boolean host = !name.contains("=") && !name.contains(" ");
    return sign(host ? new X500Name("CN=" + name) : name(name), newKeys(), issuer.subject(), issuer.keys(), true, false, host ? name : null);
  }

  /** Same subject and key as {@code original}, new serial: a different cert (and SHA-256). */
  public static Issued reissue(Issued original) {
    return sign(original.subject(), original.keys(), original.subject(), original.keys(), true, true, null);
  }

  private static Issued sign(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys, boolean withBasicConstraints,
      boolean ca, String san) {
    Instant now = Instant.now();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic());
      if (withBasicConstraints) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      }
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
      if (san != null) {
        GeneralName n = san.matches("[0-9.]+|.*:.*") ? new GeneralName(GeneralName.iPAddress, san) : new GeneralName(GeneralName.dNSName, san);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(n));
      }
      String alg = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      return new Issued(b.build(new JcaContentSignerBuilder(alg).build(issuerKeys.getPrivate())).getEncoded(), keys, subject);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build test certificate " + subject, e);
    }
  }

  private static Path write(Path file, byte[] bytes) {
    try {
      if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
