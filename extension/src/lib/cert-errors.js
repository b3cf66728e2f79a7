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

// Firefox's webNavigation.onErrorOccurred says "Error code 2153390067": an nsresult of the
// security module, NS_ERROR_GENERATE_FAILURE(21, -prErrorCode) = 0x805A0000 + (-prErrorCode).
// (Its webRequest.onErrorOccurred gives a localised sentence instead, which is not matched.)
const NS_SECURITY_BASE = 0x805a0000;
const PR_ERRORS = new Map([
  // NSS secerr.h, SEC_ERROR_BASE = -8192 (SEC_ERROR_UNKNOWN_ISSUER observed in Firefox ESR 153)
  [-8179, 'SEC_ERROR_UNKNOWN_ISSUER'],
  [-8180, 'SEC_ERROR_REVOKED_CERTIFICATE'],
  [-8181, 'SEC_ERROR_EXPIRED_CERTIFICATE'],
  [-8172, 'SEC_ERROR_UNTRUSTED_ISSUER'],
  [-8171, 'SEC_ERROR_UNTRUSTED_CERT'],
  [-8162, 'SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE'],
  [-8156, 'SEC_ERROR_CA_CERT_INVALID'],
  // mozilla::pkix pkixnss.h, ERROR_BASE = -0x4000 (not observed here: from the source)
  [-16384, 'MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE'],
  [-16371, 'MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED'],
  [-16370, 'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT'],
  [-16369, 'MOZILLA_PKIX_ERROR_MITM_DETECTED'],
  // NSS sslerr.h, SSL_ERROR_BASE = -0x3000
  [-12276, 'SSL_ERROR_BAD_CERT_DOMAIN'],
]);

function fromNsresult(s) {
  const m = /^Error code (\d+)$/.exec(s);
  if (!m) return null;
  const pr = -(Number(m[1]) - NS_SECURITY_BASE);
  if (PR_ERRORS.has(pr)) return PR_ERRORS.get(pr);
  // other certificate-validation codes of NSS (-8192..-7993) and mozilla::pkix (-16384..-16185)
  if ((pr >= -8192 && pr < -7992) || (pr >= -16384 && pr < -16184)) return `SEC_ERROR_${-pr}`;
  return null;
}

/** Strips Firefox's "NS_ERROR_...(SEC_ERROR_X)"-style wrappers and decodes "Error code N". */
function normalise(error) {
  const s = String(error ?? '').trim();
  const decoded = fromNsresult(s);
  if (decoded) return decoded;
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
