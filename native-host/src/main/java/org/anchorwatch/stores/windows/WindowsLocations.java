package org.anchorwatch.stores.windows;

import java.util.List;
import java.util.Optional;
import org.anchorwatch.stores.OsStoreChanges.Changer;

/**
 * Where crypt32 keeps certificates, one physical registry location at a time (opened with
 * CERT_STORE_PROV_SYSTEM_REGISTRY_W so a certificate's real home is known: the logical
 * CurrentUser\ROOT would also list every LocalMachine root). Flags from MS Learn "System Store
 * Locations" and jna-platform WinCrypt. CurrentUser changes run in the user's own process
 * (Windows itself asks before it touches CurrentUser\ROOT); LocalMachine changes run in an elevated
 * invocation; Group Policy and Enterprise certificates are pushed by an administrator and come
 * back after a removal, so they get instructions only.
 */
public final class WindowsLocations {
  private WindowsLocations() {}

  public record Location(String name, int flag, String registry, Changer changer) {}

  public static final List<Location> LOCATIONS = List.of(
      new Location("CurrentUser", 0x00010000, "HKCU\\Software\\Microsoft\\SystemCertificates", Changer.USER),
      new Location("LocalMachine", 0x00020000, "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates", Changer.ELEVATED),
      new Location("CurrentUserGroupPolicy", 0x00070000, "HKCU\\Software\\Policies\\Microsoft\\SystemCertificates", Changer.INSTRUCTIONS_ONLY),
      new Location("LocalMachineGroupPolicy", 0x00080000, "HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates", Changer.INSTRUCTIONS_ONLY),
      new Location("LocalMachineEnterprise", 0x00090000, "HKLM\\SOFTWARE\\Microsoft\\EnterpriseCertificates", Changer.INSTRUCTIONS_ONLY));

  /** Stores whose certificates are trusted as roots, or chain to them. */
  public static final List<String> TRUST_STORES = List.of("ROOT", "AuthRoot", "CA");

  /** Explicit distrust: a certificate here is distrusted everywhere; never removed from. */
  public static final String DISALLOWED = "Disallowed";

  public static Optional<Location> location(String name) {
    return LOCATIONS.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** Where a distrust for a certificate found at {@code where} goes: the matching unmanaged Disallowed. */
  public static Location distrustTarget(Location where) {
    return where.changer() == Changer.USER ? LOCATIONS.get(0) : LOCATIONS.get(1);
  }
}
