package org.anchorwatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.anchorwatch.install.InstallException;
import org.anchorwatch.install.InstallReport;
import org.anchorwatch.install.InstallRequest;
import org.anchorwatch.install.Installer;
import org.anchorwatch.install.Locations;
import org.anchorwatch.install.Os;
import org.anchorwatch.install.WindowsRegistration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "install", mixinStandardHelpOptions = true,
    description = {"Write the native-messaging host manifests browsers need to start anchorwatch.",
        "Without --browser: every browser whose folder exists. Exit 0: done; 1: failure or a file left as someone else changed it; 2: usage error."})
public final class InstallCommand implements Callable<Integer> {
  @Mixin InstallScopeOptions scope;

  @Option(names = "--browser", split = ",", paramLabel = "NAME",
      description = "Also install for these browsers, creating their folder: chrome, chromium, edge, brave, vivaldi, firefox, librewolf.")
  List<String> browsers = new ArrayList<>();

  @Option(names = "--user-data-dir", paramLabel = "DIR",
      description = "Chromium family started with --user-data-dir=DIR reads DIR/NativeMessagingHosts only. Repeatable.")
  List<Path> userDataDirs = new ArrayList<>();

  @Option(names = "--host-path", paramLabel = "PATH", description = "The launcher the manifests name (default: installer/anchorwatch found next to the jar).")
  Path hostPath;

  @Option(names = "--force", description = "Replace a manifest with our name that anchorwatch did not write.")
  boolean force;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    InstallRequest req = new InstallRequest(Os.current(), scope.scope(spec.commandLine()), scope.home, Cli.env(spec),
        browsers, userDataDirs, hostPath, force);
    if (req.os() == Os.WINDOWS) {
      return run(spec.commandLine(), () -> {
        Path exe = hostPath != null ? hostPath.toAbsolutePath() : WindowsRegistration.defaultHostExe();
        return WindowsRegistration.system(Locations.bundled()).install(req.scope(), WindowsRegistration.manifestDir(req.scope(), req.env(), exe), exe, force);
      }, scope.json);
    }
    return run(spec.commandLine(), () -> new Installer(Locations.bundled()).install(req), scope.json);
  }

  interface Action {
    InstallReport run() throws InstallException;
  }

  /** Shared with uninstall: USAGE becomes a picocli usage error (exit 2), the rest exit 1. */
  static int run(CommandLine cmd, Action action, boolean json) {
    InstallReport report;
    try {
      report = action.run();
    } catch (InstallException e) {
      if (e.kind() == InstallException.Kind.USAGE) throw new CommandLine.ParameterException(cmd, e.getMessage());
      cmd.getErr().println("anchorwatch: " + e.getMessage());
      return Cli.EXIT_RUNTIME;
    }
    InstallReportPrinter.print(cmd.getOut(), report, json);
    return report.complete() ? Cli.EXIT_OK : Cli.EXIT_RUNTIME;
  }
}
