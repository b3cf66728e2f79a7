package org.anchorwatch.stores;

import java.util.List;
import java.util.Set;

/**
 * Where Linux keeps trust stores, as data (trust-stores.md section 3). Discovery walks these rows;
 * nothing else in the code knows a distro path. A row whose path does not exist is skipped, so
 * one table serves Debian, Fedora, Arch and openSUSE alike.
 */
public final class LinuxLayout {
  private LinuxLayout() {}

  /** A system store, path absolute from the filesystem root (re-rooted by --root). */
  public record SystemRow(String distro, StoreType type, String path, Role role, String label, PemRules rules) {
    SystemRow(String distro, StoreType type, String path, Role role, String label) {
      this(distro, type, path, role, label, PemRules.DEFAULT);
    }
  }

  private static final PemRules DEBIAN_LOCAL = new PemRules(true, true, ".crt", Set.of(), null);
  private static final PemRules TOP_LEVEL_ONLY = new PemRules(false, true, null, Set.of(), null);
  /**
   * OpenSSL hash dir: every entry is read wherever its link points (OpenSSL's CApath lookup does);
   * an entry reaching a file another store reads is listed once, there, with this location beside it.
   */
  private static final PemRules HASH_DIR = new PemRules(false, false, null,
      Set.of("ca-certificates.crt", "ca-bundle.crt", "ca-bundle.trust.crt", "README", "Makefile"), null);

  public static final List<SystemRow> SYSTEM = List.of(
      // Debian / Ubuntu (ca-certificates)
      new SystemRow("debian", StoreType.PEM, "/usr/local/share/ca-certificates", Role.ADDED, "Debian local anchors", DEBIAN_LOCAL),
      new SystemRow("debian", StoreType.PEM, "/usr/share/ca-certificates", Role.DISTRO, "Debian shipped CAs",
          new PemRules(true, true, ".crt", Set.of(), java.nio.file.Path.of("/etc/ca-certificates.conf"))),
      new SystemRow("debian", StoreType.PEM, "/etc/ssl/certs/ca-certificates.crt", Role.EXTRACTED, "Debian/Arch extracted bundle"),
      new SystemRow("debian", StoreType.PEM, "/etc/ssl/certs", Role.ADDED, "OpenSSL certificate directory (files added by hand)", HASH_DIR),
      new SystemRow("debian", StoreType.KEYSTORE, "/etc/ssl/certs/java/cacerts", Role.EXTRACTED, "Debian extracted Java cacerts"),
      // Fedora / RHEL / CentOS (p11-kit, update-ca-trust)
      new SystemRow("fedora", StoreType.PEM, "/etc/pki/ca-trust/source/anchors", Role.ADDED, "Fedora/RHEL local anchors"),
      new SystemRow("fedora", StoreType.PEM, "/etc/pki/ca-trust/source", Role.ADDED, "Fedora/RHEL p11-kit trust files", TOP_LEVEL_ONLY),
      new SystemRow("fedora", StoreType.PEM, "/etc/pki/ca-trust/source/blocklist", Role.BLOCKLIST_DIR, "Fedora/RHEL distrust list"),
      new SystemRow("fedora", StoreType.PEM, "/etc/pki/ca-trust/source/blacklist", Role.BLOCKLIST_DIR, "Fedora/RHEL distrust list (old name)"),
      new SystemRow("fedora", StoreType.PEM, "/usr/share/pki/ca-trust-source", Role.DISTRO, "Fedora/RHEL shipped CAs", TOP_LEVEL_ONLY),
      new SystemRow("fedora", StoreType.PEM, "/usr/share/pki/ca-trust-source/anchors", Role.DISTRO, "Fedora/RHEL shipped anchors"),
      new SystemRow("fedora", StoreType.PEM, "/usr/share/pki/ca-trust-source/blocklist", Role.BLOCKLIST_DIR, "Fedora/RHEL shipped distrust list"),
      new SystemRow("fedora", StoreType.PEM, "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", Role.EXTRACTED, "Fedora/RHEL extracted bundle"),
      new SystemRow("fedora", StoreType.PEM, "/etc/pki/tls/certs/ca-bundle.crt", Role.EXTRACTED, "Fedora/RHEL legacy bundle"),
      new SystemRow("fedora", StoreType.KEYSTORE, "/etc/pki/ca-trust/extracted/java/cacerts", Role.EXTRACTED, "Fedora/RHEL extracted Java cacerts"),
      // Arch (p11-kit, ca-certificates-utils)
      new SystemRow("arch", StoreType.PEM, "/etc/ca-certificates/trust-source/anchors", Role.ADDED, "Arch local anchors"),
      new SystemRow("arch", StoreType.PEM, "/etc/ca-certificates/trust-source", Role.ADDED, "Arch p11-kit trust files", TOP_LEVEL_ONLY),
      new SystemRow("arch", StoreType.PEM, "/etc/ca-certificates/trust-source/blocklist", Role.BLOCKLIST_DIR, "Arch distrust list"),
      new SystemRow("arch", StoreType.PEM, "/usr/share/ca-certificates/trust-source", Role.DISTRO, "Arch shipped CAs", TOP_LEVEL_ONLY),
      new SystemRow("arch", StoreType.PEM, "/etc/ca-certificates/extracted/tls-ca-bundle.pem", Role.EXTRACTED, "Arch extracted bundle"),
      // openSUSE / SLES
      new SystemRow("suse", StoreType.PEM, "/etc/pki/trust/anchors", Role.ADDED, "openSUSE local anchors"),
      new SystemRow("suse", StoreType.PEM, "/etc/pki/trust/blacklist", Role.BLOCKLIST_DIR, "openSUSE distrust list"),
      new SystemRow("suse", StoreType.PEM, "/usr/share/pki/trust/anchors", Role.DISTRO, "openSUSE shipped anchors"),
      new SystemRow("suse", StoreType.PEM, "/var/lib/ca-certificates/ca-bundle.pem", Role.EXTRACTED, "openSUSE extracted bundle"),
      new SystemRow("suse", StoreType.PEM, "/etc/ssl/ca-bundle.pem", Role.EXTRACTED, "openSUSE bundle"),
      // shared
      new SystemRow("any", StoreType.PEM, "/etc/ssl/cert.pem", Role.EXTRACTED, "OpenSSL default bundle"),
      new SystemRow("any", StoreType.NSS, "/etc/pki/nssdb", Role.ADDED, "System NSS database"));

