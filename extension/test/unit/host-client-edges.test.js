// HostClient's edges: the state it shows before and between connections, frames without ids or
// errors, chunk errors, the stable-connection backoff reset and what each failure says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostClient } from '../../src/lib/host-client.js';
import { Backoff } from '../../src/lib/backoff.js';
import { HOST_STATUS } from '../../src/lib/host-errors.js';
import { FakePort, FakeTimers, HELLO, flush, helloResponder } from './helpers.js';

function client(ports, extra = {}) {
  const timers = new FakeTimers();
  const made = [];
  const c = new HostClient({
    connect: () => {
      const p = ports.shift();
      if (p instanceof Error || typeof p === 'string') throw p;
      made.push(p);
      return p;
    },
    timers,
    backoff: new Backoff({ initialMs: 1000, maxMs: 8000, jitter: 0 }),
    ...extra,
  });
  return { c, timers, made };
}

const silentAfterHello = () => new FakePort((m) => (m.type === 'hello' ? { id: m.id, type: 'hello', ok: true, result: HELLO } : null));

/** A ready client with one scan request sent and not answered. */
async function oneScan() {
  const { c, made } = client([silentAfterHello()]);
  c.start();
  await flush();
  const r = c.request('scan');
  await flush();
  return { c, port: made[0], r, id: made[0].sent[1].id };
}

test('before any hello: connecting, no capabilities, no error, no retry time', () => {
  const { c } = client([]);
  assert.equal(c.status, HOST_STATUS.CONNECTING);
  assert.deepEqual(c.capabilities, []);
  assert.equal(c.supports('probe'), false);
  assert.deepEqual(c.state, { status: 'connecting', hello: null, error: null, retryAt: null });
});

test('start() while a port is open opens no second one; retry() neither', async () => {
  const { c, made } = client([new FakePort(helloResponder()), new FakePort(helloResponder())]);
  c.start();
  c.start();
  c.retry();
  await flush();
  assert.equal(made.length, 1);
});

test('start() during the backoff wait cancels the pending reconnect and clears the error', async () => {
  const { c, timers, made } = client([new FakePort(), new FakePort(helloResponder()), new FakePort(helloResponder())]);
  c.start();
  made[0].drop('Native host has exited.');
  assert.deepEqual([c.state.error, c.state.retryAt], ['Native host has exited.', 1000]);
  c.start();
  assert.deepEqual([c.status, c.state.error, c.state.retryAt], [HOST_STATUS.CONNECTING, null, null]);
  await flush();
  await timers.advance(60000);
  assert.equal(made.length, 2, 'the old reconnect timer no longer fires');
});

test('connect() throwing a bare value is a disconnect that says it', () => {
  const { c } = client(['no native messaging here']);
  c.start();
  assert.equal(c.state.error, 'no native messaging here');
  assert.equal(c.status, HOST_STATUS.ERROR);
});

test('frames of an old port are ignored once a new one is open', async () => {
  const { c, timers, made } = client([silentAfterHello(), silentAfterHello()]);
  c.start();
  await flush();
  made[0].drop('Native host has exited.');
  await timers.advance(1000);
  await flush();
  const r = c.request('scan');
  await flush();
  const id = made[1].sent[1].id;
  made[0].emit({ id, type: 'scan', ok: true, result: 'old' });
  made[1].emit({ id, type: 'scan', ok: true, result: 'new' });
  assert.equal(await r, 'new');
});

test('a hello without a protocol number is outdated, and requests waiting for it fail with HOST_OUTDATED', async () => {
  const { c } = client([new FakePort(helloResponder({ ...HELLO, protocol: undefined }))]);
  c.start();
  const waiting = c.request('scan');
  await assert.rejects(waiting, (e) => e.code === 'HOST_OUTDATED' && e.message === 'host protocol too old');
  assert.equal(c.status, HOST_STATUS.OUTDATED);
  assert.equal(c.state.error, 'outdated');
  await assert.rejects(c.request('scan'), (e) => e.code === 'HOST_UNAVAILABLE' && e.message === 'host outdated');
});

