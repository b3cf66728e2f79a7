package org.anchorwatch.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.anchorwatch.cleanup.ApplyResult;
import org.anchorwatch.cleanup.CleanupService;
import org.anchorwatch.cleanup.Plan;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.config.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove", mixinStandardHelpOptions = true,
    description = "Remove (or distrust) a certificate everywhere it is installed: plan, confirm, back up, change, rebuild, verify. "
        + "Exit 0 when no store trusts it afterwards, 1 otherwise.")
public final class RemoveCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SHA256", description = "certificate SHA-256 or SPKI SHA-256 (hex or base64)") String hash;
  @Option(names = "--distrust", description = "keep certificates where possible and take their trust away") boolean distrust;
  @Option(names = "--dry-run", description = "show the plan and stop") boolean dryRun;
  @Option(names = "--yes", description = "do not ask for confirmation (the only way to skip it)") boolean yes;
  @Option(names = "--json", description = "print the plan and result as JSON") boolean json;
  @Mixin StoreOptions storeOptions;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      CleanupService service = CleanupCommands.service(storeOptions, Cli.env(spec));
      Plan plan = service.plan(hash, distrust);
      if (!json) PlanPrinter.plan(out, plan);
      out.flush();
      if (dryRun) {
        if (json) out.println(Json.pretty(plan));
        out.flush();
        return Cli.EXIT_OK;
      }
      if (!yes && !confirmed(err, plan)) {
        err.println("Nothing was changed.");
        err.flush();
        return Cli.EXIT_RUNTIME;
      }
      ApplyResult r = service.applyConfirmedByPerson(plan, e -> {
        if (!json) {
          err.printf("  %s %s%s%n", e.phase(), e.step() >= 0 ? "[" + e.step() + "] " : "", e.status());
          err.flush();
        }
      });
      if (json) out.println(Json.pretty(java.util.Map.of("plan", plan, "result", r)));
      else PlanPrinter.result(out, r);
      out.flush();
      boolean failed = r.steps().stream().anyMatch(s -> s.status().equals("failed") || s.status().equals("needs-elevation"));
      return r.verify().clean() && !failed ? Cli.EXIT_OK : Cli.EXIT_RUNTIME;
    } catch (AnchorwatchException e) {
      return CleanupCommands.fail(spec, e);
    }
  }

  /** Asks on the terminal; without one there is no interactive confirmation, so nothing happens. */
  private static boolean confirmed(PrintWriter err, Plan plan) {
    Console console = System.console();
    if (console == null) {
      err.println("Confirmation needs a terminal. Re-run in one, or pass --yes to confirm this plan non-interactively.");
      return false;
    }
    String answer = console.readLine("Back up and %s at %d location(s)? Type 'yes' to continue: ",
        plan.mode().equals("distrust") ? "distrust it" : "remove it", plan.actionable().size());
    return answer != null && answer.strip().equalsIgnoreCase("yes");
  }
}
