import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyCertError } from '../../src/lib/cert-errors.js';

test('Chromium error strings', () => {
  assert.deepEqual(classifyCertError('net::ERR_CERT_KNOWN_INTERCEPTION_BLOCKED'), { error: 'net::ERR_CERT_KNOWN_INTERCEPTION_BLOCKED', kind: 'interception' });
  assert.equal(classifyCertError('net::ERR_CERT_AUTHORITY_INVALID').kind, 'untrusted');
  assert.equal(classifyCertError('net::ERR_CERT_REVOKED').kind, 'revoked');
  assert.equal(classifyCertError('net::ERR_CERT_DATE_INVALID').kind, 'other');
  assert.equal(classifyCertError('net::ERR_NAME_NOT_RESOLVED'), null);
  assert.equal(classifyCertError('net::ERR_ABORTED'), null);
});

test('Firefox error strings, bare or wrapped', () => {
  assert.equal(classifyCertError('SEC_ERROR_UNKNOWN_ISSUER').kind, 'untrusted');
  assert.equal(classifyCertError('MOZILLA_PKIX_ERROR_MITM_DETECTED').kind, 'interception');
  assert.deepEqual(classifyCertError('NS_ERROR_GENERATE_FAILURE (SEC_ERROR_REVOKED_CERTIFICATE)'), { error: 'SEC_ERROR_REVOKED_CERTIFICATE', kind: 'revoked' });
  assert.equal(classifyCertError('NS_ERROR_NET_ON_CONNECTING_TO'), null);
  assert.equal(classifyCertError(undefined), null);
});

test('Firefox webNavigation "Error code N" nsresults of the security module', () => {
  // observed: SEC_ERROR_UNKNOWN_ISSUER for a page whose root the profile does not trust
  assert.deepEqual(classifyCertError('Error code 2153390067'), { error: 'SEC_ERROR_UNKNOWN_ISSUER', kind: 'untrusted' });
  assert.equal(classifyCertError(`Error code ${0x805a0000 + 8180}`).kind, 'revoked');
  assert.equal(classifyCertError(`Error code ${0x805a0000 + 16369}`).kind, 'interception');
  assert.deepEqual(classifyCertError(`Error code ${0x805a0000 + 8100}`), { error: 'SEC_ERROR_8100', kind: 'other' });
  assert.equal(classifyCertError('Error code 2152398850'), null); // NS_BINDING_ABORTED-like, not security
  assert.equal(classifyCertError('Peer’s Certificate issuer is not recognized.'), null);
});
