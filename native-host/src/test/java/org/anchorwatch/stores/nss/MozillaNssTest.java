package org.anchorwatch.stores.nss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which NSS library a Windows or macOS host would load: the registry as the Mozilla installer writes it (fake), files on disk (real). */
class MozillaNssTest {
  @TempDir Path tmp;
  final Map<String, String> values = new HashMap<>();
  final Map<String, List<String>> keys = new HashMap<>();
  final MozillaNss.Registry registry = new MozillaNss.Registry() {
    @Override
    public Optional<String> value(boolean machine, String key, String name) {
      return Optional.ofNullable(values.get((machine ? "HKLM\\" : "HKCU\\") + key + "|" + name));
    }

    @Override
    public List<String> subKeys(boolean machine, String key) {
      return keys.getOrDefault((machine ? "HKLM\\" : "HKCU\\") + key, List.of());
    }
  };

  @Test
  void windowsFollowsCurrentVersionToTheInstallDirectoryThenOtherVersionsThenTheDefaultFolders() {
    String ff = "SOFTWARE\\Mozilla\\Mozilla Firefox";
    values.put("HKLM\\" + ff + "|CurrentVersion", "128.5.0esr (x64 en-US)");
    values.put("HKLM\\" + ff + "\\128.5.0esr (x64 en-US)\\Main|Install Directory", "D:\\Apps\\Firefox ESR");
    keys.put("HKLM\\" + ff, List.of("128.5.0esr (x64 en-US)", "115.0 (x86 en-US)"));
    values.put("HKLM\\" + ff + "\\115.0 (x86 en-US)\\Main|Install Directory", "C:\\Program Files (x86)\\Mozilla Firefox");
    values.put("HKCU\\SOFTWARE\\Mozilla\\Mozilla Thunderbird|CurrentVersion", "128.0 (x64 en-US)");
    values.put("HKCU\\SOFTWARE\\Mozilla\\Mozilla Thunderbird\\128.0 (x64 en-US)\\Main|Install Directory", "C:\\Users\\a\\AppData\\Local\\TB");

    assertThat(MozillaNss.candidates("Windows 11", registry)).extracting(l -> l.nss().toString()).containsExactly(
        Path.of("D:\\Apps\\Firefox ESR").resolve("nss3.dll").toString(),
        Path.of("C:\\Program Files (x86)\\Mozilla Firefox").resolve("nss3.dll").toString(),
        Path.of("C:\\Users\\a\\AppData\\Local\\TB").resolve("nss3.dll").toString(),
        Path.of("C:\\Program Files\\Mozilla Firefox").resolve("nss3.dll").toString(),
        Path.of("C:\\Program Files\\Mozilla Thunderbird").resolve("nss3.dll").toString());
    assertThat(MozillaNss.candidates("Windows 11", registry)).allSatisfy(l -> assertThat(l.nspr()).isEqualTo(l.nss())); // NSPR folded into nss3
  }

  @Test
  void macOsTriesTheAppBundlesThenHomebrewAndLinuxLoadsByName() {
    assertThat(MozillaNss.candidates("Mac OS X", null)).extracting(l -> l.nss().toString()).startsWith(
        "/Applications/Firefox.app/Contents/MacOS/libnss3.dylib", "/Applications/Thunderbird.app/Contents/MacOS/libnss3.dylib");
    assertThat(MozillaNss.candidates("Linux", null)).isEmpty();
  }

  @Test
  void onlyExistingAllowedLibrariesAreTriedAndNoneIsAClearNssUnavailable() throws Exception {
    Path a = tmp.resolve("a/nss3.dll");
    Path b = Files.createDirectories(tmp.resolve("b")).resolve("nss3.dll");
    Files.writeString(b, "MZ");
    List<MozillaNss.Library> candidates = List.of(new MozillaNss.Library(a, a), new MozillaNss.Library(b, b));
    assertThat(MozillaNss.usable(candidates, p -> true)).extracting(MozillaNss.Library::nss).containsExactly(b);
    assertThatThrownBy(() -> MozillaNss.usable(candidates, p -> false)) // e.g. the administrator and a user-writable folder
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NSS_UNAVAILABLE);
          assertThat(e.getMessage()).contains(a.toString()).contains(b.toString());
        });
  }

  @Test
  void aMozillaNss3ThatCannotBeLoadedIsAnErrorNotACrash() throws Exception {
    Path fake = Files.writeString(tmp.resolve("nss3.dll"), "not a library");
    assertThatThrownBy(() -> NssNative.load(fake.toString(), fake.toString()))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NSS_UNAVAILABLE));
  }
}
