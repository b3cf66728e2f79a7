package org.anchorwatch.privilege;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Windows' form of "only the administrator can have put this here": the file and every folder
 * above it (short of the drive root) are owned by Administrators, SYSTEM or TrustedInstaller and
 * grant no right that writes, deletes, renames or re-permissions them to anyone else. Program
 * Files is laid out that way; a folder under the user's profile or C:\ProgramData is not. The
 * drive root lets users create folders, so there only the rights that replace or re-permission an
 * existing child (delete child, delete, write DAC/owner, generic all) are refused.
 */
public final class WindowsAcl {
  /** BUILTIN\Administrators, NT AUTHORITY\SYSTEM, NT SERVICE\TrustedInstaller. */
  static final Set<String> ADMIN_SIDS = Set.of("S-1-5-32-544", "S-1-5-18",
      "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464");
  // winnt.h access rights (file-specific, standard, generic)
  static final int FILE_WRITE_DATA = 0x2;
  static final int FILE_APPEND_DATA = 0x4;
  static final int FILE_WRITE_EA = 0x10;
  static final int FILE_DELETE_CHILD = 0x40;
  static final int FILE_WRITE_ATTRIBUTES = 0x100;
  static final int DELETE = 0x10000;
  static final int WRITE_DAC = 0x40000;
  static final int WRITE_OWNER = 0x80000;
  static final int GENERIC_ALL = 0x10000000;
  static final int GENERIC_WRITE = 0x40000000;
  static final int ANY_WRITE = FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA | FILE_DELETE_CHILD | FILE_WRITE_ATTRIBUTES | DELETE
      | WRITE_DAC | WRITE_OWNER | GENERIC_ALL | GENERIC_WRITE;
  static final int REPLACES_CHILDREN = FILE_DELETE_CHILD | DELETE | WRITE_DAC | WRITE_OWNER | GENERIC_ALL;

  /**
   * One access-control entry as the binding reads it.
   *
   * @param allow false for a deny entry (those only take rights away, so they never fail the rule)
   * @param inheritOnly INHERIT_ONLY_ACE: applies to children created later, not to this object
   */
  public record Ace(String sid, boolean allow, int mask, boolean inheritOnly) {}

  /** @param dacl null when the object has no DACL at all, which grants everyone everything */
  public record Security(String ownerSid, List<Ace> dacl) {}

  /** The advapi32 calls (GetFileSecurity, GetTokenInformation TokenElevation) behind an interface of ours. */
  public interface Binding {
    Security read(Path path) throws IOException;

    boolean processElevated();
  }

  private WindowsAcl() {}

  /** The checked path; UNSAFE_PATH naming the first folder or file someone other than an administrator could change. */
  public static Path require(Path path, Binding binding) throws AnchorwatchException {
    Path abs = path.toAbsolutePath().normalize();
    if (abs.getRoot() == null) throw unsafe(abs, "not an absolute path");
    for (Path p = abs; p != null; p = p.getParent()) {
      boolean driveRoot = p.getParent() == null;
      Security s;
      try {
        s = binding.read(p);
      } catch (IOException e) {
        throw unsafe(p, "cannot read its owner and permissions (" + e.getMessage() + ")");
      }
      check(p, s, driveRoot);
    }
    return abs;
  }

  static void check(Path p, Security s, boolean driveRoot) throws AnchorwatchException {
    if (!driveRoot && (s.ownerSid() == null || !ADMIN_SIDS.contains(s.ownerSid()))) {
      throw unsafe(p, "owned by " + s.ownerSid() + ", not by Administrators, SYSTEM or TrustedInstaller");
    }
    if (s.dacl() == null) throw unsafe(p, "it has no access control list, so everyone may change it");
    int forbidden = driveRoot ? REPLACES_CHILDREN : ANY_WRITE;
    for (Ace a : s.dacl()) {
      if (!a.allow() || a.inheritOnly() || (a.mask() & forbidden) == 0) continue;
      if (a.sid() == null || !ADMIN_SIDS.contains(a.sid())) {
        throw unsafe(p, (a.sid() == null ? "an unreadable entry" : a.sid()) + " may change it (access mask 0x" + Integer.toHexString(a.mask()) + ")");
      }
    }
  }

  private static AnchorwatchException unsafe(Path p, String why) {
    return new AnchorwatchException(ErrorCode.UNSAFE_PATH, p + " is not safe for the administrator part: " + why);
  }
}
