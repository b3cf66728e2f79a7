package org.anchorwatch.stores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a store entry's symbolic link to the file a TLS library would open. On the real
 * machine that is the kernel's own resolution; under --root an absolute target is taken inside
 * the root, as it would be on the mounted system (a link in a sub-directory component of the
 * target is still followed by the kernel: a documented limit).
 */
final class Links {
  /** Linux gives up after 40 links (ELOOP); so does the re-rooted resolution. */
  private static final int MAX_HOPS = 40;

  private Links() {}

  static Path resolve(Path link, Path linkRoot) throws WalkProblem {
    if (linkRoot == null) {
      try {
        return link.toRealPath();
      } catch (IOException e) {
        throw missingOrProblem(link, e);
      }
    }
    Path p = link;
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      if (!SafeFiles.attrs(p).isSymbolicLink()) return p.toAbsolutePath().normalize();
      Path t;
      try {
        t = Files.readSymbolicLink(p);
      } catch (IOException e) {
        throw SafeFiles.problem(e);
      }
      p = t.isAbsolute() ? linkRoot.resolve(DiscoveryContext.withoutLeadingSlashes(t.toString())) : p.getParent().resolve(t);
      if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new WalkProblem(WalkWarning.DANGLING_LINK, "points at " + t + ", which does not exist");
      }
    }
    throw new WalkProblem(WalkWarning.LOOP, "more than " + MAX_HOPS + " symbolic links in a row");
  }

  private static WalkProblem missingOrProblem(Path link, IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      String to;
      try {
        to = Files.readSymbolicLink(link).toString();
      } catch (IOException | UnsupportedOperationException x) {
        to = "?";
      }
      return new WalkProblem(WalkWarning.DANGLING_LINK, "points at " + to + ", which does not exist");
    }
    return SafeFiles.problem(e);
  }
}
