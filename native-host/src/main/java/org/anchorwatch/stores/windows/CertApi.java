package org.anchorwatch.stores.windows;

import com.sun.jna.Pointer;

/**
 * The crypt32 calls Anchorwatch makes, one method per call with the same semantics (who frees
 * what), so the store logic above it is tested on Linux against an in-memory crypt32 and the
 * binding below it ({@link JnaCertApi}) stays a line per function. Handles are opaque.
 * Every failure is a {@link CertApiException} carrying GetLastError's code.
 */
public interface CertApi {
  /** CertOpenStore(CERT_STORE_PROV_SYSTEM_REGISTRY_W, 0, 0, flags, name). */
  Pointer openStore(int flags, String name) throws CertApiException;

  /** CertCloseStore(h, 0). */
  void closeStore(Pointer store);

  /**
   * CertEnumCertificatesInStore: frees {@code previous} (when not null) whether or not it
   * succeeds; at the end of the store: null, or CRYPT_E_NOT_FOUND / ERROR_NO_MORE_FILES as the code.
   */
  Pointer next(Pointer store, Pointer previous) throws CertApiException;

  /** The context's pbCertEncoded bytes (a copy). */
  byte[] encoded(Pointer context);

  Pointer duplicate(Pointer context);

  void free(Pointer context);

  /** CertDeleteCertificateFromStore: ALWAYS frees {@code context}, even when it fails. */
  void delete(Pointer context) throws CertApiException;

  /** CertSerializeCertificateStoreElement: the certificate with all its properties. */
  byte[] serialize(Pointer context) throws CertApiException;

  /** CertAddEncodedCertificateToStore(h, X509_ASN_ENCODING, der, disposition, NULL). */
  void addEncoded(Pointer store, byte[] der, int disposition) throws CertApiException;

  /** CertAddSerializedElementToStore(h, element, disposition, 0, CERT_STORE_CERTIFICATE_CONTEXT_FLAG, NULL, NULL). */
  void addSerialized(Pointer store, byte[] element, int disposition) throws CertApiException;
}
