package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.anchorwatch.cleanup.Doctor;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.messaging.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Find operations a crash interrupted and reconcile them: every certificate ends in place or removed with a verified backup.")
public final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print JSON") boolean json;
  @Mixin StoreOptions storeOptions;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * As root, the administrator half's own records too (/var/lib/anchorwatch): an elevated-apply a
   * crash interrupted is reconciled the same way. Only through the same gate as elevated-apply.
   */
  private Doctor.Report administratorRecords() {
    try {
      java.nio.file.Path layout = org.anchorwatch.privilege.AdminInvocation.check(org.anchorwatch.privilege.Identity.current(),
          System.getenv(), org.anchorwatch.config.Launcher.jar().orElse(null), storeOptions.root);
      return new Doctor(org.anchorwatch.cleanup.CleanupContext.forAdministrator(
          org.anchorwatch.scan.ScanService.forMachine(org.anchorwatch.scan.ScanOptions.administrator(layout)), layout)).run();
    } catch (AnchorwatchException e) {
      spec.commandLine().getErr().println("anchorwatch: administrator records not checked: " + e.code() + ": " + e.getMessage());
      return new Doctor.Report(java.util.List.of(), java.util.List.of(), 0);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Doctor.Report r = CleanupCommands.service(storeOptions).doctor();
      if (org.anchorwatch.privilege.Identity.current().isRoot()) r = r.plus(administratorRecords());
      if (json) {
        out.println(Json.pretty(r));
      } else if (r.repaired().isEmpty() && r.unfinishedRestores().isEmpty()) {
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
      }
      out.flush();
      boolean alarm = r.repaired().stream().flatMap(x -> x.steps().stream()).anyMatch(s -> s.outcome().equals("backup-missing"));
      return alarm ? Cli.EXIT_RUNTIME : Cli.EXIT_OK;
    } catch (AnchorwatchException e) {
      return CleanupCommands.fail(spec, e);
    }
  }
}
