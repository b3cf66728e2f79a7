import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionWriter } from '../../src/lib/session-writer.js';

function setup({ fail = () => false } = {}) {
  const timers = { pending: [], setTimeout(fn, ms) { this.pending.push({ fn, ms }); return this.pending.length; } };
  const writes = [];
  let records = { tabs: [[1, { url: 'https://a.example/' }]], probes: [] };
  const w = new SessionWriter({
    snapshot: () => records,
    write: (data) => (fail() ? Promise.reject(new Error('quota')) : (writes.push(structuredClone(data)), Promise.resolve())),
    delayMs: 1000,
    timers,
  });
  const fire = async () => {
    const { fn } = timers.pending.shift();
    const wrote = fn();
    await new Promise((r) => setImmediate(r));
    return wrote;
  };
  return { w, timers, writes, fire, set: (r) => { records = r; } };
}

test('changes within the delay make one write, after the delay', async () => {
  const { w, timers, writes, fire } = setup();
  w.schedule();
  w.schedule();
  w.schedule();
  assert.equal(timers.pending.length, 1, 'one timer for the three changes');
  assert.equal(timers.pending[0].ms, 1000);
  assert.equal(writes.length, 0, 'nothing written before the delay');
  await fire();
  assert.equal(writes.length, 1);
  assert.deepEqual(writes[0].tabs, [[1, { url: 'https://a.example/' }]]);
});

test('no write when the records are the ones last written; a change is written', async () => {
  const { w, writes, fire, set } = setup();
  w.schedule();
  await fire();
  w.schedule();
  assert.equal(await fire(), false, 'unchanged');
  assert.equal(writes.length, 1);
  set({ tabs: [[1, { url: 'https://b.example/' }]], probes: [] });
  w.schedule();
  assert.equal(await fire(), true);
  assert.equal(writes.length, 2);
  assert.deepEqual(writes[1].tabs, [[1, { url: 'https://b.example/' }]]);
});

test('a failed write is tried again with the next change even when the records are the same', async () => {
  let failing = true;
  const { w, writes, fire } = setup({ fail: () => failing });
  w.schedule();
  assert.equal(await fire(), true, 'attempted');
  assert.equal(writes.length, 0);
  failing = false;
  w.schedule();
  assert.equal(await fire(), true, 'the same records again: the failed write does not count as written');
  assert.equal(writes.length, 1);
});
