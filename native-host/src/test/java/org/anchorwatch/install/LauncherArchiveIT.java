package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.testsupport.HostProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's two class-data archives (installer/anchorwatch, built by `mvn package` through
 * --build-cds-archive): a host a browser starts, with Chromium's or Firefox's argv, maps the small
 * host archive (anchorwatch-host.jsa; docs/PERFORMANCE.md says why it saves ~7 MB of resident
 * memory) and answers over frames with no archive warning; the CLI's archive is built too.
 */
class LauncherArchiveIT {
  static final String DEV_ID = "chrome-extension://agbciifedgognoeofdbbhobbeicmknep/";
  static final Path LAUNCHER = Path.of("..", "installer", "anchorwatch").toAbsolutePath().normalize();
  @TempDir Path tmp;
  Path home;
  Path jar;

  @BeforeEach
  void setUp() throws Exception {
    jar = HostProcess.jar();
    home = Files.createDirectories(tmp.resolve("home"));
    // the host's background scan stays off this machine's stores; nothing here depends on it
    Path config = Files.createDirectories(home.resolve(".config/anchorwatch"));
    Files.writeString(config.resolve("host.json"), "{\"defaultStores\": false}");
  }

  @Test
  void bothArchivesSitBesideTheJarAndTheClassListIsGone() {
    Path dir = jar.getParent();
    assertThat(dir.resolve("anchorwatch.jsa")).isRegularFile();
    assertThat(dir.resolve("anchorwatch-host.jsa")).isRegularFile();
    assertThat(dir.resolve("anchorwatch-host.classlist")).doesNotExist();
  }

  @Test
  void chromiumLaunchMapsTheHostArchive() throws Exception {
    assertHostArchive(List.of(LAUNCHER.toString(), DEV_ID), DEV_ID);
  }

  @Test
  void firefoxLaunchMapsTheHostArchive() throws Exception {
    Path manifest = Files.writeString(tmp.resolve("org.anchorwatch.host.json"), "{}");
    assertHostArchive(List.of(LAUNCHER.toString(), manifest.toString(), "anchorwatch@anchorwatch.org"), "anchorwatch@anchorwatch.org");
  }

  private void assertHostArchive(List<String> argv, String caller) throws Exception {
    try (HostProcess host = HostProcess.launch(argv, home, Map.of("ANCHORWATCH_JAR", jar.toString()))) {
      JsonNode hello = host.call("{\"id\":1,\"type\":\"hello\"}");
      assertThat(hello.get("ok").asBoolean()).as(hello.toString()).isTrue();
      assertThat(hello.at("/result/caller").asText()).isEqualTo(caller);
      // the launcher execs java, so this is the JVM's own map
      String maps = Files.readString(Path.of("/proc", Long.toString(host.process().pid()), "maps"));
      assertThat(maps).contains(jar.resolveSibling("anchorwatch-host.jsa").toString())
          .doesNotContain(jar.resolveSibling("anchorwatch.jsa").toString());
      assertThat(host.closeAndWait()).isZero();
    }
    assertThat(Files.readString(home.resolve("host-stderr.txt"))).doesNotContainIgnoringCase("cds").doesNotContainIgnoringCase("shared archive");
  }

  /**
   * As root the launcher maps an archive only if root alone controls it: an archive is code. A
   * copied layout in a root-only temp folder, its archives built in place; mapped while root owns
   * it, not once another account (65534) owns it — the host then starts without it.
   */
  @Test
  void asRootAHostArchiveAnotherAccountOwnsIsNotMapped() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the root branch of the launcher");
    Path layout = Files.createDirectories(tmp.resolve("layout"));
    Path launcher = Files.copy(LAUNCHER, layout.resolve("anchorwatch"));
    Path copied = Files.copy(jar, layout.resolve("anchorwatch.jar"));
    Process build = new ProcessBuilder(launcher.toString(), "--build-cds-archive").redirectErrorStream(true)
        .redirectOutput(tmp.resolve("build.txt").toFile()).start();
    assertThat(build.waitFor()).as(Files.readString(tmp.resolve("build.txt"))).isZero();
    Path archive = layout.resolve("anchorwatch-host.jsa");
    assertThat(archive).isRegularFile();
    assertThat(mapsOfHello(launcher)).as("root's own archive is used").contains(archive.toString());
    Files.setAttribute(archive, "unix:uid", 65534);
    assertThat(mapsOfHello(launcher)).as("an archive another account owns is never mapped").doesNotContain(archive.toString());
  }

  private String mapsOfHello(Path launcher) throws Exception {
    try (HostProcess host = HostProcess.launch(List.of(launcher.toString(), DEV_ID), home, Map.of())) {
      JsonNode hello = host.call("{\"id\":1,\"type\":\"hello\"}");
      assertThat(hello.get("ok").asBoolean()).as(hello.toString()).isTrue();
      String maps = Files.readString(Path.of("/proc", Long.toString(host.process().pid()), "maps"));
      assertThat(host.closeAndWait()).isZero();
      return maps;
    }
  }
}
