package org.anchorwatch.stores.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.OsStoreChanges.Changer;
import org.anchorwatch.stores.OsStoreChanges.Saved;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

class WindowsChangesTest {
  static final int CU = 0x10000;
  static final int LM = 0x20000;
  static final int CU_GP = 0x70000;

  final FakeCertApi crypt32 = new FakeCertApi();
  final WindowsChanges changes = new WindowsChanges(() -> crypt32);
  final byte[] kz = WinFixtures.der(WinFixtures.KZ);
  final byte[] dell = WinFixtures.der(WinFixtures.DELL);
  final String kzSha = DerKeys.sha256(kz);
  final String dellSha = DerKeys.sha256(dell);

  @AfterEach
  void nothingLeaked() {
    crypt32.assertClean();
  }

  @Test
  void findsEveryLocationHoldingTheKeyByCertificateOrSpkiHash() throws Exception {
    crypt32.put(CU, "ROOT", kz);
    crypt32.put(LM, "AuthRoot", kz);
    crypt32.put(LM, "ROOT", dell);
    assertThat(changes.find(kzSha)).containsExactly("CurrentUser\\ROOT", "LocalMachine\\AuthRoot");
    assertThat(changes.find(DerKeys.spki(dell))).containsExactly("LocalMachine\\ROOT");
    assertThat(changes.find("00".repeat(32))).isEmpty();
  }

  @Test
  void whoMayChangeEachLocation() throws Exception {
    assertThat(changes.changer("CurrentUser\\ROOT")).isEqualTo(Changer.USER);
    assertThat(changes.changer("LocalMachine\\ROOT")).isEqualTo(Changer.ELEVATED);
    assertThat(changes.changer("LocalMachineGroupPolicy\\ROOT")).isEqualTo(Changer.INSTRUCTIONS_ONLY);
    assertThat(changes.changer("LocalMachineEnterprise\\CA")).isEqualTo(Changer.INSTRUCTIONS_ONLY);
    assertCode(ErrorCode.BAD_ARGUMENT, () -> changes.changer("CurrentUser\\MY"));
    assertCode(ErrorCode.BAD_ARGUMENT, () -> changes.changer("..\\ROOT"));
  }

  @Test
  void deleteBacksUpRemovesAndRestoresWithItsProperties() throws Exception {
    byte[] element = WinFixtures.element(WinFixtures.KZ_ELEMENT);
    crypt32.put(CU, "ROOT", kz, element);
    crypt32.put(CU, "ROOT", dell);

    Saved saved = changes.capture("CurrentUser\\ROOT", kzSha);
    assertThat(saved.platformBytes()).isEqualTo(element);
    assertThat(saved.der()).isEqualTo(kz);
    assertThat(saved.facts()).containsEntry("friendlyName", "Anchorwatch test ISCA");

    changes.delete("CurrentUser\\ROOT", kzSha);
    assertThat(crypt32.store(CU, "ROOT")).extracting(c -> DerKeys.sha256(c.der())).containsExactly(dellSha);

    changes.restore(saved);
    assertThat(crypt32.store(CU, "ROOT")).filteredOn(c -> DerKeys.sha256(c.der()).equals(kzSha)).singleElement()
        .satisfies(c -> assertThat(SerializedElement.parse(c.element()).friendlyName()).contains("Anchorwatch test ISCA"));
    changes.restore(saved); // twice is harmless
    assertThat(crypt32.store(CU, "ROOT")).hasSize(2);
  }

  @Test
  void deleteOfACertificateNoLongerThereIsStale() {
    crypt32.put(CU, "ROOT", dell);
    assertCode(ErrorCode.PLAN_STALE, () -> changes.delete("CurrentUser\\ROOT", kzSha));
    assertCode(ErrorCode.PLAN_STALE, () -> changes.capture("CurrentUser\\ROOT", kzSha));
  }

  @Test
  void thePersonDecliningWindowsOwnDialogIsUserCancelledAndChangesNothing() {
    crypt32.put(CU, "ROOT", kz);
    crypt32.failNext("CertDeleteCertificateFromStore", WinConst.ERROR_CANCELLED);
    assertCode(ErrorCode.USER_CANCELLED, () -> changes.delete("CurrentUser\\ROOT", kzSha));
    assertThat(crypt32.store(CU, "ROOT")).hasSize(1);
  }

