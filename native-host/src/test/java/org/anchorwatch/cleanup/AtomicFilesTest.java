package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file writes replace the name, never what a link there points to, and leave no temp file behind. */
class AtomicFilesTest {
  @TempDir Path tmp;

  @Test
  void writeCreatesParentsReplacesContentAndLeavesNoTempFile() throws Exception {
    Path target = tmp.resolve("a/b/file.bin");
    AtomicFiles io = new AtomicFiles();
    io.write(target, new byte[] {1, 2, 3});
    io.write(target, new byte[] {4, 5});
    assertThat(Files.readAllBytes(target)).containsExactly(4, 5);
    try (Stream<Path> s = Files.list(target.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("file.bin");
    }
  }

  @Test
  void aLinkAtTheTargetIsReplacedNotFollowed() throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim"), "keep");
    Path link = Files.createSymbolicLink(tmp.resolve("target"), victim);
    new AtomicFiles().write(link, "new".getBytes());
    assertThat(Files.readString(victim)).isEqualTo("keep");
    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(Files.readString(link)).isEqualTo("new");
  }

  @Test
  void appendLineAddsOneLineEachTime() throws Exception {
    Path f = tmp.resolve("j/x.jsonl");
    AtomicFiles io = new AtomicFiles();
    io.appendLine(f, "one");
    io.appendLine(f, "two");
    assertThat(Files.readString(f)).isEqualTo("one\ntwo\n");
  }
}
