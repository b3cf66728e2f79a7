package org.anchorwatch.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.anchorwatch.stores.DirListing;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;

/**
 * A cheap change detector: paths, sizes and mtimes of every store file (cert9.db for NSS) and
 * policy file. Costs stat calls only, so the host can poll it instead of rescanning.
 */
final class StoreFingerprint {
  private StoreFingerprint() {}

  static long of(List<StoreRef> refs, List<Path> extraFiles) {
    long h = 1125899906842597L;
    for (StoreRef r : refs) {
      h = mix(h, r.id().hashCode());
      Path p = r.type() == StoreType.NSS ? r.path().resolve("cert9.db") : r.path();
      if (Files.isDirectory(p)) {
        try {
          for (Path f : DirListing.tree(p, r.rules().recursive() ? 16 : 1)) h = mix(h, stat(f));
        } catch (IOException e) {
          h = mix(h, 17);
        }
      } else {
        h = mix(h, stat(p));
      }
    }
    for (Path f : extraFiles) h = mix(h, stat(f));
    return h;
  }

  private static long stat(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      // the inode too: a file renamed over another (an atomic update) may keep its size and mtime millisecond
      return p.hashCode() * 31L + a.size() * 7L + a.lastModifiedTime().toMillis() + java.util.Objects.hashCode(a.fileKey()) * 13L;
    } catch (IOException e) {
      return p.hashCode();
    }
  }

  private static long mix(long h, long v) {
    return h * 31 + v;
  }
}
