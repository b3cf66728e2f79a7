package org.anchorwatch.cleanup;

import java.nio.file.Path;
import java.util.List;

/** A second process taking a store lock the way another host would; prints "locked", holds it until killed. */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    Path dir = new CleanupDirs(null, null, Path.of(args[0]), false).ensure(Path.of(args[0]));
    try (StoreLocks l = StoreLocks.acquire(dir, List.of(args[1]))) {
      System.out.println("locked"); // stdout-ok: test helper, not product code
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
