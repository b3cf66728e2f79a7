package org.anchorwatch.privilege;

import java.nio.file.Path;
import java.util.Locale;
import org.anchorwatch.errors.AnchorwatchException;

/**
 * The two questions the administrator half asks of its platform: "am I the administrator?" and
 * "could only an administrator have put this path here?". POSIX answers with uids and modes
 * ({@link TrustedPaths}; on macOS the admin group counts as administrators), Windows with the
 * token's elevation and the path's access-control lists ({@link WindowsAcl}).
 */
public sealed interface AdminGate {
  boolean isAdministrator();

  /** The checked path; UNSAFE_PATH when someone other than an administrator could change it. */
  Path requireAdminOnly(Path path) throws AnchorwatchException;

  /** How the administrator is started, for messages ("sudo or pkexec", "Run as administrator"). */
  String howToElevate();

  /** @param adminGroup macOS: directories writable by root and the admin group pass too */
  record Posix(Identity who, boolean adminGroup) implements AdminGate {
    @Override
    public boolean isAdministrator() {
      return who.isRoot();
    }

    @Override
    public Path requireAdminOnly(Path path) throws AnchorwatchException {
      return adminGroup ? TrustedPaths.requireMac(path) : TrustedPaths.require(path);
    }

    @Override
    public String howToElevate() {
      return adminGroup ? "the macOS administrator prompt or sudo" : "sudo or pkexec";
    }
  }

  record Windows(WindowsAcl.Binding binding) implements AdminGate {
    @Override
    public boolean isAdministrator() {
      return binding.processElevated();
    }

    @Override
    public Path requireAdminOnly(Path path) throws AnchorwatchException {
      return WindowsAcl.require(path, binding);
    }

    @Override
    public String howToElevate() {
      return "Run as administrator (the UAC prompt)";
    }
  }

  /** This machine's gate; the Windows binding is made only on Windows. */
  static AdminGate forThisMachine() {
    return of(System.getProperty("os.name", ""), Identity::current);
  }

  static AdminGate of(String osName, java.util.function.Supplier<Identity> who) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) return new Windows(new JnaWindowsAcl());
    return new Posix(who.get(), os.startsWith("mac"));
  }
}
