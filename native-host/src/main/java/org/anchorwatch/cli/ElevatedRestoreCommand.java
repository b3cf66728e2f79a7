package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.anchorwatch.cleanup.CleanupContext;
import org.anchorwatch.cleanup.CleanupService;
import org.anchorwatch.cleanup.Restorer;
import org.anchorwatch.config.Launcher;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.config.Json;
import org.anchorwatch.privilege.AdminInvocation;
import org.anchorwatch.scan.ScanService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Undo of the administrator half, from root's own records only (see Restorer, BackupCheck). */
@Command(name = "elevated-restore", mixinStandardHelpOptions = true,
    description = "As root: put back system-store locations that `elevated-apply` removed, from root's own backup ID "
        + "(without ID: list root's backups).")
public final class ElevatedRestoreCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", arity = "0..1") String id;
  @Option(names = "--step", paramLabel = "N", description = "restore only this location (repeatable)") List<Integer> steps = List.of();
  @Option(names = "--root", paramLabel = "DIR", description = "a layout root owned by root alone (tests, mounted disks)") Path root;
  @Option(names = "--json", description = "print JSON") boolean json;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Path layout = AdminInvocation.check(org.anchorwatch.privilege.AdminGate.forThisMachine(), Cli.env(spec), Launcher.jar().orElse(null), root);
      CleanupService svc = new CleanupService(CleanupContext.forAdministrator(ScanService.forMachine(org.anchorwatch.scan.ScanOptions.administrator(layout)), layout), java.time.Clock.systemUTC());
      if (id == null) {
        var list = svc.backups();
        if (json) out.println(Json.pretty(java.util.Map.of("backups", list)));
        else list.forEach(b -> out.printf("%s  %s  %s  %d location(s)%s%n", b.id(), b.createdAt(), b.mode(), b.locations().size(),
            b.consistent() ? "" : "  (does not match its journal: cannot be restored)"));
        out.flush();
        return Cli.EXIT_OK;
      }
      Restorer.RestoreResult r = svc.restore(id, new LinkedHashSet<>(steps), e -> {});
      if (json) out.println(Json.pretty(r));
      else r.steps().forEach(s -> out.printf("  [%d] %-10s %s%s%n", s.step(), s.status(), s.location(), PlanPrinter.note(s.message())));
      out.flush();
      return r.steps().stream().allMatch(s -> s.status().equals("restored")) ? Cli.EXIT_OK : Cli.EXIT_RUNTIME;
    } catch (AnchorwatchException e) {
      return ElevatedOutput.fail(spec, json, e);
    }
  }
}
