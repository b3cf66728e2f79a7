package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.config.Json;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.ScanService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Inspect every trust store against the blocklist. Exit 0: nothing blocked; 3: a blocked certificate was found; 1: failure; 2: usage error.")
public final class ScanCommand implements Callable<Integer> {
  @Mixin StoreOptions storeOptions;

  @Option(names = "--json", description = "Print one JSON document (stores, findings, summary).")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ScanResult result;
    try {
      ScanOptions opts = storeOptions.toScanOptions(Cli.env(spec));
      result = ScanService.forMachine(opts).scan(opts);
    } catch (AnchorwatchException e) {
      spec.commandLine().getErr().println("anchorwatch: " + e.code() + ": " + e.getMessage());
      return e.code() == ErrorCode.UNKNOWN_STORE_TYPE ? Cli.EXIT_USAGE : Cli.EXIT_RUNTIME;
    }
    if (json) {
      out.println(Json.pretty(result));
    } else {
      new ScanReportPrinter(out).print(result);
    }
    out.flush();
    return result.anyBlocked() ? Cli.EXIT_BLOCKED : Cli.EXIT_OK;
  }
}
