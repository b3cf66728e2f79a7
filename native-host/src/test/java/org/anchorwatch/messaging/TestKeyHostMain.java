package org.anchorwatch.messaging;

import java.time.Clock;
import org.anchorwatch.blocklist.TestSigning;

/** Test-only entry point: the real host, trusting the test keys instead of the compiled-in ones. */
public final class TestKeyHostMain {
  private TestKeyHostMain() {}

  public static void main(String[] args) {
    System.exit(HostMain.run(args, where -> TestSigning.updates(where, Clock.systemUTC())));
  }
}
