// Caches at their time limits, chain requests and cache keys from partial security infos, and the
// tab store's less common paths (late verdicts, error pages, frames, restored state).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LruCache, ProbeCache } from '../../src/lib/cache.js';
import { bytesToBase64, chainCacheKey, checkChainRequest } from '../../src/lib/chain.js';
import { TabStore } from '../../src/lib/tabs.js';

test('LRU entries live exactly ttlMs; without a clock of its own the cache uses Date.now', () => {
  let t = 1000;
  const c = new LruCache({ ttlMs: 100, now: () => t });
  c.set('a', 1);
  t = 1100;
  assert.equal(c.get('a'), 1, 'at ttlMs still fresh');
  t = 1201;
  assert.equal(c.get('a'), undefined);
  assert.equal(c.size, 0);
  const real = new LruCache({ ttlMs: 60000 });
  real.set('x', 'y');
  assert.equal(real.get('x'), 'y');
  real.delete('x');
  assert.equal(real.has('x'), false);
  real.set('z', 1);
  real.clear();
  assert.equal(real.size, 0);
});

test('probe cache: an error probe reuses a result younger than errorFreshMs only; failures keep code and message', async () => {
  let t = 10000;
  const c = new ProbeCache({ errorFreshMs: 1000, now: () => t });
  let probes = 0;
  const probe = async () => { probes++; return { level: 'clean' }; };
  await c.run('o', 'routine', probe);
  t = 10999;
  await c.run('o', 'error', probe);
  assert.equal(probes, 1, 'fresh: reused');
  t = 11000;
  await c.run('o', 'error', probe);
  assert.equal(probes, 2, 'exactly errorFreshMs old: probed again');
  assert.deepEqual((await c.run('p', 'routine', async () => { throw Object.assign(new Error('refused'), { code: 'PROBE_REFUSED' }); })).error,
    { code: 'PROBE_REFUSED', message: 'refused' });
  assert.deepEqual((await c.run('q', 'routine', async () => { throw 'bare'; })).error, { code: 'ERROR', message: 'bare' });
  assert.equal(c.peek('q'), undefined, 'failures are not cached');
  c.clear();
  assert.equal(c.peek('o'), undefined);
  const dated = new ProbeCache();
  const r = await dated.run('o', 'routine', probe);
  assert.ok(Math.abs(r.at - Date.now()) < 60000, 'Date.now by default');
});

test('probe cache restore: only entries with a verdict, never over a newer one, and only from an array', () => {
  const c = new ProbeCache({ now: () => 5 });
  c.restore('junk');
  c.restore([['a', { verdict: { level: 'clean' }, at: 1 }], ['b', { verdict: null, at: 1 }], ['c', null]]);
  assert.deepEqual(c.toJSON().map(([k]) => k), ['a']);
  c.restore([['a', { verdict: { level: 'blocked' }, at: 2 }]]);
  assert.equal(c.peek('a').verdict.level, 'clean');
});

test('checkChainRequest: digests and names when there is no raw DER, at most 16 certificates, the URL when given', () => {
  const cert = { subjectPublicKeyInfoDigest: { sha256: 'k' }, fingerprint: { sha256: 'f' }, subject: 'CN=s', issuer: 'CN=i', isBuiltInRoot: false };
  assert.deepEqual(checkChainRequest({ certificates: [cert] }, 'https://a/'), { chain: [{ spkiSha256: 'k', sha256: 'f', subject: 'CN=s', issuer: 'CN=i', isBuiltInRoot: false }], url: 'https://a/' });
  assert.deepEqual(checkChainRequest({ certificates: [{}] }), { chain: [{}] });
  assert.deepEqual(checkChainRequest({ certificates: [{ subjectPublicKeyInfoDigest: {}, fingerprint: {} }] }), { chain: [{}] });
  assert.deepEqual(checkChainRequest({ certificates: [{ rawDER: new Uint8Array([1, 2]), subject: 'CN=x' }] }), { chain: [{ rawDER: 'AQI=' }] });
  assert.equal(checkChainRequest({ certificates: Array(20).fill({}) }).chain.length, 16);
  assert.equal(checkChainRequest({ certificates: [] }), null);
  assert.equal(checkChainRequest(undefined), null);
  assert.equal(bytesToBase64([]), '');
  assert.equal(bytesToBase64(Array(0x8001).fill(65)), Buffer.alloc(0x8001, 65).toString('base64'));
});

