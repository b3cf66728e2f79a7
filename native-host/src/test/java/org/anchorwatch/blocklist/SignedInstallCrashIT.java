package org.anchorwatch.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.anchorwatch.testsupport.HostProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes installing at once, killed with SIGKILL at arbitrary points: the installed list is
 * always one whole, verifiable document (the old or a new one), never torn, never rolled back,
 * and the next install clears what a killed one left.
 */
class SignedInstallCrashIT {
  @TempDir Path dir;

  /** One InstallLoop child; {@code highest} is the highest sequence it reported installed. */
  private record Child(Process process, AtomicLong highest, AtomicLong lines) {}

  private Child start(Path user, long first, long step) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(HostProcess.javaBin(), "-cp", System.getProperty("java.class.path"),
        InstallLoop.class.getName(), dir.resolve("machine/blocklist.signed").toString(), user.toString(),
        Long.toString(first), Long.toString(step)).redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    AtomicLong highest = new AtomicLong(-1);
    AtomicLong lines = new AtomicLong();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          String[] w = line.split(" ");
          if (w[0].equals("installed")) highest.accumulateAndGet(Long.parseLong(w[1]), Math::max);
          lines.incrementAndGet();
        }
      } catch (Exception e) {
        // killed
      }
    });
    reader.setDaemon(true);
    reader.start();
    return new Child(p, highest, lines);
  }

  private static void waitForLines(Child c, long n) throws InterruptedException {
    while (c.lines().get() < n) {
      assertThat(c.process().isAlive()).as("install loop died early").isTrue();
      Thread.sleep(20);
    }
  }

  private static void kill(Child c) throws InterruptedException {
    c.process().destroyForcibly(); // SIGKILL on Unix
    assertThat(c.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private void assertWholeAndNotRolledBack(Path user, long atLeast) {
    BlocklistUpdates updates = TestSigning.updates(new BlocklistUpdates.Locations(dir.resolve("machine/blocklist.signed"), user), Clock.systemUTC());
    BlocklistUpdates.Candidate c = updates.state().installed().get(1);
    assertThat(c.problem()).as(c.message()).isNull();
    assertThat(c.document().sequence()).isGreaterThanOrEqualTo(atLeast);
  }

  @Test
  @Timeout(300)
  void killedInstallsLeaveTheOldOrTheNewListNeverATornOne() throws Exception {
    Path user = dir.resolve("home/.local/share/anchorwatch/blocklist.signed");
    long floor = 0;
    for (int round = 0; round < 3; round++) {
      Child c = start(user, 100 + round * 1000L, 1);
      waitForLines(c, 2 + round); // a different number of completed installs before each kill
      kill(c);
      floor = Math.max(floor, c.highest().get());
      assertWholeAndNotRolledBack(user, floor);
    }
  }

  @Test
  @Timeout(300)
  void twoProcessesInstallingAtOnceLeaveOneConsistentList() throws Exception {
    Path user = dir.resolve("home/.local/share/anchorwatch/blocklist.signed");
    List<Child> children = new ArrayList<>(List.of(start(user, 10, 2), start(user, 11, 2)));
    for (Child c : children) waitForLines(c, 6);
    long highest = -1;
    for (Child c : children) {
      kill(c);
      highest = Math.max(highest, c.highest().get());
    }
    assertWholeAndNotRolledBack(user, highest);

    // a later install works and removes temp files a killed install may have left
    BlocklistUpdates updates = TestSigning.updates(new BlocklistUpdates.Locations(dir.resolve("machine/blocklist.signed"), user), Clock.systemUTC());
    updates.install(TestSigning.signed(1_000_000, "test-b"), BlocklistUpdates.Scope.USER);
    try (var s = Files.list(user.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("blocklist.signed", ".blocklist.lock");
    }
  }
}
