package org.anchorwatch.stores.nss;

import com.sun.jna.Library;

/** libnspr4, only for turning NSS error numbers into their stable names. */
public interface NsprLibrary extends Library {
  /** "SEC_ERROR_BAD_DATABASE" for -8174; null for a number no loaded error table knows. */
  String PR_ErrorToName(int code);
}
