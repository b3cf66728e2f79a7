package org.anchorwatch.cleanup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Serialises changes to a store across processes (two browsers each start a host): one lock file
 * per store, taken without waiting. The second caller gets BUSY, never a half-changed store.
 */
public final class StoreLocks implements AutoCloseable {
  private final List<FileChannel> channels = new ArrayList<>();
  private final List<FileLock> locks = new ArrayList<>();

  private StoreLocks() {}

  /** @param lockDir an existing private directory ({@link CleanupDirs#ensure}) */
  public static StoreLocks acquire(Path lockDir, Collection<String> storeIds) throws AnchorwatchException {
    StoreLocks l = new StoreLocks();
    try {
      for (String id : new TreeSet<>(storeIds)) { // fixed order: no deadlock between two callers
        Path f = lockDir.resolve(Hex.of(CertParser.digest("SHA-256", id.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 24) + ".lock");
        // private to this user (or to root): the administrator half keeps its own locks elsewhere,
        // so no lock file is ever shared across users, followed through a link, or made writable
        if (java.nio.file.Files.isSymbolicLink(f)) {
          l.close();
          throw new AnchorwatchException(ErrorCode.UNSAFE_PATH, "lock file " + f + " is a symbolic link; nothing was changed");
        }
        FileChannel ch = FileChannel.open(f, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            java.nio.file.LinkOption.NOFOLLOW_LINKS), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        l.channels.add(ch);
        FileLock lock;
        try {
          lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          l.close();
          throw new AnchorwatchException(ErrorCode.BUSY, "another Anchorwatch operation is changing " + id + "; try again when it has finished");
        }
        l.locks.add(lock);
      }
      return l;
    } catch (IOException e) {
      l.close();
      throw new AnchorwatchException(ErrorCode.INTERNAL, "cannot take store locks in " + lockDir + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    for (FileLock lock : locks) {
      try {
        lock.release();
      } catch (IOException ignored) {
        // closing the channel releases it too
      }
    }
    for (FileChannel ch : channels) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }
}
