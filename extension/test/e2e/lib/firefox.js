// Firefox ESR (Debian package) through puppeteer-core over WebDriver BiDi, with the test build
// dist/firefox-e2e installed as a temporary add-on. The driver cannot reach the background page
// nor moz-extension:// pages, so the test-only content-script bridge carries the queries.
import puppeteer from 'puppeteer-core';
import { join } from 'node:path';
import { EXT, GECKO_ID, waitFor } from './home.js';

export const FIREFOX = '/usr/lib/firefox-esr/firefox-esr';

export class FirefoxSession {
  /** `lang` other than en: Firefox's own UI in that language (Debian's langpack), so the extension's messages follow. */
  static async launch(home, { lang = 'en' } = {}) {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: home.ffProfile,
      env: home.env({ MOZ_HEADLESS: '1' }),
      extraPrefsFirefox: {
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: '5d1f7e52-8c6a-4c1e-9a59-7d0c2b9f3e11' }),
        ...(lang === 'en' ? {} : { 'intl.locale.requested': lang, 'extensions.autoDisableScopes': 0 }),
      },
    });
    const id = await browser.installExtension(join(EXT, 'dist', 'firefox-e2e'));
    if (id !== GECKO_ID) throw new Error(`installed ${id}, expected ${GECKO_ID}`);
    return new FirefoxSession(browser);
  }

  constructor(browser) {
    this.browser = browser;
  }

  async open(url) {
    const page = await this.browser.newPage();
    try {
      await page.goto(url, { waitUntil: 'load', timeout: 20000 });
    } catch (e) {
      if (!/SEC_ERROR|MOZILLA_PKIX|NS_ERROR|ERR_CERT/i.test(e.message)) throw e;
    }
    return page;
  }

  /** Sends a query through the bridge in `page` and returns the background's answer. */
  async query(page, q, timeoutMs = 10000) {
    return page.evaluate((query, ms) => new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ bridgeError: 'no answer (content script missing?)' }), ms);
      const h = (e) => {
        if (e.source === window && e.data && e.data.e2eReply) {
          window.removeEventListener('message', h);
          clearTimeout(timer);
          resolve(JSON.parse(e.data.e2eReply));
        }
      };
      window.addEventListener('message', h);
      window.postMessage({ e2eQuery: query }, '*');
    }), q, timeoutMs);
  }

  /** The badge of `tabId`, or of the page's own tab. */
  async badge(page, tabId) {
    return this.query(page, { e2e: 'badge', tabId });
  }

  waitBadge(page, accept, timeoutMs = 20000, tabId = undefined) {
    return waitFor(() => this.badge(page, tabId), accept, { timeoutMs });
  }

  /** The popup's rendered text for this page's tab (the background opens popup.html?tab=…). */
  async popupText(page) {
    return this.query(page, { e2e: 'popupText' }, 15000);
  }

  close() {
    return this.browser.close();
  }
}
