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
import java.util.stream.Stream;
import org.anchorwatch.install.InstallReport.Change;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install/uninstall against a temporary HOME and user-data-dir; the real home is never touched. */
class InstallerTest {
  static final String NAME = "org.anchorwatch.host.json";
  @TempDir Path tmp;
  Path home;
  Path launcher;
  final Installer installer = new Installer(Locations.bundled());
  final ObjectMapper mapper = new ObjectMapper();

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(tmp.resolve("home"));
    launcher = LauncherLocatorTest.file(tmp.resolve("bin/anchorwatch"), true);
  }

  @Test
  void writesFirefoxChromiumAndUserDataDirManifests() throws Exception {
    Path udd = tmp.resolve("udd");
    InstallReport r = installer.install(request(List.of("firefox", "chromium"), List.of(udd)));
    Path ff = home.resolve(".mozilla/native-messaging-hosts/" + NAME);
    Path cr = home.resolve(".config/chromium/NativeMessagingHosts/" + NAME);
    Path ud = udd.resolve("NativeMessagingHosts/" + NAME);
    assertThat(r.manifests()).extracting(Change::path).containsExactlyInAnyOrder(ff.toString(), cr.toString(), ud.toString());
    assertThat(r.manifests()).extracting(Change::action).containsOnly("written");
    assertThat(r.complete()).isTrue();

    JsonNode f = mapper.readTree(ff.toFile());
    assertThat(f.get("name").asText()).isEqualTo("org.anchorwatch.host");
    assertThat(f.get("type").asText()).isEqualTo("stdio");
    assertThat(f.get("path").asText()).isEqualTo(launcher.toString()).startsWith("/");
    assertThat(f.get("allowed_extensions").get(0).asText()).isEqualTo("anchorwatch@anchorwatch.org");
    for (Path chromiumFamily : List.of(cr, ud)) {
      JsonNode c = mapper.readTree(chromiumFamily.toFile());
      assertThat(c.get("path").asText()).isEqualTo(launcher.toString());
      assertThat(c.get("allowed_origins").get(0).asText()).isEqualTo("chrome-extension://agbciifedgognoeofdbbhobbeicmknep/");
    }
  }

  @Test
  void filesAreUtf8WithoutBomMode0644AndNoTempFilesRemain() throws Exception {
    installer.install(request(List.of("firefox"), List.of()));
    Path dir = home.resolve(".mozilla/native-messaging-hosts");
    Path ff = dir.resolve(NAME);
    byte[] bytes = Files.readAllBytes(ff);
    assertThat(bytes[0]).isEqualTo((byte) '{');
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ff))).isEqualTo("rw-r--r--");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly(NAME);
    }
  }

  @Test
  void defaultIsEveryBrowserWhoseFolderExists() throws Exception {
    Files.createDirectories(home.resolve(".config/google-chrome"));
    Files.createDirectories(home.resolve(".config/google-chrome-beta"));
    Files.createDirectories(home.resolve(".librewolf"));
    InstallReport r = installer.install(request(List.of(), List.of()));
    assertThat(r.manifests()).extracting(Change::path).containsExactly(
        home.resolve(".config/google-chrome/NativeMessagingHosts/" + NAME).toString(),
        home.resolve(".config/google-chrome-beta/NativeMessagingHosts/" + NAME).toString(),
        home.resolve(".librewolf/native-messaging-hosts/" + NAME).toString());
    assertThat(r.manifests()).extracting(Change::browser).containsExactly("chrome", "chrome", "librewolf");
    assertThat(home.resolve(".config/vivaldi")).doesNotExist();
  }

  @Test
  void namedBrowsersComeOnTopOfDetectedOnes() throws Exception {
    Files.createDirectories(home.resolve(".config/vivaldi"));
    InstallReport r = installer.install(request(List.of("firefox"), List.of()));
    assertThat(r.manifests()).extracting(Change::browser).containsExactlyInAnyOrder("vivaldi", "firefox");
  }

  @Test
  void nothingFoundAndNothingNamedIsAFailureThatSaysWhatToDo() {
    assertThatThrownBy(() -> installer.install(request(List.of(), List.of())))
        .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(InstallException.Kind.FAILED))
        .hasMessageContaining("--browser").hasMessageContaining("--user-data-dir");
  }

  @Test
  void unknownBrowserIsAUsageErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> installer.install(request(List.of("netscape"), List.of())))
        .isInstanceOfSatisfying(InstallException.class, e -> assertThat(e.kind()).isEqualTo(InstallException.Kind.USAGE))
        .hasMessageContaining("netscape").hasMessageContaining("chrome, chromium, edge, brave, vivaldi, firefox, librewolf");
  }

  @Test
  void installIsIdempotent() throws Exception {
    installer.install(request(List.of("firefox", "chrome"), List.of()));
    Path ff = home.resolve(".mozilla/native-messaging-hosts/" + NAME);
    byte[] first = Files.readAllBytes(ff);
    InstallReport again = installer.install(request(List.of("firefox", "chrome"), List.of()));
    assertThat(again.manifests()).extracting(Change::action).containsOnly("unchanged");
    assertThat(Files.readAllBytes(ff)).isEqualTo(first);
    InstallRecord record = InstallRecord.load(Path.of(again.record()));
    assertThat(record.entries()).hasSize(2);
  }

  @Test
  void aNewLauncherPathUpdatesOurOwnManifests() throws Exception {
    installer.install(request(List.of("firefox"), List.of()));
    Path other = LauncherLocatorTest.file(tmp.resolve("elsewhere/anchorwatch"), true);
    InstallReport r = installer.install(new InstallRequest(Os.LINUX, Scope.USER, home, Map.of(), List.of("firefox"), List.of(), other, false));
    assertThat(r.manifests()).extracting(Change::action).containsExactly("updated");
    assertThat(mapper.readTree(home.resolve(".mozilla/native-messaging-hosts/" + NAME).toFile()).get("path").asText()).isEqualTo(other.toString());
  }

  @Test
  void aForeignManifestIsAConflictUnlessForced() throws Exception {
    Path ff = home.resolve(".mozilla/native-messaging-hosts/" + NAME);
    Files.createDirectories(ff.getParent());
    Files.writeString(ff, "{\"name\":\"org.anchorwatch.host\",\"path\":\"/somebody/else\"}");
    InstallReport r = installer.install(request(List.of("firefox"), List.of()));
    assertThat(r.manifests()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo("conflict");
      assertThat(c.note()).contains("--force");
    });
    assertThat(r.complete()).isFalse();
    assertThat(Files.readString(ff)).contains("/somebody/else");

    InstallReport forced = installer.install(new InstallRequest(Os.LINUX, Scope.USER, home, Map.of(), List.of("firefox"), List.of(), launcher, true));
    assertThat(forced.manifests()).extracting(Change::action).containsExactly("replaced");
    assertThat(Files.readString(ff)).contains(launcher.toString());
  }

  @Test
  void uninstallRemovesExactlyWhatInstallWrote() throws Exception {
    Path udd = tmp.resolve("udd");
    InstallReport in = installer.install(request(List.of("firefox", "chromium"), List.of(udd)));
    Path neighbour = Files.writeString(home.resolve(".mozilla/native-messaging-hosts/org.example.other.json"), "{}");
    InstallReport out = installer.uninstall(request(List.of(), List.of()));
    assertThat(out.manifests()).extracting(Change::action).containsOnly("removed");
    assertThat(out.manifests()).extracting(Change::path).containsExactlyInAnyOrderElementsOf(in.manifests().stream().map(Change::path).toList());
    for (Change c : in.manifests()) assertThat(Path.of(c.path())).doesNotExist();
    assertThat(neighbour).exists();
    assertThat(Path.of(out.record())).doesNotExist();
    assertThat(out.complete()).isTrue();
  }

  @Test
  void uninstallLeavesAChangedManifestAndReportsIt() throws Exception {
    installer.install(request(List.of("firefox", "chrome"), List.of()));
    Path ff = home.resolve(".mozilla/native-messaging-hosts/" + NAME);
    Path ch = home.resolve(".config/google-chrome/NativeMessagingHosts/" + NAME);
    Files.writeString(ff, Files.readString(ff).replace("\"stdio\"", "\"stdio\", \"x\": 1"));
    InstallReport out = installer.uninstall(request(List.of(), List.of()));
    assertThat(out.manifests()).filteredOn(c -> c.path().equals(ff.toString())).singleElement()
        .satisfies(c -> assertThat(c.action()).isEqualTo("kept"));
    assertThat(ff).exists();
    assertThat(ch).doesNotExist();
    assertThat(out.complete()).isFalse();
    // still remembered: a later uninstall reports it again rather than forgetting it
    assertThat(InstallRecord.load(Path.of(out.record())).entries()).extracting(InstallRecord.Entry::path).containsExactly(ff.toString());
  }

  @Test
  void uninstallTwiceAndWithoutARecordIsANoOp() throws Exception {
    installer.install(request(List.of("firefox"), List.of()));
    installer.uninstall(request(List.of(), List.of()));
    InstallReport again = installer.uninstall(request(List.of(), List.of()));
    assertThat(again.manifests()).isEmpty();
    assertThat(again.complete()).isTrue();
  }

  @Test
  void aManifestDeletedByHandIsReportedMissing() throws Exception {
    installer.install(request(List.of("firefox"), List.of()));
    Files.delete(home.resolve(".mozilla/native-messaging-hosts/" + NAME));
    assertThat(installer.uninstall(request(List.of(), List.of())).manifests()).extracting(Change::action).containsExactly("missing");
  }

  @Test
  void recordLivesInXdgDataUnderTheGivenHome() throws Exception {
    InstallReport r = installer.install(request(List.of("firefox"), List.of()));
    assertThat(r.record()).isEqualTo(home.resolve(".local/share/anchorwatch/installed-manifests.json").toString());
  }

  @Test
  void systemScopeWritesEachBrowsersFirstSystemFolderUnderRootAndUninstallsExactlyThat() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "root-owned launcher needs root");
    Path root = Files.createDirectories(tmp.resolve("sysroot"));
    Path host = LauncherLocatorTest.file(Files.createDirectories(root.resolve("usr/lib/aw")).resolve("anchorwatch"), true);
    InstallReport r = installer.install(new InstallRequest(Os.LINUX, Scope.SYSTEM, home, Map.of(), List.of(), List.of(), host, false, root));
    assertThat(r.manifests()).extracting(Change::path).containsExactly(
        root.resolve("etc/opt/chrome/native-messaging-hosts/" + NAME).toString(),
        root.resolve("etc/chromium/native-messaging-hosts/" + NAME).toString(),
        root.resolve("etc/opt/edge/native-messaging-hosts/" + NAME).toString(),
        root.resolve("usr/lib/mozilla/native-messaging-hosts/" + NAME).toString(),
        root.resolve("usr/lib/librewolf/native-messaging-hosts/" + NAME).toString());
    assertThat(r.record()).isEqualTo(root.resolve("var/lib/anchorwatch/installed-manifests.json").toString());
    assertThat(home.resolve(".local")).doesNotExist();
    InstallReport u = installer.uninstall(new InstallRequest(Os.LINUX, Scope.SYSTEM, home, Map.of(), List.of(), List.of(), null, false, root));
    assertThat(u.manifests()).extracting(Change::action).containsOnly("removed").hasSize(5);
  }

  @Test
  void systemScopeRefusesALauncherOthersCanReplace() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("sysroot"));
    Path dir = Files.createDirectories(root.resolve("home/someone/bin"));
    Path host = LauncherLocatorTest.file(dir.resolve("anchorwatch"), true);
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> installer.install(new InstallRequest(Os.LINUX, Scope.SYSTEM, home, Map.of(), List.of("firefox"), List.of(), host, false, root)))
        .isInstanceOf(InstallException.class).hasMessageContaining("system-wide manifests would name").hasMessageContaining(dir.toString());
    assertThat(root.resolve("usr/lib/mozilla")).doesNotExist();
  }

  @Test
  void otherOsesAreHonestlyUnsupported() {
    assertThatThrownBy(() -> installer.uninstall(new InstallRequest(Os.WINDOWS, Scope.USER, home, Map.of(), List.of(), List.of(), null, false)))
        .hasMessageStartingWith("not supported here: --user on Windows").hasMessageContaining("HKCU\\Software\\");
  }

  @Test
  void macosUserInstallWritesUnderLibraryApplicationSupport() throws Exception {
    Files.createDirectories(home.resolve("Library/Application Support/Microsoft Edge"));
    InstallReport r = installer.install(new InstallRequest(Os.MACOS, Scope.USER, home, Map.of(), List.of("chrome", "firefox"), List.of(), launcher, false));
    assertThat(r.manifests()).extracting(Change::path).containsExactlyInAnyOrder(
        home.resolve("Library/Application Support/Google/Chrome/NativeMessagingHosts/" + NAME).toString(),
        home.resolve("Library/Application Support/Microsoft Edge/NativeMessagingHosts/" + NAME).toString(),
        home.resolve("Library/Application Support/Mozilla/NativeMessagingHosts/" + NAME).toString());
    InstallReport u = installer.uninstall(new InstallRequest(Os.MACOS, Scope.USER, home, Map.of(), List.of(), List.of(), null, false));
    assertThat(u.manifests()).extracting(Change::action).containsOnly("removed").hasSize(3);
  }

  @Test
  void aHostPathThatIsNotExecutableIsRefused() throws Exception {
    Path jar = LauncherLocatorTest.file(tmp.resolve("anchorwatch.jar"), false);
    assertThatThrownBy(() -> installer.install(new InstallRequest(Os.LINUX, Scope.USER, home, Map.of(), List.of("firefox"), List.of(), jar, false)))
        .isInstanceOf(InstallException.class).hasMessageContaining("not an executable file");
  }

  private InstallRequest request(List<String> browsers, List<Path> udds) {
    return new InstallRequest(Os.LINUX, Scope.USER, home, Map.of(), browsers, udds, launcher, false);
  }
}
