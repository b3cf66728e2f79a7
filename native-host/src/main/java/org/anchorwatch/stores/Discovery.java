package org.anchorwatch.stores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.stores.LinuxLayout.SystemRow;

/**
 * Turns {@link LinuxLayout} rows into the stores that exist on this machine (or under --root).
 * Stores reached through several paths (JDK cacerts symlinked to the distro's, ca-bundle.pem and
 * its symlink) are listed once, under the first row that found them.
 */
public final class Discovery {
  private Discovery() {}

  public static List<StoreRef> discover(DiscoveryContext ctx) {
    if (ctx.realMachine()) {
      List<StoreRef> os = forOs(System.getProperty("os.name"), ctx);
      if (!os.isEmpty()) return os;
    }
    Map<Path, StoreRef> found = new LinkedHashMap<>();
    for (SystemRow row : LinuxLayout.SYSTEM) {
      Path p = ctx.reroot(row.path());
      if (!Files.exists(p)) continue;
      PemRules rules = row.rules();
      if (rules.selectionConf() != null) {
        rules = new PemRules(rules.recursive(), rules.symlinks(), rules.suffix(), rules.skipNames(), ctx.reroot(rules.selectionConf()));
      }
      if (!ctx.realMachine()) rules = rules.withLinkRoot(ctx.root());
      add(found, new StoreRef(row.type(), p, row.role(), row.label(), rules, false));
    }
    for (StoreRef policy : FirefoxPolicies.find(ctx)) add(found, policy);
    for (Path home : ctx.homes()) {
      for (LinuxLayout.HomeNssRow row : LinuxLayout.HOME_NSS) {
        Path db = home.resolve(row.path());
        if (Files.exists(db.resolve("cert9.db"))) add(found, StoreRef.of(StoreType.NSS, db, Role.ADDED, row.label(), Place.chromeUser(row.app())));
      }
      for (LinuxLayout.ProfileRootRow row : LinuxLayout.PROFILE_ROOTS) {
        Path dir = row.xdgConfig() ? xdgConfig(ctx, home).resolve(row.path()) : home.resolve(row.path());
        for (Path profile : MozillaProfiles.find(dir, ctx)) {
          add(found, StoreRef.of(StoreType.NSS, profile, Role.ADDED, row.app() + " profile " + profile.getFileName(),
              Place.mozillaProfile(row.appCode(), profile)));
        }
      }
    }
    for (Path jdk : jdkHomes(ctx)) {
      for (String rel : LinuxLayout.JDK_STORE_FILES) {
        Path ks = jdk.resolve(rel);
        if (Files.isRegularFile(ks)) add(found, StoreRef.of(StoreType.KEYSTORE, ks, Role.JDK, "JDK " + jdk.getFileName() + " " + ks.getFileName(), Place.jdk(jdk)));
      }
    }
    return List.copyOf(found.values());
  }

  /**
   * Windows/macOS: the OS's own stores, then every Firefox/Thunderbird/LibreWolf profile of the
   * homes (profiles.ini, as on Linux). Empty for other systems.
   */
  static List<StoreRef> forOs(String osName, DiscoveryContext ctx) {
    List<StoreRef> os = OsStores.of(osName);
    if (os.isEmpty()) return os;
    Map<Path, StoreRef> found = new LinkedHashMap<>();
    for (StoreRef r : os) found.put(r.path(), r);
    for (Path home : ctx.homes()) {
      boolean own = home.toString().equals(ctx.env().get("USERPROFILE")) || home.toString().equals(ctx.env().get("HOME"));
      List<Path> roots = MozillaOsLayout.roots(osName, home, ctx.env(), own);
      List<MozillaOsLayout.ProfileRoot> rows = MozillaOsLayout.rows(osName);
      for (int i = 0; i < roots.size(); i++) {
        MozillaOsLayout.ProfileRoot row = rows.get(i);
        for (Path profile : MozillaProfiles.find(roots.get(i), ctx)) {
          add(found, StoreRef.of(StoreType.NSS, profile, Role.ADDED, row.app() + " profile " + profile.getFileName(),
              Place.mozillaProfile(row.appCode(), profile)));
        }
      }
    }
    return List.copyOf(found.values());
  }

