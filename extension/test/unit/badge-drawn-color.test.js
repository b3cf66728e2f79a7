import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLORS, TEXT, badgeFor, drawnColor, globalBadge } from '../../src/lib/badge.js';
import { AppliedBadges } from '../../src/lib/applied-badges.js';
import { HOST_STATUS } from '../../src/lib/host-errors.js';

const notice = { level: 'notice', root: { subject: 'CN=Root N' } };
const blocked = { level: 'blocked', entry: { name: 'Entry B' } };
const recordOf = (page) => ({ url: 'https://a.test/', origin: 'https://a.test', page, frames: [] });
const shown = (b) => ({ text: b.text, color: drawnColor(b), title: b.title.map((d) => d.key).join('|') });

test('a badge with text keeps its colour; a badge without text (not drawn) carries the notice colour', () => {
  const ready = HOST_STATUS.READY;
  assert.equal(drawnColor(badgeFor({ record: recordOf(blocked), machine: null, hostStatus: ready })), COLORS.blocked);
  assert.equal(drawnColor(badgeFor({ record: recordOf(notice), machine: null, hostStatus: ready })), COLORS.notice);
  assert.equal(drawnColor(badgeFor({ record: null, machine: null, hostStatus: HOST_STATUS.MISSING })), COLORS.unavailable);
  const clean = badgeFor({ record: recordOf({ level: 'clean', root: { subject: 'CN=Root C' } }), machine: null, hostStatus: ready });
  assert.equal(clean.text, TEXT.clean);
  assert.equal(drawnColor(clean), COLORS.notice);
  assert.equal(drawnColor(globalBadge({ machine: null, hostStatus: ready })), COLORS.notice);
});

/** A fake browser action: the tab's own values, dropped on the navigation's reset, over the global ones. */
function fakeAction() {
  const global = {};
  const tabs = new Map();
  return {
    set(tabId, props, badge) {
      const own = tabId === undefined ? global : tabs.get(tabId) ?? {};
      for (const p of props) own[p] = badge[p];
      if (tabId !== undefined) tabs.set(tabId, own);
    },
    reset: (tabId) => tabs.delete(tabId),
    shows: (tabId) => Object.fromEntries(['text', 'color', 'title'].map((p) => [p, tabs.get(tabId)?.[p] ?? global[p]])),
  };
}

test('one tab from page to page: a repeated notice page costs text and title (no colour call), and every drawn badge is right', () => {
  const ready = HOST_STATUS.READY;
  const a = new AppliedBadges({ resetsAnnounced: true });
  const browser = fakeAction();
  const idle = shown(globalBadge({ machine: null, hostStatus: ready }));
  browser.set(undefined, a.setGlobal(idle), idle);
  const clean = { level: 'clean', root: { subject: 'CN=Root C' } };
  const calls = [];
  for (const page of [notice, notice, notice, clean, notice, blocked, notice, clean, clean]) {
    browser.reset(1);
    a.mayReset(1); // the location change that came with the reset
    const want = shown(badgeFor({ record: recordOf(page), machine: null, hostStatus: ready }));
    const props = a.toSet(1, want);
    browser.set(1, props, want);
    calls.push(props.join(','));
    const seen = browser.shows(1);
    assert.equal(seen.text, want.text);
    assert.equal(seen.title, want.title);
    if (want.text) assert.equal(seen.color, want.color, `a drawn badge has its colour (${page.level})`);
  }
  assert.deepEqual(calls, ['text,color,title', 'text,title', 'text,title', 'text,title', 'text,title',
    'text,color,title', 'text,color,title', 'text,title', 'title']);
});
