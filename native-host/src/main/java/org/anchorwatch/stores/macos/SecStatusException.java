package org.anchorwatch.stores.macos;

/** A Security.framework call returned a non-zero OSStatus. */
public final class SecStatusException extends Exception {
  private final int status;

  public SecStatusException(String call, int status) {
    super(call + " returned OSStatus " + status);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
