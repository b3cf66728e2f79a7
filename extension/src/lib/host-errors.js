// What a native-messaging disconnect means, from the browsers' error strings
// (../shared/reference/native-messaging.md §1). Each status maps to a fix shown in the popup.

export const HOST_STATUS = Object.freeze({
  CONNECTING: 'connecting',
  READY: 'ready',
  MISSING: 'missing', // manifest absent or pointing at a missing file: install the host
  FORBIDDEN: 'forbidden', // manifest does not list this extension, or the host refused the caller
  OUTDATED: 'outdated', // protocol older than this extension needs
  CRASHED: 'crashed', // the host started and died
  ERROR: 'error', // anything else
});

const TABLE = [
  [/specified native messaging host not found/i, HOST_STATUS.MISSING],
  [/no such native application/i, HOST_STATUS.MISSING],
  [/does not exist, or is not executable/i, HOST_STATUS.MISSING],
  [/access to the specified native messaging host is forbidden/i, HOST_STATUS.FORBIDDEN],
  [/does not have permission to use native application/i, HOST_STATUS.FORBIDDEN],
  [/native host has exited/i, HOST_STATUS.CRASHED],
  [/error when communicating with the native messaging host/i, HOST_STATUS.CRASHED],
];

/** Maps a disconnect message (chrome.runtime.lastError / port.error) to a host status. */
export function classifyDisconnect(message) {
  const text = String(message ?? '');
  for (const [re, status] of TABLE) if (re.test(text)) return status;
  return HOST_STATUS.ERROR;
}

/** True for the states that make the badge grey. */
export function hostUnavailable(status) {
  return status !== HOST_STATUS.READY && status !== HOST_STATUS.CONNECTING;
}
