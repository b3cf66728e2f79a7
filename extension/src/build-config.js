// Replaced by scripts/build.mjs in each dist/ tree. These defaults are never shipped.
export const BUILD = Object.freeze({ browser: 'chromium', e2e: false, version: '0.0.0' });
