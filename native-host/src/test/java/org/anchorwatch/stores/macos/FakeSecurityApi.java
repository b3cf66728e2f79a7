package org.anchorwatch.stores.macos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorwatch.stores.DerKeys;

/**
 * An in-memory Security.framework (the native layer we cannot run here) with the statuses the
 * headers document: errSecNoTrustSettings for an empty domain, errSecItemNotFound for a
 * certificate without settings or a missing item, errSecNoSuchKeychain, errSecDuplicateItem.
 */
public final class FakeSecurityApi implements SecurityApi {
  public final Map<Integer, Map<String, List<TrustSetting>>> domains = new HashMap<>();
  final Map<String, byte[]> ders = new HashMap<>();
  public final Map<String, List<byte[]>> keychains = new LinkedHashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  byte[] exported = "<plist/>".getBytes();

  public void settings(byte[] der, int domain, TrustSetting... s) {
    ders.put(DerKeys.sha256(der), der);
    domains.computeIfAbsent(domain, d -> new LinkedHashMap<>()).put(DerKeys.sha256(der), List.of(s));
  }

  public void keychain(String path, byte[]... certs) {
    keychains.computeIfAbsent(path, p -> new ArrayList<>()).addAll(List.of(certs));
  }

  void failNext(String call, int status) {
    failures.put(call, status);
  }

  private void maybeFail(String call) throws SecStatusException {
    Integer s = failures.remove(call);
    if (s != null) throw new SecStatusException(call, s);
  }

  @Override
  public List<byte[]> trustSettingsCertificates(int domain) throws SecStatusException {
    maybeFail("SecTrustSettingsCopyCertificates");
    Map<String, List<TrustSetting>> d = domains.getOrDefault(domain, Map.of());
    return d.keySet().stream().map(ders::get).toList();
  }

  @Override
  public Optional<List<TrustSetting>> trustSettings(byte[] der, int domain) throws SecStatusException {
    maybeFail("SecTrustSettingsCopyTrustSettings");
    return Optional.ofNullable(domains.getOrDefault(domain, Map.of()).get(DerKeys.sha256(der)));
  }

  @Override
  public void setTrustSettings(byte[] der, int domain, List<TrustSetting> settings) throws SecStatusException {
    maybeFail("SecTrustSettingsSetTrustSettings");
    settings(der, domain, settings.toArray(TrustSetting[]::new));
  }

  @Override
  public void removeTrustSettings(byte[] der, int domain) throws SecStatusException {
    maybeFail("SecTrustSettingsRemoveTrustSettings");
    if (domains.getOrDefault(domain, new HashMap<>()).remove(DerKeys.sha256(der)) == null) {
      throw new SecStatusException("SecTrustSettingsRemoveTrustSettings", MacStatus.ERR_SEC_ITEM_NOT_FOUND);
    }
  }

  @Override
  public byte[] exportDomain(int domain) throws SecStatusException {
    maybeFail("SecTrustSettingsCreateExternalRepresentation");
    return exported;
  }

  @Override
  public List<byte[]> keychainCertificates(String keychain) throws SecStatusException {
    maybeFail("SecItemCopyMatching");
    List<byte[]> k = keychains.get(keychain);
    if (k == null) throw new SecStatusException("SecKeychainOpen", MacStatus.ERR_SEC_NO_SUCH_KEYCHAIN);
    return List.copyOf(k);
  }

  @Override
  public void deleteKeychainItem(byte[] der, String keychain) throws SecStatusException {
    maybeFail("SecItemDelete");
    List<byte[]> k = keychains.get(keychain);
    if (k == null || !k.removeIf(c -> Arrays.equals(c, der))) throw new SecStatusException("SecItemDelete", MacStatus.ERR_SEC_ITEM_NOT_FOUND);
  }

  @Override
  public void addKeychainItem(byte[] der, String keychain) throws SecStatusException {
    maybeFail("SecItemAdd");
    List<byte[]> k = keychains.get(keychain);
    if (k == null) throw new SecStatusException("SecItemAdd", MacStatus.ERR_SEC_NO_SUCH_KEYCHAIN);
    if (k.stream().anyMatch(c -> Arrays.equals(c, der))) throw new SecStatusException("SecItemAdd", MacStatus.ERR_SEC_DUPLICATE_ITEM);
    k.add(der);
  }
}
