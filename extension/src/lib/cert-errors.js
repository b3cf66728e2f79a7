// Certificate error strings from webRequest / webNavigation onErrorOccurred, as data.
// Chromium: net::ERR_* (../shared/reference/native-messaging.md §3). Firefox: NSS / mozilla::pkix
// names. `kind` decides the badge: 'interception' is red on its own; the rest are amber until a
// probe tells which root is behind them.

export const CERT_ERRORS = Object.freeze([
  // Chromium
  { match: 'net::ERR_CERT_KNOWN_INTERCEPTION_BLOCKED', kind: 'interception' },
  { match: 'net::ERR_CERT_REVOKED', kind: 'revoked' },
  { match: 'net::ERR_CERT_AUTHORITY_INVALID', kind: 'untrusted' },
  { match: 'net::ERR_CERT_SYMANTEC_LEGACY', kind: 'distrusted' },
  { match: 'net::ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN', kind: 'pinning' },
  { match: 'net::ERR_CERTIFICATE_TRANSPARENCY_REQUIRED', kind: 'other' },
  { match: /^net::ERR_CERT_/, kind: 'other' },
  // Firefox
  { match: 'MOZILLA_PKIX_ERROR_MITM_DETECTED', kind: 'interception' },
  { match: 'SEC_ERROR_REVOKED_CERTIFICATE', kind: 'revoked' },
  { match: 'SEC_ERROR_UNKNOWN_ISSUER', kind: 'untrusted' },
  { match: 'SEC_ERROR_UNTRUSTED_ISSUER', kind: 'untrusted' },
  { match: 'SEC_ERROR_UNTRUSTED_CERT', kind: 'untrusted' },
  { match: 'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', kind: 'untrusted' },
  { match: 'MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED', kind: 'distrusted' },
  { match: 'MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE', kind: 'pinning' },
  { match: /^(SEC_ERROR_|MOZILLA_PKIX_ERROR_|SSL_ERROR_BAD_CERT)/, kind: 'other' },
]);

/** Strips Firefox's "NS_ERROR_...(SEC_ERROR_X)"-style wrappers and surrounding space. */
function normalise(error) {
  const s = String(error ?? '').trim();
  const inner = /\b((?:SEC_ERROR|MOZILLA_PKIX_ERROR|SSL_ERROR)_[A-Z0-9_]+)\b/.exec(s);
  return inner ? inner[1] : s;
}

/** {error, kind} for a certificate error string, or null for any other error (DNS, aborts...). */
export function classifyCertError(error) {
  const e = normalise(error);
  for (const row of CERT_ERRORS) {
    if (typeof row.match === 'string' ? e === row.match : row.match.test(e)) return { error: e, kind: row.kind };
  }
  return null;
}
