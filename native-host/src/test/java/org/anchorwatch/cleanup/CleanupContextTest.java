package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.Identity;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each half keeps its records and which rebuild commands it may run. */
class CleanupContextTest {
  @TempDir Path tmp;

  private static ErrorCode code(Throwable t) {
    return ((AnchorwatchException) t).code();
  }

  @Test
  void theAdministratorHalfKeepsItsRecordsUnderTheLayoutRootAndRunsNoStandIn() throws Exception {
    Assumptions.assumeTrue(Identity.current().isRoot(), "the administrator half runs as root");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("etc/anchorwatch"));
    Files.writeString(root.resolve("etc/anchorwatch/rebuild.json"), "{\"debian\": [\"/tmp/anything\"]}");
    CleanupContext cx = CleanupContext.forAdministrator(new ScanService(Blocklist.bundled()), root);
    assertThat(cx.dirs().administrator()).isTrue();
    assertThat(cx.backups().root()).isEqualTo(root.resolve("var/lib/anchorwatch/backups"));
    assertThat(cx.journalDir()).isEqualTo(root.resolve("var/lib/anchorwatch/journal"));
    assertThat(cx.lockDir()).isEqualTo(root.resolve("run/anchorwatch/locks"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cx.journalDir()))).isEqualTo("rwx------");
    assertThat(cx.rebuilds().command("debian")).isEmpty();
    assertThat(cx.options().stores()).isEmpty();
    assertThat(cx.discovery().root()).isEqualTo(root);
  }

  @Test
  void aUsersHalfRunningAsRootIgnoresTheRebuildStandIn() throws Exception {
    Assumptions.assumeTrue(Identity.current().isRoot(), "the rule is about a process running as root");
    Path root = Files.createDirectories(tmp.resolve("root/etc/anchorwatch")).getParent().getParent();
    Files.writeString(root.resolve("etc/anchorwatch/rebuild.json"), "{\"debian\": [\"/tmp/anything\"]}");
    Path home = Files.createDirectories(tmp.resolve("home"));
    ScanOptions opts = new ScanOptions(false, List.of(), root, home, null, Map.of("HOME", home.toString()));
    AppDirs dirs = new AppDirs(home.resolve(".config/anchorwatch"), home.resolve(".local/share/anchorwatch"), home.resolve(".local/state/anchorwatch"));
    CleanupContext cx = CleanupContext.forUser(new ScanService(Blocklist.bundled()), opts, dirs, Map.of());
    assertThat(cx.dirs().administrator()).isFalse();
    assertThat(cx.rebuilds().command("debian")).isEmpty();
    assertThat(cx.journalDir()).isEqualTo(home.resolve(".local/state/anchorwatch/journal"));
    assertThat(cx.backups().root()).isEqualTo(home.resolve(".local/share/anchorwatch/backups"));
  }

  @Test
  void recordsDirectoriesAreCreatedWithTheirParentsAndNeverThroughALink() throws Exception {
    CleanupDirs dirs = CleanupDirs.forUser(new AppDirs(tmp.resolve("c"), tmp.resolve("a/b/data"), tmp.resolve("state")));
    Path backups = dirs.ensure(dirs.backups());
    assertThat(backups).isDirectory().isEqualTo(tmp.resolve("a/b/data/backups"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a/b")))).isEqualTo("rwx------");
    assertThat(dirs.ensure(dirs.backups())).isEqualTo(backups); // idempotent

    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createDirectories(tmp.resolve("state"));
    Files.createSymbolicLink(tmp.resolve("state/journal"), elsewhere);
    assertThatThrownBy(() -> dirs.ensure(dirs.journal())).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BACKUP_FAILED))
        .hasMessageContaining("not a directory");
    Files.writeString(tmp.resolve("c-file"), "x");
    CleanupDirs onFile = CleanupDirs.forUser(new AppDirs(tmp.resolve("c"), tmp.resolve("c-file"), tmp.resolve("s")));
    assertThatThrownBy(() -> onFile.ensure(onFile.backups())).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BACKUP_FAILED));
  }

  @Test
  void aLinkWhereTheAdministratorsDirectoryShouldBeIsUnsafe() throws Exception {
    Assumptions.assumeTrue(Identity.current().isRoot(), "the administrator half runs as root");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path root = Files.createDirectories(tmp.resolve("root/var/lib/anchorwatch")).getParent().getParent().getParent();
    Path target = Files.createDirectories(tmp.resolve("target"));
    Files.createSymbolicLink(root.resolve("var/lib/anchorwatch/journal"), target);
    CleanupDirs d = CleanupDirs.forAdministrator(root);
    assertThatThrownBy(() -> d.ensure(d.journal())).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNSAFE_PATH));
  }
}
