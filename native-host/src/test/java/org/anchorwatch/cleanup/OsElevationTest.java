package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.cleanup.platform.InstalledLaunchers;
import org.anchorwatch.cleanup.platform.MacAdminInvocation;
import org.anchorwatch.cleanup.platform.WindowsRunas;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.AdminGate;
import org.anchorwatch.privilege.Identity;
import org.anchorwatch.privilege.WindowsAcl;
import org.anchorwatch.scan.Installed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's half hands elevated Windows/macOS steps to the installed launcher through UAC or the
 * macOS administrator prompt: exact invocation, refusals (no installed launcher, one a user can
 * change, a bad request), the person declining (1223 / -128 → USER_CANCELLED), and how the
 * rescan settles what the report-less run did. Fake shell32 and osascript runners; real files.
 */
class OsElevationTest {
  static final String KEY = "ab".repeat(32);
  static final String OP = "0123456789abcdef01234567";
  static final String ADMINS = "S-1-5-32-544";
  static final String ALICE = "S-1-5-21-1-2-3-1001";

  @TempDir Path tmp;
  final List<ProgressEvent> progress = new ArrayList<>();
  final List<WindowsRunas.Invocation> invocations = new ArrayList<>();
  final List<List<String>> osascript = new ArrayList<>();
  String owner = ADMINS;
  int shellResult;
  Integer shellError;
  MacAdminInvocation.Result macResult = new MacAdminInvocation.Result(0, "");

  /** Every path is administrator-owned and admin-only unless {@link #owner} says otherwise for the install folder. */
  final WindowsAcl.Binding acl = new WindowsAcl.Binding() {
    @Override
    public WindowsAcl.Security read(Path p) throws IOException {
      String o = p.endsWith("Anchorwatch") ? owner : ADMINS;
      return new WindowsAcl.Security(o, List.of(new WindowsAcl.Ace(ADMINS, true, 0x1f01ff, false)));
    }

    @Override
    public boolean processElevated() {
      return false;
    }
  };

  Path winJar;
  Path winLauncher;
  Path macJar;
  Path macLauncher;

