package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One private lock file per store; a second holder (here: the same process) is BUSY until the first closes. */
class StoreLocksTest {
  @TempDir Path tmp;

  private static ErrorCode code(Throwable t) {
    return ((AnchorwatchException) t).code();
  }

  @Test
  void aHeldStoreIsBusyUntilReleasedAndOtherStoresStayFree() throws Exception {
    StoreLocks first = StoreLocks.acquire(tmp, List.of("pem:/a", "nss:/b"));
    assertThatThrownBy(() -> StoreLocks.acquire(tmp, List.of("pem:/a"))).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BUSY))
        .hasMessageContaining("pem:/a");
    // a refused attempt released what it had taken before the busy store
    assertThatThrownBy(() -> StoreLocks.acquire(tmp, List.of("aaa:/free", "pem:/a"))).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BUSY));
    try (StoreLocks other = StoreLocks.acquire(tmp, List.of("aaa:/free"))) {
      assertThat(other).isNotNull();
    }
    first.close();
    try (StoreLocks again = StoreLocks.acquire(tmp, List.of("pem:/a", "nss:/b"))) {
      assertThat(again).isNotNull();
    }
    try (Stream<Path> s = Files.list(tmp)) {
      List<Path> files = s.toList();
      assertThat(files).hasSize(3).allSatisfy(f -> {
        assertThat(f.getFileName().toString()).matches("[0-9a-f]{24}\\.lock");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
      });
    }
  }

  @Test
  void aLinkPlantedAsTheLockFileIsRefused() throws Exception {
    StoreLocks.acquire(tmp, List.of("pem:/a")).close();
    Path lock;
    try (Stream<Path> s = Files.list(tmp)) {
      lock = s.findFirst().orElseThrow();
    }
    Files.delete(lock);
    Path victim = Files.writeString(tmp.resolve("victim"), "x");
    Files.createSymbolicLink(lock, victim);
    // "aaa:/free" sorts first and is taken before the planted link is found: it must be let go again
    assertThatThrownBy(() -> StoreLocks.acquire(tmp, List.of("pem:/a", "aaa:/free")))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNSAFE_PATH));
    assertThat(Files.readString(victim)).isEqualTo("x");
    StoreLocks.acquire(tmp, List.of("aaa:/free")).close();
  }

  @Test
  void aLockDirThatIsNotADirectoryIsAnInternalError() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(() -> StoreLocks.acquire(file, List.of("pem:/a"))).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INTERNAL));
  }
}
