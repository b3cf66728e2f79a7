// Shared set-up for one scenario: a temp home, a fresh test chain, an HTTPS server on 127.0.0.1.
import http from 'node:http';
import { TestHome } from './home.js';
import { makeChain } from './pki.js';
import { startServer } from './server.js';

export async function scenario(label, { rootName = `E2E ${label} Root`, sendRoot = true } = {}) {
  const home = new TestHome(label);
  const chain = makeChain(home.pki, rootName);
  const server = await startServer(chain, { sendRoot });
  return {
    home,
    chain,
    server,
    async close() {
      await server.close();
      home.cleanup();
    },
  };
}

/**
 * One scenario in one browser: set-up (host config, stores) before the browser starts, then the
 * body; the host log is appended to any failure; browser and scenario always closed.
 * @param {(home) => Promise<{close()}>} launch starts the browser for the scenario's home
 */
export async function runScenario(label, setup, body, launch) {
  const s = await scenario(label, setup.chainOptions);
  let browser;
  try {
    await setup(s);
    browser = await launch(s.home);
    await body(browser, s);
  } catch (e) {
    e.message += `\n--- host log ---\n${s.home.hostLog()}`;
    throw e;
  } finally {
    if (browser) await browser.close();
    await s.close();
  }
}

/** A plain-HTTP page on 127.0.0.1: no certificate at all, so nothing for the page to be judged on. */
export async function plainServer() {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>plain</title><p>plain http</p>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

/** A policy deny entry for a test root (interception tier, as a national MITM root would be). */
export function denyRoot(chain, name) {
  return { name, spkiSha256: chain.rootSpki, tier: 'interception', category: 'government-mitm',
    notes: 'E2E test root blocklisted through the local policy' };
}

