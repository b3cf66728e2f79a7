package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anchorwatch.cleanup.AdminApply;
import org.anchorwatch.cleanup.CleanupContext;
import org.anchorwatch.config.Launcher;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.config.Json;
import org.anchorwatch.privilege.AdminInvocation;
import org.anchorwatch.scan.ScanService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The administrator half of `remove`, started through pkexec or sudo. It takes only what to
 * remove; no store, home, policy, state or data option exists here on purpose (see AdminApply).
 */
@Command(name = "elevated-apply", hidden = true, mixinStandardHelpOptions = true,
    description = "As root: remove or distrust one certificate (or key) from this machine's system trust stores, with root's own backup.")
public final class ElevatedApplyCommand implements Callable<Integer> {
  @Option(names = "--key", required = true, description = "certificate or SPKI SHA-256") String key;
  @Option(names = "--mode", required = true, description = "delete or distrust") String mode;
  @Option(names = "--op", description = "the user's operation id, recorded for reference") String op;
  @Option(names = "--root", paramLabel = "DIR", description = "a layout root owned by root alone (tests, mounted disks)") Path root;
  @Option(names = "--json", description = "print the result as JSON (what the user's half reads through pkexec)") boolean json;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Path layout = AdminInvocation.check(org.anchorwatch.privilege.AdminGate.forThisMachine(), Cli.env(spec), Launcher.jar().orElse(null), root);
      CleanupContext cx = CleanupContext.forAdministrator(ScanService.forMachine(org.anchorwatch.scan.ScanOptions.administrator(layout)), layout);
      AdminApply.AdminResult r = new AdminApply(cx).run(key, mode, op, e -> {
        err.printf("  %s %s%s%n", e.phase(), e.step() >= 0 ? "[" + e.step() + "] " : "", e.status());
        err.flush();
      });
      if (json) {
        out.println(Json.pretty(r));
      } else {
        r.steps().forEach(s -> out.printf("  [%d] %-12s %s%s%n", s.step(), s.status(), s.location(), PlanPrinter.note(s.message())));
        out.println(r.verify().clean() ? "No system store trusts it any more." : r.verify().remaining().size() + " location(s) still trust it.");
        if (r.undo() != null) out.println("Undo: " + r.undo());
      }
      out.flush();
      return r.verify().clean() && r.steps().stream().noneMatch(s -> s.status().equals("failed")) ? Cli.EXIT_OK : Cli.EXIT_RUNTIME;
    } catch (AnchorwatchException e) {
      return ElevatedOutput.fail(spec, json, e);
    }
  }
}
