package org.anchorwatch.stores.macos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.NativeBinding;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.stores.Trust;
import org.anchorwatch.stores.TrustStore;
import org.anchorwatch.stores.macos.MacLocations.Location;

/**
 * One trust-settings domain or keychain. Every certificate is reported with its effective trust
 * across the domains (a Deny in the user domain neutralises an admin-domain root), so a root that
 * is already distrusted raises nothing.
 */
public final class MacStore implements TrustStore {
  private final NativeBinding<SecurityApi> api;
  private final Location where;
  private final String home;
  private final java.util.function.Supplier<Map<String, String>> profiles;

  public MacStore(NativeBinding<SecurityApi> api, Location where, String home) {
    this(api, where, home, Map::of);
  }

  /** @param profiles SHA-256 → name of the configuration profile that installed it */
  public MacStore(NativeBinding<SecurityApi> api, Location where, String home, java.util.function.Supplier<Map<String, String>> profiles) {
    this.api = api;
    this.where = where;
    this.home = home;
    this.profiles = profiles;
  }

  @Override
  public StoreListing list() throws AnchorwatchException {
    SecurityApi sec = api.get();
    List<StoreEntry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<byte[]> ders;
    try {
      ders = where.isDomain() ? sec.trustSettingsCertificates(where.domain()) : sec.keychainCertificates(MacLocations.keychainPath(where, home));
    } catch (SecStatusException e) {
      throw MacStatus.toError(e, where.name(), ErrorCode.STORE_CORRUPT);
    }
    Map<String, String> byProfile = ders.isEmpty() ? Map.of() : profiles.get();
    for (byte[] der : ders) {
      try {
        CertInfo c = CertParser.parseDer(der);
        Trust trust = MacTrust.effective(sec, der);
        Map<String, String> a = attributes();
        String profile = byProfile.get(c.sha256());
        if (profile != null) a.put("profile", profile);
        entries.add(new StoreEntry(c, where.name() + "#" + c.sha1(), trust, a));
      } catch (BadCertificateException e) {
        warnings.add(where.name() + ": an item is not a certificate: " + e.getMessage());
      } catch (SecStatusException e) {
        warnings.add(where.name() + ": trust settings unreadable for one certificate: " + e.getMessage());
      }
    }
    return new StoreListing(entries, warnings);
  }

  private Map<String, String> attributes() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("location", where.name());
    a.put("changer", where.changer().name().toLowerCase(Locale.ROOT));
    if (!where.isDomain()) a.put("keychain", MacLocations.keychainPath(where, home));
    return a;
  }
}
