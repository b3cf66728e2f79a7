import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LruCache, ProbeCache } from '../../src/lib/cache.js';

test('LRU evicts the least recently used and expires by TTL', () => {
  let now = 0;
  const c = new LruCache({ max: 2, ttlMs: 100, now: () => now });
  c.set('a', 1);
  c.set('b', 2);
  c.get('a');
  c.set('c', 3);
  assert.equal(c.get('b'), undefined);
  assert.equal(c.get('a'), 1);
  now = 101;
  assert.equal(c.get('a'), undefined);
  assert.equal(c.size, 1);
});

test('routine probes run once per origin; concurrent callers share one probe', async () => {
  const p = new ProbeCache();
  let calls = 0;
  const probe = async () => ({ level: 'blocked', n: ++calls });
  const [a, b] = await Promise.all([p.run('https://x', 'routine', probe), p.run('https://x', 'routine', probe)]);
  assert.equal(a, b);
  await p.run('https://x', 'routine', probe);
  assert.equal(calls, 1);
  assert.equal(p.peek('https://x').verdict.level, 'blocked');
});

test('error probes re-run unless the cached result is fresh', async () => {
  let now = 0;
  const p = new ProbeCache({ errorFreshMs: 1000, now: () => now });
  let calls = 0;
  const probe = async () => ({ n: ++calls });
  await p.run('https://x', 'routine', probe);
  now = 500;
  await p.run('https://x', 'error', probe);
  assert.equal(calls, 1);
  now = 2000;
  const e = await p.run('https://x', 'error', probe);
  assert.equal(calls, 2);
  assert.equal(e.verdict.n, 2);
});

test('failed probes are reported and not cached', async () => {
  const p = new ProbeCache();
  const fail = async () => { throw Object.assign(new Error('refused'), { code: 'TIMEOUT' }); };
  const e = await p.run('https://y', 'routine', fail);
  assert.equal(e.verdict, null);
  assert.equal(e.error.code, 'TIMEOUT');
  assert.equal(p.peek('https://y'), undefined);
});

test('probe results survive a JSON round trip (storage.session) without overwriting newer ones', async () => {
  const a = new ProbeCache();
  await a.run('https://x', 'routine', async () => ({ level: 'notice' }));
  const b = new ProbeCache();
  await b.run('https://y', 'routine', async () => ({ level: 'clean' }));
  b.restore(JSON.parse(JSON.stringify(a)));
  b.restore([['https://y', { verdict: { level: 'blocked' } }], ['https://z', { verdict: null }]]);
  assert.equal(b.peek('https://x').verdict.level, 'notice');
  assert.equal(b.peek('https://y').verdict.level, 'clean');
  assert.equal(b.peek('https://z'), undefined);
});
