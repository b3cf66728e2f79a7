import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppliedBadges } from '../../src/lib/applied-badges.js';

const IDLE = { text: '', color: '#137333', title: 'Anchorwatch\nidle' };
const CLEAN = { text: '', color: '#137333', title: 'Anchorwatch\nclean: Root X' };
const RED = { text: '!', color: '#c5221f', title: 'Anchorwatch\nblocked' };
const ALL = ['text', 'color', 'title'];

/** A fake browser action: the tab's own values, dropped on reset, falling back to the global ones. */
class Action {
  constructor() {
    this.global = {};
    this.tabs = new Map();
  }
  set(tabId, props, badge) {
    const own = tabId === undefined ? this.global : this.tabs.get(tabId) ?? {};
    for (const p of props) own[p] = badge[p];
    if (tabId !== undefined) this.tabs.set(tabId, own);
  }
  reset(tabId) {
    this.tabs.delete(tabId);
  }
  shows(tabId) {
    const own = this.tabs.get(tabId) ?? {};
    return Object.fromEntries(ALL.map((p) => [p, own[p] ?? this.global[p]]));
  }
}

function setup(options) {
  const a = new AppliedBadges(options);
  const browser = new Action();
  browser.set(undefined, a.setGlobal(IDLE), IDLE);
  const apply = (tabId, badge) => {
    const props = a.toSet(tabId, badge);
    browser.set(tabId, props, badge);
    return props;
  };
  return { a, browser, apply };
}

test('a tab never seen gets every property; then only what differs is set', () => {
  const { a, browser, apply } = setup();
  assert.deepEqual(apply(1, CLEAN), ALL, 'unknown: its own values may be anything (a restarted background)');
  assert.deepEqual(apply(1, CLEAN), [], 'unchanged: no call');
  assert.deepEqual(apply(1, RED), ALL);
  assert.deepEqual(apply(1, { ...RED, title: 'other' }), ['title'], 'one property changed, one call');
  assert.deepEqual(apply(2, RED), ALL, 'per tab');
  a.forget(1);
  assert.deepEqual(apply(1, { ...RED, title: 'other' }), ALL, 'forgotten (a failed set): all again');
  assert.deepEqual(browser.shows(1), { ...RED, title: 'other' });
});

test('the global badge: only changed properties are set; a failure makes it and inheriting tabs unknown', () => {
  const { a, apply } = setup();
  assert.deepEqual(a.setGlobal(IDLE), [], 'unchanged');
  assert.deepEqual(a.setGlobal({ ...IDLE, text: '?' }), ['text']);
  apply(3, CLEAN);
  a.mayReset(3);
  a.globalUnknown();
  assert.deepEqual(apply(3, CLEAN), ALL, 'what the tab inherits is unknown');
});

test('after a possible reset a badge equal to the global one costs nothing; a differing property one call', () => {
  const { a, browser, apply } = setup();
  apply(1, CLEAN);
  browser.reset(1); // the commit
  a.mayReset(1);
  assert.deepEqual(apply(1, CLEAN), ['title'], 'text and colour are the global ones');
  browser.reset(1);
  a.mayReset(1);
  assert.deepEqual(apply(1, IDLE), ['title'], 'the old title may still be shown (no reset yet): it is set');
  a.mayReset(1);
  assert.deepEqual(apply(1, IDLE), [], 'the tab shows IDLE whether reset or not');
  assert.deepEqual(browser.shows(1), IDLE);
});

test('no stale badge when a possible reset did not happen (same-document navigation, a load that only starts)', () => {
  const { a, browser, apply } = setup();
  apply(1, RED);
  a.mayReset(1); // pushState: Firefox keeps the tab's values
  assert.deepEqual(apply(1, IDLE), ALL, 'the red values may still be there: all three are set back');
  assert.deepEqual(browser.shows(1), IDLE);
  apply(1, RED);
  a.mayReset(1);
  browser.reset(1);
  assert.deepEqual(apply(1, RED), ALL, 'after a real reset the red values are set again');
  assert.deepEqual(browser.shows(1), RED);
});

