package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a store walk reads and what it refuses, on real files of every kind. */
class SafeFilesTest {
  @TempDir Path tmp;

  private static WalkProblem refused(Path file, long max) {
    try {
      SafeFiles.read(file, max);
    } catch (WalkProblem p) {
      return p;
    }
    throw new AssertionError("read " + file);
  }

  @Test
  void aFileOfExactlyTheCapIsReadOneByteMoreIsNot() throws Exception {
    Path ten = Files.write(tmp.resolve("ten"), new byte[10]);
    assertThat(SafeFiles.read(ten, 10)).hasSize(10);
    Path big = Files.write(tmp.resolve("big"), new byte[200_000]); // past the first 64 KiB buffer
    assertThat(SafeFiles.read(big, 200_000)).hasSize(200_000);
    WalkProblem p = refused(ten, 9);
    assertThat(p.code()).isEqualTo(WalkWarning.TOO_LARGE);
    assertThat(p.warning("x")).isEqualTo("TOO_LARGE: x: larger than 9 bytes, skipped");
  }

  @Test
  void specialFilesAreNamedAndNeverOpened() throws Exception {
    Path fifo = tmp.resolve("fifo");
    Tools.run("mkfifo", fifo.toString()).ok();
    // opening a FIFO without a writer would block the scan: it must be refused from its mode
    assertThat(refused(fifo, 100).warning("f")).isEqualTo("SPECIAL_FILE: f: a FIFO, not opened");
    assertThat(refused(Path.of("/dev/null"), 100).getMessage()).isEqualTo("a character device, not opened");
    assertThat(refused(tmp, 100).getMessage()).isEqualTo("a directory, not opened");
    Path socket = tmp.resolve("s.sock");
    try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.bind(UnixDomainSocketAddress.of(socket));
      assertThat(refused(socket, 100).getMessage()).isEqualTo("a socket, not opened");
    }
    Path link = Files.createSymbolicLink(tmp.resolve("link"), fifo);
    assertThat(refused(link, 100).code()).isEqualTo(WalkWarning.CHANGED_WHILE_READ);
    assertThat(refused(tmp.resolve("missing"), 100).code()).isEqualTo(WalkWarning.CHANGED_WHILE_READ);
  }

  @Test
  void ioErrorsBecomeStableCodes() {
    assertThat(SafeFiles.problem(new AccessDeniedException("/x")).warning("l")).isEqualTo("UNREADABLE: l: permission denied");
    assertThat(SafeFiles.problem(new NoSuchFileException("/x")).warning("l")).isEqualTo("CHANGED_WHILE_READ: l: vanished while being read");
    assertThat(SafeFiles.problem(new FileSystemException("/x", null, "Too many levels of symbolic links")).warning("l"))
        .isEqualTo("LOOP: l: symbolic link loop");
    assertThat(SafeFiles.problem(new FileSystemException("/x", null, "Input/output error")).warning("l"))
        .isEqualTo("UNREADABLE: l: Input/output error");
    assertThat(SafeFiles.problem(new java.io.IOException("disk on fire")).warning("l")).isEqualTo("UNREADABLE: l: disk on fire");
  }

  @Test
  void aModeWithoutAKnownTypeIsStillNamed() throws Exception {
    BasicFileAttributes file = Files.readAttributes(Files.writeString(tmp.resolve("f"), "x"), BasicFileAttributes.class);
    assertThat(SafeFiles.kind(tmp.resolve("f"), file)).isEqualTo("not a regular file");
    assertThat(SafeFiles.kind(tmp.resolve("gone"), file)).isEqualTo("not a regular file");
  }
}
