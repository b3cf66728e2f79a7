package org.anchorwatch.privilege;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * The rule the administrator half lives by: it reads, writes, deletes or runs a path only when
 * no one but root can have put anything there. That holds when every component from "/" down is
 * owned by root and writable by no one else, so no other user can create, replace or redirect
 * any part of it. A group- or world-writable directory is accepted only with the sticky bit
 * (e.g. /tmp): there others may add names but never rename or delete root's, and the next
 * component is checked in turn. A symbolic link is followed only when the link itself sits in
 * such a directory (only root could have made it), and its target is checked by the same rule.
 */
public final class TrustedPaths {
  private static final int MAX_LINKS = 40;
  private static final int S_ISVTX = 01000;
  private static final int GROUP_OTHER_WRITE = 0022;
  private static final String ATTRIBUTES = "unix:uid,gid,mode,isSymbolicLink,isDirectory";
  /** macOS's "admin" group: its members are the machine's administrators (they own /Applications, root:admin 0775). */
  static final int MACOS_ADMIN_GID = 80;

  private TrustedPaths() {}

  /** The checked real path; UNSAFE_PATH naming the first component that fails the rule. */
  public static Path require(Path path) throws AnchorwatchException {
    return walk(path.toAbsolutePath().normalize(), 0, true, false);
  }

  /**
   * The macOS form of {@link #require}: a directory that only root and the admin group (gid 80)
   * may write also passes, because macOS ships /Applications as root:admin 0775 and members of
   * admin are that machine's administrators. Files must still be writable by root alone.
   */
  public static Path requireMac(Path path) throws AnchorwatchException {
    return walk(path.toAbsolutePath().normalize(), 0, true, true);
  }

  /** Like {@link #require} for a path that may not exist yet: every part that exists must pass. */
  public static Path requireOrMissing(Path path) throws AnchorwatchException {
    return walk(path.toAbsolutePath().normalize(), 0, false, false);
  }

  /** True when {@link #require} would pass (for decisions that are not refusals). */
  public static boolean isTrusted(Path path) {
    try {
      require(path);
      return true;
    } catch (AnchorwatchException e) {
      return false;
    }
  }

  private static Path walk(Path abs, int links, boolean mustExist, boolean adminGroup) throws AnchorwatchException {
    if (links > MAX_LINKS) throw unsafe(abs, "too many symbolic links");
    Path current = abs.getRoot();
    check(current, adminGroup);
    int n = abs.getNameCount();
    for (int i = 0; i < n; i++) {
      Path next = current.resolve(abs.getName(i).toString());
      Map<String, Object> a;
      try {
        a = Files.readAttributes(next, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        if (mustExist) throw new AnchorwatchException(ErrorCode.UNSAFE_PATH, next + " does not exist");
        return i + 1 < n ? next.resolve(abs.subpath(i + 1, n).toString()) : next;
      } catch (IOException | UnsupportedOperationException e) {
        throw unsafe(next, "cannot read its owner and mode (" + e.getMessage() + ")");
      }
      if ((Boolean) a.get("isSymbolicLink")) {
        // only root could have created this link (its directory passed); where it points must pass too
        Path target;
        try {
          target = current.resolve(Files.readSymbolicLink(next)).normalize();
        } catch (IOException e) {
          throw unsafe(next, "unreadable symbolic link");
        }
        return walk(i + 1 < n ? target.resolve(abs.subpath(i + 1, n).toString()) : target, links + 1, mustExist, adminGroup);
      }
      checkAttributes(next, a, adminGroup);
      current = next;
    }
    return current;
  }

  private static void check(Path p, boolean adminGroup) throws AnchorwatchException {
    try {
      checkAttributes(p, Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS), adminGroup);
    } catch (IOException | UnsupportedOperationException e) {
      throw unsafe(p, "cannot read its owner and mode (" + e.getMessage() + ")");
    }
  }

  private static void checkAttributes(Path p, Map<String, Object> a, boolean adminGroup) throws AnchorwatchException {
    int uid = (Integer) a.get("uid");
    int mode = (Integer) a.get("mode");
    boolean dir = (Boolean) a.get("isDirectory");
    if (uid != 0) throw unsafe(p, "owned by uid " + uid + ", not root");
    boolean adminDir = adminGroup && dir && (Integer) a.get("gid") == MACOS_ADMIN_GID && (mode & 0002) == 0;
    if ((mode & GROUP_OTHER_WRITE) != 0 && !(dir && (mode & S_ISVTX) != 0) && !adminDir) {
      throw unsafe(p, "writable by users other than root (mode " + Integer.toOctalString(mode & 07777) + ")");
    }
  }

  private static AnchorwatchException unsafe(Path p, String why) {
    return new AnchorwatchException(ErrorCode.UNSAFE_PATH, p + " is not safe for the administrator part: " + why);
  }
}
