package org.anchorwatch.stores.macos;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.platform.mac.CoreFoundation;
import com.sun.jna.platform.mac.CoreFoundation.CFArrayRef;
import com.sun.jna.platform.mac.CoreFoundation.CFDataRef;
import com.sun.jna.platform.mac.CoreFoundation.CFDictionaryRef;
import com.sun.jna.platform.mac.CoreFoundation.CFIndex;
import com.sun.jna.platform.mac.CoreFoundation.CFMutableDictionaryRef;
import com.sun.jna.platform.mac.CoreFoundation.CFNumberRef;
import com.sun.jna.platform.mac.CoreFoundation.CFStringRef;
import com.sun.jna.platform.mac.CoreFoundation.CFTypeRef;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * {@link SecurityApi} on the real Security.framework and CoreFoundation. NEVER RUN: written to
 * Apple's SecTrustSettings.h / SecItem.h documentation and jna-platform's CoreFoundation; no Mac
 * was available. OSStatus and SecTrustSettingsDomain are bound as int. Every CF object a
 * Create/Copy call returns is released by {@link CfScope}. Loaded on first use only.
 */
public final class JnaSecurityApi implements SecurityApi {
  private static final CFIndex SINT32 = new CFIndex(3); // kCFNumberSInt32Type

  /** Security.framework functions used (SecTrustSettings.h, SecCertificate.h, SecItem.h, SecPolicy.h, SecKeychain.h). */
  interface Security extends Library {
    int SecTrustSettingsCopyCertificates(int domain, PointerByReference certArray);

    int SecTrustSettingsCopyTrustSettings(Pointer cert, int domain, PointerByReference trustSettings);

    int SecTrustSettingsSetTrustSettings(Pointer cert, int domain, Pointer trustSettingsDictOrArray);

    int SecTrustSettingsRemoveTrustSettings(Pointer cert, int domain);

    int SecTrustSettingsCreateExternalRepresentation(int domain, PointerByReference trustSettings);

    Pointer SecCertificateCopyData(Pointer cert);

    Pointer SecCertificateCreateWithData(Pointer allocator, Pointer data);

    Pointer SecPolicyCopyProperties(Pointer policy);

    Pointer SecPolicyCreateWithProperties(Pointer policyIdentifier, Pointer properties);

    int SecItemCopyMatching(Pointer query, PointerByReference result);

    int SecItemDelete(Pointer query);

    int SecItemAdd(Pointer attributes, PointerByReference result);

    /** Deprecated since 10.10 but still the only way to name one keychain file in kSecMatchSearchList. */
    int SecKeychainOpen(String pathName, PointerByReference keychain);
  }

  private final Security sec;
  private final CoreFoundation cf;
  private final NativeLibrary secLib;
  private final NativeLibrary cfLib;

  private JnaSecurityApi(Security sec, CoreFoundation cf) {
    this.sec = sec;
    this.cf = cf;
    this.secLib = NativeLibrary.getInstance("Security");
    this.cfLib = NativeLibrary.getInstance("CoreFoundation");
  }

  public static SecurityApi load() throws AnchorwatchException {
    try {
      return new JnaSecurityApi(Native.load("Security", Security.class), CoreFoundation.INSTANCE);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
      throw new AnchorwatchException(ErrorCode.STORE_UNSUPPORTED, "Security.framework is not available on this system: " + e);
    }
  }

  /** A CFStringRef constant exported by a framework (kSecClass, kSecPolicyOid, ...): not owned. */
  private CFTypeRef constant(NativeLibrary lib, String symbol) {
    return new CFTypeRef(lib.getGlobalVariableAddress(symbol).getPointer(0));
  }

  private static void check(String call, int status) throws SecStatusException {
    if (status != 0) throw new SecStatusException(call, status);
  }

  private byte[] der(Pointer cert, CfScope scope) {
    CFDataRef data = scope.own(new CFDataRef(sec.SecCertificateCopyData(cert)));
    return data.getBytePtr().getByteArray(0, data.getLength());
  }

  private Pointer cert(byte[] der, CfScope scope) throws SecStatusException {
    Memory m = new Memory(der.length);
    m.write(0, der, 0, der.length);
    CFDataRef data = scope.own(cf.CFDataCreate(null, m, new CFIndex(der.length)));
    Pointer c = sec.SecCertificateCreateWithData(null, data.getPointer());
    if (c == null) throw new SecStatusException("SecCertificateCreateWithData", -26275); // errSecDecode
    scope.own(c);
    return c;
  }

