package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.anchorwatch.config.ExtensionIds;
import org.anchorwatch.install.InstallDoctor.Finding;
import org.anchorwatch.install.InstallDoctor.Report;
import org.anchorwatch.install.WindowsRegistrationTest.FakeRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor's Windows registry checks, one test per code, through the in-memory registry. Values are
 * Windows paths ("C:\\Program Files\\..."); the doctor reads the files they name from a temporary
 * folder that mirrors the drive (C:\\a\\b → TMP/C/a/b). The program the manifests name is a sh
 * script standing in for Anchorwatch.exe, as in InstallDoctorTest.
 */
class WindowsInstallDoctorTest {
  static final String NMH = "\\NativeMessagingHosts\\org.anchorwatch.host";
  static final String DIR = "C:\\Program Files\\Anchorwatch\\";
  static final String CHROMIUM = DIR + "manifests\\org.anchorwatch.host-chromium.json";
  static final String FIREFOX = DIR + "manifests\\org.anchorwatch.host-firefox.json";
  static final String EXE = DIR + "Anchorwatch.exe";
  final Locations locations = Locations.bundled();
  @TempDir Path tmp;
  FakeRegistry registry;

  @BeforeEach
  void setUp() throws Exception {
    registry = new FakeRegistry();
    // answers any hello with one 11-byte frame {"ok":true}, then waits for EOF
    script(EXE, "printf '\\013\\000\\000\\000{\"ok\":true}'; cat >/dev/null");
    write(CHROMIUM, render(Family.CHROMIUM, EXE));
    write(FIREFOX, render(Family.FIREFOX, EXE));
  }

  @Test
  void systemInstallHasNoFindingsAndEachSharedKeyIsCheckedOnce() {
    for (Locations.Browser b : locations.browsers()) {
      for (String key : b.locations(Os.WINDOWS, Scope.SYSTEM)) registry.setDefaultValue(key, b.family() == Family.CHROMIUM ? CHROMIUM : FIREFOX);
    }
    Report r = run();
    assertThat(r.findings()).isEmpty();
    assertThat(r.checked()).hasSize(8).doesNotHaveDuplicates().allMatch(k -> k.startsWith("HKLM\\Software\\"))
        .contains("HKLM\\Software\\Google\\Chrome" + NMH, "HKLM\\Software\\WOW6432Node\\Mozilla" + NMH);
  }

  @Test
  void nothingRegisteredAndNoBrowserIsNoFinding() {
    assertThat(run().findings()).isEmpty();
    assertThat(run().checked()).isEmpty();
  }

  @Test
  void manifestMissingForAnInstalledBrowserUntilAKeyItReadsIsSet() {
    registry.keys.add("HKCU\\Software\\Vivaldi");
    List<Finding> f = run().findings();
    assertThat(f).extracting(Finding::code).containsExactly(InstallProblem.MANIFEST_MISSING);
    assertThat(f.get(0).browser()).isEqualTo("vivaldi");
    assertThat(f.get(0).fix()).contains("--browser vivaldi");
    // Vivaldi also reads Chrome's key (locations.json): a manifest there is enough
    registry.setDefaultValue("HKCU\\Software\\Google\\Chrome" + NMH, CHROMIUM);
    assertThat(codes()).isEmpty();
  }

  @Test
  void registryPathNotAbsolute() {
    registry.setDefaultValue("HKCU\\Software\\Mozilla" + NMH, "manifests\\org.anchorwatch.host-firefox.json");
    List<Finding> f = run().findings();
    assertThat(f).extracting(Finding::code).containsExactly(InstallProblem.REGISTRY_PATH_NOT_ABSOLUTE);
    assertThat(f.get(0).location()).isEqualTo("HKCU\\Software\\Mozilla" + NMH);
    assertThat(f.get(0).browser()).isEqualTo("firefox");
  }

  @Test
  void uncPathsAreFullPaths() throws Exception {
    String unc = "\\\\server\\share\\org.anchorwatch.host-firefox.json";
    write(unc, render(Family.FIREFOX, EXE));
    registry.setDefaultValue("HKCU\\Software\\Mozilla" + NMH, unc);
    assertThat(codes()).isEmpty();
  }

