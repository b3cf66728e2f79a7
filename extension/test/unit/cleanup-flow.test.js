import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CleanupFlow, STEPS, actionKey, aftercareModel, applyOutcome, backupMessage, caveatMessage, commonName, errorMessage,
  explainModel, formatDate, historyModel, progressLine, restoreOutcome, targetFromSearch, verifyModel, whereModel,
} from '../../src/lib/cleanup-flow.js';
import { NSS_APPLY, NSS_BACKUPS, NSS_PLAN, NSS_PROGRESS, NSS_RESTORE, SHA, SPKI, SYSTEM_PLAN } from './cleanup-fixtures.js';

test('the page is opened for a certificate or key hash; anything else is refused', () => {
  assert.deepEqual(targetFromSearch(`?spki=${SPKI.toUpperCase()}`), { kind: 'spki', query: SPKI });
  assert.deepEqual(targetFromSearch(`?sha256=${SHA.match(/../g).join(':')}`), { kind: 'sha256', query: SHA });
  assert.deepEqual(targetFromSearch('?spki=9HbE31bJzGVDgauqADTV6sMcsb70V+7xp2X+8K1YbNM='),
    { kind: 'spki', query: '9HbE31bJzGVDgauqADTV6sMcsb70V+7xp2X+8K1YbNM=' });
  assert.equal(targetFromSearch('?spki=abc'), null);
  assert.equal(targetFromSearch('?sha256=<script>'), null);
  assert.equal(targetFromSearch(''), null);
});

test('flow: forward and back before the removal; next waits for the plan, the apply result and verify', () => {
  const f = new CleanupFlow();
  assert.deepEqual(STEPS, ['explain', 'where', 'backup', 'remove', 'verify', 'aftercare', 'done']);
  assert.equal(f.canNext(), false, 'no plan yet');
  f.setPlan(NSS_PLAN);
  assert.ok(f.next() && f.next() && f.next());
  assert.equal(f.step, 'remove');
  assert.equal(f.canNext(), false, 'not applied yet');
  assert.ok(f.back());
  assert.equal(f.step, 'backup');
  assert.equal(f.canApply(), false, 'the remove button works only on the remove screen');
  f.next();
  assert.ok(f.startApply());
  assert.equal(f.startApply(), false, 'one apply at a time');
  assert.equal(f.canBack(), false, 'no leaving while it runs');
  assert.equal(f.canNext(), false);
  f.finishApply(NSS_APPLY);
  assert.equal(f.canApply(), false, 'applied once');
  assert.equal(f.canBack(), false, 'no way back to the removal screens');
  assert.ok(f.next());
  assert.equal(f.step, 'verify');
  assert.equal(f.canNext(), true, 'apply carried a verify result');
  assert.ok(f.next() && f.next());
  assert.equal(f.step, 'done');
  assert.equal(f.canNext(), false);
  assert.ok(f.back());
  assert.equal(f.step, 'aftercare');
  f.back();
  assert.equal(f.back(), false, 'verify is the first screen after the removal');
  f.setPlan({ ...NSS_PLAN, planId: 'other' });
  assert.equal(f.plan.planId, NSS_PLAN.planId, 'the plan cannot change after apply');
});

test('flow: a failed apply (error) leaves the person on the remove screen, able to try again', () => {
  const f = new CleanupFlow();
  f.setPlan(NSS_PLAN);
  f.next(); f.next(); f.next();
  f.startApply();
  f.finishApply(null);
  assert.equal(f.canApply(), true);
  assert.equal(f.canBack(), true);
  f.setPlan({ ...NSS_PLAN, planId: 'new' });
  assert.equal(f.plan.planId, 'new', 'a new plan after PLAN_STALE');
});

test('flow: verify asks about what the person asked for; aftercare since the apply result, else the plan', () => {
  const f = new CleanupFlow();
  f.setPlan(SYSTEM_PLAN);
  assert.equal(f.verifyQuery(), SHA);
  assert.equal(f.aftercareSince(), '2020-12-06T10:00:00Z');
  f.finishApply({ ...NSS_APPLY, aftercareSince: '2019-07-17T00:00:00Z' });
  assert.equal(f.aftercareSince(), '2019-07-17T00:00:00Z');
  assert.equal(new CleanupFlow().aftercareSince(), null);
});

