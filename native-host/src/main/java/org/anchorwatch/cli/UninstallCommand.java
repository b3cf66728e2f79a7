package org.anchorwatch.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.anchorwatch.install.InstallRequest;
import org.anchorwatch.install.Installer;
import org.anchorwatch.install.Locations;
import org.anchorwatch.install.Os;
import org.anchorwatch.install.WindowsRegistration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "uninstall", mixinStandardHelpOptions = true,
    description = {"Remove the manifests `install` wrote, as its record lists them; a file changed since is left in place and reported.",
        "Exit 0: done; 1: failure or a file left in place; 2: usage error."})
public final class UninstallCommand implements Callable<Integer> {
  @Mixin InstallScopeOptions scope;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    InstallRequest req = new InstallRequest(Os.current(), scope.scope(spec.commandLine()), scope.home, Cli.env(spec),
        List.of(), List.of(), null, false);
    if (req.os() == Os.WINDOWS) {
      return InstallCommand.run(spec.commandLine(), () -> WindowsRegistration.system(Locations.bundled())
          .uninstall(req.scope(), WindowsRegistration.manifestDir(req.scope(), req.env(), WindowsRegistration.defaultHostExe())), scope.json);
    }
    return InstallCommand.run(spec.commandLine(), () -> new Installer(Locations.bundled()).uninstall(req), scope.json);
  }
}
