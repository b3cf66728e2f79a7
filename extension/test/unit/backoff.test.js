import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../../src/lib/backoff.js';

test('delays grow exponentially up to the cap, without jitter', () => {
  const b = new Backoff({ initialMs: 1000, maxMs: 10000, factor: 2, jitter: 0 });
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(() => b.next()), [1000, 2000, 4000, 8000, 10000, 10000]);
  b.reset();
  assert.equal(b.next(), 1000);
});

test('jitter stays within the spread and never exceeds the cap', () => {
  const lo = new Backoff({ initialMs: 1000, maxMs: 1500, jitter: 0.2 }, () => 0);
  const hi = new Backoff({ initialMs: 1000, maxMs: 1500, jitter: 0.2 }, () => 0.999999);
  assert.equal(lo.next(), 800);
  assert.equal(hi.next(), 1200);
  hi.next();
  assert.equal(hi.next(), 1500);
});
