// Every row of the certificate-error table and every security-module code Firefox reports as
// "Error code N" (NSS secerr.h, mozilla::pkix pkixnss.h, sslerr.h), with the ranges' edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyCertError } from '../../src/lib/cert-errors.js';

const nsresult = (prError) => `Error code ${0x805a0000 - prError}`;

test('each Chromium and Firefox name has its own kind', () => {
  const rows = {
    'net::ERR_CERT_SYMANTEC_LEGACY': 'distrusted', 'net::ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN': 'pinning',
    'net::ERR_CERTIFICATE_TRANSPARENCY_REQUIRED': 'other', 'SEC_ERROR_UNTRUSTED_ISSUER': 'untrusted',
    'SEC_ERROR_UNTRUSTED_CERT': 'untrusted', 'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT': 'untrusted',
    'MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED': 'distrusted', 'MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE': 'pinning',
    'SSL_ERROR_BAD_CERT_DOMAIN': 'other', 'SEC_ERROR_EXPIRED_CERTIFICATE': 'other',
  };
  for (const [error, kind] of Object.entries(rows)) assert.deepEqual(classifyCertError(error), { error, kind }, error);
});

test('the names match from their start only, after trimming', () => {
  assert.equal(classifyCertError('  net::ERR_CERT_REVOKED \n').kind, 'revoked');
  assert.equal(classifyCertError('see net::ERR_CERT_DATE_INVALID'), null);
  assert.equal(classifyCertError('XSSL_ERROR_BAD_CERT_DOMAIN'), null);
});

test('each known security-module code decodes to its name', () => {
  const codes = {
    [-8181]: 'SEC_ERROR_EXPIRED_CERTIFICATE', [-8172]: 'SEC_ERROR_UNTRUSTED_ISSUER', [-8171]: 'SEC_ERROR_UNTRUSTED_CERT',
    [-8162]: 'SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE', [-8156]: 'SEC_ERROR_CA_CERT_INVALID',
    [-16384]: 'MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE', [-16371]: 'MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED',
    [-16370]: 'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', [-12276]: 'SSL_ERROR_BAD_CERT_DOMAIN',
  };
  for (const [pr, name] of Object.entries(codes)) assert.equal(classifyCertError(nsresult(Number(pr)))?.error, name, name);
});

test('other codes count only inside the NSS and mozilla::pkix certificate ranges; "Error code" must be the whole text', () => {
  const generic = (pr) => classifyCertError(nsresult(pr))?.error ?? null;
  assert.equal(generic(-8192), 'SEC_ERROR_8192');
  assert.equal(generic(-7993), 'SEC_ERROR_7993');
  assert.equal(generic(-7992), null);
  assert.equal(generic(-8193), null);
  assert.equal(generic(-16383), 'SEC_ERROR_16383');
  assert.equal(generic(-16185), 'SEC_ERROR_16185');
  assert.equal(generic(-16184), null);
  assert.equal(generic(-16385), null);
  assert.equal(classifyCertError(`firefox: ${nsresult(-8179)}`), null);
  assert.equal(classifyCertError(`${nsresult(-8179)} (twice)`), null);
});
