package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.messaging.HostConfig;
import org.anchorwatch.privilege.Identity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process running as root (tests do, as CI does) never keeps its records in, or takes options
 * from, a directory another user could write — even when handed that user's XDG dirs (sudo -E).
 */
class CleanupDirsTest {
  @TempDir Path tmp;
  Path userHome;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(Identity.current().isRoot(), "the rule is about a process running as root");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    userHome = Files.createDirectories(tmp.resolve("home/alice"));
    Files.setAttribute(userHome, "unix:uid", 65534);
  }

  private static AppDirs dirsUnder(Path home) {
    return new AppDirs(home.resolve(".config/anchorwatch"), home.resolve(".local/share/anchorwatch"), home.resolve(".local/state/anchorwatch"));
  }

  @Test
  void rootRefusesStateDirsInAnotherUsersHomeAndAcceptsItsOwn() throws Exception {
    CleanupDirs theirs = CleanupDirs.forUser(dirsUnder(userHome));
    assertThatThrownBy(() -> theirs.ensure(theirs.journal()))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PATH));
    CleanupDirs own = CleanupDirs.forUser(dirsUnder(Files.createDirectories(tmp.resolve("root-home"))));
    Path journal = own.ensure(own.journal());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal))).isEqualTo("rwx------");
  }

  @Test
  void rootReadsNoRecordsFolderAnotherUserCouldHaveWrittenAndCreatesNone() throws Exception {
    CleanupDirs theirs = CleanupDirs.forUser(dirsUnder(userHome));
    assertThat(theirs.existing(theirs.journal())).isEqualTo(theirs.journal()); // missing: nothing to read, nothing made
    assertThat(theirs.journal()).doesNotExist();
    Files.createDirectories(theirs.journal());
    assertThatThrownBy(() -> theirs.existing(theirs.journal()))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PATH));
    CleanupDirs own = CleanupDirs.forUser(dirsUnder(Files.createDirectories(tmp.resolve("root-home"))));
    Path journal = own.ensure(own.journal());
    assertThat(own.existing(own.journal())).isEqualTo(journal);
  }

  @Test
  void aRootHostIgnoresAHostJsonAnotherUserCouldHaveWritten() throws Exception {
    Path config = Files.createDirectories(userHome.resolve(".config/anchorwatch"));
    Files.writeString(config.resolve("host.json"), "{\"root\": \"/tmp/evil\", \"stores\": [\"pem:/tmp/evil\"]}");
    HostConfig c = HostConfig.load(config, Map.of());
    assertThat(c.scanOptions().root()).isNull();
    assertThat(c.scanOptions().stores()).isEmpty();
    assertThat(c.problems()).singleElement().asString().contains("ignored by a host running as root");

    Path mine = Files.createDirectories(tmp.resolve("root-home/.config/anchorwatch"));
    Files.writeString(mine.resolve("host.json"), "{\"stores\": [\"pem:/tmp/mine\"]}");
    assertThat(HostConfig.load(mine, Map.of()).scanOptions().stores()).containsExactly("pem:/tmp/mine");
  }
}
