package org.anchorwatch.stores.macos;

import java.util.List;
import java.util.Optional;
import org.anchorwatch.stores.OsStoreChanges.Changer;
import org.anchorwatch.stores.Role;

/**
 * Where macOS keeps trust: three trust-settings domains (user overrides admin overrides system)
 * and the keychains holding the certificates. A location's name is its store path
 * ("domain/admin", "keychain/Library/Keychains/System.keychain"); "~" is the user's home.
 */
public final class MacLocations {
  private MacLocations() {}

  /** @param domain a SecTrustSettingsDomain, or -1 for a keychain */
  public record Location(String name, int domain, String keychain, Role role, Changer changer) {
    public boolean isDomain() {
      return domain >= 0;
    }
  }

  public static final List<Location> LOCATIONS = List.of(
      new Location("domain/user", SecurityApi.DOMAIN_USER, null, Role.ADDED, Changer.USER),
      new Location("domain/admin", SecurityApi.DOMAIN_ADMIN, null, Role.ADDED, Changer.ELEVATED),
      new Location("domain/system", SecurityApi.DOMAIN_SYSTEM, null, Role.DISTRO, Changer.INSTRUCTIONS_ONLY),
      new Location("keychain/~/Library/Keychains/login.keychain-db", -1, "~/Library/Keychains/login.keychain-db", Role.ADDED, Changer.USER),
      new Location("keychain/Library/Keychains/System.keychain", -1, "/Library/Keychains/System.keychain", Role.ADDED, Changer.ELEVATED),
      // sealed system volume: Apple's roots can only be distrusted (a Deny setting), never removed
      new Location("keychain/System/Library/Keychains/SystemRootCertificates.keychain", -1,
          "/System/Library/Keychains/SystemRootCertificates.keychain", Role.DISTRO, Changer.INSTRUCTIONS_ONLY));

  /** Precedence order of the domains for a certificate's effective trust. */
  public static final List<Integer> DOMAIN_ORDER = List.of(SecurityApi.DOMAIN_USER, SecurityApi.DOMAIN_ADMIN, SecurityApi.DOMAIN_SYSTEM);

  public static Optional<Location> location(String name) {
    return LOCATIONS.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** The domain a distrust (Deny) goes into: the user's own for user places, else admin. */
  public static int distrustDomain(Location where) {
    return where.changer() == Changer.USER ? SecurityApi.DOMAIN_USER : SecurityApi.DOMAIN_ADMIN;
  }

  /** The keychain path with "~" expanded against {@code home}. */
  public static String keychainPath(Location l, String home) {
    return l.keychain().startsWith("~/") ? home + l.keychain().substring(1) : l.keychain();
  }
}
