package org.anchorwatch.stores;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sorted directory listings for the host's routine path (discovery, the change poll), with the
 * results of {@code Files.list(dir).sorted()} and {@code Files.walk(dir, depth).sorted()}, without
 * their streams.
 *
 * <p>Why the host's routine path (hello, checkChain, scan, the store watcher, and the build's
 * warm-up that fills its class-data archive) uses no lambda, method reference, stream, regular
 * expression, record-generated equals/hashCode/toString, java.time formatting or JDK digest: each
 * of those loads a runtime of ~50-300 JDK classes (LambdaMetafactory with ASM and the
 * method-handle classes, stream pipelines, java.util.regex, ObjectMethods and the ~30 classes it
 * spins, DateTimeFormatter, the security providers), and a host keeps every class it loaded for
 * the browser's lifetime while it is idle nearly all of it. Together they were ~6 MB of the 44 MB
 * it took (docs/PERFORMANCE.md, issue 11, round 4). HostClassesIT fails, naming the classes, when
 * any of them comes back; the CLI, cleanup and the probe (TLS loads most of them anyway) are free
 * to use them.
 */
public final class DirListing {
  private DirListing() {}

  /** The entries of {@code dir}, sorted as {@link Path#compareTo} sorts them. */
  public static List<Path> children(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) out.add(p);
    }
    Collections.sort(out);
    return out;
  }

  /**
   * {@code start} and everything under it down to {@code maxDepth} levels, sorted; like
   * {@code Files.walk}, links are listed but never followed.
   */
  public static List<Path> tree(Path start, int maxDepth) throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(start);
    descend(start, maxDepth, out);
    Collections.sort(out);
    return out;
  }

  private static void descend(Path dir, int depthLeft, List<Path> out) throws IOException {
    if (depthLeft <= 0 || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return;
    for (Path p : children(dir)) {
      out.add(p);
      descend(p, depthLeft - 1, out);
    }
  }
}
