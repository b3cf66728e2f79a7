package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DirListing gives what the stream calls it replaces gave: Files.list(dir).sorted() and Files.walk(dir, depth).sorted(). */
class DirListingTest {
  @TempDir Path dir;

  @Test
  void sameListsAsFilesListAndFilesWalkSorted() throws IOException {
    // names created out of order, so that a listing in creation or directory order would differ
    // "a.pem" and "a-z.crt" sort before "a/..." ('.' and '-' come before '/'): a walk in directory order would differ
    for (String f : List.of("b/z.pem", "b/a.pem", "a/deep/er/x.crt", "c.crt", "A.crt", "a/m.pem", "b/c/d/e/f.pem", "a.pem", "a-z.crt")) {
      Path p = dir.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f);
    }
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("b")); // listed, never followed
    assertThat(DirListing.children(dir)).isEqualTo(sorted(Files.list(dir)));
    for (int depth = 0; depth <= 5; depth++) {
      assertThat(DirListing.tree(dir, depth)).as("depth %d", depth).isEqualTo(sorted(Files.walk(dir, depth)));
    }
    assertThat(DirListing.tree(dir.resolve("c.crt"), 3)).containsExactly(dir.resolve("c.crt"));
    assertThatThrownBy(() -> DirListing.children(dir.resolve("missing"))).isInstanceOf(IOException.class);
  }

  private static List<Path> sorted(Stream<Path> s) {
    try (s) {
      return s.sorted().collect(Collectors.toList());
    }
  }
}