test('explain: name, category and why from the blocklist entry; references as links only when https', () => {
  const e = explainModel(NSS_PLAN);
  assert.equal(e.name, 'Test national');
  assert.equal(e.categoryKey, 'category_government_mitm');
  assert.equal(e.whyKey, 'why_government_mitm');
  assert.equal(e.interception, true);
  assert.equal(e.issuer, 'CN=Test National Root,O=Test');
  assert.equal(e.locations, 1);
  assert.deepEqual(e.references, [{ text: 'local policy /tmp/awx/home/.config/anchorwatch/policy.json', href: null }]);
  const kz = explainModel({ ...NSS_PLAN, target: { ...NSS_PLAN.target, entry: { ...NSS_PLAN.target.entry,
    references: ['https://blog.mozilla.org/security/2019/08/21/protecting-our-users-in-kazakhstan/', 'javascript:alert(1)'] } } });
  assert.deepEqual(kz.references.map((r) => r.href), ['https://blog.mozilla.org/security/2019/08/21/protecting-our-users-in-kazakhstan/', null]);
  const unlisted = explainModel(SYSTEM_PLAN);
  assert.equal(unlisted.blocklisted, false);
  assert.equal(unlisted.name, 'Test National Root');
  assert.equal(unlisted.whyKey, 'cleanupNotBlocklisted');
  assert.equal(commonName('CN=A\\, B,O=C'), 'A, B');
});

test('where: every step with its action in words, elevation, install time, caveats in the person\'s language', () => {
  const w = whereModel(NSS_PLAN);
  assert.equal(w.offersDistrust, true, 'an NSS location can be distrusted instead of deleted');
  assert.equal(w.steps.length, 1);
  const s = w.steps[0];
  assert.equal(s.actionKey, 'cleanupAction_delete');
  assert.equal(s.elevation, false);
  assert.equal(s.installedAt, null);
  assert.deepEqual(s.caveats, [{ key: 'cleanupCaveat_restartChromium', subs: [] }]);
  assert.deepEqual(s.backup, { key: 'cleanupBackup_nss', subs: ['National Security Certificate', 'C,,'] });
  assert.deepEqual(s.commands, [], 'the host deletes it itself: no manual commands');

  const sys = whereModel(SYSTEM_PLAN);
  assert.equal(sys.offersDistrust, false, 'system anchors cannot be distrusted in place');
  assert.equal(sys.needsElevation, true);
  assert.deepEqual(sys.steps.map((x) => x.actionKey), ['cleanupAction_delete', 'cleanupAction_rebuild_covers', 'cleanupAction_instructions']);
  assert.deepEqual(sys.steps[0].sudoCommands, ['sudo rm /usr/local/share/ca-certificates/corp/evil.crt']);
  assert.equal(sys.steps[0].installedAt, '2020-12-06T10:00:00Z');
  assert.deepEqual(sys.steps[2].commands, ['# /opt/app/bundle.pem holds several certificates; remove block 3 by hand after a copy']);
  assert.deepEqual(sys.steps[2].caveats, [{ text: 'Some caveat the extension does not know yet.' }]);
  assert.deepEqual(sys.caveats, [{ key: 'cleanupCaveat_noRebuild', subs: ['update-ca-certificates'] }]);
  assert.equal(sys.automatic, 2);
  assert.equal(sys.manual, 1);
});

test('caveat codes the host sends (Caveat.java) map to message keys; args fill them; unknown codes show the text', async () => {
  const { readFile } = await import('node:fs/promises');
  const java = await readFile(new URL('../../../native-host/src/main/java/org/anchorwatch/cleanup/Caveat.java', import.meta.url), 'utf8');
  const codes = [...java.matchAll(/public static final String \w+ = "([a-z-]+)";/g)].map((m) => m[1]);
  assert.ok(codes.length >= 6, 'Caveat.java constants found');
  const en = JSON.parse(await readFile(new URL('../../src/_locales/en/messages.json', import.meta.url), 'utf8'));
  for (const code of codes) {
    const m = caveatMessage({ code, text: 'x', args: [] });
    assert.ok(m.key, `no message key for host caveat code ${code}`);
    assert.ok(en[m.key], `message ${m.key} missing in en`);
  }
  assert.deepEqual(caveatMessage({ code: 'no-rebuild', text: 'run: x', args: ['update-ca-trust extract'] }),
    { key: 'cleanupCaveat_noRebuild', subs: ['update-ca-trust extract'] });
  assert.deepEqual(caveatMessage({ code: 'from-the-future', text: 'New host note.', args: [] }), { text: 'New host note.' });
  assert.deepEqual(caveatMessage(null), { text: '' });
});

