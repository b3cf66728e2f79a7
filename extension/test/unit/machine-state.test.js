// The machine state's details: grouping by entry, the tiers' lists, counts and defaults, and
// finding a notice's inspection product by either hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectionFor, machineState, notificationKey, notificationPage } from '../../src/lib/machine.js';

const entry = (id, tier, extra = {}) => ({ id, name: `Name ${id}`, category: 'c', tier, severity: 'high', source: 'bundled', ...extra });
const finding = (e, extra = {}) => ({ level: 'blocked', store: 's', storeLabel: 'S', location: 'l', trust: 'trusted', spkiSha256: 'k',
  subject: 'CN=x', issuer: 'CN=y', entry: e, ...extra });

test('not a scan object: no state', () => {
  assert.equal(machineState(null), null);
  assert.equal(machineState('scan'), null);
  assert.equal(machineState(42), null);
});

test('findings are grouped by entry id (else name) with every location, key once, and defaults', () => {
  const kz = entry('kz', 'interception', { references: ['r'], notes: 'n' });
  const named = { name: 'Only a name', tier: 'interception' };
  const m = machineState({ findings: [
    finding(kz, { installedAt: '2026-01-01', place: { kind: 'system' } }), finding(kz, { spkiSha256: 'k2' }), finding(kz),
    finding(named), finding(named), finding(null), { level: 'notice', entry: kz },
  ] });
  assert.equal(m.interception.length, 2);
  const g = m.interception[0];
  assert.deepEqual(g.keys, ['k', 'k2']);
  assert.deepEqual(g.references, ['r']);
  assert.equal(g.notes, 'n');
  assert.deepEqual(g.locations[0], { store: 's', storeLabel: 'S', location: 'l', trust: 'trusted', installedAt: '2026-01-01', place: { kind: 'system' } });
  assert.deepEqual([g.locations[1].installedAt, g.locations[1].place], [null, null]);
  assert.equal(m.interception[1].locations.length, 2, 'grouped by name when there is no id');
  assert.deepEqual([m.interception[1].references, m.interception[1].notes], [[], null]);
});

test('each tier has its own list; a host-named alert is added once', () => {
  const m = machineState({
    findings: [finding(entry('kz', 'interception')), finding(entry('tc', 'distrusted')), finding(entry('x', 'research'))],
    summary: { interception: ['Name kz', 'Superfish'] },
  });
  assert.deepEqual(m.interception.map((g) => g.name), ['Name kz', 'Superfish']);
  assert.deepEqual(m.interception[1], { id: null, name: 'Superfish', category: null, tier: 'interception', references: [], locations: [], keys: [] });
  assert.deepEqual(m.distrusted.map((g) => g.name), ['Name tc']);
  assert.deepEqual(m.other.map((g) => g.name), ['Name x']);
});

test('counts and summary fields, with their defaults', () => {
  const full = machineState({ findings: [], stores: [1, 2, 3], summary: { scannedAt: 't', stores: 5, storesWithErrors: 1,
    certificates: 9, policyErrors: ['p'], blocklistVersion: 'v', blocklistSequence: 3 } });
  assert.deepEqual([full.scannedAt, full.stores, full.storesWithErrors, full.certificates, full.policyErrors, full.blocklistVersion,
    full.blocklistSequence], ['t', 5, 1, 9, ['p'], 'v', 3]);
  const bare = machineState({ findings: 'nope', stores: [1, 2, 3], summary: { interception: 'nope' } });
  assert.deepEqual([bare.scannedAt, bare.stores, bare.storesWithErrors, bare.certificates, bare.policyErrors, bare.interception],
    [null, 3, 0, 0, [], []]);
  assert.equal(machineState({}).stores, 0);
});

test('inspection products: notices only, known kinds only; found by certificate or key hash', () => {
  const m = machineState({ findings: [
    { level: 'notice', sha256: 'a', spkiSha256: 'ka', inspection: { product: 'Kaspersky', kind: 'antivirus' } },
    { level: 'notice', sha256: 'b', spkiSha256: 'kb', inspection: { product: 'Zscaler', kind: 'corporate' } },
    { level: 'notice', sha256: 'c', spkiSha256: 'kc', inspection: { product: 'Fiddler', kind: 'debugging' } },
    { level: 'notice', sha256: 'd', inspection: { product: 'X', kind: 'spyware' } },
    { level: 'blocked', sha256: 'e', inspection: { product: 'Y', kind: 'antivirus' }, entry: null },
    { level: 'notice', sha256: 'f' },
  ] });
  assert.deepEqual(m.inspections.map((i) => i.product), ['Kaspersky', 'Zscaler', 'Fiddler']);
  assert.equal(inspectionFor(m, 'b', null).product, 'Zscaler');
  assert.equal(inspectionFor(m, null, 'kc').product, 'Fiddler');
  assert.equal(inspectionFor(m, 'zz', 'ka').product, 'Kaspersky');
  assert.equal(inspectionFor(m, 'zz', 'zz'), null);
  assert.equal(inspectionFor(m, null, null), null);
  assert.equal(inspectionFor(null, 'a', 'ka'), null);
});

test('the notification key does not depend on the order of the names; one key leads to its cleanup page', () => {
  const a = machineState({ summary: { interception: ['B', 'A'] } });
  const b = machineState({ summary: { interception: ['A', 'B'] } });
  assert.equal(notificationKey(a, null), 'A\nB');
  assert.equal(notificationKey(b, notificationKey(a, null)), null);
  const one = machineState({ findings: [finding(entry('kz', 'interception'), { spkiSha256: 'a+b/' }), finding(entry('kz', 'interception'))] });
  assert.equal(notificationPage(machineState({ findings: [finding(entry('kz', 'interception'), { spkiSha256: 'a+b/' })] })),
    'cleanup.html?spki=a%2Bb%2F');
  assert.equal(notificationPage(one), 'popup.html', 'two keys: the popup');
  assert.equal(notificationPage(machineState({ summary: { interception: ['Superfish'] } })), 'popup.html');
  assert.equal(notificationPage(null), 'popup.html');
});
