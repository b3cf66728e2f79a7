package org.anchorwatch.certs;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * OpenSSL's "TRUSTED CERTIFICATE" trailer (X509_CERT_AUX after the certificate) as it bears on
 * TLS server trust: a reject list naming serverAuth (or any purpose) distrusts the root; a trust
 * list that names neither keeps it out of TLS; no trailer leaves the store's own verdict.
 */
public enum AuxTrust {
  NONE,
  TLS_TRUSTED,
  TLS_REJECTED,
  NOT_FOR_TLS;

  private static final ASN1ObjectIdentifier SERVER_AUTH = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.1");
  private static final ASN1ObjectIdentifier ANY_EKU = new ASN1ObjectIdentifier("2.5.29.37.0");

  /** Reads the trailer of a TRUSTED CERTIFICATE block's DER; anything unreadable counts as no trailer. */
  public static AuxTrust of(byte[] der) {
    try (ASN1InputStream in = new ASN1InputStream(der, true)) {
      if (in.readObject() == null) return NONE;
      ASN1Primitive aux = in.readObject();
      if (!(aux instanceof ASN1Sequence seq)) return NONE;
      Boolean trusted = null;
      for (ASN1Encodable e : seq) {
        if (e instanceof ASN1Sequence trust) {
          trusted = mentionsTls(trust);
        } else if (e instanceof ASN1TaggedObject t && t.getTagNo() == 0) {
          if (mentionsTls(ASN1Sequence.getInstance(t, false))) return TLS_REJECTED;
        }
      }
      return trusted == null ? NONE : trusted ? TLS_TRUSTED : NOT_FOR_TLS;
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  private static boolean mentionsTls(ASN1Sequence oids) {
    for (ASN1Encodable o : oids) if (SERVER_AUTH.equals(o) || ANY_EKU.equals(o)) return true;
    return false;
  }
}
