import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostClient, HostError } from '../../src/lib/host-client.js';
import { Backoff } from '../../src/lib/backoff.js';
import { HOST_STATUS } from '../../src/lib/host-errors.js';
import { FakePort, FakeTimers, HELLO, flush, helloResponder } from './helpers.js';

function client(ports, extra = {}) {
  const timers = new FakeTimers();
  const states = [];
  const made = [];
  const c = new HostClient({
    connect: () => {
      const p = ports.shift();
      if (p instanceof Error) throw p;
      made.push(p);
      return p;
    },
    timers,
    onState: (s) => states.push(s.status),
    backoff: new Backoff({ initialMs: 1000, maxMs: 8000, jitter: 0 }),
    ...extra,
  });
  return { c, timers, states, made };
}

test('hello first, then ready; requests get ids and are correlated by id, not order', async () => {
  const port = new FakePort((m) => (m.type === 'hello' ? { id: m.id, type: 'hello', ok: true, result: HELLO } : null));
  const ready = [];
  const { c } = client([port], { onReady: (h) => ready.push(h) });
  c.start();
  assert.equal(port.sent[0].type, 'hello');
  await flush();
  assert.equal(c.status, HOST_STATUS.READY);
  assert.deepEqual(ready, [HELLO]);
  assert.ok(c.supports('probe'));
  const a = c.request('checkChain', { chain: [1] });
  const b = c.request('probe', { host: 'x' });
  await flush();
  const [ra, rb] = port.sent.slice(1);
  assert.notEqual(ra.id, rb.id);
  assert.deepEqual(ra.chain, [1]);
  port.emit({ id: rb.id, type: 'probe', ok: true, result: { level: 'blocked' } });
  port.emit({ id: ra.id, type: 'checkChain', ok: false, error: { code: 'BAD_CERTIFICATE', message: 'bad' } });
  assert.deepEqual(await b, { level: 'blocked' });
  await assert.rejects(a, (e) => e instanceof HostError && e.code === 'BAD_CERTIFICATE');
});

test('requests made while connecting wait for hello', async () => {
  const port = new FakePort(helloResponder());
  const { c } = client([port]);
  c.start();
  const r = c.request('scan');
  assert.equal(port.sent.length, 1);
  const res = await r;
  assert.equal(res.echo.type, 'scan');
});

test('a request that gets no reply times out; its late reply is ignored', async () => {
  const port = new FakePort((m) => (m.type === 'hello' ? { id: m.id, type: 'hello', ok: true, result: HELLO } : null));
  const { c, timers } = client([port], { timeouts: { probe: 500 } });
  c.start();
  await flush();
  const r = c.request('probe', {});
  await flush();
  const id = port.sent[1].id;
  const rejected = assert.rejects(r, (e) => e.code === 'TIMEOUT');
  await timers.advance(501);
  await rejected;
  port.emit({ id, type: 'probe', ok: true, result: {} }); // no throw, no effect
  assert.equal(c.pending.size, 0);
});

test('chunked replies are reassembled', async () => {
  const big = { findings: [{ subject: 'CN=a' }, { subject: 'CN=b' }] };
  const text = JSON.stringify(big);
  const port = new FakePort(helloResponder(HELLO, (m) => [0, 1].map((i) => ({ id: m.id, type: m.type, ok: true,
    chunk: { index: i, count: 2, data: i === 0 ? text.slice(0, 10) : text.slice(10) } }))));
  const { c } = client([port]);
  c.start();
  assert.deepEqual(await c.request('scan'), big);
});

test('host missing: visible state, pending requests fail, reconnect with growing backoff', async () => {
  const p1 = new FakePort();
  const p2 = new FakePort();
  const p3 = new FakePort(helloResponder());
  const { c, timers, made } = client([p1, p2, p3]);
  c.start();
  const r = c.request('scan');
  p1.drop('Specified native messaging host not found.');
  await assert.rejects(r, (e) => e.code === 'HOST_UNAVAILABLE');
  assert.equal(c.status, HOST_STATUS.MISSING);
  await assert.rejects(c.request('scan'), (e) => e.code === 'HOST_UNAVAILABLE');
  await timers.advance(999);
  assert.equal(made.length, 1);
  await timers.advance(1);
  assert.equal(made.length, 2);
  p2.drop('No such native application org.anchorwatch.host');
  assert.equal(c.status, HOST_STATUS.MISSING);
  await timers.advance(1999);
  assert.equal(made.length, 2);
  await timers.advance(1);
  assert.equal(made.length, 3);
  await flush();
  assert.equal(c.status, HOST_STATUS.READY);
});

