// Firefox getSecurityInfo → checkChain request, and the verdict cache key.

/** base64 of a byte array (Firefox's rawDER is an array of numbers). */
export function bytesToBase64(bytes) {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    bin += String.fromCharCode.apply(null, Array.from(bytes.slice(i, i + CHUNK)));
  }
  return btoa(bin);
}

/** The checkChain request fields for a SecurityInfo, or null when there is no chain to judge. */
export function checkChainRequest(securityInfo, url) {
  const certs = securityInfo?.certificates;
  if (!Array.isArray(certs) || certs.length === 0) return null;
  const chain = certs.slice(0, 16).map((c) => {
    const el = {};
    if (Array.isArray(c.rawDER) || ArrayBuffer.isView(c.rawDER)) el.rawDER = bytesToBase64(c.rawDER);
    else {
      if (c.subjectPublicKeyInfoDigest?.sha256) el.spkiSha256 = c.subjectPublicKeyInfoDigest.sha256;
      if (c.fingerprint?.sha256) el.sha256 = c.fingerprint.sha256;
      if (c.subject) el.subject = c.subject;
      if (c.issuer) el.issuer = c.issuer;
    }
    if (typeof c.isBuiltInRoot === 'boolean') el.isBuiltInRoot = c.isBuiltInRoot;
    return el;
  });
  return url ? { chain, url } : { chain };
}

/**
 * Cache key for a chain's verdict: the SPKI digests of its CA certificates (everything after the
 * leaf), ending with the root's, plus the root's built-in flag. Sites sharing a CA path share one
 * verdict, and a blocklisted intermediate under a clean root still gets its own key. A chain of
 * one certificate (self-signed) is keyed by that certificate. Null when digests are missing.
 */
export function chainCacheKey(securityInfo) {
  const certs = securityInfo?.certificates;
  if (!Array.isArray(certs) || certs.length === 0) return null;
  const cas = certs.length > 1 ? certs.slice(1) : certs;
  const spkis = cas.map((c) => c?.subjectPublicKeyInfoDigest?.sha256);
  if (spkis.some((s) => !s)) return null;
  const root = cas[cas.length - 1];
  return `${spkis.join('|')}#${root.isBuiltInRoot === true ? 'b' : root.isBuiltInRoot === false ? 'l' : 'u'}`;
}
