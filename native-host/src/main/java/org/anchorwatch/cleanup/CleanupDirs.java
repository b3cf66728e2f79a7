package org.anchorwatch.cleanup;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.Identity;
import org.anchorwatch.privilege.TrustedPaths;

/**
 * Where one half of cleanup keeps its records: backups, write-ahead journals and store locks.
 * A user's live in that user's XDG directories; the administrator half's live in root-owned
 * directories under the layout root (/var/lib/anchorwatch, /run/anchorwatch) that it creates
 * itself, so no file a user can write is ever one of root's records. A user's half running as root
 * (a root shell, `sudo -E`) holds its records to the same rule.
 */
public record CleanupDirs(Path backups, Path journal, Path locks, boolean administrator) {
  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

  public static CleanupDirs forUser(AppDirs d) {
    return new CleanupDirs(d.data().resolve("backups"), d.state().resolve("journal"), d.state().resolve("locks"), false);
  }

  /** @param root the layout root ("/" on a real machine), already checked by the caller */
  public static CleanupDirs forAdministrator(Path root) {
    String os = System.getProperty("os.name", "");
    // Windows: the folder of the installed launcher, as the jpackage layout places it beside the jar
    Path installDir = org.anchorwatch.cleanup.platform.InstalledLaunchers.of(os)
        .flatMap(p -> org.anchorwatch.config.Launcher.jar().map(jar -> p.launcher(jar).getParent())).orElse(null);
    return forAdministrator(os, root, installDir);
  }

  /**
   * Where root's (the administrator's) records live, per OS. macOS: / is read-only (SIP) and has
   * no /run, so /Library/Application Support/Anchorwatch (root-owned). Windows: beside the
   * installed program, whose folder only administrators may write; C:\ProgramData would not do,
   * because folders made there inherit an entry that lets Users create files in them.
   *
   * @param installDir the folder of the installed launcher (Windows only; null: no records possible)
   */
  static CleanupDirs forAdministrator(String osName, Path root, Path installDir) {
    String os = osName.toLowerCase(java.util.Locale.ROOT);
    if (os.startsWith("windows")) {
      Path lib = installDir == null ? Path.of("C:\\nonexistent-anchorwatch-install") : installDir.resolve("records");
      return new CleanupDirs(lib.resolve("backups"), lib.resolve("journal"), lib.resolve("locks"), true);
    }
    if (os.startsWith("mac")) {
      Path lib = root.resolve("Library/Application Support/Anchorwatch");
      return new CleanupDirs(lib.resolve("backups"), lib.resolve("journal"), lib.resolve("locks"), true);
    }
    Path lib = root.resolve("var/lib/anchorwatch");
    return new CleanupDirs(lib.resolve("backups"), lib.resolve("journal"), root.resolve("run/anchorwatch/locks"), true);
  }

  /**
   * Creates the directory (and missing parents) as 0700 without following links. An existing
   * directory must be a real directory; the administrator's must also pass {@link TrustedPaths}.
   */
  public Path ensure(Path dir) throws AnchorwatchException {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
        Path parent = abs.getParent();
        if (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) ensure(parent);
        try {
          if (abs.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(PRIVATE));
          } else {
            Files.createDirectory(abs); // Windows: the folder inherits its parent's ACL (checked below for root's records)
          }
        } catch (FileAlreadyExistsException raced) {
          // checked below: it must be a directory, not a link someone planted
        }
      }
      if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
        throw new AnchorwatchException(administrator ? ErrorCode.UNSAFE_PATH : ErrorCode.BACKUP_FAILED, abs + " is not a directory (a link or a file stands there)");
      }
      return requireTrusted(abs);
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "cannot create " + abs + ": " + e.getMessage());
    }
  }

  /**
   * A directory to read as it is (doctor creates no records of its own): nothing is created, and
   * if it exists it must pass the same rule as {@link #ensure}, so a root doctor never reads,
   * reports or appends to journals a user could have forged. A missing one holds nothing.
   */
  public Path existing(Path dir) throws AnchorwatchException {
    Path abs = dir.toAbsolutePath().normalize();
    return Files.exists(abs, LinkOption.NOFOLLOW_LINKS) ? requireTrusted(abs) : abs;
  }

  /**
   * Root's records must be root's: a root process handed a user's XDG dirs (sudo -E, a root shell
   * with the user's HOME) would otherwise write journals and read backups that user forged.
   */
  private Path requireTrusted(Path abs) throws AnchorwatchException {
    if (administrator) org.anchorwatch.privilege.AdminGate.forThisMachine().requireAdminOnly(abs);
    else if (Identity.current().isRoot()) TrustedPaths.require(abs);
    return abs;
  }
}
