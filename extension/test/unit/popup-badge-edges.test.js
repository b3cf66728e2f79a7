// The popup model's and the badge's details: what each field falls back to, which verdict of a
// page and its frames counts, the titles of every case, and the host states that offer help.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLORS, TEXT, badgeFor, rootName, worstVerdict } from '../../src/lib/badge.js';
import { categorySlug, cleanupTargets, describeVerdict, popupModel } from '../../src/lib/present.js';
import { HOST_STATUS } from '../../src/lib/host-errors.js';

const READY = HOST_STATUS.READY;
const root = { subject: 'CN=Root S,O=x', issuer: 'CN=Root I', sha256: 'rs', spkiSha256: 'rk' };
const rec = (page, extra = {}) => ({ url: 'https://a.example/', origin: 'https://a.example', page, frames: [], certError: null, ...extra });

test('the worst of page and frames counts; equal levels keep the first; unknown levels rank as clean', () => {
  const clean1 = { level: 'clean', id: 1 };
  const clean2 = { level: 'clean', id: 2 };
  const notice = { level: 'notice', id: 3 };
  assert.equal(worstVerdict(rec(clean1, { frames: [clean2] })).id, 1);
  assert.equal(worstVerdict(rec(clean1, { frames: [notice, { level: 'blocked', id: 4 }] })).id, 4);
  assert.equal(worstVerdict(rec(null, { frames: [clean2, notice] })).id, 3);
  assert.equal(worstVerdict(rec({ level: 'odd', id: 5 }, { frames: [clean2] })).id, 5);
  assert.equal(worstVerdict(rec({ level: 'odd', id: 5 }, { frames: [notice] })).id, 3);
  assert.equal(worstVerdict({ page: notice }).id, 3);
  assert.equal(worstVerdict(null), null);
});

test('root names: the entry, else the subject CN, else the issuer CN, else nothing', () => {
  assert.equal(rootName({ root: { subject: 'OU=Unit', issuer: 'CN=Issuer' } }), 'OU=Unit');
  assert.equal(rootName({ root: { subject: 'OU=Unit,O=Org', issuer: 'CN=Issuer' } }), 'Org');
  assert.equal(rootName({ root: { issuer: 'CN=Issuer' } }), 'Issuer');
  assert.equal(rootName({ root: {} }), '');
  assert.equal(rootName({}), '');
});

test('badge texts and colours per level, and titles of each case', () => {
  const blocked = { level: 'blocked', root, entry: null };
  const b = badgeFor({ record: rec(blocked), machine: null, hostStatus: READY, nameOf: (e, n) => `${e === null ? 'no entry' : 'entry'}:${n}` });
  assert.deepEqual([b.text, b.color], ['!', COLORS.blocked]);
  assert.deepEqual(b.title, [{ key: 'badgeTitleBlocked', subs: ['no entry:Root S'] }]);
  const both = badgeFor({ record: rec(blocked, { certError: { kind: 'interception', error: 'E' } }), machine: null, hostStatus: READY });
  assert.deepEqual(both.title[1], { key: 'badgeTitleCertError', subs: ['E'] });
  const known = badgeFor({ record: rec(null, { certError: { kind: 'interception', error: 'E' } }), machine: null, hostStatus: READY });
  assert.deepEqual(known.title, [{ key: 'badgeTitleKnownInterception', subs: ['E', '?'] }]);
  const knownRoot = badgeFor({ record: rec({ level: 'clean', root }, { certError: { kind: 'interception', error: 'E' } }), machine: null, hostStatus: READY });
  assert.deepEqual(knownRoot.title, [{ key: 'badgeTitleKnownInterception', subs: ['E', 'Root S'] }]);
  const err = badgeFor({ record: rec(null, { certError: { kind: 'untrusted', error: 'E' } }), machine: null, hostStatus: READY });
  assert.deepEqual([err.level, err.text, err.color, err.title], ['notice', 'i', COLORS.notice, [{ key: 'badgeTitleCertError', subs: ['E'] }]]);
  const clean = badgeFor({ record: rec({ level: 'clean', root }), machine: null, hostStatus: READY });
  assert.deepEqual([clean.text, clean.color, clean.title], ['', COLORS.clean, [{ key: 'badgeTitleClean', subs: ['Root S'] }]]);
  assert.deepEqual(badgeFor({ record: null, machine: null, hostStatus: READY }).title, [{ key: 'badgeTitleIdle', subs: [] }]);
  assert.deepEqual(TEXT, { blocked: '!', notice: 'i', unavailable: '?', clean: '' });
});

