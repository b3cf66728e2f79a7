package org.anchorwatch.stores.windows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.NativeBinding;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.anchorwatch.stores.TrustStore;
import org.anchorwatch.stores.windows.WindowsLocations.Location;

/**
 * The Windows stores as store references, and the one lazily loaded crypt32 binding they share.
 * A reference's path is {@code <location>/<store>} ("LocalMachine/ROOT"): a name, not a file.
 */
public final class WindowsPlatform {
  private WindowsPlatform() {}

  public static final NativeBinding<CertApi> CRYPT32 = NativeBinding.once(JnaCertApi::load);

  public static List<StoreRef> stores() {
    List<StoreRef> refs = new ArrayList<>();
    for (Location l : WindowsLocations.LOCATIONS) {
      for (String store : WindowsLocations.TRUST_STORES) {
        refs.add(StoreRef.of(StoreType.WINDOWS, Path.of(l.name(), store), role(l, store), "Windows " + l.name() + " " + store));
      }
      refs.add(StoreRef.of(StoreType.WINDOWS, Path.of(l.name(), WindowsLocations.DISALLOWED), Role.BLOCKLIST_DIR,
          "Windows " + l.name() + " Disallowed"));
    }
    return refs;
  }

  /**
   * AuthRoot is Microsoft's root program (shipped, updated by Windows Update); LocalMachine\ROOT
   * mixes Microsoft's own roots with what installers add; everything else is added by someone.
   */
  static Role role(Location l, String store) {
    if (store.equals("AuthRoot")) return Role.DISTRO;
    if (store.equals("CA") || l.name().equals("LocalMachine")) return Role.EXTRACTED;
    return Role.ADDED;
  }

  /** A path that names no known location (a mistyped --store) fails when listed, like a missing file. */
  public static TrustStore open(StoreRef ref, NativeBinding<CertApi> api) {
    Path p = ref.path();
    var where = p.getNameCount() == 2 ? WindowsLocations.location(p.getName(0).toString()) : java.util.Optional.<Location>empty();
    if (where.isEmpty()) {
      return () -> {
        throw new AnchorwatchException(ErrorCode.STORE_NOT_FOUND, "no Windows store location " + p + " (expected e.g. LocalMachine/ROOT)");
      };
    }
    return new WindowsStore(api, where.get(), p.getName(1).toString());
  }
}
