package org.anchorwatch.stores.windows;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/** GetLastError codes to stable error codes: every store and change reports them alike. */
final class WinStatus {
  private WinStatus() {}

  static AnchorwatchException toError(CertApiException e, String where, ErrorCode otherwise) {
    int c = e.code();
    ErrorCode code;
    if (c == WinConst.ERROR_ACCESS_DENIED || c == WinConst.E_ACCESSDENIED) code = ErrorCode.STORE_PERMISSION_DENIED;
    else if (c == WinConst.ERROR_CANCELLED || c == WinConst.HRESULT_CANCELLED) code = ErrorCode.USER_CANCELLED;
    else if (c == WinConst.ERROR_FILE_NOT_FOUND) code = ErrorCode.STORE_NOT_FOUND;
    else if (c == WinConst.CRYPT_E_NOT_FOUND) code = ErrorCode.PLAN_STALE;
    else code = otherwise;
    return new AnchorwatchException(code, where + ": " + e.getMessage());
  }
}
