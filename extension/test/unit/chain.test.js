import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToBase64, chainCacheKey, checkChainRequest } from '../../src/lib/chain.js';

// shaped like Firefox's getSecurityInfo(id, {certificateChain: true, rawDER: true})
const si = {
  state: 'secure',
  certificates: [
    { subject: 'CN=localhost', isBuiltInRoot: false, rawDER: [48, 130, 1, 2], subjectPublicKeyInfoDigest: { sha256: 'leaf=' },
      fingerprint: { sha256: 'AA:BB' } },
    { subject: 'CN=Int', isBuiltInRoot: false, rawDER: [48, 3], subjectPublicKeyInfoDigest: { sha256: 'int=' } },
    { subject: 'CN=Root', isBuiltInRoot: false, rawDER: [48, 4, 255], subjectPublicKeyInfoDigest: { sha256: 'root=' } },
  ],
};

test('rawDER byte arrays become base64, leaf first, with the built-in flag', () => {
  const req = checkChainRequest(si, 'https://127.0.0.1:1/');
  assert.equal(req.url, 'https://127.0.0.1:1/');
  assert.deepEqual(req.chain.map((c) => c.rawDER), ['MIIBAg==', 'MAM=', 'MAT/']);
  assert.ok(req.chain.every((c) => c.isBuiltInRoot === false));
  assert.equal(bytesToBase64(new Uint8Array(70000).fill(65)).length, Math.ceil(70000 / 3) * 4);
});

test('without DER, hashes and names are sent; no chain → null', () => {
  const req = checkChainRequest({ certificates: [{ subject: 'CN=a', issuer: 'CN=b', subjectPublicKeyInfoDigest: { sha256: 'x=' },
    fingerprint: { sha256: 'AA' } }] });
  assert.deepEqual(req.chain[0], { spkiSha256: 'x=', sha256: 'AA', subject: 'CN=a', issuer: 'CN=b' });
  assert.equal(checkChainRequest({ state: 'insecure' }), null);
});

test('cache key: the CA path ending in the root SPKI, not the leaf', () => {
  const other = { certificates: [{ ...si.certificates[0], subjectPublicKeyInfoDigest: { sha256: 'otherleaf=' } }, ...si.certificates.slice(1)] };
  assert.equal(chainCacheKey(si), 'int=|root=#l');
  assert.equal(chainCacheKey(other), chainCacheKey(si));
  const builtin = { certificates: [si.certificates[0], si.certificates[1], { ...si.certificates[2], isBuiltInRoot: true }] };
  assert.notEqual(chainCacheKey(builtin), chainCacheKey(si));
  assert.equal(chainCacheKey({ certificates: [si.certificates[0]] }), 'leaf=#l');
  assert.equal(chainCacheKey({ certificates: [{}, {}] }), null);
});
