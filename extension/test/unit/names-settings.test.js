import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonName, originOf, probeTarget } from '../../src/lib/names.js';
import { DEFAULT_SETTINGS, mergeSettings, shouldProbe } from '../../src/lib/settings.js';

test('commonName handles both DN orders, escapes and quotes', () => {
  assert.equal(commonName('CN=Root A,O=X'), 'Root A');
  assert.equal(commonName('O=X, CN=Root B'), 'Root B');
  assert.equal(commonName('CN=Smith\\, John,O=Y'), 'Smith, John');
  assert.equal(commonName('CN="a,b",O=Z'), 'a,b');
  assert.equal(commonName('O=Only Org'), 'Only Org');
  assert.equal(commonName(null), '');
});

test('origins and probe targets', () => {
  assert.equal(originOf('https://a.example:443/x?y'), 'https://a.example');
  assert.equal(originOf('about:blank'), null);
  assert.deepEqual(probeTarget('https://127.0.0.1:8443/p'), { host: '127.0.0.1', port: 8443 });
  assert.deepEqual(probeTarget('https://[::1]/'), { host: '::1', port: 443 });
  assert.equal(probeTarget('http://a.example/'), null);
  assert.equal(probeTarget('nonsense'), null);
});

test('settings: defaults, type-checked merge, probe rule', () => {
  assert.deepEqual(mergeSettings(null), DEFAULT_SETTINGS);
  assert.deepEqual(mergeSettings({ routineProbe: false, notifications: 'yes', extra: 1 }), { ...DEFAULT_SETTINGS, routineProbe: false });
  const off = mergeSettings({ routineProbe: false });
  const path = { mode: 'direct', routine: true };
  assert.equal(shouldProbe({ reason: 'routine', settings: off, supportsProbe: true, path }), false);
  assert.equal(shouldProbe({ reason: 'error', settings: off, supportsProbe: true, path }), true);
  assert.equal(shouldProbe({ reason: 'routine', settings: DEFAULT_SETTINGS, supportsProbe: true, path }), true);
  assert.equal(shouldProbe({ reason: 'error', settings: DEFAULT_SETTINGS, supportsProbe: false, path }), false);
  // a path that cannot be reproduced: no probe at all, not even after an error
  const pac = { mode: 'unknown', why: 'pac', routine: false };
  assert.equal(shouldProbe({ reason: 'error', settings: DEFAULT_SETTINGS, supportsProbe: true, path: pac }), false);
  assert.equal(shouldProbe({ reason: 'routine', settings: DEFAULT_SETTINGS, supportsProbe: true, path: undefined }), false);
});
