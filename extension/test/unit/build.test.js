import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CHROMIUM_DEV_ID, GECKO_ID, manifestFor } from '../../scripts/build.mjs';

const key = readFileSync(new URL('../../dev-public-key.b64', import.meta.url), 'utf8').trim();

test('the manifest key pins the development id agbciifedgognoeofdbbhobbeicmknep', () => {
  const id = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32)
    .replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + parseInt(c, 16)));
  assert.equal(id, CHROMIUM_DEV_ID);
  assert.equal(manifestFor('chromium').key, key);
});

test('Chromium: MV3 module service worker, no blocking webRequest', () => {
  const m = manifestFor('chromium');
  assert.equal(m.manifest_version, 3);
  assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
  assert.ok(!m.permissions.includes('webRequestBlocking'));
  assert.ok(m.permissions.includes('nativeMessaging'));
  assert.equal(m.browser_specific_settings, undefined);
  assert.equal(m.content_scripts, undefined);
});

test('Firefox: MV3 background scripts, gecko id, min 128, blocking webRequest', () => {
  const m = manifestFor('firefox');
  assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
  assert.equal(m.browser_specific_settings.gecko.id, GECKO_ID);
  assert.equal(m.browser_specific_settings.gecko.strict_min_version, '128.0');
  assert.ok(m.permissions.includes('webRequestBlocking'));
  assert.equal(m.key, undefined);
  assert.equal(m.content_scripts, undefined);
});

test('only the e2e build carries the test bridge', () => {
  assert.deepEqual(manifestFor('firefox', { e2e: true }).content_scripts[0].js, ['e2e-bridge.js']);
});
