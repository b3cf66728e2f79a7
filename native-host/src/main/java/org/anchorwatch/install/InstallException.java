package org.anchorwatch.install;

/** Why an install or uninstall could not run; the kind decides the CLI's exit code. */
public final class InstallException extends Exception {
  /** USAGE: a bad argument (exit 2); UNSUPPORTED: honest "not yet" (exit 1); FAILED: I/O and the like (exit 1). */
  public enum Kind { USAGE, UNSUPPORTED, FAILED }

  private final Kind kind;

  public InstallException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public InstallException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