test('pending requests fail when the port drops', async () => {
  const port = new FakePort((m) => (m.type === 'hello' ? { id: m.id, type: 'hello', ok: true, result: HELLO } : null));
  const { c } = client([port, new FakePort()]);
  c.start();
  await flush();
  const r = c.request('scan');
  await flush();
  port.drop('Native host has exited.');
  await assert.rejects(r, (e) => e.code === 'HOST_DISCONNECTED');
  assert.equal(c.status, HOST_STATUS.CRASHED);
});

test('an outdated host is a visible state and gets no other requests', async () => {
  const port = new FakePort(helloResponder({ ...HELLO, protocol: 0 }));
  const { c } = client([port], { requiredProtocol: 1 });
  c.start();
  await flush();
  assert.equal(c.status, HOST_STATUS.OUTDATED);
  assert.ok(port.disconnected);
  await assert.rejects(c.request('scan'), (e) => e.code === 'HOST_UNAVAILABLE');
  assert.equal(port.sent.length, 1);
});

test('an outdated host is not restarted on its own (the same old program would answer): only retry() reconnects', async () => {
  const old = new FakePort(helloResponder({ ...HELLO, protocol: 0 }));
  const updated = new FakePort(helloResponder(HELLO));
  const { c, timers, made } = client([old, updated], { requiredProtocol: 1 });
  c.start();
  await flush();
  assert.equal(c.status, HOST_STATUS.OUTDATED);
  await timers.advance(10 * 60 * 1000);
  await flush();
  assert.equal(made.length, 1, 'no reconnect while outdated');
  assert.equal(c.status, HOST_STATUS.OUTDATED);
  c.retry();
  await flush();
  assert.equal(made.length, 2);
  assert.equal(c.status, HOST_STATUS.READY);
});

test('CALLER_NOT_ALLOWED makes the state forbidden, and it stays so after the exit', async () => {
  const port = new FakePort((m) => (m.type === 'hello'
    ? { id: null, ok: false, error: { code: 'CALLER_NOT_ALLOWED', message: 'caller x is not allowed' } } : null));
  const { c } = client([port]);
  c.start();
  await flush();
  assert.equal(c.status, HOST_STATUS.FORBIDDEN);
  port.drop('Native host has exited.');
  assert.equal(c.status, HOST_STATUS.FORBIDDEN);
});

test('a host that never answers hello is dropped and retried; connect() throwing is a disconnect', async () => {
  const silent = new FakePort();
  const { c, timers, made } = client([silent, new Error('boom'), new FakePort(helloResponder())], { timeouts: { hello: 100 } });
  c.start();
  await timers.advance(100);
  assert.ok(silent.disconnected);
  assert.equal(c.status, HOST_STATUS.ERROR);
  await timers.advance(1000); // second attempt throws
  assert.equal(c.status, HOST_STATUS.ERROR);
  await timers.advance(2000);
  assert.equal(made.length, 2);
  assert.equal(c.status, HOST_STATUS.READY);
});

test('retry() reconnects at once and resets the backoff', async () => {
  const { c, made } = client([new FakePort(), new FakePort(helloResponder())]);
  c.start();
  made[0].drop('Specified native messaging host not found.');
  c.retry();
  await flush();
  assert.equal(made.length, 2);
  assert.equal(c.status, HOST_STATUS.READY);
  assert.equal(c.backoff.attempt, 0);
});

// ---------------------------------------------------------------- progress frames (apply, restore)

function progressFrame(m, phase, step = -1) {
  return { id: m.id, type: m.type, ok: true, progress: { phase, step, status: 'ok', message: null } };
}