test('a global change reaches the tabs that inherit it: the next apply compares with the new global', () => {
  const { a, browser, apply } = setup();
  apply(1, RED);
  browser.reset(1);
  a.mayReset(1);
  const ALERT = { text: '!', color: '#c5221f', title: 'Anchorwatch\nmachine alert' };
  browser.set(undefined, a.setGlobal(ALERT), ALERT);
  assert.deepEqual(apply(1, ALERT), ['title'], 'text and colour: red either way; the title may be the old own one');
  assert.deepEqual(browser.shows(1), ALERT);
});

test('tab updates: URL and loading may reset; a URL and the completion apply, a starting load does not', () => {
  const { a, apply } = setup();
  apply(4, CLEAN);
  assert.equal(a.tabUpdated(4, { title: 'x' }), false, 'a title change is not about the badge');
  assert.deepEqual(apply(4, CLEAN), [], '... and changes nothing');
  assert.equal(a.tabUpdated(4, { status: 'loading' }), false, 'set now, the commit would wipe it');
  assert.deepEqual(apply(4, CLEAN), ['title'], 'a reload keeps its URL and is still reset');
  assert.equal(a.tabUpdated(4, { status: 'loading', url: 'https://a.example/' }), true);
  assert.deepEqual(apply(4, CLEAN), ['title']);
  assert.equal(a.tabUpdated(4, { status: 'complete' }), true, 'the net under anything the commit missed');
  assert.deepEqual(apply(4, CLEAN), [], 'costs nothing when the badge is right');
  assert.equal(a.tabUpdated(4, { status: 'complete', url: 'https://a.example/#x' }), true, 'same-document URL');
  assert.deepEqual(apply(4, CLEAN), ['title'], 'may have reset: applied (one call)');
});

test('Firefox: a commit seen before its https location change does not apply; the location change or the load\'s end does', () => {
  const { a } = setup({ resetsAnnounced: true });
  a.loadStarted(5, 'https://b.example/');
  assert.equal(a.committed(5), false, 'the location change (with the reset) is still to come and applies');
  assert.equal(a.tabUpdated(5, { url: 'https://b.example/' }), true);
  a.loadStarted(5, 'https://c.example/');
  a.tabUpdated(5, { url: 'https://c.example/' });
  assert.equal(a.committed(5), true, 'the location change came first: the commit applies the new record');
  assert.equal(a.committed(6), true, 'no load seen starting: apply');
  a.loadStarted(7, 'http://plain.example/');
  assert.equal(a.committed(7), true, 'no location change is announced for a page the extension cannot see');
  a.loadStarted(8, 'https://redirects.example/');
  assert.equal(a.committed(8), false);
  assert.equal(a.loadEnded(8), true, 'the end of the load is the net (a redirect to such a page)');
  assert.equal(a.committed(8), true);
  a.loadStarted(9, 'https://d.example/');
  a.removed(9);
  assert.equal(a.committed(9), true, 'a closed tab awaits nothing');
});

test('Chromium: every commit applies (the browser resets the tab before the event)', () => {
  const { a, browser, apply } = setup();
  apply(1, RED);
  a.tabUpdated(1, { status: 'loading' });
  browser.reset(1);
  a.loadStarted(1, 'https://x.example/');
  assert.equal(a.committed(1), true);
  assert.deepEqual(apply(1, RED), ALL);
  assert.equal(a.loadEnded(1), false, 'its net is the "complete" update');
  assert.deepEqual(browser.shows(1), RED);
});

test('random event orders: once every reset is announced, the tab shows the wanted badge', () => {
  let seed = 7;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed >>> 12) % n; // the low bits of this generator cycle too soon
  };
  const badges = [IDLE, CLEAN, RED, { ...RED, title: 'Anchorwatch\nother' }];
  for (const resetsAnnounced of [false, true]) {
    for (let run = 0; run < 500; run++) {
      const { a, browser, apply } = setup({ resetsAnnounced });
      let want = badges[rand(badges.length)];
      apply(1, want);
      let unannounced = 0; // resets whose tabs.onUpdated event has not reached the background yet
      for (let step = 0; step < 16; step++) {
        switch (rand(6)) {
          case 0: // a cross-document commit: the browser resets the tab; its event arrives later
            browser.reset(1);
            unannounced++;
            break;
          case 1: // the event of a reset (Firefox: the URL; Chromium: onCommitted comes after it too)
            if (unannounced === 0) break;
            unannounced--;
            if (a.tabUpdated(1, { status: 'loading', url: 'https://x.example/' })) apply(1, want);
            if (a.committed(1)) apply(1, want);
            break;
          case 2: // a same-document URL change: no reset
            if (a.tabUpdated(1, { status: 'complete', url: 'https://x.example/#y' })) apply(1, want);
            break;
          case 3: // the state changes (verdict, rescan)
            want = badges[rand(badges.length)];
            apply(1, want);
            break;
          case 4: // a load starts (no reset yet)
            a.loadStarted(1, rand(2) ? 'https://x.example/' : 'http://x.example/');
            a.tabUpdated(1, { status: 'loading' });
            break;
          default: // the load completes
            if (a.loadEnded(1)) apply(1, want);
            if (a.tabUpdated(1, { status: 'complete' })) apply(1, want);
        }
        if (unannounced === 0) assert.deepEqual(browser.shows(1), want, `run ${run} step ${step}`);
      }
    }
  }
});

