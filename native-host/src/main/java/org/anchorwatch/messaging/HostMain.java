package org.anchorwatch.messaging;

/** Native-messaging entry point (being built). */
public final class HostMain {
  private HostMain() {}

  public static boolean isBrowserLaunch(String[] args) {
    return args.length >= 1 && (args[0].startsWith("chrome-extension://") || (args.length == 2 && args[0].endsWith(".json")));
  }

  public static int run(String[] args) {
    return 1;
  }
}
