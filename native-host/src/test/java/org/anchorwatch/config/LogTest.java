package org.anchorwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host log is process-wide: each test points it at its own temp folder and a captured stderr
 * and puts the previous one back. Other threads of the test JVM may log meanwhile, so lines are
 * looked for, never counted.
 */
class LogTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path previous;

  @BeforeEach
  void capture() {
    previous = Log.file();
  }

  @AfterEach
  void restore() {
    if (previous != null) Log.init(previous.getParent(), System.err);
    else Log.init(tmp.resolve("after"), System.err);
  }

  private PrintStream stderr() {
    return new PrintStream(err, true, StandardCharsets.UTF_8);
  }

  private String stderrText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachLevelGoesToStderrAndToTheFileWithThePid() throws Exception {
    Path state = tmp.resolve("state/anchorwatch");
    Log.init(state, stderr());
    assertThat(Log.file()).isEqualTo(state.resolve("host.log"));
    Log.info("log-test info line");
    Log.warn("log-test warn line");
    Log.error("log-test error line", new IllegalStateException("why"));
    Log.error("log-test bare error", null);
    String pid = "[" + ProcessHandle.current().pid() + "]";
    String file = Files.readString(state.resolve("host.log"));
    for (String text : new String[] {stderrText(), file}) {
      assertThat(text).contains(" INFO " + pid + " log-test info line\n")
          .contains(" WARN " + pid + " log-test warn line\n")
          .contains(" ERROR " + pid + " log-test error line: java.lang.IllegalStateException: why\n")
          .contains(" ERROR " + pid + " log-test bare error\n")
          .doesNotContain("log-test bare error: null");
    }
    // every line starts with an ISO instant
    assertThat(file.lines().filter(l -> l.contains("log-test")))
        .allSatisfy(l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z [A-Z]+ \\[\\d+\\] .*"));
  }

  @Test
  void aLogOverOneMebibyteIsRotatedKeepingOneOldFile() throws Exception {
    Path state = Files.createDirectories(tmp.resolve("rot"));
    Files.write(state.resolve("host.log"), new byte[(1 << 20) + 1]);
    Files.writeString(state.resolve("host.log.1"), "older\n");
    Log.init(state, stderr());
    assertThat(Files.size(state.resolve("host.log.1"))).isEqualTo((1 << 20) + 1);
    assertThat(state.resolve("host.log")).doesNotExist();
    Log.info("after rotation");
    assertThat(Files.readString(state.resolve("host.log"))).contains("after rotation").hasSizeLessThan(1000);
  }

  @Test
  void aLogOfExactlyOneMebibyteIsKept() throws Exception {
    Path state = Files.createDirectories(tmp.resolve("keep"));
    Files.write(state.resolve("host.log"), new byte[1 << 20]);
    Log.init(state, stderr());
    assertThat(state.resolve("host.log.1")).doesNotExist();
    Log.info("appended");
    assertThat(Files.size(state.resolve("host.log"))).isGreaterThan(1 << 20);
  }

  @Test
  void aPlantedLinkDoesNotRedirectTheLog() throws Exception {
    Path state = Files.createDirectories(tmp.resolve("link"));
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "untouched\n");
    Files.createSymbolicLink(state.resolve("host.log"), victim);
    Log.init(state, stderr());
    Log.info("must not land in the victim");
    assertThat(Files.readString(victim)).isEqualTo("untouched\n");
    assertThat(stderrText()).contains("must not land in the victim"); // stderr still has it
  }

  @Test
  void aStateDirThatCannotBeMadeIsSaidOnStderrAndLoggingGoesOn() throws Exception {
    Path notADir = Files.writeString(tmp.resolve("plain-file"), "x");
    Log.init(notADir.resolve("state"), stderr());
    assertThat(stderrText()).contains("anchorwatch: cannot open log in " + notADir.resolve("state"));
    Log.warn("still logged to stderr");
    assertThat(stderrText()).contains("WARN").contains("still logged to stderr");
  }
}
