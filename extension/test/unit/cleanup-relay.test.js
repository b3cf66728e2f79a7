import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEANUP_PORT, CleanupRelay, authorize, hostFields, pageOf } from '../../src/lib/cleanup-relay.js';
import { PageClient } from '../../src/lib/page-client.js';
import { HostError } from '../../src/lib/host-client.js';
import { flush } from './helpers.js';

const ID = 'agbciifedgognoeofdbbhobbeicmknep';
const BASE = `chrome-extension://${ID}/`;
const CTX = { extensionId: ID, baseUrl: BASE };
const CLEANUP = { id: ID, url: `${BASE}cleanup.html?spki=ab12` };
const POPUP = { id: ID, url: `${BASE}popup.html?tab=3` };
const OPTIONS = { id: ID, url: `${BASE}options.html` };

test('pageOf: only this extension\'s cleanup and popup pages, by parsed origin and path', () => {
  assert.equal(pageOf(`${BASE}cleanup.html?spki=x#step`, BASE), 'cleanup.html');
  assert.equal(pageOf(`${BASE}popup.html`, BASE), 'popup.html');
  assert.equal(pageOf(`${BASE}options.html`, BASE), null);
  assert.equal(pageOf(`${BASE}sub/cleanup.html`, BASE), null);
  assert.equal(pageOf('chrome-extension://otherextensionidxxxxxxxxxxxxxxxx/cleanup.html', BASE), null);
  assert.equal(pageOf(`https://evil.example/${BASE}cleanup.html`, BASE), null);
  assert.equal(pageOf(`https://evil.example/cleanup.html`, BASE), null);
  assert.equal(pageOf('not a url', BASE), null);
  assert.equal(pageOf(undefined, BASE), null);
  const moz = 'moz-extension://5d1f7e52-8c6a-4c1e-9a59-7d0c2b9f3e11/';
  assert.equal(pageOf(`${moz}cleanup.html?sha256=aa`, moz), 'cleanup.html');
});

test('authorize: confirm, plan and apply only from the cleanup page; backups, verify and restore also from the popup', () => {
  for (const op of ['plan', 'confirm', 'apply']) {
    assert.deepEqual(authorize(op, CLEANUP, CTX), { ok: true, page: 'cleanup.html' });
    assert.equal(authorize(op, POPUP, CTX).code, 'FORBIDDEN_SENDER', `${op} from the popup`);
    assert.equal(authorize(op, OPTIONS, CTX).code, 'FORBIDDEN_SENDER');
  }
  for (const op of ['backups', 'verify', 'restore']) {
    assert.equal(authorize(op, CLEANUP, CTX).ok, true);
    assert.equal(authorize(op, POPUP, CTX).ok, true);
  }
  // a content script of a web page has our id but the page's URL; another extension has its id
  assert.equal(authorize('confirm', { id: ID, url: 'https://127.0.0.1:4443/' }, CTX).code, 'FORBIDDEN_SENDER');
  assert.equal(authorize('confirm', { id: 'other', url: CLEANUP.url }, CTX).code, 'FORBIDDEN_SENDER');
  assert.equal(authorize('confirm', undefined, CTX).code, 'FORBIDDEN_SENDER');
  assert.equal(authorize('scan', CLEANUP, CTX).code, 'UNKNOWN_OP');
  assert.equal(authorize('__proto__', CLEANUP, CTX).code, 'UNKNOWN_OP');
  assert.equal(authorize('constructor', CLEANUP, CTX).code, 'UNKNOWN_OP');
});

test('hostFields: only the allowed fields, type-checked; a page cannot set id or type', () => {
  assert.deepEqual(hostFields('apply', { planId: 'p', token: 't', id: 7, type: 'scan', extra: 1 }), { planId: 'p', token: 't' });
  assert.deepEqual(hostFields('plan', { sha256: 'ab', distrust: true }), { sha256: 'ab', distrust: true });
  assert.deepEqual(hostFields('plan', { sha256: 'ab', distrust: null }), { sha256: 'ab' });
  assert.deepEqual(hostFields('restore', { backupId: 'b', steps: [0, 2] }), { backupId: 'b', steps: [0, 2] });
  assert.deepEqual(hostFields('backups', null), {});
  assert.throws(() => hostFields('apply', { planId: 'p' }), (e) => e.code === 'MISSING_FIELD');
  assert.throws(() => hostFields('plan', { sha256: 5 }), (e) => e.code === 'MISSING_FIELD');
  assert.throws(() => hostFields('plan', { sha256: 'a', distrust: 'yes' }), (e) => e.code === 'BAD_ARGUMENT');
  assert.throws(() => hostFields('restore', { backupId: 'b', steps: [-1] }), (e) => e.code === 'BAD_ARGUMENT');
});

/** Both ends of a runtime port, as the browser would hand them to the page and the background. */
function portPair(sender) {
  const a = { msg: [], disc: [] };
  const b = { msg: [], disc: [] };
  let open = true;
  const close = (side) => { open = false; side.disc.forEach((cb) => cb()); };
  const background = { name: CLEANUP_PORT, sender, postMessage: (m) => { if (!open) throw new Error('closed'); queueMicrotask(() => a.msg.forEach((cb) => cb(structuredClone(m)))); },
    onMessage: (cb) => b.msg.push(cb), onDisconnect: (cb) => b.disc.push(cb) };
  const page = { postMessage: (m) => { if (!open) throw new Error('closed'); queueMicrotask(() => b.msg.forEach((cb) => cb(structuredClone(m)))); },
    onMessage: (cb) => a.msg.push(cb), onDisconnect: (cb) => a.disc.push(cb), close: () => close(b), dropFromBackground: () => close(a) };
  return { background, page };
}

