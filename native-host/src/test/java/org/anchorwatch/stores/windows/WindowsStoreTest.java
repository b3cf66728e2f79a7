package org.anchorwatch.stores.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.anchorwatch.stores.Trust;
import org.anchorwatch.stores.TrustStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WindowsStoreTest {
  static final int CU = 0x10000;
  static final int LM = 0x20000;
  static final int LM_GP = 0x80000;

  final FakeCertApi crypt32 = new FakeCertApi();
  final byte[] kz = WinFixtures.der(WinFixtures.KZ);
  final byte[] dell = WinFixtures.der(WinFixtures.DELL);
  final byte[] superfish = WinFixtures.der(WinFixtures.SUPERFISH);

  @AfterEach
  void nothingLeaked() {
    crypt32.assertClean();
  }

  StoreListing list(String location, String store) throws AnchorwatchException {
    TrustStore s = WindowsPlatform.open(StoreRef.of(StoreType.WINDOWS, Path.of(location, store), Role.ADDED, "t"), () -> crypt32);
    return s.list();
  }

  @Test
  void eachPhysicalLocationListsOnlyWhatLivesThereWithItsFriendlyName() throws Exception {
    crypt32.put(CU, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT));
    crypt32.put(LM, "ROOT", dell, WinFixtures.element(WinFixtures.DELL_ELEMENT));

    List<StoreEntry> cu = list("CurrentUser", "ROOT").entries();
    assertThat(cu).singleElement().satisfies(e -> {
      assertThat(e.cert().sha256()).isEqualTo(DerKeys.sha256(kz));
      assertThat(e.trust()).isEqualTo(Trust.TRUSTED);
      assertThat(e.attributes()).containsEntry("friendlyName", "Anchorwatch test ISCA").containsEntry("changer", "user")
          .containsEntry("location", "CurrentUser").containsEntry("store", "ROOT");
      assertThat(e.location()).isEqualTo("CurrentUser\\ROOT#" + e.cert().sha1());
    });
    assertThat(list("LocalMachine", "ROOT").entries()).singleElement()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("friendlyName", "eDellRoot").containsEntry("changer", "elevated"));
  }

  @Test
  void aCertificateInAnyDisallowedStoreIsDistrustedEverywhere() throws Exception {
    crypt32.put(CU, "ROOT", superfish);
    crypt32.put(LM, "Disallowed", superfish, WinFixtures.element(WinFixtures.SUPERFISH_ELEMENT));
    crypt32.put(CU, "ROOT", kz);

    assertThat(list("CurrentUser", "ROOT").entries())
        .extracting(e -> e.cert().sha256(), StoreEntry::trust)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(DerKeys.sha256(superfish), Trust.DISTRUSTED),
            org.assertj.core.groups.Tuple.tuple(DerKeys.sha256(kz), Trust.TRUSTED));
    assertThat(list("LocalMachine", "Disallowed").entries()).singleElement().extracting(StoreEntry::trust).isEqualTo(Trust.DISTRUSTED);
  }

  @Test
  void intermediatesAreStoredNotTrusted() throws Exception {
    crypt32.put(LM, "CA", dell);
    assertThat(list("LocalMachine", "CA").entries()).singleElement().extracting(StoreEntry::trust).isEqualTo(Trust.STORED);
  }

  @Test
  void aStoreThatDoesNotExistIsEmpty() throws Exception {
    assertThat(list("LocalMachineGroupPolicy", "ROOT").entries()).isEmpty();
  }

  @Test
  void accessDeniedOnOpenIsAPermissionError() {
    crypt32.failAlways("CertOpenStore", WinConst.ERROR_ACCESS_DENIED);
    assertThatThrownBy(() -> list("LocalMachine", "ROOT"))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_PERMISSION_DENIED));
  }

  @Test
  void aFailureInTheMiddleOfTheEnumerationIsReportedAndFreesEverything() {
    crypt32.put(LM_GP, "ROOT", kz);
    crypt32.put(LM_GP, "ROOT", dell);
    crypt32.failAfter("CertEnumCertificatesInStore", 1, 0x80090020); // NTE_FAIL on the second certificate
    assertThatThrownBy(() -> CertStoreReader.read(crypt32, WindowsLocations.location("LocalMachineGroupPolicy").orElseThrow(), "ROOT"))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT));
  }

  @Test
  void aCertificateThatCannotBeSerializedIsStillListed() throws Exception {
    crypt32.put(CU, "ROOT", kz);
    crypt32.failNext("CertSerializeCertificateStoreElement", 0x80090020);
    assertThat(CertStoreReader.read(crypt32, WindowsLocations.location("CurrentUser").orElseThrow(), "ROOT"))
        .singleElement().satisfies(i -> assertThat(i.element()).isNull());
  }

  @Test
  void aMistypedLocationIsStoreNotFound() {
    assertThatThrownBy(() -> list("CurrentUsr", "ROOT"))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_NOT_FOUND));
  }

  @Test
  void discoveryNamesEveryLocationAndStoreWithItsRole() {
    List<StoreRef> refs = WindowsPlatform.stores();
    assertThat(refs).hasSize(WindowsLocations.LOCATIONS.size() * 4);
    assertThat(refs).filteredOn(r -> r.path().endsWith("Disallowed")).allSatisfy(r -> assertThat(r.role()).isEqualTo(Role.BLOCKLIST_DIR));
    assertThat(refs).filteredOn(r -> r.path().equals(Path.of("LocalMachine", "AuthRoot"))).singleElement()
        .extracting(StoreRef::role).isEqualTo(Role.DISTRO);
    assertThat(refs).filteredOn(r -> r.path().equals(Path.of("CurrentUser", "ROOT"))).singleElement()
        .extracting(StoreRef::role).isEqualTo(Role.ADDED);
  }
}
