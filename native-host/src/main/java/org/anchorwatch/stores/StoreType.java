package org.anchorwatch.stores;

import java.util.Locale;
import java.util.Optional;

/** Kinds of store this host can read; the wire and --store spelling is the lowercase name. */
public enum StoreType {
  /** A PEM/DER file, a bundle of PEM blocks, or a directory of them. */
  PEM,
  /** An NSS sql: database directory (cert9.db), read through libnss3. */
  NSS,
  /** A Java keystore file (JKS or PKCS12). */
  KEYSTORE;
  // Later: WINDOWS_CRYPT32, MACOS_KEYCHAIN behind the same TrustStore interface.

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StoreType> fromWire(String s) {
    for (StoreType t : values()) if (t.wire().equals(s)) return Optional.of(t);
    return Optional.empty();
  }
}
