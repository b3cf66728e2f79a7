package org.anchorwatch.cli;

import java.util.concurrent.Callable;
import org.anchorwatch.cleanup.Plan;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.config.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Show what removing a certificate (by certificate or SPKI SHA-256) would do at every location. Changes nothing.")
public final class PlanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SHA256", description = "certificate SHA-256 or SPKI SHA-256 (hex or base64)") String hash;
  @Option(names = "--distrust", description = "keep certificates where possible and take their trust away (NSS ,,)") boolean distrust;
  @Option(names = "--json", description = "print the plan as JSON") boolean json;
  @Mixin StoreOptions storeOptions;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try {
      Plan p = CleanupCommands.service(storeOptions, Cli.env(spec)).plan(hash, distrust);
      if (json) spec.commandLine().getOut().println(Json.pretty(p));
      else PlanPrinter.plan(spec.commandLine().getOut(), p);
      spec.commandLine().getOut().flush();
      return Cli.EXIT_OK;
    } catch (AnchorwatchException e) {
      return CleanupCommands.fail(spec, e);
    }
  }
}
