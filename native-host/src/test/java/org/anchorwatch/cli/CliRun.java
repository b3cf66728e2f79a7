package org.anchorwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.anchorwatch.config.Json;
import picocli.CommandLine;

/**
 * The CLI in-process, as Main runs it, with a temp HOME as the only environment: backups,
 * journals and the per-user policy land under it, never in the real account's folders. The
 * writers flush on every line, as picocli's own System.out/System.err writers do.
 */
final class CliRun {
  final Map<String, String> env;
  int exit;
  String out;
  String err;

  CliRun(Path home) {
    this(Map.of("HOME", home.toString()));
  }

  CliRun(Map<String, String> env) {
    this.env = env;
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cl = Cli.commandLine(env);
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    exit = cl.execute(args);
    out = o.toString();
    err = e.toString();
    return exit;
  }

  JsonNode json() throws Exception {
    return Json.MAPPER.readTree(out);
  }
}
