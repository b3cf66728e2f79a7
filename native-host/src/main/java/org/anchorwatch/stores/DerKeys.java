package org.anchorwatch.stores;

import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;

/** The match keys of a DER certificate as OS APIs hand it over (certificate and SPKI SHA-256). */
public final class DerKeys {
  private DerKeys() {}

  public static String sha256(byte[] der) {
    return Hex.of(CertParser.digest("SHA-256", der));
  }

  /** The SPKI SHA-256, or "" when the bytes are not a certificate (then only the certificate hash matches). */
  public static String spki(byte[] der) {
    try {
      return CertParser.parseDer(der).spkiSha256();
    } catch (BadCertificateException e) {
      return "";
    }
  }

  public static boolean matches(byte[] der, String key) {
    return sha256(der).equals(key) || key.equals(spki(der));
  }
}
