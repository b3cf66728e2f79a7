import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categorySlug, describeVerdict, popupModel } from '../../src/lib/present.js';
import { machineState } from '../../src/lib/machine.js';
import { HOST_STATUS } from '../../src/lib/host-errors.js';
import { KZ_ENTRY, blocked, notice, scanWith } from './fixtures.js';

test('a blocked verdict describes root, category, issuer, why, references and stores', () => {
  const d = describeVerdict(blocked());
  assert.equal(d.rootName, KZ_ENTRY.name);
  assert.equal(d.categoryKey, 'category_government_mitm');
  assert.equal(d.whyKey, 'why_government_mitm');
  assert.match(d.issuer, /Information Security/);
  assert.deepEqual(d.references, KZ_ENTRY.references);
  assert.deepEqual(d.installedIn, [{ storeLabel: 'Firefox profile default', location: 'cert9.db#ISCA', trust: 'trusted', place: null }]);
});

test('notices, certificate errors and unknown categories', () => {
  assert.equal(describeVerdict(notice()).whyKey, 'why_non_built_in');
  assert.equal(describeVerdict(null, { error: 'net::ERR_CERT_KNOWN_INTERCEPTION_BLOCKED', kind: 'interception' }).level, 'blocked');
  assert.equal(describeVerdict(null, { error: 'net::ERR_CERT_AUTHORITY_INVALID', kind: 'untrusted' }).whyKey, 'why_cert_error');
  assert.equal(describeVerdict(null, null), null);
  assert.equal(categorySlug('nonsense'), 'other');
  assert.equal(categorySlug('oem-bundled-root'), 'oem_bundled_root');
});

test('popup model: install help when the host is missing; cleanup when something is installed', () => {
  const missing = popupModel({ record: null, machine: null, host: { status: HOST_STATUS.MISSING }, browser: 'chromium' });
  assert.equal(missing.host.showInstallHelp, true);
  assert.equal(missing.badge.level, 'unavailable');
  assert.equal(missing.machine, null);
  const m = popupModel({ record: null, machine: machineState(scanWith({ distrusted: true })),
    host: { status: HOST_STATUS.READY, hello: { host: '0.1.0', protocol: 1, blocklist: { version: 'v' } } }, browser: 'firefox' });
  assert.equal(m.host.showInstallHelp, false);
  assert.equal(m.host.version, '0.1.0');
  assert.equal(m.machine.needsCleanup, true);
  assert.equal(m.badge.level, 'clean');
});

test('cleanup targets: one per key of every blocklisted group, then the tab root when no group has it', () => {
  const machine = machineState(scanWith({ interception: true, distrusted: true }));
  assert.deepEqual(machine.interception[0].keys, ['z']); // both KZ findings share the key
  const ready = { status: HOST_STATUS.READY, hello: { host: '0.1.0', protocol: 1, blocklist: { version: 'v' },
    capabilities: ['hello', 'scan', 'plan', 'confirm', 'apply', 'verify', 'backups', 'restore'] } };
  const record = { url: 'https://x/', origin: 'https://x', page: blocked() };
  const m = popupModel({ record, machine, host: ready, browser: 'chromium' });
  assert.deepEqual(m.cleanup.targets.map((x) => [x.query, x.name]), [['z', KZ_ENTRY.name], ['kzspki', KZ_ENTRY.name]]);
  assert.equal(m.cleanup.available, true);
  assert.equal(m.cleanup.history, true);
  // the probe's chain names the matched certificate's key
  const probed = { ...blocked(), chain: [{ spkiSha256: 'leaf' }, { spkiSha256: 'inter' }, { spkiSha256: 'z' }] };
  const m2 = popupModel({ record: { ...record, page: probed }, machine, host: ready, browser: 'chromium' });
  assert.deepEqual(m2.cleanup.targets.map((x) => x.query), ['z']);
  // an old host without the cleanup messages: nothing offered
  const old = popupModel({ record, machine, host: { status: HOST_STATUS.READY, hello: { ...ready.hello, capabilities: ['hello', 'scan'] } }, browser: 'chromium' });
  assert.deepEqual(old.cleanup, { available: false, history: false, targets: [] });
});

test('popup model: the blocklist version comes from the latest scan, so an update installed while connected shows', () => {
  const hello = { host: '0.1.0', protocol: 1, blocklist: { version: '2026.11.25-1', sequence: 1, source: 'bundled' } };
  const host = { status: HOST_STATUS.READY, hello };
  assert.equal(popupModel({ record: null, machine: null, host, browser: 'firefox' }).host.blocklistVersion, '2026.11.25-1');
  const scan = scanWith({ distrusted: true });
  scan.summary = { ...scan.summary, blocklistVersion: '2026.12.01-1', blocklistSequence: 7 };
  const machine = machineState(scan);
  assert.equal(machine.blocklistSequence, 7);
  assert.equal(popupModel({ record: null, machine, host, browser: 'firefox' }).host.blocklistVersion, '2026.12.01-1');
});
