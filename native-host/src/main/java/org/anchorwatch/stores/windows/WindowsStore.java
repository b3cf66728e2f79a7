package org.anchorwatch.stores.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.stores.NativeBinding;
import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.stores.Trust;
import org.anchorwatch.stores.TrustStore;
import org.anchorwatch.stores.windows.WindowsLocations.Location;

/**
 * One physical crypt32 registry store ({@code LocalMachine\ROOT}). A certificate whose SHA-256
 * or SPKI SHA-256 is in any Disallowed store is reported DISTRUSTED: Windows will not trust it
 * wherever else it sits, so it raises nothing.
 */
public final class WindowsStore implements TrustStore {
  private final NativeBinding<CertApi> api;
  private final Location where;
  private final String store;

  public WindowsStore(NativeBinding<CertApi> api, Location where, String store) {
    this.api = api;
    this.where = where;
    this.store = store;
  }

  @Override
  public StoreListing list() throws AnchorwatchException {
    CertApi crypt32 = api.get();
    Set<String> disallowed = Disallowed.keys(crypt32);
    List<StoreEntry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (CertStoreReader.Item item : CertStoreReader.read(crypt32, where, store)) {
      CertInfo c;
      try {
        c = CertParser.parseDer(item.der());
      } catch (BadCertificateException e) {
        warnings.add(where.name() + "\\" + store + ": an entry is not a certificate: " + e.getMessage());
        continue;
      }
      entries.add(new StoreEntry(c, where.name() + "\\" + store + "#" + c.sha1(), trust(c, disallowed), attributes(item)));
    }
    return new StoreListing(entries, warnings);
  }

  private Trust trust(CertInfo c, Set<String> disallowed) {
    if (store.equalsIgnoreCase(WindowsLocations.DISALLOWED)) return Trust.DISTRUSTED;
    if (disallowed.contains(c.sha256()) || disallowed.contains(c.spkiSha256())) return Trust.DISTRUSTED;
    return store.equalsIgnoreCase("CA") ? Trust.STORED : Trust.TRUSTED;
  }

  private Map<String, String> attributes(CertStoreReader.Item item) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("location", where.name());
    a.put("store", store);
    a.put("changer", where.changer().name().toLowerCase(java.util.Locale.ROOT));
    a.put("registry", where.registry() + "\\" + store);
    if (item.element() != null) {
      try {
        SerializedElement.parse(item.element()).friendlyName().ifPresent(n -> a.put("friendlyName", n));
      } catch (AnchorwatchException ignored) {
        // the name is for display only; a backup parses the element again and fails loudly there
      }
    }
    return a;
  }
}
