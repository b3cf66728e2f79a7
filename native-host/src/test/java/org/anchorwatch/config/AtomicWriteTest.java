package org.anchorwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {
  @TempDir Path dir;

  @Test
  void createsOrReplacesWithMode0644AndLeavesNoTempFile() throws Exception {
    Path target = dir.resolve("new/sub/host.json");
    AtomicWrite.replace(target, "one".getBytes());
    assertThat(Files.readString(target)).isEqualTo("one");
    AtomicWrite.replace(target, "two!".getBytes());
    assertThat(Files.readString(target)).isEqualTo("two!");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    try (var files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aLinkAtTheTargetIsReplacedNotFollowed() throws Exception {
    Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "keep");
    Path target = Files.createSymbolicLink(dir.resolve("t.json"), elsewhere);
    AtomicWrite.replace(target, "new".getBytes());
    assertThat(Files.isSymbolicLink(target)).isFalse();
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(Files.readString(elsewhere)).isEqualTo("keep");
  }

  /** The glob names the temp files replace makes, so a crash's leftovers can be found and removed. */
  @Test
  void tempGlobMatchesTheTempFilesAndNotTheTarget() throws Exception {
    Path target = dir.resolve("list.json");
    var glob = FileSystems.getDefault().getPathMatcher("glob:" + AtomicWrite.tempGlob(target));
    Path leftover = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    assertThat(glob.matches(leftover.getFileName())).isTrue();
    assertThat(glob.matches(target.getFileName())).isFalse();
    assertThat(glob.matches(Path.of(".other.json.123.tmp"))).isFalse();
  }
}
