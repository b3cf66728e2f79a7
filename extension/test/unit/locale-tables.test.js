// Every message key the modules build from their tables exists in en, ru and kk, and each table
// lists what its function really returns. Unlike i18n.test.js this reads no source text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dataKeys } from './table-keys.js';
import { APPS, PLACE_KEYS, appName, groupPlaces, placeMessage } from '../../src/lib/places.js';
import { AFTERCARE_LINKS, STATUSES, applyOutcome, statusMessage } from '../../src/lib/cleanup-flow.js';

const messages = (l) => JSON.parse(readFileSync(new URL(`../../src/_locales/${l}/messages.json`, import.meta.url), 'utf8'));

test('every key built from a table has a message in en, ru and kk', () => {
  const keys = [...dataKeys(), ...AFTERCARE_LINKS.map((l) => l.key)];
  for (const l of ['en', 'ru', 'kk']) {
    const m = messages(l);
    for (const k of keys) assert.ok(m[k]?.message, `${l}: no message ${k}`);
  }
});

test('PLACE_KEYS holds every key placeMessage returns, and APPS every program with a name', () => {
  const places = [undefined, { kind: 'chrome-user' }, { kind: 'chrome-user', app: 'snap-chromium' }, { kind: 'mozilla-profile' },
    { kind: 'mozilla-profile', profile: 'abc.default' }, { kind: 'java' }, { kind: 'java', version: 17 }, { kind: 'system' },
    { kind: 'system-added' }, { kind: 'distrust-list' }, { kind: 'firefox-policy' }, { kind: 'file' }, { kind: 'windows-user' }];
  const returned = new Set(places.map((p) => placeMessage(p).key));
  assert.deepEqual([...returned].sort(), [...PLACE_KEYS].sort());
  for (const a of APPS) assert.deepEqual(appName(a), { key: `app_${a.replace(/-/g, '_')}`, subs: [] });
  assert.equal(new Set(APPS).size, APPS.length);
});

test('the words for each place', () => {
  const app = (a) => ({ key: `app_${a}`, subs: [] });
  assert.deepEqual(placeMessage({ kind: 'chrome-user' }), { key: 'place_chrome_user', subs: [app('chromium')] });
  assert.deepEqual(placeMessage({ kind: 'chrome-user', app: 'snap-chromium' }), { key: 'place_chrome_user', subs: [app('snap_chromium')] });
  assert.deepEqual(placeMessage({ kind: 'mozilla-profile', profile: 'x.default' }), { key: 'place_mozilla_profile', subs: [app('firefox'), 'x.default'] });
  assert.deepEqual(placeMessage({ kind: 'mozilla-profile', app: 'thunderbird' }), { key: 'place_mozilla_app', subs: [app('thunderbird')] });
  assert.deepEqual(placeMessage({ kind: 'mozilla-profile' }), { key: 'place_mozilla_app', subs: [app('firefox')] });
  assert.deepEqual(placeMessage({ kind: 'java', version: 21 }), { key: 'place_java_version', subs: ['21'] });
  assert.deepEqual(placeMessage({ kind: 'java' }), { key: 'place_java', subs: [] });
  for (const k of ['system', 'system-added', 'distrust-list', 'firefox-policy', 'file']) {
    assert.deepEqual(placeMessage({ kind: k }), { key: `place_${k.replace(/-/g, '_')}`, subs: [] });
  }
  assert.deepEqual(placeMessage({ kind: 'macos-keychain' }), { key: 'place_other', subs: [] });
  assert.deepEqual(placeMessage(null), { key: 'place_other', subs: [] });
  // an unknown program is said as the host sent it, never as a key
  assert.deepEqual(appName('opera'), { text: 'opera' });
  assert.deepEqual(appName(undefined), { text: '' });
});

test('groupPlaces counts copies per place and keeps each copy’s details, with fallbacks', () => {
  const g = groupPlaces([
    { place: { kind: 'system' }, storeLabel: 'Debian bundle', store: 'distro', location: '/etc/ssl/a.pem', trust: 'trusted' },
    { place: { kind: 'system' }, store: 'distro-dir', location: '/etc/ssl/certs/a.pem' },
    { place: { kind: 'java' } },
  ]);
  assert.equal(g.length, 2);
  assert.deepEqual(g[0], { message: { key: 'place_system', subs: [] }, count: 2, details: [
    { storeLabel: 'Debian bundle', location: '/etc/ssl/a.pem', trust: 'trusted' },
    { storeLabel: 'distro-dir', location: '/etc/ssl/certs/a.pem', trust: null }] });
  assert.deepEqual(g[1].details, [{ storeLabel: '', location: '', trust: null }]);
  assert.deepEqual(groupPlaces(undefined), []);
});

test('every cleanup status has its own message; an unknown one is said as sent', () => {
  for (const s of STATUSES) assert.deepEqual(statusMessage(s), { key: `cleanupStatus_${s.replace(/-/g, '_')}`, subs: [] });
  assert.equal(new Set(STATUSES).size, STATUSES.length);
  assert.deepEqual(statusMessage('exploded'), { text: 'exploded' });
});

test('every status that means the store changed counts as done', () => {
  const statuses = ['removed', 'distrusted', 'deselected', 'blocklisted', 'covered-by-rebuild', 'skipped', 'failed'];
  const r = applyOutcome({ steps: statuses.map((status, step) => ({ step, status })) }, { steps: [] });
  assert.deepEqual(r.steps.map((s) => s.ok), [true, true, true, true, true, false, false]);
  assert.equal(r.changed, 5);
});
