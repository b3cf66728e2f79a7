package org.anchorwatch.stores.nss;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * One open database, valid only inside {@link Nss#open}. Cert pointers never escape a
 * {@link Visitor} call: they die with the list that holds them.
 */
final class NssSession {
  private static final long PTR = Native.POINTER_SIZE;

  private final NssNative n;
  private final Path dir;
  private final Pointer slot;

  NssSession(NssNative n, Path dir, Pointer slot) {
    this.n = n;
    this.dir = dir;
    this.slot = slot;
  }

  interface Visitor {
    /** Return false to stop walking. */
    boolean visit(Pointer cert, NssCert info) throws AnchorwatchException;
  }

  List<NssCert> certs() throws AnchorwatchException {
    List<NssCert> out = new ArrayList<>();
    walk((cert, info) -> out.add(info));
    return out;
  }

  /**
   * Walks CERTCertList by hand (its iteration is C macros): nodes are
   * {@code {PRCList links{next, prev}; CERTCertificate *cert; void *appData}} and the list head is
   * itself a PRCList, so the walk ends when next points back at the head.
   */
  void walk(Visitor v) throws AnchorwatchException {
    Pointer list = n.nss().PK11_ListCertsInSlot(slot);
    if (list == null) {
      // Not "empty": an empty token gives an empty list. Typically a SQLite lock taken after open.
      String error = n.lastError();
      throw new AnchorwatchException(ErrorCode.STORE_LOCKED,
          "NSS could not list " + dir + " (" + error + "); another process probably holds the database locked");
    }
    try {
      for (Pointer node = list.getPointer(0); !node.equals(list); node = node.getPointer(0)) {
        Pointer cert = node.getPointer(2 * PTR);
        Pointer nick = node.getPointer(3 * PTR);
        if (!v.visit(cert, new NssCert(nick == null ? null : nick.getString(0, "UTF-8"), der(cert), trust(cert)))) return;
      }
    } finally {
      n.nss().CERT_DestroyCertList(list);
    }
  }

  /** Runs {@code action} on the cert whose DER has this SHA-256 (lowercase hex), if present. */
  <T> Optional<T> withCert(String sha256, CertAction<T> action) throws AnchorwatchException {
    List<T> result = new ArrayList<>(1);
    walk((cert, info) -> {
      if (info.der() == null || !sha256.equals(Hex.of(CertParser.digest("SHA-256", info.der())))) return true;
      result.add(action.apply(cert, info));
      return false;
    });
    return result.stream().findFirst();
  }

  interface CertAction<T> {
    T apply(Pointer cert, NssCert info) throws AnchorwatchException;
  }

  void changeTrust(Pointer cert, NssTrust trust) throws AnchorwatchException {
    check(n.nss().CERT_ChangeCertTrust(n.nss().CERT_GetDefaultCertDB(), cert, trust.toNative()), "CERT_ChangeCertTrust");
  }

  void delete(Pointer cert) throws AnchorwatchException {
    check(n.nss().SEC_DeletePermCertificate(cert), "SEC_DeletePermCertificate");
  }

  /** NSS's own parser for certutil trust strings, so a restore accepts exactly what certutil -t does. */
  NssTrust decodeTrust(String trust) throws AnchorwatchException {
    NssLibrary.CertTrust t = new NssLibrary.CertTrust();
    if (n.nss().CERT_DecodeTrustString(t, trust) != NssLibrary.SEC_SUCCESS) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "not an NSS trust string: '" + trust + "'");
    }
    return NssTrust.of(t);
  }

  /** Imports DER into the internal token under {@code nickname}, without a trust object. */
  void importCert(byte[] der, String nickname) throws AnchorwatchException {
    Memory mem = new Memory(der.length);
    mem.write(0, der, 0, der.length);
    NssLibrary.SecItem item = new NssLibrary.SecItem();
    item.data = mem;
    item.len = der.length;
    Pointer temp = n.nss().CERT_NewTempCertificate(n.nss().CERT_GetDefaultCertDB(), item, null, 0, 1);
    if (temp == null) {
      throw new AnchorwatchException(ErrorCode.BAD_CERTIFICATE, "NSS rejects the certificate: " + n.lastError());
    }
    try {
      check(n.nss().PK11_ImportCert(slot, temp, new NativeLong(0), nickname, 0), "PK11_ImportCert");
    } finally {
      n.nss().CERT_DestroyCertificate(temp);
    }
  }

  private byte[] der(Pointer cert) {
    NssLibrary.SecItem item = new NssLibrary.SecItem();
    if (n.nss().CERT_GetCertificateDer(cert, item) != NssLibrary.SEC_SUCCESS || item.data == null) return null;
    return item.data.getByteArray(0, item.len);
  }

  private NssTrust trust(Pointer cert) {
    NssLibrary.CertTrust t = new NssLibrary.CertTrust();
    return n.nss().CERT_GetCertTrust(cert, t) == NssLibrary.SEC_SUCCESS ? NssTrust.of(t) : null;
  }

  private void check(int status, String call) throws AnchorwatchException {
    if (status != NssLibrary.SEC_SUCCESS) {
      throw new AnchorwatchException(ErrorCode.INTERNAL, call + " failed on " + dir + ": " + n.lastError());
    }
  }
}
