package org.anchorwatch.privilege;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * The gate of the administrator half (`elevated-apply`, `elevated-restore`). It runs as root and
 * accepts no input a user could have prepared: no variable that picks the code or the runtime
 * (the launcher clears the environment as root; one started some other way is refused), code that
 * root alone controls, and a layout root (--root, for tests and mounted disks) only when root
 * alone controls it too. Everything else it derives from the machine.
 */
public final class AdminInvocation {
  /** Variables that choose which code runs, or inject code into the JVM or the C runtime. */
  static final List<String> CODE_CHOOSING_ENV = List.of("ANCHORWATCH_JAR", "ANCHORWATCH_JAVA", "ANCHORWATCH_LAUNCHER", "JAVA_HOME",
      "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT");

  private AdminInvocation() {}

  /**
   * @param code the jar (or class folder) this process runs from
   * @param root --root, or null for "/"
   * @return the checked layout root
   */
  public static Path check(Identity who, Map<String, String> env, Path code, Path root) throws AnchorwatchException {
    return check(new AdminGate.Posix(who, false), env, code, root);
  }

  /**
   * The same gate on any platform: administrator (root, or an elevated Windows token), no
   * code-choosing variable, code only an administrator can have put there. A layout root is a
   * POSIX notion (tests, mounted disks); Windows takes none.
   */
  public static Path check(AdminGate gate, Map<String, String> env, Path code, Path root) throws AnchorwatchException {
    if (!gate.isAdministrator()) {
      throw new AnchorwatchException(ErrorCode.UNSAFE_INVOCATION, "the administrator part runs as the administrator (through " + gate.howToElevate() + ")");
    }
    for (String v : CODE_CHOOSING_ENV) {
      if (env.containsKey(v)) {
        throw new AnchorwatchException(ErrorCode.UNSAFE_INVOCATION, v + " is set: the administrator part takes no code, runtime or "
            + "library from the environment; run it through the installed launcher (sudo anchorwatch …)");
      }
    }
    if (code == null) throw new AnchorwatchException(ErrorCode.UNSAFE_INVOCATION, "cannot tell which jar is running");
    try {
      gate.requireAdminOnly(code);
    } catch (AnchorwatchException e) {
      throw new AnchorwatchException(ErrorCode.UNSAFE_INVOCATION, "this copy of Anchorwatch can be changed by a user, so root must not "
          + "run it: " + e.getMessage() + ". Use the system-wide installation.");
    }
    if (gate instanceof AdminGate.Windows) {
      if (root != null) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "--root is not used on Windows");
      return null;
    }
    return root == null ? Path.of("/") : gate.requireAdminOnly(root);
  }

}
