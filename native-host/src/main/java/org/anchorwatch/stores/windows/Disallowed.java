package org.anchorwatch.stores.windows;

import java.util.HashSet;
import java.util.Set;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.stores.windows.WindowsLocations.Location;

/** SHA-256 and SPKI SHA-256 of every certificate in every location's Disallowed store. */
final class Disallowed {
  private Disallowed() {}

  static Set<String> keys(CertApi api) {
    Set<String> keys = new HashSet<>();
    for (Location l : WindowsLocations.LOCATIONS) {
      try {
        for (CertStoreReader.Item item : CertStoreReader.read(api, l, WindowsLocations.DISALLOWED)) {
          keys.add(item.sha256());
          try {
            keys.add(CertParser.parseDer(item.der()).spkiSha256());
          } catch (org.anchorwatch.certs.BadCertificateException ignored) {
            // its certificate hash is still known
          }
        }
      } catch (AnchorwatchException unreadable) {
        // the Disallowed store is also listed as a store of its own, where this error is reported
      }
    }
    return keys;
  }
}
