package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.anchorwatch.testsupport.HostProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code mvn -Ppackage package} built (installer/deb/build-deb.sh): its listing and
 * control data, the packaged launcher run from an extracted copy, and, as root on a machine
 * where the package is not installed, a real {@code dpkg -i} (then the CLI from /usr/bin and a
 * real Chromium finding the system-scope host) + purge that must leave nothing.
 * Runs only with -Ppackage (failsafe passes -Danchorwatch.deb.dir).
 */
class DebPackageIT {
  static final String PREFIX = "/usr/lib/anchorwatch";
  static final String DEV_ID = "chrome-extension://agbciifedgognoeofdbbhobbeicmknep/";
  static final List<String> MANIFESTS = List.of(
      "/etc/opt/chrome/native-messaging-hosts/org.anchorwatch.host.json",
      "/etc/chromium/native-messaging-hosts/org.anchorwatch.host.json",
      "/etc/opt/edge/native-messaging-hosts/org.anchorwatch.host.json",
      "/usr/lib/mozilla/native-messaging-hosts/org.anchorwatch.host.json",
      "/usr/lib/librewolf/native-messaging-hosts/org.anchorwatch.host.json");
  final ObjectMapper mapper = new ObjectMapper();
  @TempDir Path tmp;
  Path deb;

  /** One line of {@code dpkg-deb -c}: mode, owner, absolute path, link target or null. */
  record Entry(String mode, String owner, String path, String link) {}

  @BeforeEach
  void findDeb() throws IOException {
    String dir = System.getProperty("anchorwatch.deb.dir");
    assumeTrue(dir != null, "built and inspected with -Ppackage only");
    try (Stream<Path> s = Files.list(Path.of(dir))) {
      List<Path> debs = s.filter(p -> p.getFileName().toString().matches("anchorwatch_.*\\.deb")).toList();
      assertThat(debs).as("one .deb in " + dir).hasSize(1);
      deb = debs.get(0);
    }
  }

  @Test
  void listingHoldsRuntimeHostLauncherAndManifestsAllRootOwnedAndNotWritableByOthers() throws Exception {
    Map<String, Entry> files = listing();
    assertThat(files).containsKeys(PREFIX + "/anchorwatch", PREFIX + "/anchorwatch.jar", PREFIX + "/lib/libjnidispatch.so",
        PREFIX + "/runtime/bin/java", PREFIX + "/runtime/lib/modules", PREFIX + "/runtime/lib/server/classes.jsa",
        "/usr/share/doc/anchorwatch/copyright");
    assertThat(files).containsKeys(MANIFESTS.toArray(String[]::new));
    assertThat(files.get("/usr/bin/anchorwatch").link()).isEqualTo("../lib/anchorwatch/anchorwatch");
    assertThat(files.get(PREFIX + "/anchorwatch").mode()).isEqualTo("-rwxr-xr-x");
    assertThat(files.get(PREFIX + "/runtime/bin/java").mode()).isEqualTo("-rwxr-xr-x");
    for (Entry e : files.values()) {
      assertThat(e.owner()).as(e.path()).isEqualTo("root/root");
      if (e.link() == null) assertThat(e.mode().charAt(5) + "" + e.mode().charAt(8)).as(e.path() + " " + e.mode()).isEqualTo("--");
    }
    // the class-data archive is made for the installed jar path by postinst, never shipped stale
    assertThat(files).doesNotContainKeys(PREFIX + "/anchorwatch.jsa", PREFIX + "/anchorwatch-host.jsa");
  }

  @Test
  void controlDataNamesTheManifestsAsConffilesAndHasMaintainerScripts() throws Exception {
    String info = run(List.of("dpkg-deb", "-I", deb.toString()), 60).out();
    assertThat(info).contains("Package: anchorwatch", "Architecture: ", "Depends: libc6", "postinst", "prerm", "postrm", "conffiles");
    Path ctrl = Files.createDirectories(tmp.resolve("control"));
    assertThat(run(List.of("dpkg-deb", "-e", deb.toString(), ctrl.toString()), 60).exit()).isZero();
    assertThat(Files.readAllLines(ctrl.resolve("conffiles"))).containsExactlyInAnyOrder(
        MANIFESTS.stream().filter(m -> m.startsWith("/etc/")).toArray(String[]::new));
    assertThat(Files.readString(ctrl.resolve("postinst"))).contains("--build-cds-archive");
    assertThat(Files.readString(ctrl.resolve("prerm"))).contains("anchorwatch.jsa", "anchorwatch-host.jsa");
    assertThat(Files.readString(ctrl.resolve("postrm"))).contains("anchorwatch.jsa", "anchorwatch-host.jsa");
  }

