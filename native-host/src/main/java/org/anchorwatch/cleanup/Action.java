package org.anchorwatch.cleanup;

import java.util.Locale;

/** What cleanup does at one location. */
public enum Action {
  /** Remove the certificate (NSS entry, keystore alias, anchor file). */
  DELETE,
  /** Keep it but take its trust away (NSS ",,"): the gentlest, most reversible choice. */
  DISTRUST,
  /** Debian: prefix the shipped file's line in /etc/ca-certificates.conf with "!". Package files are never deleted. */
  DESELECT,
  /** p11-kit distros: put a copy into the distrust (blocklist) directory. */
  BLOCKLIST,
  /** A generated bundle or keystore: the distro's rebuild regenerates it without the certificate. */
  REBUILD_COVERS,
  /** The host cannot act here safely; the plan shows the exact steps instead. */
  INSTRUCTIONS;

  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean changesStore() {
    return this == DELETE || this == DISTRUST || this == DESELECT || this == BLOCKLIST;
  }
}
