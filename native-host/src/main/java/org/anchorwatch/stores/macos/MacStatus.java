package org.anchorwatch.stores.macos;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/** OSStatus values (SecBase.h, MacErrors.h) to stable error codes. */
final class MacStatus {
  private MacStatus() {}

  static final int ERR_SEC_USER_CANCELED = -128;
  static final int ERR_SEC_WR_PERM = -61;
  static final int ERR_SEC_INTERNAL_COMPONENT = -2070;
  static final int ERR_SEC_NO_TRUST_SETTINGS = -25263;
  static final int ERR_SEC_AUTH_FAILED = -25293;
  static final int ERR_SEC_NO_SUCH_KEYCHAIN = -25294;
  static final int ERR_SEC_DUPLICATE_ITEM = -25299;
  static final int ERR_SEC_ITEM_NOT_FOUND = -25300;
  static final int ERR_SEC_INTERACTION_NOT_ALLOWED = -25308;

  static AnchorwatchException toError(SecStatusException e, String where, ErrorCode otherwise) {
    ErrorCode code = switch (e.status()) {
      case ERR_SEC_USER_CANCELED -> ErrorCode.USER_CANCELLED;
      case ERR_SEC_AUTH_FAILED, ERR_SEC_WR_PERM -> ErrorCode.STORE_PERMISSION_DENIED;
      case ERR_SEC_NO_SUCH_KEYCHAIN -> ErrorCode.STORE_NOT_FOUND;
      case ERR_SEC_ITEM_NOT_FOUND -> ErrorCode.PLAN_STALE;
      // no GUI session to show the password panel in (SSH, launchd without a login)
      case ERR_SEC_INTERACTION_NOT_ALLOWED, ERR_SEC_INTERNAL_COMPONENT -> ErrorCode.ELEVATION_UNAVAILABLE;
      default -> otherwise;
    };
    return new AnchorwatchException(code, where + ": " + e.getMessage());
  }
}
