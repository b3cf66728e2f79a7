package org.anchorwatch.certs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.Time;

/**
 * Parses X.509 certificates from DER, PEM (one or many blocks, OpenSSL "TRUSTED CERTIFICATE"
 * blocks too) with Bouncy Castle's ASN.1 layer. It is deliberately lenient about extensions and
 * strict about structure: a blocklisted root may be old or odd (eDellRoot has no
 * basicConstraints), but garbage must fail with a clear error, never a crash.
 */
public final class CertParser {
  private static final int MAX_CERT_BYTES = 64 * 1024;

  private CertParser() {}

  /** Per-thread memo while {@link #sharingParses} runs; null otherwise. */
  private static final ThreadLocal<Map<ByteBuffer, CertInfo>> MEMO = new ThreadLocal<>();

  /**
   * Shares parses by exact bytes on this thread until the returned scope is closed: a machine
   * scan meets each distro CA three times (the certificate directory, the extracted bundle,
   * Java's cacerts), and a CertInfo is a pure function of the bytes. A nested scope joins the
   * running memo. (A scope, not a callback: the host's routine path loads no lambda runtime.)
   */
  public static SharedParses sharingParses() {
    if (MEMO.get() != null) return new SharedParses(false);
    MEMO.set(new HashMap<>());
    return new SharedParses(true);
  }

  /** Closing it ends the memo it started, if it started one. */
  public static final class SharedParses implements AutoCloseable {
    private final boolean owner;

    private SharedParses(boolean owner) {
      this.owner = owner;
    }

    @Override
    public void close() {
      if (owner) MEMO.remove();
    }
  }

  public static CertInfo parseDer(byte[] der) throws BadCertificateException {
    Map<ByteBuffer, CertInfo> memo = MEMO.get();
    if (memo == null || der == null) return parse(der);
    ByteBuffer key = ByteBuffer.wrap(der.clone()); // the caller keeps its array
    CertInfo c = memo.get(key);
    if (c == null) {
      c = parse(der); // failures throw and are not remembered
      memo.put(key, c);
    }
    return c;
  }

  private static CertInfo parse(byte[] der) throws BadCertificateException {
    if (der == null || der.length == 0) throw new BadCertificateException("empty certificate");
    if (der.length > MAX_CERT_BYTES) {
      throw new BadCertificateException("certificate larger than " + MAX_CERT_BYTES + " bytes");
    }
    Certificate cert;
    byte[] exact;
    try (ASN1InputStream in = new ASN1InputStream(der, true)) {
      ASN1Primitive obj = in.readObject();
      if (obj == null) throw new BadCertificateException("no ASN.1 object in certificate bytes");
      cert = Certificate.getInstance(obj);
      // Hash the certificate's own encoding: trailing bytes (OpenSSL aux trust) are not part of it.
      exact = cert.getEncoded(ASN1Encoding.DER);
      if (!Arrays.equals(exact, 0, exact.length, der, 0, Math.min(der.length, exact.length))) {
        // BER or non-canonical input: keep the original bytes that were stored.
        exact = Arrays.copyOf(der, Math.min(der.length, exact.length));
      }
    } catch (BadCertificateException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BadCertificateException("not a DER X.509 certificate: " + safeMessage(e), e);
    }
    try {
      byte[] spki = cert.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
      Extensions ext = cert.getTBSCertificate().getExtensions();
      BasicConstraints bc = ext == null ? null : BasicConstraints.fromExtensions(ext);
      X500Name subject = X500Name.getInstance(BCStyle.INSTANCE, cert.getSubject());
      X500Name issuer = X500Name.getInstance(BCStyle.INSTANCE, cert.getIssuer());
      return new CertInfo(
          exact,
          Hex.of(digest("SHA-256", exact)),
          Hex.of(digest("SHA-1", exact)),
          Hex.of(digest("SHA-256", spki)),
          subject.toString(),
          issuer.toString(),
          instant(cert.getStartDate()),
          instant(cert.getEndDate()),
          bc != null && bc.isCA(),
          cert.getSubject().equals(cert.getIssuer()));
    } catch (IOException | RuntimeException e) {
      throw new BadCertificateException("certificate fields cannot be read: " + safeMessage(e), e);
    }
  }

