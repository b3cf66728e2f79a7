package org.anchorwatch.stores.nss;

import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * NSS is a process-global singleton: one database open at a time, and NSS_Initialize on an
 * already initialised NSS silently keeps the old database. So every use goes through
 * {@link #open}, which holds one static lock from NSS_Initialize to NSS_Shutdown.
 */
final class Nss {
  static final int INIT_READONLY = 0x1;
  static final int INIT_NOROOTINIT = 0x10; // never load the builtin roots module

  /** Longest wait for another NSS user; NSS itself gives up on a SQLite lock after about 30 s. */
  private static final long LOCK_WAIT_SECONDS = 120;

  private static final ReentrantLock LOCK = new ReentrantLock(true);
  /** Guarded by LOCK: set when NSS_Shutdown failed, so NSS may still hold that database. */
  private static Path leftOpen;

  private Nss() {}

  enum Mode {
    READ(INIT_READONLY | INIT_NOROOTINIT),
    WRITE(INIT_NOROOTINIT);

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
      NssNative n = NssNative.get();
      shutDownLeftOver(n);
      NssDirectory.checkNotLocked(abs);
      if (n.nss().NSS_Initialize("sql:" + abs, "", "", "secmod.db", mode.flags) != NssLibrary.SEC_SUCCESS) {
        throw initFailure(n, abs);
      }
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

  /** Lock taken just now or corrupt? NSS says SEC_ERROR_BAD_DATABASE for both. */
  private static AnchorwatchException initFailure(NssNative n, Path dir) throws AnchorwatchException {
    String error = n.lastError();
    NssDirectory.checkNotLocked(dir);
    return new AnchorwatchException(ErrorCode.STORE_CORRUPT, "NSS cannot open " + dir + ": " + error);
  }

  /**
   * Never throws: the work's own result or exception matters more. A failure (SEC_ERROR_BUSY when a
   * reference leaked) is remembered so the next session retries before opening another database.
   * Logged to stderr only: stdout carries the native-messaging protocol.
   */
  private static void shutDown(NssNative n, Path dir) {
    if (n.nss().NSS_Shutdown() != NssLibrary.SEC_SUCCESS) {
      leftOpen = dir;
      System.err.println("anchorwatch: NSS_Shutdown failed after reading " + dir + ": " + n.lastError());
    }
  }

  private static void shutDownLeftOver(NssNative n) throws AnchorwatchException {
    if (leftOpen == null) return;
    if (n.nss().NSS_Shutdown() == NssLibrary.SEC_SUCCESS) {
      leftOpen = null;
      return;
    }
    throw new AnchorwatchException(ErrorCode.INTERNAL,
        "NSS still holds " + leftOpen + " (NSS_Shutdown failed: " + n.lastError() + "); restart Anchorwatch to read NSS databases");
  }
}
