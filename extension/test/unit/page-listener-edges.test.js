// The pages' cleanup client and Firefox's header listener at their edges: replies for unknown
// ids, progress versus final replies, a port that throws, and which security infos are chains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageClient } from '../../src/lib/page-client.js';
import { DIGEST_OPTIONS, DER_OPTIONS, headersListener } from '../../src/lib/firefox-listener.js';

function fakePort({ throws = null } = {}) {
  const port = { sent: [], msg: null, disc: null,
    postMessage(m) { if (throws) throw throws; this.sent.push(m); }, onMessage(cb) { this.msg = cb; }, onDisconnect(cb) { this.disc = cb; } };
  return port;
}

test('replies: rids count up; unknown rids and non-messages are ignored; a reply with ok settles even with progress', async () => {
  const port = fakePort();
  const c = new PageClient({ connect: () => port });
  const seen = [];
  const a = c.call('apply', {}, { onProgress: (p) => seen.push(p) });
  const b = c.call('backups');
  assert.deepEqual(port.sent.map((m) => m.rid), [1, 2]);
  port.msg(null);
  port.msg({ rid: 99, ok: true, result: 'x' });
  port.msg({ rid: 1, progress: { phase: 'remove' } });
  port.msg({ rid: 2, progress: { phase: 'x' } }); // no listener: ignored, still pending
  port.msg({ rid: 1, ok: true, progress: { phase: 'done' }, result: { done: true } });
  port.msg({ rid: 2, ok: false, progress: {}, error: { code: 'BUSY' } });
  assert.deepEqual(await a, { done: true });
  await assert.rejects(b, (e) => e.code === 'BUSY' && e.message === '');
  assert.deepEqual(seen, [{ phase: 'remove' }]);
});

test('an error reply without details is INTERNAL; the background going away names it', async () => {
  const port = fakePort();
  const c = new PageClient({ connect: () => port });
  const r = c.call('plan');
  port.msg({ rid: 1, ok: false });
  await assert.rejects(r, (e) => e.code === 'INTERNAL' && e.message === '');
  const s = c.call('plan');
  port.disc();
  await assert.rejects(s, (e) => e.code === 'BACKGROUND_GONE' && e.message === 'disconnected');
});

test('a port that throws on send fails that call at once, and the next call opens a new port', async () => {
  const broken = fakePort({ throws: new Error('Attempt to postMessage on disconnected port') });
  const good = fakePort();
  const ports = [broken, good];
  const c = new PageClient({ connect: () => ports.shift() });
  await assert.rejects(c.call('backups'), (e) => e.code === 'BACKGROUND_GONE' && /disconnected port/.test(e.message));
  assert.equal(c.pending.size, 0);
  c.call('backups');
  assert.equal(good.sent.length, 1);
  const stringly = new PageClient({ connect: () => fakePort({ throws: 'gone' }) });
  await assert.rejects(stringly.call('backups'), (e) => e.message === 'gone');
});

test('a broken port’s late disconnect fails only the calls sent over it, not those of the new port', async () => {
  // the browser reports a dead port by throwing from postMessage, and later by onDisconnect
  const first = fakePort();
  const second = fakePort();
  const ports = [first, second];
  const c = new PageClient({ connect: () => ports.shift() });
  const early = c.call('backups'); // sent over the first port, never answered
  first.postMessage = () => { throw new Error('Attempt to postMessage on disconnected port'); };
  await assert.rejects(c.call('backups'), (e) => e.code === 'BACKGROUND_GONE');
  const late = c.call('verify'); // opens the second port
  assert.equal(second.sent.length, 1);
  first.disc();
  await assert.rejects(early, (e) => e.code === 'BACKGROUND_GONE');
  second.msg({ rid: second.sent[0].rid, ok: true, result: 'fine' });
  assert.equal(await late, 'fine');
  c.call('backups');
  assert.equal(second.sent.length, 2, 'the second port stays in use');
});

const flushTimers = () => new Promise((res) => setTimeout(res, 0)).then(() => new Promise((res) => setTimeout(res, 0)));

test('Firefox: getSecurityInfo is asked for the digests, then for the raw chain of an unknown one; only secure infos with certificates reach onChain', async () => {
  assert.deepEqual(DIGEST_OPTIONS, { certificateChain: true });
  assert.deepEqual(DER_OPTIONS, { certificateChain: true, rawDER: true });
  const infos = { a: { state: 'secure', certificates: [{ rawDER: [1] }] }, b: { state: 'insecure', certificates: [{}] },
    c: { state: 'secure', certificates: [] }, d: { state: 'secure', certificates: 'no' }, e: null, f: { state: 'weak', certificates: [{}] } };
  const asked = [];
  const chains = [];
  const listener = headersListener({
    getSecurityInfo: async (id, options) => { asked.push([id, options]); return infos[id]; },
    onChain: (details) => chains.push(details.requestId),
  });
  for (const id of Object.keys(infos)) assert.deepEqual(await listener({ requestId: id, tabId: 0 }), {});
  await flushTimers();
  assert.deepEqual(chains, ['a', 'f']);
  assert.deepEqual(asked[0], ['a', DIGEST_OPTIONS]);
  assert.deepEqual(asked[1], ['a', DER_OPTIONS], 'an unknown usable chain is fetched again with its DER');
  assert.deepEqual(listener({ requestId: 'a', tabId: -1 }), {}, 'background requests are not looked at');
  assert.deepEqual(asked.map(([id, o]) => `${id}:${o === DER_OPTIONS ? 'der' : 'digest'}`),
    ['a:digest', 'a:der', 'b:digest', 'c:digest', 'd:digest', 'e:digest', 'f:digest', 'f:der']);
});

test('Firefox: failures are logged with their message, and the response still continues', async () => {
  const logs = [];
  const failing = headersListener({ getSecurityInfo: async () => { throw new Error('no info'); }, onChain: () => {}, log: (...a) => logs.push(a) });
  assert.deepEqual(await failing({ requestId: 'x', tabId: 1 }), {});
  const throwing = headersListener({ getSecurityInfo: async () => ({ state: 'secure', certificates: [{}] }),
    onChain: () => { throw new Error('host gone'); }, log: (...a) => logs.push(a) });
  await throwing({ requestId: 'y', tabId: 1 });
  await flushTimers();
  assert.deepEqual(logs, [['getSecurityInfo failed', 'no info'], ['chain handling failed', 'host gone']]);
  const bare = headersListener({ getSecurityInfo: async () => { throw null; }, onChain: () => {}, log: (...a) => logs.push(a) });
  assert.deepEqual(await bare({ requestId: 'z', tabId: 1 }), {});
  assert.deepEqual(logs[2], ['getSecurityInfo failed', undefined]);
});
