package org.anchorwatch.stores.nss;

import org.anchorwatch.stores.Trust;

/**
 * NSS trust: one flag word each for TLS servers, S/MIME and code signing, as CERT_GetCertTrust
 * returns them. NSS stores a projection of what certutil -t asked for (PKCS#11 trust levels):
 * T only survives in the SSL word, u is derived from a private key being present, w is dropped,
 * and "no trust object" reads back as all zero, just like ",,".
 */
public record NssTrust(int ssl, int email, int objectSigning) {
  // certdb.h CERTDB_* bits
  static final int TERMINAL_RECORD = 0x1; // p: a terminal record (peer), with no other bit: distrust
  static final int TRUSTED = 0x2; // P: trusted peer (a server cert accepted as is)
  static final int SEND_WARN = 0x4; // w
  static final int VALID_CA = 0x8; // c: may act as an intermediate, not an anchor
  static final int TRUSTED_CA = 0x10; // C: trust anchor for servers
  static final int USER = 0x40; // u: the user holds the private key
  static final int TRUSTED_CLIENT_CA = 0x80; // T: trust anchor for client certs
  static final int INVISIBLE_CA = 0x100; // I
  static final int GOVT_APPROVED_CA = 0x200; // G

  static final NssTrust DISTRUST = new NssTrust(0, 0, 0);

  /**
   * What this trust means for an audit.
   *
   * <ul>
   *   <li>TRUSTED: C or T in any word: the cert is a trust anchor for something.
   *   <li>STORED: P, c or u without C/T. A peer-trusted leaf ("P,,"), an intermediate marked
   *       valid ("c,,") or a user cert ("u,u,u") is not an anchor, but neither is it distrusted.
   *       A root carrying "P" is accepted as a server cert, not as an issuer, so it cannot sign
   *       interception certs.
   *   <li>DISTRUSTED: nothing positive left: ",," (what our distrust writes) and "p,p,p" (NSS's
   *       explicit distrust).
   * </ul>
   * A cert without a trust object is STORED; the caller decides that, since it has no NssTrust.
   */
  public Trust meaning() {
    if (isAnchor()) return Trust.TRUSTED;
    if (((ssl | email | objectSigning) & (TRUSTED | VALID_CA | USER)) != 0) return Trust.STORED;
    return Trust.DISTRUSTED;
  }

  /** C or T in any of the three words. */
  public boolean isAnchor() {
    return ((ssl | email | objectSigning) & (TRUSTED_CA | TRUSTED_CLIENT_CA)) != 0;
  }

  /**
   * The certutil spelling ("C,,", "CT,C,C", ",,"). CERT_EncodeTrustString is not exported by
   * libnss3, so this follows its EncodeFlags (lib/certdb/certdb.c) letter for letter, including its
   * order c p C T P u w I G, so the string compares equal to certutil -L output.
   */
  public String render() {
    return word(ssl) + "," + word(email) + "," + word(objectSigning);
  }

  private static String word(int f) {
    StringBuilder b = new StringBuilder();
    if ((f & VALID_CA) != 0 && (f & (TRUSTED_CA | TRUSTED_CLIENT_CA)) == 0) b.append('c');
    if ((f & TERMINAL_RECORD) != 0 && (f & TRUSTED) == 0) b.append('p');
    if ((f & TRUSTED_CA) != 0) b.append('C');
    if ((f & TRUSTED_CLIENT_CA) != 0) b.append('T');
    if ((f & TRUSTED) != 0) b.append('P');
    if ((f & USER) != 0) b.append('u');
    if ((f & SEND_WARN) != 0) b.append('w');
    if ((f & INVISIBLE_CA) != 0) b.append('I');
    if ((f & GOVT_APPROVED_CA) != 0) b.append('G');
    return b.toString();
  }

  static NssTrust of(NssLibrary.CertTrust t) {
    return new NssTrust(t.sslFlags, t.emailFlags, t.objectSigningFlags);
  }

  NssLibrary.CertTrust toNative() {
    NssLibrary.CertTrust t = new NssLibrary.CertTrust();
    t.sslFlags = ssl;
    t.emailFlags = email;
    t.objectSigningFlags = objectSigning;
    return t;
  }
}
