package org.anchorwatch.stores.macos;

/**
 * One usage-constraints dictionary of a certificate's trust settings, reduced to what decides
 * trust and what a restore re-applies.
 *
 * @param result kSecTrustSettingsResult; null when absent, which means TrustRoot
 * @param policyOid the kSecTrustSettingsPolicy's OID ("1.2.840.113635.100.1.3" for SSL), or null for every policy
 */
public record TrustSetting(Integer result, String policyOid) {
  public static final int TRUST_ROOT = 1;
  public static final int TRUST_AS_ROOT = 2;
  public static final int DENY = 3;
  public static final int UNSPECIFIED = 4;

  public static TrustSetting deny() {
    return new TrustSetting(DENY, null);
  }

  int effectiveResult() {
    return result == null ? TRUST_ROOT : result;
  }

  /** A line of a backup: "result policy" with "-" for absent values. */
  String line() {
    return (result == null ? "-" : result.toString()) + " " + (policyOid == null ? "-" : policyOid);
  }

  static TrustSetting fromLine(String line) {
    String[] p = line.strip().split(" ");
    if (p.length != 2 || !(p[0].equals("-") || p[0].matches("[1-4]")) || !(p[1].equals("-") || p[1].matches("[0-9.]+"))) {
      throw new IllegalArgumentException("not a trust-settings line: " + line);
    }
    return new TrustSetting(p[0].equals("-") ? null : Integer.valueOf(p[0]), p[1].equals("-") ? null : p[1]);
  }
}
