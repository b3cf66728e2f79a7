package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import org.anchorwatch.cleanup.CleanupContext;
import org.anchorwatch.cleanup.CleanupService;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import picocli.CommandLine;

/** Shared plumbing of the cleanup verbs: build the service from the store options, map errors to exit codes. */
final class CleanupCommands {
  private CleanupCommands() {}

  static CleanupService service(StoreOptions opts, Map<String, String> env) throws AnchorwatchException {
    ScanOptions scan = opts.toScanOptions(env);
    CleanupContext cx = CleanupContext.forUser(ScanService.forMachine(scan), scan, AppDirs.fromEnv(env), env);
    return new CleanupService(cx, Clock.systemUTC());
  }

  static int fail(CommandLine.Model.CommandSpec spec, AnchorwatchException e) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("anchorwatch: " + e.code() + ": " + e.getMessage());
    err.flush();
    return switch (e.code()) {
      case UNKNOWN_STORE_TYPE, BAD_HASH, BAD_ARGUMENT -> Cli.EXIT_USAGE;
      default -> Cli.EXIT_RUNTIME;
    };
  }
}
