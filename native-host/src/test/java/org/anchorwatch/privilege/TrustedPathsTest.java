package org.anchorwatch.privilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrator half's rule for paths, on real directories with real owners (tests run as root). */
class TrustedPathsTest {
  @TempDir Path tmp;
  Path safe;

  @BeforeEach
  void setUp() throws Exception {
    safe = Files.createDirectories(tmp.resolve("safe/dir"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void assertUnsafe(Path p, String why) {
    assertThatThrownBy(() -> TrustedPaths.require(p)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PATH);
      assertThat(e.getMessage()).contains(why);
    });
  }

  @Test
  void aRootOwnedChainPassesAndStickyWorldWritableDirectoriesAreAccepted() throws Exception {
    assertThat(TrustedPaths.require(safe)).isEqualTo(safe.toRealPath());
    assertThat(TrustedPaths.isTrusted(Path.of("/tmp"))).isTrue(); // 1777, root's
  }

  @Test
  void aComponentOwnedByAnotherUserFailsWhereverItIs() throws Exception {
    Files.setAttribute(tmp.resolve("safe"), "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
    assertUnsafe(safe, "owned by uid 65534");
    assertUnsafe(safe.resolve("missing"), "owned by uid 65534");
  }

  @Test
  void groupOrWorldWritableWithoutTheStickyBitFails() throws Exception {
    Files.setAttribute(tmp.resolve("safe"), "unix:mode", 0775);
    assertUnsafe(safe, "mode 775");
    Files.setAttribute(tmp.resolve("safe"), "unix:mode", 01777);
    assertThat(TrustedPaths.isTrusted(safe)).isTrue();
    Path file = Files.writeString(safe.resolve("f"), "x");
    Files.setAttribute(file, "unix:mode", 01666); // the sticky bit means nothing on a file
    assertUnsafe(file, "mode 1666");
  }

  @Test
  void aLinkIsFollowedOnlyToWhereRootAloneControlsAndOnlyFromWhereRootAloneCouldMakeIt() throws Exception {
    Path target = Files.writeString(safe.resolve("target"), "x");
    Path good = Files.createSymbolicLink(tmp.resolve("good"), target);
    assertThat(TrustedPaths.require(good)).isEqualTo(target.toRealPath());

    Path userDir = Files.createDirectories(tmp.resolve("user"));
    Path userFile = Files.writeString(userDir.resolve("f"), "x");
    Files.setAttribute(userDir, "unix:uid", 65534);
    Path toUser = Files.createSymbolicLink(safe.resolve("to-user"), userFile);
    assertUnsafe(toUser, "owned by uid 65534");
    Path fromUser = Files.createSymbolicLink(userDir.resolve("link"), target);
    assertUnsafe(fromUser, "owned by uid 65534");
  }

  @Test
  void loopsAndMissingPathsAreErrorsWhileRequireOrMissingAcceptsAFutureFile() throws Exception {
    Files.createSymbolicLink(safe.resolve("a"), safe.resolve("b"));
    Files.createSymbolicLink(safe.resolve("b"), safe.resolve("a"));
    assertUnsafe(safe.resolve("a"), "too many symbolic links");
    assertUnsafe(safe.resolve("nope"), "does not exist");
    assertThat(TrustedPaths.requireOrMissing(safe.resolve("nope/deeper"))).isEqualTo(safe.toRealPath().resolve("nope/deeper"));
    assertThat(TrustedPaths.requireOrMissing(safe.resolve("nope"))).isEqualTo(safe.toRealPath().resolve("nope"));
  }

  @Test
  void aLinkedDirectoryInTheMiddleIsFollowedAndTheRestCheckedBelowItsTarget() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real/sub"));
    Path file = Files.writeString(real.resolve("f"), "x");
    Path link = Files.createSymbolicLink(safe.resolve("via"), tmp.resolve("real"));
    assertThat(TrustedPaths.require(link.resolve("sub/f"))).isEqualTo(file.toRealPath());
    assertThat(TrustedPaths.requireOrMissing(link.resolve("sub/new"))).isEqualTo(real.toRealPath().resolve("new"));
    Files.setAttribute(real, "unix:uid", 65534);
    assertThat(TrustedPaths.isTrusted(link.resolve("sub/f"))).isFalse();
    assertUnsafe(link.resolve("sub/f"), "owned by uid 65534");
  }

  @Test
  void onMacOsADirectoryTheAdminGroupMayWritePassesButAFileOrOtherGroupsOrOthersDoNot() throws Exception {
    Path apps = Files.createDirectories(tmp.resolve("Applications"));
    Path exe = Files.writeString(apps.resolve("Anchorwatch"), "x");
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(apps, PosixFilePermissions.fromString("rwxrwxr-x"));
    Files.setAttribute(apps, "unix:gid", TrustedPaths.MACOS_ADMIN_GID); // root:admin 0775, as macOS ships /Applications
    assertThat(TrustedPaths.requireMac(exe)).isEqualTo(exe.toRealPath());
    assertUnsafe(exe, "writable by users other than root (mode 775)"); // the Linux rule stays strict
    assertThat(new AdminGate.Posix(new Identity(0, 0), true).requireAdminOnly(exe)).isEqualTo(exe.toRealPath());
    assertThatThrownBy(() -> new AdminGate.Posix(new Identity(0, 0), false).requireAdminOnly(exe)).isInstanceOf(AnchorwatchException.class);
    Files.setAttribute(apps, "unix:gid", 81);
    assertThatThrownBy(() -> TrustedPaths.requireMac(exe)).isInstanceOf(AnchorwatchException.class);
    Files.setAttribute(apps, "unix:gid", TrustedPaths.MACOS_ADMIN_GID);
    Files.setPosixFilePermissions(apps, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> TrustedPaths.requireMac(exe)).isInstanceOf(AnchorwatchException.class);
    Files.setPosixFilePermissions(apps, PosixFilePermissions.fromString("rwxrwxr-x"));
    Files.setAttribute(exe, "unix:gid", TrustedPaths.MACOS_ADMIN_GID);
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxrwxr-x"));
    assertThatThrownBy(() -> TrustedPaths.requireMac(exe)).isInstanceOf(AnchorwatchException.class);
  }
}
