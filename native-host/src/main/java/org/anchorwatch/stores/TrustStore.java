package org.anchorwatch.stores;

import org.anchorwatch.errors.AnchorwatchException;

/**
 * One readable store. Implementations: {@link PemStore}, {@link KeystoreStore},
 * {@link org.anchorwatch.stores.nss.NssStore}, {@link org.anchorwatch.stores.windows.WindowsStore} (crypt32)
 * and {@link org.anchorwatch.stores.macos.MacStore} (Security.framework). A failure of the whole store is an exception with a stable code;
 * the scan turns it into a per-store error so it never hides the other stores.
 */
public interface TrustStore {
  StoreListing list() throws AnchorwatchException;
}
