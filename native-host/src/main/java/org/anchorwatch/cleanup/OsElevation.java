package org.anchorwatch.cleanup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.anchorwatch.cleanup.platform.ElevatedLauncher;
import org.anchorwatch.cleanup.platform.ElevatedRequest;
import org.anchorwatch.cleanup.platform.InstalledLaunchers;
import org.anchorwatch.cleanup.platform.JnaShell;
import org.anchorwatch.cleanup.platform.MacAdminInvocation;
import org.anchorwatch.cleanup.platform.WindowsRunas;
import org.anchorwatch.config.Launcher;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.AdminGate;
import org.anchorwatch.privilege.ShellQuote;

/**
 * The administrator half on Windows (UAC through ShellExecuteEx "runas") and macOS (the system's
 * administrator prompt through osascript). It runs only the installed launcher that
 * {@link InstalledLaunchers} derives from where this jar was installed, and only when an
 * administrator alone could have put launcher and jar there ({@link AdminGate}); otherwise the
 * person is told to install system-wide, as on Linux.
 *
 * <p>Neither route returns the elevated process's output (runas gives an exit code only), so no
 * report comes back: the user's half learns what happened from its own rescan (the Executor marks
 * each handed-off location removed or still present).
 */
public final class OsElevation implements AdminHandOff {
  private static final Duration MAC_TIMEOUT = Duration.ofMinutes(10);
  private final InstalledLaunchers platform;
  private final Path jar;
  private final AdminGate gate;
  private final Function<Path, ElevatedLauncher> launchers;

  /**
   * @param jar the running jar (null when unknown)
   * @param launchers makes the OS route for the checked launcher path
   */
  public OsElevation(InstalledLaunchers platform, Path jar, AdminGate gate, Function<Path, ElevatedLauncher> launchers) {
    this.platform = platform;
    this.jar = jar;
    this.gate = gate;
    this.launchers = launchers;
  }

  /** The one table: Linux pkexec/sudo, Windows runas, macOS osascript. */
  public static AdminHandOff forMachine(String osName, Map<String, String> env, Duration timeout) {
    Path jar = Launcher.jar().orElse(null);
    return InstalledLaunchers.of(osName).<AdminHandOff>map(p -> new OsElevation(p, jar, AdminGate.forThisMachine(),
            p == InstalledLaunchers.WINDOWS ? path -> new WindowsRunas(path.toString(), new JnaShell())
                : path -> new MacAdminInvocation(path.toString(), OsElevation::runMac)))
        .orElseGet(() -> new Elevation(Launcher.installed().orElse(null), jar, env, timeout));
  }

  /** The installed launcher, or null with the reason in {@code why}. */
  Path launcher(List<String> why) {
    if (jar == null) {
      why.add("cannot tell where this copy of Anchorwatch is installed");
      return null;
    }
    Path launcher = platform.launcher(jar);
    if (!Files.isRegularFile(launcher, LinkOption.NOFOLLOW_LINKS)) {
      why.add("no installed launcher at " + launcher);
      return null;
    }
    for (Path p : List.of(launcher, jar)) {
      try {
        gate.requireAdminOnly(p);
      } catch (AnchorwatchException e) {
        why.add(e.getMessage());
        return null;
      }
    }
    return launcher;
  }

  /** What a person would type as administrator to do the same. */
  String command(Path launcher, ElevatedRequest r) {
    List<String> argv = new ArrayList<>(List.of(launcher.toString()));
    argv.addAll(r.arguments());
    if (platform == InstalledLaunchers.WINDOWS) {
      // the request's values are closed patterns; only the path needs CommandLineToArgvW's quotes
      return "\"" + launcher + "\" " + String.join(" ", r.arguments());
    }
    return "sudo " + ShellQuote.join(argv);
  }

  @Override
  public Elevation.Outcome handOff(Elevation.Request r, Consumer<ProgressEvent> progress) {
    if (r.root() != null) {
      return new Elevation.Outcome("unavailable", null, ErrorCode.BAD_ARGUMENT, "--root has no administrator half on Windows or macOS", null);
    }
    ElevatedRequest request;
    try {
      request = ElevatedRequest.of(r.key(), r.mode(), r.operationId());
    } catch (AnchorwatchException e) {
      return new Elevation.Outcome("failed", null, e.code(), e.getMessage(), null);
    }
    List<String> why = new ArrayList<>();
    Path launcher = launcher(why);
    if (launcher == null) {
      return new Elevation.Outcome("unavailable", null, ErrorCode.NEEDS_SYSTEM_INSTALL,
          "The administrator part needs the system-wide installation of Anchorwatch (" + why.get(0) + "). Install it "
              + (platform == InstalledLaunchers.WINDOWS ? "with the .msi into Program Files" : "with the .pkg into /Applications") + " and try again.",
          null);
    }
    String command = command(launcher, request);
    progress.accept(new ProgressEvent("elevate", -1, "asking", platform == InstalledLaunchers.WINDOWS
        ? "waiting for the Windows administrator prompt (UAC)" : "waiting for the macOS administrator password prompt"));
    try {
      int exit = launchers.apply(launcher).run(request);
      if (exit == 0) return new Elevation.Outcome("ran", command, null, null, null);
      return new Elevation.Outcome("failed", command, ErrorCode.REMOVE_FAILED, "the administrator part exited " + exit
          + "; what it changed is checked by the rescan below", null);
    } catch (AnchorwatchException e) {
      if (e.code() == ErrorCode.USER_CANCELLED) return new Elevation.Outcome("cancelled", command, ErrorCode.USER_CANCELLED, e.getMessage(), null);
      return new Elevation.Outcome("failed", command, e.code(), e.getMessage(), null);
    }
  }

  /** osascript, bounded; stderr is kept because the cancel mark (-128) is printed there. */
  static MacAdminInvocation.Result runMac(List<String> argv) throws AnchorwatchException {
    try {
      BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder(argv).redirectErrorStream(true), MAC_TIMEOUT, 1 << 20);
      if (r.timedOut()) throw new AnchorwatchException(ErrorCode.ELEVATION_UNAVAILABLE, "the administrator part did not finish in 10 minutes");
      return new MacAdminInvocation.Result(r.exitCode(), new String(r.output(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.ELEVATION_UNAVAILABLE, "cannot start osascript: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AnchorwatchException(ErrorCode.INTERNAL, "interrupted");
    }
  }
}