  /**
   * Every certificate in a file's bytes: its PEM certificate blocks when it is PEM text (possibly
   * none, e.g. a key file), else the whole file as one DER certificate.
   */
  public static List<CertInfo> parseAny(byte[] bytes) throws BadCertificateException {
    if (!isPem(bytes)) return List.of(parseDer(bytes));
    List<byte[]> ders = pemBlocks(bytes);
    List<CertInfo> out = new ArrayList<>(ders.size());
    for (byte[] der : ders) out.add(parseDer(der));
    return out;
  }

  /** Base64 payloads of CERTIFICATE / TRUSTED CERTIFICATE / X509 CERTIFICATE PEM blocks. */
  public static List<byte[]> pemBlocks(byte[] bytes) throws BadCertificateException {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = text.indexOf("-----BEGIN ", from);
      if (begin < 0) break;
      int labelEnd = text.indexOf("-----", begin + 11);
      if (labelEnd < 0) break;
      String label = text.substring(begin + 11, labelEnd);
      int end = text.indexOf("-----END " + label + "-----", labelEnd + 5);
      if (end < 0) throw new BadCertificateException("PEM block '" + label + "' has no END line");
      if (label.equals("CERTIFICATE") || label.equals("TRUSTED CERTIFICATE")
          || label.equals("X509 CERTIFICATE")) {
        String body = PemReader.withoutWhitespace(text.substring(labelEnd + 5, end));
        try {
          out.add(Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
          throw new BadCertificateException("PEM block is not valid base64");
        }
      }
      from = end + 9 + label.length() + 5;
    }
    return out;
  }

  public static boolean isPem(byte[] bytes) {
    return new String(bytes, 0, Math.min(bytes.length, 1 << 20), StandardCharsets.ISO_8859_1)
        .contains("-----BEGIN ");
  }

  /** SHA-256 and SHA-1 by {@link Sha} (why not the JDK's: there), any other algorithm by the JDK. */
  public static byte[] digest(String algorithm, byte[] data) {
    if (algorithm.equals("SHA-256")) return Sha.sha256(data);
    if (algorithm.equals("SHA-1")) return Sha.sha1(data);
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }

  /**
   * A validity time. The RFC 5280 forms (UTCTime YYMMDDHHMMSSZ with years 50-99 meaning 19xx,
   * GeneralizedTime YYYYMMDDHHMMSSZ) that nearly every certificate uses are read here directly;
   * anything else, or an impossible date, goes through Bouncy Castle's lenient parsing as before.
   * Why: BC's path builds a SimpleDateFormat per call, ~3 µs per date in the host's C1 code, a
   * fifth of parsing a whole certificate. CertParserFastPathsTest checks both paths agree.
   */
  static Instant instant(Time t) {
    ASN1Primitive p = t.toASN1Primitive();
    String s = p instanceof ASN1UTCTime u ? u.toString() : p instanceof ASN1GeneralizedTime g ? g.getTimeString() : null;
    if (s != null) {
      boolean utc = p instanceof ASN1UTCTime;
      int digits = utc ? 12 : 14;
      if (s.length() == digits + 1 && s.charAt(digits) == 'Z' && allDigits(s, digits)) {
        int year = utc ? num(s, 0, 2) : num(s, 0, 4);
        if (utc) year += year < 50 ? 2000 : 1900;
        int i = utc ? 2 : 4;
        try {
          return LocalDateTime.of(year, num(s, i, 2), num(s, i + 2, 2), num(s, i + 4, 2), num(s, i + 6, 2), num(s, i + 8, 2))
              .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException impossible) {
          // e.g. February 30th: BC's lenient reading decides, as it always did
        }
      }
    }
    return t.getDate().toInstant();
  }

  private static boolean allDigits(String s, int n) {
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  private static int num(String s, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) v = v * 10 + (s.charAt(i) - '0');
    return v;
  }

  private static String safeMessage(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
