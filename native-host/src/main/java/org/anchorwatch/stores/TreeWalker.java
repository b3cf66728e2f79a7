package org.anchorwatch.stores;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the certificate files of a store directory the way the TLS libraries reach them, without
 * letting one bad entry hide the rest: a loop, an unreadable sub-directory, a FIFO or device, a
 * dangling link is one warning and the walk goes on. Depth and entry counts are capped so a
 * crafted tree cannot make the scan endless. Every link is resolved (OpenSSL's hash lookup opens
 * whatever a link points at); the file it reaches is returned beside the name it was found under.
 */
final class TreeWalker {
  /** Caps: a real store has a few hundred entries a level or two deep. */
  record Limits(int maxDepth, int maxEntries, long maxFileBytes) {
    static final Limits DEFAULT = new Limits(16, 50_000, 16L << 20);
  }

  /** A file to read: {@code listed} is the name in the store, {@code file} the non-link file it resolves to. */
  record Found(Path listed, Path file) {
    boolean viaLink() {
      return !listed.equals(file);
    }
  }

  record Walk(List<Found> files, List<String> warnings) {}

  private final PemRules rules;
  private final Limits limits;
  private final List<Found> files = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Set<Object> visitedDirs = new HashSet<>();
  private int entries;
  private boolean stopped;

  private TreeWalker(PemRules rules, Limits limits) {
    this.rules = rules;
    this.limits = limits;
  }

  static Walk walk(Path root, BasicFileAttributes rootAttrs, PemRules rules, Limits limits) {
    TreeWalker w = new TreeWalker(rules, limits);
    w.visitedDirs.add(key(root, rootAttrs));
    w.visit(root, 0, new HashSet<>(Set.of(key(root, rootAttrs))));
    return new Walk(List.copyOf(w.files), List.copyOf(w.warnings));
  }

  private void visit(Path dir, int depth, Set<Object> ancestors) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path c : ds) {
        if (++entries > limits.maxEntries()) {
          warnings.add(WalkWarning.ENTRY_LIMIT.format(dir, "more than " + limits.maxEntries() + " entries; the rest was not read"));
          stopped = true;
          break;
        }
        children.add(c);
      }
    } catch (IOException e) {
      warnings.add(SafeFiles.problem(e).warning(dir));
      return;
    }
    children.sort(null);
    for (Path child : children) {
      if (stopped) return;
      try {
        entry(child, depth + 1, ancestors);
      } catch (WalkProblem p) {
        warnings.add(p.warning(child));
      }
    }
  }

  private void entry(Path child, int depth, Set<Object> ancestors) throws WalkProblem {
    String name = child.getFileName().toString();
    if (rules.skipNames().contains(name)) return;
    BasicFileAttributes a = SafeFiles.attrs(child);
    Path target = child;
    if (a.isSymbolicLink()) {
      target = Links.resolve(child, rules.linkRoot());
      a = SafeFiles.attrs(target);
    }
    if (a.isDirectory()) {
      boolean followable = !child.equals(target) ? rules.symlinks() : true;
      if (!rules.recursive() || !followable) return;
      Object k = key(target, a);
      if (ancestors.contains(k)) throw new WalkProblem(WalkWarning.LOOP, "leads back to " + target);
      if (depth >= limits.maxDepth()) throw new WalkProblem(WalkWarning.DEPTH_LIMIT, "deeper than " + limits.maxDepth() + " levels, not entered");
      if (!visitedDirs.add(k)) return; // reached before by another link: its files are listed once
      ancestors.add(k);
      visit(rules.linkRoot() == null ? child : target, depth, ancestors); // under --root, stay under it
      ancestors.remove(k);
      return;
    }
    if (rules.suffix() != null && !name.endsWith(rules.suffix())) return;
    if (!a.isRegularFile()) throw new WalkProblem(WalkWarning.SPECIAL_FILE, SafeFiles.kind(target, a) + ", not opened");
    files.add(new Found(child, target));
  }

  private static Object key(Path p, BasicFileAttributes a) {
    return a.fileKey() != null ? a.fileKey() : p.toAbsolutePath().normalize();
  }
}
