package org.anchorwatch.stores;

/** What the store says about one certificate it holds. */
public enum Trust {
  /** Used as a trust anchor (NSS C/T flags, a selected anchor file, a keystore entry). */
  TRUSTED,
  /** Stored with no trust of its own (an NSS cached intermediate, an unselected distro file). */
  STORED,
  /** Explicitly distrusted (NSS ",,", Debian "!" line, p11-kit x-distrusted, blocklist dir). */
  DISTRUSTED
}
