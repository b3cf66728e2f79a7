// Real Firefox ESR + the built host jar: one tab going from page to page keeps a right badge.
// Firefox drops a tab's badge values on every cross-document navigation (a reload too) and keeps
// them on a same-document one; the background sets only what differs from what the tab may be
// showing (lib/applied-badges.js), so a reset it missed would leave the global badge on a red
// page, and a reset it assumed wrongly would leave a red badge on a clean one.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FirefoxSession } from './lib/firefox.js';
import { hex } from './lib/chromium.js';
import { nssTrust, waitFor } from './lib/home.js';
import { makeChain } from './lib/pki.js';
import { startServer } from './lib/server.js';
import { denyRoot, plainServer, runScenario } from './lib/scenario.js';

const test = (name, fn) => nodeTest(name, { timeout: 120000 }, fn);

const RED = '#c5221f';
const AMBER = '#a65100';

test('firefox 8: one tab, red → amber → red → reload → same-document → plain http → red: every badge right, none stale', async () => {
  const name = 'E2E Policy Block F8';
  let amber;
  let plain;
  try {
    await runScenario('f8', async (s) => {
      mkdirSync(join(s.home.pki, 'amber'), { recursive: true });
      const amberChain = makeChain(join(s.home.pki, 'amber'), 'E2E f8 Amber Root');
      amber = await startServer(amberChain);
      plain = await plainServer();
      nssTrust(s.home.ffProfile, 'e2e-root', s.chain.rootPath);
      nssTrust(s.home.ffProfile, 'e2e-amber-root', amberChain.rootPath);
      s.home.hostConfig({ deny: [denyRoot(s.chain, name)] });
      s.home.installHost();
    }, async (b, s) => {
      const red = s.server.url;
      const isRed = (x) => x.text === '!' && hex(x.color) === RED && x.title.includes(name);
      const isAmber = (x) => x.text === 'i' && hex(x.color) === AMBER && /E2E f8 Amber Root/.test(x.title) && !x.title.includes(name);
      const page = await b.open(red);
      const first = await b.waitBadge(page, isRed);
      assert.ok(isRed(first), JSON.stringify(first));

      // another origin (port) with another chain, in the same tab
      await page.goto(amber.url, { waitUntil: 'load' });
      const a = await b.waitBadge(page, (x) => x.record?.url === amber.url && isAmber(x));
      assert.ok(isAmber(a), `the red page's values were reset and the amber ones set: ${JSON.stringify(a)}`);
      assert.equal(a.tabId, first.tabId, 'one tab');

      await page.goto(red, { waitUntil: 'load' });
      const back = await b.waitBadge(page, (x) => x.record?.url === red && isRed(x));
      assert.ok(isRed(back), JSON.stringify(back));

      await page.reload({ waitUntil: 'load' });
      // a reload keeps the URL and Firefox still resets the tab: the red values must be set again
      const reloaded = await b.waitBadge(page, isRed);
      assert.ok(isRed(reloaded), `after the reload: ${JSON.stringify(reloaded)}`);
      assert.equal(reloaded.record.url, red);

      // same-document navigations reset nothing and change nothing
      await page.evaluate(() => { history.pushState({}, '', '/elsewhere'); location.hash = '#part'; });
      const same = await b.badge(page);
      assert.ok(isRed(same), `after pushState and a fragment: ${JSON.stringify(same)}`);

      await page.goto(plain.url, { waitUntil: 'load' });
      // no text: nothing is drawn, whatever the colour; a textless badge carries the notice colour
      // (lib/badge.js drawnColor), so the red page's colour is not left behind either
      const clean = await b.waitBadge(page, (x) => x.record?.url === plain.url && x.text === '' && hex(x.color) === AMBER);
      assert.equal(clean.text, '', JSON.stringify(clean));
      assert.ok(!clean.title.includes(name), `no title of the red page left: ${clean.title}`);

      await page.goto(red, { waitUntil: 'load' });
      const again = await b.waitBadge(page, (x) => x.record?.url === red && isRed(x));
      assert.ok(isRed(again), JSON.stringify(again));
    }, (home) => FirefoxSession.launch(home));
  } finally {
    if (amber) await amber.close();
    if (plain) await plain.close();
  }
});

