// Chunked replies: each protocol violation is its own error, and the assembler starts afresh after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkAssembler, ChunkError } from '../../src/lib/chunks.js';

const chunk = (id, index, count, data, type = 'scan') => ({ id, type, ok: true, chunk: { index, count, data } });
const fails = (fn, re) => assert.throws(fn, (e) => e instanceof ChunkError && re.test(e.message));

test('frames that are not chunks pass through untouched when nothing is pending', () => {
  const a = new ChunkAssembler();
  assert.equal(a.pendingId, undefined);
  for (const f of [null, 'text', 7, { id: 1, ok: true, result: {} }]) assert.equal(a.push(f), f);
});

test('a second chunked reply before the first ended, or a chunk of another id, count or index, is out of order', () => {
  const a = new ChunkAssembler();
  a.push(chunk(1, 0, 3, '{'));
  assert.equal(a.pendingId, 1);
  fails(() => a.push(chunk(2, 0, 2, '{')), /before the previous one ended/);
  assert.equal(a.pendingId, undefined, 'the broken reply is dropped');
  assert.deepEqual(a.push(chunk(3, 0, 1, '{"a":1}')), { id: 3, type: 'scan', ok: true, result: { a: 1 } });
  for (const wrong of [chunk(9, 1, 3, '"'), chunk(1, 1, 4, '"'), chunk(1, 2, 3, '"')]) {
    a.push(chunk(1, 0, 3, '{'));
    fails(() => a.push(wrong), /out of order/);
    assert.equal(a.pendingId, undefined);
  }
  fails(() => a.push(chunk(1, 1, 3, '"')), /^chunk 1\/3 out of order$/);
});

test('malformed chunks: count, index or data of the wrong kind', () => {
  const a = new ChunkAssembler();
  for (const c of [{ index: 0, count: 0, data: '' }, { index: 0, count: 1.5, data: '' }, { index: 'x', count: 1, data: '' },
    { index: 0, count: 1, data: 7 }]) {
    fails(() => a.push({ id: 1, chunk: c }), /malformed chunk/);
  }
});