  @BeforeEach
  void install() throws Exception {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path win = Files.createDirectories(tmp.resolve("Program Files/Anchorwatch/app"));
    winJar = Files.writeString(win.resolve("anchorwatch.jar"), "jar");
    winLauncher = Files.writeString(win.getParent().resolve("anchorwatch-cli.exe"), "exe");
    Path contents = Files.createDirectories(tmp.resolve("Applications/Anchorwatch.app/Contents"));
    macJar = Files.writeString(Files.createDirectories(contents.resolve("app")).resolve("anchorwatch.jar"), "jar");
    macLauncher = Files.writeString(Files.createDirectories(contents.resolve("MacOS")).resolve("Anchorwatch"), "#!/bin/sh");
    for (Path p : List.of(macJar, macLauncher)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  OsElevation windows(Path jar) {
    return new OsElevation(InstalledLaunchers.WINDOWS, jar, new AdminGate.Windows(acl), path -> new WindowsRunas(
        "C:\\" + tmp.relativize(path).toString().replace('/', '\\'), inv -> {
          invocations.add(inv);
          if (shellError != null) throw new WindowsRunas.ShellException(shellError);
          return shellResult;
        }));
  }

  OsElevation mac(Path jar) {
    return new OsElevation(InstalledLaunchers.MACOS, jar, new AdminGate.Posix(new Identity(501, 501), true),
        path -> new MacAdminInvocation(path.toString(), argv -> {
          osascript.add(argv);
          return macResult;
        }));
  }

  static Elevation.Request request(String mode) {
    return new Elevation.Request(KEY, mode, OP, null);
  }

  @Test
  void windowsRunsTheInstalledConsoleLauncherThroughRunasWithOnlyKeyModeAndOperation() {
    Elevation.Outcome o = windows(winJar).handOff(request("delete"), progress::add);
    assertThat(o.status()).isEqualTo("ran");
    assertThat(o.problem()).isNull();
    assertThat(o.report()).isNull();
    assertThat(invocations).containsExactly(new WindowsRunas.Invocation("runas", "C:\\Program Files\\Anchorwatch\\anchorwatch-cli.exe",
        "elevated-apply --key " + KEY + " --mode delete --op " + OP));
    assertThat(o.command()).isEqualTo("\"" + winLauncher + "\" elevated-apply --key " + KEY + " --mode delete --op " + OP);
    assertThat(progress).extracting(ProgressEvent::message).containsExactly("waiting for the Windows administrator prompt (UAC)");
  }

  @Test
  void decliningUacIsUserCancelledAndAFailedRunIsRemoveFailed() {
    shellError = 1223;
    Elevation.Outcome cancelled = windows(winJar).handOff(request("distrust"), progress::add);
    assertThat(cancelled.status()).isEqualTo("cancelled");
    assertThat(cancelled.problem()).isEqualTo(ErrorCode.USER_CANCELLED);
    shellError = 2;
    assertThat(windows(winJar).handOff(request("distrust"), progress::add).problem()).isEqualTo(ErrorCode.ELEVATION_UNAVAILABLE);
    shellError = null;
    shellResult = 1;
    Elevation.Outcome failed = windows(winJar).handOff(request("delete"), progress::add);
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.problem()).isEqualTo(ErrorCode.REMOVE_FAILED);
    assertThat(failed.message()).contains("exited 1");
  }

  @Test
  void anInstallFolderAUserOwnsOrNoInstalledLauncherIsRefusedWithoutAPrompt() throws Exception {
    owner = ALICE; // --win-dir-chooser into a folder the user made
    Elevation.Outcome o = windows(winJar).handOff(request("delete"), progress::add);
    assertThat(o.status()).isEqualTo("unavailable");
    assertThat(o.problem()).isEqualTo(ErrorCode.NEEDS_SYSTEM_INSTALL);
    assertThat(o.command()).isNull();
    assertThat(o.message()).contains("owned by " + ALICE);
    owner = ADMINS;
    Files.delete(winLauncher);
    assertThat(windows(winJar).handOff(request("delete"), progress::add).message()).contains("no installed launcher at " + winLauncher);
    assertThat(windows(null).handOff(request("delete"), progress::add).problem()).isEqualTo(ErrorCode.NEEDS_SYSTEM_INSTALL);
    assertThat(invocations).isEmpty();
  }

  @Test
  void aRequestOutsideTheClosedPatternsOrWithALayoutRootNeverReachesThePrompt() {
    Elevation.Outcome bad = windows(winJar).handOff(new Elevation.Request(KEY, "delete", "../../x", null), progress::add);
    assertThat(bad.problem()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    Elevation.Outcome root = windows(winJar).handOff(new Elevation.Request(KEY, "delete", OP, tmp), progress::add);
    assertThat(root.problem()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    assertThat(invocations).isEmpty();
  }

  @Test
  void macAsksThroughOsascriptForTheInstalledAppLauncherAndMinus128IsUserCancelled() throws Exception {
    Elevation.Outcome o = mac(macJar).handOff(request("delete"), progress::add);
    assertThat(o.status()).isEqualTo("ran");
    assertThat(osascript).containsExactly(List.of("/usr/bin/osascript", "-e", "do shell script \"'" + macLauncher
        + "' elevated-apply --key " + KEY + " --mode delete --op " + OP + "\" with administrator privileges"));
    assertThat(o.command()).isEqualTo("sudo " + macLauncher + " elevated-apply --key " + KEY + " --mode delete --op " + OP);

    macResult = new MacAdminInvocation.Result(1, "0:75: execution error: User canceled. (-128)");
    Elevation.Outcome cancelled = mac(macJar).handOff(request("delete"), progress::add);
    assertThat(cancelled.status()).isEqualTo("cancelled");
    assertThat(cancelled.problem()).isEqualTo(ErrorCode.USER_CANCELLED);

    Files.setPosixFilePermissions(macLauncher, PosixFilePermissions.fromString("rwxrwxrwx"));
    Elevation.Outcome refused = mac(macJar).handOff(request("delete"), progress::add);
    assertThat(refused.problem()).isEqualTo(ErrorCode.NEEDS_SYSTEM_INSTALL);
    assertThat(osascript).hasSize(2);
  }

  @Test
  void theRouteIsChosenPerOperatingSystem() {
    assertThat(OsElevation.forMachine("Linux", Map.of(), Duration.ofMinutes(1))).isInstanceOf(Elevation.class);
    assertThat(OsElevation.forMachine("Windows 11", Map.of(), Duration.ofMinutes(1))).isInstanceOf(OsElevation.class);
    assertThat(OsElevation.forMachine("Mac OS X", Map.of(), Duration.ofMinutes(1))).isInstanceOf(OsElevation.class);
    assertThat(InstalledLaunchers.WINDOWS.launcher(winJar)).isEqualTo(winLauncher);
    assertThat(InstalledLaunchers.MACOS.launcher(macJar)).isEqualTo(macLauncher);
  }

  @Test
  void aReportLessRunIsSettledByTheRescan() {
    String sha = "cd".repeat(32);
    Step lm = step(1, "LocalMachine\\ROOT#x", sha);
    Step ent = step(2, "LocalMachineEnterprise\\ROOT#x", sha);
    List<StepStatus> statuses = new ArrayList<>(List.of(new StepStatus(0, "CurrentUser\\ROOT#x", "delete", "removed", null),
        new StepStatus(1, lm.location(), "delete", Executor.RAN_UNREPORTED, null),
        new StepStatus(2, ent.location(), "delete", Executor.RAN_UNREPORTED, null)));
    Installed still = new Installed("windows:LocalMachineEnterprise/ROOT", "x", "windows", "added", ent.location(), "trusted", sha, Map.of(), null);
    Executor.settleFromRescan(statuses, List.of(lm, ent), new VerifyResult(sha, null, false, List.of(still), "now"));
    assertThat(statuses).extracting(StepStatus::status).containsExactly("removed", "removed", "still-present");
  }

  static Step step(int index, String location, String sha) {
    return new Step(index, "windows:x", "windows", "x", "added", location, sha, "delete", true, "b", List.of(), null, List.of(), Map.of());
  }
}
