package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.anchorwatch.install.InstallReport.Change;
import org.anchorwatch.install.InstallStatus.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `install|uninstall|status --system` with macOS paths, under a temporary root laid out as macOS
 * (/Library/..., the record in /Library/Application Support/anchorwatch). The table below is what
 * each browser's vendor reads (manifests/locations.json), written out so that a change of the
 * data shows up here. System scope needs a launcher only root controls, so these run as root (CI does).
 */
class MacosSystemInstallTest {
  static final String NAME = "org.anchorwatch.host.json";
  final Installer installer = new Installer(Locations.bundled());
  final ObjectMapper mapper = new ObjectMapper();
  @TempDir Path tmp;
  Path root;
  Path home;
  Path host;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "a system-scope launcher must be root's: run as root");
    root = Files.createDirectories(tmp.resolve("root"));
    home = Files.createDirectories(tmp.resolve("home"));
    host = LauncherLocatorTest.file(Files.createDirectories(root.resolve("Applications/Anchorwatch.app/Contents/MacOS")).resolve("Anchorwatch"), true);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "chrome    | Library/Google/Chrome/NativeMessagingHosts                  | chromium",
      "chromium  | Library/Application Support/Chromium/NativeMessagingHosts  | chromium",
      "edge      | Library/Microsoft/Edge/NativeMessagingHosts                 | chromium",
      "brave     | Library/Application Support/Chromium/NativeMessagingHosts  | chromium",
      "vivaldi   | Library/Application Support/Vivaldi/NativeMessagingHosts   | chromium",
      "firefox   | Library/Application Support/Mozilla/NativeMessagingHosts   | firefox",
      "librewolf | Library/Application Support/LibreWolf/NativeMessagingHosts | firefox"})
  void eachBrowserGetsItsSystemFolderStatusShowsItUninstallRemovesExactlyIt(String browser, String folder, String family) throws Exception {
    Path manifest = root.resolve(folder).resolve(NAME);
    InstallReport r = installer.install(request(List.of(browser), host));
    assertThat(r.manifests()).extracting(Change::path).containsExactly(manifest.toString());
    assertThat(r.manifests()).extracting(Change::action).containsExactly("written");
    assertThat(r.record()).isEqualTo(root.resolve("Library/Application Support/anchorwatch/installed-manifests.json").toString());
    JsonNode m = mapper.readTree(manifest.toFile());
    assertThat(m.get("path").asText()).isEqualTo(host.toString());
    assertThat(m.has(family.equals("firefox") ? "allowed_extensions" : "allowed_origins")).isTrue();
    assertThat(Files.getPosixFilePermissions(manifest)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

    List<Row> rows = new InstallStatus(Locations.bundled()).rows(Os.MACOS, home, root, Map.of());
    assertThat(rows).contains(new Row(browser, "system", manifest.toString(), "manifest", host.toString()));
    assertThat(rows).filteredOn(x -> x.state().equals("manifest")).extracting(Row::location).containsOnly(manifest.toString());

    assertThat(installer.install(request(List.of(browser), host)).manifests()).extracting(Change::action).containsExactly("unchanged");
    InstallReport u = installer.uninstall(request(List.of(), null));
    assertThat(u.manifests()).extracting(Change::path).containsExactly(manifest.toString());
    assertThat(u.manifests()).extracting(Change::action).containsExactly("removed");
    assertThat(manifest).doesNotExist();
    assertThat(new InstallStatus(Locations.bundled()).rows(Os.MACOS, home, root, Map.of())).noneMatch(x -> x.state().equals("manifest"));
    assertThat(home).isEmptyDirectory(); // system scope touches no home
  }

  @Test
  void everyBrowserAtOnceWritesSixFoldersBraveSharesChromiums() throws Exception {
    InstallReport r = installer.install(request(List.of(), host));
    assertThat(r.manifests()).extracting(Change::path).containsExactly(
        root.resolve("Library/Google/Chrome/NativeMessagingHosts/" + NAME).toString(),
        root.resolve("Library/Application Support/Chromium/NativeMessagingHosts/" + NAME).toString(),
        root.resolve("Library/Microsoft/Edge/NativeMessagingHosts/" + NAME).toString(),
        root.resolve("Library/Application Support/Vivaldi/NativeMessagingHosts/" + NAME).toString(),
        root.resolve("Library/Application Support/Mozilla/NativeMessagingHosts/" + NAME).toString(),
        root.resolve("Library/Application Support/LibreWolf/NativeMessagingHosts/" + NAME).toString());
    assertThat(installer.uninstall(request(List.of(), null)).manifests()).extracting(Change::action).containsOnly("removed").hasSize(6);
  }

  @Test
  void aLauncherInAUserWritableFolderIsRefused() throws Exception {
    Path dir = Files.createDirectories(root.resolve("Users/someone/Applications"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path userHost = LauncherLocatorTest.file(dir.resolve("Anchorwatch"), true);
    assertThatThrownBy(() -> installer.install(request(List.of("chrome"), userHost)))
        .isInstanceOf(InstallException.class).hasMessageContaining("system-wide manifests would name");
    assertThat(root.resolve("Library")).doesNotExist();
  }

  private InstallRequest request(List<String> browsers, Path hostPath) {
    return new InstallRequest(Os.MACOS, Scope.SYSTEM, home, Map.of(), browsers, List.of(), hostPath, false, root);
  }
}
