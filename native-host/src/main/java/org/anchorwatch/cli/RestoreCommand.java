package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.anchorwatch.cleanup.Restorer;
import org.anchorwatch.cleanup.StepStatus;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.config.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", mixinStandardHelpOptions = true, description = "Undo a removal from its backup: every location, or only --step N.")
public final class RestoreCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "backup id (see: anchorwatch backups)") String id;
  @Option(names = "--step", paramLabel = "N", description = "restore only this location (repeatable)") List<Integer> steps = List.of();
  @Option(names = "--json", description = "print JSON") boolean json;
  @Mixin StoreOptions storeOptions;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Restorer.RestoreResult r = CleanupCommands.service(storeOptions, Cli.env(spec)).restore(id, new LinkedHashSet<>(steps), e -> {});
      if (json) {
        out.println(Json.pretty(r));
      } else {
        for (StepStatus s : r.steps()) out.printf("  [%d] %-9s %s%s%n", s.step(), s.status(), s.location(), PlanPrinter.note(s.message()));
        r.rebuilds().forEach(run -> out.printf("  rebuild: %s%n", PlanPrinter.rebuild(run)));
      }
      out.flush();
      return r.steps().stream().allMatch(s -> s.status().equals("restored")) ? Cli.EXIT_OK : Cli.EXIT_RUNTIME;
    } catch (AnchorwatchException e) {
      return CleanupCommands.fail(spec, e);
    }
  }
}
