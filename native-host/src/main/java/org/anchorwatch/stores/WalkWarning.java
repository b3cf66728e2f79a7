package org.anchorwatch.stores;

/**
 * Stable codes for what a store walk skipped (docs/PROTOCOL.md, "Store warnings"). A warning
 * string is "CODE: location: detail"; the extension and scripts may key on the code, never on the
 * detail. Append only.
 */
public enum WalkWarning {
  /** A symbolic link chain or a directory that leads back into itself. */
  LOOP,
  /** Permission denied or another I/O error on one entry; its siblings are still read. */
  UNREADABLE,
  /** A FIFO, device or socket: never opened, as reading it could hang or never end. */
  SPECIAL_FILE,
  /** A file over the size cap: not read. */
  TOO_LARGE,
  /** A directory deeper than the depth cap: not entered. */
  DEPTH_LIMIT,
  /** The walk met more entries than the cap and stopped; what it read so far is reported. */
  ENTRY_LIMIT,
  /** A symbolic link to nothing. */
  DANGLING_LINK,
  /** The entry changed between the check and the read (replaced, relinked): not trusted, not read. */
  CHANGED_WHILE_READ,
  /** A PEM block or DER file that is not a readable certificate. */
  BAD_CERTIFICATE;

  public String format(Object location, String detail) {
    return name() + ": " + location + ": " + detail;
  }
}
