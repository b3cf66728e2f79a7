// Distinguished names and URLs at their edges: attribute boundaries, separators, spacing, a
// trailing backslash; which schemes have an origin; IPv6 brackets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonName, originOf, probeTarget } from '../../src/lib/names.js';

test('CN is a whole attribute, found across every separator, spaced as it comes', () => {
  assert.equal(commonName('OU=x; CN = Root C '), 'Root C');
  assert.equal(commonName('O=Org+CN=Multi'), 'Multi');
  assert.equal(commonName('XCN=Fake,O=Org'), 'Org', 'XCN is not CN');
  assert.equal(commonName('CNX=Fake,O=Org'), 'Org');
  assert.equal(commonName('CN\t=Tab'), 'Tab');
  assert.equal(commonName(' cn=lower'), 'lower');
  assert.equal(commonName('CN=A,B'), 'A');
  assert.equal(commonName('CN=A;B'), 'A');
  assert.equal(commonName('OU=x, O = Spaced Org '), 'Spaced Org');
  assert.equal(commonName('OU=x,XO=No'), 'OU=x,XO=No');
  assert.equal(commonName('OU=x,O\t=Tab Org'), 'Tab Org');
  assert.equal(commonName(' OU=only '), 'OU=only');
  assert.equal(commonName('CN=ends with\\'), 'ends with\\', 'a trailing backslash is kept');
  assert.equal(commonName(42), '42');
});

test('origins only for http and https; probe targets only for https with brackets removed from IPv6', () => {
  assert.equal(originOf('http://a.example:8080/x'), 'http://a.example:8080');
  assert.equal(originOf('ftp://a.example/'), null);
  assert.equal(originOf('not a url'), null);
  assert.deepEqual(probeTarget('https://a.example/'), { host: 'a.example', port: 443 });
  assert.deepEqual(probeTarget('https://[2001:db8::1]:444/'), { host: '2001:db8::1', port: 444 });
});
