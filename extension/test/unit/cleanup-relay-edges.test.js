// The relay's validation at its limits and its bookkeeping: field lengths and step lists, pages
// with credentials or another scheme, what each refusal says, ops that trigger the rescan, and
// replies to a page that went away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEANUP_PORT, CleanupRelay, authorize, hostFields, pageOf } from '../../src/lib/cleanup-relay.js';

const ID = 'agbciifedgognoeofdbbhobbeicmknep';
const BASE = `chrome-extension://${ID}/`;
const CTX = { extensionId: ID, baseUrl: BASE };
const CLEANUP = { id: ID, url: `${BASE}cleanup.html` };

test('strings are 1..200 characters; steps at most 100 non-negative integers, every one checked', () => {
  assert.deepEqual(hostFields('confirm', { planId: 'p'.repeat(200) }), { planId: 'p'.repeat(200) });
  assert.throws(() => hostFields('confirm', { planId: 'p'.repeat(201) }), (e) => e.code === 'MISSING_FIELD' && e.message === 'confirm needs planId');
  assert.throws(() => hostFields('confirm', { planId: '' }), (e) => e.code === 'MISSING_FIELD');
  const hundred = Array.from({ length: 100 }, (_, i) => i);
  assert.deepEqual(hostFields('restore', { backupId: 'b', steps: hundred }).steps, hundred);
  assert.throws(() => hostFields('restore', { backupId: 'b', steps: [...hundred, 100] }), (e) => e.code === 'BAD_ARGUMENT' && e.message === 'restore: bad steps');
  assert.throws(() => hostFields('restore', { backupId: 'b', steps: [0, 1.5] }), (e) => e.code === 'BAD_ARGUMENT');
  assert.throws(() => hostFields('restore', { backupId: 'b', steps: { length: 1, 0: 0 } }), (e) => e.code === 'BAD_ARGUMENT');
  assert.deepEqual(hostFields('restore', { backupId: 'b', steps: [] }), { backupId: 'b', steps: [] });
  // verify and confirm take nothing optional: extra fields never reach the host
  assert.deepEqual(hostFields('verify', { sha256: 's', distrust: true, steps: [1] }), { sha256: 's' });
  assert.deepEqual(hostFields('confirm', { planId: 'p', distrust: true }), { planId: 'p' });
  // arrays and strings are not argument objects
  assert.throws(() => hostFields('confirm', ['p']), (e) => e.code === 'MISSING_FIELD');
  assert.throws(() => hostFields('confirm', 'planId'), (e) => e.code === 'MISSING_FIELD');
  const arrayWithField = Object.assign(['x'], { planId: 'p' });
  assert.throws(() => hostFields('confirm', arrayWithField), (e) => e.code === 'MISSING_FIELD');
});

test('pages: same scheme and host, no credentials, the base must have a host', () => {
  assert.equal(pageOf(`chrome-extension://user:pw@${ID}/cleanup.html`, BASE), null);
  assert.equal(pageOf(`chrome-extension://user@${ID}/cleanup.html`, BASE), null);
  assert.equal(pageOf(`moz-extension://${ID}/cleanup.html`, BASE), null);
  assert.equal(pageOf('file:///cleanup.html', 'file:///'), null);
  assert.equal(pageOf(`${BASE}/cleanup.html`, BASE), null);
  assert.equal(pageOf(`${BASE}xcleanup.html`, BASE), null);
});

test('what a refusal says', () => {
  assert.deepEqual(authorize('scan', CLEANUP, CTX), { ok: false, code: 'UNKNOWN_OP', message: 'op="scan"' });
  assert.deepEqual(authorize('confirm', { id: ID, url: `${BASE}popup.html` }, CTX),
    { ok: false, code: 'FORBIDDEN_SENDER', message: `op=confirm sender=${BASE}popup.html` });
  assert.deepEqual(authorize('confirm', undefined, CTX), { ok: false, code: 'FORBIDDEN_SENDER', message: 'op=confirm sender=?' });
});

/** A relay over a host that answers every op with {op}, or fails with `error`; records audit and rescans. */
function relay({ error = null } = {}) {
  const audit = [];
  const rescans = [];
  const r = new CleanupRelay({
    host: { request: async (op) => { if (error) throw error; return { op }; } },
    extensionId: ID, baseUrl: BASE, audit: (e) => audit.push(e), afterChange: async (op) => rescans.push(op),
  });
  return { r, audit, rescans };
}

test('verify, apply and restore trigger the rescan; the others do not', async () => {
  const { r, rescans } = relay();
  const posts = [];
  const args = { plan: { sha256: 's' }, confirm: { planId: 'p' }, apply: { planId: 'p', token: 't' }, verify: { sha256: 's' },
    backups: {}, restore: { backupId: 'b' } };
  for (const [op, a] of Object.entries(args)) await r.handle({ rid: op, op, args: a }, CLEANUP, (m) => posts.push(m));
  assert.deepEqual(rescans, ['apply', 'verify', 'restore']);
  assert.deepEqual(posts.map((p) => p.ok), [true, true, true, true, true, true]);
});

test('messages without a rid are ignored; rid 0 is answered', async () => {
  const { r, audit } = relay();
  const posts = [];
  await r.handle({ op: 'backups' }, CLEANUP, (m) => posts.push(m));
  await r.handle({ rid: null, op: 'backups' }, CLEANUP, (m) => posts.push(m));
  await r.handle(null, CLEANUP, (m) => posts.push(m));
  assert.deepEqual([posts, audit], [[], []]);
  await r.handle({ rid: 0, op: 'backups' }, CLEANUP, (m) => posts.push(m));
  assert.deepEqual(posts, [{ rid: 0, ok: true, result: { op: 'backups' } }]);
});

test('a refused sender is audited without a page; errors without a code are INTERNAL with their text', async () => {
  const { r, audit } = relay();
  const posts = [];
  await r.handle({ rid: 1, op: 'confirm' }, undefined, (m) => posts.push(m));
  assert.deepEqual(audit, [{ op: 'confirm', page: null, sender: null, outcome: 'FORBIDDEN_SENDER' }]);
  const failing = relay({ error: 'plain text failure' });
  const out = [];
  await failing.r.handle({ rid: 2, op: 'backups' }, CLEANUP, (m) => out.push(m));
  assert.deepEqual(out, [{ rid: 2, ok: false, error: { code: 'INTERNAL', message: 'plain text failure' } }]);
  assert.deepEqual(failing.audit, [{ op: 'backups', page: 'cleanup.html', sender: CLEANUP.url, outcome: 'INTERNAL' }]);
});

test('the port: only ours is taken; nothing is posted after the page disconnected', async () => {
  const { r } = relay();
  assert.equal(r.connect(null), false);
  assert.equal(r.connect({ name: 'other' }), false);
  const port = { name: CLEANUP_PORT, sender: CLEANUP, sent: [], msg: null, disc: null,
    postMessage(m) { this.sent.push(m); }, onMessage(cb) { this.msg = cb; }, onDisconnect(cb) { this.disc = cb; } };
  assert.equal(r.connect(port), true);
  port.msg({ rid: 1, op: 'backups' });
  await new Promise((res) => setImmediate(res));
  assert.equal(port.sent.length, 1);
  port.disc();
  port.msg({ rid: 2, op: 'backups' });
  await new Promise((res) => setImmediate(res));
  assert.equal(port.sent.length, 1, 'no reply to a closed page');
});