  /** Debian's selection of shipped CAs: a "!" line deselects one (update-ca-certificates(8)). */
  public static final String DEBIAN_SELECTION = "/etc/ca-certificates.conf";

  /** Where each p11-kit distro takes distrust copies of shipped CAs. */
  public static final java.util.Map<String, String> DISTRUST_DIRS = java.util.Map.of(
      "fedora", "/etc/pki/ca-trust/source/blocklist",
      "arch", "/etc/ca-certificates/trust-source/blocklist",
      "suse", "/etc/pki/trust/blacklist");

  /** The system row a store path came from (after --root), to know its distro and rebuild. */
  public static java.util.Optional<SystemRow> rowFor(java.nio.file.Path path, DiscoveryContext ctx) {
    for (SystemRow r : SYSTEM) if (ctx.reroot(r.path()).equals(path)) return java.util.Optional.of(r);
    return java.util.Optional.empty();
  }

  /** Firefox enterprise policy files (policies.json); their Certificates.Install files are installed at every start. */
  public static final List<String> FIREFOX_POLICY_FILES = List.of(
      "/etc/firefox/policies/policies.json",
      "/etc/firefox-esr/policies/policies.json",
      "/usr/lib/firefox/distribution/policies.json",
      "/usr/lib/firefox-esr/distribution/policies.json",
      "/usr/lib64/firefox/distribution/policies.json",
      "/opt/firefox/distribution/policies.json");

  /** Where Firefox looks for a Certificates.Install entry given as a bare file name (Mozilla policy docs). */
  public static final List<String> FIREFOX_POLICY_CERT_DIRS = List.of("/usr/lib/mozilla/certificates", "/usr/lib64/mozilla/certificates");

  /** NSS databases at fixed places under a home directory. */
  public record HomeNssRow(String path, String label, String app) {}

  public static final List<HomeNssRow> HOME_NSS = List.of(
      new HomeNssRow(".pki/nssdb", "Chrome/Chromium NSS database", "chromium"),
      new HomeNssRow("snap/chromium/current/.pki/nssdb", "Snap Chromium NSS database", "snap-chromium"));

  /** Directories holding Mozilla profiles (profiles.ini and profile dirs with cert9.db). */
  public record ProfileRootRow(String path, String app, boolean xdgConfig, String appCode) {
    ProfileRootRow(String path, String app, boolean xdgConfig) {
      this(path, app, xdgConfig, app.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
    }
  }

  public static final List<ProfileRootRow> PROFILE_ROOTS = List.of(
      new ProfileRootRow(".mozilla/firefox", "Firefox", false),
      new ProfileRootRow("mozilla/firefox", "Firefox", true), // $XDG_CONFIG_HOME/mozilla/firefox, Firefox >= 147
      new ProfileRootRow("snap/firefox/common/.mozilla/firefox", "Snap Firefox", false),
      new ProfileRootRow(".var/app/org.mozilla.firefox/.mozilla/firefox", "Flatpak Firefox", false),
      new ProfileRootRow(".var/app/org.mozilla.firefox/config/mozilla/firefox", "Flatpak Firefox", false),
      new ProfileRootRow(".thunderbird", "Thunderbird", false),
      new ProfileRootRow("thunderbird", "Thunderbird", true),
      new ProfileRootRow("snap/thunderbird/common/.thunderbird", "Snap Thunderbird", false),
      new ProfileRootRow(".var/app/org.mozilla.Thunderbird/.thunderbird", "Flatpak Thunderbird", false),
      new ProfileRootRow(".librewolf", "LibreWolf", false));

  /** Directories whose children are JDK homes: system-wide (absolute) and per-user (home-relative). */
  public static final List<String> SYSTEM_JDK_PARENTS = List.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/opt/jdk", "/usr/local/java");

  public static final List<String> HOME_JDK_PARENTS = List.of(".sdkman/candidates/java", ".jdks", ".gradle/jdks", ".asdf/installs/java");

  /** Trust stores inside one JDK home, newest layout first (JDK 8 keeps them under jre/). */
  public static final List<String> JDK_STORE_FILES = List.of(
      "lib/security/cacerts", "lib/security/jssecacerts", "jre/lib/security/cacerts", "jre/lib/security/jssecacerts");
}