  @Test
  void accessDeniedWithoutElevationIsAPermissionError() {
    crypt32.put(LM, "ROOT", dell);
    crypt32.failNext("CertDeleteCertificateFromStore", WinConst.E_ACCESSDENIED);
    assertCode(ErrorCode.STORE_PERMISSION_DENIED, () -> changes.delete("LocalMachine\\ROOT", dellSha));
    crypt32.failNext("CertOpenStore", WinConst.ERROR_ACCESS_DENIED);
    assertCode(ErrorCode.STORE_PERMISSION_DENIED, () -> changes.delete("LocalMachine\\ROOT", dellSha));
    assertThat(crypt32.store(LM, "ROOT")).hasSize(1);
  }

  @Test
  void aMissingStoreIsStoreNotFound() {
    assertCode(ErrorCode.STORE_NOT_FOUND, () -> changes.delete("LocalMachine\\ROOT", dellSha));
  }

  @Test
  void groupPolicyAndDisallowedAreNeverChanged() {
    crypt32.put(CU_GP, "ROOT", kz);
    crypt32.put(CU, "Disallowed", kz);
    assertCode(ErrorCode.REMOVE_FAILED, () -> changes.delete("CurrentUserGroupPolicy\\ROOT", kzSha));
    assertCode(ErrorCode.BAD_ARGUMENT, () -> changes.delete("CurrentUser\\Disallowed", kzSha));
    assertThat(crypt32.store(CU_GP, "ROOT")).hasSize(1);
    assertThat(crypt32.store(CU, "Disallowed")).hasSize(1);
    assertThat(crypt32.called("CertDeleteCertificateFromStore")).isFalse();
  }

  @Test
  void distrustAddsToTheMatchingDisallowedStoreOnceAndKeepsTheCertificate() throws Exception {
    crypt32.put(CU, "ROOT", kz);
    crypt32.put(LM, "ROOT", dell);
    changes.distrust("CurrentUser\\ROOT", kzSha, kz);
    changes.distrust("CurrentUser\\ROOT", kzSha, kz);
    changes.distrust("LocalMachine\\ROOT", dellSha, dell);
    changes.distrust("LocalMachineGroupPolicy\\ROOT", dellSha, dell); // a managed root can still be distrusted by the machine's admin

    assertThat(crypt32.store(CU, "Disallowed")).extracting(c -> DerKeys.sha256(c.der())).containsExactly(kzSha);
    assertThat(crypt32.store(LM, "Disallowed")).extracting(c -> DerKeys.sha256(c.der())).containsExactly(dellSha);
    assertThat(crypt32.store(CU, "ROOT")).hasSize(1);
    assertCode(ErrorCode.BAD_CERTIFICATE, () -> changes.distrust("CurrentUser\\ROOT", kzSha, dell));
  }

  @Test
  void restoreRefusesAnElementThatIsNotTheSavedCertificate() {
    Saved tampered = new Saved("CurrentUser\\ROOT", kzSha, kz, WinFixtures.element(WinFixtures.DELL_ELEMENT), java.util.Map.of());
    assertCode(ErrorCode.BACKUP_FAILED, () -> changes.restore(tampered));
    Saved mismatched = new Saved("CurrentUser\\ROOT", kzSha, dell, WinFixtures.element(WinFixtures.KZ_ELEMENT), java.util.Map.of());
    assertCode(ErrorCode.BACKUP_FAILED, () -> changes.restore(mismatched));
    assertThat(crypt32.called("CertAddSerializedElementToStore")).isFalse();
  }

  @Test
  void restoreNeverWritesIntoAStoreManagedByPolicy() {
    Saved saved = new Saved("CurrentUserGroupPolicy\\ROOT", kzSha, kz, WinFixtures.element(WinFixtures.KZ_ELEMENT), java.util.Map.of());
    assertCode(ErrorCode.REMOVE_FAILED, () -> changes.restore(saved));
    assertThat(crypt32.store(CU_GP, "ROOT")).isEmpty();
    assertThat(crypt32.called("CertAddSerializedElementToStore")).isFalse();
  }

  @Test
  void restoreRecreatesAStoreThatWasRemovedMeanwhile() throws Exception {
    Saved saved = new Saved("LocalMachine\\CA", dellSha, dell, WinFixtures.element(WinFixtures.DELL_ELEMENT), java.util.Map.of());
    changes.restore(saved);
    assertThat(crypt32.store(LM, "CA")).hasSize(1);
  }

  static void assertCode(ErrorCode code, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
