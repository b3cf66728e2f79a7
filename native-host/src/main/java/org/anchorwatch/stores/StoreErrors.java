package org.anchorwatch.stores;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/** Maps I/O failures to stable store error codes, so every store type reports them alike. */
public final class StoreErrors {
  private StoreErrors() {}

  public static AnchorwatchException from(IOException e, Object where) {
    if (e instanceof NoSuchFileException) {
      return new AnchorwatchException(ErrorCode.STORE_NOT_FOUND, "not found: " + where);
    }
    if (e instanceof AccessDeniedException) {
      return new AnchorwatchException(ErrorCode.STORE_PERMISSION_DENIED, "permission denied: " + where);
    }
    return new AnchorwatchException(ErrorCode.STORE_CORRUPT, "cannot read " + where + ": " + e.getMessage(), e);
  }
}