test('progress frames reach onProgress in order and do not settle the request; the final reply does', async () => {
  const port = new FakePort(helloResponder(HELLO, (m) => [progressFrame(m, 'validate'), progressFrame(m, 'backup', 0),
    progressFrame(m, 'remove', 0), progressFrame(m, 'done'), { id: m.id, type: m.type, ok: true, result: { backupId: 'b1' } }]));
  const { c } = client([port]);
  c.start();
  const seen = [];
  const result = await c.request('apply', { planId: 'p', token: 't' }, { onProgress: (p) => seen.push(`${p.phase}:${p.step}`) });
  assert.deepEqual(result, { backupId: 'b1' });
  assert.deepEqual(seen, ['validate:-1', 'backup:0', 'remove:0', 'done:-1']);
  assert.equal(c.pending.size, 0);
  const sent = port.sent.find((m) => m.type === 'apply');
  assert.deepEqual({ planId: sent.planId, token: sent.token }, { planId: 'p', token: 't' });
});

test('progress frames are correlated by id: another request is not disturbed, and one without a listener ignores them', async () => {
  const port = new FakePort((m) => (m.type === 'hello' ? { id: m.id, type: 'hello', ok: true, result: HELLO } : null));
  const { c } = client([port]);
  c.start();
  await flush();
  const seenA = [];
  const a = c.request('restore', { backupId: 'x' }, { onProgress: (p) => seenA.push(p.phase) });
  const b = c.request('backups');
  await flush();
  const [ra, rb] = port.sent.slice(1);
  port.emit({ id: rb.id, type: 'backups', ok: true, progress: { phase: 'restore' } }); // b has no listener
  port.emit({ id: ra.id, type: 'restore', ok: true, progress: { phase: 'restore', step: 0 } });
  port.emit({ id: 999, type: 'restore', ok: true, progress: { phase: 'restore' } }); // unknown id: ignored
  port.emit({ id: rb.id, type: 'backups', ok: true, result: { backups: [] } });
  assert.deepEqual(await b, { backups: [] });
  assert.deepEqual(seenA, ['restore']);
  port.emit({ id: ra.id, type: 'restore', ok: false, error: { code: 'BACKUP_UNKNOWN', message: 'no such backup' } });
  await assert.rejects(a, (e) => e.code === 'BACKUP_UNKNOWN');
});

test('each progress frame restarts the timeout; silence longer than the timeout still fails the request', async () => {
  const port = new FakePort((m) => (m.type === 'hello' ? { id: m.id, type: 'hello', ok: true, result: HELLO } : null));
  const { c, timers } = client([port], { timeouts: { apply: 1000 } });
  c.start();
  await flush();
  const r = c.request('apply', { planId: 'p', token: 't' }, { onProgress: () => {} });
  await flush();
  const id = port.sent[1].id;
  await timers.advance(900);
  port.emit({ id, type: 'apply', ok: true, progress: { phase: 'backup' } });
  await timers.advance(900); // 1800 ms since the request, 900 since the last frame
  assert.equal(c.pending.size, 1, 'still waiting');
  const rejected = assert.rejects(r, (e) => e.code === 'TIMEOUT' && /apply timed out after 1000 ms/.test(e.message));
  await timers.advance(101);
  await rejected;
});

test('a throwing progress listener does not break the request or the connection', async () => {
  const port = new FakePort(helloResponder(HELLO, (m) => [progressFrame(m, 'restore', 0), { id: m.id, type: m.type, ok: true, result: { ok: 1 } }]));
  const { c } = client([port]);
  c.start();
  assert.deepEqual(await c.request('restore', { backupId: 'b' }, { onProgress: () => { throw new Error('listener bug'); } }), { ok: 1 });
  assert.equal(c.status, HOST_STATUS.READY);
});

test('cleanup requests get long default timeouts (apply and restore may wait for an elevation prompt); a number still sets the timeout', async () => {
  const port = new FakePort((m) => (m.type === 'hello' ? { id: m.id, type: 'hello', ok: true, result: HELLO } : null));
  const { c, timers } = client([port]);
  assert.ok(c.timeouts.apply >= 10 * 60 * 1000 && c.timeouts.restore >= 10 * 60 * 1000);
  assert.ok(c.timeouts.plan >= 60000 && c.timeouts.verify >= 60000);
  c.start();
  await flush();
  const r = c.request('confirm', { planId: 'p' }, 50);
  const rejected = assert.rejects(r, (e) => e.code === 'TIMEOUT');
  await timers.advance(51);
  await rejected;
});
