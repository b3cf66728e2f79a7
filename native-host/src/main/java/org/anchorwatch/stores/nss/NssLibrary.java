package org.anchorwatch.stores.nss;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The libnss3 functions Anchorwatch calls, and nothing more (symbols checked with nm -D on NSS
 * 3.87.1). NSS hands out opaque pointers (slots, certs, lists); only SECItem and CERTCertTrust are
 * mapped, because CERT_GetCertificateDer avoids mapping CERTCertificate at all.
 *
 * <p>Return values typed {@code int} are SECStatus: 0 success, -1 failure (details in
 * {@link #PORT_GetError()}). PRBool is an int.
 */
public interface NssLibrary extends Library {
  int SEC_SUCCESS = 0;

  int NSS_Initialize(String configDir, String certPrefix, String keyPrefix, String secmodName, int flags);

  int NSS_Shutdown();

  Pointer PK11_GetInternalKeySlot();

  void PK11_FreeSlot(Pointer slot);

  /** A CERTCertList of the certs in that token only; each node's appData is its nickname there. */
  Pointer PK11_ListCertsInSlot(Pointer slot);

  void CERT_DestroyCertList(Pointer list);

  /** Points {@code out} at the cert's own DER (no copy; valid while the cert is referenced). */
  int CERT_GetCertificateDer(Pointer cert, SecItem out);

  /**
   * Fails only when the CERTCertificate carries no trust; for token certs without a trust object
   * NSS 3.87 fills in all-zero trust (and adds USER when the private key is present).
   */
  int CERT_GetCertTrust(Pointer cert, CertTrust out);

  int CERT_ChangeCertTrust(Pointer certDbHandle, Pointer cert, CertTrust trust);

  int CERT_DecodeTrustString(CertTrust out, String trust);

  int SEC_DeletePermCertificate(Pointer cert);

  Pointer CERT_GetDefaultCertDB();

  Pointer CERT_NewTempCertificate(Pointer certDbHandle, SecItem der, @NssGuard.MayBeNull String nickname, int isPerm, int copyDer);

  /** {@code key} is a CK_OBJECT_HANDLE (unsigned long); 0 = CK_INVALID_HANDLE. */
  int PK11_ImportCert(Pointer slot, Pointer cert, NativeLong key, String nickname, int includeTrust);

  void CERT_DestroyCertificate(Pointer cert);

  /** The calling thread's NSPR error code (re-exported from libnssutil3). */
  int PORT_GetError();

  /** {@code struct SECItem { SECItemType type; unsigned char *data; unsigned int len; }} */
  @Structure.FieldOrder({"type", "data", "len"})
  class SecItem extends Structure {
    public int type;
    public Pointer data;
    public int len;
  }

  /** {@code struct CERTCertTrust { unsigned int sslFlags, emailFlags, objectSigningFlags; }} */
  @Structure.FieldOrder({"sslFlags", "emailFlags", "objectSigningFlags"})
  class CertTrust extends Structure {
    public int sslFlags;
    public int emailFlags;
    public int objectSigningFlags;
  }
}
