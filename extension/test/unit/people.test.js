// The words people see: places from the host's codes, entry families, dates without month
// codes, plural forms, the aftercare note and where a notification click leads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { groupPlaces, placeMessage } from '../../src/lib/places.js';
import { entryFamily, entryNameText, entryWords } from '../../src/lib/entries.js';
import { formatDate, numericDate, pluralKey } from '../../src/lib/format.js';
import { aftercareNote, aftercareRecord } from '../../src/lib/aftercare.js';
import { machineState, notificationPage } from '../../src/lib/machine.js';

const messages = (l) => JSON.parse(readFileSync(new URL(`../../src/_locales/${l}/messages.json`, import.meta.url), 'utf8'));
/** What chrome.i18n.getMessage does with $1..$9 (enough for these messages). */
function say(l, m) {
  if (m.text !== undefined) return m.text;
  const entry = messages(l)[m.key];
  let text = entry.message;
  for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
    const n = Number(p.content.slice(1));
    text = text.replace(new RegExp(`\\$${name}\\$`, 'gi'), say(l, typeof m.subs[n - 1] === 'string' ? { text: m.subs[n - 1] } : m.subs[n - 1]));
  }
  return text;
}

test('places are words from codes, in each language, with no path and no English store label', () => {
  const chrome = placeMessage({ kind: 'chrome-user', app: 'chromium' });
  assert.equal(say('en', chrome), 'Google Chrome / Chromium (your user account)');
  assert.equal(say('ru', chrome), 'Google Chrome / Chromium (ваша учётная запись)');
  assert.equal(say('kk', chrome), 'Google Chrome / Chromium (сіздің тіркелгіңіз)');
  const ff = placeMessage({ kind: 'mozilla-profile', app: 'firefox', profile: 'default-esr' });
  assert.equal(say('ru', ff), 'Firefox — профиль «default-esr»');
  assert.equal(say('kk', placeMessage({ kind: 'java', version: '17' })), 'Java бағдарламалары (Java 17)');
  assert.equal(say('en', placeMessage({ kind: 'system' })), 'The system’s certificate list');
  // an older host (no place) or a kind this version does not know: generic words, never the label
  for (const p of [undefined, null, { kind: 'windows-machine' }]) assert.equal(placeMessage(p).key, 'place_other');
  // an unknown program code is said as the code, not as a path
  assert.deepEqual(placeMessage({ kind: 'mozilla-profile', app: 'waterfox', profile: 'x' }).subs[0], { text: 'waterfox' });
});

test('copies in one place are counted once: three system files make one line', () => {
  const sys = { kind: 'system', app: null, profile: null, version: null };
  const g = groupPlaces([
    { storeLabel: 'Debian shipped CAs', location: '/usr/share/ca-certificates/mozilla/TrustCor_ECA-1.crt', trust: 'trusted', place: sys },
    { storeLabel: 'Debian/Arch extracted bundle', location: '/etc/ssl/certs/ca-certificates.crt#12', trust: 'trusted', place: sys },
    { storeLabel: 'Debian extracted Java cacerts', location: '/etc/ssl/certs/java/cacerts#trustcoreca1', trust: 'trusted',
      place: { kind: 'java', app: null, profile: null, version: null } },
  ]);
  assert.equal(g.length, 2);
  assert.equal(g[0].count, 2);
  assert.equal(g[0].details[1].location, '/etc/ssl/certs/ca-certificates.crt#12');
});

test('blocklist entries have family names and reasons; policy entries keep their own name', () => {
  assert.equal(entryFamily({ id: 'kz-2020-isca-ca', source: 'bundled' }), 'kz');
  assert.equal(entryFamily({ id: 'cnnic-mcsholding-test-subca' }), 'cnnic_mcs');
  assert.equal(entryFamily({ id: 'cnnic-root' }), 'cnnic');
  assert.equal(entryFamily({ id: 'kz-x', source: 'policy' }), null);
  assert.deepEqual(entryWords({ id: 'policy-1', name: 'Corp', source: 'policy' }, 'why_local_policy'),
    { family: null, nameKey: null, name: 'Corp', whyKey: 'why_local_policy', suspected: false });
  assert.match(messages('kk').entry_kz_name.message, /Қазақстан/);
  // every bundled entry id has a family (so no English research name reaches ru/kk people)
  const bundled = JSON.parse(readFileSync(new URL('../../../native-host/src/main/resources/org/anchorwatch/blocklist/blocklist.json',
    import.meta.url), 'utf8'));
  for (const e of bundled.entries) assert.ok(entryFamily({ ...e, source: 'bundled' }), `${e.id} has no family`);
});

