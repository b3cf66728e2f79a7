package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.config.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the host tells its log (the only place a person can see why the extension gets nothing): a
 * host.json it ignores, a caller it refuses, its start and its exit. The log is process-wide, so
 * each test points it at its own folder and a captured stderr and puts the previous one back;
 * other threads may log meanwhile, so lines are looked for, never counted.
 */
class HostMainLogTest {
  static final String CALLER = "chrome-extension://" + "l".repeat(32) + "/";

  @TempDir Path home;
  AppDirs dirs;
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  Path previous;

  @BeforeEach
  void setUp() throws Exception {
    previous = Log.file();
    dirs = new AppDirs(home.resolve(".config/anchorwatch"), home.resolve(".local/share/anchorwatch"), home.resolve(".local/state/anchorwatch"));
    Files.createDirectories(dirs.config());
    Log.init(dirs.state(), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    Log.init(previous != null ? previous.getParent() : home.resolve("after"), System.err);
  }

  private int serve(String request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return HostMain.serve(new Framing(new ByteArrayInputStream(HostLoopTest.frame(request)), out), new String[] {CALLER}, dirs,
        Map.of("HOME", home.toString()));
  }

  private String logged() throws Exception {
    String file = Files.readString(dirs.state().resolve("host.log"));
    assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr says what the file says").contains(file.lines().findFirst().orElseThrow());
    return file;
  }

  @Test
  void anIgnoredHostJsonAndARefusedCallerAreLogged() throws Exception {
    Files.writeString(dirs.config().resolve("host.json"), "[\"" + CALLER + "\"]");
    assertThat(serve("{\"id\":1,\"type\":\"hello\"}")).isOne();
    String log = logged();
    assertThat(log).contains(dirs.config().resolve("host.json") + " must hold a JSON object; ignored");
    assertThat(log).contains("started by [" + CALLER + "]");
    assertThat(log).contains("refusing caller " + CALLER);
    assertThat(log).doesNotContain("host exiting");
  }

  @Test
  void aServedSessionLogsItsExit() throws Exception {
    Files.writeString(dirs.config().resolve("host.json"), "{\"allowedCallers\":[\"" + CALLER + "\"],\"defaultStores\":false,\"stores\":[]}");
    assertThat(serve("{\"id\":1,\"type\":\"hello\"}")).isZero();
    String log = logged();
    assertThat(log).contains("started by [" + CALLER + "]").contains("host exiting with 0");
    assertThat(log).doesNotContain("refusing caller").doesNotContain("ignored");
  }
}
