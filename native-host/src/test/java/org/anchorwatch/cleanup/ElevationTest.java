package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DiscoveryContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user half's hand-over: what it asks, when it may show a command, and how pkexec's run ends. */
class ElevationTest {
  static final String KEY = "ab".repeat(32);
  @TempDir Path tmp;
  Path launcher;
  Path bin;

  @BeforeEach
  void setUp() throws Exception {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    launcher = Files.writeString(tmp.resolve("anchorwatch"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    bin = Files.createDirectories(tmp.resolve("bin"));
  }

  private Elevation elevation(Map<String, String> env, Duration timeout) {
    return new Elevation(launcher, null, env, timeout);
  }

  private void fakePkexec(String body) throws Exception {
    Path p = Files.writeString(bin.resolve("pkexec"), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Map<String, String> desktop() {
    return Map.of("DISPLAY", ":0", "PATH", bin + ":/usr/bin:/bin");
  }

  @Test
  void theAdministratorIsToldOnlyTheKeyTheModeTheOperationAndTheLayoutRoot() {
    Elevation.Request r = new Elevation.Request(KEY, "distrust", "0123456789ab", Path.of("/mnt/disk one"));
    assertThat(elevation(Map.of(), Duration.ofMinutes(1)).argv(r)).contains(List.of(launcher.toString(), "elevated-apply", "--key", KEY,
        "--mode", "distrust", "--op", "0123456789ab", "--root", "/mnt/disk one"));
  }

  @Test
  void withoutADesktopTheExactQuotedSudoCommandIsShown() {
    Elevation.Outcome o = elevation(Map.of("PATH", bin.toString()), Duration.ofMinutes(1))
        .handOff(new Elevation.Request(KEY, "delete", "0123456789ab", Path.of("/mnt/disk one")), e -> {});
    assertThat(o.status()).isEqualTo("needs-elevation");
    assertThat(o.problem()).isEqualTo(ErrorCode.ELEVATION_UNAVAILABLE);
    assertThat(o.command()).isEqualTo("sudo " + launcher + " elevated-apply --key " + KEY + " --mode delete --op 0123456789ab --root '/mnt/disk one'");
  }

  @Test
  void aLauncherOrJarAUserCanWriteGetsNoCommandAtAll() throws Exception {
    Files.setAttribute(launcher, "unix:uid", 65534);
    Elevation.Outcome o = elevation(desktop(), Duration.ofMinutes(1)).handOff(new Elevation.Request(KEY, "delete", "0123456789ab", null), e -> {});
    assertThat(o.status()).isEqualTo("unavailable");
    assertThat(o.problem()).isEqualTo(ErrorCode.NEEDS_SYSTEM_INSTALL);
    assertThat(o.command()).isNull();
    assertThat(o.message()).contains("system-wide installation", "owned by uid 65534");

    Files.setAttribute(launcher, "unix:uid", 0);
    Path jar = Files.writeString(tmp.resolve("anchorwatch.jar"), "x");
    Files.setAttribute(jar, "unix:mode", 0666);
    assertThat(new Elevation(launcher, jar, desktop(), Duration.ofMinutes(1)).handOff(new Elevation.Request(KEY, "delete", "0123456789ab", null),
        e -> {}).problem()).isEqualTo(ErrorCode.NEEDS_SYSTEM_INSTALL);
    assertThat(new Elevation(null, null, desktop(), Duration.ofMinutes(1)).unsafeReason()).contains("no installed launcher");
  }

  @Test
  void pkexecRunsTheArgvWithJsonAndItsReportIsRead() throws Exception {
    Path argv = tmp.resolve("argv");
    fakePkexec("printf '%s\\n' \"$@\" > " + argv + "\necho '{\"operationId\":\"beef0001\",\"steps\":[],\"undo\":\"sudo anchorwatch elevated-restore beef0001\"}'");
    List<String> events = new ArrayList<>();
    Elevation.Outcome o = elevation(desktop(), Duration.ofMinutes(1))
        .handOff(new Elevation.Request(KEY, "delete", "0123456789ab", null), e -> events.add(e.status()));
    assertThat(o.status()).isEqualTo("ran");
    assertThat(o.report().path("operationId").asText()).isEqualTo("beef0001");
    assertThat(Files.readAllLines(argv)).containsExactly(launcher.toString(), "elevated-apply", "--key", KEY, "--mode", "delete", "--op",
        "0123456789ab", "--json");
    assertThat(events).containsExactly("asking");
  }

  @Test
  void aDismissedDialogAnErrorReportAndGarbageAreTellingOutcomes() throws Exception {
    Elevation.Request r = new Elevation.Request(KEY, "delete", "0123456789ab", null);
    fakePkexec("exit 126");
    assertThat(elevation(desktop(), Duration.ofMinutes(1)).handOff(r, e -> {}).status()).isEqualTo("cancelled");
    fakePkexec("echo '{\"error\":{\"code\":\"UNSAFE_PATH\",\"message\":\"no\"}}'; exit 1");
    Elevation.Outcome err = elevation(desktop(), Duration.ofMinutes(1)).handOff(r, e -> {});
    assertThat(err.status()).isEqualTo("failed");
    assertThat(err.problem()).isEqualTo(ErrorCode.UNSAFE_PATH);
    fakePkexec("echo not json; exit 1");
    assertThat(elevation(desktop(), Duration.ofMinutes(1)).handOff(r, e -> {}).message()).contains("exited 1 without a result");
  }

  @Test
  void aChildThatNeverEndsIsKilledAtTheTimeoutEvenWhileItFloodsItsOutput() throws Exception {
    Path pidFile = tmp.resolve("pid");
    fakePkexec("echo $$ > " + pidFile + "\nwhile :; do echo flood; done");
    Elevation.Outcome o = elevation(desktop(), Duration.ofSeconds(2)).handOff(new Elevation.Request(KEY, "delete", "0123456789ab", null), e -> {});
    assertThat(o.status()).isEqualTo("failed");
    assertThat(o.message()).contains("did not finish");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void rebuildStandInsAreTestModeOnlyAndTheRealMachineUsesAbsolutePaths() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root/etc/anchorwatch")).getParent().getParent();
    Files.writeString(root.resolve("etc/anchorwatch/rebuild.json"), "{\"debian\": [\"/bin/true\"]}");
    DiscoveryContext foreign = new DiscoveryContext(root, List.of(), Map.of());
    assertThat(RebuildCommands.load(foreign, true).command("debian")).contains(List.of("/bin/true"));
    assertThat(RebuildCommands.load(foreign, false).command("debian")).isEmpty();
    RebuildCommands real = RebuildCommands.load(new DiscoveryContext(Path.of("/"), List.of(), Map.of()), true);
    assertThat(real.command("debian")).contains(List.of("/usr/sbin/update-ca-certificates"));
    assertThat(RebuildCommands.DEFAULTS.values()).allSatisfy(c -> assertThat(c.get(0)).startsWith("/"));
  }
}