  @Test
  void registryManifestMissing() {
    registry.setDefaultValue("HKCU\\Software\\Microsoft\\Edge" + NMH, DIR + "gone\\org.anchorwatch.host-chromium.json");
    List<Finding> f = run().findings();
    assertThat(f).extracting(Finding::code).containsExactly(InstallProblem.REGISTRY_MANIFEST_MISSING);
    assertThat(f.get(0).detail()).contains(DIR + "gone\\");
  }

  @Test
  void manifestInvalid() throws Exception {
    write(CHROMIUM, "{not json");
    registry.setDefaultValue("HKCU\\Software\\Chromium" + NMH, CHROMIUM);
    List<Finding> f = run().findings();
    assertThat(f).extracting(Finding::code).containsExactly(InstallProblem.MANIFEST_INVALID);
    assertThat(f.get(0).location()).isEqualTo("HKCU\\Software\\Chromium" + NMH + " -> " + CHROMIUM);
  }

  @Test
  void idsMismatch() throws Exception {
    String other = "chrome-extension://" + "p".repeat(32) + "/";
    write(CHROMIUM, render(Family.CHROMIUM, EXE).replace(ExtensionIds.bundled().chromiumOrigins().get(0), other));
    registry.setDefaultValue("HKCU\\Software\\Chromium" + NMH, CHROMIUM);
    assertThat(codes()).containsExactly(InstallProblem.IDS_MISMATCH);
  }

  @Test
  void programMissingIsPathNotExecutable() throws Exception {
    write(FIREFOX, render(Family.FIREFOX, DIR + "Old.exe"));
    registry.setDefaultValue("HKCU\\Software\\Mozilla" + NMH, FIREFOX);
    List<Finding> f = run().findings();
    assertThat(f).extracting(Finding::code).containsExactly(InstallProblem.PATH_NOT_EXECUTABLE);
    assertThat(f.get(0).detail()).contains("Old.exe");
  }

  @Test
  void aRelativeProgramPathResolvesBesideTheManifest() throws Exception {
    script(DIR + "manifests\\host.exe", "printf '\\013\\000\\000\\000{\"ok\":true}'; cat >/dev/null");
    write(FIREFOX, render(Family.FIREFOX, "host.exe"));
    registry.setDefaultValue("HKCU\\Software\\Mozilla" + NMH, FIREFOX);
    assertThat(codes()).isEmpty();
  }

  @Test
  void hostNoHello() throws Exception {
    script(EXE, "echo 'Picked up JAVA_TOOL_OPTIONS: -Xmx1g'; cat >/dev/null");
    registry.setDefaultValue("HKLM\\Software\\Google\\Chrome" + NMH, CHROMIUM);
    List<Finding> f = run().findings();
    assertThat(f).extracting(Finding::code).containsExactly(InstallProblem.HOST_NO_HELLO);
    assertThat(f.get(0).detail()).startsWith(EXE + ": ").contains("not a frame on stdout");
  }

  private Report run() {
    return new WindowsInstallDoctor(locations, ExtensionIds.bundled(), 20_000, registry, this::file).run();
  }

  private List<InstallProblem> codes() {
    return run().findings().stream().map(Finding::code).toList();
  }

  /** C:\\a\\b → TMP/C/a/b; \\\\server\\share\\x → TMP/server/share/x. */
  private Path file(String windowsPath) {
    return tmp.resolve(windowsPath.replace(":", "").replaceAll("^\\\\+", "").replace('\\', '/'));
  }

  private void write(String windowsPath, String content) throws Exception {
    Path p = file(windowsPath);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private void script(String windowsPath, String body) throws Exception {
    write(windowsPath, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file(windowsPath), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private String render(Family f, String host) throws Exception {
    return new String(new ManifestTemplates(locations).render(f, Path.of(host)), StandardCharsets.UTF_8);
  }
}
