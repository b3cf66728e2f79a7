// Firefox's onHeadersReceived listener. getSecurityInfo works only in a listener registered with
// "blocking" and only while that listener holds the response (MDN; docs/PERFORMANCE.md, "Page
// loads"), so the listener is blocking but holds for the local getSecurityInfo calls and nothing
// else: the chain goes to `onChain` (which may ask the host, once the tab has loaded) after the
// response has been let through.
//
// The first call asks for the chain's digests only. When `known` says the verdict for those is
// already cached (a CA path seen before: nearly every load), that is all; the certificates' DER
// (rawDER, three arrays of ~1000 numbers copied between processes) is fetched, by a second call
// while the response is still held, only for a chain the host has to judge.

export const DIGEST_OPTIONS = Object.freeze({ certificateChain: true });
export const DER_OPTIONS = Object.freeze({ certificateChain: true, rawDER: true });

const usable = (si) => si && si.state !== 'insecure' && Array.isArray(si.certificates) && si.certificates.length > 0;

/**
 * @param {object} o
 * @param {(requestId: string, options: object) => Promise<object>} o.getSecurityInfo
 * @param {(securityInfo: object) => boolean} [o.known] is a verdict for this chain cached?
 * @param {(details: object, securityInfo: object) => unknown} o.onChain never awaited
 * @param {(...args: unknown[]) => void} [o.log]
 */
export function headersListener({ getSecurityInfo, known = () => false, onChain, log = () => {} }) {
  // deliberately not awaited, and started in a later task: the page must not wait for the host
  const handOn = (details, si) => setTimeout(() => {
    Promise.resolve().then(() => onChain(details, si)).catch((e) => log('chain handling failed', e?.message));
  }, 0);
  return (details) => {
    if (details.tabId < 0) return {};
    return getSecurityInfo(details.requestId, DIGEST_OPTIONS).then(
      (si) => {
        if (!usable(si)) return {};
        if (safeKnown(known, si)) {
          handOn(details, si);
          return {};
        }
        return getSecurityInfo(details.requestId, DER_OPTIONS).then(
          (full) => handOn(details, usable(full) ? full : si),
          (e) => {
            // the digests alone still give a verdict (docs/PROTOCOL.md, checkChain without DER)
            log('getSecurityInfo (DER) failed', e?.message);
            handOn(details, si);
          }).then(() => ({}));
      },
      (e) => {
        log('getSecurityInfo failed', e?.message);
        return {};
      });
  };
}

function safeKnown(known, si) {
  try {
    return known(si) === true;
  } catch {
    return false;
  }
}
