package org.anchorwatch.stores.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * {@link CertApi} on the real crypt32.dll. Never compiled against or run on Windows here: the
 * signatures follow MS Learn (wincrypt.h) and were checked against jna-platform's Crypt32 and the
 * winapi/windows-sys declarations. The library is loaded on first use only, so Linux and macOS
 * runs never touch it ({@link #load()} turns the failure into STORE_UNSUPPORTED).
 */
public final class JnaCertApi implements CertApi {
  /** CERT_STORE_PROV_SYSTEM_REGISTRY_W: a small integer passed where an LPCSTR is expected. */
  static final long PROV_SYSTEM_REGISTRY_W_VALUE = 13;
  private static final Pointer PROV_SYSTEM_REGISTRY_W = new Pointer(PROV_SYSTEM_REGISTRY_W_VALUE);
  static final int X509_ASN_ENCODING = 1;
  static final int CERT_STORE_CERTIFICATE_CONTEXT_FLAG = 1 << 1;
  /** CERT_CONTEXT { DWORD dwCertEncodingType; BYTE *pbCertEncoded; DWORD cbCertEncoded; ... }. */
  static final long PB_CERT_ENCODED = Native.POINTER_SIZE;
  static final long CB_CERT_ENCODED = 2L * Native.POINTER_SIZE;

  /** The crypt32 functions used, declared by hand: jna-platform 5.19 lacks most of them. */
  interface Crypt32 extends StdCallLibrary {
    Pointer CertOpenStore(Pointer provider, int encoding, Pointer hCryptProv, int flags, WString para);

    boolean CertCloseStore(Pointer store, int flags);

    Pointer CertEnumCertificatesInStore(Pointer store, Pointer previous);

    Pointer CertDuplicateCertificateContext(Pointer context);

    boolean CertFreeCertificateContext(Pointer context);

    boolean CertDeleteCertificateFromStore(Pointer context);

    boolean CertSerializeCertificateStoreElement(Pointer context, int flags, byte[] element, IntByReference size);

    boolean CertAddEncodedCertificateToStore(Pointer store, int encoding, byte[] der, int size, int disposition, Pointer outContext);

    boolean CertAddSerializedElementToStore(Pointer store, byte[] element, int size, int disposition, int flags,
        int contextTypeFlags, Pointer outType, Pointer outContext);
  }

  private final Crypt32 lib;

  private JnaCertApi(Crypt32 lib) {
    this.lib = lib;
  }

  public static CertApi load() throws AnchorwatchException {
    try {
      return new JnaCertApi(Native.load("crypt32", Crypt32.class, W32APIOptions.UNICODE_OPTIONS));
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new AnchorwatchException(ErrorCode.STORE_UNSUPPORTED, "crypt32 is not available on this system: " + e.getMessage());
    }
  }

  @Override
  public Pointer openStore(int flags, String name) throws CertApiException {
    Pointer h = lib.CertOpenStore(PROV_SYSTEM_REGISTRY_W, 0, null, flags, new WString(name));
    if (h == null) throw new CertApiException("CertOpenStore", Native.getLastError());
    return h;
  }

  @Override
  public void closeStore(Pointer store) {
    lib.CertCloseStore(store, 0);
  }

  @Override
  public Pointer next(Pointer store, Pointer previous) throws CertApiException {
    Pointer ctx = lib.CertEnumCertificatesInStore(store, previous);
    if (ctx == null) throw new CertApiException("CertEnumCertificatesInStore", Native.getLastError());
    return ctx;
  }

  @Override
  public byte[] encoded(Pointer context) {
    Pointer pb = context.getPointer(PB_CERT_ENCODED);
    int cb = context.getInt(CB_CERT_ENCODED);
    return pb.getByteArray(0, cb);
  }

  @Override
  public Pointer duplicate(Pointer context) {
    return lib.CertDuplicateCertificateContext(context);
  }

  @Override
  public void free(Pointer context) {
    lib.CertFreeCertificateContext(context);
  }

  @Override
  public void delete(Pointer context) throws CertApiException {
    if (!lib.CertDeleteCertificateFromStore(context)) throw new CertApiException("CertDeleteCertificateFromStore", Native.getLastError());
  }

  @Override
  public byte[] serialize(Pointer context) throws CertApiException {
    IntByReference size = new IntByReference();
    if (!lib.CertSerializeCertificateStoreElement(context, 0, null, size)) {
      throw new CertApiException("CertSerializeCertificateStoreElement", Native.getLastError());
    }
    byte[] element = new byte[size.getValue()];
    if (!lib.CertSerializeCertificateStoreElement(context, 0, element, size)) {
      throw new CertApiException("CertSerializeCertificateStoreElement", Native.getLastError());
    }
    return element.length == size.getValue() ? element : java.util.Arrays.copyOf(element, size.getValue());
  }

  @Override
  public void addEncoded(Pointer store, byte[] der, int disposition) throws CertApiException {
    if (!lib.CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der, der.length, disposition, null)) {
      throw new CertApiException("CertAddEncodedCertificateToStore", Native.getLastError());
    }
  }

  @Override
  public void addSerialized(Pointer store, byte[] element, int disposition) throws CertApiException {
    if (!lib.CertAddSerializedElementToStore(store, element, element.length, disposition, 0, CERT_STORE_CERTIFICATE_CONTEXT_FLAG, null, null)) {
      throw new CertApiException("CertAddSerializedElementToStore", Native.getLastError());
    }
  }
}
