package org.anchorwatch.stores.nss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person reads when a path given as an NSS database is not one: the code and the words
 * must say which of the usual mistakes it is (a file instead of the profile folder, a folder that
 * does not exist, a profile so old it only has cert8.db), checked before NSS is ever asked.
 */
class NssDirectoryCheckTest {
  @TempDir Path tmp;

  @Test
  void aFileIsNotADirectoryAndAMissingPathIsNamedAsMissing() throws Exception {
    Path file = Files.writeString(tmp.resolve("cert9.db"), "x");
    assertThatThrownBy(() -> NssDirectory.check(file, false)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_NOT_FOUND);
      assertThat(e.getMessage()).isEqualTo("not a directory: " + file);
    });
    Path missing = tmp.resolve("nowhere");
    assertThatThrownBy(() -> NssDirectory.check(missing, false)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_NOT_FOUND);
      assertThat(e.getMessage()).isEqualTo("no such NSS database directory: " + missing);
    });
  }

  @Test
  void aLegacyProfileIsToldApartFromAnEmptyFolder() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> NssDirectory.check(empty, false)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_NOT_FOUND);
      assertThat(e.getMessage()).isEqualTo("no cert9.db in " + empty);
    });
    Path legacy = Files.createDirectories(tmp.resolve("legacy"));
    Files.writeString(legacy.resolve("cert8.db"), "old");
    assertThatThrownBy(() -> NssDirectory.check(legacy, false)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_NOT_FOUND);
      assertThat(e.getMessage())
          .isEqualTo("no cert9.db in " + legacy + " (only a legacy cert8.db, which modern NSS no longer reads)");
    });
  }

  @Test
  void aDatabaseWithoutItsKeyFileIsCorrupt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("nokey"));
    Files.writeString(dir.resolve("cert9.db"), "");
    assertThatThrownBy(() -> NssDirectory.check(dir, false)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT);
      assertThat(e.getMessage()).startsWith("key4.db is missing or not a file in " + dir);
    });
  }
}