  @Test
  void extractedLauncherIgnoresEnvironmentOverridesAndAnswersHelloOverFramesOnly() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    assertThat(run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), 120).exit()).isZero();
    Path prefix = root.resolve(PREFIX.substring(1));
    String release = Files.readString(prefix.resolve("runtime/release"));
    assertThat(release).contains("java.base", "jdk.crypto.ec").doesNotContain("java.desktop");
    for (String m : MANIFESTS) {
      JsonNode manifest = mapper.readTree(root.resolve(m.substring(1)).toFile());
      assertThat(manifest.get("path").asText()).as(m).isEqualTo(PREFIX + "/anchorwatch");
    }

    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.createDirectories(home.resolve(".config/anchorwatch"));
    Files.writeString(home.resolve(".config/anchorwatch/host.json"), "{\"defaultStores\": false}");
    // what a user could set to hijack a root-run launcher: none of it may be used
    Map<String, String> hostile = Map.of("ANCHORWATCH_JAR", tmp.resolve("evil.jar").toString(),
        "ANCHORWATCH_JAVA", "/bin/false", "JAVA_HOME", tmp.resolve("evil-jdk").toString());
    try (HostProcess host = HostProcess.launch(List.of(prefix.resolve("anchorwatch").toString(), DEV_ID), home, hostile)) {
      JsonNode hello = host.call("{\"id\":1,\"type\":\"hello\"}");
      assertThat(hello.get("ok").asBoolean()).as(hello.toString()).isTrue();
      assertThat(hello.at("/result/caller").asText()).isEqualTo(DEV_ID);
      assertThat(host.closeAndWait()).isZero();
    }
    Path stderr = home.resolve("host-stderr.txt");
    assertThat(Files.readString(stderr)).doesNotContain("evil");
  }

  /**
   * The real thing, as root: dpkg -i, then the CLI from /usr/bin and the ownership of what was
   * installed, then purge in finally; afterwards nothing of the package may be left (directories
   * that existed before, such as /usr/lib/mozilla, stay).
   */
  @Test
  void installsForRealRunsFromUsrBinAndPurgesWithoutTrace() throws Exception {
    assumeTrue("0".equals(run(List.of("id", "-u"), 10).out().trim()), "needs root (CI runs as root)");
    assumeTrue(!Boolean.getBoolean("anchorwatch.deb.noinstall"), "-Danchorwatch.deb.noinstall");
    assumeTrue(run(List.of("dpkg-query", "-W", "anchorwatch"), 30).exit() != 0 && !Files.exists(Path.of(PREFIX)),
        "anchorwatch already installed on this machine: not touched");
    Map<String, Entry> files = listing();
    List<String> existedBefore = files.keySet().stream().filter(p -> Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS)).toList();
    assertThat(existedBefore).as("only shared directories may exist before").allMatch(p -> Files.isDirectory(Path.of(p)));
    try {
      Result install = dpkg("-i", deb.toString());
      assertThat(install.exit()).as(install.err()).isZero();

      Result scan = run(List.of("/usr/bin/anchorwatch", "scan", "--json"), 300);
      assertThat(scan.exit()).as(scan.err()).isIn(0, 3); // 3: blocked roots found
      assertThat(mapper.readTree(scan.out()).get("stores").isArray()).isTrue();
      assertThat(Path.of(PREFIX, "anchorwatch.jsa")).as("class-data archive made by postinst").isRegularFile();
      assertThat(Path.of(PREFIX, "anchorwatch-host.jsa")).as("the host's archive, made by postinst").isRegularFile();
      for (String p : List.of(PREFIX, PREFIX + "/anchorwatch", PREFIX + "/anchorwatch.jar", PREFIX + "/runtime/bin/java",
          PREFIX + "/anchorwatch.jsa", PREFIX + "/anchorwatch-host.jsa", MANIFESTS.get(1))) {
        PosixFileAttributes a = Files.readAttributes(Path.of(p), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(a.owner().getName()).as(p).isEqualTo("root");
        assertThat(a.permissions()).as(p).doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
      }
      chromiumStartsTheSystemHost();
    } finally {
      Result purge = dpkg("--purge", "anchorwatch");
      assertThat(purge.exit()).as(purge.err()).isZero();
    }
    List<String> left = new ArrayList<>();
    for (String p : files.keySet()) {
      if (!existedBefore.contains(p) && Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS)) left.add(p);
    }
    if (Files.exists(Path.of(PREFIX))) left.add(PREFIX);
    assertThat(left).as("left behind after purge").isEmpty();
    assertThat(run(List.of("dpkg-query", "-W", "anchorwatch"), 30).exit()).isNotZero();
  }

  /**
   * A real headless Chromium with the unpacked extension and an empty profile (so no user-level
   * manifest): the only way to the host is /etc/chromium/native-messaging-hosts. The extension
   * connects at start-up; the host it starts logs its caller under the temporary HOME.
   */
  private void chromiumStartsTheSystemHost() throws Exception {
    Path chromium = Path.of("/usr/lib/chromium/chromium");
    if (!Files.isExecutable(chromium) || run(List.of("sh", "-c", "command -v node"), 10).exit() != 0) {
      System.err.println("DebPackageIT: no Chromium or node here; the browser part of the real install is not run");
      return;
    }
    Path ext = Path.of("..", "extension").toAbsolutePath().normalize();
    Result build = run(List.of("node", ext.resolve("scripts/build.mjs").toString()), 120);
    assertThat(build.exit()).as(build.err()).isZero();
    Path home = Files.createDirectories(tmp.resolve("chromium-home"));
    Files.createDirectories(home.resolve(".config/anchorwatch"));
    Files.writeString(home.resolve(".config/anchorwatch/host.json"), "{\"defaultStores\": false}");
    Path dist = ext.resolve("dist/chromium");
    ProcessBuilder pb = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--user-data-dir=" + tmp.resolve("udd"),
        "--disable-extensions-except=" + dist, "--load-extension=" + dist, "about:blank");
    pb.environment().keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("ANCHORWATCH_"));
    pb.environment().put("HOME", home.toString());
    pb.redirectOutput(tmp.resolve("chromium.out").toFile()).redirectError(tmp.resolve("chromium.err").toFile());
    Path log = home.resolve(".local/state/anchorwatch/host.log");
    String want = "started by [" + DEV_ID + "]";
    Process browser = pb.start();
    try {
      // wait for the state (the host's log line), not for a guessed time; 120 s is the give-up
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!(Files.exists(log) && Files.readString(log).contains(want)) && browser.isAlive() && System.nanoTime() < giveUp) {
        Thread.sleep(250);
      }
      assertThat(log).as("host log under the temporary HOME (chromium stderr: " + tmp.resolve("chromium.err") + ")").exists();
      assertThat(Files.readString(log)).contains(want);
    } finally {
      // SIGTERM first so Chromium removes its /tmp singleton folder; then nothing may survive
      List<ProcessHandle> all = new ArrayList<>(browser.descendants().toList());
      all.add(browser.toHandle());
      browser.destroy();
      if (!browser.waitFor(30, TimeUnit.SECONDS)) browser.destroyForcibly();
      all.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle h : all) h.onExit().get(30, TimeUnit.SECONDS);
      // headless Chromium leaves its singleton folder (/tmp/org.chromium.Chromium.*) behind
      Path socket = tmp.resolve("udd/SingletonSocket");
      if (Files.isSymbolicLink(socket)) {
        Path folder = Files.readSymbolicLink(socket).getParent();
        if (folder != null && folder.getFileName().toString().startsWith("org.chromium.Chromium.")) {
          try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
          }
          Files.deleteIfExists(folder);
        }
      }
    }
  }

  private Map<String, Entry> listing() throws Exception {
    Result r = run(List.of("dpkg-deb", "-c", deb.toString()), 60);
    assertThat(r.exit()).as(r.err()).isZero();
    Map<String, Entry> out = new LinkedHashMap<>();
    for (String line : r.out().split("\n")) {
      String[] f = line.trim().split("\\s+", 6);
      String name = f[5];
      String link = null;
      int arrow = name.indexOf(" -> ");
      if (arrow >= 0) {
        link = name.substring(arrow + 4);
        name = name.substring(0, arrow);
      }
      String path = name.substring(1).replaceAll("/$", "");
      if (!path.isEmpty()) out.put(path, new Entry(f[0], f[1], path, link));
    }
    return out;
  }

  /** dpkg refuses at once while another dpkg/apt holds its lock: wait for the lock, not a guessed time. */
  private Result dpkg(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("dpkg"));
    cmd.addAll(List.of(args));
    for (int attempt = 0; ; attempt++) {
      Result r = run(cmd, 600);
      if (r.exit() == 0 || !r.err().contains("lock") || attempt >= 300) return r;
      Thread.sleep(2000);
    }
  }

  record Result(int exit, String out, String err) {}

  private static Result run(List<String> cmd, int timeoutSeconds) throws Exception {
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not finish within " + timeoutSeconds + " s");
    }
    return new Result(p.exitValue(), out, err.get());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
