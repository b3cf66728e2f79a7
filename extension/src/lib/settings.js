// User settings with their defaults (options page; stored in storage.local under "settings").

import { probeAllowed } from './network-path.js';

export const DEFAULT_SETTINGS = Object.freeze({
  // Chromium: probe every new top-level https origin once per session, only where the browser's
  // network path can be reproduced and the probe leaks nothing new (lib/network-path.js). Off
  // keeps probe-on-error.
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

/**
 * Should a navigation to this origin be probed? Only when the host can probe and the browser's
 * network path (lib/network-path.js) can be reproduced; errors always then, routine ones per
 * setting and path.
 */
export function shouldProbe({ reason, settings, supportsProbe, path }) {
  if (!supportsProbe) return false;
  return probeAllowed({ reason, path, routineSetting: settings.routineProbe });
}
