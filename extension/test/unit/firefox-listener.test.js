import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DER_OPTIONS, DIGEST_OPTIONS, headersListener } from '../../src/lib/firefox-listener.js';
import { flush } from './helpers.js';

const si = { state: 'secure', certificates: [{ subjectPublicKeyInfoDigest: { sha256: 'x' } }] };
const withDer = { state: 'secure', certificates: [{ subjectPublicKeyInfoDigest: { sha256: 'x' }, rawDER: [48, 1] }] };
const settle = () => new Promise((r) => setTimeout(r, 5));

/** getSecurityInfo that answers by option set and records its calls. */
function fakeSecurityInfo(calls, { digest = si, der = withDer } = {}) {
  return async (id, opts) => {
    calls.push([id, opts]);
    return opts.rawDER ? der : digest;
  };
}

test('the listener returns as soon as getSecurityInfo answers, even if the host never does', async () => {
  const calls = [];
  const listener = headersListener({
    getSecurityInfo: fakeSecurityInfo(calls),
    onChain: () => new Promise(() => {}), // a host that never replies
  });
  const result = await Promise.race([listener({ requestId: '7', tabId: 1 }),
    new Promise((r) => setTimeout(() => r('held'), 200))]);
  assert.deepEqual(result, {});
  assert.deepEqual(calls, [['7', DIGEST_OPTIONS], ['7', DER_OPTIONS]]);
});

test('a chain whose verdict is cached costs one call without DER; an unknown one gets its DER while still held', async () => {
  const calls = [];
  const chains = [];
  let cached = false;
  const listener = headersListener({ getSecurityInfo: fakeSecurityInfo(calls), known: (s) => cached && s === si,
    onChain: (d, s) => chains.push([d.requestId, s]) });
  await listener({ requestId: '1', tabId: 1 });
  cached = true;
  await listener({ requestId: '2', tabId: 1 });
  await settle();
  assert.deepEqual(calls, [['1', DIGEST_OPTIONS], ['1', DER_OPTIONS], ['2', DIGEST_OPTIONS]]);
  assert.deepEqual(chains, [['1', withDer], ['2', si]], 'the unknown chain goes on with its DER, the known one with digests only');
  assert.equal(DIGEST_OPTIONS.rawDER, undefined);
  assert.equal(DER_OPTIONS.rawDER, true);
});

test('when the DER call fails or finds nothing, the digests still go on to be judged', async () => {
  const logs = [];
  const chains = [];
  const failing = headersListener({
    getSecurityInfo: async (id, opts) => { if (opts.rawDER) throw new Error('gone'); return si; },
    onChain: (d, s) => chains.push(s), log: (...a) => logs.push(a[0]) });
  assert.deepEqual(await failing({ requestId: '1', tabId: 1 }), {});
  const empty = headersListener({ getSecurityInfo: fakeSecurityInfo([], { der: { state: 'insecure' } }), onChain: (d, s) => chains.push(s) });
  assert.deepEqual(await empty({ requestId: '2', tabId: 1 }), {});
  await settle();
  assert.deepEqual(chains, [si, si]);
  assert.deepEqual(logs, ['getSecurityInfo (DER) failed']);
});

test('a throwing cache check counts as unknown', async () => {
  const calls = [];
  const listener = headersListener({ getSecurityInfo: fakeSecurityInfo(calls), known: () => { throw new Error('x'); }, onChain: () => {} });
  await listener({ requestId: '5', tabId: 3 });
  assert.deepEqual(calls.map((c) => c[1]), [DIGEST_OPTIONS, DER_OPTIONS]);
});

test('the chain is handed on before the response is let through, and never awaited', async () => {
  const order = [];
  let finish;
  const listener = headersListener({ getSecurityInfo: async () => si, known: () => true,
    onChain: (d, s) => {
      order.push(['chain', d.requestId, s]);
      // work the chain starts (a host trip) does not hold the response
      return new Promise((r) => { finish = r; });
    } });
  const p = listener({ requestId: '8', tabId: 2 }).then(() => order.push(['returned']));
  await p;
  assert.deepEqual(order.map((o) => o[0]), ['chain', 'returned'], 'the verdict is recorded before the commit can happen');
  assert.equal(order[0][2], si);
  finish();
});

test('background requests, insecure connections and getSecurityInfo failures pass untouched', async () => {
  let chains = 0;
  const onChain = () => { chains++; };
  assert.deepEqual(headersListener({ getSecurityInfo: async () => si, onChain })({ requestId: '1', tabId: -1 }), {});
  assert.deepEqual(await headersListener({ getSecurityInfo: async () => ({ state: 'insecure' }), onChain })({ requestId: '2', tabId: 1 }), {});
  const logs = [];
  assert.deepEqual(await headersListener({ getSecurityInfo: async () => { throw new Error('gone'); }, onChain, log: (...a) => logs.push(a) })(
    { requestId: '3', tabId: 1 }), {});
  const throwing = headersListener({ getSecurityInfo: async () => si, known: () => true, onChain: () => { throw new Error('boom'); },
    log: (...a) => logs.push(a) });
  assert.deepEqual(await throwing({ requestId: '4', tabId: 1 }), {});
  await settle();
  await flush();
  assert.equal(chains, 0);
  assert.deepEqual(logs.map((l) => l[0]), ['getSecurityInfo failed', 'chain handling failed']);
});
