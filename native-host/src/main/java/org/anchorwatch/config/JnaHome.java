package org.anchorwatch.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where JNA unpacks its own native library (libjnidispatch) before anything uses JNA: a directory
 * this host owns, never the shared temp dir (which may be mounted noexec, and where another user
 * could plant the library first). Per OS, as data, under the home of the account the process runs
 * as (Java's user.home comes from the password database, not from $HOME, so root gets /root even
 * under a sudo that keeps HOME). When the directory cannot be
 * made safe, JNA is told not to unpack at all (jna.nounpack) and only a system copy is used.
 */
public final class JnaHome {
  private JnaHome() {}

  /**
   * Relative to user.home. No environment variable is consulted: an elevated process must not
   * pick its library location from anything the unelevated user controls. An elevated Windows
   * invocation still runs as the same user, whose profile that user can write: the installed
   * launcher should pass -Djna.boot.library.path pointing into the admin-only install folder, and
   * then this class does nothing.
   */
  record Row(String os, String dir) {}

  static final Row[] ROWS = {
      new Row("linux", ".cache/anchorwatch/jna"),
      new Row("mac", "Library/Caches/Anchorwatch/jna"),
      new Row("windows", "AppData/Local/Anchorwatch/jna")};

  /** Sets jna.tmpdir (or jna.nounpack) unless the launcher already chose. Call first thing in main. */
  public static void configure() {
    if (System.getProperty("jna.tmpdir") != null || System.getProperty("jna.boot.library.path") != null) return;
    Optional<Path> dir = choose(System.getProperty("os.name", ""), System.getProperty("user.home"));
    if (dir.isPresent() && prepare(dir.get())) {
      System.setProperty("jna.tmpdir", dir.get().toString());
    } else {
      // an account without a usable home (nobody, a service): a fresh private directory, made
      // exclusively with a random name (0700), so nobody can have planted a library in it
      privateTempDir().ifPresentOrElse(d -> System.setProperty("jna.tmpdir", d.toString()), () -> System.setProperty("jna.nounpack", "true"));
    }
  }

  static Optional<Path> privateTempDir() {
    try {
      Path d = Files.createTempDirectory("anchorwatch-jna-");
      d.toFile().deleteOnExit(); // registered first, deleted last: after JNA's own unpacked file
      return Optional.of(d);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  static Optional<Path> choose(String osName, String home) {
    String os = osName.toLowerCase(Locale.ROOT);
    for (Row r : ROWS) {
      if (!os.startsWith(r.os())) continue;
      return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, r.dir().split("/")));
    }
    return Optional.empty();
  }

  /**
   * Creates the directory 0700 and accepts it only if it is a real directory (not a link), owned
   * by this user, and writable by nobody else. On Windows (no POSIX view) the per-user profile's
   * ACLs already keep others out.
   */
  static boolean prepare(Path dir) {
    try {
      boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
      if (posix && dir.getParent() != null) Files.createDirectories(dir.getParent());
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        if (posix) Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        else Files.createDirectories(dir);
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return false;
      if (!posix) return true;
      PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.owner().getName().equals(System.getProperty("user.name"))) return false;
      Set<PosixFilePermission> p = a.permissions();
      if (!p.equals(PosixFilePermissions.fromString("rwx------"))) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