function fakeHost(handler) {
  const calls = [];
  return { calls, request: async (type, fields, opts) => { calls.push({ type, fields }); return handler(type, fields, opts); } };
}

function setup(sender, handler, extra = {}) {
  const host = fakeHost(handler);
  const audit = [];
  const changes = [];
  const relay = new CleanupRelay({ host, ...CTX, audit: (e) => audit.push(e), afterChange: async (op) => { changes.push(op); }, ...extra });
  const { background, page } = portPair(sender);
  assert.equal(relay.connect(background), true);
  const client = new PageClient({ connect: () => page });
  return { host, audit, changes, relay, client, page };
}

test('relay: the cleanup page gets a token and applies; progress frames arrive before the result; the background rescans after apply', async () => {
  const { host, client, changes, audit } = setup(CLEANUP, async (type, fields, opts) => {
    if (type === 'confirm') return { planId: fields.planId, token: 'tok', expiresInSeconds: 600 };
    if (type === 'apply') {
      opts.onProgress({ phase: 'backup', step: 0, status: 'saved', message: '/b' });
      opts.onProgress({ phase: 'remove', step: 0, status: 'removed', message: 'db#x' });
      return { backupId: 'b1' };
    }
    throw new HostError('UNKNOWN_TYPE', type);
  });
  const { token } = await client.call('confirm', { planId: 'p1' });
  const seen = [];
  const result = await client.call('apply', { planId: 'p1', token }, { onProgress: (p) => seen.push(p.phase) });
  assert.deepEqual(result, { backupId: 'b1' });
  assert.deepEqual(seen, ['backup', 'remove']);
  assert.deepEqual(host.calls.map((c) => c.type), ['confirm', 'apply']);
  assert.deepEqual(host.calls[1].fields, { planId: 'p1', token: 'tok' });
  assert.deepEqual(changes, ['apply']);
  assert.deepEqual(audit.map((a) => `${a.op}:${a.outcome}`), ['confirm:ok', 'apply:ok']);
});

test('relay: confirm from the popup is refused before it reaches the host; backups from the popup pass', async () => {
  const { host, client, audit } = setup(POPUP, async (type) => (type === 'backups' ? { backups: [] } : { token: 'leak' }));
  await assert.rejects(client.call('confirm', { planId: 'p1' }), (e) => e.code === 'FORBIDDEN_SENDER');
  await assert.rejects(client.call('apply', { planId: 'p1', token: 'x' }), (e) => e.code === 'FORBIDDEN_SENDER');
  assert.deepEqual(await client.call('backups'), { backups: [] });
  assert.deepEqual(host.calls.map((c) => c.type), ['backups']);
  assert.deepEqual(audit.map((a) => a.outcome), ['FORBIDDEN_SENDER', 'FORBIDDEN_SENDER', 'ok']);
});

test('relay: a content script (our id, a web page URL) gets nothing; other port names are not taken', async () => {
  const { host, client } = setup({ id: ID, url: 'http://127.0.0.1:8080/', tab: { id: 4 } }, async () => ({}));
  await assert.rejects(client.call('confirm', { planId: 'p' }), (e) => e.code === 'FORBIDDEN_SENDER');
  await assert.rejects(client.call('restore', { backupId: 'b' }), (e) => e.code === 'FORBIDDEN_SENDER');
  assert.equal(host.calls.length, 0);
  const relay = new CleanupRelay({ host, ...CTX });
  assert.equal(relay.connect({ name: 'other', sender: CLEANUP }), false);
});

test('relay: host errors come back with their code; a failed restore still triggers the rescan', async () => {
  const { client, changes } = setup(POPUP, async (type) => {
    throw new HostError(type === 'restore' ? 'REMOVE_FAILED' : 'BUSY', 'x');
  });
  await assert.rejects(client.call('restore', { backupId: 'b' }), (e) => e.code === 'REMOVE_FAILED');
  await assert.rejects(client.call('backups'), (e) => e.code === 'BUSY');
  assert.deepEqual(changes, ['restore']);
  await assert.rejects(client.call('restore', {}), (e) => e.code === 'MISSING_FIELD');
});

test('relay: the page closing during apply does not break the relay; the rescan still runs', async () => {
  let finish;
  const { client, changes, page } = setup(CLEANUP, (type, f, opts) => new Promise((resolve) => {
    finish = () => { opts.onProgress({ phase: 'done' }); resolve({ backupId: 'b' }); };
  }));
  client.call('apply', { planId: 'p', token: 't' }); // never settles: the page is gone
  await flush();
  page.close();
  finish();
  await flush();
  assert.deepEqual(changes, ['apply']);
});

test('page client: a closed port fails pending calls, and the next call opens a new port', async () => {
  let n = 0;
  const ports = [];
  const client = new PageClient({ connect: () => {
    n += 1;
    const { page } = portPair(CLEANUP);
    ports.push(page);
    return page;
  } });
  const r = client.call('backups');
  ports[0].dropFromBackground();
  await assert.rejects(r, (e) => e.code === 'BACKGROUND_GONE');
  client.call('backups').catch(() => {});
  assert.equal(n, 2);
});
