import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLORS, badgeFor, globalBadge, rootName, titleText } from '../../src/lib/badge.js';
import { machineState } from '../../src/lib/machine.js';
import { HOST_STATUS } from '../../src/lib/host-errors.js';
import { KZ_ENTRY, TRUSTCOR_ENTRY, blocked, clean, notice, scanWith } from './fixtures.js';

const rec = (page, extra = {}) => ({ url: 'https://a.example/', origin: 'https://a.example', page, frames: [], certError: null, ...extra });
const ready = HOST_STATUS.READY;
const t = (key, subs) => `${key}(${subs.join('|')})`;

test('blocked → red "!" whose title names the root', () => {
  const b = badgeFor({ record: rec(blocked()), machine: null, hostStatus: ready });
  assert.equal(b.level, 'blocked');
  assert.equal(b.text, '!');
  assert.equal(b.color, COLORS.blocked);
  assert.deepEqual(b.title, [{ key: 'badgeTitleBlocked', subs: [KZ_ENTRY.name] }]);
  assert.equal(titleText(b, t), `extName()\nbadgeTitleBlocked(${KZ_ENTRY.name})`);
});

test('notice → amber, title names the root CN', () => {
  const b = badgeFor({ record: rec(notice()), machine: null, hostStatus: ready });
  assert.equal(b.level, 'notice');
  assert.equal(b.color, COLORS.notice);
  assert.deepEqual(b.title, [{ key: 'badgeTitleNotice', subs: ['Corp Proxy Root'] }]);
});

test('a notice whose root the host recognised as an inspection product names the product and its kind', () => {
  const scan = scanWith({});
  const root = notice().root;
  scan.findings.push({ level: 'notice', sha256: root.sha256, spkiSha256: root.spkiSha256, subject: root.subject,
    inspection: { product: 'ESET', kind: 'antivirus', source: 'test' } });
  const machine = machineState(scan);
  const b = badgeFor({ record: rec(notice()), machine, hostStatus: ready });
  assert.equal(b.level, 'notice');
  assert.deepEqual(b.title, [{ key: 'inspection_antivirus', subs: ['ESET'] }]);
  // an unknown kind from a newer host falls back to the plain notice title
  scan.findings.at(-1).inspection.kind = 'telepathy';
  assert.equal(badgeFor({ record: rec(notice()), machine: machineState(scan), hostStatus: ready }).title[0].key, 'badgeTitleNotice');
});

test('clean → no badge text', () => {
  const b = badgeFor({ record: rec(clean()), machine: null, hostStatus: ready });
  assert.equal(b.text, '');
  assert.equal(b.level, 'clean');
  assert.equal(badgeFor({ record: null, machine: null, hostStatus: ready }).title[0].key, 'badgeTitleIdle');
});

test('host unavailable → grey, per status title; a known blocked verdict still wins', () => {
  for (const [status, key] of [[HOST_STATUS.MISSING, 'badgeTitleHostMissing'], [HOST_STATUS.OUTDATED, 'badgeTitleHostOutdated'],
    [HOST_STATUS.FORBIDDEN, 'badgeTitleHostForbidden'], [HOST_STATUS.CRASHED, 'badgeTitleHostCrashed']]) {
    const b = badgeFor({ record: rec(null), machine: null, hostStatus: status });
    assert.equal(b.level, 'unavailable');
    assert.equal(b.color, COLORS.unavailable);
    assert.equal(b.title[0].key, key);
  }
  assert.equal(badgeFor({ record: rec(null), machine: null, hostStatus: HOST_STATUS.CONNECTING }).level, 'clean');
  assert.equal(badgeFor({ record: rec(blocked()), machine: null, hostStatus: HOST_STATUS.CRASHED }).level, 'blocked');
});

test('machine-wide interception alert turns every tab red, even a clean one', () => {
  const machine = machineState(scanWith({ interception: true }));
  const b = badgeFor({ record: rec(clean()), machine, hostStatus: ready });
  assert.equal(b.level, 'blocked');
  assert.deepEqual(b.title, [{ key: 'badgeTitleMachineAlert', subs: [KZ_ENTRY.name] }]);
  assert.equal(globalBadge({ machine, hostStatus: ready }).text, '!');
});

test('distrusted CA in a store: no alert on a page that does not use it, red on one that does', () => {
  const machine = machineState(scanWith({ distrusted: true }));
  assert.equal(badgeFor({ record: rec(clean()), machine, hostStatus: ready }).level, 'clean');
  const b = badgeFor({ record: rec(blocked(TRUSTCOR_ENTRY)), machine, hostStatus: ready });
  assert.equal(b.level, 'blocked');
  assert.deepEqual(b.title, [{ key: 'badgeTitleBlocked', subs: [TRUSTCOR_ENTRY.name] }]);
});

test('a blocked sub-frame makes the tab red', () => {
  const b = badgeFor({ record: rec(clean(), { frames: [notice(), blocked()] }), machine: null, hostStatus: ready });
  assert.equal(b.level, 'blocked');
});

test('certificate errors: known interception is red on its own; others amber, naming the probed root', () => {
  const ki = badgeFor({ record: rec(null, { certError: { error: 'net::ERR_CERT_KNOWN_INTERCEPTION_BLOCKED', kind: 'interception' } }),
    machine: null, hostStatus: HOST_STATUS.MISSING });
  assert.equal(ki.level, 'blocked');
  assert.equal(ki.title[0].key, 'badgeTitleKnownInterception');
  const ai = badgeFor({ record: rec(notice(), { certError: { error: 'net::ERR_CERT_AUTHORITY_INVALID', kind: 'untrusted' } }),
    machine: null, hostStatus: ready });
  assert.equal(ai.level, 'notice');
  assert.deepEqual(ai.title[0], { key: 'badgeTitleCertErrorRoot', subs: ['net::ERR_CERT_AUTHORITY_INVALID', 'Corp Proxy Root'] });
  const ab = badgeFor({ record: rec(blocked(), { certError: { error: 'net::ERR_CERT_AUTHORITY_INVALID', kind: 'untrusted' } }),
    machine: null, hostStatus: ready });
  assert.equal(ab.level, 'blocked');
  assert.equal(ab.title[0].subs[0], KZ_ENTRY.name);
});

test('rootName prefers the blocklist entry, then the CN', () => {
  assert.equal(rootName(blocked()), KZ_ENTRY.name);
  assert.equal(rootName(notice()), 'Corp Proxy Root');
  assert.equal(rootName(null), '');
});

test('titles name certificates as people know them: the edge passes the localized family name', () => {
  const machine = { interception: [{ name: KZ_ENTRY.name, entry: { id: 'kz-2020-isca-ca', source: 'bundled' } },
    { name: 'ISCA 2024', entry: { id: 'kz-2024-isca-r2050-0616', source: 'bundled' } }], distrusted: [], other: [] };
  const nameOf = (entry, name) => (entry?.id?.startsWith('kz-') ? 'KZ national certificate' : name);
  const b = badgeFor({ record: null, machine, hostStatus: 'ready', nameOf });
  // both Kazakh roots are one family: named once
  assert.deepEqual(b.title, [{ key: 'badgeTitleMachineAlert', subs: ['KZ national certificate'] }]);
  // without a nameOf (the popup model) the entries' own names
  assert.deepEqual(badgeFor({ record: null, machine, hostStatus: 'ready' }).title[0].subs, [`${KZ_ENTRY.name}, ISCA 2024`]);
});
