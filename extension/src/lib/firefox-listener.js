// Firefox's blocking onHeadersReceived listener. getSecurityInfo is only valid while the request
// is held, so the listener awaits that (a local call) and nothing else: the chain goes to
// `onChain` (which asks the host) after the listener has already let the response continue.

export const SECURITY_INFO_OPTIONS = Object.freeze({ certificateChain: true, rawDER: true });

/**
 * @param {object} o
 * @param {(requestId: string, options: object) => Promise<object>} o.getSecurityInfo
 * @param {(details: object, securityInfo: object) => unknown} o.onChain never awaited
 * @param {(...args: unknown[]) => void} [o.log]
 */
export function headersListener({ getSecurityInfo, onChain, log = () => {} }) {
  return (details) => {
    if (details.tabId < 0) return {};
    return getSecurityInfo(details.requestId, SECURITY_INFO_OPTIONS).then(
      (si) => {
        if (si && si.state !== 'insecure' && Array.isArray(si.certificates) && si.certificates.length) {
          // deliberately not awaited, and started in a later task: the page must not wait for the host
          setTimeout(() => {
            Promise.resolve().then(() => onChain(details, si)).catch((e) => log('chain handling failed', e?.message));
          }, 0);
        }
        return {};
      },
      (e) => {
        log('getSecurityInfo failed', e?.message);
        return {};
      });
  };
}
