package org.anchorwatch.stores.nss;

import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * NSS is a process-global singleton: one database open at a time, and NSS_Initialize on an
 * already initialised NSS returns success but keeps serving the old database (seen on 3.87). So
 * every use goes through {@link #open}, which holds one static lock from NSS_Initialize to
 * NSS_Shutdown and never calls NSS after a failed NSS_Initialize (NSS then answers queries with
 * empty results or crashes).
 */
final class Nss {
  static final int INIT_READONLY = 0x1;
  static final int INIT_NOROOTINIT = 0x10; // never load the builtin roots module
  /** Never load the PKCS#11 modules a profile's pkcs11.txt lists (smart-card drivers, arbitrary .so files): we only read the softoken. */
  static final int INIT_NOMODDB = 0x4;

  /** Longest wait for another NSS user; NSS itself gives up on a SQLite lock after about 30 s. */
  private static final long LOCK_WAIT_SECONDS = 120;
  /** How long a SQLite write lock by another process may last before we call the store locked. */
  private static final long SQLITE_PATIENCE_MILLIS = 3000;
  /**
   * NSS_Initialize attempts. A SQLite lock taken between our probe and NSS's open makes NSS fail
   * with SEC_ERROR_BAD_DATABASE, exactly like corruption; a corrupt file fails again at once.
   */
  private static final int INIT_ATTEMPTS = 3;

  private static final ReentrantLock LOCK = new ReentrantLock(true);
  /**
   * Guarded by LOCK: why NSS is unusable for the rest of the process. After NSS_Shutdown fails
   * with SEC_ERROR_BUSY (a leaked reference), NSS 3.87 counts itself shut down, but every later
   * NSS_Initialize fails, even once the references are freed.
   */
  private static String broken;

  private Nss() {}

  enum Mode {
    READ(INIT_READONLY | INIT_NOROOTINIT | INIT_NOMODDB),
    WRITE(INIT_NOROOTINIT | INIT_NOMODDB);

    final int flags;

    Mode(int flags) {
      this.flags = flags;
    }
  }

  interface Work<T> {
    T run(NssSession session) throws AnchorwatchException;
  }

  static <T> T open(Path dir, Mode mode, Work<T> work) throws AnchorwatchException {
    Path abs = dir.toAbsolutePath().normalize();
    NssDirectory.check(abs, mode == Mode.WRITE);
    if (LOCK.isHeldByCurrentThread()) throw new IllegalStateException("nested NSS session");
    acquire(abs);
    try {
      if (broken != null) throw new AnchorwatchException(ErrorCode.INTERNAL, broken + "; restart Anchorwatch to read NSS databases");
      NssNative n = NssNative.get();
      initialize(n, abs, mode);
      try {
        Pointer slot = n.nss().PK11_GetInternalKeySlot();
        if (slot == null) throw new AnchorwatchException(ErrorCode.STORE_CORRUPT, "no internal key slot in " + abs + ": " + n.lastError());
        try {
          return work.run(new NssSession(n, abs, slot));
        } finally {
          n.nss().PK11_FreeSlot(slot);
        }
      } finally {
        shutDown(n, abs);
      }
    } catch (NssGuard.NullArgument e) {
      // a bug of ours stopped at the native boundary (NssGuard): an error for this database, not a crash
      throw new AnchorwatchException(ErrorCode.INTERNAL, "NSS call on " + abs + " refused: " + e.getMessage(), e);
    } finally {
      LOCK.unlock();
    }
  }

  private static void acquire(Path dir) throws AnchorwatchException {
    try {
      if (LOCK.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AnchorwatchException(ErrorCode.BUSY, "NSS is busy with another database; " + dir + " was not read");
  }

  private static void initialize(NssNative n, Path dir, Mode mode) throws AnchorwatchException {
    String error = null;
    for (int attempt = 0; attempt < INIT_ATTEMPTS; attempt++) {
      NssDirectory.awaitUnlocked(dir, SQLITE_PATIENCE_MILLIS);
      if (n.nss().NSS_Initialize("sql:" + dir, "", "", "secmod.db", mode.flags) == NssLibrary.SEC_SUCCESS) return;
      error = n.lastError();
    }
    throw new AnchorwatchException(ErrorCode.STORE_CORRUPT, "NSS cannot open " + dir + ": " + error + NssDirectory.corruptionHint(dir));
  }

  /**
   * Never throws: the work's own result or exception matters more. Logged to stderr only: stdout
   * carries the native-messaging protocol.
   */
  private static void shutDown(NssNative n, Path dir) {
    if (n.nss().NSS_Shutdown() != NssLibrary.SEC_SUCCESS) {
      broken = "NSS could not be shut down after opening " + dir + " (" + n.lastError() + ")";
      System.err.println("anchorwatch: " + broken);
    }
  }
}
