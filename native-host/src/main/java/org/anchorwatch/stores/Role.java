package org.anchorwatch.stores;

/**
 * What a store means for trust, which decides when a certificate in it deserves a notice.
 * Blocklisted certificates are reported from every role except BLOCKLIST_DIR.
 */
public enum Role {
  /** The distribution's shipped CA set (Debian /usr/share/ca-certificates, Fedora ca-trust-source). No notices. */
  DISTRO,
  /** Where admins, users and programs add anchors (local anchor dirs, NSS databases, --store). Every trusted root is a notice. */
  ADDED,
  /** Generated bundles and keystores (ca-certificates.crt, extracted cacerts). Notice only for certificates from no known source. */
  EXTRACTED,
  /** A JDK's own cacerts/jssecacerts. Notice for entries outside the distro set. */
  JDK,
  /** Distrust lists (p11-kit blocklist dirs): their certificates are neutralised everywhere in the system store. */
  BLOCKLIST_DIR,
  /**
   * A certificate file a browser enterprise policy installs at every start (Firefox policies.json
   * Certificates.Install). Every trusted root is a notice, and removing it elsewhere is futile
   * until the policy entry goes.
   */
  POLICY
}
