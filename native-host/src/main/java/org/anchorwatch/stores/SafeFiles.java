package org.anchorwatch.stores;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads a store file without being led astray: the path is checked without following links (a
 * FIFO, device or socket is never opened: a FIFO blocks the open, /dev/zero never ends), opened
 * with O_NOFOLLOW, read up to a cap, then checked again so a file swapped in between is dropped.
 * A swap from a regular file to a FIFO in the instant between check and open can still block;
 * Java cannot open with O_NONBLOCK, so that residual race is documented (docs/PROTOCOL.md,
 * "Store warnings") rather than hidden.
 */
final class SafeFiles {
  private SafeFiles() {}

  static byte[] read(Path file, long maxBytes) throws WalkProblem {
    BasicFileAttributes before = attrs(file);
    if (before.isSymbolicLink()) throw new WalkProblem(WalkWarning.CHANGED_WHILE_READ, "became a symbolic link");
    if (!before.isRegularFile()) throw new WalkProblem(WalkWarning.SPECIAL_FILE, kind(file, before) + ", not opened");
    if (before.size() > maxBytes) throw new WalkProblem(WalkWarning.TOO_LARGE, "larger than " + maxBytes + " bytes, skipped");
    byte[] bytes;
    try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      bytes = readCapped(ch, maxBytes);
    } catch (IOException e) {
      throw problem(e);
    }
    BasicFileAttributes after = attrs(file);
    if (!after.isRegularFile() || !Objects.equals(before.fileKey(), after.fileKey())) {
      throw new WalkProblem(WalkWarning.CHANGED_WHILE_READ, "replaced while being read, skipped");
    }
    return bytes;
  }

  /** Reads at most max bytes: a file that grows past the cap while read is TOO_LARGE, not an OutOfMemoryError. */
  private static byte[] readCapped(SeekableByteChannel ch, long max) throws IOException, WalkProblem {
    byte[] buf = new byte[(int) Math.min(max + 1, 64 * 1024)];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n > max) throw new WalkProblem(WalkWarning.TOO_LARGE, "grew past " + max + " bytes while read, skipped");
        buf = Arrays.copyOf(buf, (int) Math.min(max + 1, (long) buf.length * 2));
      }
      int r = ch.read(ByteBuffer.wrap(buf, n, buf.length - n));
      if (r < 0) break;
      n += r;
    }
    if (n > max) throw new WalkProblem(WalkWarning.TOO_LARGE, "grew past " + max + " bytes while read, skipped");
    return Arrays.copyOf(buf, n);
  }

  static BasicFileAttributes attrs(Path p) throws WalkProblem {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw problem(e);
    }
  }

  static WalkProblem problem(IOException e) {
    if (e instanceof AccessDeniedException) return new WalkProblem(WalkWarning.UNREADABLE, "permission denied");
    if (e instanceof NoSuchFileException) return new WalkProblem(WalkWarning.CHANGED_WHILE_READ, "vanished while being read");
    String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
    if (reason.contains("levels of symbolic links")) return new WalkProblem(WalkWarning.LOOP, "symbolic link loop");
    return new WalkProblem(WalkWarning.UNREADABLE, reason);
  }

  /** Names a non-regular file from its mode bits, for a warning a person can act on. */
  static String kind(Path p, BasicFileAttributes a) {
    if (a.isDirectory()) return "a directory";
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return switch (mode & 0170000) {
        case 0010000 -> "a FIFO";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "not a regular file";
      };
    } catch (IOException | RuntimeException e) {
      return "not a regular file";
    }
  }
}
