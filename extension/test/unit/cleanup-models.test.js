// The guided cleanup's screens as data (lib/cleanup-flow.js): the fallbacks for what an older or
// partial host reply leaves out, and the rules of the flow, one behaviour per assertion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CleanupFlow, applyOutcome, backupMessage, commonName, errorMessage, explainModel, historyModel, progressLine, references,
  restoreOutcome, targetFromSearch, targetName, verifyModel, whereModel, whereStep,
} from '../../src/lib/cleanup-flow.js';

const HEX = 'ab'.repeat(32);
const B64 = `${'A'.repeat(20)}+${'b'.repeat(22)}=`;

test('targetFromSearch: colons and spaces around hex, upper case, base64 with its + sent as a space; nothing else', () => {
  const colons = HEX.toUpperCase().match(/../g).join(':');
  assert.deepEqual(targetFromSearch(`?spki=${colons}`), { kind: 'spki', query: HEX });
  assert.deepEqual(targetFromSearch(`?sha256=%20${HEX}%20`), { kind: 'sha256', query: HEX });
  assert.deepEqual(targetFromSearch(`?spki=${B64.replace('+', '%20')}`), { kind: 'spki', query: B64 });
  assert.deepEqual(targetFromSearch(`?spki=%20${encodeURIComponent(B64)}%20`), { kind: 'spki', query: B64 });
  assert.equal(targetFromSearch(`?spki=0${HEX}`), null);
  assert.equal(targetFromSearch(`?spki=${HEX}0`), null);
  assert.equal(targetFromSearch(`?spki=A${encodeURIComponent(B64)}`), null);
  assert.equal(targetFromSearch(`?spki=${encodeURIComponent(B64)}A`), null);
});

test('flow: each screen’s condition for going on, and no way back to the removal once applied', () => {
  const f = new CleanupFlow();
  assert.equal(f.canBack(), false, 'nothing before the first screen');
  assert.equal(f.next(), false, 'no plan yet');
  f.setPlan({ target: { query: 'q' } });
  for (const s of ['where', 'backup', 'remove']) assert.equal(f.next(), true, s);
  assert.equal(f.step, 'remove');
  assert.equal(f.canNext(), false, 'remove waits for the apply result');
  assert.equal(f.next(), false);
  assert.equal(f.step, 'remove');
  assert.equal(f.canApply(), true);
  assert.equal(f.startApply(), true);
  assert.equal(f.canApply(), false, 'already running');
  assert.equal(f.startApply(), false);
  assert.equal(f.canNext(), false, 'not while applying');
  f.finishApply({ steps: [] });
  assert.equal(f.verified, null, 'a result without verify leaves verify to its screen');
  assert.equal(f.canApply(), false, 'applied once');
  assert.equal(f.canBack(), false, 'no way back to the removal');
  assert.equal(f.next(), true);
  assert.equal(f.step, 'verify');
  assert.equal(f.canNext(), false, 'verify waits for a verify result');
  assert.equal(f.canBack(), false);
  f.setVerified({ clean: true });
  assert.equal(f.next(), true);
  assert.equal(f.step, 'aftercare');
  assert.equal(f.canBack(), true, 'between verify, aftercare and done');
  assert.equal(f.next(), true);
  assert.equal(f.step, 'done');
  assert.equal(f.canNext(), false, 'the last screen');
  f.setPlan({ target: { query: 'other' } });
  assert.equal(f.verifyQuery(), 'q', 'the plan stays once applied');
});

test('flow: an apply result with verify fills it; canApply only on the remove screen', () => {
  const f = new CleanupFlow();
  f.setPlan({ target: {} });
  assert.equal(f.canApply(), false, 'not on the explain screen');
  f.step = 'remove';
  f.startApply();
  f.finishApply({ verify: { clean: true } });
  assert.deepEqual(f.verified, { clean: true });
});

test('flow: verify asks for the query, else the certificate hash, else the key hash', () => {
  const f = new CleanupFlow();
  assert.equal(f.verifyQuery(), null);
  f.setPlan({ target: { sha256: 's', spkiSha256: 'k' } });
  assert.equal(f.verifyQuery(), 's');
  f.setPlan({ target: { spkiSha256: 'k' } });
  assert.equal(f.verifyQuery(), 'k');
  f.setPlan({});
  assert.equal(f.verifyQuery(), null);
});

