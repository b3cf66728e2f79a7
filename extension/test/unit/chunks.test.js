import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkAssembler, ChunkError } from '../../src/lib/chunks.js';

function chunked(id, result, n) {
  const text = JSON.stringify(result);
  const size = Math.ceil(text.length / n);
  return Array.from({ length: n }, (_, i) => ({ id, type: 'scan', ok: true,
    chunk: { index: i, count: n, data: text.slice(i * size, (i + 1) * size) } }));
}

test('plain replies pass through', () => {
  const a = new ChunkAssembler();
  const r = { id: 1, type: 'hello', ok: true, result: { protocol: 1 } };
  assert.equal(a.push(r), r);
});

test('chunks are reassembled into the result, splitting anywhere (even inside a UTF-8 text)', () => {
  const a = new ChunkAssembler();
  const result = { findings: Array.from({ length: 50 }, (_, i) => ({ subject: `CN=Қазақстан ${i}` })) };
  const parts = chunked(7, result, 5);
  for (const p of parts.slice(0, 4)) assert.equal(a.push(p), null);
  assert.equal(a.pendingId, 7);
  assert.deepEqual(a.push(parts[4]), { id: 7, type: 'scan', ok: true, result });
  assert.equal(a.pendingId, undefined);
});

test('out-of-order, interleaved and malformed chunks are protocol errors', () => {
  const parts = chunked(3, { a: 1 }, 3);
  let a = new ChunkAssembler();
  a.push(parts[0]);
  assert.throws(() => a.push(parts[2]), ChunkError);
  a = new ChunkAssembler();
  a.push(parts[0]);
  assert.throws(() => a.push({ id: 9, ok: true, result: {} }), /interleaved/);
  a = new ChunkAssembler();
  assert.throws(() => a.push({ id: 1, chunk: { index: 0, count: 0, data: '' } }), /malformed/);
  a = new ChunkAssembler();
  assert.throws(() => a.push({ id: 1, chunk: { index: 0, count: 1, data: '{nope' } }), /not JSON/);
});
