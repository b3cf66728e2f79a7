import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TabStore } from '../../src/lib/tabs.js';
import { blocked, clean, notice } from './fixtures.js';

test('a verdict that arrives before commit waits and is applied on commit', () => {
  const s = new TabStore();
  s.navigationStarted(1, 'https://a.example/x');
  assert.equal(s.mainVerdict(1, 'https://a.example/x', blocked()), false);
  assert.equal(s.get(1), null);
  assert.equal(s.pending(1).page.level, 'blocked');
  const rec = s.committed(1, 'https://a.example/x');
  assert.equal(rec.page.level, 'blocked');
  assert.equal(s.get(1).origin, 'https://a.example');
});

test('a verdict that arrives after commit updates the tab (returns true)', () => {
  const s = new TabStore();
  s.navigationStarted(1, 'https://a.example/');
  s.committed(1, 'https://a.example/');
  assert.equal(s.mainVerdict(1, 'https://a.example/', notice()), true);
  assert.equal(s.get(1).page.level, 'notice');
});

test('a new navigation does not inherit the previous page verdict; a late one for the old origin does not leak', () => {
  const s = new TabStore();
  s.navigationStarted(1, 'https://bad.example/');
  s.mainVerdict(1, 'https://bad.example/', blocked());
  s.committed(1, 'https://bad.example/');
  s.navigationStarted(1, 'https://good.example/');
  s.mainVerdict(1, 'https://good.example/', clean());
  assert.equal(s.get(1).page.level, 'blocked'); // still showing bad.example until commit
  s.committed(1, 'https://good.example/');
  assert.equal(s.get(1).page.level, 'clean');
  assert.equal(s.mainVerdict(1, 'https://bad.example/', blocked()), false);
  assert.equal(s.get(1).page.level, 'clean');
});

test('redirects: the verdict for the final origin replaces the pending record', () => {
  const s = new TabStore();
  s.navigationStarted(1, 'http://a.example/');
  s.mainVerdict(1, 'https://b.example/', notice());
  assert.equal(s.committed(1, 'https://b.example/').page.level, 'notice');
});

test('commit uses a cached verdict when none came with the navigation', () => {
  const s = new TabStore();
  assert.equal(s.committed(2, 'https://c.example/', blocked()).page.level, 'blocked');
  assert.equal(s.committed(2, 'https://d.example/').page, null);
});

test('certificate error pages carry the error and keep a pending verdict', () => {
  const s = new TabStore();
  s.navigationStarted(3, 'https://e.example/');
  s.mainVerdict(3, 'https://e.example/', blocked());
  const rec = s.certError(3, 'https://e.example/', { error: 'net::ERR_CERT_AUTHORITY_INVALID', kind: 'untrusted' });
  assert.equal(rec.certError.kind, 'untrusted');
  assert.equal(rec.page.level, 'blocked');
  s.navigationStarted(3, 'https://f.example/');
  assert.equal(s.committed(3, 'https://f.example/').certError, null);
});

test('Firefox commits its error page after onErrorOccurred: the error stays; a reload clears it', () => {
  const s = new TabStore();
  s.navigationStarted(7, 'https://e.example/');
  s.certError(7, 'https://e.example/', { error: 'SEC_ERROR_UNKNOWN_ISSUER', kind: 'untrusted' });
  const rec = s.committed(7, 'https://e.example/', blocked());
  assert.equal(rec.certError.error, 'SEC_ERROR_UNKNOWN_ISSUER');
  assert.equal(rec.page.level, 'blocked');
  s.navigationStarted(7, 'https://e.example/');
  assert.equal(s.committed(7, 'https://e.example/').certError, null);
});

test('sub-frame verdicts: only noteworthy ones, once each; reset by the next commit', () => {
  const s = new TabStore();
  s.committed(4, 'https://g.example/');
  assert.equal(s.frameVerdict(4, clean()), false);
  assert.equal(s.frameVerdict(4, blocked()), true);
  assert.equal(s.frameVerdict(4, blocked()), false);
  assert.equal(s.get(4).frames.length, 1);
  s.committed(4, 'https://h.example/');
  assert.equal(s.get(4).frames.length, 0);
  assert.equal(s.frameVerdict(99, blocked()), false);
});

test('survives a JSON round trip (storage.session across service-worker restarts)', () => {
  const s = new TabStore();
  s.committed(5, 'https://i.example/', notice());
  s.removed(6);
  const r = TabStore.fromJSON(JSON.parse(JSON.stringify(s)));
  assert.equal(r.get(5).page.level, 'notice');
  r.removed(5);
  assert.equal(r.get(5), null);
});

test('the pending navigation starting again (Firefox: another process) keeps its verdict; another URL does not', () => {
  const s = new TabStore();
  const red = { level: 'blocked', source: 'chain' };
  assert.equal(s.navigationStarted(3, 'https://a.example/'), true);
  s.mainVerdict(3, 'https://a.example/', red);
  assert.equal(s.navigationStarted(3, 'https://a.example/'), false, 'the same navigation');
  assert.deepEqual(s.committed(3, 'https://a.example/').page, red, 'the verdict reached the commit');
  assert.equal(s.navigationStarted(3, 'https://a.example/'), true, 'a reload after the commit is a new navigation');
  s.mainVerdict(3, 'https://a.example/', red);
  assert.equal(s.navigationStarted(3, 'https://a.example/b'), true);
  assert.equal(s.pending(3).page, null, 'another URL starts afresh');
});

test('a tab that left its https page for one the extension cannot see drops that record, and only that one', () => {
  const s = new TabStore();
  assert.equal(s.left(1, 'https://a.example'), false, 'an unknown tab');
  s.navigationStarted(1, 'https://a.example/x');
  s.mainVerdict(1, 'https://a.example/x', blocked());
  s.committed(1, 'https://a.example/x');
  assert.equal(s.left(1, undefined), false, 'no https page announced for the tab');
  assert.equal(s.left(1, 'https://b.example'), false, 'a late event about another page: the newer record stays');
  assert.equal(s.get(1).page.level, 'blocked');
  s.navigationStarted(1, 'https://c.example/');
  assert.equal(s.left(1, 'https://a.example'), true);
  assert.equal(s.get(1), null, 'nothing known about what the tab shows now');
  assert.equal(s.pending(1).url, 'https://c.example/', 'a navigation already under way is kept');
  assert.equal(s.left(1, 'https://a.example'), false, 'once');
  s.committed(1, 'https://c.example/');
  assert.equal(s.get(1).origin, 'https://c.example');
});