test('names: CN only as a whole attribute, escaped commas, trimmed; the fallbacks of targetName', () => {
  assert.equal(commonName(''), '');
  assert.equal(commonName(undefined), '');
  assert.equal(commonName('O=Corp, CN= Foo Root '), 'Foo Root');
  assert.equal(commonName('CN=Acme\\, Inc. Root,O=Acme'), 'Acme, Inc. Root');
  assert.equal(commonName('O=x,XCN=Foo'), 'O=x,XCN=Foo');
  assert.equal(targetName({ subject: 'O=Only Org' }), 'O=Only Org');
  assert.equal(targetName({ sha256: 's', spkiSha256: 'k', query: 'q' }), 's');
  assert.equal(targetName({ spkiSha256: 'k', query: 'q' }), 'k');
  assert.equal(targetName({ query: 'q' }), 'q');
  assert.equal(targetName(undefined), '');
});

test('references: a link only for a whole https URL', () => {
  assert.deepEqual(references(['https://a.example/x', 'https://a.example/ x', 'see https://a.example/', 'http://a.example/']), [
    { text: 'https://a.example/x', href: 'https://a.example/x' }, { text: 'https://a.example/ x', href: null },
    { text: 'see https://a.example/', href: null }, { text: 'http://a.example/', href: null }]);
  assert.deepEqual(references(undefined), []);
});

test('explain: what the target says first, the entry second, nulls for the rest', () => {
  const entry = { name: 'E', category: 'distrusted-ca', tier: 'distrusted', subject: 'CN=E', issuer: 'CN=EI', notes: 'n', source: 'bundled' };
  const m = explainModel({ target: { entry, notAfter: '2030', sha256: 's', spkiSha256: 'k' }, steps: [{}, {}] });
  assert.equal(m.blocklisted, true);
  assert.equal(m.interception, false);
  assert.equal(m.subject, 'CN=E');
  assert.equal(m.issuer, 'CN=EI');
  assert.deepEqual([m.notAfter, m.sha256, m.spkiSha256, m.notes, m.source, m.locations], ['2030', 's', 'k', 'n', 'bundled', 2]);
  const own = explainModel({ target: { entry, subject: 'CN=T', issuer: 'CN=TI' } });
  assert.deepEqual([own.subject, own.issuer, own.locations], ['CN=T', 'CN=TI', 0]);
  const bare = explainModel(undefined);
  assert.equal(bare.blocklisted, false);
  assert.equal(bare.whyKey, 'cleanupNotBlocklisted');
  assert.deepEqual([bare.subject, bare.issuer, bare.notAfter, bare.sha256, bare.spkiSha256, bare.notes, bare.source, bare.locations],
    [null, null, null, null, null, null, null, 0]);
});

test('backup words when the host leaves details out', () => {
  assert.deepEqual(backupMessage({ action: 'distrust', storeType: 'nss' }), { key: 'cleanupBackup_nss', subs: ['', ''] });
  assert.deepEqual(backupMessage({ action: 'delete', storeType: 'keystore' }), { key: 'cleanupBackup_keystore', subs: [''] });
  assert.deepEqual(backupMessage({ action: 'distrust', storeType: 'pem' }), { key: 'cleanupBackup_file', subs: [] });
  assert.deepEqual(backupMessage({ action: 'deselect' }), { key: 'cleanupBackup_conf', subs: [''] });
  assert.deepEqual(backupMessage({ action: 'blocklist', details: { blocklistDir: '/etc/b' } }), { key: 'cleanupBackup_blocklist', subs: ['/etc/b'] });
  assert.deepEqual(backupMessage({ action: 'blocklist' }), { key: 'cleanupBackup_blocklist', subs: [''] });
  assert.deepEqual(backupMessage({ action: 'instructions', backup: 'x' }), { key: 'cleanupBackup_nothing', subs: [] });
  assert.deepEqual(backupMessage({ action: 'future', backup: 'a copy in /x' }), { text: 'a copy in /x' });
  assert.deepEqual(backupMessage({ action: 'future' }), { key: 'cleanupBackup_nothing', subs: [] });
  assert.deepEqual(backupMessage(undefined), { key: 'cleanupBackup_nothing', subs: [] });
});

