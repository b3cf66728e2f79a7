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
