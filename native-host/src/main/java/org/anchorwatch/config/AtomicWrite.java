package org.anchorwatch.config;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file so that a reader, or the file system after a crash, sees the old bytes or the
 * new ones, never a mix: write a temp file in the same directory, fsync it, rename it over the
 * target, fsync the directory.
 */
public final class AtomicWrite {
  private AtomicWrite() {}

  /** The temp files {@link #replace} makes for {@code target} (".NAME.random.tmp"), for removing those a crash left. */
  public static String tempGlob(Path target) {
    return "." + target.getFileName() + ".*.tmp";
  }

  /** Mode 0644: the result is read by other users (every user's host, browsers of a system install). */
  public static void replace(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp"); // O_EXCL, mode 0600
    try {
      try (FileChannel ch = FileChannel.open(tmp, Set.of(WRITE, LinkOption.NOFOLLOW_LINKS))) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    try (FileChannel d = FileChannel.open(dir, READ)) {
      d.force(true); // the rename itself survives a power cut
    } catch (IOException e) {
      // some file systems cannot fsync a directory; the rename is still atomic
    }
  }
}
