package org.anchorwatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.cleanup.CleanupContext;
import org.anchorwatch.cleanup.ElevatedApply;
import org.anchorwatch.cleanup.StepStatus;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.config.Launcher;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.scan.ScanService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The privileged half of `remove`, started through pkexec or sudo. Hidden: people run `remove`,
 * which prints this exact command when it cannot ask for administrator rights itself.
 */
@Command(name = "elevated-apply", hidden = true, mixinStandardHelpOptions = true,
    description = "Carry out the administrator steps of operation OP after re-validating its saved plan and backup.")
public final class ElevatedApplyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "OP") String op;
  @Option(names = "--state-dir", required = true, description = "the invoking user's state dir (journal)") Path stateDir;
  @Option(names = "--data-dir", required = true, description = "the invoking user's data dir (backups)") Path dataDir;
  @Mixin StoreOptions storeOptions;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try {
      AppDirs dirs = new AppDirs(dataDir.resolveSibling("config"), dataDir, stateDir);
      CleanupContext cx = CleanupContext.create(new ScanService(Blocklist.bundled()), storeOptions.toScanOptions(), dirs, Launcher.path());
      List<StepStatus> r = new ElevatedApply(cx).run(op);
      r.forEach(s -> spec.commandLine().getOut().printf("  [%d] %-12s %s%s%n", s.step(), s.status(), s.location(),
          s.message() == null ? "" : "  — " + s.message()));
      spec.commandLine().getOut().flush();
      return r.stream().allMatch(s -> !s.status().equals("failed")) ? Cli.EXIT_OK : Cli.EXIT_RUNTIME;
    } catch (AnchorwatchException e) {
      return CleanupCommands.fail(spec, e);
    }
  }
}
