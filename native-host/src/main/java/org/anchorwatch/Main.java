package org.anchorwatch;

import org.anchorwatch.cli.Cli;
import org.anchorwatch.messaging.HostMain;

/**
 * One jar, two faces. Started by a browser (argv carries "chrome-extension://ID/", or Firefox's
 * manifest path and add-on id) it speaks native messaging; started by a person it is the CLI.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    org.anchorwatch.config.JnaHome.configure(); // before any JNA class loads (NSS, crypt32, Security)
    if (args.length == 1 && (args[0].equals("--cds-warmup") || args[0].equals("--cds-warmup-host"))) {
      System.exit(CdsWarmup.run(args[0].equals("--cds-warmup-host"))); // build time: see CdsWarmup
    }
    if (HostMain.isBrowserLaunch(args)) {
      System.exit(HostMain.run(args));
    }
    System.exit(Cli.run(args));
  }
}
