import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AfterLoadQueue } from '../../src/lib/after-load.js';
import { FakeTimers } from './helpers.js';

function queue(opts = {}) {
  const timers = new FakeTimers();
  const q = new AfterLoadQueue({ quietMs: 1000, maxWaitMs: 5000, ...opts, setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
    clearTimeout: (id) => timers.clearTimeout(id), now: () => timers.now() });
  const ran = [];
  const job = (name) => () => ran.push([name, timers.now()]);
  return { q, timers, ran, job };
}

test('a job for a loading tab waits for its load, then for a quiet moment', async () => {
  const { q, timers, ran, job } = queue();
  q.navigating(1);
  q.add(1, 'a', job('a'));
  await timers.advance(800);
  assert.deepEqual(ran, [], 'still loading');
  q.loaded(1); // at 800: the navigation started at 0, quiet since then
  await timers.advance(199);
  assert.deepEqual(ran, []);
  await timers.advance(1);
  assert.deepEqual(ran, [['a', 1000]]);
  assert.deepEqual(q.pending(), []);
});

test('navigations in quick succession push the job back; it runs once browsing pauses', async () => {
  const { q, timers, ran, job } = queue();
  q.navigating(1);
  q.add(1, 'a', job('a'));
  q.loaded(1);
  for (let i = 0; i < 3; i++) {
    await timers.advance(500);
    q.navigating(2); // another tab (or the next page) starts loading
    q.loaded(2);
  }
  assert.deepEqual(ran, []);
  await timers.advance(1000);
  assert.deepEqual(ran, [['a', 2500]]);
});

test('no job waits longer than maxWaitMs: a page that never finishes loading still gets it', async () => {
  const { q, timers, ran, job } = queue();
  q.navigating(1);
  q.add(1, 'a', job('a'));
  await timers.advance(4999);
  assert.deepEqual(ran, []);
  await timers.advance(1);
  assert.deepEqual(ran, [['a', 5000]]);
});

test('with a loaded tab and no recent navigation a job runs at once, from a timer', async () => {
  const { q, timers, ran, job } = queue({ quietMs: 0 });
  q.add(7, null, job('x'));
  assert.deepEqual(ran, [], 'not inside the call that queued it');
  await timers.advance(0);
  assert.deepEqual(ran, [['x', 0]]);
});

test('a key is queued once; unkeyed jobs are all kept', async () => {
  const { q, timers, ran, job } = queue({ quietMs: 0 });
  q.navigating(1);
  assert.equal(q.add(1, 'origin', job('first')), true);
  assert.equal(q.add(1, 'origin', job('second')), false);
  q.add(1, null, job('u1'));
  q.add(1, null, job('u2'));
  q.loaded(1);
  await timers.advance(0);
  assert.deepEqual(ran.map((r) => r[0]), ['first', 'u1', 'u2']);
  assert.equal(q.add(1, 'origin', job('again')), true, 'once run, the key may be queued again');
});

test('each tab waits for its own load', async () => {
  const { q, timers, ran, job } = queue({ quietMs: 0 });
  q.navigating(1);
  q.navigating(2);
  q.add(1, 'one', job('one'));
  q.add(2, 'two', job('two'));
  q.loaded(2);
  await timers.advance(10);
  assert.deepEqual(ran.map((r) => r[0]), ['two']);
  q.loaded(1);
  await timers.advance(0);
  assert.deepEqual(ran.map((r) => r[0]), ['two', 'one']);
});

test('a closed tab drops its jobs; a failing job is logged and does not stop the others', async () => {
  const logs = [];
  const { q, timers, ran, job } = queue({ quietMs: 0, log: (...a) => logs.push(a) });
  q.navigating(1);
  q.add(1, 'gone', job('gone'));
  q.removed(1);
  q.add(2, null, () => { throw new Error('boom'); });
  q.add(2, null, () => Promise.reject(new Error('late')));
  q.add(2, null, job('ok'));
  await timers.advance(5000);
  assert.deepEqual(ran.map((r) => r[0]), ['ok']);
  assert.deepEqual(logs.map((l) => l[1]).sort(), ['boom', 'late']);
  assert.deepEqual(q.pending(), []);
  assert.equal(timers.queue.size, 0, 'no timer left armed');
});

test('the default timers work when called through the queue (a browser throws on a detached setTimeout)', async () => {
  const strict = globalThis.setTimeout;
  const calls = [];
  // as in a browser: setTimeout refuses a `this` other than the global object
  globalThis.setTimeout = function (fn, ms) {
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
    calls.push(ms);
    return strict(fn, ms);
  };
  try {
    const ran = [];
    const q = new AfterLoadQueue({ quietMs: 0 });
    q.add(1, null, () => ran.push('x'));
    await new Promise((r) => strict(r, 20));
    assert.deepEqual(ran, ['x']);
    assert.deepEqual(calls, [0]);
  } finally {
    globalThis.setTimeout = strict;
  }
});

test('dropOnNavigation: a tab that navigates again drops what it queued for the page it left, not what other tabs queued', async () => {
  const { q, timers, ran, job } = queue({ quietMs: 0, dropOnNavigation: true });
  q.navigating(1);
  q.add(1, null, job('left page'));
  q.navigating(2);
  q.add(2, null, job('other tab'));
  q.navigating(1); // tab 1 leaves before its load ended
  q.add(1, null, job('new page'));
  q.loaded(1);
  q.loaded(2);
  await timers.advance(0);
  assert.deepEqual(ran.map((r) => r[0]).sort(), ['new page', 'other tab']);
  const keep = queue({ quietMs: 0 });
  keep.q.navigating(1);
  keep.q.add(1, 'origin', keep.job('kept'));
  keep.q.navigating(1);
  keep.q.loaded(1);
  await keep.timers.advance(0);
  assert.deepEqual(keep.ran.map((r) => r[0]), ['kept'], 'by default jobs survive a navigation');
});
