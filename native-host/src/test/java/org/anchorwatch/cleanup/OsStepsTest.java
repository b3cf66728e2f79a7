package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.Installed;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.windows.FakeCertApi;
import org.anchorwatch.stores.windows.WinFixtures;
import org.anchorwatch.stores.windows.SerializedElement;
import org.anchorwatch.stores.windows.WindowsChanges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows/macOS steps: how they are planned, and a whole backup → remove → restore cycle on crypt32. */
class OsStepsTest {
  static final int CU = 0x10000;
  static final String SHA1 = "8145e1319de72bea86e78be265839e902915a37a";

  @TempDir
  Path tmp;
  final FakeCertApi crypt32 = new FakeCertApi();
  final OsSteps os = new OsSteps(type -> new WindowsChanges(() -> crypt32));
  final byte[] kz = WinFixtures.der(WinFixtures.KZ);
  final String kzSha = DerKeys.sha256(kz);

  @AfterEach
  void nothingLeaked() {
    crypt32.assertClean();
  }

  static Installed windows(String location, String store, String changer) {
    return new Installed("windows:" + location + "/" + store, "Windows " + location + " " + store, "windows", "added",
        location + "\\" + store + "#" + SHA1, "trusted", "ab".repeat(32), Map.of("location", location, "store", store, "changer", changer));
  }

  static Installed mac(String location, String changer) {
    return new Installed("macos:" + location, "macOS " + location, "macos", "added", location + "#" + SHA1, "trusted", "ab".repeat(32),
        Map.of("location", location, "changer", changer));
  }

  @Test
  void windowsStepsFollowWhoMayChangeTheLocation() {
    OsSteps.Drafted cu = OsSteps.plan(windows("CurrentUser", "ROOT", "user"), false);
    assertThat(cu.action()).isEqualTo(Action.DELETE);
    assertThat(cu.elevation()).isFalse();
    assertThat(cu.commands()).containsExactly("certutil -user -delstore ROOT " + SHA1);
    assertThat(cu.caveats()).extracting(Caveat::code).containsExactly(Caveat.OS_CONFIRMS);
    assertThat(cu.details()).containsEntry(OsSteps.LOCATION, "CurrentUser\\ROOT").doesNotContainKey("path");

    OsSteps.Drafted lm = OsSteps.plan(windows("LocalMachine", "ROOT", "elevated"), false);
    assertThat(lm.action()).isEqualTo(Action.DELETE);
    assertThat(lm.elevation()).isTrue();
    assertThat(lm.commands()).containsExactly("certutil -delstore ROOT " + SHA1);

    OsSteps.Drafted gp = OsSteps.plan(windows("LocalMachineGroupPolicy", "ROOT", "instructions_only"), false);
    assertThat(gp.action()).isEqualTo(Action.INSTRUCTIONS);
    assertThat(gp.caveats()).extracting(Caveat::code).containsExactly(Caveat.OS_MANAGED);
    OsSteps.Drafted gpDistrust = OsSteps.plan(windows("LocalMachineGroupPolicy", "ROOT", "instructions_only"), true);
    assertThat(gpDistrust.action()).isEqualTo(Action.DISTRUST);
    assertThat(gpDistrust.elevation()).isTrue();
  }

  @Test
  void macSystemRootsAreDistrustedAndUserPlacesNeedNoAdministrator() {
    OsSteps.Drafted apple = OsSteps.plan(mac("keychain/System/Library/Keychains/SystemRootCertificates.keychain", "instructions_only"), false);
    assertThat(apple.action()).isEqualTo(Action.DISTRUST);
    assertThat(apple.elevation()).isTrue();
    assertThat(apple.commands()).containsExactly("sudo security add-trusted-cert -d -r deny <the certificate saved as a .pem file>");

    OsSteps.Drafted login = OsSteps.plan(mac("keychain/~/Library/Keychains/login.keychain-db", "user"), false);
    assertThat(login.action()).isEqualTo(Action.DELETE);
    assertThat(login.elevation()).isFalse();
    assertThat(login.commands()).containsExactly("security delete-certificate -Z " + SHA1 + " \"$HOME\"/Library/Keychains/login.keychain-db");

    OsSteps.Drafted admin = OsSteps.plan(mac("domain/admin", "elevated"), false);
    assertThat(admin.elevation()).isTrue();
    assertThat(admin.commands()).containsExactly("sudo security remove-trusted-cert -d <the certificate saved as a .pem file>");
  }

