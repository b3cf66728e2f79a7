package org.anchorwatch.stores.macos;

import static org.anchorwatch.stores.macos.SecurityApi.DOMAIN_ADMIN;
import static org.anchorwatch.stores.macos.SecurityApi.DOMAIN_SYSTEM;
import static org.anchorwatch.stores.macos.SecurityApi.DOMAIN_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.OsStoreChanges.Changer;
import org.anchorwatch.stores.OsStoreChanges.Saved;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.anchorwatch.stores.Trust;
import org.anchorwatch.testsupport.TestCerts;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Listing, trust precedence, removal, distrust, backup and restore against the in-memory Security layer. */
class MacStoresTest {
  static final String HOME = "/Users/tester";
  static final String LOGIN = HOME + "/Library/Keychains/login.keychain-db";
  static final String SYSTEM_KC = "/Library/Keychains/System.keychain";
  static final String APPLE_KC = "/System/Library/Keychains/SystemRootCertificates.keychain";
  static final String SSL = "1.2.840.113635.100.1.3";

  final FakeSecurityApi sec = new FakeSecurityApi();
  final MacChanges changes = new MacChanges(() -> sec, HOME);
  final byte[] kz = der("CN=Information Security Certification Authority, C=KZ");
  final byte[] dell = der("CN=eDellRoot");
  final byte[] apple = der("CN=Apple-like Root");

  static byte[] der(String name) {
    return TestCerts.root(name).der();
  }

  {
    sec.keychain(LOGIN);
    sec.keychain(SYSTEM_KC);
    sec.keychain(APPLE_KC, apple);
    sec.settings(apple, DOMAIN_SYSTEM);
  }

  StoreListing list(String location) throws AnchorwatchException {
    return new MacStore(() -> sec, MacLocations.location(location).orElseThrow(), HOME).list();
  }

  Trust trustIn(String location, byte[] der) throws AnchorwatchException {
    return list(location).entries().stream().filter(e -> e.cert().sha256().equals(DerKeys.sha256(der)))
        .map(StoreEntry::trust).findFirst().orElseThrow();
  }

  @Test
  void trustSettingsDecideTrustWithUserOverAdminOverSystem() throws Exception {
    sec.keychain(SYSTEM_KC, kz, dell);
    sec.settings(kz, DOMAIN_ADMIN); // empty array: always trust as root (what a .mobileconfig or add-trusted-cert -d makes)
    sec.settings(dell, DOMAIN_ADMIN, new TrustSetting(null, SSL));
    sec.settings(dell, DOMAIN_USER, TrustSetting.deny());

    assertThat(trustIn("domain/admin", kz)).isEqualTo(Trust.TRUSTED);
    assertThat(trustIn("keychain/Library/Keychains/System.keychain", kz)).isEqualTo(Trust.TRUSTED);
    assertThat(trustIn("domain/admin", dell)).isEqualTo(Trust.DISTRUSTED);
    assertThat(trustIn("keychain/Library/Keychains/System.keychain", dell)).isEqualTo(Trust.DISTRUSTED);
    assertThat(trustIn("domain/system", apple)).isEqualTo(Trust.TRUSTED);
  }

  @Test
  void anItemWithoutSettingsOrWithOnlyUnspecifiedIsStoredNotTrusted() throws Exception {
    sec.keychain(LOGIN, kz, dell);
    sec.settings(dell, DOMAIN_USER, new TrustSetting(TrustSetting.UNSPECIFIED, SSL));
    assertThat(trustIn("keychain/~/Library/Keychains/login.keychain-db", kz)).isEqualTo(Trust.STORED);
    assertThat(trustIn("keychain/~/Library/Keychains/login.keychain-db", dell)).isEqualTo(Trust.STORED);
    assertThat(list("keychain/~/Library/Keychains/login.keychain-db").entries().get(0).attributes()).containsEntry("keychain", LOGIN);
  }

  @Test
  void aMissingKeychainIsStoreNotFoundAndUnreadableSettingsAreAWarning() throws Exception {
    sec.keychains.remove(LOGIN);
    assertCode(ErrorCode.STORE_NOT_FOUND, () -> list("keychain/~/Library/Keychains/login.keychain-db"));
    sec.failNext("SecTrustSettingsCopyTrustSettings", -2070);
    StoreListing l = list("domain/system");
    assertThat(l.entries()).isEmpty();
    assertThat(l.warnings()).singleElement().asString().contains("-2070");
  }

  @Test
  void removingAnAdminRootTakesItsSettingsAndTheKeychainItemSeparatelyAndRestoresBoth() throws Exception {
    sec.keychain(SYSTEM_KC, kz);
    sec.settings(kz, DOMAIN_ADMIN, new TrustSetting(TrustSetting.TRUST_ROOT, SSL), new TrustSetting(null, null));
    String sha = DerKeys.sha256(kz);
    assertThat(changes.find(sha)).containsExactly("domain/admin", "keychain/Library/Keychains/System.keychain");
    assertThat(changes.find(DerKeys.spki(kz))).hasSize(2);

    Saved settings = changes.capture("domain/admin", sha);
    Saved item = changes.capture("keychain/Library/Keychains/System.keychain", sha);
    assertThat(new String(settings.platformBytes())).contains("\n# domain-export " + java.util.Base64.getEncoder().encodeToString(sec.exported));
    changes.delete("domain/admin", sha);
    changes.delete("keychain/Library/Keychains/System.keychain", sha);
    assertThat(changes.find(sha)).isEmpty();

    changes.restore(settings);
    changes.restore(item);
    changes.restore(item); // already there: errSecDuplicateItem is success
    assertThat(sec.domains.get(DOMAIN_ADMIN).get(sha)).containsExactly(new TrustSetting(TrustSetting.TRUST_ROOT, SSL), new TrustSetting(null, null));
    assertThat(sec.keychains.get(SYSTEM_KC)).hasSize(1);
  }

