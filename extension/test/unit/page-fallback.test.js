import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageFallback } from '../../src/lib/page-fallback.js';

const IDLE = { text: '', color: '#a65100', title: 'Anchorwatch\nidle' };
const AMBER = { text: 'i', color: '#a65100', title: 'Anchorwatch\nroot added here: X' };
const RED = { text: '!', color: '#c5221f', title: 'Anchorwatch\nblocked: Y' };

test('a badge two pages in a row want becomes the inherited one; one page alone does not', () => {
  const f = new PageFallback();
  assert.equal(f.seen(AMBER, IDLE), null, 'one page');
  assert.deepEqual(f.seen({ ...AMBER }, IDLE), AMBER, 'the second in a row (equal by value)');
  assert.deepEqual(f.current, AMBER);
  assert.deepEqual(f.inherited(IDLE), AMBER, 'what tabs inherit from now on');
  assert.equal(f.seen(AMBER, AMBER), null, 'already inherited: nothing to move');
});

test('a different page breaks the streak; every property counts', () => {
  const f = new PageFallback();
  f.seen(AMBER, IDLE);
  assert.equal(f.seen(RED, IDLE), null, 'amber then red');
  assert.equal(f.seen(AMBER, IDLE), null, 'red then amber');
  assert.equal(f.seen({ ...AMBER, title: 'Anchorwatch\nroot added here: Z' }, IDLE), null, 'another root: another title');
  assert.equal(f.seen({ ...AMBER, color: '#000000', title: 'Anchorwatch\nroot added here: Z' }, IDLE), null, 'colour');
  assert.equal(f.current, null, 'nothing adopted');
  assert.deepEqual(f.inherited(IDLE), IDLE, 'the machine\'s own badge until a page badge is adopted');
});

test('the adopted badge follows the pages: a new run of equal pages moves it again, at most once a minute', () => {
  const f = new PageFallback({ streak: 3 });
  f.seen(RED, IDLE, 1000);
  f.seen(RED, IDLE, 1000);
  assert.deepEqual(f.seen(RED, IDLE, 1000), RED, 'a longer streak when asked; the first move is not held');
  f.seen(AMBER, RED, 2000);
  f.seen(AMBER, RED, 2000);
  assert.equal(f.seen(AMBER, RED, 60_999), null, 'less than a minute after the last move');
  assert.deepEqual(f.seen(AMBER, RED, 61_000), AMBER, 'a minute later: the run still holds, it moves');
  assert.equal(f.seen(RED, AMBER, 61_000), null);
  assert.equal(f.seen(RED, AMBER, 200_000), null, 'time alone moves nothing: the streak starts again');
  assert.deepEqual(f.inherited(IDLE), AMBER);
  const copy = f.current;
  assert.notEqual(copy, AMBER, 'kept as its own copy: a caller changing its badge object later changes nothing');
});
