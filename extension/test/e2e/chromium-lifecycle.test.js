// Real Chromium + the built host jar: what happens around the pages rather than on them. The
// service worker is stopped as Chromium stops idle workers; tabs opened before the extension
// started are swept; a host manifest that does not list the extension shows in the popup.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, ChromiumSession } from './lib/chromium.js';
import { CHROMIUM_ID, EXT, HOST_NAME, nssTrust, waitFor, withTimeout } from './lib/home.js';
import { denyRoot, runScenario } from './lib/scenario.js';

const test = (name, fn) => nodeTest(name, { timeout: 90000 }, fn);

function run(label, setup, body) {
  return runScenario(label, setup, body, (home) => ChromiumSession.launch(home));
}

const hostStarts = (home) => (home.hostLog().match(/ started by /g) ?? []).length;

test('chromium lifecycle 1: the service worker is stopped → it comes back with the badges and a new native port', async () => {
  const name = 'E2E Policy Block L1';
  await run('l1', (s) => {
    nssTrust(s.home.nssdb, 'e2e-root', s.chain.rootPath);
    s.home.hostConfig({ deny: [denyRoot(s.chain, name)] });
    s.home.installHost();
  }, async (b, s) => {
    await b.open(s.server.url);
    const tabId = await b.tabId(s.server.url);
    assert.equal((await b.waitBadge(tabId, (x) => x.text === '!')).text, '!');
    const startsBefore = hostStarts(s.home);
    // Stop the extension's worker the way Chromium does when it is idle: through a page of the
    // extension's own origin, whose CDP ServiceWorker domain covers that origin's workers.
    const extPage = await b.ctx.newPage();
    await extPage.goto(`chrome-extension://${CHROMIUM_ID}/options.html`);
    const cdp = await b.ctx.newCDPSession(extPage);
    await cdp.send('ServiceWorker.enable');
    const stopped = new Promise((resolve) => cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      if (e.versions.some((v) => v.runningStatus === 'stopped' && v.scriptURL.startsWith(`chrome-extension://${CHROMIUM_ID}/`))) resolve();
    }));
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    await extPage.close();
    // a navigation wakes it: a second tab on the same origin
    await b.open(s.server.url);
    // the restarted worker: the newest worker handle of the extension that answers
    const live = await waitFor(async () => {
      for (const w of b.ctx.serviceWorkers().reverse()) {
        if (!w.url().startsWith(`chrome-extension://${CHROMIUM_ID}/`)) continue;
        if (await withTimeout(w.evaluate(() => typeof globalThis.anchorwatchProbes), 2000).catch(() => null) === 'function') return w;
      }
      return null;
    }, (w) => w !== null, { timeoutMs: 20000 });
    assert.ok(live, 'the worker came back');
    b.sw = live;
    const tabs = await waitFor(() => b.sw.evaluate(async (u) => (await chrome.tabs.query({})).filter((t) => t.url === u).map((t) => t.id),
      s.server.url), (ids) => Array.isArray(ids) && ids.length === 2);
    const second = tabs.find((id) => id !== tabId);
    assert.equal((await b.waitBadge(second, (x) => x.text === '!')).text, '!', 'the new tab is red');
    assert.equal((await b.waitBadge(tabId, (x) => x.text === '!')).text, '!', 'the old tab is still red');
    // the probe result survived in storage.session: the origin is not probed a second time
    const p = await b.probes();
    assert.ok(p.done.includes(new URL(s.server.url).origin), JSON.stringify(p));
    // and the new worker opened its own native port: a second host process said hello
    const starts = await waitFor(() => hostStarts(s.home), (n) => n > startsBefore);
    assert.ok(starts > startsBefore, `host starts: ${startsBefore} → ${starts}`);
  });
});

test('chromium lifecycle 2: host manifest does not list the extension → popup says so and how to reinstall', async () => {
  await run('l2', (s) => {
    s.home.hostConfig({});
    s.home.installHost();
    const manifest = join(s.home.udd, 'NativeMessagingHosts', `${HOST_NAME}.json`);
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    m.allowed_origins = ['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/'];
    writeFileSync(manifest, JSON.stringify(m, null, 2));
  }, async (b, s) => {
    await b.open(s.server.url);
    const tabId = await b.tabId(s.server.url);
    const { text } = await b.popup(tabId, 'does not allow this extension');
    assert.match(text, /Installed, but does not allow this extension/);
    assert.match(text, /anchorwatch install --user/);
  });
});

test('chromium lifecycle 3: a tab open before the extension starts is swept and probed at start-up', async () => {
  const name = 'E2E Policy Block L3';
  const setup = (s) => {
    nssTrust(s.home.nssdb, 'e2e-root', s.chain.rootPath);
    s.home.hostConfig({ deny: [denyRoot(s.chain, name)] });
    s.home.installHost();
  };
  // no extension at launch: puppeteer installs it (CDP Extensions.loadUnpacked) once the tab has loaded
  await runScenario('l3', setup, async (browser, s) => {
    const page = await browser.newPage();
    await page.goto(s.server.url, { waitUntil: 'load' });
    assert.equal(await page.title(), 'e2e page');
    const id = await browser.installExtension(join(EXT, 'dist', 'chromium'));
    assert.equal(id, CHROMIUM_ID);
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${id}/`),
      { timeout: 20000 });
    const worker = await target.worker();
    const badge = await waitFor(() => worker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      return tab ? chrome.action.getBadgeText({ tabId: tab.id }) : null;
    }, s.server.url), (t) => t === '!');
    assert.equal(badge, '!', 'the tab that was already open was probed and turned red');
  }, (home) => puppeteer.launch({ executablePath: CHROMIUM, headless: true, pipe: true, enableExtensions: true,
    userDataDir: home.udd, env: home.env(), args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update'] }));
});

// An older host is a different program: a stand-in that speaks the framing and answers hello
// with protocol 0, as a host from before protocol 1 would (the real jar cannot be made older).
const OLD_HOST = `#!/usr/bin/env node
let buf = Buffer.alloc(0);
process.stdin.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32LE(0)) {
    const msg = JSON.parse(buf.subarray(4, 4 + buf.readUInt32LE(0)).toString('utf8'));
    buf = buf.subarray(4 + buf.readUInt32LE(0));
    const reply = Buffer.from(JSON.stringify({ id: msg.id, type: msg.type, ok: true,
      result: { host: '0.0.1', protocol: 0, blocklist: null, capabilities: ['hello'], caller: process.argv[2] } }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(reply.length);
    process.stdout.write(Buffer.concat([len, reply]));
  }
});
`;

test('chromium lifecycle 4: an outdated host (protocol 0) → popup says it is outdated and what to do', async () => {
  await run('l4', (s) => {
    s.home.hostConfig({});
    s.home.installHost();
    const oldHost = join(s.home.dir, 'old-host.js');
    writeFileSync(oldHost, OLD_HOST, { mode: 0o755 });
    const manifest = join(s.home.udd, 'NativeMessagingHosts', `${HOST_NAME}.json`);
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), path: oldHost }, null, 2));
  }, async (b, s) => {
    await b.open(s.server.url);
    const tabId = await b.tabId(s.server.url);
    const { text } = await b.popup(tabId, 'older than this extension needs');
    assert.match(text, /Outdated/);
    assert.match(text, /The helper program is older than this extension needs/);
  });
});
