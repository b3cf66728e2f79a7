package org.anchorwatch.stores.nss;

import com.sun.jna.Library;

/** libnspr4, only for turning NSS error numbers into their stable names. */
public interface NsprLibrary extends Library {
  /**
   * "SEC_ERROR_BAD_DATABASE" for -8174; null for a number no registered error table knows. NSS
   * registers its SEC_ table in NSS_Initialize (even a failing one), not on library load.
   */
  String PR_ErrorToName(int code);
}
