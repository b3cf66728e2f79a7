package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.anchorwatch.install.InstallReport.Change;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry writes through an in-memory registry (Windows keys are case-insensitive), exact keys and values. */
class WindowsRegistrationTest {
  static final String NMH = "\\NativeMessagingHosts\\org.anchorwatch.host";
  @TempDir Path dir;
  FakeRegistry registry;
  WindowsRegistration reg;
  Path exe;
  String chromium;
  String firefox;

  /** Key (case-insensitive, as Windows) to default value. */
  static final class FakeRegistry implements Registry {
    final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** Keys that exist without a default value (a browser's own key). */
    final java.util.Set<String> keys = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    @Override
    public Optional<String> defaultValue(String key) {
      return Optional.ofNullable(values.get(key));
    }

    @Override
    public boolean keyExists(String key) {
      String below = key.toLowerCase(Locale.ROOT) + "\\";
      return keys.contains(key) || values.containsKey(key)
          || values.keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).startsWith(below));
    }

    @Override
    public void setDefaultValue(String key, String value) {
      assertThat(key).matches("HK(CU|LM)\\\\Software\\\\.+");
      values.put(key, value);
    }

    @Override
    public void deleteKey(String key) {
      values.remove(key.toLowerCase(Locale.ROOT));
    }
  }

  @BeforeEach
  void setUp() {
    registry = new FakeRegistry();
    reg = new WindowsRegistration(Locations.bundled(), registry);
    exe = dir.resolve("Anchorwatch/anchorwatch.exe");
    chromium = dir.resolve("manifests/org.anchorwatch.host-chromium.json").toString();
    firefox = dir.resolve("manifests/org.anchorwatch.host-firefox.json").toString();
  }

  @Test
  void userInstallWritesExactlyTheHkcuKeysOfEveryBrowser() throws Exception {
    InstallReport r = reg.install(Scope.USER, dir.resolve("manifests"), exe, false);
    assertThat(registry.values).containsOnly(
        entry("HKCU\\Software\\Google\\Chrome" + NMH, chromium),
        entry("HKCU\\Software\\Chromium" + NMH, chromium),
        entry("HKCU\\Software\\Microsoft\\Edge" + NMH, chromium),
        entry("HKCU\\Software\\BraveSoftware\\Brave-Browser" + NMH, chromium),
        entry("HKCU\\Software\\Vivaldi" + NMH, chromium),
        entry("HKCU\\Software\\Mozilla" + NMH, firefox),
        entry("HKCU\\Software\\LibreWolf" + NMH, firefox));
    assertThat(r.manifests()).extracting(Change::action).containsOnly("written");
    assertThat(r.complete()).isTrue();
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(Path.of(chromium).toFile()).get("path").asText()).isEqualTo(exe.toString());
    assertThat(json.readTree(Path.of(firefox).toFile()).get("allowed_extensions").get(0).asText()).isEqualTo("anchorwatch@anchorwatch.org");
  }

  @Test
  void systemInstallWritesHklmIncludingTheWow6432MozillaKey() throws Exception {
    reg.install(Scope.SYSTEM, dir.resolve("manifests"), exe, false);
    assertThat(registry.values).hasSize(8).allSatisfy((k, v) -> assertThat(k).startsWith("HKLM\\Software\\"))
        .contains(entry("HKLM\\Software\\WOW6432Node\\Mozilla" + NMH, firefox), entry("HKLM\\Software\\Google\\Chrome" + NMH, chromium));
  }

  @Test
  void installTwiceIsUnchangedAndAForeignValueIsAConflictUnlessForced() throws Exception {
    registry.setDefaultValue("HKCU\\Software\\Mozilla" + NMH, "C:\\Other\\host.json");
    InstallReport first = reg.install(Scope.USER, dir.resolve("manifests"), exe, false);
    assertThat(first.complete()).isFalse();
    assertThat(first.manifests()).filteredOn(c -> c.action().equals("conflict")).extracting(Change::path)
        .containsExactly("HKCU\\Software\\Mozilla" + NMH);
    assertThat(registry.values).containsEntry("HKCU\\Software\\Mozilla" + NMH, "C:\\Other\\host.json");

    InstallReport again = reg.install(Scope.USER, dir.resolve("manifests"), exe, false);
    assertThat(again.manifests()).filteredOn(c -> !c.path().contains("Mozilla")).extracting(Change::action).containsOnly("unchanged");

    InstallReport forced = reg.install(Scope.USER, dir.resolve("manifests"), exe, true);
    assertThat(forced.manifests()).filteredOn(c -> c.path().contains("Mozilla")).extracting(Change::action).containsExactly("replaced");
    assertThat(registry.values).containsEntry("HKCU\\Software\\Mozilla" + NMH, firefox);
  }

  @Test
  void uninstallDeletesOnlyOurKeysAndTheManifests() throws Exception {
    reg.install(Scope.USER, dir.resolve("manifests"), exe, false);
    registry.setDefaultValue("HKCU\\Software\\Vivaldi" + NMH, "C:\\Other\\host.json");
    InstallReport r = reg.uninstall(Scope.USER, dir.resolve("manifests"));
    assertThat(registry.values).containsOnly(entry("HKCU\\Software\\Vivaldi" + NMH, "C:\\Other\\host.json"));
    assertThat(r.manifests()).filteredOn(c -> c.action().equals("kept")).extracting(Change::browser).containsExactly("vivaldi");
    assertThat(Path.of(chromium)).doesNotExist();
    assertThat(Path.of(firefox)).doesNotExist();
    assertThat(reg.status(Scope.USER)).containsEntry("HKCU\\Software\\Google\\Chrome" + NMH, Optional.empty())
        .containsEntry("HKCU\\Software\\Vivaldi" + NMH, Optional.of("C:\\Other\\host.json"));
  }
}
