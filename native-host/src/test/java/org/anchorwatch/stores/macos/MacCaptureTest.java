package org.anchorwatch.stores.macos;

import static org.anchorwatch.stores.macos.MacStoresTest.assertCode;
import static org.anchorwatch.stores.macos.SecurityApi.DOMAIN_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;

import java.util.Optional;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.OsStoreChanges.Saved;
import org.junit.jupiter.api.Test;

/**
 * The backup half of a macOS removal against the in-memory Security layer: which certificate is
 * saved, and what happens when the store changed between the plan and the backup (a missing
 * keychain, settings gone, a keychain that cannot be read).
 */
class MacCaptureTest {
  static final String HOME = MacStoresTest.HOME;
  static final String SYSTEM_KC = MacStoresTest.SYSTEM_KC;
  static final String SYSTEM_LOCATION = "keychain/Library/Keychains/System.keychain";

  final FakeSecurityApi sec = new FakeSecurityApi();
  final byte[] first = MacStoresTest.der("CN=Capture First Root");
  final byte[] second = MacStoresTest.der("CN=Capture Second Root");

  /** With two certificates in the location, the one asked for is the one saved, in a keychain and in a domain. */
  @Test
  void theRequestedCertificateIsSavedNotTheFirstOne() throws Exception {
    sec.keychain(SYSTEM_KC, first, second);
    sec.settings(first, DOMAIN_ADMIN, TrustSetting.deny());
    sec.settings(second, DOMAIN_ADMIN);
    MacChanges changes = new MacChanges(() -> sec, HOME);
    String sha = DerKeys.sha256(second);

    Saved item = changes.capture(SYSTEM_LOCATION, sha);
    assertThat(item.der()).isEqualTo(second);
    assertThat(item.sha256()).isEqualTo(sha);
    assertThat(item.facts()).containsEntry("keychain", SYSTEM_KC);

    Saved settings = changes.capture("domain/admin", sha);
    assertThat(settings.der()).isEqualTo(second);
    assertThat(new String(settings.platformBytes(), java.nio.charset.StandardCharsets.US_ASCII))
        .as("the second root's own settings (always trust: no lines), not the first's deny")
        .startsWith(MacChanges.DOMAIN_EXPORT);
  }

  /** Settings removed between listing and reading them (another tool, the person): the plan is stale. */
  @Test
  void aDomainCertificateWhoseSettingsVanishedIsPlanStale() throws Exception {
    sec.settings(first, DOMAIN_ADMIN);
    FakeSecurityApi racing = spy(sec);
    doReturn(Optional.empty()).when(racing).trustSettings(any(), anyInt());
    MacChanges changes = new MacChanges(() -> racing, HOME);
    assertCode(ErrorCode.PLAN_STALE, () -> changes.capture("domain/admin", DerKeys.sha256(first)));
  }

  /**
   * A keychain that does not exist holds nothing (the certificate is gone: stale plan); a keychain
   * that exists but cannot be read is a damaged store, not an empty one.
   */
  @Test
  void aMissingKeychainHoldsNothingAndAnUnreadableOneIsAnError() throws Exception {
    MacChanges changes = new MacChanges(() -> sec, HOME);
    String sha = DerKeys.sha256(first);
    assertCode(ErrorCode.PLAN_STALE, () -> changes.capture(SYSTEM_LOCATION, sha));

    sec.keychain(SYSTEM_KC, first);
    sec.failNext("SecItemCopyMatching", -50); // errSecParam
    assertCode(ErrorCode.STORE_CORRUPT, () -> changes.capture(SYSTEM_LOCATION, sha));
    assertThat(changes.capture(SYSTEM_LOCATION, sha).der()).isEqualTo(first);
  }
}