test('a new tab shows the global badge: only what differs from it is set; a tab already known keeps its record', () => {
  const { a, browser, apply } = setup();
  const AMBER = { text: 'i', color: '#a65100', title: 'Anchorwatch\namber' };
  browser.set(undefined, a.setGlobal(AMBER), AMBER);
  a.created(1);
  assert.deepEqual(apply(1, AMBER), [], 'inherits the global amber: no call');
  a.created(2);
  assert.deepEqual(apply(2, IDLE), ['text', 'color', 'title'].filter((p) => IDLE[p] !== AMBER[p]), 'only what differs');
  assert.deepEqual(browser.shows(2), IDLE);
  apply(3, RED);
  a.created(3); // its events overtook its creation: RED is its own value now
  assert.deepEqual(apply(3, AMBER), ALL, 'still known as red: every property differs');
  assert.deepEqual(browser.shows(3), AMBER);
});

test('random event orders, several tabs and a moving global: every tab shows its badge once its resets are announced', () => {
  let seed = 11;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed >>> 12) % n;
  };
  const AMBER = { text: 'i', color: '#a65100', title: 'Anchorwatch\namber' };
  const badges = [IDLE, CLEAN, RED, AMBER, { ...AMBER, title: 'Anchorwatch\nother root' }];
  const TABS = [1, 2, 3];
  for (let run = 0; run < 500; run++) {
    const { a, browser, apply } = setup({ resetsAnnounced: true });
    const want = new Map();
    const unannounced = new Map(TABS.map((t) => [t, 0]));
    const applyAll = () => {
      for (const t of TABS) if (want.has(t)) apply(t, want.get(t));
    };
    for (const t of TABS) {
      if (rand(2)) a.created(t); // a new tab (shows the global) or one never seen (a restarted background)
      want.set(t, badges[rand(badges.length)]);
      apply(t, want.get(t));
    }
    for (let step = 0; step < 24; step++) {
      const t = TABS[rand(TABS.length)];
      switch (rand(7)) {
        case 0: // a cross-document navigation commits: the browser resets the tab
          browser.reset(t);
          unannounced.set(t, unannounced.get(t) + 1);
          break;
        case 1: // its location change reaches the background
          if (unannounced.get(t) === 0) break;
          unannounced.set(t, unannounced.get(t) - 1);
          if (a.tabUpdated(t, { url: 'https://x.example/' })) apply(t, want.get(t));
          break;
        case 2: // a same-document URL change: no reset
          if (a.tabUpdated(t, { url: 'https://x.example/#y' })) apply(t, want.get(t));
          break;
        case 3: // the tab's state changes (verdict, rescan)
          want.set(t, badges[rand(badges.length)]);
          apply(t, want.get(t));
          break;
        case 4: { // the global moves (a page badge adopted, or the machine's own changed), then every tab is re-applied
          const g = badges[rand(badges.length)];
          browser.set(undefined, a.setGlobal(g), g);
          applyAll();
          break;
        }
        case 5: // a commit seen through webNavigation
          a.loadStarted(t, 'https://x.example/');
          if (a.committed(t)) apply(t, want.get(t));
          break;
        default: // the load ends
          if (a.loadEnded(t)) apply(t, want.get(t));
      }
      for (const u of TABS) {
        if (unannounced.get(u) === 0) assert.deepEqual(browser.shows(u), want.get(u), `run ${run} step ${step} tab ${u}`);
      }
    }
  }
});
