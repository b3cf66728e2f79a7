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
  KEYSTORE,
  /** A Windows crypt32 registry store, path "LocalMachine/ROOT" (stores.windows). */
  WINDOWS,
  /** A macOS trust-settings domain or keychain, path "domain/admin" or "keychain/..." (stores.macos). */
  MACOS;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StoreType> fromWire(String s) {
    for (StoreType t : values()) if (t.wire().equals(s)) return Optional.of(t);
    return Optional.empty();
  }
}