test('firefox 9: the browser-wide badge follows the pages; http, about:blank and a new tab still show no warning', async () => {
  let second;
  let third;
  let plain;
  try {
    await runScenario('f9', async (s) => {
      second = await startServer(s.chain);
      third = await startServer(s.chain);
      plain = await plainServer();
      nssTrust(s.home.ffProfile, 'e2e-root', s.chain.rootPath);
      s.home.hostConfig({});
      s.home.installHost();
    }, async (b, s) => {
      const isAmber = (x) => x.text === 'i' && hex(x.color) === AMBER && /E2E f9 Root/.test(x.title);
      const noWarning = (x) => x.text === '' && !/E2E f9 Root/.test(x.title);
      const page = await b.open(s.server.url);
      await b.waitBadge(page, (x) => x.record?.url === s.server.url && isAmber(x));
      await page.goto(second.url, { waitUntil: 'load' });
      const a = await b.waitBadge(page, (x) => x.record?.url === second.url && isAmber(x));
      // two amber pages in a row: amber becomes the badge every tab inherits
      const global = await waitFor(() => b.query(page, { e2e: 'global' }), (g) => g.text === 'i');
      assert.match(global.title, /E2E f9 Root/, JSON.stringify(global));

      // the next amber page costs no badge call at all
      const before = await b.query(page, { e2e: 'calls' });
      await page.goto(third.url, { waitUntil: 'load' });
      const c = await b.waitBadge(page, (x) => x.record?.url === third.url && isAmber(x));
      assert.equal(c.tabId, a.tabId, 'one tab');
      const after = await b.query(page, { e2e: 'calls' });
      for (const k of ['action.setBadgeText', 'action.setBadgeBackgroundColor', 'action.setTitle']) {
        assert.equal(after[k], before[k], `${k}: ${JSON.stringify({ before, after })}`);
      }

      // pages with nothing to judge get the no-warning badge as their own. `localhost`: the test
      // bridge's content script (and so its host permission) covers 127.0.0.1 only, as the product
      // has no http permission at all; another tab asks for this tab's badge.
      const asker = await b.open(s.server.url);
      const tabId = a.tabId;
      const plainUrl = plain.url.replace('127.0.0.1', 'localhost');
      await page.goto(plainUrl, { waitUntil: 'load' });
      const http = await b.waitBadge(asker, (x) => x.record?.url === plainUrl && noWarning(x), 20000, tabId);
      assert.ok(noWarning(http), JSON.stringify(http));
      await page.goto(s.server.url, { waitUntil: 'load' });
      await b.waitBadge(asker, (x) => x.record?.url === s.server.url && isAmber(x), 20000, tabId);
      await page.goto('about:blank', { waitUntil: 'load' });
      const blank = await b.waitBadge(asker, (x) => x.record?.url === 'about:blank' && noWarning(x), 20000, tabId);
      assert.ok(noWarning(blank), JSON.stringify(blank));

      // a new tab as a person opens one (Firefox's new-tab page, which it may swap in preloaded,
      // without a navigation the extension could see)
      const newTab = await b.query(asker, { e2e: 'newTab' });
      const shown = await b.waitBadge(asker, noWarning, 20000, newTab.id);
      assert.ok(noWarning(shown), `a new tab: ${JSON.stringify(shown)}`);
      await b.query(asker, { e2e: 'closeTab', tabId: newTab.id });
    }, (home) => FirefoxSession.launch(home));
  } finally {
    for (const server of [second, third, plain]) if (server) await server.close();
  }
});