  private static void add(Map<Path, StoreRef> found, StoreRef ref) {
    found.putIfAbsent(realPath(ref.path()), ref);
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /** $XDG_CONFIG_HOME for the real user, else HOME/.config. */
  public static Path xdgConfig(DiscoveryContext ctx, Path home) {
    String xdg = ctx.realMachine() ? ctx.env().get("XDG_CONFIG_HOME") : null;
    boolean ownHome = home.toString().equals(ctx.env().get("HOME"));
    return xdg != null && !xdg.isBlank() && ownHome ? Path.of(xdg) : home.resolve(".config");
  }

  /** JAVA_HOME, the java on PATH, /usr/lib/jvm/* and per-user JDK folders. */
  static Set<Path> jdkHomes(DiscoveryContext ctx) {
    Set<Path> homes = new LinkedHashSet<>();
    if (ctx.realMachine()) {
      String javaHome = ctx.env().get("JAVA_HOME");
      if (javaHome != null && !javaHome.isBlank()) homes.add(Path.of(javaHome));
      String path = ctx.env().getOrDefault("PATH", "");
      for (String dir : path.split(":")) {
        if (dir.isEmpty()) continue;
        Path java = Path.of(dir, "java");
        if (Files.isExecutable(java)) {
          // .../bin/java -> JDK home two levels up from the resolved binary
          Path real = realPath(java);
          if (real.getParent() != null && real.getParent().getParent() != null) homes.add(real.getParent().getParent());
        }
      }
    }
    for (String parent : LinuxLayout.SYSTEM_JDK_PARENTS) children(ctx.reroot(parent), homes);
    for (Path home : ctx.homes()) for (String parent : LinuxLayout.HOME_JDK_PARENTS) children(home.resolve(parent), homes);
    return homes;
  }

  private static void children(Path dir, Set<Path> into) {
    if (!Files.isDirectory(dir)) return;
    try {
      for (Path p : DirListing.children(dir)) if (Files.isDirectory(p)) into.add(p);
    } catch (IOException ignored) {
      // an unreadable JDK folder only means fewer JDKs are found
    }
  }

  /** Parses Mozilla profiles.ini (Path= entries, relative or absolute) and globs *&#47;cert9.db. */
  static final class MozillaProfiles {
    private MozillaProfiles() {}

    static List<Path> find(Path root, DiscoveryContext ctx) {
      Set<Path> out = new LinkedHashSet<>();
      if (!Files.isDirectory(root)) return List.of();
      Path ini = root.resolve("profiles.ini");
      if (Files.isRegularFile(ini)) {
        try {
          String path = null;
          boolean relative = true;
          for (String line : Files.readAllLines(ini, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.startsWith("[")) {
              addProfile(out, root, path, relative, ctx);
              path = null;
              relative = true;
            } else if (l.startsWith("Path=")) {
              path = l.substring(5);
            } else if (l.startsWith("IsRelative=")) {
              relative = !l.substring(11).equals("0");
            }
          }
          addProfile(out, root, path, relative, ctx);
        } catch (IOException ignored) {
          // a broken profiles.ini still leaves the glob below
        }
      }
      try {
        for (Path d : DirListing.children(root)) if (Files.isRegularFile(d.resolve("cert9.db"))) out.add(d);
      } catch (IOException ignored) {
        // unreadable root: nothing to add
      }
      return new ArrayList<>(out);
    }

    /** An absolute Path= names a place on the disk being inspected, so it follows --root too. */
    private static void addProfile(Set<Path> out, Path root, String path, boolean relative, DiscoveryContext ctx) {
      if (path == null || path.isBlank()) return;
      Path p = relative ? root.resolve(path) : ctx.reroot(path);
      if (Files.isRegularFile(p.resolve("cert9.db"))) out.add(p.normalize());
    }
  }
}
