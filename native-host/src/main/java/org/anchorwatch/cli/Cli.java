package org.anchorwatch.cli;

import java.util.Map;
import org.anchorwatch.config.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line face: one picocli subcommand per verb, each a thin renderer over a service. */
@Command(name = "anchorwatch", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
    description = "Finds interception root certificates in this machine's trust stores.",
    subcommands = {ScanCommand.class, PlanCommand.class, RemoveCommand.class, BackupsCommand.class, RestoreCommand.class,
        DoctorCommand.class, ElevatedApplyCommand.class, ElevatedRestoreCommand.class, BlocklistCommand.class, InstallCommand.class, UninstallCommand.class, StatusCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_RUNTIME = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_BLOCKED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The process environment, read once here so every command sees the same map and in-process
   * tests can hand in a temp HOME/XDG_* instead of the real account's (backups, journals, policy).
   */
  private final Map<String, String> env;

  private Cli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The environment of the command line {@code spec} belongs to. */
  static Map<String, String> env(CommandLine.Model.CommandSpec spec) {
    return ((Cli) spec.root().userObject()).env;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: anchorwatch scan)");
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line; tests swap its out/err writers. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /** The same with another environment (tests: a temp HOME, no XDG_* of the real account). */
  static CommandLine commandLine(Map<String, String> env) {
    CommandLine cl = new CommandLine(new Cli(env));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("anchorwatch: " + ex.getMessage());
      return EXIT_RUNTIME;
    });
    return cl;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"anchorwatch " + Version.host() + " (protocol " + Version.PROTOCOL + ")"};
    }
  }
}
