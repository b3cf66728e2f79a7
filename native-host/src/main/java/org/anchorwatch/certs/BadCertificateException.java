package org.anchorwatch.certs;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

public final class BadCertificateException extends AnchorwatchException {
  public BadCertificateException(String message) {
    super(ErrorCode.BAD_CERTIFICATE, message);
  }

  public BadCertificateException(String message, Throwable cause) {
    super(ErrorCode.BAD_CERTIFICATE, message, cause);
  }
}
