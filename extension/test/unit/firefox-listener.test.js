import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SECURITY_INFO_OPTIONS, headersListener } from '../../src/lib/firefox-listener.js';
import { flush } from './helpers.js';

const si = { state: 'secure', certificates: [{ subjectPublicKeyInfoDigest: { sha256: 'x' } }] };

test('the listener returns as soon as getSecurityInfo answers, even if the host never does', async () => {
  const calls = [];
  const listener = headersListener({
    getSecurityInfo: async (id, opts) => {
      calls.push([id, opts]);
      return si;
    },
    onChain: () => new Promise(() => {}), // a host that never replies
  });
  const result = await Promise.race([listener({ requestId: '7', tabId: 1 }),
    new Promise((r) => setTimeout(() => r('held'), 200))]);
  assert.deepEqual(result, {});
  assert.deepEqual(calls, [['7', SECURITY_INFO_OPTIONS]]);
});

test('the chain is handed on after the listener returned', async () => {
  const order = [];
  const listener = headersListener({ getSecurityInfo: async () => si, onChain: (d, s) => order.push(['chain', d.requestId, s]) });
  const p = listener({ requestId: '8', tabId: 2 }).then(() => order.push(['returned']));
  await p;
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(order.map((o) => o[0]), ['returned', 'chain']);
  assert.equal(order[1][2], si);
});

test('background requests, insecure connections and getSecurityInfo failures pass untouched', async () => {
  let chains = 0;
  const onChain = () => { chains++; };
  assert.deepEqual(headersListener({ getSecurityInfo: async () => si, onChain })({ requestId: '1', tabId: -1 }), {});
  assert.deepEqual(await headersListener({ getSecurityInfo: async () => ({ state: 'insecure' }), onChain })({ requestId: '2', tabId: 1 }), {});
  const logs = [];
  assert.deepEqual(await headersListener({ getSecurityInfo: async () => { throw new Error('gone'); }, onChain, log: (...a) => logs.push(a) })(
    { requestId: '3', tabId: 1 }), {});
  const throwing = headersListener({ getSecurityInfo: async () => si, onChain: () => { throw new Error('boom'); }, log: (...a) => logs.push(a) });
  assert.deepEqual(await throwing({ requestId: '4', tabId: 1 }), {});
  await new Promise((r) => setTimeout(r, 5));
  await flush();
  assert.equal(chains, 0);
  assert.deepEqual(logs.map((l) => l[0]), ['getSecurityInfo failed', 'chain handling failed']);
});
