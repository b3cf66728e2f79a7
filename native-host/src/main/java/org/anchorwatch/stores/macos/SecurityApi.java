package org.anchorwatch.stores.macos;

import java.util.List;
import java.util.Optional;

/**
 * The Security.framework calls Anchorwatch makes, with CoreFoundation kept below this line: the
 * binding ({@link JnaSecurityApi}) turns DER into SecCertificateRef and back and releases every CF
 * object; the store logic above is tested on Linux against an in-memory fake. Domains are
 * SecTrustSettingsDomain values, statuses OSStatus (both 32-bit ints).
 */
public interface SecurityApi {
  int DOMAIN_USER = 0;
  int DOMAIN_ADMIN = 1;
  int DOMAIN_SYSTEM = 2;

  /** SecTrustSettingsCopyCertificates: DER of each certificate with settings there; empty on errSecNoTrustSettings. */
  List<byte[]> trustSettingsCertificates(int domain) throws SecStatusException;

  /** SecTrustSettingsCopyTrustSettings; empty when the certificate has none there (errSecItemNotFound). */
  Optional<List<TrustSetting>> trustSettings(byte[] der, int domain) throws SecStatusException;

  /** SecTrustSettingsSetTrustSettings; an empty list means "always trust as root". */
  void setTrustSettings(byte[] der, int domain, List<TrustSetting> settings) throws SecStatusException;

  /** SecTrustSettingsRemoveTrustSettings. */
  void removeTrustSettings(byte[] der, int domain) throws SecStatusException;

  /** SecTrustSettingsCreateExternalRepresentation: the whole domain's settings as a plist (kept in backups). */
  byte[] exportDomain(int domain) throws SecStatusException;

  /** SecItemCopyMatching(kSecClassCertificate, kSecMatchLimitAll, kSecMatchSearchList [keychain]). */
  List<byte[]> keychainCertificates(String keychain) throws SecStatusException;

  /** SecItemDelete(kSecClassCertificate, kSecValueRef cert, kSecMatchSearchList [keychain]). */
  void deleteKeychainItem(byte[] der, String keychain) throws SecStatusException;

  /** SecItemAdd(kSecClassCertificate, kSecValueRef cert, kSecUseKeychain keychain). */
  void addKeychainItem(byte[] der, String keychain) throws SecStatusException;
}
