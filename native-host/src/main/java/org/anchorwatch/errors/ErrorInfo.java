package org.anchorwatch.errors;

/** The wire shape of an error: {"code": "STORE_LOCKED", "message": "..."}. */
public record ErrorInfo(String code, String message) {
  public static ErrorInfo of(ErrorCode code, String message) {
    return new ErrorInfo(code.name(), message);
  }

  public static ErrorInfo of(AnchorwatchException e) {
    return of(e.code(), e.getMessage());
  }
}
