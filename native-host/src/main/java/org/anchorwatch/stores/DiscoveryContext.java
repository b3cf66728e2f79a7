package org.anchorwatch.stores;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where discovery looks: a filesystem root (--root, for tests and mounted disks), the home
 * directories to search, and the environment variables that move stores (XDG_CONFIG_HOME,
 * JAVA_HOME, PATH). Environment values are only honoured for the real machine: they describe
 * this process's user, not a mounted disk.
 */
public record DiscoveryContext(Path root, List<Path> homes, Map<String, String> env) {

  public Path reroot(String absolute) {
    return reroot(Path.of(absolute));
  }

  public Path reroot(Path absolute) {
    if (root.getRoot() != null && root.equals(root.getRoot())) return absolute;
    return root.resolve(withoutLeadingSlashes(absolute.toString()));
  }

  /** {@code s} without its leading '/'s (a loop, not a regex: stores.DirListing says why). */
  static String withoutLeadingSlashes(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '/') i++;
    return s.substring(i);
  }

  public boolean realMachine() {
    return root.equals(root.getRoot());
  }
}
