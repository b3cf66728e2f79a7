package org.anchorwatch.stores;

import org.anchorwatch.stores.nss.NssStore;

/** The one switch from a store reference to the code that reads it. */
public final class StoreOpener {
  private StoreOpener() {}

  public static TrustStore open(StoreRef ref) {
    return switch (ref.type()) {
      case PEM -> new PemStore(ref.path(), ref.rules());
      case NSS -> new NssStore(ref.path());
      case KEYSTORE -> new KeystoreStore(ref.path());
      case WINDOWS -> org.anchorwatch.stores.windows.WindowsPlatform.open(ref, org.anchorwatch.stores.windows.WindowsPlatform.CRYPT32);
      case MACOS -> org.anchorwatch.stores.macos.MacPlatform.open(ref, org.anchorwatch.stores.macos.MacPlatform.SECURITY);
    };
  }
}
