package org.anchorwatch.certs;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** RFC 4514 names via Bouncy Castle (stable ordering and escaping across JDKs). */
public final class DistinguishedNames {
  private DistinguishedNames() {}

  /**
   * The first value of an attribute ("CN", "O", "C"...) in a name as CertInfo spells it, as plain
   * text (a comma in "Superfish, Inc." is not escaped); empty when absent or unparsable.
   */
  public static Optional<String> attribute(String dn, String shortName) {
    try {
      RDN[] rdns = new X500Name(BCStyle.INSTANCE, dn).getRDNs(BCStyle.INSTANCE.attrNameToOID(shortName));
      if (rdns.length == 0) return Optional.empty();
      ASN1Encodable value = rdns[0].getFirst().getValue();
      return Optional.of(value instanceof ASN1String text ? text.getString() : IETFUtils.valueToString(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public static Optional<String> commonName(String rfc4514) {
    try {
      RDN[] cns = new X500Name(rfc4514).getRDNs(BCStyle.CN);
      if (cns.length == 0) return Optional.empty();
      return Optional.of(IETFUtils.valueToString(cns[0].getFirst().getValue()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