  private List<byte[]> certsOf(Pointer array, CfScope scope) {
    CFArrayRef a = new CFArrayRef(array);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < a.getCount(); i++) out.add(der(a.getValueAtIndex(i), scope));
    return out;
  }

  @Override
  public List<byte[]> trustSettingsCertificates(int domain) throws SecStatusException {
    try (CfScope scope = new CfScope()) {
      PointerByReference out = new PointerByReference();
      int status = sec.SecTrustSettingsCopyCertificates(domain, out);
      if (status == MacStatus.ERR_SEC_NO_TRUST_SETTINGS) return List.of();
      check("SecTrustSettingsCopyCertificates", status);
      scope.own(out.getValue());
      return certsOf(out.getValue(), scope);
    }
  }

  @Override
  public Optional<List<TrustSetting>> trustSettings(byte[] der, int domain) throws SecStatusException {
    try (CfScope scope = new CfScope()) {
      PointerByReference out = new PointerByReference();
      int status = sec.SecTrustSettingsCopyTrustSettings(cert(der, scope), domain, out);
      if (status == MacStatus.ERR_SEC_ITEM_NOT_FOUND) return Optional.empty();
      check("SecTrustSettingsCopyTrustSettings", status);
      scope.own(out.getValue());
      CFArrayRef array = new CFArrayRef(out.getValue());
      CFStringRef resultKey = scope.own(CFStringRef.createCFString("kSecTrustSettingsResult"));
      CFStringRef policyKey = scope.own(CFStringRef.createCFString("kSecTrustSettingsPolicy"));
      List<TrustSetting> settings = new ArrayList<>();
      for (int i = 0; i < array.getCount(); i++) {
        CFDictionaryRef d = new CFDictionaryRef(array.getValueAtIndex(i));
        Pointer result = d.getValue(resultKey);
        Integer r = null;
        if (result != null) {
          IntByReference v = new IntByReference();
          cf.CFNumberGetValue(new CFNumberRef(result), SINT32, v);
          r = v.getValue();
        }
        Pointer policy = d.getValue(policyKey);
        String oid = null;
        if (policy != null) {
          CFDictionaryRef props = new CFDictionaryRef(scope.own(sec.SecPolicyCopyProperties(policy)).getPointer());
          Pointer o = props.getValue(constant(secLib, "kSecPolicyOid"));
          if (o != null) oid = new CFStringRef(o).stringValue();
        }
        settings.add(new TrustSetting(r, oid));
      }
      return Optional.of(settings);
    }
  }

  @Override
  public void setTrustSettings(byte[] der, int domain, List<TrustSetting> settings) throws SecStatusException {
    try (CfScope scope = new CfScope()) {
      Memory values = new Memory((long) Native.POINTER_SIZE * Math.max(1, settings.size()));
      for (int i = 0; i < settings.size(); i++) values.setPointer((long) i * Native.POINTER_SIZE, dict(settings.get(i), scope).getPointer());
      CFArrayRef array = scope.own(cf.CFArrayCreate(null, values, new CFIndex(settings.size()),
          cfLib.getGlobalVariableAddress("kCFTypeArrayCallBacks")));
      check("SecTrustSettingsSetTrustSettings", sec.SecTrustSettingsSetTrustSettings(cert(der, scope), domain, array.getPointer()));
    }
  }

  private CFMutableDictionaryRef newDict(CfScope scope) {
    return scope.own(cf.CFDictionaryCreateMutable(null, new CFIndex(0),
        cfLib.getGlobalVariableAddress("kCFTypeDictionaryKeyCallBacks"), cfLib.getGlobalVariableAddress("kCFTypeDictionaryValueCallBacks")));
  }

  private CFMutableDictionaryRef dict(TrustSetting s, CfScope scope) {
    CFMutableDictionaryRef d = newDict(scope);
    if (s.result() != null) {
      CFNumberRef n = scope.own(cf.CFNumberCreate(null, SINT32, new IntByReference(s.result())));
      cf.CFDictionarySetValue(d, scope.own(CFStringRef.createCFString("kSecTrustSettingsResult")), n);
    }
    if (s.policyOid() != null) {
      CFStringRef oid = scope.own(CFStringRef.createCFString(s.policyOid()));
      CFTypeRef policy = scope.own(sec.SecPolicyCreateWithProperties(oid.getPointer(), null));
      if (policy != null) cf.CFDictionarySetValue(d, scope.own(CFStringRef.createCFString("kSecTrustSettingsPolicy")), policy);
    }
    return d;
  }

  @Override
  public void removeTrustSettings(byte[] der, int domain) throws SecStatusException {
    try (CfScope scope = new CfScope()) {
      check("SecTrustSettingsRemoveTrustSettings", sec.SecTrustSettingsRemoveTrustSettings(cert(der, scope), domain));
    }
  }

  @Override
  public byte[] exportDomain(int domain) throws SecStatusException {
    try (CfScope scope = new CfScope()) {
      PointerByReference out = new PointerByReference();
      check("SecTrustSettingsCreateExternalRepresentation", sec.SecTrustSettingsCreateExternalRepresentation(domain, out));
      CFDataRef data = scope.own(new CFDataRef(out.getValue()));
      return data.getBytePtr().getByteArray(0, data.getLength());
    }
  }

  private CFMutableDictionaryRef query(String keychain, CfScope scope) throws SecStatusException {
    CFMutableDictionaryRef q = newDict(scope);
    cf.CFDictionarySetValue(q, constant(secLib, "kSecClass"), constant(secLib, "kSecClassCertificate"));
    PointerByReference kc = new PointerByReference();
    check("SecKeychainOpen", sec.SecKeychainOpen(keychain, kc));
    scope.own(kc.getValue());
    Memory one = new Memory(Native.POINTER_SIZE);
    one.setPointer(0, kc.getValue());
    CFArrayRef list = scope.own(cf.CFArrayCreate(null, one, new CFIndex(1), cfLib.getGlobalVariableAddress("kCFTypeArrayCallBacks")));
    cf.CFDictionarySetValue(q, constant(secLib, "kSecMatchSearchList"), list);
    return q;
  }

  @Override
  public List<byte[]> keychainCertificates(String keychain) throws SecStatusException {
    try (CfScope scope = new CfScope()) {
      CFMutableDictionaryRef q = query(keychain, scope);
      cf.CFDictionarySetValue(q, constant(secLib, "kSecMatchLimit"), constant(secLib, "kSecMatchLimitAll"));
      cf.CFDictionarySetValue(q, constant(secLib, "kSecReturnRef"), constant(cfLib, "kCFBooleanTrue"));
      PointerByReference out = new PointerByReference();
      int status = sec.SecItemCopyMatching(q.getPointer(), out);
      if (status == MacStatus.ERR_SEC_ITEM_NOT_FOUND) return List.of();
      check("SecItemCopyMatching", status);
      scope.own(out.getValue());
      return certsOf(out.getValue(), scope);
    }
  }

  @Override
  public void deleteKeychainItem(byte[] der, String keychain) throws SecStatusException {
    try (CfScope scope = new CfScope()) {
      CFMutableDictionaryRef q = query(keychain, scope);
      cf.CFDictionarySetValue(q, constant(secLib, "kSecValueRef"), new CFTypeRef(cert(der, scope)));
      check("SecItemDelete", sec.SecItemDelete(q.getPointer()));
    }
  }

  @Override
  public void addKeychainItem(byte[] der, String keychain) throws SecStatusException {
    try (CfScope scope = new CfScope()) {
      CFMutableDictionaryRef q = newDict(scope);
      cf.CFDictionarySetValue(q, constant(secLib, "kSecClass"), constant(secLib, "kSecClassCertificate"));
      cf.CFDictionarySetValue(q, constant(secLib, "kSecValueRef"), new CFTypeRef(cert(der, scope)));
      PointerByReference kc = new PointerByReference();
      check("SecKeychainOpen", sec.SecKeychainOpen(keychain, kc));
      scope.own(kc.getValue());
      cf.CFDictionarySetValue(q, constant(secLib, "kSecUseKeychain"), new CFTypeRef(kc.getValue()));
      check("SecItemAdd", sec.SecItemAdd(q.getPointer(), null));
    }
  }
}
