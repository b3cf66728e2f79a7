package org.anchorwatch.privilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's own "root alone controls this" check (installer/anchorwatch, between its BEGIN/END
 * root_only marks), run by /bin/sh on real directories with GNU stat and with a BSD stat stand-in
 * (macOS has no `stat -c`; the stand-in accepts only the exact `-f` format the launcher asks for
 * and answers as BSD stat does), with and without `uname` saying Darwin and with a readlink
 * that has no -f (macOS before 12.3). Both must agree with TrustedPaths.
 */
class LauncherRootCheckTest {
  static final String BSD_FORMAT = "%u %g %Mp%Lp %HT";
  @TempDir Path tmp;
  Path bsd;
  Path darwin;
  Path oldReadlink;
  Path harness;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue("0".equals(run(List.of("id", "-u"), null).trim()), "needs root to make root-owned layouts");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    String launcher = Files.readString(Path.of("..", "installer", "anchorwatch"));
    String functions = launcher.substring(launcher.indexOf("# BEGIN root_only"), launcher.indexOf("# END root_only"));
    harness = write(tmp.resolve("harness.sh"), functions + "\nroot_only \"$1\" && echo yes || echo no\n");
    bsd = Files.createDirectories(tmp.resolve("bsd"));
    write(bsd.resolve("stat"), """
        #!/bin/sh
        # BSD stat: no -c; -f FORMAT, lstat semantics
        [ "$1" = -f ] || { echo "stat: illegal option -- c" >&2; exit 1; }
        [ "$2" = '%s' ] || { echo "unexpected format $2" >&2; exit 2; }
        set -- $(/usr/bin/stat -c '%%u %%g %%a %%F' "$3" 2>/dev/null)
        [ $# -ge 4 ] || { echo "stat: $3: stat: No such file or directory" >&2; exit 1; }
        m=$3; case "$m" in ???) m="0$m" ;; esac
        case "$4" in directory) t=Directory ;; symbolic) t="Symbolic Link" ;; regular) t="Regular File" ;; *) t=Fifo ;; esac
        echo "$1 $2 $m $t"
        """.formatted(BSD_FORMAT));
    darwin = Files.createDirectories(tmp.resolve("darwin"));
    write(darwin.resolve("uname"), "#!/bin/sh\necho Darwin\n");
    Files.copy(bsd.resolve("stat"), darwin.resolve("stat"));
    oldReadlink = Files.createDirectories(tmp.resolve("oldreadlink"));
    write(oldReadlink.resolve("readlink"), "#!/bin/sh\n[ \"$1\" = -f ] && { echo 'readlink: illegal option -- f' >&2; exit 1; }\nexec /usr/bin/readlink \"$@\"\n");
    Files.copy(bsd.resolve("stat"), oldReadlink.resolve("stat"));
    Files.copy(darwin.resolve("uname"), oldReadlink.resolve("uname"));
  }

  private static Path write(Path p, String text) throws Exception {
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private static String run(List<String> cmd, String path) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (path != null) pb.environment().put("PATH", path);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** The launcher's verdict with GNU tools, BSD stat on Linux, and BSD stat + Darwin (+ old readlink when asked). */
  private List<String> verdicts(Path p) throws Exception {
    String sys = "/usr/bin:/bin";
    return List.of(run(List.of("/bin/sh", harness.toString(), p.toString()), sys).trim(),
        run(List.of("/bin/sh", harness.toString(), p.toString()), bsd + ":" + sys).trim(),
        run(List.of("/bin/sh", harness.toString(), p.toString()), darwin + ":" + sys).trim(),
        run(List.of("/bin/sh", harness.toString(), p.toString()), oldReadlink + ":" + sys).trim());
  }

  @Test
  void gnuAndBsdStatAgreeWithTrustedPathsAndOnlyDarwinAcceptsAnAdminGroupFolder() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("app"));
    Path exe = write(dir.resolve("anchorwatch"), "#!/bin/sh\n");
    assertThat(verdicts(exe)).containsExactly("yes", "yes", "yes", "yes");
    assertThat(TrustedPaths.isTrusted(exe)).isTrue();

    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxrwxr-x"));
    assertThat(verdicts(exe)).containsExactly("no", "no", "no", "no");
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));

    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x")); // root:root 0775
    assertThat(verdicts(exe)).containsExactly("no", "no", "no", "no");
    Files.setAttribute(dir, "unix:gid", TrustedPaths.MACOS_ADMIN_GID); // root:admin 0775, like /Applications
    assertThat(verdicts(exe)).containsExactly("no", "no", "yes", "yes");
    assertThat(TrustedPaths.isTrusted(exe)).isFalse();
    assertThat(TrustedPaths.requireMac(exe)).isEqualTo(exe.toRealPath());
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(verdicts(exe)).containsExactly("no", "no", "no", "no");
    run(List.of("chmod", "1777", dir.toString()), null); // sticky, like /tmp (java.nio cannot set the sticky bit)
    assertThat(verdicts(exe)).containsExactly("yes", "yes", "yes", "yes");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

    Files.setAttribute(exe, "unix:uid", 1000);
    assertThat(verdicts(exe)).containsExactly("no", "no", "no", "no");
    Files.setAttribute(exe, "unix:uid", 0);
    assertThat(verdicts(tmp.resolve("missing"))).containsExactly("no", "no", "no", "no");
  }

  @Test
  void aLinkIsJudgedByItsFolderAndItsTargetAndWithoutReadlinkFARefusal() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("app"));
    Path exe = write(dir.resolve("anchorwatch"), "#!/bin/sh\n");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("anchorwatch"), exe);
    assertThat(verdicts(link)).containsExactly("yes", "yes", "yes", "no");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx")); // the target's folder is open
    assertThat(verdicts(link)).containsExactly("no", "no", "no", "no");
  }
}