test('where: fallbacks of one step; sudo commands only for an automatic step that needs elevation', () => {
  const bare = whereStep({ index: 0, action: 'delete', store: 'distro' });
  assert.deepEqual([bare.place, bare.storeLabel, bare.location, bare.installedAt, bare.elevation], [null, 'distro', '', null, false]);
  assert.deepEqual([bare.caveats, bare.commands, bare.sudoCommands], [[], [], []]);
  assert.equal(whereStep({ index: 0, action: 'delete' }).storeLabel, '');
  const elevated = whereStep({ index: 1, action: 'delete', elevation: true, commands: ['sudo rm x'] });
  assert.deepEqual([elevated.commands, elevated.sudoCommands], [[], ['sudo rm x']]);
  assert.deepEqual(whereStep({ index: 1, action: 'delete', elevation: true }).sudoCommands, []);
  const manual = whereStep({ index: 2, action: 'instructions', elevation: true, commands: ['certutil -D'] });
  assert.deepEqual([manual.commands, manual.sudoCommands, manual.manual], [['certutil -D'], [], true]);
  assert.deepEqual(whereStep({ index: 2, action: 'instructions' }).commands, []);
});

test('where: distrust is offered only with an NSS store; defaults for an empty plan', () => {
  const plan = { mode: 'distrust', rebuild: { command: 'update-ca-certificates' }, needsElevation: true,
    steps: [{ index: 0, action: 'delete', storeType: 'pem' }, { index: 1, action: 'instructions', storeType: 'nss' }] };
  const m = whereModel(plan);
  assert.deepEqual([m.mode, m.offersDistrust, m.needsElevation, m.automatic, m.manual], ['distrust', true, true, 1, 1]);
  assert.deepEqual(m.rebuild, { command: 'update-ca-certificates' });
  assert.equal(whereModel({ steps: [{ index: 0, action: 'delete', storeType: 'pem' }, { index: 1, action: 'delete' }] }).offersDistrust, false);
  const empty = whereModel(undefined);
  assert.deepEqual([empty.steps, empty.mode, empty.offersDistrust, empty.needsElevation, empty.rebuild, empty.caveats],
    [[], 'delete', false, false, null, []]);
});

test('progress: a detail only where the frame names a place (a step, the rebuild, a failure)', () => {
  assert.equal(progressLine({ phase: 'rebuild', message: 'update-ca-certificates' }).detail, 'update-ca-certificates');
  assert.equal(progressLine({ phase: 'elevate', status: 'failed', message: 'pkexec: dismissed' }).detail, 'pkexec: dismissed');
  assert.equal(progressLine({ phase: 'elevate', status: 'asking', message: 'Asking for the password' }).detail, null);
  assert.equal(progressLine({ phase: 'remove', step: 0, message: 42 }).detail, null);
  assert.equal(progressLine({ phase: 'remove', step: -1, message: 'x' }).detail, null);
  assert.equal(progressLine({ phase: 'remove', step: -1 }).step, null);
  assert.equal(progressLine({ phase: 'remove' }).status, null);
  assert.equal(progressLine(undefined).key, 'cleanupPhase_other');
});

