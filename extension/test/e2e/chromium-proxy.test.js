// Real Chromium + the built host jar: probes follow the browser's proxy or do not happen.
// Proxies are set by the extension's own chrome.proxy.settings (as the person's would be) and
// every proxy and server is on 127.0.0.1.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { ChromiumSession } from './lib/chromium.js';
import { CHROMIUM_ID, nssTrust, waitFor } from './lib/home.js';
import { startConnectProxy } from './lib/proxy.js';
import { denyRoot, runScenario } from './lib/scenario.js';

const test = (name, fn) => nodeTest(name, { timeout: 90000 }, fn);
const RED = '#c5221f';

function run(label, setup, body) {
  return runScenario(label, setup, body, (home) => ChromiumSession.launch(home));
}

const setProxy = (b, value) => b.sw.evaluate((v) => chrome.proxy.settings.set({ value: v, scope: 'regular' }), value);

test('chromium proxy 1: HTTP proxy → the probe goes through it with the page name (never resolved locally) → red badge', async () => {
  const name = 'E2E Policy Block P1';
  await run('p1', (s) => {
    s.home.hostConfig({ deny: [denyRoot(s.chain, name)] });
    s.home.installHost();
  }, async (b, s) => {
    const proxy = await startConnectProxy(s.server.port);
    try {
      // <-loopback>: Chromium would otherwise bypass any proxy for loopback addresses
      await setProxy(b, { mode: 'fixed_servers', rules: { singleProxy: { scheme: 'http', host: '127.0.0.1', port: proxy.port },
        bypassList: ['<-loopback>'] } });
      await b.waitPath((p) => p?.mode === 'http' && p.port === proxy.port);
      // a name under .invalid: the host refuses to resolve it, so only the proxy can have reached the server
      const authority = `page.anchorwatch-e2e.invalid:${s.server.port}`;
      const url = `https://${authority}/`;
      await b.open(url);
      const tabId = await b.tabId(url);
      const badge = await b.waitBadge(tabId, (x) => x.text === '!');
      assert.equal(badge.text, '!', JSON.stringify(badge));
      assert.equal(badge.color, RED);
      assert.match(badge.title, new RegExp(name));
      assert.ok(proxy.targets.filter((t) => t === authority).length >= 2,
        `the browser's connection and the probe both asked the proxy for ${authority}: ${JSON.stringify(proxy.targets)}`);
      const { text } = await b.popup(tabId, `127.0.0.1:${proxy.port}`);
      assert.match(text, /Checks go through your proxy/);
    } finally {
      await proxy.close();
    }
  });
});

test('chromium proxy 2: PAC script → no probe of its own, and the popup and options page say why', async () => {
  const name = 'E2E Policy Block P2';
  await run('p2', (s) => {
    nssTrust(s.home.nssdb, 'e2e-root', s.chain.rootPath); // the page loads fine: only a routine probe could judge it
    s.home.hostConfig({ deny: [denyRoot(s.chain, name)] });
    s.home.installHost();
  }, async (b, s) => {
    await setProxy(b, { mode: 'pac_script', pacScript: { data: 'function FindProxyForURL(url, host) { return "DIRECT"; }' } });
    await b.waitPath((p) => p?.mode === 'unknown' && p.why === 'pac');
    const page = await b.open(s.server.url);
    assert.equal(await page.title(), 'e2e page');
    const tabId = await b.tabId(s.server.url);
    assert.equal(await b.probeStarted(new URL(s.server.url).origin), false, 'a PAC set-up is never probed around');
    assert.equal((await b.badge(tabId)).text, '');
    const { text } = await b.popup(tabId, 'proxy auto-configuration script');
    assert.match(text, /opens no connections of its own/);
    const options = await b.ctx.newPage();
    await options.goto(`chrome-extension://${CHROMIUM_ID}/options.html`);
    const optionsText = await waitFor(() => options.evaluate(() => document.body.innerText), (t) => typeof t === 'string'
      && t.includes('proxy auto-configuration script'), { timeoutMs: 10000 });
    assert.match(optionsText, /proxy auto-configuration script/);
  });
});
