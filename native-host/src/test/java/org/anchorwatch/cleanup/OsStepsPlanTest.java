package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.Installed;
import org.junit.jupiter.api.Test;

/** The whole decision table of Windows/macOS steps: action, who must approve, caveats, backup wording and the manual command. */
class OsStepsPlanTest {
  private static final String SHA1 = OsStepsTest.SHA1;
  private static final String WIN_BACKUP = "the certificate with all its Windows properties (serialized element), checked against its SHA-256";
  private static final String DISTRUST_BACKUP = "nothing is removed: a distrust is added";

  private record Row(Installed where, boolean distrust, Action action, boolean elevation, List<String> caveats, String backup, String command) {}

  private static Installed macProfile(String profile) {
    return new Installed("macos:domain/user", "macOS domain/user", "macos", "added", "domain/user#" + SHA1, "trusted", "ab".repeat(32),
        Map.of("location", "domain/user", "changer", "user", "profile", profile));
  }

  @Test
  void everyCombinationOfPlaceChangerAndModeIsDecidedAsDocumented() {
    String pemFile = "<the certificate saved as a .pem file>";
    List<Row> rows = List.of(
        new Row(OsStepsTest.windows("CurrentUser", "ROOT", "user"), false, Action.DELETE, false, List.of(Caveat.OS_CONFIRMS), WIN_BACKUP,
            "certutil -user -delstore ROOT " + SHA1),
        new Row(OsStepsTest.windows("CurrentUser", "ROOT", "user"), true, Action.DISTRUST, false, List.of(), DISTRUST_BACKUP,
            "certutil -user -addstore Disallowed <the certificate saved as a .cer file>"),
        new Row(OsStepsTest.windows("LocalMachine", "CA", "elevated"), false, Action.DELETE, true, List.of(), WIN_BACKUP,
            "certutil -delstore CA " + SHA1),
        new Row(OsStepsTest.windows("LocalMachineGroupPolicy", "ROOT", "instructions_only"), false, Action.INSTRUCTIONS, true,
            List.of(Caveat.OS_MANAGED), "nothing: instructions only",
            "# ask the domain administrator to remove " + SHA1 + " from the Group Policy (Public Key Policies)"),
        new Row(OsStepsTest.mac("domain/user", "user"), false, Action.DELETE, false, List.of(Caveat.OS_CONFIRMS),
            "the certificate (DER) and its trust settings in the user domain", "security remove-trusted-cert " + pemFile),
        new Row(OsStepsTest.mac("domain/user", "user"), true, Action.DISTRUST, false, List.of(Caveat.OS_CONFIRMS), DISTRUST_BACKUP,
            "security add-trusted-cert -r deny " + pemFile),
        new Row(OsStepsTest.mac("keychain/~/Library/Keychains/login.keychain-db", "user"), true, Action.DISTRUST, false,
            List.of(Caveat.OS_CONFIRMS), DISTRUST_BACKUP, "security add-trusted-cert -r deny " + pemFile),
        new Row(OsStepsTest.mac("domain/admin", "elevated"), true, Action.DISTRUST, true, List.of(), DISTRUST_BACKUP,
            "sudo security add-trusted-cert -d -r deny " + pemFile),
        new Row(OsStepsTest.mac("keychain/Library/Keychains/System.keychain", "elevated"), false, Action.DELETE, true, List.of(),
            "the certificate (DER) and which keychain held it", "sudo security delete-certificate -Z " + SHA1 + " /Library/Keychains/System.keychain"),
        new Row(OsStepsTest.mac("keychain/System/Library/Keychains/SystemRootCertificates.keychain", "instructions_only"), false,
            Action.DISTRUST, true, List.of(Caveat.OS_MANAGED), DISTRUST_BACKUP, "sudo security add-trusted-cert -d -r deny " + pemFile));
    for (Row r : rows) {
      OsSteps.Drafted d = OsSteps.plan(r.where(), r.distrust());
      String what = r.where().location() + (r.distrust() ? " distrust" : " delete");
      assertThat(d.action()).as(what).isEqualTo(r.action());
      assertThat(d.elevation()).as(what).isEqualTo(r.elevation());
      assertThat(d.caveats()).as(what).extracting(Caveat::code).containsExactlyElementsOf(r.caveats());
      assertThat(d.backup()).as(what).isEqualTo(r.backup());
      assertThat(d.commands()).as(what).containsExactly(r.command());
    }
  }

  @Test
  void aProfileWithoutANameIsDescribedNotLeftBlank() {
    OsSteps.Drafted d = OsSteps.plan(macProfile(""), false);
    assertThat(d.action()).isEqualTo(Action.INSTRUCTIONS);
    assertThat(d.details()).containsEntry("profile", "");
    assertThat(d.commands()).anySatisfy(c -> assertThat(c).contains("select the profile that installed it"));
  }

  @Test
  void aDistrustIsNeverUndoneByTheToolOnEitherSystem() {
    OsSteps os = new OsSteps(type -> {
      throw new AssertionError("no OS store may be touched");
    });
    for (String type : List.of("windows", "macos")) {
      BackupItem distrusted = new BackupItem(0, type + ":x", type, "x", "distrust", "ab".repeat(32), type, "x", null, null, null, null, null,
          null, null, null, null, null, null, null, "step-0.der", "ab".repeat(32));
      assertThatThrownBy(() -> os.restore(distrusted, null, new byte[0]))
          .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOVE_FAILED))
          .hasMessageContaining(type.equals("windows") ? "certmgr.msc" : "security remove-trusted-cert");
    }
  }
}
