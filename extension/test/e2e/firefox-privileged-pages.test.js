// Real Firefox ESR (the product build, over Marionette: WebDriver BiDi refuses privileged pages)
// with the built host jar. Once the browser-wide badge follows the pages (lib/page-fallback.js),
// a tab without values of its own shows a page's badge; Firefox's own pages (about:preferences,
// loaded in the browser process) send no webNavigation event, and must neither inherit an amber
// or red badge nor keep the record of the page the tab left.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { MOZ_BASE, MarionetteSession } from './lib/marionette.js';
import { nssTrust, waitFor } from './lib/home.js';
import { scenario } from './lib/scenario.js';
import { startServer } from './lib/server.js';

const test = (name, fn) => nodeTest(name, { timeout: 120000 }, fn);

/** Badge of a tab (or the browser-wide one), read by the extension's own popup page (the current window). */
function badge(b, tabId) {
  return b.execAsync(`const d = args[0] === null ? {} : { tabId: args[0] };
    return { text: await browser.action.getBadgeText(d), title: await browser.action.getTitle(d) };`, tabId ?? null);
}

test('firefox 10: a page badge adopted browser-wide never shows on about:preferences or about:addons', async () => {
  const s = await scenario('f10');
  const second = await startServer(s.chain);
  let b;
  try {
    nssTrust(s.home.ffProfile, 'e2e-root', s.chain.rootPath);
    s.home.hostConfig({});
    s.home.installHost();
    b = await MarionetteSession.launch(s.home);
    await b.openTab(s.server.url);
    await b.openTab(second.url);
    const popup = await b.openTab(`${MOZ_BASE}popup.html?tab=-1`);
    const tabOf = (url) => waitFor(() => b.execAsync(`for (const t of await browser.tabs.query({})) {
        const st = await browser.runtime.sendMessage({ type: 'getState', tabId: t.id });
        if (st?.model?.tab?.url === args[0]) return t.id;
      }
      return null;`, url), Number.isInteger, { timeoutMs: 15000 });
    const tabId = await tabOf(second.url);
    assert.ok(Number.isInteger(tabId), `tab of ${second.url}: ${tabId}`);
    const amber = (x) => x?.text === 'i' && /E2E f10 Root/.test(x.title);
    const noWarning = (x) => x?.text === '' && !/E2E f10 Root/.test(x.title);
    assert.ok(amber(await waitFor(() => badge(b, tabId), amber, { timeoutMs: 20000 })), 'the second amber page');
    const global = await waitFor(() => badge(b, null), amber, { timeoutMs: 20000 });
    assert.ok(amber(global), `two amber pages: amber is browser-wide: ${JSON.stringify(global)}`);

    for (const page of ['about:preferences', 'about:addons']) {
      // load it in the amber page's tab, as a person would from the address bar
      await b.m.send('Marionette:SetContext', { value: 'chrome' });
      try {
        await b.exec(`const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === arguments[0]);
          tab.linkedBrowser.fixupAndLoadURIString(arguments[1], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
        second.url, page);
      } finally {
        await b.m.send('Marionette:SetContext', { value: 'content' });
      }
      await b.switchTo(popup);
      const shown = await waitFor(() => badge(b, tabId), noWarning, { timeoutMs: 20000 });
      assert.ok(noWarning(shown), `${page}: ${JSON.stringify(shown)}`);
      const state = await b.execAsync('return browser.runtime.sendMessage({ type: \'getState\', tabId: args[0] });', tabId);
      assert.notEqual(state?.model?.tab?.url, second.url, `${page}: the popup no longer describes the page the tab left`);
      // back to the amber page in that tab, for the next one
      await b.m.send('Marionette:SetContext', { value: 'chrome' });
      try {
        await b.exec(`const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === arguments[0]);
          tab.linkedBrowser.fixupAndLoadURIString(arguments[1], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
        page, second.url);
      } finally {
        await b.m.send('Marionette:SetContext', { value: 'content' });
      }
      await b.switchTo(popup);
      assert.ok(amber(await waitFor(() => badge(b, tabId), amber, { timeoutMs: 20000 })), `back from ${page}`);
    }
  } finally {
    if (b) await b.close();
    await second.close();
    await s.close();
  }
});