test('apply outcome: place and label from the plan, commands per status, counts and defaults', () => {
  const plan = { steps: [{ index: 0, place: { kind: 'system' }, storeLabel: 'System', commands: ['c0'] },
    { index: 1, commands: ['c1'] }, { index: 2, commands: ['c2'] }, { index: 3, commands: ['c3'] }] };
  const r = applyOutcome({ backupId: 'b1', backupDir: '/b', elevationCommands: ['sudo x'],
    rebuilds: [{ command: 'u', exitCode: 0 }, { command: 'v', exitCode: 1 }],
    steps: [{ step: 0, status: 'removed', action: 'delete' }, { step: 1, status: 'instructions', message: 'm' },
      { step: 2, status: 'needs-elevation' }, { step: 3, status: 'failed' }, { step: 9, status: 'failed' }] }, plan);
  assert.deepEqual(r.steps[0].place, { kind: 'system' });
  assert.equal(r.steps[0].storeLabel, 'System');
  assert.deepEqual([r.steps[1].place, r.steps[1].storeLabel, r.steps[0].message, r.steps[1].message], [null, '', null, 'm']);
  assert.deepEqual(r.steps.map((s) => s.commands), [[], ['c1'], ['c2'], [], []]);
  assert.deepEqual([r.backupId, r.backupDir, r.changed, r.failed, r.manual], ['b1', '/b', 1, 2, 2]);
  assert.deepEqual(r.elevationCommands, ['sudo x']);
  assert.deepEqual(r.rebuilds.map((x) => x.ok), [true, false]);
  const none = applyOutcome(undefined, undefined);
  assert.deepEqual([none.backupId, none.backupDir, none.steps, none.elevationCommands, none.rebuilds], [null, null, [], [], []]);
  assert.deepEqual(applyOutcome({ steps: [{ step: 0, status: 'instructions' }] }, { steps: [{ index: 0 }] }).steps[0].commands, []);
});

test('verify: clean only when the host says so and nothing remains; fallbacks of a remaining location', () => {
  const v = verifyModel({ clean: true, remaining: [{ store: 'nss' }] });
  assert.equal(v.clean, false);
  assert.deepEqual(v.remaining, [{ storeLabel: 'nss', location: '', trust: null, place: null }]);
  assert.equal(v.scannedAt, null);
  assert.equal(verifyModel({ clean: false, remaining: [] }).clean, false);
  assert.equal(verifyModel({ clean: true }).clean, true);
  assert.equal(verifyModel(null), null);
});

test('errors: exactly the token and staleness errors ask for a new plan', () => {
  for (const c of ['CONFIRMATION_REQUIRED', 'PLAN_UNKNOWN', 'PLAN_STALE', 'BUSY']) assert.equal(errorMessage(c).replan, true, c);
  for (const c of ['REMOVE_FAILED', 'TIMEOUT', 'NOPE']) assert.equal(errorMessage(c).replan, false, c);
  assert.equal(errorMessage('NOPE').key, 'cleanupError_other');
});

test('history: partly and fully restored backups, no locations, the interception warning and the mode', () => {
  const h = historyModel({ backups: [
    { id: 'a', mode: 'distrust', target: { entry: { name: 'K', tier: 'interception' } }, locations: [{ restored: true }, { restored: false }] },
    { id: 'b', target: { subject: 'CN=B' }, locations: [{ restored: true }, { restored: true }] },
    { id: 'c', mode: 'weird', target: {}, locations: [] },
    { id: 'd', consistent: false, locations: [{}] },
  ] });
  assert.deepEqual(h.map((x) => x.id), ['a', 'b', 'c']);
  assert.deepEqual(h.map((x) => x.restored), [1, 2, 0]);
  assert.deepEqual(h.map((x) => x.fullyRestored), [false, true, false]);
  assert.deepEqual(h.map((x) => x.canUndo), [true, false, false]);
  assert.deepEqual(h.map((x) => x.interception), [true, false, false]);
  assert.deepEqual(h.map((x) => x.mode), ['distrust', 'delete', 'delete']);
  assert.deepEqual(h.map((x) => x.entry), [{ name: 'K', tier: 'interception' }, null, null]);
  assert.deepEqual(historyModel({ backups: [{ id: 'e' }] })[0].locations, 0);
  assert.deepEqual(historyModel(undefined), []);
});

test('undo outcome: restored count and every location that did not come back', () => {
  assert.deepEqual(restoreOutcome({ steps: [{ status: 'restored', location: 'a' }, { status: 'failed', location: 'b', message: 'm' },
    { status: 'skipped', location: 'c' }] }), { restored: 1, failed: [{ location: 'b', message: 'm' }, { location: 'c', message: null }] });
  assert.deepEqual(restoreOutcome(undefined), { restored: 0, failed: [] });
});
