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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Doctor.Report r = CleanupCommands.service(storeOptions).doctor();
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
