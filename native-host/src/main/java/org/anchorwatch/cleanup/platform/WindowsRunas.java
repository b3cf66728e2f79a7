package org.anchorwatch.cleanup.platform;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * ShellExecuteEx with verb "runas" on the installed launcher: Windows shows its UAC prompt and
 * starts the launcher elevated. The launcher path comes from the installation (an admin-only
 * folder such as Program Files), never from the request.
 */
public final class WindowsRunas implements ElevatedLauncher {
  static final int ERROR_CANCELLED = 1223;

  /** What ShellExecuteEx is given; {@code parameters} is the single command-line string Windows expects. */
  public record Invocation(String verb, String file, String parameters) {}

  /** The shell32/kernel32 calls: start, wait for the process, return its exit code. */
  public interface Shell {
    int executeAndWait(Invocation invocation) throws ShellException;
  }

  /** A failed ShellExecuteEx; {@code code} is GetLastError. */
  public static final class ShellException extends Exception {
    private final int code;

    public ShellException(int code) {
      super("ShellExecuteEx failed: " + code);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private final String launcher;
  private final Shell shell;

  public WindowsRunas(String launcher, Shell shell) {
    if (launcher == null || !(launcher.matches("^[A-Za-z]:\\\\.*") || launcher.startsWith("\\\\"))) {
      throw new IllegalArgumentException("the elevated launcher must be an absolute Windows path: " + launcher);
    }
    this.launcher = launcher;
    this.shell = shell;
  }

  public Invocation invocation(ElevatedRequest r) {
    return new Invocation("runas", launcher, String.join(" ", r.arguments()));
  }

  @Override
  public int run(ElevatedRequest request) throws AnchorwatchException {
    try {
      return shell.executeAndWait(invocation(request));
    } catch (ShellException e) {
      if (e.code() == ERROR_CANCELLED) throw new AnchorwatchException(ErrorCode.USER_CANCELLED, "the administrator prompt was declined");
      throw new AnchorwatchException(ErrorCode.ELEVATION_UNAVAILABLE, e.getMessage());
    }
  }
}
