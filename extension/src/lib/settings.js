// User settings with their defaults (options page; stored in storage.local under "settings").

export const DEFAULT_SETTINGS = Object.freeze({
  // Chromium: probe every new top-level https origin once per session. Off keeps probe-on-error.
  routineProbe: true,
  // one system notification when an interception root is found in a trust store
  notifications: true,
});

export function mergeSettings(stored) {
  const out = { ...DEFAULT_SETTINGS };
  if (stored && typeof stored === 'object') {
    for (const k of Object.keys(DEFAULT_SETTINGS)) {
      if (typeof stored[k] === typeof DEFAULT_SETTINGS[k]) out[k] = stored[k];
    }
  }
  return out;
}

/** Should a navigation to this origin be probed? Errors always are; routine ones per setting. */
export function shouldProbe({ reason, settings, supportsProbe }) {
  if (!supportsProbe) return false;
  if (reason === 'error') return true;
  return settings.routineProbe === true;
}
