package org.anchorwatch.errors;

/** A failure with a stable code; the message is for people and may change. */
public class AnchorwatchException extends Exception {
  private final ErrorCode code;

  public AnchorwatchException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public AnchorwatchException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
