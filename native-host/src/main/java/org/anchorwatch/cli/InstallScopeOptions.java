package org.anchorwatch.cli;

import java.nio.file.Path;
import org.anchorwatch.install.Scope;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** --user / --system, --home and --json, shared by install and uninstall. */
public final class InstallScopeOptions {
  @Option(names = "--user", description = "Manifests for this user only (no privileges needed).")
  boolean user;

  @Option(names = "--system", description = "Manifests for every user (root / administrator): system folders on Linux and macOS, HKLM keys on Windows. The launcher must be root-owned.")
  boolean system;

  @Option(names = "--home", paramLabel = "DIR", description = "Treat DIR as the home directory (tests, other accounts). XDG_CONFIG_HOME / XDG_DATA_HOME count only when DIR is $HOME.")
  Path home;

  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  Scope scope(CommandLine cmd) {
    if (user == system) {
      throw new CommandLine.ParameterException(cmd, user ? "choose one of --user and --system" : "choose a scope: --user or --system");
    }
    return user ? Scope.USER : Scope.SYSTEM;
  }
}
