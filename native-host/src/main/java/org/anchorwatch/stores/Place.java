package org.anchorwatch.stores;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a store is, as codes the extension turns into words in the person's language ("Google
 * Chrome (your user)", "Firefox — profile “default”", "Java (JDK 17)"). The host sends no prose
 * for places: its English labels ({@link StoreRef#label()}) stay for logs and the CLI.
 *
 * @param kind one of the {@code KIND_*} codes (append-only, listed in docs/PROTOCOL.md)
 * @param app the program for browser kinds ({@code chromium}, {@code snap-chromium}, {@code firefox}, ...), else null
 * @param profile a Mozilla profile's name without its random prefix, else null
 * @param version a JDK's feature version ("17"), else null
 */
public record Place(String kind, String app, String profile, String version) {
  /** The NSS database Chrome, Chromium and their kin share under a user's home (~/.pki/nssdb). */
  public static final String KIND_CHROME_USER = "chrome-user";
  /** A Firefox/Thunderbird/LibreWolf profile's own database. */
  public static final String KIND_MOZILLA_PROFILE = "mozilla-profile";
  /** The certificates the operating system ships and the bundles generated from them. */
  public static final String KIND_SYSTEM = "system";
  /** Where administrators and programs add certificates to the whole system. */
  public static final String KIND_SYSTEM_ADDED = "system-added";
  /** A system distrust list: a certificate there is switched off, not trusted. */
  public static final String KIND_DISTRUST_LIST = "distrust-list";
  /** A Java runtime's own list. */
  public static final String KIND_JAVA = "java";
  /** A file a Firefox company policy installs at every start. */
  public static final String KIND_FIREFOX_POLICY = "firefox-policy";
  /** A store named on the command line. */
  public static final String KIND_FILE = "file";

  /** Mozilla profile folders are "<8 random characters>.<name>". */
  private static final Pattern PROFILE = Pattern.compile("^[a-z0-9]{8}\\.(.+)$");
  /** First version-like number in a JDK folder name: java-17-openjdk-amd64, jdk-21.0.2+13, 17.0.9-tem, java-1.8.0-openjdk. */
  private static final Pattern JDK_VERSION = Pattern.compile("(?<![0-9])(1\\.(\\d+)|\\d+)(?:[.\\-+_]|$)");

  /** The place of a store nobody described: from what the store means for trust. */
  public static Place fallback(StoreType type, Role role, boolean explicit) {
    if (explicit) return new Place(KIND_FILE, null, null, null);
    return switch (role) {
      case DISTRO, EXTRACTED -> new Place(type == StoreType.KEYSTORE ? KIND_JAVA : KIND_SYSTEM, null, null, null);
      case ADDED -> new Place(KIND_SYSTEM_ADDED, null, null, null);
      case BLOCKLIST_DIR -> new Place(KIND_DISTRUST_LIST, null, null, null);
      case JDK -> new Place(KIND_JAVA, null, null, null);
      case POLICY -> new Place(KIND_FIREFOX_POLICY, "firefox", null, null);
    };
  }

  /**
   * A store named on the command line (or in host.json) is still a browser's or a JDK's when its
   * path has the shape of one in the layout tables (~/.pki/nssdb, a Firefox profile folder, a
   * JDK's lib/security/cacerts); anything else is a plain file.
   */
  public static Place ofExplicit(StoreType type, Path path) {
    if (type == StoreType.NSS) {
      for (LinuxLayout.HomeNssRow row : LinuxLayout.HOME_NSS) if (path.endsWith(row.path())) return chromeUser(row.app());
      Path parent = path.getParent();
      for (LinuxLayout.ProfileRootRow row : LinuxLayout.PROFILE_ROOTS) {
        if (parent != null && parent.endsWith(row.path())) return mozillaProfile(row.appCode(), path);
      }
    } else if (type == StoreType.KEYSTORE) {
      for (String rel : LinuxLayout.JDK_STORE_FILES) {
        Path rp = Path.of(rel);
        if (path.endsWith(rp) && path.getNameCount() > rp.getNameCount()) {
          return jdk(path.getRoot() == null ? path.subpath(0, path.getNameCount() - rp.getNameCount())
              : path.getRoot().resolve(path.subpath(0, path.getNameCount() - rp.getNameCount())));
        }
      }
    }
    return new Place(KIND_FILE, null, null, null);
  }

  public static Place chromeUser(String app) {
    return new Place(KIND_CHROME_USER, app, null, null);
  }

  /** A Mozilla profile folder, named as the person named it (the random prefix dropped). */
  public static Place mozillaProfile(String app, Path profileDir) {
    String dir = profileDir.getFileName() == null ? "" : profileDir.getFileName().toString();
    Matcher m = PROFILE.matcher(dir);
    return new Place(KIND_MOZILLA_PROFILE, app, m.matches() ? m.group(1) : dir, null);
  }

  /** A JDK home's store; the version comes from the folder name when it has one. */
  public static Place jdk(Path jdkHome) {
    String dir = jdkHome.getFileName() == null ? "" : jdkHome.getFileName().toString();
    Matcher m = JDK_VERSION.matcher(dir);
    String version = m.find() ? (m.group(2) != null ? m.group(2) : m.group(1)) : null;
    return new Place(KIND_JAVA, null, null, version);
  }
}
