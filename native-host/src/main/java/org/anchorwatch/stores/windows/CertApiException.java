package org.anchorwatch.stores.windows;

/** A crypt32 call failed; {@code code} is GetLastError's value right after the call. */
public final class CertApiException extends Exception {
  private final int code;

  public CertApiException(String call, int code) {
    super(call + " failed: 0x" + String.format("%08x", code));
    this.code = code;
  }

  public int code() {
    return code;
  }
}
