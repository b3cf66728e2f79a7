package org.anchorwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
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
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
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
  /** Password of the key stores {@link #keyStore} builds. */
  public static final char[] PASSWORD = "changeit".toCharArray();
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private TestCerts() {}

  /** A generated certificate with its key pair and subject name. */
  public record Issued(byte[] der, KeyPair keys, X500Name name) {
    /** The subject as the host spells it (CertParser / Bouncy Castle style). */
    public String subject() {
      try {
        return org.anchorwatch.certs.CertParser.parseDer(der).subject();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    public String spkiSha256() {
      try {
        return HexFormat.of().formatHex(org.anchorwatch.certs.CertParser.digest("SHA-256", holder().getSubjectPublicKeyInfo().getEncoded()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public X509Certificate cert() {
      try {
        return new JcaX509CertificateConverter().getCertificate(holder());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

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

  public static KeyPair newKeyPair() {
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
    return sign(name(name), keys, name(name), keys, true, true, List.of());
  }

  /** A root without basicConstraints, like eDellRoot: must still be matched. */
  public static Issued rootWithoutBasicConstraints(String name) {
    KeyPair k = newKeys();
    return sign(name(name), k, name(name), k, false, true, List.of());
  }

  public static Issued intermediate(String name, Issued issuer) {
    return sign(name(name), newKeys(), issuer.name(), issuer.keys(), true, true, List.of());
  }

  /**
   * A server certificate. Each SAN is an IP literal or a DNS name; without SANs, a name that looks
   * like a host (no spaces, no '=') becomes the only SAN.
   */
  public static Issued leaf(String name, Issued issuer, String... sans) {
    boolean host = !name.contains("=") && !name.contains(" ");
    List<String> names = sans.length > 0 ? List.of(sans) : host ? List.of(name) : List.of();
    return sign(host ? new X500Name("CN=" + name) : name(name), newKeys(), issuer.name(), issuer.keys(), true, false, names);
  }

  /** Same subject and key as {@code original}, new serial: a different cert (and SHA-256), the same SPKI. */
  public static Issued reissue(Issued original) {
    return reissue(original, null);
  }

  /** As {@link #reissue(Issued)}, signed by {@code issuer} (null = self-signed). */
  public static Issued reissue(Issued original, Issued issuer) {
    boolean ca = original.cert().getBasicConstraints() >= 0;
    Issued signer = issuer == null ? original : issuer;
    return sign(original.name(), original.keys(), signer.name(), signer.keys(), true, ca, List.of());
  }

  public static String pem(X509Certificate... certs) {
    StringBuilder sb = new StringBuilder();
    Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    for (X509Certificate c : certs) {
      try {
        sb.append("-----BEGIN CERTIFICATE-----\n").append(b64.encodeToString(c.getEncoded())).append("\n-----END CERTIFICATE-----\n");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    return sb.toString();
  }

  public static Path writePem(Path file, X509Certificate... certs) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, pem(certs), StandardCharsets.US_ASCII);
  }

  /** A PKCS12 key store (password {@link #PASSWORD}) with the leaf's key and the chain a server sends. */
  public static KeyStore keyStore(Issued leaf, X509Certificate... rest) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      List<Certificate> chain = new ArrayList<>();
      chain.add(leaf.cert());
      chain.addAll(List.of(rest));
      ks.setKeyEntry("server", leaf.keys().getPrivate(), PASSWORD, chain.toArray(Certificate[]::new));
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Issued sign(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys, boolean withBasicConstraints,
      boolean ca, List<String> sans) {
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
      if (!sans.isEmpty()) {
        GeneralName[] names = sans.stream()
            .map(n -> new GeneralName(org.bouncycastle.util.IPAddress.isValid(n) ? GeneralName.iPAddress : GeneralName.dNSName, n))
            .toArray(GeneralName[]::new);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
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

  /** OpenSSL's X509_CERT_AUX: trust SEQUENCE OF OID, reject [0] IMPLICIT SEQUENCE OF OID. */
  public static byte[] withAuxTrust(byte[] der, String trustOid, String rejectOid) throws IOException {
    org.bouncycastle.asn1.ASN1EncodableVector aux = new org.bouncycastle.asn1.ASN1EncodableVector();
    if (trustOid != null) aux.add(new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1ObjectIdentifier(trustOid)));
    if (rejectOid != null) aux.add(new org.bouncycastle.asn1.DERTaggedObject(false, 0, new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1ObjectIdentifier(rejectOid))));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(der);
    out.write(new org.bouncycastle.asn1.DERSequence(aux).getEncoded());
    return out.toByteArray();
  }
}