test('chainCacheKey: every CA digest needed; the root’s built-in flag as b, l or u', () => {
  const c = (k, builtIn) => ({ subjectPublicKeyInfoDigest: { sha256: k }, isBuiltInRoot: builtIn });
  assert.equal(chainCacheKey({ certificates: [c('leaf'), c('int'), c('root', true)] }), 'int|root#b');
  assert.equal(chainCacheKey({ certificates: [c('leaf'), c('root', false)] }), 'root#l');
  assert.equal(chainCacheKey({ certificates: [c('self')] }), 'self#u');
  assert.equal(chainCacheKey({ certificates: [c('leaf'), c('int'), { isBuiltInRoot: true }] }), null);
  assert.equal(chainCacheKey({ certificates: [c('leaf'), null] }), null);
  assert.equal(chainCacheKey({ certificates: [] }), null);
  assert.equal(chainCacheKey(null), null);
});

const v = (level, extra = {}) => ({ level, ...extra });

test('tabs: a late verdict for the document shown leaves a pending navigation alone; a redirect replaces it', () => {
  const s = new TabStore();
  assert.equal(s.pending(1), null);
  s.navigationStarted(1, 'https://a.example/');
  s.committed(1, 'https://a.example/');
  s.navigationStarted(1, 'https://b.example/');
  assert.equal(s.mainVerdict(1, 'https://a.example/x', v('notice')), true, 'the committed record changed');
  assert.equal(s.pending(1).origin, 'https://b.example');
  assert.equal(s.pending(1).page, null);
  assert.equal(s.mainVerdict(1, 'https://c.example/', v('blocked')), false);
  assert.equal(s.pending(1).origin, 'https://c.example', 'a redirect');
  assert.equal(s.pending(1).page.level, 'blocked');
});

test('tabs: Firefox’s error page commit keeps the error record and takes a known verdict only when it has none', () => {
  const s = new TabStore();
  s.navigationStarted(1, 'https://a.example/');
  s.certError(1, 'https://a.example/', { kind: 'untrusted', error: 'E' });
  const rec = s.committed(1, 'https://a.example/', v('notice', { id: 'known' }));
  assert.equal(rec.certError.error, 'E');
  assert.equal(rec.page.id, 'known');
  assert.equal(s.committed(1, 'https://a.example/', v('blocked', { id: 'other' })).page.id, 'known');
  // another URL: a new record; a pending record keeps its own verdict over the known one
  s.navigationStarted(1, 'https://a.example/next');
  s.mainVerdict(1, 'https://a.example/next', v('clean', { id: 'own' }));
  assert.equal(s.committed(1, 'https://a.example/next', v('notice', { id: 'known' })).page.id, 'own');
  s.certError(1, 'https://a.example/other', { kind: 'untrusted', error: 'E' });
  assert.equal(s.get(1).page.id, 'own', 'the error page of the origin shown keeps its verdict');
  s.certError(1, 'https://z.example/', { kind: 'untrusted', error: 'E' });
  assert.equal(s.get(1).page, null);
});

test('tabs: a certificate error of a navigation to another origin keeps the pending verdict', () => {
  const s = new TabStore();
  s.navigationStarted(1, 'https://a.example/');
  s.committed(1, 'https://a.example/');
  s.mainVerdict(1, 'https://a.example/', v('clean', { id: 'shown' }));
  s.navigationStarted(1, 'https://b.example/');
  s.mainVerdict(1, 'https://b.example/', v('blocked', { id: 'pending' }));
  assert.equal(s.certError(1, 'https://b.example/', { kind: 'untrusted', error: 'E' }).page.id, 'pending');
});

test('tabs: frame verdicts by root key, else entry id, else the whole root; unknown tabs and clean frames change nothing', () => {
  const s = new TabStore();
  assert.equal(s.frameVerdict(9, v('blocked')), false);
  s.committed(1, 'https://a.example/');
  assert.equal(s.frameVerdict(1, v('clean', { root: { spkiSha256: 'k' } })), false);
  assert.equal(s.frameVerdict(1, null), false);
  assert.equal(s.frameVerdict(1, v('notice', { root: { spkiSha256: 'k1' } })), true);
  assert.equal(s.frameVerdict(1, v('blocked', { root: { spkiSha256: 'k1' } })), false);
  assert.equal(s.frameVerdict(1, v('notice', { root: { spkiSha256: 'k2' } })), true);
  assert.equal(s.frameVerdict(1, v('blocked', { entry: { id: 'e' } })), true);
  assert.equal(s.frameVerdict(1, v('blocked', { entry: { id: 'e' } })), false);
  assert.equal(s.frameVerdict(1, v('notice', { root: { subject: 'CN=x' } })), true);
  assert.equal(s.frameVerdict(1, v('notice', { root: { subject: 'CN=x' } })), false);
  assert.equal(s.frameVerdict(1, v('notice', { root: { subject: 'CN=y' } })), true);
  assert.equal(s.get(1).frames.length, 5);
  assert.deepEqual(s.tabIds(), [1]);
  assert.deepEqual(TabStore.fromJSON('junk').tabIds(), []);
  assert.deepEqual(TabStore.fromJSON(s.toJSON()).get(1).frames.length, 5);
});
