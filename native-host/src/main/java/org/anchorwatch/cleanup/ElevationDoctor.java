package org.anchorwatch.cleanup;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anchorwatch.cleanup.platform.InstalledLaunchers;
import org.anchorwatch.config.Launcher;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.AdminGate;

/**
 * What `doctor` checks on Windows and macOS about the administrator half: can elevated steps run
 * (the installed launcher exists and only an administrator can change it and its jar), are the
 * administrator's records (backups, journals) an administrator's alone, and is this run elevated
 * (then doctor also reconciles those records). Linux has the same facts in the install checks.
 */
public final class ElevationDoctor {
  /**
   * @param status ok | problem | info
   * @param code a stable error code when status is problem, else null
   */
  public record Check(String what, String status, String code, String detail) {}

  private final OsElevation route;
  private final AdminGate gate;
  private final CleanupDirs adminDirs;

  public ElevationDoctor(OsElevation route, AdminGate gate, CleanupDirs adminDirs) {
    this.route = route;
    this.gate = gate;
    this.adminDirs = adminDirs;
  }

  /** This machine's checks; empty where the OS has no such route (Linux: see InstallDoctor). */
  public static List<Check> forThisMachine() {
    String os = System.getProperty("os.name", "");
    var platform = InstalledLaunchers.of(os);
    if (platform.isEmpty()) return List.of();
    AdminGate gate = AdminGate.forThisMachine();
    Path jar = Launcher.jar().orElse(null);
    OsElevation route = new OsElevation(platform.get(), jar, gate, p -> {
      throw new IllegalStateException("doctor never elevates");
    });
    Path installDir = jar == null ? null : platform.get().launcher(jar).getParent();
    return new ElevationDoctor(route, gate, CleanupDirs.forAdministrator(os, Path.of("/"), installDir)).run();
  }

  public List<Check> run() {
    List<Check> out = new ArrayList<>();
    List<String> why = new ArrayList<>();
    Path launcher = route.launcher(why);
    out.add(launcher != null ? new Check("elevated-launcher", "ok", null, "administrator steps run " + launcher)
        : new Check("elevated-launcher", "problem", ErrorCode.NEEDS_SYSTEM_INSTALL.name(), why.get(0)
            + "; administrator steps are shown as commands but not run. Install Anchorwatch system-wide."));
    for (Path dir : List.of(adminDirs.backups(), adminDirs.journal())) {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        out.add(new Check("administrator-records", "info", null, dir + " does not exist yet (the first elevated removal makes it)"));
        continue;
      }
      try {
        gate.requireAdminOnly(dir);
        out.add(new Check("administrator-records", "ok", null, dir + " can be changed by administrators only"));
      } catch (AnchorwatchException e) {
        out.add(new Check("administrator-records", "problem", e.code().name(), e.getMessage()
            + "; elevated-restore and doctor refuse these records until an administrator fixes the folder's owner and permissions"));
      }
    }
    out.add(new Check("elevated", "info", null, gate.isAdministrator()
        ? "this run is elevated: the administrator's records are checked too" : "this run is not elevated: only your own records were checked"));
    return List.copyOf(out);
  }
}
