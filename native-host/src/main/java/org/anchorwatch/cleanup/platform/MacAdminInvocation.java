package org.anchorwatch.cleanup.platform;

import java.util.List;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * The authorised invocation on macOS: osascript's "do shell script … with administrator
 * privileges" shows the system's own administrator prompt and runs the installed launcher as root
 * (AuthorizationExecuteWithPrivileges is deprecated; SMJobBless needs a signed helper). The
 * launcher path is single-quoted for /bin/sh and then escaped for the AppleScript string; the
 * request's values are closed patterns and need neither.
 */
public final class MacAdminInvocation implements ElevatedLauncher {
  /** osascript prints "User canceled. (-128)" and exits 1 when the prompt is dismissed. */
  static final String CANCELLED_MARK = "(-128)";

  public record Result(int exitCode, String stderr) {}

  /** Runs a command without a shell and waits for it. */
  public interface Runner {
    Result run(List<String> argv) throws AnchorwatchException;
  }

  private final String launcher;
  private final Runner runner;

  public MacAdminInvocation(String launcher, Runner runner) {
    if (launcher == null || !launcher.startsWith("/")) throw new IllegalArgumentException("the launcher must be an absolute path: " + launcher);
    this.launcher = launcher;
    this.runner = runner;
  }

  public List<String> argv(ElevatedRequest r) {
    String shell = shellQuote(launcher) + " " + String.join(" ", r.arguments());
    String script = "do shell script \"" + appleScriptEscape(shell) + "\" with administrator privileges";
    return List.of("/usr/bin/osascript", "-e", script);
  }

  @Override
  public int run(ElevatedRequest request) throws AnchorwatchException {
    Result r = runner.run(argv(request));
    if (r.exitCode() != 0 && r.stderr() != null && r.stderr().contains(CANCELLED_MARK)) {
      throw new AnchorwatchException(ErrorCode.USER_CANCELLED, "the administrator prompt was dismissed");
    }
    return r.exitCode();
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static String appleScriptEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
