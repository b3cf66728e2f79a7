package org.anchorwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.anchorwatch.testsupport.Unprivileged;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root runs the warm-up at install (`--build-cds-archive` in postinst) and writes its log into a
 * folder it makes in the world-writable temp directory, where a user who waits for that moment
 * can plant the names first. Planted here by a real second user (nobody, through setpriv): a
 * link to a root-only folder and a folder of the user's own, mode 0777. Root takes neither, and
 * when every name it would try is taken it gives up instead of using one.
 */
class CdsWarmupTempDirTest {
  @TempDir Path scratch;
  Path tmp;
  Path victim;
  Path home;

  @BeforeEach
  void setUp() throws IOException {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to act as a second user");
    Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
    tmp = Files.createDirectory(scratch.resolve("tmp"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setAttribute(tmp, "unix:mode", 01777); // /tmp's sticky bit
    victim = Files.createDirectory(scratch.resolve("root-only"));
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rwx------"));
    home = Files.createDirectory(scratch.resolve("home"));
    Unprivileged.chownToNobody(home);
  }

  @Test
  void plantedLinkAndPlantedFolderAreSkipped() throws Exception {
    Unprivileged.Result planted = Unprivileged.asNobody(home, Map.of(), List.of("sh", "-c",
        "ln -s '" + victim + "' '" + tmp + "/anchorwatch-cds-5000' && mkdir -m 777 '" + tmp + "/anchorwatch-cds-5001'"));
    assertThat(planted.exit()).as(planted.err()).isZero();

    Path dir = CdsWarmup.privateTempDir(tmp, 0x5000);

    assertThat(dir).isEqualTo(tmp.resolve("anchorwatch-cds-5002"));
    assertThat(Files.isSymbolicLink(dir)).isFalse();
    assertThat(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rwx------");
    // the planted ones are as the user left them, and nothing reached the folder the link names
    assertThat(Files.isSymbolicLink(tmp.resolve("anchorwatch-cds-5000"))).isTrue();
    assertThat(Files.getAttribute(tmp.resolve("anchorwatch-cds-5001"), "unix:uid")).isEqualTo(Unprivileged.NOBODY);
    try (var s = Files.list(victim)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void everyNameTakenIsAnErrorNotAFallback() throws Exception {
    Unprivileged.Result planted = Unprivileged.asNobody(home, Map.of(), List.of("sh", "-c",
        "i=0; while [ $i -lt 100 ]; do ln -s '" + victim + "' '" + tmp + "'/anchorwatch-cds-$(printf %x $((0x9000 + i))); i=$((i+1)); done"));
    assertThat(planted.exit()).as(planted.err()).isZero();

    assertThatThrownBy(() -> CdsWarmup.privateTempDir(tmp, 0x9000)).isInstanceOf(IOException.class).hasMessageContaining("no free name");
    try (var s = Files.list(victim)) {
      assertThat(s).isEmpty();
    }
  }
}
