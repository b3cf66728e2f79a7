package org.anchorwatch.stores.windows;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DerKeys;

/**
 * Reads one registry store, read-only, the way JetBrains' jvm-native-trusted-roots does: a store
 * that does not exist is empty (ERROR_FILE_NOT_FOUND / ERROR_NO_MORE_FILES on open), the
 * enumeration ends on CRYPT_E_NOT_FOUND or ERROR_NO_MORE_FILES. Every context and handle it
 * gets is released before it returns.
 */
final class CertStoreReader {
  private CertStoreReader() {}

  /** One certificate: its DER, SHA-256 and its serialized element (certificate plus properties). */
  record Item(byte[] der, String sha256, byte[] element) {}

  static List<Item> read(CertApi api, WindowsLocations.Location where, String store) throws AnchorwatchException {
    Pointer h;
    try {
      h = api.openStore(where.flag() | WinConst.CERT_STORE_OPEN_EXISTING_FLAG | WinConst.CERT_STORE_READONLY_FLAG, store);
    } catch (CertApiException e) {
      if (e.code() == WinConst.ERROR_FILE_NOT_FOUND || e.code() == WinConst.ERROR_NO_MORE_FILES) return List.of();
      throw WinStatus.toError(e, where.name() + "\\" + store, ErrorCode.STORE_CORRUPT);
    }
    List<Item> out = new ArrayList<>();
    try {
      walk(api, h, where.name() + "\\" + store, ErrorCode.STORE_CORRUPT, ctx -> {
        byte[] der = api.encoded(ctx);
        byte[] element;
        try {
          element = api.serialize(ctx);
        } catch (CertApiException e) {
          element = null; // listing still works; a backup will ask again and fail there
        }
        out.add(new Item(der, DerKeys.sha256(der), element));
      });
    } finally {
      api.closeStore(h);
    }
    return out;
  }

  /** What to do with each certificate context; the context stays owned by the walk. */
  interface Visitor {
    void visit(Pointer context) throws CertApiException, AnchorwatchException;
  }

  /**
   * Enumerates an open store, handing each context to {@code v}. CertEnumCertificatesInStore frees
   * the previous context on every call; the last one is freed here when the walk stops early.
   */
  static void walk(CertApi api, Pointer h, String where, ErrorCode otherwise, Visitor v) throws AnchorwatchException {
    Pointer ctx = null;
    try {
      while (true) {
        try {
          ctx = api.next(h, ctx);
        } catch (CertApiException e) {
          ctx = null; // already freed by crypt32
          if (e.code() == WinConst.CRYPT_E_NOT_FOUND || e.code() == WinConst.ERROR_NO_MORE_FILES) return;
          throw WinStatus.toError(e, where, otherwise);
        }
        if (ctx == null) return;
        try {
          v.visit(ctx);
        } catch (CertApiException e) {
          throw WinStatus.toError(e, where, otherwise);
        }
      }
    } finally {
      if (ctx != null) api.free(ctx);
    }
  }
}
