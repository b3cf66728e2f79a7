package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.anchorwatch.cleanup.Doctor;
import org.anchorwatch.config.ExtensionIds;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.install.InstallDoctor;
import org.anchorwatch.install.Locations;
import org.anchorwatch.install.Os;
import org.anchorwatch.install.WindowsInstallDoctor;
import org.anchorwatch.config.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Find operations a crash interrupted and reconcile them: every certificate ends in place or removed with a verified backup.",
        "Then check the installation: host manifests of every browser, their ids and paths, a host that answers hello, JNA, Snap/Flatpak."})
public final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print JSON") boolean json;
  @Option(names = "--acknowledge", paramLabel = "OPERATION",
      description = "stop reporting the lost backup of that operation (certificates removed whose backup is gone)") String acknowledge;
  @Option(names = "--hello-timeout", paramLabel = "MS", defaultValue = "15000",
      description = "how long a host may take to answer hello (default ${DEFAULT-VALUE})") long helloTimeout;
  @Mixin StoreOptions storeOptions;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * As root, the administrator half's own records too (/var/lib/anchorwatch): an elevated-apply a
   * crash interrupted is reconciled the same way. Only through the same gate as elevated-apply.
   */
  private Doctor.Report administratorRecords() {
    try {
      return administratorDoctor().run();
    } catch (AnchorwatchException e) {
      notChecked("administrator", e);
      return new Doctor.Report(java.util.List.of(), java.util.List.of(), 0);
    }
  }

  /**
   * As root, the records of the account's own folders: refused (UNSAFE_PATH) when they lie where
   * another user could have written them (sudo -E, a root shell with a user's HOME). That is said
   * and the administrator records are still checked.
   */
  private Doctor.Report ownRecordsAsAdministrator() throws AnchorwatchException {
    try {
      return CleanupCommands.service(storeOptions, Cli.env(spec)).doctor();
    } catch (AnchorwatchException e) {
      if (e.code() != org.anchorwatch.errors.ErrorCode.UNSAFE_PATH) throw e;
      notChecked("this account's", e);
      return new Doctor.Report(java.util.List.of(), java.util.List.of(), 0);
    }
  }

  private void notChecked(String whose, AnchorwatchException e) {
    spec.commandLine().getErr().println("anchorwatch: " + whose + " records not checked: " + e.code() + ": " + e.getMessage());
  }

  private Doctor administratorDoctor() throws AnchorwatchException {
    java.nio.file.Path layout = org.anchorwatch.privilege.AdminInvocation.check(org.anchorwatch.privilege.AdminGate.forThisMachine(),
        Cli.env(spec), org.anchorwatch.config.Launcher.jar().orElse(null), storeOptions.root);
    return new Doctor(org.anchorwatch.cleanup.CleanupContext.forAdministrator(
        org.anchorwatch.scan.ScanService.forMachine(org.anchorwatch.scan.ScanOptions.administrator(layout)), layout));
  }

  /** --acknowledge: in the person's own records, and as root in the administrator half's too. */
  private int acknowledge() throws AnchorwatchException {
    boolean admin = org.anchorwatch.privilege.AdminGate.forThisMachine().isAdministrator();
    boolean done = false;
    try {
      done = CleanupCommands.service(storeOptions, Cli.env(spec)).acknowledgeLostBackup(acknowledge);
    } catch (AnchorwatchException e) {
      if (!admin || e.code() != org.anchorwatch.errors.ErrorCode.UNSAFE_PATH) throw e;
      notChecked("this account's", e); // as root, folders another user could write: on to the administrator records
    }
    if (!done && admin) {
      try {
        done = administratorDoctor().acknowledge(acknowledge);
      } catch (AnchorwatchException e) {
        spec.commandLine().getErr().println("anchorwatch: administrator records not checked: " + e.code() + ": " + e.getMessage());
      }
    }
    if (!done) {
      spec.commandLine().getErr().println("anchorwatch: no lost backup to acknowledge for operation " + acknowledge
          + " (doctor lists them under \"Lost backup\")");
      return Cli.EXIT_USAGE;
    }
    spec.commandLine().getOut().println("Acknowledged: doctor no longer reports the lost backup of operation " + acknowledge + ".");
    return Cli.EXIT_OK;
  }

  /** The cleanup report's fields plus the installation part. */
  record Full(List<Doctor.Repair> repaired, List<Doctor.UnfinishedRestore> unfinishedRestores, List<Doctor.LostBackup> lostBackups,
      int journalsChecked, InstallDoctor.Report install, List<org.anchorwatch.cleanup.ElevationDoctor.Check> elevation) {}

  private InstallDoctor.Report installReport() {
    Os os = Os.current();
    if (os == Os.WINDOWS) return WindowsInstallDoctor.system(Locations.bundled(), ExtensionIds.bundled(), helloTimeout).run();
    if (os != Os.LINUX && os != Os.MACOS) return new InstallDoctor.Report(List.of(), List.of());
    return new InstallDoctor(Locations.bundled(), ExtensionIds.bundled(), helloTimeout).run(os, storeOptions.home,
        storeOptions.root == null ? Path.of("/") : storeOptions.root, Cli.env(spec));
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (acknowledge != null) return acknowledge();
      Doctor.Report r = org.anchorwatch.privilege.AdminGate.forThisMachine().isAdministrator()
          ? ownRecordsAsAdministrator().plus(administratorRecords())
          : CleanupCommands.service(storeOptions, Cli.env(spec)).doctor();
      List<org.anchorwatch.cleanup.ElevationDoctor.Check> elevation = org.anchorwatch.cleanup.ElevationDoctor.forThisMachine();
      InstallDoctor.Report install = installReport();
      if (json) {
        out.println(Json.pretty(new Full(r.repaired(), r.unfinishedRestores(), r.lostBackups(), r.journalsChecked(), install, elevation)));
      } else if (r.repaired().isEmpty() && r.unfinishedRestores().isEmpty() && r.lostBackups().isEmpty()) {
        out.printf("Nothing to repair (%d journal(s) checked).%n", r.journalsChecked());
      } else {
        for (Doctor.Repair rep : r.repaired()) {
          out.printf("Interrupted operation %s (backup %s):%n", rep.operationId(), rep.backupVerified() ? "verified" : "incomplete");
          rep.steps().forEach(s -> out.printf("  [%d] %-20s %s (last journal event: %s)%n", s.step(), s.outcome(), s.location(), s.lastEvent()));
          rep.actions().forEach(a -> out.printf("  %s%n", a));
        }
        for (Doctor.UnfinishedRestore u : r.unfinishedRestores()) {
          out.printf("Interrupted restore of backup %s: %s%n", u.backupId(), u.advice());
        }
        for (Doctor.LostBackup l : r.lostBackups()) {
          out.printf("Lost backup of operation %s: these were removed and their backup is gone:%n", l.operationId());
          l.steps().forEach(s -> out.printf("  [%d] %s%n", s.step(), s.location()));
          out.printf("  %s%n", l.advice());
        }
      }
      if (!json) InstallDoctorPrinter.print(out, install);
      // Windows/macOS: the administrator route (Linux: part of the install checks above)
      if (!json) elevation.forEach(c -> out.printf("%-8s %-22s %s%n", c.status(), c.what(), c.detail()));
      out.flush();
      // installation findings are advice: only a lost backup not yet acknowledged makes doctor fail
      return r.lostBackups().isEmpty() ? Cli.EXIT_OK : Cli.EXIT_RUNTIME;
    } catch (AnchorwatchException e) {
      return CleanupCommands.fail(spec, e);
    }
  }
}
