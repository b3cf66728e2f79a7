package org.anchorwatch.stores.nss;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.stores.Trust;
import org.anchorwatch.stores.TrustStore;

/**
 * An NSS sql: database (cert9.db + key4.db) read through libnss3, opened read-only and without the
 * builtin roots, so it yields exactly what users and programs added: the set to audit. Each entry
 * carries the attributes "nickname", "trust" (certutil spelling) and "path" (the database
 * directory).
 *
 * <p>Trust: see {@link NssTrust#meaning()}. NSS 3.87 reports a cert without any trust object as
 * all-zero trust, the same as ",,", so such certs (cached intermediates, imports without -t) read
 * as DISTRUSTED; certutil cannot tell them apart either. Only if CERT_GetCertTrust ever fails is a
 * cert STORED for lack of trust, and its "trust" attribute is then absent.
 */
public final class NssStore implements TrustStore {
  private final Path dir;

  public NssStore(Path dir) {
    this.dir = dir;
  }

  @Override
  public StoreListing list() throws AnchorwatchException {
    // Copy out under the NSS lock, parse after it: other stores need not wait for Bouncy Castle.
    List<NssCert> certs = Nss.open(dir, Nss.Mode.READ, NssSession::certs);
    List<StoreEntry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (NssCert c : certs) {
      String location = dir + "#" + (c.nickname() == null ? "(no nickname)" : c.nickname());
      if (c.der() == null) {
        warnings.add(location + ": NSS returned no DER for this certificate");
        continue;
      }
      try {
        CertInfo info = CertParser.parseDer(c.der());
        entries.add(new StoreEntry(info, location, trust(c), attributes(c)));
      } catch (BadCertificateException e) {
        warnings.add(location + ": " + e.getMessage());
      }
    }
    return new StoreListing(entries, warnings);
  }

  /** No trust at all (CERT_GetCertTrust failed): NSS merely keeps the cert. */
  static Trust trust(NssCert c) {
    return c.trust() == null ? Trust.STORED : c.trust().meaning();
  }

  private Map<String, String> attributes(NssCert c) {
    Map<String, String> a = new LinkedHashMap<>();
    if (c.nickname() != null) a.put("nickname", c.nickname());
    if (c.trust() != null) a.put("trust", c.trust().render());
    a.put("path", dir.toString());
    return Map.copyOf(a);
  }
}