  @Test
  void aConfigurationProfileRootGetsTheSystemSettingsStepsNotARemoval() {
    Installed i = new Installed("macos:domain/admin", "macOS domain/admin", "macos", "added", "domain/admin#" + SHA1, "trusted",
        "ab".repeat(32), Map.of("location", "domain/admin", "changer", "elevated", "profile", "Qaznet Security"));
    OsSteps.Drafted d = OsSteps.plan(i, false);
    assertThat(d.action()).isEqualTo(Action.INSTRUCTIONS);
    assertThat(d.elevation()).isFalse();
    assertThat(d.commands()).anySatisfy(c -> assertThat(c).contains("Profiles")).anySatisfy(c -> assertThat(c).contains("'Qaznet Security'"));
    assertThat(d.caveats()).singleElement().satisfies(c -> {
      assertThat(c.code()).isEqualTo(Caveat.OS_PROFILE);
      assertThat(c.args()).containsExactly("Qaznet Security");
    });
    assertThat(OsSteps.plan(i, true).action()).isEqualTo(Action.DISTRUST);
  }

  @Test
  void backupVerifiedThenRemovedThenRestoredWithItsPropertiesThroughStoreChanges() throws Exception {
    crypt32.put(CU, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT));
    AtomicFiles io = new AtomicFiles();
    StoreChanges changes = new StoreChanges(io, os);
    Installed where = new Installed("windows:CurrentUser/ROOT", "Windows CurrentUser ROOT", "windows", "added",
        "CurrentUser\\ROOT#" + SHA1, "trusted", kzSha, Map.of("location", "CurrentUser", "store", "ROOT", "changer", "user"));
    OsSteps.Drafted d = OsSteps.plan(where, false);
    Step step = new Step(0, where.store(), "windows", where.storeLabel(), "added", where.location(), kzSha, d.action().wire(), d.elevation(),
        d.backup(), d.caveats(), null, d.commands(), d.details());
    Plan plan = new Plan("p1", "now", new Plan.Target(kzSha, kzSha, DerKeys.spki(kz), "s", "i", "n", null), "delete", List.of(step),
        false, null, List.of(), null);

    BackupStore backups = new BackupStore(tmp.resolve("backups"), io);
    BackupManifest m = backups.create("0123456789abcdef", plan, Map.of(step, changes.capture(step)));
    BackupItem item = m.items().get(0);
    assertThat(item.kind()).isEqualTo("windows");
    assertThat(item.path()).isEqualTo("CurrentUser\\ROOT");
    assertThat(item.nickname()).isEqualTo("Anchorwatch test ISCA");

    changes.apply(step);
    assertThat(crypt32.store(CU, "ROOT")).isEmpty();
    assertThatThrownBy(() -> changes.apply(step))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_STALE));

    changes.restore(item, backups.bytes(m.id(), item.blob()), backups.bytes(m.id(), item.der()));
    assertThat(crypt32.store(CU, "ROOT")).singleElement()
        .satisfies(c -> assertThat(SerializedElement.parse(c.element()).friendlyName()).contains("Anchorwatch test ISCA"));
  }

  @Test
  void aWindowsDistrustAddsToDisallowedAndIsNeverUndoneByTheTool() throws Exception {
    crypt32.put(CU, "ROOT", kz);
    StoreChanges changes = new StoreChanges(new AtomicFiles(), os);
    Installed where = windows("CurrentUser", "ROOT", "user");
    OsSteps.Drafted d = OsSteps.plan(where, true);
    Step step = new Step(0, where.store(), "windows", where.storeLabel(), "added", where.location(), kzSha, d.action().wire(), d.elevation(),
        d.backup(), d.caveats(), null, d.commands(), d.details());
    StoreChanges.Capture c = changes.capture(step);
    assertThat(c.blob()).isNull();
    changes.apply(step);
    assertThat(crypt32.store(CU, "Disallowed")).hasSize(1);
    assertThat(crypt32.store(CU, "ROOT")).hasSize(1);
    BackupItem item = new BackupItem(0, step.store(), "windows", step.location(), "distrust", kzSha, "windows", "CurrentUser\\ROOT",
        null, null, null, null, null, null, null, null, null, null, null, null, "step-0.der", kzSha);
    assertThatThrownBy(() -> changes.restore(item, null, kz))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOVE_FAILED));
    assertThat(crypt32.store(CU, "Disallowed")).hasSize(1);
  }
}
