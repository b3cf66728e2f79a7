package org.anchorwatch.blocklist;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.anchorwatch.config.AtomicWrite;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Signed blocklist updates: which list is in force (the newest valid of bundled, machine and
 * user by sequence), checking a new document, and installing it atomically. Installed files are
 * verified every time they are read, never trusted for being on disk: a root process reads a
 * per-user file too, and the user can write anything there.
 */
public final class BlocklistUpdates implements java.util.function.Supplier<Blocklist> {
  public static final String MACHINE_FILE = "/var/lib/anchorwatch/blocklist.signed";
  public static final String USER_FILE = "anchorwatch/blocklist.signed"; // under the XDG data home

  /** Serialises installs inside one JVM; the file lock serialises processes. */
  private static final ReentrantLock INSTALL_LOCK = new ReentrantLock();

  public enum Scope { MACHINE, USER }

  /** Where installed lists live; {@code user} is null when there is no home to put one in. */
  public record Locations(Path machine, Path user) {
    public List<Path> files() {
      return user == null ? List.of(machine) : List.of(machine, user);
    }

    Path of(Scope scope) throws AnchorwatchException {
      if (scope == Scope.USER && user == null) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "no home directory for a per-user list");
      return scope == Scope.MACHINE ? machine : user;
    }
  }

  /** An installed file as read: its document when valid, else why it is ignored. */
  public record Candidate(String source, Path file, ListDocument document, ErrorCode problem, String message) {}

  /** The list in force and every installed file considered. */
  public record State(ListDocument effective, List<Candidate> installed, Set<String> retiredKeys) {}

  /** What an install did: {@code changed} is false when the same sequence was already in force. */
  public record Installed(ListDocument document, Path file, boolean changed) {}

  /** Null for the compiled-in keys, decoded on first use: only an installed update needs them, hello does not. */
  private final TrustedKeys keys;
  private final Clock clock;
  private final Locations locations;
  private final Blocklist bundled;
  private volatile Cached cached;

  private record Cached(List<String> stamp, Blocklist list) {}

  public BlocklistUpdates(Locations locations) {
    this(null, Clock.systemUTC(), locations, Blocklist.bundled());
  }

  /** Tests pass their own keys; the program only ever uses the compiled-in ones (constructor above). */
  BlocklistUpdates(TrustedKeys keys, Clock clock, Locations locations, Blocklist bundled) {
    this.keys = keys;
    this.clock = clock;
    this.locations = locations;
    this.bundled = bundled;
  }

  public Locations locations() {
    return locations;
  }

  public TrustedKeys keys() {
    return keys != null ? keys : TrustedKeys.builtIn();
  }

  /** {@link #current()}: the host hands this object to the services that read the list at each use. */
  @Override
  public Blocklist get() {
    return current();
  }

  /** The list in force, re-read only when an installed file changed (stat calls otherwise). */
  public Blocklist current() {
    List<String> stamp = stamp();
    Cached c = cached;
    if (c != null && c.stamp.equals(stamp)) return c.list;
    Blocklist list = state().effective().blocklist();
    cached = new Cached(stamp, list);
    return list;
  }

  public State state() {
    List<Candidate> all = new ArrayList<>();
    all.add(read("machine", locations.machine()));
    if (locations.user() != null) all.add(read("user", locations.user()));
    // A key retired by any valid document stays retired: a newer list cannot be outvoted by an older one.
    Set<String> retired = new HashSet<>();
    for (Candidate c : all) if (c.document() != null) retired.addAll(c.document().retiredKeys());
    ListDocument best = ListDocument.bundled(bundled, Set.of());
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : all) {
      if (c.document() != null && retired.containsAll(c.document().signers())) {
        c = new Candidate(c.source(), c.file(), null, ErrorCode.UPDATE_BAD_SIGNATURE, "signed only by retired keys " + c.document().signers());
      }
      out.add(c);
      if (c.document() != null && c.document().sequence() > best.sequence()) best = c.document();
    }
    return new State(best, List.copyOf(out), Set.copyOf(retired));
  }

  /**
   * Everything except the sequence comparison's "equal" case is a refusal: bad or unknown or
   * retired signature, malformed, expired, or a sequence below the list in force.
   */
  public ListDocument check(byte[] file) throws AnchorwatchException {
    return check(file, state());
  }

  private ListDocument check(byte[] file, State state) throws AnchorwatchException {
    ListDocument doc = verified("update", file, state.retiredKeys());
    if (!doc.expires().isAfter(clock.instant())) {
      throw new AnchorwatchException(ErrorCode.UPDATE_EXPIRED, "the document expired at " + doc.expires());
    }
    if (doc.sequence() < state.effective().sequence()) {
      throw new AnchorwatchException(ErrorCode.UPDATE_NOT_NEWER, "sequence " + doc.sequence()
          + " is older than the " + state.effective().blocklist().source() + " list in force (sequence " + state.effective().sequence() + ")");
    }
    return doc;
  }

  /** Checks, then writes {@code file} to the scope's location with write-then-rename under a lock. */
  public Installed install(byte[] file, Scope scope) throws AnchorwatchException {
    Path target = locations.of(scope);
    check(file); // fail fast without touching the directory
    INSTALL_LOCK.lock();
    try {
      Path dir = target.getParent();
      Files.createDirectories(dir);
      if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(dir + " is not a plain directory");
      }
      try (FileChannel lockFile = FileChannel.open(dir.resolve(".blocklist.lock"), Set.of(CREATE, WRITE, LinkOption.NOFOLLOW_LINKS));
           FileLock ignored = lockFile.lock()) {
        removeStaleTemps(target);
        State now = state(); // again under the lock: another install may have won meanwhile
        ListDocument doc = check(file, now);
        if (doc.sequence() == now.effective().sequence()) return new Installed(doc, target, false);
        AtomicWrite.replace(target, file);
        cached = null;
        return new Installed(doc, target, true);
      }
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.INTERNAL, "cannot install the list at " + target + ": " + e.getMessage(), e);
    } finally {
      INSTALL_LOCK.unlock();
    }
  }

  /** Signature (trusted, unretired), then the body; the document's own retirements count too. */
  private ListDocument verified(String source, byte[] file, Set<String> retired) throws AnchorwatchException {
    SignedDocument signed = SignedDocument.parse(file);
    List<String> signers = signed.verify(keys(), retired);
    ListDocument doc = ListDocument.parse(signed.body(), source, signers);
    if (doc.retiredKeys().containsAll(signers)) {
      throw new AnchorwatchException(ErrorCode.UPDATE_BAD_SIGNATURE, "signed only by keys the document itself retires: " + signers);
    }
    return doc;
  }

  private Candidate read(String source, Path file) {
    try {
      byte[] bytes = readCapped(file);
      if (bytes == null) return new Candidate(source, file, null, null, "not installed");
      return new Candidate(source, file, verified(source, bytes, Set.of()), null, null);
    } catch (AnchorwatchException e) {
      return new Candidate(source, file, null, e.code(), e.getMessage());
    }
  }

  /** The file's bytes without following a link, refused past the cap; null when there is no file. */
  public static byte[] readCapped(Path file) throws AnchorwatchException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) throw new AnchorwatchException(ErrorCode.UPDATE_MALFORMED, file + " is not a regular file");
      try (SeekableByteChannel ch = Files.newByteChannel(file, Set.of(READ, LinkOption.NOFOLLOW_LINKS))) {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(a.size(), SignedDocument.MAX_BYTES) + 1);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // read until the cap + 1 or end of file
        }
        if (buf.position() > SignedDocument.MAX_BYTES) {
          throw new AnchorwatchException(ErrorCode.UPDATE_TOO_LARGE, file + " is larger than " + SignedDocument.MAX_BYTES + " bytes");
        }
        byte[] out = new byte[buf.position()];
        buf.flip().get(out);
        return out;
      }
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.UPDATE_MALFORMED, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private List<String> stamp() {
    List<String> out = new ArrayList<>();
    for (Path f : locations.files()) {
      try {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        out.add(Objects.toString(a.fileKey()) + '/' + a.size() + '/' + a.lastModifiedTime().toMillis());
      } catch (IOException e) {
        out.add("-");
      }
    }
    return out;
  }

  /** Temp files a killed install left behind (the rename never happened, so nothing else refers to them). */
  private static void removeStaleTemps(Path target) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(target.getParent(), AtomicWrite.tempGlob(target))) {
      for (Path p : s) Files.deleteIfExists(p);
    }
  }
}
