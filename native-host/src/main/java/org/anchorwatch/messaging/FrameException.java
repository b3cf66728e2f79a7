package org.anchorwatch.messaging;

import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * A framing failure. {@code fatal} when the stream can no longer be resynchronised (a bad length
 * or a truncated frame): the host then answers once and exits cleanly.
 */
public final class FrameException extends AnchorwatchException {
  private final boolean fatal;

  public FrameException(ErrorCode code, String message, boolean fatal) {
    super(code, message);
    this.fatal = fatal;
  }

  public boolean fatal() {
    return fatal;
  }
}