test('a notice names its inspection product when the machine knows it by either hash', () => {
  const machine = { interception: [], inspections: [{ sha256: 'other', spkiSha256: 'rk', product: 'Fiddler', kind: 'debugging' }] };
  const b = badgeFor({ record: rec({ level: 'notice', root }), machine, hostStatus: READY });
  assert.deepEqual(b.title, [{ key: 'inspection_debugging', subs: ['Fiddler'] }]);
  const bySha = { interception: [], inspections: [{ sha256: 'rs', spkiSha256: 'x', product: 'Kaspersky', kind: 'antivirus' }] };
  assert.deepEqual(badgeFor({ record: rec({ level: 'notice', root }), machine: bySha, hostStatus: READY }).title[0].subs, ['Kaspersky']);
  assert.deepEqual(badgeFor({ record: rec({ level: 'notice' }), machine, hostStatus: READY }).title, [{ key: 'badgeTitleNotice', subs: [''] }]);
});

test('host states: each has its title; grey only while nothing else is to be said', () => {
  const grey = badgeFor({ record: null, machine: null, hostStatus: HOST_STATUS.ERROR });
  assert.deepEqual(grey, { level: 'unavailable', text: '?', color: COLORS.unavailable, title: [{ key: 'badgeTitleHostError', subs: [] }] });
  assert.deepEqual(badgeFor({ record: null, machine: null, hostStatus: 'weird' }).title, [{ key: 'badgeTitleHostError', subs: [] }]);
});

test('describeVerdict: fields from the root first, the entry second; null or empty otherwise', () => {
  const entry = { name: 'E', category: 'adware-mitm', tier: 'interception', subject: 'CN=ES', issuer: 'CN=EI', notes: 'n', references: ['r'] };
  const d = describeVerdict({ level: 'blocked', reason: 'blocklisted', entry, root, source: 'probe',
    installedIn: [{ store: 'nss', location: 'l' }, { storeLabel: 'L', store: 's', location: 'm', trust: 't', place: { kind: 'file' } }] });
  assert.deepEqual([d.reason, d.tier, d.rootSubject, d.rootSha256, d.rootSpki, d.issuer, d.notes, d.references, d.source, d.whyKey],
    ['blocklisted', 'interception', 'CN=Root S,O=x', 'rs', 'rk', 'CN=Root I', 'n', ['r'], 'probe', 'why_adware_mitm']);
  assert.deepEqual(d.installedIn, [{ storeLabel: 'nss', location: 'l', trust: null, place: null },
    { storeLabel: 'L', location: 'm', trust: 't', place: { kind: 'file' } }]);
  const fromEntry = describeVerdict({ level: 'blocked', entry });
  assert.deepEqual([fromEntry.rootSubject, fromEntry.issuer, fromEntry.rootSha256, fromEntry.rootSpki], ['CN=ES', 'CN=EI', null, null]);
  assert.equal(describeVerdict({ level: 'blocked', entry: null }).whyKey, 'why_other');
  const onlyError = describeVerdict(null, { kind: 'untrusted', error: 'SEC_ERROR_UNKNOWN_ISSUER' });
  assert.deepEqual([onlyError.level, onlyError.whyKey, onlyError.certError, onlyError.reason, onlyError.tier, onlyError.notes,
    onlyError.source, onlyError.references, onlyError.installedIn], ['notice', 'why_cert_error', 'SEC_ERROR_UNKNOWN_ISSUER', null, null, null, null, [], []]);
  const interception = describeVerdict(null, { kind: 'interception', error: 'net::ERR_CERT_KNOWN_INTERCEPTION_BLOCKED' });
  assert.deepEqual([interception.level, interception.whyKey], ['blocked', 'why_known_interception']);
  assert.equal(describeVerdict({ level: 'notice', root }, { kind: 'interception', error: 'E' }).whyKey, 'why_known_interception');
  assert.equal(describeVerdict({ level: 'clean', root }).whyKey, 'why_clean');
  assert.equal(describeVerdict({ level: 'clean', root }).certError, null);
  for (const c of ['government-mitm', 'oem-bundled-root', 'compromised-ca', 'local-policy']) assert.equal(categorySlug(c), c.replace(/-/g, '_'));
});

