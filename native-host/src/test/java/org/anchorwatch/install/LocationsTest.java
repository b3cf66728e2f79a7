package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.install.Locations.Browser;
import org.junit.jupiter.api.Test;

/** manifests/locations.json is data: it must parse and cover every browser x OS x scope the installer and doctor use. */
class LocationsTest {
  static final List<String> BROWSERS = List.of("chrome", "chromium", "edge", "brave", "vivaldi", "firefox", "librewolf");
  final Locations locations = Locations.bundled();

  @Test
  void hasEveryBrowserTheInstallerNames() {
    assertThat(locations.ids()).containsExactlyElementsOf(BROWSERS);
    assertThat(locations.hostName()).isEqualTo("org.anchorwatch.host");
    assertThat(locations.templates()).containsOnlyKeys(Family.CHROMIUM, Family.FIREFOX);
  }

  @Test
  void everyBrowserHasEveryOsAndScope() {
    for (Browser b : locations.browsers()) {
      for (Os os : Os.values()) {
        for (Scope s : Scope.values()) {
          assertThat(b.locations(os, s)).as(b.id() + " " + os + " " + s).isNotEmpty().doesNotHaveDuplicates();
        }
      }
    }
  }

  @Test
  void familiesMatchTheBrowsers() {
    for (Browser b : locations.browsers()) {
      Family expected = b.id().equals("firefox") || b.id().equals("librewolf") ? Family.FIREFOX : Family.CHROMIUM;
      assertThat(b.family()).as(b.id()).isEqualTo(expected);
    }
  }

  @Test
  void linuxAndMacosEntriesAreManifestFolders() {
    for (Browser b : locations.browsers()) {
      String leaf = b.family() == Family.FIREFOX ? "native-messaging-hosts" : "NativeMessagingHosts";
      for (String l : b.locations(Os.LINUX, Scope.USER)) {
        assertThat(l).as(b.id()).matches("(~/|\\$\\{XDG_CONFIG_HOME}/).*").endsWith("/" + leaf);
      }
      for (String l : b.locations(Os.LINUX, Scope.SYSTEM)) assertThat(l).as(b.id()).startsWith("/").endsWith("/native-messaging-hosts");
      for (String l : b.locations(Os.MACOS, Scope.USER)) assertThat(l).as(b.id()).startsWith("~/Library/Application Support/").endsWith("/NativeMessagingHosts");
      for (String l : b.locations(Os.MACOS, Scope.SYSTEM)) assertThat(l).as(b.id()).startsWith("/Library/").endsWith("/NativeMessagingHosts");
    }
  }

  @Test
  void windowsEntriesAreRegistryKeysNamedAfterTheHost() {
    for (Browser b : locations.browsers()) {
      for (String k : b.locations(Os.WINDOWS, Scope.USER)) assertThat(k).startsWith("HKCU\\Software\\").endsWith("\\NativeMessagingHosts\\org.anchorwatch.host");
      for (String k : b.locations(Os.WINDOWS, Scope.SYSTEM)) assertThat(k).startsWith("HKLM\\Software\\").endsWith("\\NativeMessagingHosts\\org.anchorwatch.host");
    }
  }

  @Test
  void linuxUserFoldersExpandUnderTheHome() {
    UserDirs dirs = UserDirs.of(Path.of("/home/u"), Map.of());
    for (Browser b : locations.browsers()) {
      for (String l : b.locations(Os.LINUX, Scope.USER)) assertThat(dirs.expand(l)).isAbsolute().startsWithRaw(Path.of("/home/u"));
    }
    assertThat(dirs.expand("${XDG_CONFIG_HOME}/chromium/NativeMessagingHosts")).isEqualTo(Path.of("/home/u/.config/chromium/NativeMessagingHosts"));
  }

  @Test
  void xdgConfigHomeCountsOnlyForTheRealHome() {
    Map<String, String> env = Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "/cfg");
    assertThat(UserDirs.of(null, env).expand("${XDG_CONFIG_HOME}/vivaldi/NativeMessagingHosts")).isEqualTo(Path.of("/cfg/vivaldi/NativeMessagingHosts"));
    assertThat(UserDirs.of(Path.of("/tmp/other"), env).expand("${XDG_CONFIG_HOME}/vivaldi/NativeMessagingHosts"))
        .isEqualTo(Path.of("/tmp/other/.config/vivaldi/NativeMessagingHosts"));
  }

  @Test
  void jarResourcesAreTheManifestsFolder() throws Exception {
    for (String f : List.of("locations.json", "chromium/org.anchorwatch.host.json", "firefox/org.anchorwatch.host.json")) {
      try (InputStream in = Locations.class.getResourceAsStream(Locations.RESOURCES + f)) {
        assertThat(in).as(f).isNotNull();
        assertThat(in.readAllBytes()).as(f).isEqualTo(Files.readAllBytes(Path.of("../manifests", f)));
      }
    }
  }

  @Test
  void sandboxedNotesAreNeverWrittenByTheInstaller() throws Exception {
    var root = new ObjectMapper().readTree(Path.of("../manifests/locations.json").toFile());
    assertThat(root.path("sandboxed")).isNotEmpty();
    root.path("sandboxed").forEach(n -> assertThat(n.path("installerWrites").asBoolean(true)).as(n.path("id").asText()).isFalse());
  }

  /** The one source of system folders for the .deb (SystemManifests) and install --system (Installer). */
  @Test
  void systemFoldersServeEveryBrowserFromItsFirstSystemFolderOncePerOs() {
    for (Os os : Os.values()) {
      List<Locations.SystemFolder> folders = locations.systemFolders(os);
      assertThat(folders).extracting(Locations.SystemFolder::folder).as(os.key()).doesNotHaveDuplicates();
      for (Browser b : locations.browsers()) {
        assertThat(folders).filteredOn(f -> f.browsers().contains(b.id())).as(os + " " + b.id()).singleElement()
            .satisfies(f -> {
              assertThat(f.folder()).isEqualTo(b.locations(os, Scope.SYSTEM).get(0));
              assertThat(f.family()).isEqualTo(b.family());
            });
      }
    }
    assertThat(locations.systemFolders(Os.LINUX)).filteredOn(f -> f.folder().equals("/etc/opt/chrome/native-messaging-hosts"))
        .singleElement().extracting(Locations.SystemFolder::browsers).isEqualTo(List.of("chrome", "brave", "vivaldi"));
  }

  @Test
  void aSystemFolderReadByBothFamiliesIsATableError() throws Exception {
    var root = new ObjectMapper().readTree("{\"hostName\":\"h\",\"browsers\":["
        + "{\"id\":\"a\",\"family\":\"chromium\",\"linux\":{\"system\":[\"/etc/shared\"]}},"
        + "{\"id\":\"b\",\"family\":\"firefox\",\"linux\":{\"system\":[\"/etc/shared\"]}}]}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Locations.parse(root).systemFolders(Os.LINUX))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/etc/shared").hasMessageContaining("both families");
  }
}
