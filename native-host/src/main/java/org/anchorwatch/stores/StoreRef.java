package org.anchorwatch.stores;

import java.nio.file.Path;

/**
 * A store to read: what it is, where, what it means for trust, and a human label
 * ("Firefox profile abc.default-esr", for logs and the CLI) and its {@link Place} (codes for the
 * extension's words). Discovery produces these; --store adds explicit ones.
 *
 * @param explicit named on the command line: a missing path is an error, not a skip
 */
public record StoreRef(StoreType type, Path path, Role role, String label, PemRules rules, boolean explicit, Place place) {

  public StoreRef {
    if (rules == null) rules = PemRules.DEFAULT;
    if (place == null) place = Place.fallback(type, role, explicit);
  }

  /** A store whose place follows from its role alone (system rows, policies, --store). */
  public StoreRef(StoreType type, Path path, Role role, String label, PemRules rules, boolean explicit) {
    this(type, path, role, label, rules, explicit, null);
  }

  public static StoreRef of(StoreType type, Path path, Role role, String label) {
    return new StoreRef(type, path, role, label, PemRules.DEFAULT, false);
  }

  public static StoreRef of(StoreType type, Path path, Role role, String label, Place place) {
    return new StoreRef(type, path, role, label, PemRules.DEFAULT, false, place);
  }

  // equals and hashCode written out: a record's generated ones bootstrap through java.lang.invoke
  // (~30 method-handle classes spun at run time, resident for the host's life), and every scan
  // keys maps by StoreRef. RecordEqualityTest keeps them covering every component.
  @Override
  public boolean equals(Object o) {
    return o instanceof StoreRef r && type == r.type && explicit == r.explicit && role == r.role
        && java.util.Objects.equals(path, r.path) && java.util.Objects.equals(label, r.label)
        && java.util.Objects.equals(rules, r.rules) && java.util.Objects.equals(place, r.place);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(type, path, role, label, rules, explicit, place);
  }

  /** Stable identifier within a scan, also used by later protocol messages to name the store. */
  public String id() {
    return type.wire() + ":" + path;
  }
}
