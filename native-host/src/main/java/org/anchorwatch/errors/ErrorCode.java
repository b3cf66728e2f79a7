package org.anchorwatch.errors;

/**
 * Stable error codes shared by the protocol, the CLI's JSON output and per-store scan errors.
 *
 * <p>APPEND ONLY. Never renumber, rename or reuse a code: extensions in the wild match on the
 * string and the number. docs/PROTOCOL.md carries the same table; ErrorCodeDocTest keeps them equal.
 */
public enum ErrorCode {
  // framing and envelope (10-29)
  BAD_LENGTH(10, "the 4-byte length prefix is zero or larger than the inbound cap"),
  TRUNCATED_FRAME(11, "the stream ended inside a frame"),
  BAD_UTF8(12, "the frame is not valid UTF-8"),
  BAD_JSON(13, "the frame is not a JSON object"),
  MISSING_FIELD(14, "a required field is missing or has the wrong type"),
  UNKNOWN_TYPE(15, "the request type is not known to this host"),
  CALLER_NOT_ALLOWED(16, "the calling extension is not in the allowed list"),
  REPLY_TOO_LARGE(17, "the reply could not be paginated under the outbound cap"),
  BAD_ARGUMENT(18, "a field has a value outside its allowed range"),
  // certificates (30-39)
  BAD_CERTIFICATE(30, "bytes are not a DER or PEM X.509 certificate"),
  BAD_HASH(31, "a hash is not lowercase/uppercase hex or base64 of the right length"),
  // stores (40-59)
  STORE_NOT_FOUND(40, "the store does not exist"),
  STORE_PERMISSION_DENIED(41, "the store cannot be read with this user's permissions"),
  STORE_LOCKED(42, "the store is locked by another process"),
  STORE_CORRUPT(43, "the store exists but cannot be parsed"),
  STORE_UNSUPPORTED(44, "this kind of store is not supported on this system"),
  NSS_UNAVAILABLE(45, "libnss3 could not be loaded"),
  STORE_PASSWORD(46, "the keystore needs a password that was not tried"),
  UNKNOWN_STORE_TYPE(47, "a --store argument names an unknown store type"),
  // cleanup (50-59)
  NOT_INSTALLED(50, "no store on this machine holds that certificate"),
  PLAN_UNKNOWN(51, "no plan with that id (expired, or made by another host process)"),
  PLAN_STALE(52, "the stores changed since the plan was made; make a new plan"),
  CONFIRMATION_REQUIRED(53, "the confirmation token is missing, already used, expired or wrong"),
  BACKUP_FAILED(54, "the backup could not be written and verified; nothing was removed"),
  REMOVE_FAILED(55, "a store refused the change; see the per-location status"),
  BACKUP_UNKNOWN(56, "no backup with that id"),
  ELEVATION_UNAVAILABLE(57, "administrator rights are needed and no way to ask for them was found"),
  // policy (60-69)
  BAD_POLICY(60, "the policy file cannot be parsed"),
  // probe (70-79)
  PROBE_FAILED(70, "the probe's TLS connection failed: refused, reset, unreachable or a failed handshake"),
  PROBE_TIMEOUT(71, "the probe got no TLS handshake within its timeout"),
  PROBE_DNS(72, "the probe's host name does not resolve"),
  // internal (90-99)
  INTERNAL(90, "an unexpected host error; details are in the host log"),
  BUSY(91, "another operation is in progress"),
  // privilege boundary: the administrator half refuses what a user could have prepared
  UNSAFE_INVOCATION(92, "the administrator part was given an option, environment variable or launcher a user could control"),
  UNSAFE_PATH(93, "a path the administrator part would use is not owned by root alone"),
  BACKUP_INCONSISTENT(94, "the backup does not agree with its journal or with the certificate it claims to hold; nothing was restored"),
  NEEDS_SYSTEM_INSTALL(95, "administrator steps need the system-wide installation; this copy is writable by a user"),
  // signed blocklist updates (100-109)
  UPDATE_BAD_SIGNATURE(100, "no signature by a trusted, unretired key verifies over the document"),
  UPDATE_NOT_NEWER(101, "the document's sequence is lower than the installed list's"),
  UPDATE_EXPIRED(102, "the document's expiry date has passed"),
  UPDATE_MALFORMED(103, "the file is not a signed document, is truncated, or its document does not parse"),
  UPDATE_TOO_LARGE(104, "the file or download is larger than the size cap"),
  UPDATE_FETCH_FAILED(105, "the update could not be downloaded (TLS, HTTP status, redirects, proxy)"),
  // Windows and macOS stores (110-119)
  USER_CANCELLED(110, "the person declined the operating system's own confirmation or password prompt; nothing changed"),
  // concurrent host and probe rules (120-129)
  REQUEST_TIMEOUT(120, "the request did not finish within its time limit"),
  PROBE_REFUSED(121, "the probe's destination is not allowed: a restricted port, or a name that resolves only to local, private or special addresses"),
  PROBE_PROXY(122, "the probe could not go through the browser's proxy: unsupported configuration, or the proxy refused or failed");

  private final int number;
  private final String meaning;

  ErrorCode(int number, String meaning) {
    this.number = number;
    this.meaning = meaning;
  }

  public int number() {
    return number;
  }

  public String meaning() {
    return meaning;
  }
}
