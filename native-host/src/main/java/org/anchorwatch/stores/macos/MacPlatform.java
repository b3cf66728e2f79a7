package org.anchorwatch.stores.macos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.NativeBinding;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.anchorwatch.stores.TrustStore;
import org.anchorwatch.stores.macos.MacLocations.Location;

/** The macOS stores as store references, and the one lazily loaded Security binding they share. */
public final class MacPlatform {
  private MacPlatform() {}

  public static final NativeBinding<SecurityApi> SECURITY = NativeBinding.once(JnaSecurityApi::load);

  /** Asked only when a macOS store holds something, and at most once per scan (30 s) in a long-lived host. */
  private static Map<String, String> profiles;
  private static long profilesAt;

  static synchronized Map<String, String> profiles() {
    long now = System.nanoTime();
    if (profiles == null || now - profilesAt > 30_000_000_000L) {
      profiles = ConfigurationProfiles.parse(ConfigurationProfiles.SYSTEM.showXml());
      profilesAt = now;
    }
    return profiles;
  }

  public static List<StoreRef> stores() {
    List<StoreRef> refs = new ArrayList<>();
    for (Location l : MacLocations.LOCATIONS) refs.add(StoreRef.of(StoreType.MACOS, Path.of(l.name()), l.role(), "macOS " + l.name()));
    return refs;
  }

  public static TrustStore open(StoreRef ref, NativeBinding<SecurityApi> api) {
    var where = MacLocations.location(ref.path().toString());
    if (where.isEmpty()) {
      return () -> {
        throw new AnchorwatchException(ErrorCode.STORE_NOT_FOUND, "no macOS trust location " + ref.path() + " (expected e.g. domain/admin)");
      };
    }
    return new MacStore(api, where.get(), System.getProperty("user.home"), MacPlatform::profiles);
  }
}