test('backup in words per action and store type', () => {
  assert.deepEqual(backupMessage({ action: 'delete', storeType: 'keystore', details: { alias: 'evil' } }), { key: 'cleanupBackup_keystore', subs: ['evil'] });
  assert.deepEqual(backupMessage(SYSTEM_PLAN.steps[0]), { key: 'cleanupBackup_file', subs: [] });
  assert.deepEqual(backupMessage({ action: 'deselect', details: { conf: '/etc/ca-certificates.conf' } }), { key: 'cleanupBackup_conf', subs: ['/etc/ca-certificates.conf'] });
  assert.deepEqual(backupMessage({ action: 'blocklist', details: { blocklistDir: '/etc/pki/ca-trust/source/blocklist' } }).key, 'cleanupBackup_blocklist');
  assert.equal(backupMessage(SYSTEM_PLAN.steps[1]).key, 'cleanupBackup_nothing');
  assert.deepEqual(backupMessage({ action: 'future-action', backup: 'host words' }), { text: 'host words' });
  assert.equal(actionKey('something-new'), 'cleanupAction_instructions');
});

test('progress frames of a real apply become lines: phase, status and the location or path', () => {
  const lines = NSS_PROGRESS.map(progressLine);
  assert.deepEqual(lines.map((l) => l.key), ['cleanupPhase_validate', 'cleanupPhase_backup', 'cleanupPhase_remove', 'cleanupPhase_verify', 'cleanupPhase_done']);
  assert.deepEqual(lines[2].status, { key: 'cleanupStatus_removed', subs: [] });
  assert.equal(lines[2].detail, '/tmp/awx/home/.pki/nssdb#National Security Certificate');
  assert.equal(lines[2].step, 0);
  assert.equal(lines[0].step, null);
  assert.deepEqual(lines[1].status, { key: 'cleanupStatus_saved', subs: [] });
  assert.equal(lines[1].detail, NSS_PROGRESS[1].message, 'the backup folder');
  assert.equal(lines[0].detail, null, 'English prose of plan-wide frames is not shown');
  assert.equal(lines[3].detail, null);
  assert.deepEqual(progressLine({ phase: 'remove', step: 0, status: 'brand-new' }).status, { text: 'brand-new' }, 'unknown status words are shown as sent');
  assert.equal(progressLine({ phase: 'rebuild', step: -1, status: 'ok', message: 'update-ca-certificates' }).detail, 'update-ca-certificates');
  assert.equal(progressLine({ phase: 'teleport' }).key, 'cleanupPhase_other');
  assert.equal(progressLine(null).status, null);
});

test('apply outcome: backup dir, changed, and the commands left to the person', () => {
  const o = applyOutcome(NSS_APPLY, NSS_PLAN);
  assert.equal(o.backupDir, NSS_APPLY.backupDir);
  assert.equal(o.changed, 1);
  assert.equal(o.failed, 0);
  assert.equal(o.manual, 0);
  assert.deepEqual(o.steps[0].statusMessage, { key: 'cleanupStatus_removed', subs: [] });
  const sys = applyOutcome({ backupId: 'b', backupDir: '/d', steps: [
    { step: 0, location: 'evil.crt', action: 'delete', status: 'needs-elevation', message: 'no polkit agent' },
    { step: 1, location: 'bundle#2', action: 'rebuild-covers', status: 'covered-by-rebuild', message: null },
    { step: 2, location: 'bundle.pem#3', action: 'instructions', status: 'instructions', message: null },
  ], rebuilds: [{ distro: 'debian', command: 'update-ca-certificates', exitCode: 0, output: '' }],
  elevationCommands: ['sudo anchorwatch elevated-apply /x/plan.json'] }, SYSTEM_PLAN);
  assert.equal(sys.manual, 2);
  assert.equal(sys.changed, 1);
  assert.deepEqual(sys.steps[0].commands, ['sudo rm /usr/local/share/ca-certificates/corp/evil.crt']);
  assert.deepEqual(sys.steps[2].commands, SYSTEM_PLAN.steps[2].commands);
  assert.deepEqual(sys.elevationCommands, ['sudo anchorwatch elevated-apply /x/plan.json']);
  assert.deepEqual(sys.rebuilds, [{ command: 'update-ca-certificates', exitCode: 0, ok: true }]);
});

