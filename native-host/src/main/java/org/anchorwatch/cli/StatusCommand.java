package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.anchorwatch.install.InstallStatus;
import org.anchorwatch.install.Locations;
import org.anchorwatch.install.Os;
import org.anchorwatch.install.Scope;
import org.anchorwatch.install.WindowsRegistration;
import org.anchorwatch.config.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "List every browser's manifest locations (per user and system-wide) and what is there. Changes nothing.")
public final class StatusCommand implements Callable<Integer> {
  @Option(names = "--home", paramLabel = "DIR", description = "Treat DIR as the home directory.") Path home;
  @Option(names = "--root", paramLabel = "DIR", description = "Treat DIR as / for the system-wide locations (tests, mounted disks).") Path root;
  @Option(names = "--json", description = "print JSON") boolean json;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Os os = Os.current();
    if (os == Os.WINDOWS) {
      WindowsRegistration reg = WindowsRegistration.system(Locations.bundled());
      for (Scope s : Scope.values()) {
        for (Map.Entry<String, Optional<String>> e : reg.status(s).entrySet()) {
          out.printf("%-7s %s = %s%n", s.key(), e.getKey(), e.getValue().orElse("(none)"));
        }
      }
      out.flush();
      return Cli.EXIT_OK;
    }
    if (os == null) {
      spec.commandLine().getErr().println("anchorwatch: no manifest locations are known for this operating system");
      return Cli.EXIT_RUNTIME;
    }
    List<InstallStatus.Row> rows = new InstallStatus(Locations.bundled()).rows(os, home, root == null ? Path.of("/") : root, Cli.env(spec));
    if (json) {
      out.println(Json.pretty(rows));
    } else {
      for (InstallStatus.Row r : rows) {
        out.printf("%-10s %-7s %-12s %s%s%n", r.browser(), r.scope(), r.state(), r.location(), r.hostPath() == null ? "" : "  -> " + r.hostPath());
      }
    }
    out.flush();
    return Cli.EXIT_OK;
  }
}