test('cleanup targets: every tier, grouped by id else name; the tab root only when blocked and installed', () => {
  const machine = { interception: [{ id: 'kz', name: 'KZ', keys: ['k1'] }], distrusted: [{ name: 'TC', keys: ['k2'] }],
    other: [{ id: 'x', name: 'X', keys: ['k3', 'k1'] }] };
  assert.deepEqual(cleanupTargets(machine, null), [{ query: 'k1', name: 'KZ', group: 'kz' }, { query: 'k2', name: 'TC', group: 'TC' },
    { query: 'k3', name: 'X', group: 'x' }]);
  const installed = [{ store: 's' }];
  assert.deepEqual(cleanupTargets(null, { level: 'blocked', root, installedIn: installed }), [{ query: 'rk', name: 'Root S', group: null }]);
  assert.deepEqual(cleanupTargets(null, { level: 'blocked', root, installedIn: installed, matchedIndex: 1, chain: [{ spkiSha256: 'a' }, { spkiSha256: 'b' }] }),
    [{ query: 'b', name: 'Root S', group: null }]);
  assert.deepEqual(cleanupTargets(null, { level: 'blocked', root, installedIn: installed, matchedIndex: 3, chain: [] }),
    [{ query: 'rk', name: 'Root S', group: null }]);
  assert.deepEqual(cleanupTargets(null, { level: 'blocked', root, installedIn: [] }), []);
  assert.deepEqual(cleanupTargets(null, { level: 'blocked', root }), []);
  assert.deepEqual(cleanupTargets(null, { level: 'notice', root, installedIn: installed }), []);
  assert.deepEqual(cleanupTargets(null, { level: 'blocked', installedIn: installed }), []);
  assert.deepEqual(cleanupTargets({}, undefined), []);
});

test('popup model: cleanup needs all four capabilities, history two; host fields and install help by state', () => {
  const hello = { host: '1.2.3', protocol: 4, blocklist: { version: 'b1' }, capabilities: ['plan', 'confirm', 'apply', 'verify', 'backups'] };
  const m = popupModel({ record: null, machine: null, host: { status: READY, hello, error: 'e' }, browser: 'firefox' });
  assert.equal(m.cleanup.available, true);
  assert.equal(m.cleanup.history, false, 'restore missing');
  assert.deepEqual([m.host.version, m.host.protocol, m.host.blocklistVersion, m.host.error, m.browser], ['1.2.3', 4, 'b1', 'e', 'firefox']);
  const three = popupModel({ record: null, machine: null, host: { status: READY, hello: { capabilities: ['plan', 'confirm', 'apply', 'backups', 'restore'] } } });
  assert.deepEqual([three.cleanup.available, three.cleanup.history], [false, true]);
  const notReady = popupModel({ record: null, machine: null, host: { status: HOST_STATUS.FORBIDDEN, hello: { capabilities: ['backups', 'restore'] } } });
  assert.deepEqual([notReady.cleanup.history, notReady.host.showInstallHelp], [false, false]);
  for (const s of [HOST_STATUS.MISSING, HOST_STATUS.CRASHED, HOST_STATUS.ERROR]) {
    assert.equal(popupModel({ record: null, machine: null, host: { status: s } }).host.showInstallHelp, true, s);
  }
  const none = popupModel({ record: null, machine: null, host: undefined });
  assert.deepEqual([none.host.status, none.host.version, none.host.protocol, none.host.blocklistVersion, none.host.error],
    [HOST_STATUS.CONNECTING, null, null, null, null]);
  assert.equal(popupModel({ record: null, machine: null, host: { status: READY, hello: {} } }).host.blocklistVersion, null);
  const tab = popupModel({ record: rec({ level: 'clean', root }), machine: null, host: { status: READY } }).tab;
  assert.deepEqual([tab.url, tab.origin, tab.verdict.whyKey], ['https://a.example/', 'https://a.example', 'why_clean']);
  const machine = (n) => ({ interception: [], distrusted: [], other: Array(n).fill({ keys: [] }), notices: 0 });
  assert.equal(popupModel({ record: null, machine: machine(1), host: { status: READY } }).machine.needsCleanup, true);
  assert.equal(popupModel({ record: null, machine: machine(0), host: { status: READY } }).machine.needsCleanup, false);
});
