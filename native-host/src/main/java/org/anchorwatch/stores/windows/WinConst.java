package org.anchorwatch.stores.windows;

/**
 * wincrypt.h / winerror.h values used here (MS Learn "System Store Locations", CertOpenStore,
 * CertAddEncodedCertificateToStore; checked against jna-platform's WinCrypt/WinError and against
 * what Wine's crypt32 returned when the fixtures were made: observed.txt).
 */
final class WinConst {
  private WinConst() {}

  static final int CERT_STORE_OPEN_EXISTING_FLAG = 0x4000;
  static final int CERT_STORE_READONLY_FLAG = 0x8000;

  static final int CERT_STORE_ADD_USE_EXISTING = 2;

  static final int ERROR_FILE_NOT_FOUND = 2;
  static final int ERROR_ACCESS_DENIED = 5;
  static final int ERROR_NO_MORE_FILES = 18;
  static final int ERROR_CANCELLED = 1223;
  /** HRESULT forms crypt32 also reports (MS docs name E_ACCESSDENIED for read-only stores). */
  static final int E_ACCESSDENIED = 0x80070005;
  static final int HRESULT_CANCELLED = 0x800704C7;
  static final int CRYPT_E_NOT_FOUND = 0x80092004;
}