test('verify: clean, or every remaining location', () => {
  assert.deepEqual(verifyModel(NSS_APPLY.verify), { clean: true, remaining: [], scannedAt: NSS_APPLY.verify.scannedAt });
  const left = verifyModel({ clean: false, remaining: [{ store: 's', storeLabel: 'System bundle', type: 'pem', role: 'distro', location: '/etc/x.pem', trust: 'trusted',
    place: { kind: 'system', app: null, profile: null, version: null } }] });
  assert.equal(left.clean, false);
  assert.deepEqual(left.remaining, [{ storeLabel: 'System bundle', location: '/etc/x.pem', trust: 'trusted',
    place: { kind: 'system', app: null, profile: null, version: null } }]);
  assert.equal(verifyModel(null), null);
});

test('aftercare: since when, or unknown; links only to the vendors\' advice, Tor Browser and VPN information', () => {
  assert.deepEqual(aftercareModel(null).sinceKnown, false);
  assert.deepEqual(aftercareModel('not a date').sinceKnown, false);
  const a = aftercareModel('2020-12-06T10:00:00Z');
  assert.equal(a.sinceKnown, true);
  assert.ok(a.links.length >= 4);
  for (const l of a.links) assert.match(l.href, /^https:\/\//);
  assert.ok(a.links.some((l) => /torproject\.org/.test(l.href)));
  assert.ok(a.links.some((l) => /blog\.mozilla\.org/.test(l.href)));
  assert.match(formatDate('2020-12-06T10:00:00Z', 'ru'), /2020/);
  assert.equal(formatDate('nope', 'en'), null);
  assert.equal(formatDate(null, 'en'), null);
});

test('errors: a message key per code; a new plan is the way out of token and staleness errors', () => {
  assert.deepEqual(errorMessage('PLAN_STALE'), { key: 'cleanupError_PLAN_STALE', replan: true });
  assert.deepEqual(errorMessage('CONFIRMATION_REQUIRED').replan, true);
  assert.deepEqual(errorMessage('BACKUP_FAILED'), { key: 'cleanupError_BACKUP_FAILED', replan: false });
  assert.deepEqual(errorMessage('WHATEVER'), { key: 'cleanupError_other', replan: false });
});

test('history from a real backups reply; restored backups offer no undo', () => {
  const [h] = historyModel(NSS_BACKUPS);
  assert.deepEqual(h, { id: '9f9c76ba6fdb44f9f051f5a0', name: 'Test national', createdAt: '2026-11-25T09:29:07.199133299Z', mode: 'delete',
    locations: 1, restored: 0, fullyRestored: false, dir: NSS_BACKUPS.backups[0].dir, canUndo: true,
    entry: NSS_BACKUPS.backups[0].target.entry, interception: true });
  const done = historyModel({ backups: [{ ...NSS_BACKUPS.backups[0], fullyRestored: true,
    locations: [{ ...NSS_BACKUPS.backups[0].locations[0], restored: true }] }] });
  assert.equal(done[0].canUndo, false);
  assert.deepEqual(historyModel(null), []);
  // a backup that disagrees with its journal is never offered for Undo
  assert.deepEqual(historyModel({ backups: [{ ...NSS_BACKUPS.backups[0], consistent: false }] }), []);
  assert.equal(historyModel({ backups: [{ ...NSS_BACKUPS.backups[0], consistent: true }] }).length, 1);
  assert.deepEqual(restoreOutcome(NSS_RESTORE), { restored: 1, failed: [] });
  assert.deepEqual(restoreOutcome({ steps: [{ location: 'x', status: 'failed', message: 'locked' }] }), { restored: 0, failed: [{ location: 'x', message: 'locked' }] });
});
