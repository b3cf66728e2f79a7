package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.Judge;
import org.anchorwatch.blocklist.Policy;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.Scanner;
import org.anchorwatch.scan.StoreReport;
import org.anchorwatch.stores.nss.MozillaNss;
import org.anchorwatch.stores.windows.FakeCertApi;
import org.anchorwatch.stores.windows.WindowsPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firefox/Thunderbird profiles on Windows and macOS: a temp home laid out as each OS lays it out,
 * profiles.ini parsed (relative and absolute Path=, a profile without cert9.db ignored), and a
 * machine without a usable nss3 turns those profiles into per-store NSS_UNAVAILABLE errors while
 * the OS stores are still listed.
 */
class OsNssDiscoveryTest {
  @TempDir Path tmp;

  static Path profile(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.write(dir.resolve("cert9.db"), new byte[0]);
    return dir;
  }

  static List<Path> nssPaths(List<StoreRef> refs) {
    return refs.stream().filter(r -> r.type() == StoreType.NSS).map(StoreRef::path).toList();
  }

  @Test
  void windowsProfilesComeFromAppDataRoamingWithProfilesIni() throws Exception {
    Path home = tmp.resolve("Users/alice");
    Path firefox = Files.createDirectories(home.resolve("AppData/Roaming/Mozilla/Firefox"));
    Path main = profile(firefox.resolve("Profiles/x1y2.default-release"));
    Path elsewhere = profile(tmp.resolve("D/ff-profile"));
    profile(firefox.resolve("Profiles/unlisted")); // not in profiles.ini, not directly under the root: not found
    Files.createDirectories(firefox.resolve("Profiles/empty.default")); // listed but no cert9.db
    Files.writeString(firefox.resolve("profiles.ini"), """
        [Install308046B0AF4A39CB]
        Default=Profiles/x1y2.default-release
        [Profile0]
        Name=default-release
        IsRelative=1
        Path=Profiles/x1y2.default-release
        [Profile1]
        Name=elsewhere
        IsRelative=0
        Path=%s
        [Profile2]
        Name=empty
        IsRelative=1
        Path=Profiles/empty.default
        """.formatted(elsewhere));
    Path tb = profile(home.resolve("AppData/Roaming/Thunderbird/Profiles/abc.default"));
    Files.writeString(home.resolve("AppData/Roaming/Thunderbird/profiles.ini"), "[Profile0]\nIsRelative=1\nPath=Profiles/abc.default\n");

    List<StoreRef> refs = Discovery.forOs("Windows 10", new DiscoveryContext(Path.of("/"), List.of(home), Map.of()));
    assertThat(refs).filteredOn(r -> r.type() == StoreType.WINDOWS).hasSize(WindowsPlatform.stores().size());
    assertThat(nssPaths(refs)).containsExactly(main, elsewhere, tb);
    assertThat(refs).filteredOn(r -> r.type() == StoreType.NSS).extracting(StoreRef::label)
        .containsExactly("Firefox profile x1y2.default-release", "Firefox profile ff-profile", "Thunderbird profile abc.default");
  }

  @Test
  void theUsersOwnRedirectedAppDataWinsOverTheDefault() throws Exception {
    Path home = tmp.resolve("Users/bob");
    Path redirected = Files.createDirectories(tmp.resolve("share/bob/Roaming/Mozilla/Firefox"));
    Path p = profile(redirected.resolve("Profiles/r.default"));
    Files.writeString(redirected.resolve("profiles.ini"), "[Profile0]\nIsRelative=1\nPath=Profiles/r.default\n");
    Map<String, String> env = Map.of("USERPROFILE", home.toString(), "APPDATA", tmp.resolve("share/bob/Roaming").toString());
    assertThat(nssPaths(Discovery.forOs("Windows 11", new DiscoveryContext(Path.of("/"), List.of(home), env)))).containsExactly(p);
    // another account's home never takes this person's APPDATA
    assertThat(nssPaths(Discovery.forOs("Windows 11", new DiscoveryContext(Path.of("/"), List.of(tmp.resolve("Users/eve")), env)))).isEmpty();
  }

  @Test
  void macOsProfilesComeFromLibraryApplicationSupport() throws Exception {
    Path home = tmp.resolve("Users/carol");
    Path root = Files.createDirectories(home.resolve("Library/Application Support/Firefox"));
    Path p = profile(root.resolve("Profiles/m.default-release"));
    Files.writeString(root.resolve("profiles.ini"), "[Profile0]\r\nIsRelative=1\r\nPath=Profiles/m.default-release\r\n");
    Path tb = profile(home.resolve("Library/Application Support/Thunderbird/Profiles/t.default"));
    Files.writeString(home.resolve("Library/Application Support/Thunderbird/profiles.ini"), "[Profile0]\nPath=Profiles/t.default\n");
    List<StoreRef> refs = Discovery.forOs("Mac OS X", new DiscoveryContext(Path.of("/"), List.of(home), Map.of("HOME", home.toString())));
    assertThat(refs).filteredOn(r -> r.type() == StoreType.MACOS).isNotEmpty();
    assertThat(nssPaths(refs)).containsExactly(p, tb);
    assertThat(Discovery.forOs("Linux", new DiscoveryContext(Path.of("/"), List.of(home), Map.of()))).isEmpty();
  }

  @Test
  void withoutAnInstalledNss3TheProfilesArePerStoreErrorsAndTheOsStoresStillList() throws Exception {
    Path home = tmp.resolve("Users/dan");
    Path root = Files.createDirectories(home.resolve("AppData/Roaming/Mozilla/Firefox"));
    profile(root.resolve("Profiles/d.default"));
    Files.writeString(root.resolve("profiles.ini"), "[Profile0]\nPath=Profiles/d.default\n");
    List<StoreRef> refs = Discovery.forOs("Windows 10", new DiscoveryContext(Path.of("/"), List.of(home), Map.of()));
    FakeCertApi crypt32 = new FakeCertApi();
    // the NSS store as a Windows host opens it: no Firefox install folder exists here, so no nss3.dll
    List<MozillaNss.Library> none = MozillaNss.candidates("Windows 10", new MozillaNss.Registry() {
      @Override
      public java.util.Optional<String> value(boolean machine, String key, String name) {
        return java.util.Optional.empty();
      }

      @Override
      public List<String> subKeys(boolean machine, String key) {
        return List.of();
      }
    });
    ScanResult r = new Scanner(new Judge(Blocklist.bundled(), Policy.EMPTY), ref -> ref.type() == StoreType.NSS
        ? () -> {
          MozillaNss.usable(none, p -> true);
          throw new AssertionError("no library should have been chosen");
        }
        : WindowsPlatform.open(ref, () -> crypt32)).scan(refs, List.of());
    assertThat(r.stores()).filteredOn(s -> s.type().equals("nss")).singleElement()
        .satisfies(s -> assertThat(s.error().code()).isEqualTo(ErrorCode.NSS_UNAVAILABLE.name()));
    assertThat(r.stores()).filteredOn(s -> s.type().equals("windows")).extracting(StoreReport::error).containsOnlyNulls();
    crypt32.assertClean();
  }
}
