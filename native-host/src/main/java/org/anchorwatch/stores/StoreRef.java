package org.anchorwatch.stores;

import java.nio.file.Path;

/**
 * A store to read: what it is, where, what it means for trust, and a human label
 * ("Firefox profile abc.default-esr"). Discovery produces these; --store adds explicit ones.
 *
 * @param explicit named on the command line: a missing path is an error, not a skip
 */
public record StoreRef(StoreType type, Path path, Role role, String label, PemRules rules, boolean explicit) {

  public StoreRef {
    if (rules == null) rules = PemRules.DEFAULT;
  }

  public static StoreRef of(StoreType type, Path path, Role role, String label) {
    return new StoreRef(type, path, role, label, PemRules.DEFAULT, false);
  }

  /** Stable identifier within a scan, also used by later protocol messages to name the store. */
  public String id() {
    return type.wire() + ":" + path;
  }
}
