package org.anchorwatch.privilege;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link WindowsAcl.Binding} on advapi32 through jna-platform. NEVER RUN on Windows here; only
 * made on Windows, so Linux never loads advapi32.
 * <ul>
 *   <li>{@code Advapi32Util.getFileSecurityDescriptor(file, false)}: GetNamedSecurityInfo
 *   (SE_FILE_OBJECT, OWNER | GROUP | DACL_SECURITY_INFORMATION), made self-relative in JNA-owned
 *   memory (checked in jna-platform's source); {@code getOwner()} and {@code getDiscretionaryACL()}
 *   return null when the descriptor has none. Opening the name follows a link or junction, so a
 *   redirected folder is judged by what it points to.</li>
 *   <li>{@code ACL.getACEs()}: ACCESS_ALLOWED_ACE / ACCESS_DENIED_ACE (both ACCESS_ACEStructure
 *   with Mask and the trustee SID); any other entry type is kept as "unreadable" and fails the rule.</li>
 *   <li>{@code Advapi32Util.isCurrentProcessElevated()}: OpenProcessToken(TOKEN_QUERY) and
 *   GetTokenInformation(TokenElevation = 20) → TOKEN_ELEVATION.TokenIsElevated != 0.</li>
 * </ul>
 */
public final class JnaWindowsAcl implements WindowsAcl.Binding {
  private static final int ACCESS_DENIED_ACE_TYPE = 1;

  @Override
  public WindowsAcl.Security read(Path path) throws IOException {
    try {
      WinNT.SECURITY_DESCRIPTOR_RELATIVE sd = Advapi32Util.getFileSecurityDescriptor(path.toFile(), false);
      WinNT.PSID owner = sd.getOwner();
      WinNT.ACL acl = sd.getDiscretionaryACL();
      if (acl == null) return new WindowsAcl.Security(owner == null ? null : owner.getSidString(), null);
      List<WindowsAcl.Ace> aces = new ArrayList<>();
      for (WinNT.ACE_HEADER h : acl.getACEs()) {
        boolean inheritOnly = (h.AceFlags & WinNT.INHERIT_ONLY_ACE) != 0;
        if (h instanceof WinNT.ACCESS_ACEStructure a) {
          aces.add(new WindowsAcl.Ace(a.getSidString(), h.AceType != ACCESS_DENIED_ACE_TYPE, a.Mask, inheritOnly));
        } else {
          aces.add(new WindowsAcl.Ace(null, true, -1, inheritOnly)); // a type we cannot read: assume the worst
        }
      }
      return new WindowsAcl.Security(owner == null ? null : owner.getSidString(), List.copyOf(aces));
    } catch (Win32Exception e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public boolean processElevated() {
    return Advapi32Util.isCurrentProcessElevated();
  }
}
