package org.anchorwatch.testsupport;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Generated certificates for tests (EC P-256, fast to make): a root CA, intermediates, a TLS leaf
 * with SANs, and a re-issue of any certificate with the same key (same SPKI, new certificate
 * hash), which is how blocklist matching by SPKI is exercised.
 */
public final class TestCerts {
  public static final char[] PASSWORD = "changeit".toCharArray();
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private TestCerts() {}

  /** A certificate and its key pair. */
  public record Issued(KeyPair keys, X509Certificate cert) {
    public byte[] der() {
      try {
        return cert.getEncoded();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    public String sha256() {
      return Hex.of(CertParser.digest("SHA-256", der()));
    }

    public String spkiSha256() {
      return Hex.of(CertParser.digest("SHA-256", keys.getPublic().getEncoded()));
    }

    /** The subject as the host spells it (Bouncy Castle's X500Name style). */
    public String subject() {
      try {
        return CertParser.parseDer(der()).subject();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static Issued root(String cn) {
    KeyPair k = newKeyPair();
    return new Issued(k, build(name(cn), k, name(cn), k, true, List.of()));
  }

  public static Issued intermediate(String cn, Issued issuer) {
    KeyPair k = newKeyPair();
    return new Issued(k, build(name(cn), k, subjectOf(issuer), issuer.keys(), true, List.of()));
  }

  /** A server certificate; each SAN is an IP literal or a DNS name. */
  public static Issued leaf(String cn, Issued issuer, String... sans) {
    KeyPair k = newKeyPair();
    return new Issued(k, build(name(cn), k, subjectOf(issuer), issuer.keys(), false, List.of(sans)));
  }

  /** The same subject and key, a new serial and validity: a different certificate hash, the same SPKI. */
  public static Issued reissue(Issued original, Issued issuer) {
    boolean ca = original.cert().getBasicConstraints() >= 0;
    X500Name subject = subjectOf(original);
    Issued signer = issuer == null ? original : issuer;
    return new Issued(original.keys(), build(subject, original.keys(), subjectOf(signer), signer.keys(), ca, List.of()));
  }

  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
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

  private static X500Name name(String cn) {
    return new X500Name("CN=" + cn + ",O=Anchorwatch Test");
  }

  private static X500Name subjectOf(Issued i) {
    return X500Name.getInstance(i.cert().getSubjectX500Principal().getEncoded());
  }

  private static X509Certificate build(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
      boolean ca, List<String> sans) {
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject, subjectKeys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
      if (!sans.isEmpty()) {
        GeneralName[] names = sans.stream()
            .map(s -> new GeneralName(IPAddress.isValid(s) ? GeneralName.iPAddress : GeneralName.dNSName, s))
            .toArray(GeneralName[]::new);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build test certificate", e);
    }
  }
}