test('frames without an id: only CALLER_NOT_ALLOWED changes the state, with or without an id field', async () => {
  const { c, made } = client([silentAfterHello()]);
  c.start();
  await flush();
  made[0].emit({ id: null, ok: false, error: { code: 'BAD_JSON', message: 'x' } });
  made[0].emit({ id: null, ok: false });
  assert.equal(c.status, HOST_STATUS.READY);
  made[0].emit({ ok: false, error: { code: 'CALLER_NOT_ALLOWED', message: 'caller x' } });
  assert.equal(c.status, HOST_STATUS.FORBIDDEN);
  assert.equal(c.state.error, 'caller x');
});

test('an error frame is never progress; a final reply may carry progress too; an error without details is INTERNAL', async () => {
  const { c, made } = client([silentAfterHello()]);
  c.start();
  await flush();
  const seen = [];
  const failing = c.request('apply', {}, { onProgress: (p) => seen.push(p) });
  const done = c.request('restore', {}, { onProgress: (p) => seen.push(p) });
  const bare = c.request('scan');
  await flush();
  const [a, r, s] = made[0].sent.slice(1).map((m) => m.id);
  made[0].emit({ id: a, ok: false, progress: { phase: 'remove' }, error: { code: 'REMOVE_FAILED', message: 'no' } });
  made[0].emit({ id: r, ok: true, progress: { phase: 'done' }, result: { restored: 1 } });
  made[0].emit({ id: s, ok: false });
  await assert.rejects(failing, (e) => e.code === 'REMOVE_FAILED');
  assert.deepEqual(await done, { restored: 1 });
  await assert.rejects(bare, (e) => e.code === 'INTERNAL' && e.message === 'host error');
  assert.deepEqual(seen, []);
});

test('a broken chunked reply fails its request with BAD_CHUNKS and the connection goes on', async () => {
  const { c, port, r, id } = await oneScan();
  port.emit({ id, type: 'scan', ok: true, chunk: { index: 1, count: 2, data: 'x' } });
  await assert.rejects(r, (e) => e.code === 'BAD_CHUNKS');
  assert.equal(c.status, HOST_STATUS.READY);
});

test('a drop without a message: HOST_DISCONNECTED "host disconnected", no error text in the state', async () => {
  const { c, port, r } = await oneScan();
  port.drop(undefined);
  await assert.rejects(r, (e) => e.code === 'HOST_DISCONNECTED' && e.message === 'host disconnected');
  assert.equal(c.state.error, null);
  assert.equal(c.status, HOST_STATUS.ERROR);
});

test('the backoff starts over only after a connection that lasted stableMs', async () => {
  const ports = Array.from({ length: 4 }, () => silentAfterHello());
  const { c, timers, made } = client(ports, { stableMs: 5000 });
  c.start();
  await flush();
  made[0].drop('Native host has exited.'); // t=0: short-lived
  assert.equal(c.state.retryAt, 1000);
  await timers.advance(1000); // second connection at t=1000
  await timers.advance(3000);
  made[1].drop('Native host has exited.'); // t=4000: up 3000 ms, not stable
  assert.equal(c.state.retryAt, 4000 + 2000);
  await timers.advance(2000); // third connection at t=6000
  await timers.advance(5000);
  made[2].drop('Native host has exited.'); // t=11000: up exactly stableMs
  assert.equal(c.state.retryAt, 11000 + 1000);
});

test('without a clock of its own the client uses Date.now for the retry time', async () => {
  const pending = [];
  const c = new HostClient({
    connect: () => new FakePort(),
    timers: { setTimeout: (f) => pending.push(f), clearTimeout: () => {} },
    backoff: new Backoff({ initialMs: 1000, maxMs: 8000, jitter: 0 }),
  });
  const before = Date.now();
  c.start();
  c.close(c.generation, 'gone');
  assert.ok(c.state.retryAt >= before + 1000 && c.state.retryAt <= Date.now() + 1000, String(c.state.retryAt));
});
