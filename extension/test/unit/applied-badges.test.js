import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppliedBadges } from '../../src/lib/applied-badges.js';

test('an unchanged badge is not applied again until the tab is forgotten', () => {
  const a = new AppliedBadges();
  const red = { text: '!', color: '#c5221f', title: 'Anchorwatch\nblocked' };
  assert.equal(a.changed(1, red), true);
  assert.equal(a.changed(1, { ...red }), false);
  assert.equal(a.changed(2, red), true, 'per tab');
  for (const k of ['text', 'color', 'title']) assert.equal(a.changed(1, { ...red, [k]: 'other' }), true, `${k} counts`);
  assert.equal(a.changed(1, red), true, 'back to red is a change too');
  a.forget(1);
  assert.equal(a.changed(1, red), true, 'after a commit reset the same badge is applied again');
  assert.equal(a.changed(2, red), false);
});

test('tab updates: status and URL changes forget the tab; a new URL and the completed load apply, a starting load does not', () => {
  const a = new AppliedBadges();
  const clean = { text: '', color: '#137333', title: 'Anchorwatch' };
  a.changed(4, clean);
  assert.equal(a.tabUpdated(4, { title: 'x' }), false, 'a title change is not about the badge');
  assert.equal(a.changed(4, clean), false, '... and keeps the memo');
  assert.equal(a.tabUpdated(4, { status: 'loading' }), false, 'set now, the commit would wipe it');
  assert.equal(a.changed(4, clean), true, 'but the memo is gone: a reload keeps its URL and is still reset');
  assert.equal(a.tabUpdated(4, { status: 'loading', url: 'https://a.example/' }), true);
  a.changed(4, clean);
  assert.equal(a.tabUpdated(4, { status: 'complete' }), true, 'the net under a late reset');
  assert.equal(a.changed(4, clean), true);
});
