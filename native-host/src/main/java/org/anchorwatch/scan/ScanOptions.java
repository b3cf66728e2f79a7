package org.anchorwatch.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DiscoveryContext;
import org.anchorwatch.stores.PemRules;
import org.anchorwatch.stores.Place;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;

/**
 * What to scan, as the CLI and the protocol both express it.
 *
 * @param defaultStores discover this machine's stores (false with --no-default-stores)
 * @param stores explicit "type:path" specs (--store)
 * @param root filesystem root for discovery (--root), null = "/"
 * @param home home directory (--home); null = $HOME on the real machine, every root/home/* under --root
 * @param policy explicit policy file (--policy), replacing the per-user default
 */
public record ScanOptions(boolean defaultStores, List<String> stores, Path root, Path home, Path policy, Map<String, String> env) {

  public static ScanOptions machine() {
    return new ScanOptions(true, List.of(), null, null, null, System.getenv());
  }

  /**
   * What the administrator half scans: the system stores of the layout under {@code root} (null =
   * "/") and the administrator's own home there, never another user's home, never an explicit
   * store, policy or environment value (each of those a user could have chosen).
   */
  public static ScanOptions administrator(Path root) {
    Path r = root == null ? Path.of("/") : root.toAbsolutePath().normalize();
    return new ScanOptions(true, List.of(), root == null ? null : r, r.resolve("root"), null, Map.of());
  }

  public DiscoveryContext discoveryContext() {
    Path r = root == null ? Path.of("/") : root.toAbsolutePath().normalize();
    List<Path> homes = new ArrayList<>();
    if (home != null) {
      homes.add(home.toAbsolutePath().normalize());
    } else if (root == null) {
      String h = env.getOrDefault("HOME", System.getProperty("user.home"));
      if (h != null) homes.add(Path.of(h));
    } else {
      homes.addAll(homesUnder(r));
    }
    return new DiscoveryContext(r, List.copyOf(homes), env);
  }

  /** Offline inspection of a mounted disk: every /home/* and /root under it. */
  private static List<Path> homesUnder(Path root) {
    List<Path> out = new ArrayList<>();
    Path rootHome = root.resolve("root");
    if (Files.isDirectory(rootHome)) out.add(rootHome);
    try (Stream<Path> s = Files.list(root.resolve("home"))) {
      s.filter(Files::isDirectory).sorted().forEach(out::add);
    } catch (IOException ignored) {
      // no /home under this root
    }
    return out;
  }

  /** Parses "nss:DIR", "pem:PATH", "keystore:FILE". */
  public static StoreRef parseStore(String spec) throws AnchorwatchException {
    int colon = spec.indexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new AnchorwatchException(ErrorCode.UNKNOWN_STORE_TYPE, "--store takes TYPE:PATH with TYPE nss, pem, keystore, windows or macos; got '" + spec + "'");
    }
    String type = spec.substring(0, colon);
    StoreType t = StoreType.fromWire(type).orElseThrow(() -> new AnchorwatchException(ErrorCode.UNKNOWN_STORE_TYPE,
        "unknown store type '" + type + "' in '" + spec + "' (known: nss, pem, keystore, windows, macos)"));
    // Windows and macOS stores are named ("LocalMachine/ROOT", "domain/admin"), not files
    boolean named = t == StoreType.WINDOWS || t == StoreType.MACOS;
    Path p = named ? Path.of(spec.substring(colon + 1)) : Path.of(spec.substring(colon + 1)).toAbsolutePath().normalize();
    return new StoreRef(t, p, Role.ADDED, "explicit " + t.wire() + " store", PemRules.DEFAULT, true, Place.ofExplicit(t, p));
  }
}
