package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.config.Json;
import picocli.CommandLine;

/** Errors of the administrator verbs: a JSON error object for the user's half (pkexec), else a line. */
final class ElevatedOutput {
  private ElevatedOutput() {}

  static int fail(CommandLine.Model.CommandSpec spec, boolean json, AnchorwatchException e) {
    if (json) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(Json.pretty(Map.of("error", Map.of("code", e.code().name(), "message", e.getMessage()))));
      out.flush();
    }
    int exit = CleanupCommands.fail(spec, e);
    return e.code() == ErrorCode.UNSAFE_INVOCATION ? Cli.EXIT_USAGE : exit;
  }
}
