package org.anchorwatch.stores.macos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.NativeBinding;
import org.anchorwatch.stores.OsStoreChanges;
import static org.anchorwatch.stores.DerKeys.sha256;
import org.anchorwatch.stores.macos.MacLocations.Location;

/**
 * Remove, distrust, back up and restore through Security.framework. A domain location loses its
 * trust settings (SecTrustSettingsRemoveTrustSettings), a keychain location its item
 * (SecItemDelete); Apple's system roots are never removed, only distrusted with a Deny setting.
 * The backup keeps the DER, the certificate's own settings (re-applied on restore) and the whole
 * domain's external representation (for a person to import by hand if ever needed).
 */
public final class MacChanges implements OsStoreChanges {
  static final String DOMAIN_EXPORT = "# domain-export ";
  private final NativeBinding<SecurityApi> api;
  private final String home;

  public MacChanges(NativeBinding<SecurityApi> api, String home) {
    this.api = api;
    this.home = home;
  }

  @Override
  public List<String> find(String key) throws AnchorwatchException {
    SecurityApi sec = api.get();
    List<String> out = new ArrayList<>();
    for (Location l : MacLocations.LOCATIONS) {
      for (byte[] der : read(sec, l)) {
        if (org.anchorwatch.stores.DerKeys.matches(der, key)) out.add(l.name());
      }
    }
    return out;
  }

  @Override
  public Changer changer(String location) throws AnchorwatchException {
    return parse(location).changer();
  }

  @Override
  public Saved capture(String location, String sha256) throws AnchorwatchException {
    Location l = parse(location);
    SecurityApi sec = api.get();
    byte[] der = read(sec, l).stream().filter(d -> sha256(d).equals(sha256)).findFirst()
        .orElseThrow(() -> new AnchorwatchException(ErrorCode.PLAN_STALE, location + " no longer holds certificate " + sha256));
    if (!l.isDomain()) return new Saved(location, sha256, der, new byte[0], Map.of("keychain", MacLocations.keychainPath(l, home)));
    try {
      List<TrustSetting> settings = sec.trustSettings(der, l.domain())
          .orElseThrow(() -> new AnchorwatchException(ErrorCode.PLAN_STALE, location + " has no trust settings for " + sha256));
      // the certificate's own settings (restored), then the whole domain as Apple exports it, kept
      // for a person to inspect or import by hand (security trust-settings-import); restore skips it
      String domainPlist = java.util.Base64.getEncoder().encodeToString(sec.exportDomain(l.domain()));
      String lines = settings.stream().map(TrustSetting::line).collect(Collectors.joining("\n"));
      String saved = (lines.isEmpty() ? "" : lines + "\n") + DOMAIN_EXPORT + domainPlist;
      return new Saved(location, sha256, der, saved.getBytes(StandardCharsets.US_ASCII), Map.of());
    } catch (SecStatusException e) {
      throw MacStatus.toError(e, location, ErrorCode.BACKUP_FAILED);
    }
  }

  @Override
  public void delete(String location, String sha256) throws AnchorwatchException {
    Location l = parse(location);
    if (l.changer() == Changer.INSTRUCTIONS_ONLY) {
      throw new AnchorwatchException(ErrorCode.REMOVE_FAILED, location + " is part of macOS and read-only: distrust it instead");
    }
    Saved s = capture(location, sha256); // also proves it is still there
    try {
      if (l.isDomain()) api.get().removeTrustSettings(s.der(), l.domain());
      else api.get().deleteKeychainItem(s.der(), MacLocations.keychainPath(l, home));
    } catch (SecStatusException e) {
      throw MacStatus.toError(e, location, ErrorCode.REMOVE_FAILED);
    }
  }

  @Override
  public void distrust(String location, String sha256, byte[] der) throws AnchorwatchException {
    Location l = parse(location);
    if (!sha256(der).equals(sha256)) throw new AnchorwatchException(ErrorCode.BAD_CERTIFICATE, "the DER is not certificate " + sha256);
    int domain = MacLocations.distrustDomain(l);
    try {
      api.get().setTrustSettings(der, domain, List.of(TrustSetting.deny()));
    } catch (SecStatusException e) {
      throw MacStatus.toError(e, "trust settings domain " + domain, ErrorCode.REMOVE_FAILED);
    }
  }

  @Override
  public void restore(Saved saved) throws AnchorwatchException {
    Location l = parse(saved.location());
    if (!sha256(saved.der()).equals(saved.sha256())) {
      throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "the saved DER is not certificate " + saved.sha256());
    }
    SecurityApi sec = api.get();
    try {
      if (l.isDomain()) {
        sec.setTrustSettings(saved.der(), l.domain(), settings(saved.platformBytes()));
      } else {
        try {
          sec.addKeychainItem(saved.der(), MacLocations.keychainPath(l, home));
        } catch (SecStatusException e) {
          if (e.status() != MacStatus.ERR_SEC_DUPLICATE_ITEM) throw e; // already back: nothing to do
        }
      }
    } catch (SecStatusException e) {
      throw MacStatus.toError(e, saved.location(), ErrorCode.REMOVE_FAILED);
    }
  }

  private static List<TrustSetting> settings(byte[] lines) throws AnchorwatchException {
    String text = new String(lines, StandardCharsets.US_ASCII);
    try {
      return text.lines().filter(line -> !line.startsWith(DOMAIN_EXPORT)).map(TrustSetting::fromLine).toList();
    } catch (IllegalArgumentException e) {
      throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "saved trust settings are damaged: " + e.getMessage());
    }
  }

  private List<byte[]> read(SecurityApi sec, Location l) throws AnchorwatchException {
    try {
      return l.isDomain() ? sec.trustSettingsCertificates(l.domain()) : sec.keychainCertificates(MacLocations.keychainPath(l, home));
    } catch (SecStatusException e) {
      if (e.status() == MacStatus.ERR_SEC_NO_SUCH_KEYCHAIN) return List.of();
      throw MacStatus.toError(e, l.name(), ErrorCode.STORE_CORRUPT);
    }
  }

  private static Location parse(String location) throws AnchorwatchException {
    Optional<Location> l = MacLocations.location(location);
    if (l.isEmpty()) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "not a macOS trust location: " + location);
    return l.get();
  }
}
