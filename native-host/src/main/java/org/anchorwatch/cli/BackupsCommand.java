package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.anchorwatch.cleanup.BackupSummary;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.config.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backups", mixinStandardHelpOptions = true, description = "List the backups cleanup made (newest first); each can be restored.")
public final class BackupsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print JSON") boolean json;
  @Mixin StoreOptions storeOptions;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<BackupSummary> list = CleanupCommands.service(storeOptions, Cli.env(spec)).backups();
      if (json) {
        out.println(Json.pretty(list));
      } else if (list.isEmpty()) {
        out.println("No backups.");
      } else {
        for (BackupSummary b : list) {
          out.printf("%s  %s  %s  %s%s%s%n", b.id(), b.createdAt(), b.mode(), b.target().subject(), b.fullyRestored() ? "  (restored)" : "",
              b.consistent() ? "" : "  (does not match its journal: cannot be restored)");
          for (BackupSummary.Location l : b.locations()) {
            out.printf("    [%d] %-12s %s%s%n", l.step(), l.action(), l.location(), l.restored() ? "  (restored)" : "");
          }
        }
      }
      out.flush();
      return Cli.EXIT_OK;
    } catch (AnchorwatchException e) {
      return CleanupCommands.fail(spec, e);
    }
  }
}
