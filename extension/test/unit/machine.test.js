import { test } from 'node:test';
import assert from 'node:assert/strict';
import { machineAlertNames, machineState, notificationKey } from '../../src/lib/machine.js';
import { KZ_ENTRY, scanWith } from './fixtures.js';

test('interception findings raise the alert, grouped by entry with every location', () => {
  const m = machineState(scanWith({ interception: true }));
  assert.deepEqual(machineAlertNames(m), [KZ_ENTRY.name]);
  assert.equal(m.interception[0].locations.length, 2);
  assert.equal(m.interception[0].category, 'government-mitm');
});

test('distrusted CAs (Debian 12 TrustCor) are listed but raise no alert', () => {
  const m = machineState(scanWith({ distrusted: true, notices: 3 }));
  assert.deepEqual(machineAlertNames(m), []);
  assert.equal(m.distrusted.length, 1);
  assert.equal(m.notices, 3);
});

test('a name in summary.interception without a finding still alarms', () => {
  const scan = scanWith();
  scan.summary.interception = ['Superfish'];
  assert.deepEqual(machineAlertNames(machineState(scan)), ['Superfish']);
});

test('one notification per distinct alert', () => {
  const m = machineState(scanWith({ interception: true }));
  const k = notificationKey(m, null);
  assert.equal(k, KZ_ENTRY.name);
  assert.equal(notificationKey(m, k), null);
  assert.equal(notificationKey(machineState(scanWith({ distrusted: true })), null), null);
  assert.equal(notificationKey(null, null), null);
});
