package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A child's exit code and output come back capped; a child that outlives its timeout is killed, with its descendants. */
class BoundedProcessTest {
  @Test
  void exitCodeAndOutputAreReturned() throws Exception {
    BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder("sh", "-c", "echo hello; exit 3"), Duration.ofSeconds(60), 1024);
    assertThat(r.timedOut()).isFalse();
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(new String(r.output(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
  }

  @Test
  void outputBeyondTheCapIsDroppedAndTheChildStillFinishes() throws Exception {
    BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder("sh", "-c", "head -c 100000 /dev/zero; echo"), Duration.ofSeconds(60), 10_000);
    assertThat(r.exitCode()).isZero();
    assertThat(r.output().length).isLessThanOrEqualTo(10_000).isGreaterThan(0);
  }

  @Test
  void outputOfExactlyTheCapIsKeptWhole() throws Exception {
    BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder("head", "-c", "10000", "/dev/zero"), Duration.ofSeconds(60), 10_000);
    assertThat(r.output()).hasSize(10_000);
  }

  @Test
  void stdinIsEmptySoAChildWaitingForInputEnds() throws Exception {
    BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder("cat"), Duration.ofSeconds(60), 1024);
    assertThat(r.timedOut()).isFalse();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void aChildThatNeverEndsIsKilledWithItsDescendants(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    // the grandchild's pid goes to a file first, so the test can check it is gone afterwards
    java.nio.file.Path pid = tmp.resolve("pid");
    BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder("sh", "-c", "sleep 600 & echo $! > '" + pid + "'; wait"),
        Duration.ofSeconds(2), 1024);
    assertThat(r.timedOut()).isTrue();
    assertThat(r.exitCode()).isEqualTo(-1);
    // on a machine so loaded that the shell had not started its child within the timeout there is nothing to check
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(pid), "the shell never got to start its child");
    long grandchild = Long.parseLong(java.nio.file.Files.readString(pid).strip());
    java.util.Optional<ProcessHandle> h = ProcessHandle.of(grandchild);
    try {
      if (h.isPresent()) h.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException stillRunning) {
      // asserted below
    } finally {
      boolean alive = h.map(ProcessHandle::isAlive).orElse(false);
      h.ifPresent(ProcessHandle::destroyForcibly);
      assertThat(alive).as("the grandchild outlived the timeout").isFalse();
    }
  }
}
