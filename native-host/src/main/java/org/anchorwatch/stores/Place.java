package org.anchorwatch.stores;

import java.nio.file.Path;

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


  // written out for the reason StoreRef gives (StoreRef's equality includes its place)
  @Override
  public boolean equals(Object o) {
    return o instanceof Place p && java.util.Objects.equals(kind, p.kind) && java.util.Objects.equals(app, p.app)
        && java.util.Objects.equals(profile, p.profile) && java.util.Objects.equals(version, p.version);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(kind, app, profile, version);
  }

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
    return new Place(KIND_MOZILLA_PROFILE, app, profileName(dir), null);
  }

  /** A JDK home's store; the version comes from the folder name when it has one. */
  public static Place jdk(Path jdkHome) {
    String dir = jdkHome.getFileName() == null ? "" : jdkHome.getFileName().toString();
    return new Place(KIND_JAVA, null, null, jdkVersion(dir));
  }

  // The two folder-name rules below are written as loops, not regular expressions: this class is
  // loaded at every host start, and a Pattern loads java.util.regex with the lambda runtime, ~200
  // classes a long-lived host would keep resident (stores.DirListing). PlaceNamesTest holds each to the
  // regex it replaces, named in its comment, over generated names.

  /** A Mozilla profile folder "<8 of [a-z0-9]>.<name>" gives its name, else the folder: {@code ^[a-z0-9]{8}\\.(.+)$}. */
  static String profileName(String dir) {
    if (dir.length() < 10 || dir.charAt(8) != '.') return dir;
    for (int i = 0; i < 8; i++) {
      char c = dir.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) return dir;
    }
    for (int i = 9; i < dir.length(); i++) if (lineTerminator(dir.charAt(i))) return dir; // '.' matches none of them
    return dir.substring(9);
  }

  /**
   * The first version-like number in a JDK folder name (java-17-openjdk-amd64, jdk-21.0.2+13,
   * 17.0.9-tem, java-1.8.0-openjdk): the regex {@code (?<![0-9])(1\\.(\\d+)|\\d+)(?:[.\\-+_]|$)},
   * group 2 if it matched, else group 1; null when nothing matches.
   */
  static String jdkVersion(String s) {
    for (int p = 0; p < s.length(); p++) {
      if (!digit(s, p) || digit(s, p - 1)) continue;
      if (s.charAt(p) == '1' && p + 1 < s.length() && s.charAt(p + 1) == '.') {
        int q = digitsEnd(s, p + 2);
        if (q > p + 2 && separatorOrEnd(s, q)) return s.substring(p + 2, q);
      }
      int q = digitsEnd(s, p);
      if (separatorOrEnd(s, q)) return s.substring(p, q);
    }
    return null;
  }

  private static boolean digit(String s, int i) {
    return i >= 0 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }

  private static int digitsEnd(String s, int from) {
    int q = from;
    while (digit(s, q)) q++;
    return q;
  }

  /** {@code [.\\-+_]} or {@code $}, which also matches before one line terminator ending the input. */
  private static boolean separatorOrEnd(String s, int q) {
    if (q == s.length()) return true;
    char c = s.charAt(q);
    if (c == '.' || c == '-' || c == '+' || c == '_') return true;
    if (q == s.length() - 2) return c == '\r' && s.charAt(q + 1) == '\n';
    return q == s.length() - 1 && lineTerminator(c);
  }

  private static boolean lineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
