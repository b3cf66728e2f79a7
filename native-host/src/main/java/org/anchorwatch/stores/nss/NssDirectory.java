package org.anchorwatch.stores.nss;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.StoreErrors;

/**
 * Checks on an NSS sql: directory made in Java before NSS sees it. NSS reports a missing,
 * unreadable, corrupt and locked database all as SEC_ERROR_BAD_DATABASE, and a read-write
 * NSS_Initialize would even create a fresh database in an empty directory.
 */
final class NssDirectory {
  static final String CERT_DB = "cert9.db";
  static final String KEY_DB = "key4.db";

  // SQLite's unix VFS lock bytes (os_unix.c). A writer holding EXCLUSIVE write-locks the shared
  // range; one waiting for readers to leave (PENDING) write-locks the pending byte. Either shuts
  // out new readers.
  private static final long PENDING_BYTE = 0x40000000L;
  private static final long SHARED_FIRST = PENDING_BYTE + 2;
  private static final int SHARED_SIZE = 510;

  private NssDirectory() {}

  static void check(Path dir, boolean write) throws AnchorwatchException {
    if (!Files.isDirectory(dir)) {
      throw new AnchorwatchException(ErrorCode.STORE_NOT_FOUND,
          (Files.exists(dir) ? "not a directory: " : "no such NSS database directory: ") + dir);
    }
    // A writer also needs the directory: SQLite creates cert9.db-journal beside the database.
    if (!Files.isReadable(dir) || !Files.isExecutable(dir) || (write && !Files.isWritable(dir))) {
      throw new AnchorwatchException(ErrorCode.STORE_PERMISSION_DENIED, "permission denied: " + dir);
    }
    Path cert = dir.resolve(CERT_DB);
    if (!Files.exists(cert)) {
      String legacy = Files.exists(dir.resolve("cert8.db"))
          ? " (only a legacy cert8.db, which modern NSS no longer reads)" : "";
      throw new AnchorwatchException(ErrorCode.STORE_NOT_FOUND, "no " + CERT_DB + " in " + dir + legacy);
    }
    Path key = dir.resolve(KEY_DB);
    for (Path p : new Path[] {cert, key}) {
      if (!Files.isRegularFile(p)) {
        // NSS opens key4.db even to list certificates and fails without it.
        throw new AnchorwatchException(ErrorCode.STORE_CORRUPT,
            p.getFileName() + " is missing or not a file in " + dir + "; NSS needs both " + CERT_DB + " and " + KEY_DB);
      }
      if (!Files.isReadable(p) || (write && !Files.isWritable(p))) {
        throw new AnchorwatchException(ErrorCode.STORE_PERMISSION_DENIED, "permission denied: " + p);
      }
      // SQLite takes an empty file for an empty database, and NSS opened read-write would then
      // quietly build a fresh one in it. Readers let NSS judge, so its error name is reported.
      if (write && !hasSqliteHeader(p)) {
        throw new AnchorwatchException(ErrorCode.STORE_CORRUPT, p + " is not an SQLite database");
      }
    }
  }

  /** After NSS failed to open the directory: "; cert9.db is not an SQLite database", or "". */
  static String corruptionHint(Path dir) {
    StringBuilder b = new StringBuilder();
    for (String name : new String[] {CERT_DB, KEY_DB}) {
      try {
        if (!hasSqliteHeader(dir.resolve(name))) b.append("; ").append(name).append(" is not an SQLite database");
      } catch (AnchorwatchException e) {
        b.append("; ").append(e.getMessage());
      }
    }
    return b.toString();
  }

  private static boolean hasSqliteHeader(Path file) throws AnchorwatchException {
    byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(magic.length), magic);
    } catch (IOException e) {
      throw StoreErrors.from(e, file);
    }
  }

  /**
   * Waits up to {@code patienceMillis} while another process holds a SQLite lock that keeps
   * readers out of either database (a running browser commits now and then, each time for a few
   * milliseconds), then fails with STORE_LOCKED. Only call while NSS is shut down: POSIX record
   * locks belong to the process, and closing our probe descriptor would drop any lock NSS's own
   * SQLite holds on the same file.
   */
  static void awaitUnlocked(Path dir, long patienceMillis) throws AnchorwatchException {
    long deadline = System.nanoTime() + patienceMillis * 1_000_000;
    for (String name : new String[] {CERT_DB, KEY_DB}) {
      Path p = dir.resolve(name);
      while (isWriteLocked(p)) {
        if (System.nanoTime() > deadline) {
          throw new AnchorwatchException(ErrorCode.STORE_LOCKED,
              p + " is locked by another process (an NSS tool or a browser writing to it); close it and retry");
        }
        try {
          Thread.sleep(25);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AnchorwatchException(ErrorCode.STORE_LOCKED, "interrupted while " + p + " was locked");
        }
      }
    }
  }

  private static boolean isWriteLocked(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return !canShareLock(ch, PENDING_BYTE, 1) || !canShareLock(ch, SHARED_FIRST, SHARED_SIZE);
    } catch (IOException | RuntimeException e) {
      return false; // cannot probe: let NSS try and report what it finds
    }
  }

  private static boolean canShareLock(FileChannel ch, long from, long size) throws IOException {
    FileLock lock = ch.tryLock(from, size, true);
    if (lock == null) return false;
    lock.release();
    return true;
  }
}