test('a root matched by name only keeps its family’s name and says the key is not on the list yet', () => {
  const suspected = { id: 'suspected-kz-2020-isca-ca', name: 'Information Security Certification Authority', source: 'bundled',
    category: 'government-mitm' };
  assert.equal(entryFamily(suspected), 'kz');
  const w = entryWords(suspected, 'why_government_mitm');
  assert.equal(w.suspected, true);
  assert.equal(w.whyKey, 'entry_suspected_why');
  for (const l of ['en', 'ru', 'kk']) {
    const family = messages(l).entry_kz_name.message;
    const text = entryNameText(suspected, (key, subs) => say(l, { key, subs }), 'fallback');
    assert.ok(text.startsWith(family), `${l}: ${text}`);
    assert.notEqual(text, family);
  }
  assert.match(entryNameText(suspected, (key, subs) => say('en', { key, subs })), /recognised by its name; its key is not on the list yet/);
  // an unknown operator's id still shows its own name, flagged; a policy id is never "suspected"
  const other = { id: 'suspected-acme', name: 'Acme Root', source: 'bundled' };
  assert.equal(entryNameText(other, (key, subs) => say('en', { key, subs })), 'Acme Root — recognised by its name; its key is not on the list yet');
  assert.equal(entryWords({ id: 'suspected-x', source: 'policy' }, 'why_local_policy').suspected, false);
  // plain entries are unchanged
  assert.equal(entryNameText({ id: 'superfish', source: 'bundled' }, (key, subs) => say('en', { key, subs })), messages('en').entry_superfish_name.message);
});

test('dates: Intl where it has data, else dd.mm.yyyy — never a month code', () => {
  const iso = '2040-02-28T04:08:00Z';
  for (const l of ['en', 'ru', 'kk', 'xx-unknown']) {
    const s = formatDate(iso, l);
    assert.doesNotMatch(s, /\bM\d\d\b/, `${l}: ${s}`);
    assert.match(s, /2040/);
  }
  assert.match(formatDate(iso, 'ru'), /феврал/);
  const d = new Date(2040, 1, 28, 4, 8);
  assert.equal(numericDate(d), '28.02.2040 04:08');
  assert.equal(formatDate('nope', 'en'), null);
  // a browser whose Intl answers with month codes for kk gets the numeric form
  const real = Intl.DateTimeFormat;
  try {
    Intl.DateTimeFormat = class extends real {
      format() { return '2040 M02 28 04:08'; }
      static supportedLocalesOf(l) { return real.supportedLocalesOf(l); }
    };
    assert.equal(formatDate(d.toISOString(), 'kk'), '28.02.2040 04:08');
  } finally {
    Intl.DateTimeFormat = real;
  }
});

test('plurals through Intl.PluralRules: Russian one/few/many, English and Kazakh one/other', () => {
  assert.deepEqual([1, 3, 5, 21, 1.5].map((n) => pluralKey('places', n, 'ru')), ['places_one', 'places_few', 'places_many', 'places_one', 'places_other']);
  assert.deepEqual([1, 3].map((n) => pluralKey('places', n, 'en')), ['places_one', 'places_other']);
  assert.equal(pluralKey('places', 3, 'kk'), 'places_other');
  assert.equal(say('ru', { key: pluralKey('machineOutdated', 3, 'ru'), subs: ['3'] }),
    '3 устаревших сертификата из списка вашей системы — это не угроза перехвата');
});

test('the aftercare note is plain data, read back defensively', () => {
  const r = aftercareRecord({ name: 'X', entry: { id: 'kz-2020-isca-ca', name: 'ISCA', source: 'bundled', notes: 'long' }, since: '2020-01-01T00:00:00Z' });
  assert.deepEqual(aftercareNote(r), { name: 'X', entry: { id: 'kz-2020-isca-ca', name: 'ISCA', source: 'bundled' }, since: '2020-01-01T00:00:00Z' });
  for (const junk of [null, 'x', 1, {}, { name: 3 }, { name: '' }]) assert.equal(aftercareNote(junk), null);
});

test('a notification click leads to the cleanup page for one certificate, else to the popup', () => {
  const finding = (spki, id) => ({ level: 'blocked', spkiSha256: spki, store: 's', location: 'l',
    entry: { id, name: id, tier: 'interception', category: 'government-mitm' } });
  const one = machineState({ findings: [finding('a'.repeat(64), 'kz-1'), { ...finding('a'.repeat(64), 'kz-1'), store: 't' }] });
  assert.equal(notificationPage(one), `cleanup.html?spki=${'a'.repeat(64)}`);
  const two = machineState({ findings: [finding('a'.repeat(64), 'kz-1'), finding('b'.repeat(64), 'kz-2')] });
  assert.equal(notificationPage(two), 'popup.html');
  assert.equal(notificationPage(null), 'popup.html');
});
