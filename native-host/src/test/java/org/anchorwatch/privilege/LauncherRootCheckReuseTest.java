package org.anchorwatch.privilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher checks several paths per launch (itself, jar, runtime, JNA folder, archive) and
 * stops each walk at the folder its first accepted path lives in. That shortcut must never accept
 * what a full walk refuses: an open or foreign folder below it, a foreign file in it, a link out of
 * it, or a shortcut planted through the environment. Several root_only calls in one /bin/sh, as
 * in the launcher.
 */
class LauncherRootCheckReuseTest {
  @TempDir Path tmp;
  Path harness;
  Path app;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue("0".equals(run(List.of("id", "-u"), Map.of()).trim()), "needs root to make root-owned layouts");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    String launcher = Files.readString(Path.of("..", "installer", "anchorwatch"));
    String functions = launcher.substring(launcher.indexOf("# BEGIN root_only"), launcher.indexOf("# END root_only"));
    harness = write(tmp.resolve("harness.sh"), functions + "\nfor p in \"$@\"; do root_only \"$p\" && echo yes || echo no; done\n");
    app = Files.createDirectories(tmp.resolve("app"));
    write(app.resolve("anchorwatch"), "#!/bin/sh\n");
  }

  private static Path write(Path p, String text) throws Exception {
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private static String run(List<String> cmd, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  private List<String> verdicts(Map<String, String> env, Path... paths) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", harness.toString()));
    for (Path p : paths) cmd.add(p.toString());
    return List.of(run(cmd, env).trim().split("\n"));
  }

  @Test
  void laterPathsBelowTheLaunchersFolderAreStillWalkedUpToIt() throws Exception {
    Path open = Files.createDirectories(app.resolve("runtime/bin"));
    Path java = write(open.resolve("java"), "#!/bin/sh\n");
    Path jar = write(app.resolve("anchorwatch.jar"), "");
    Path foreign = write(app.resolve("foreign.jsa"), "");
    Files.setAttribute(foreign, "unix:uid", 1000);
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path target = write(outside.resolve("lib.so"), "");
    Path link = Files.createSymbolicLink(app.resolve("lib.so"), target);
    Path self = app.resolve("anchorwatch");

    assertThat(verdicts(Map.of(), self, jar, java)).containsExactly("yes", "yes", "yes");
    Files.setPosixFilePermissions(app.resolve("runtime"), PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(verdicts(Map.of(), self, jar, java, foreign, link)).containsExactly("yes", "yes", "no", "no", "no");
    // the launcher's own folder refused: nothing below it is taken on trust either
    Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(verdicts(Map.of(), self, jar)).containsExactly("no", "no");
  }

  @Test
  void theShortcutAndTheProbesCannotComeFromTheEnvironment() throws Exception {
    Path open = Files.createDirectories(app.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path file = write(open.resolve("anchorwatch.jar"), "");
    Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxrwxr-x"));
    Files.setAttribute(app, "unix:gid", TrustedPaths.MACOS_ADMIN_GID); // acceptable on macOS only
    Map<String, String> planted = Map.of("verified", open.toString(), "probed", "1", "darwin", "1", "stat_kind", "gnu");
    assertThat(verdicts(planted, file, app.resolve("anchorwatch"))).containsExactly("no", "no");
  }
}
