package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.anchorwatch.config.ExtensionIds;
import org.anchorwatch.install.InstallDoctor.Finding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per InstallProblem code, on a temporary home and system root. The program a manifest
 * names is a small sh script standing in for the host: one that answers hello with a frame, one
 * that prints text to stdout (the real host's hello is covered by InstallAndLaunchIT/DebPackageIT).
 */
class InstallDoctorTest {
  static final String MANIFEST = "org.anchorwatch.host.json";
  final Locations locations = Locations.bundled();
  @TempDir Path tmp;
  Path home;
  Path root;
  Path goodHost;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(tmp.resolve("home"));
    root = Files.createDirectories(tmp.resolve("root"));
    env = Map.of("HOME", home.toString(), "XDG_CACHE_HOME", Files.createDirectories(tmp.resolve("cache")).toString());
    // answers any hello with one 11-byte frame {"ok":true} (little-endian length), then waits for EOF
    goodHost = script("good-host", "printf '\\013\\000\\000\\000{\"ok\":true}'; cat >/dev/null");
  }

  @Test
  void cleanUserInstallHasNoFindings() throws Exception {
    userManifest("chromium", render(Family.CHROMIUM, goodHost));
    Report r = run();
    assertThat(r.findings()).isEmpty();
    assertThat(r.checked()).containsExactly(chromiumDir().resolve(MANIFEST).toString());
  }

  @Test
  void manifestMissing() throws Exception {
    Files.createDirectories(home.resolve(".config/chromium"));
    assertThat(codes(run())).containsExactly(InstallProblem.MANIFEST_MISSING);
    assertThat(run().findings().get(0).fix()).contains("--browser chromium");
  }

  @Test
  void manifestInvalid() throws Exception {
    userManifest("chromium", "{not json");
    assertThat(codes(run())).containsExactly(InstallProblem.MANIFEST_INVALID);
    userManifest("chromium", "{\"name\":\"other.host\",\"type\":\"stdio\",\"path\":\"/x\"}");
    assertThat(codes(run())).containsExactly(InstallProblem.MANIFEST_INVALID);
  }

  @Test
  void pathNotAbsolute() throws Exception {
    userManifest("chromium", render(Family.CHROMIUM, goodHost).replace(goodHost.toString(), "anchorwatch"));
    assertThat(codes(run())).containsExactly(InstallProblem.PATH_NOT_ABSOLUTE);
  }

  @Test
  void pathNotExecutable() throws Exception {
    Path plain = Files.writeString(tmp.resolve("plain"), "#!/bin/sh\n");
    userManifest("chromium", render(Family.CHROMIUM, plain));
    assertThat(codes(run())).containsExactly(InstallProblem.PATH_NOT_EXECUTABLE);
  }

  @Test
  void systemManifestWritableByOthers() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "system files are root-owned only when the test runs as root");
    Path host = Files.createDirectories(root.resolve("usr/lib/aw")).resolve("host");
    Files.copy(goodHost, host);
    Path dir = Files.createDirectories(root.resolve("etc/chromium/native-messaging-hosts"));
    Path m = Files.writeString(dir.resolve(MANIFEST), render(Family.CHROMIUM, Path.of("/usr/lib/aw/host")));
    assertThat(codes(run())).isEmpty();
    Files.setPosixFilePermissions(m, PosixFilePermissions.fromString("rw-rw-r--"));
    assertThat(codes(run())).containsExactly(InstallProblem.SYSTEM_NOT_ROOT_OWNED);
  }

  @Test
  void idsMismatch() throws Exception {
    String other = "chrome-extension://" + "p".repeat(32) + "/";
    userManifest("chromium", render(Family.CHROMIUM, goodHost).replace(ExtensionIds.bundled().chromiumOrigins().get(0), other));
    List<Finding> f = run().findings();
    assertThat(f).extracting(Finding::code).containsExactly(InstallProblem.IDS_MISMATCH);
    assertThat(f.get(0).detail()).contains(other);
  }

  @Test
  void hostNoHello() throws Exception {
    Path chatty = script("chatty-host", "echo 'Picked up JAVA_TOOL_OPTIONS: -Xmx1g'; cat >/dev/null");
    userManifest("chromium", render(Family.CHROMIUM, chatty));
    List<Finding> f = run().findings();
    assertThat(f).extracting(Finding::code).containsExactly(InstallProblem.HOST_NO_HELLO);
    assertThat(f.get(0).detail()).contains("not a frame on stdout");
  }

  @Test
  void jnaDirOnNoexecMount() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cache/JNA/temp"));
    Path mounts = Files.writeString(tmp.resolve("mounts"), "/dev/vda / ext4 rw,relatime 0 0\ntmpfs " + tmp + " tmpfs rw,nosuid,nodev,noexec 0 0\n");
    assertThat(JnaDir.finding(dir, mounts)).get().extracting(Finding::code).isEqualTo(InstallProblem.JNA_DIR_UNUSABLE);
    Path execMounts = Files.writeString(tmp.resolve("mounts2"), "/dev/vda / ext4 rw,relatime 0 0\n");
    assertThat(JnaDir.finding(dir, execMounts)).isEmpty();
  }

  @Test
  void sandboxedBrowser() throws Exception {
    Files.createDirectories(root.resolve("snap/firefox"));
    List<Finding> f = run().findings();
    assertThat(f).extracting(Finding::code).containsExactly(InstallProblem.SANDBOXED_BROWSER);
    assertThat(f.get(0).browser()).isEqualTo("firefox-snap");
    assertThat(f.get(0).fix()).contains("org.freedesktop.portal.WebExtensions");
  }

  @Test
  void macosFoldersAreCheckedTheSameWay() throws Exception {
    Files.createDirectories(home.resolve("Library/Application Support/Google/Chrome"));
    InstallDoctor doctor = new InstallDoctor(locations, ExtensionIds.bundled(), 20_000);
    assertThat(doctor.run(Os.MACOS, home, root, env).findings()).extracting(Finding::code).containsExactly(InstallProblem.MANIFEST_MISSING);
    Path dir = Files.createDirectories(home.resolve("Library/Application Support/Google/Chrome/NativeMessagingHosts"));
    Files.writeString(dir.resolve(MANIFEST), render(Family.CHROMIUM, goodHost));
    assertThat(doctor.run(Os.MACOS, home, root, env).findings()).isEmpty();
  }

  private record Report(List<String> checked, List<Finding> findings) {}

  private Report run() {
    InstallDoctor.Report r = new InstallDoctor(locations, ExtensionIds.bundled(), 20_000).run(home, root, env);
    return new Report(r.checked(), r.findings());
  }

  private static List<InstallProblem> codes(Report r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  private Path chromiumDir() {
    return home.resolve(".config/chromium/NativeMessagingHosts");
  }

  private void userManifest(String browser, String content) throws Exception {
    Files.writeString(Files.createDirectories(chromiumDir()).resolve(MANIFEST), content);
  }

  private String render(Family f, Path host) throws Exception {
    return new String(new ManifestTemplates(locations).render(f, host), StandardCharsets.UTF_8);
  }

  private Path script(String name, String body) throws Exception {
    Path p = Files.writeString(tmp.resolve(name), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}
