// Chromium (Debian package) through playwright-core, with the unpacked dist/chromium build.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { EXT, CHROMIUM_ID, waitFor } from './home.js';

export const CHROMIUM = '/usr/lib/chromium/chromium';

export function hex(color) {
  if (!Array.isArray(color)) return color;
  return `#${color.slice(0, 3).map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

export class ChromiumSession {
  static async launch(home, { lang = 'en' } = {}) {
    const ext = join(EXT, 'dist', 'chromium');
    const ctx = await chromium.launchPersistentContext(home.udd, {
      executablePath: CHROMIUM,
      headless: true,
      env: home.env({ LANGUAGE: lang, LANG: lang === 'en' ? 'en_US.UTF-8' : `${lang}_${lang.toUpperCase()}.UTF-8` }),
      args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu',
        `--lang=${lang}`, '--no-first-run', '--disable-background-networking', '--disable-component-update'],
      viewport: { width: 420, height: 900 },
    });
    let [sw] = ctx.serviceWorkers();
    if (!sw) sw = await ctx.waitForEvent('serviceworker', { timeout: 20000 });
    if (!sw.url().startsWith(`chrome-extension://${CHROMIUM_ID}/`)) throw new Error(`unexpected worker ${sw.url()}`);
    // started = the background has run its start-up (it sets the browser-wide title)
    await waitFor(() => sw.evaluate(() => chrome.action.getTitle({})), (title) => typeof title === 'string' && title.includes('\n'),
      { timeoutMs: 20000 });
    return new ChromiumSession(ctx, sw);
  }

  constructor(ctx, sw) {
    this.ctx = ctx;
    this.sw = sw;
  }

  /** Opens url in a new tab; a certificate error page is not a failure here. */
  async open(url) {
    const page = await this.ctx.newPage();
    try {
      await page.goto(url, { waitUntil: 'load', timeout: 20000 });
    } catch (e) {
      if (!/ERR_CERT_|net::/.test(e.message)) throw e;
    }
    return page;
  }

  /** The tab showing url (polled: an error page's tab may report its url a moment later). */
  async tabId(url) {
    return waitFor(() => this.sw.evaluate(async (u) => (await chrome.tabs.query({}))
      .find((t) => t.url === u || t.pendingUrl === u)?.id, url), (id) => Number.isInteger(id), { timeoutMs: 10000 });
  }

  async badge(tabId) {
    const b = await this.sw.evaluate(async (id) => ({
      text: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
      color: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
    }), tabId);
    return { ...b, color: hex(b.color) };
  }

  waitBadge(tabId, accept, timeoutMs = 20000) {
    return waitFor(() => this.badge(tabId), accept, { timeoutMs });
  }

  /** What the extension recorded about the machine-alert notification it raised (once per session). */
  async notified() {
    return this.sw.evaluate(() => chrome.storage.session.get(['notifiedKey', 'notificationError']));
  }

  /** The background's probe diagnostics: {path, done, running, committed} (origins only). */
  probes() {
    return this.sw.evaluate(() => globalThis.anchorwatchProbes());
  }

  /** Waits until the network path the background follows satisfies accept (after a proxy change). */
  waitPath(accept) {
    return waitFor(() => this.probes(), (p) => accept(p?.path), { timeoutMs: 10000 });
  }

  /**
   * Waits until the background has handled the page's load on origin, then returns whether a
   * probe of origin ever started. Deterministic: the routine probe decision is taken in the load
   * handler itself (after an already settled start-up), so once the load is recorded it is made.
   */
  async probeStarted(origin) {
    const p = await waitFor(() => this.probes(), (x) => Array.isArray(x?.loaded) && x.loaded.includes(origin), { timeoutMs: 15000 });
    if (!p?.loaded?.includes(origin)) throw new Error(`no load recorded for ${origin}: ${JSON.stringify(p)}`);
    return p.done.includes(origin) || p.running.includes(origin);
  }

  /** Polls notified() until accept(record): the record is written after the badge turns red. */
  waitNotified(accept, timeoutMs = 20000) {
    return waitFor(() => this.notified(), accept, { timeoutMs });
  }

  /** The real popup page, opened as a tab for a given tab id (as the toolbar popup would show it). */
  async popup(tabId, waitForText) {
    const page = await this.ctx.newPage();
    await page.goto(`chrome-extension://${CHROMIUM_ID}/popup.html?tab=${tabId}`);
    const text = await waitFor(() => page.evaluate(() => document.body.innerText), (s) => typeof s === 'string' && s.includes(waitForText),
      { timeoutMs: 10000 });
    return { page, text };
  }

  close() {
    return this.ctx.close();
  }
}
