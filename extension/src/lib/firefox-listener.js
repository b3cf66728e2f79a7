// Firefox's onHeadersReceived listener. getSecurityInfo works only in a listener registered with
// "blocking" and only while that listener holds the response (MDN; docs/PERFORMANCE.md, "Page
// loads"), so the listener is blocking but holds for the local getSecurityInfo calls and nothing
// else: the chain goes to `onChain`, which records a cached verdict or queues the host trip (made
// once the tab has loaded), and is never awaited.
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
  // Handed on before the response is let through, never awaited: `onChain` only records a cached
  // verdict or queues the host trip (microseconds), and a verdict recorded now is in the tab's
  // pending record when the navigation commits, so the badge is set once, right. (Handed on in a
  // later task, Firefox delivered it after the commit in the page-load bench: the badge was set
  // twice per load, showing "no warnings" in between.)
  const handOn = (details, si) => {
    try {
      onChain(details, si);
    } catch (e) {
      log('chain handling failed', e?.message);
    }
  };
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