  @Test
  void anAlwaysTrustSettingSurvivesTheRoundTripAsAnEmptyArray() throws Exception {
    sec.settings(kz, DOMAIN_USER); // empty array: what "Always Trust" in Keychain Access writes
    String sha = DerKeys.sha256(kz);
    Saved saved = changes.capture("domain/user", sha);
    changes.delete("domain/user", sha);
    assertThat(sec.domains.get(DOMAIN_USER)).doesNotContainKey(sha);
    changes.restore(saved);
    assertThat(sec.domains.get(DOMAIN_USER).get(sha)).isEmpty();
    assertThat(trustIn("domain/user", kz)).isEqualTo(Trust.TRUSTED);
  }

  @Test
  void appleRootsAreNeverRemovedOnlyDistrustedInTheAdminDomain() throws Exception {
    String sha = DerKeys.sha256(apple);
    assertCode(ErrorCode.REMOVE_FAILED, () -> changes.delete("domain/system", sha));
    assertCode(ErrorCode.REMOVE_FAILED, () -> changes.delete("keychain/System/Library/Keychains/SystemRootCertificates.keychain", sha));
    changes.distrust("keychain/System/Library/Keychains/SystemRootCertificates.keychain", sha, apple);
    assertThat(sec.domains.get(DOMAIN_ADMIN).get(sha)).containsExactly(TrustSetting.deny());
    assertThat(trustIn("domain/system", apple)).isEqualTo(Trust.DISTRUSTED);
  }

  @Test
  void aLoginKeychainRootIsDistrustedInTheUsersOwnDomain() throws Exception {
    sec.keychain(LOGIN, kz);
    sec.settings(kz, DOMAIN_USER);
    changes.distrust("keychain/~/Library/Keychains/login.keychain-db", DerKeys.sha256(kz), kz);
    assertThat(sec.domains.get(DOMAIN_USER).get(DerKeys.sha256(kz))).containsExactly(TrustSetting.deny());
    assertCode(ErrorCode.BAD_CERTIFICATE, () -> changes.distrust("domain/user", DerKeys.sha256(kz), dell));
  }

  @Test
  void osStatusesBecomeStableCodes() {
    sec.keychain(LOGIN, kz);
    sec.settings(kz, DOMAIN_USER);
    String sha = DerKeys.sha256(kz);
    sec.failNext("SecTrustSettingsRemoveTrustSettings", MacStatus.ERR_SEC_USER_CANCELED);
    assertCode(ErrorCode.USER_CANCELLED, () -> changes.delete("domain/user", sha));
    sec.failNext("SecTrustSettingsRemoveTrustSettings", MacStatus.ERR_SEC_AUTH_FAILED);
    assertCode(ErrorCode.STORE_PERMISSION_DENIED, () -> changes.delete("domain/user", sha));
    sec.failNext("SecTrustSettingsRemoveTrustSettings", MacStatus.ERR_SEC_INTERACTION_NOT_ALLOWED);
    assertCode(ErrorCode.ELEVATION_UNAVAILABLE, () -> changes.delete("domain/user", sha));
    sec.failNext("SecItemDelete", -50); // errSecParam
    assertCode(ErrorCode.REMOVE_FAILED, () -> changes.delete("keychain/~/Library/Keychains/login.keychain-db", sha));
    assertThat(sec.domains.get(DOMAIN_USER)).containsKey(sha);
    assertThat(sec.keychains.get(LOGIN)).hasSize(1);
    assertCode(ErrorCode.PLAN_STALE, () -> changes.delete("domain/admin", sha));
    assertCode(ErrorCode.BAD_ARGUMENT, () -> changes.delete("domain/../admin", sha));
  }

  @Test
  void damagedSavedSettingsAreRefused() {
    String sha = DerKeys.sha256(kz);
    Saved bad = new Saved("domain/user", sha, kz, "3 1.2; rm -rf".getBytes(), java.util.Map.of());
    assertCode(ErrorCode.BACKUP_FAILED, () -> changes.restore(bad));
    Saved wrongDer = new Saved("domain/user", sha, dell, new byte[0], java.util.Map.of());
    assertCode(ErrorCode.BACKUP_FAILED, () -> changes.restore(wrongDer));
    assertThat(sec.domains.getOrDefault(DOMAIN_USER, java.util.Map.of())).isEmpty();
  }

  @Test
  void locationsAndWhoMayChangeThem() throws Exception {
    List<StoreRef> refs = MacPlatform.stores();
    assertThat(refs).extracting(r -> r.path().toString()).contains("domain/user", "domain/admin", "domain/system",
        "keychain/Library/Keychains/System.keychain");
    assertThat(refs).allSatisfy(r -> assertThat(r.type()).isEqualTo(StoreType.MACOS));
    assertThat(changes.changer("domain/user")).isEqualTo(Changer.USER);
    assertThat(changes.changer("keychain/Library/Keychains/System.keychain")).isEqualTo(Changer.ELEVATED);
    assertThat(changes.changer("domain/system")).isEqualTo(Changer.INSTRUCTIONS_ONLY);
    assertCode(ErrorCode.STORE_NOT_FOUND,
        () -> MacPlatform.open(StoreRef.of(StoreType.MACOS, Path.of("domain/root"), Role.ADDED, "x"), () -> sec).list());
  }

  static void assertCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
