package org.anchorwatch.privilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The Windows "only administrators can have put this here" rule over a fake advapi32: the ACLs are
 * the shapes Windows ships (Program Files, the drive root, a user's profile, C:\ProgramData).
 * Paths are Linux paths standing for C:\…: the rule walks names, the binding reads security.
 */
class WindowsAclTest {
  static final String ADMINS = "S-1-5-32-544";
  static final String SYSTEM = "S-1-5-18";
  static final String TRUSTED_INSTALLER = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
  static final String USERS = "S-1-5-32-545";
  static final String AUTH_USERS = "S-1-5-11";
  static final String ALICE = "S-1-5-21-1-2-3-1001";
  static final int FULL = 0x1f01ff;
  static final int READ_EXECUTE = 0x1200a9;
  static final int MODIFY = 0x1301bf;
  static final int APPEND = 0x4; // "create folders / append data"

  final Map<Path, WindowsAcl.Security> acls = new HashMap<>();
  boolean elevated;
  final WindowsAcl.Binding binding = new WindowsAcl.Binding() {
    @Override
    public WindowsAcl.Security read(Path p) throws IOException {
      WindowsAcl.Security s = acls.get(p);
      if (s == null) throw new IOException("ERROR_FILE_NOT_FOUND");
      return s;
    }

    @Override
    public boolean processElevated() {
      return elevated;
    }
  };

  static WindowsAcl.Ace allow(String sid, int mask) {
    return new WindowsAcl.Ace(sid, true, mask, false);
  }

  final Path drive = Path.of("/");
  final Path programFiles = Path.of("/Program Files");
  final Path install = Path.of("/Program Files/Anchorwatch");
  final Path exe = Path.of("/Program Files/Anchorwatch/anchorwatch-cli.exe");

  WindowsAclTest() {
    // C:\ as Windows 10/11 ships it: Authenticated Users may create folders, Users read
    acls.put(drive, new WindowsAcl.Security(TRUSTED_INSTALLER, List.of(allow(ADMINS, FULL), allow(SYSTEM, FULL),
        allow(USERS, READ_EXECUTE), allow(AUTH_USERS, APPEND), new WindowsAcl.Ace(AUTH_USERS, true, MODIFY, true))));
    WindowsAcl.Security programFilesAcl = new WindowsAcl.Security(TRUSTED_INSTALLER, List.of(allow(TRUSTED_INSTALLER, FULL),
        allow(SYSTEM, MODIFY), allow(ADMINS, MODIFY), allow(USERS, READ_EXECUTE), new WindowsAcl.Ace("S-1-3-0", true, FULL, true)));
    acls.put(programFiles, programFilesAcl);
    acls.put(install, new WindowsAcl.Security(ADMINS, programFilesAcl.dacl()));
    acls.put(exe, new WindowsAcl.Security(ADMINS, List.of(allow(ADMINS, FULL), allow(SYSTEM, FULL), allow(USERS, READ_EXECUTE))));
  }

  private void assertUnsafe(Path p, String why) {
    assertThatThrownBy(() -> WindowsAcl.require(p, binding)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PATH);
      assertThat(e.getMessage()).contains(why);
    });
  }

  @Test
  void programFilesAsWindowsShipsItPasses() throws Exception {
    assertThat(WindowsAcl.require(exe, binding)).isEqualTo(exe);
  }

  @Test
  void aUserWhoMayWriteTheFileOrAnyFolderAboveItFailsTheRule() {
    acls.put(exe, new WindowsAcl.Security(ADMINS, List.of(allow(ADMINS, FULL), allow(USERS, MODIFY))));
    assertUnsafe(exe, exe + " is not safe");
    acls.put(exe, new WindowsAcl.Security(ADMINS, List.of(allow(ADMINS, FULL))));
    acls.put(install, new WindowsAcl.Security(ADMINS, List.of(allow(ADMINS, FULL), allow(ALICE, 0x2)))); // FILE_ADD_FILE only
    assertUnsafe(exe, install + " is not safe");
    acls.put(install, new WindowsAcl.Security(ADMINS, List.of(allow(ADMINS, FULL), allow(ALICE, 0x40000)))); // WRITE_DAC
    assertUnsafe(exe, ALICE);
  }

  @Test
  void theOwnerMustBeAnAdministratorSystemOrTrustedInstaller() {
    acls.put(install, new WindowsAcl.Security(ALICE, List.of(allow(ADMINS, FULL))));
    assertUnsafe(exe, "owned by " + ALICE);
  }

  @Test
  void aMissingDaclGrantsEveryoneEverythingAndAnUnreadableEntryIsAssumedToWrite() {
    acls.put(exe, new WindowsAcl.Security(ADMINS, null));
    assertUnsafe(exe, "no access control list");
    acls.put(exe, new WindowsAcl.Security(ADMINS, List.of(new WindowsAcl.Ace(null, true, -1, false))));
    assertUnsafe(exe, "unreadable entry");
  }

  @Test
  void denyAndInheritOnlyEntriesDoNotCountButTheDriveRootMayNotLetUsersReplaceFolders() throws Exception {
    acls.put(install, new WindowsAcl.Security(ADMINS, List.of(allow(ADMINS, FULL), new WindowsAcl.Ace(USERS, false, FULL, false),
        new WindowsAcl.Ace(USERS, true, FULL, true))));
    assertThat(WindowsAcl.require(exe, binding)).isEqualTo(exe);
    acls.put(drive, new WindowsAcl.Security(TRUSTED_INSTALLER, List.of(allow(ADMINS, FULL), allow(AUTH_USERS, 0x40)))); // FILE_DELETE_CHILD
    assertUnsafe(exe, drive + " is not safe");
  }

  @Test
  void aUsersProfileOrAnUnreadablePathIsRefused() {
    Path appData = Path.of("/Users/alice/AppData/Local/Anchorwatch/anchorwatch-cli.exe");
    for (Path p = appData; p.getParent() != null; p = p.getParent()) {
      acls.put(p, new WindowsAcl.Security(p.startsWith("/Users/alice") ? ALICE : ADMINS, List.of(allow(ADMINS, FULL), allow(ALICE, FULL))));
    }
    assertUnsafe(appData, "owned by " + ALICE);
    assertUnsafe(Path.of("/Program Files/Other/x.exe"), "cannot read its owner");
  }

  @Test
  void theGateAsksTheTokenAndRefusesALayoutRootOnWindows() throws Exception {
    AdminGate gate = new AdminGate.Windows(binding);
    assertThat(gate.requireAdminOnly(exe)).isEqualTo(exe);
    elevated = false;
    assertThatThrownBy(() -> AdminInvocation.check(gate, Map.of(), exe, null)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_INVOCATION);
      assertThat(e.getMessage()).contains("Run as administrator (the UAC prompt)");
    });
    assertThatThrownBy(() -> AdminInvocation.check(new AdminGate.Posix(new Identity(501, 501), true), Map.of(), exe, null))
        .hasMessageContaining("the macOS administrator prompt or sudo");
    assertThatThrownBy(() -> AdminInvocation.check(new AdminGate.Posix(new Identity(1000, 1000), false), Map.of(), exe, null))
        .hasMessageContaining("sudo or pkexec");
    elevated = true;
    assertThat(AdminInvocation.check(gate, Map.of(), exe, null)).isNull();
    assertThatThrownBy(() -> AdminInvocation.check(gate, Map.of("JAVA_TOOL_OPTIONS", "-javaagent:x"), exe, null))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_INVOCATION));
    assertThatThrownBy(() -> AdminInvocation.check(gate, Map.of(), exe, Path.of("/mnt")))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    acls.put(exe, new WindowsAcl.Security(ADMINS, List.of(allow(USERS, MODIFY))));
    assertThatThrownBy(() -> AdminInvocation.check(gate, Map.of(), exe, null))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_INVOCATION));
  }

  @Test
  void thePlatformChoosesTheGate() {
    assertThat(AdminGate.of("Windows 11", () -> new Identity(5, 5))).isInstanceOf(AdminGate.Windows.class);
    assertThat(AdminGate.of("Mac OS X", () -> new Identity(0, 0))).isEqualTo(new AdminGate.Posix(new Identity(0, 0), true));
    assertThat(AdminGate.of("Linux", () -> new Identity(0, 0))).isEqualTo(new AdminGate.Posix(new Identity(0, 0), false));
  }
}
