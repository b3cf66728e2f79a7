package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.testsupport.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the host tells its log (the only place a person can see why the extension gets nothing): a
 * host.json it ignores, a caller it refuses, its start and its exit. Driven through serveInMemory
 * (what the build's class-data warm-up runs), so its exit code is pinned too.
 */
class HostMainLogTest {
  static final String CALLER = "chrome-extension://" + "l".repeat(32) + "/";

  @TempDir Path home;
  AppDirs dirs;
  CapturedLog log;

  @BeforeEach
  void setUp() throws Exception {
    dirs = new AppDirs(home.resolve(".config/anchorwatch"), home.resolve(".local/share/anchorwatch"), home.resolve(".local/state/anchorwatch"));
    Files.createDirectories(dirs.config());
    log = new CapturedLog(dirs.state());
  }

  @AfterEach
  void restore() {
    log.close();
  }

  private void allowCallerWithoutStores() throws Exception {
    Files.writeString(dirs.config().resolve("host.json"), "{\"allowedCallers\":[\"" + CALLER + "\"],\"defaultStores\":false,\"stores\":[]}");
  }

  /** The class-data warm-up's entry point: the real serve over in-memory frames, replies discarded. */
  private int serve(String request) {
    return serve(HostLoopTest.frame(request));
  }

  private int serve(byte[] frames) {
    return HostMain.serveInMemory(new ByteArrayInputStream(frames), new String[] {CALLER}, dirs, Map.of("HOME", home.toString()));
  }

  @Test
  void anIgnoredHostJsonAndARefusedCallerAreLogged() throws Exception {
    Files.writeString(dirs.config().resolve("host.json"), "[\"" + CALLER + "\"]");
    assertThat(serve("{\"id\":1,\"type\":\"hello\"}")).isOne();
    String text = log.text();
    assertThat(text).contains(dirs.config().resolve("host.json") + " must hold a JSON object; ignored");
    assertThat(text).contains("started by [" + CALLER + "]");
    assertThat(text).contains("refusing caller " + CALLER);
    assertThat(text).doesNotContain("host exiting");
  }

  @Test
  void aServedSessionLogsItsExit() throws Exception {
    allowCallerWithoutStores();
    assertThat(serve("{\"id\":1,\"type\":\"hello\"}")).isZero();
    String text = log.text();
    assertThat(text).contains("started by [" + CALLER + "]").contains("host exiting with 0");
    assertThat(text).doesNotContain("refusing caller").doesNotContain("ignored");
  }

  /** A stream that breaks (a length prefix cut short) ends the session with exit 1, and the log says so. */
  @Test
  void aBrokenStreamEndsTheSessionWithExitOne() throws Exception {
    allowCallerWithoutStores();
    byte[] hello = HostLoopTest.frame("{\"id\":1,\"type\":\"hello\"}");
    assertThat(serve(java.util.Arrays.copyOf(hello, hello.length + 2))).isOne();
    assertThat(log.text()).contains("closing: TRUNCATED_FRAME").contains("host exiting with 1");
  }
}
