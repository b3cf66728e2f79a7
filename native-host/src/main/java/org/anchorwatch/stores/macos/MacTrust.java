package org.anchorwatch.stores.macos;

import java.util.List;
import java.util.Optional;
import org.anchorwatch.stores.Trust;

/**
 * A certificate's trust from its settings: an empty array means "always trust as root"; any
 * Deny means distrusted; TrustRoot / TrustAsRoot (or no result, which defaults to TrustRoot)
 * mean trusted; only Unspecified leaves it stored without trust. The first domain in
 * {@link MacLocations#DOMAIN_ORDER} that has settings decides.
 */
final class MacTrust {
  private MacTrust() {}

  static Trust of(List<TrustSetting> settings) {
    if (settings.isEmpty()) return Trust.TRUSTED;
    if (settings.stream().anyMatch(s -> s.effectiveResult() == TrustSetting.DENY)) return Trust.DISTRUSTED;
    boolean trusted = settings.stream().anyMatch(s -> s.effectiveResult() == TrustSetting.TRUST_ROOT || s.effectiveResult() == TrustSetting.TRUST_AS_ROOT);
    return trusted ? Trust.TRUSTED : Trust.STORED;
  }

  static Trust effective(SecurityApi api, byte[] der) throws SecStatusException {
    for (int domain : MacLocations.DOMAIN_ORDER) {
      Optional<List<TrustSetting>> s = api.trustSettings(der, domain);
      if (s.isPresent()) return of(s.get());
    }
    return Trust.STORED;
  }
}
