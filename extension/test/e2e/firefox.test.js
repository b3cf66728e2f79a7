// Real Firefox ESR + the built host jar. Badges are read back through the test-only bridge.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { FirefoxSession } from './lib/firefox.js';
import { hex } from './lib/chromium.js';
import { nssTrust, withoutSystemHost } from './lib/home.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeChain } from './lib/pki.js';
import { startServer } from './lib/server.js';
import { denyRoot, plainServer, runScenario } from './lib/scenario.js';

// every scenario gets a hard limit so that a wedged browser fails the test instead of the run
const test = (name, fn) => nodeTest(name, { timeout: 90000 }, fn);

const RED = '#c5221f';
const AMBER = '#a65100';
const GREY = '#5f6368';

function run(label, setup, body, { lang } = {}) {
  return runScenario(label, setup, body, (home) => FirefoxSession.launch(home, { lang }));
}

// Firefox trusts the test root through its own profile database
const trustInProfile = (s) => nssTrust(s.home.ffProfile, 'e2e-root', s.chain.rootPath);

test('firefox 1: chain from getSecurityInfo, root blocklisted through the local policy → red badge naming the entry', async () => {
  const name = 'E2E Policy Block F1';
  await run('f1', (s) => {
    trustInProfile(s);
    s.home.hostConfig({ deny: [denyRoot(s.chain, name)] });
    s.home.installHost();
  }, async (b, s) => {
    const page = await b.open(s.server.url);
    assert.equal(await page.title(), 'e2e page');
    const badge = await b.waitBadge(page, (x) => x.text === '!');
    assert.equal(badge.text, '!', JSON.stringify(badge));
    assert.equal(hex(badge.color), RED);
    assert.match(badge.title, new RegExp(name));
    assert.equal(badge.record.page.source, 'chain');
    assert.equal(badge.record.page.matchedIndex, 2, 'the root (third element) matched');
  });
});

test('firefox 2: root trusted in the profile but not blocklisted → amber badge', async () => {
  await run('f2', (s) => {
    trustInProfile(s);
    s.home.hostConfig({});
    s.home.installHost();
  }, async (b, s) => {
    const page = await b.open(s.server.url);
    const badge = await b.waitBadge(page, (x) => x.text === 'i');
    assert.equal(badge.text, 'i', JSON.stringify(badge));
    assert.equal(hex(badge.color), AMBER);
    assert.match(badge.title, /E2E f2 Root/);
    assert.equal(badge.record.page.reason, 'non-built-in-root');
  });
});

test('firefox 3: host manifest absent → grey badge, popup explains how to install the host', async (t) => {
  await withoutSystemHost(t, 'firefox', () => run('f3', (s) => {
    trustInProfile(s);
    s.home.hostConfig({});
  }, async (b, s) => {
    const page = await b.open(s.server.url);
    // the host client retries a missing host (status "connecting" for a moment, then "missing"
    // again), and the reply reads the badge before the status: wait for both, not just the badge
    const badge = await b.waitBadge(page, (x) => x.text === '?' && x.host === 'missing');
    assert.equal(badge.text, '?', JSON.stringify(badge));
    assert.equal(hex(badge.color), GREY);
    assert.equal(badge.host, 'missing');
    assert.match(badge.title, /not installed/);
    const popup = await b.popupText(page);
    assert.match(popup.text ?? JSON.stringify(popup), /anchorwatch install --user/);
    assert.match(popup.text, /Not installed/);
  }));
});

async function machineAlert(label, plant) {
  const name = `E2E Planted Root ${label}`;
  const plain = await plainServer();
  try {
    await run(label, (s) => {
      s.home.hostConfig({ stores: [plant(s)], deny: [denyRoot(s.chain, name)] });
      s.home.installHost();
    }, async (b) => {
      const page = await b.open(plain.url);
      // the badge turns red before the notification is recorded (rescan applies badges, then
      // notifies): wait for both, not just the badge
      const badge = await b.waitBadge(page, (x) => x.text === '!' && x.lastNotification != null);
      assert.equal(badge.text, '!', JSON.stringify(badge));
      assert.equal(hex(badge.color), RED);
      assert.match(badge.title, new RegExp(`installed on this computer: ${name}`));
      // headless Firefox shows no notifications (getAll is empty): check the one the extension raised
      assert.deepEqual(badge.lastNotification, { key: name, error: null });
    });
  } finally {
    await plain.close();
  }
}

test('firefox 4: blocklisted root planted in the home NSS database → machine-wide alert on a clean page', async () => {
  await machineAlert('f4', (s) => {
    nssTrust(s.home.nssdb, 'planted', s.chain.rootPath);
    return `nss:${s.home.nssdb}`;
  });
});

test('firefox 4b: blocklisted root planted as a PEM anchor → machine-wide alert on a clean page', async () => {
  await machineAlert('f4b', (s) => `pem:${s.chain.rootPath}`);
});

test('firefox 6: certificate error page → probe names the blocklisted root → red badge', async () => {
  const name = 'E2E Policy Block F6';
  const plain = await plainServer();
  try {
    await run('f6', (s) => {
      // root not trusted: Firefox shows its certificate error page and no chain reaches the extension
      s.home.hostConfig({ deny: [denyRoot(s.chain, name)] });
      s.home.installHost();
    }, async (b, s) => {
      await b.open(s.server.url);
      // the error page runs no content script: ask through another tab for the error tab's badge
      const other = await b.open(plain.url);
      const tabs = await b.query(other, { e2e: 'tabs' });
      const errTab = tabs.find((x) => x.url === s.server.url);
      assert.ok(errTab, JSON.stringify(tabs));
      const badge = await b.waitBadge(other, (x) => x.text === '!', 20000, errTab.id);
      assert.equal(badge.text, '!', JSON.stringify(badge));
      assert.equal(hex(badge.color), RED);
      assert.match(badge.title, new RegExp(name));
      assert.equal(badge.record.page.source, 'probe');
      assert.match(badge.record.certError.error, /SEC_ERROR_UNKNOWN_ISSUER|MOZILLA_PKIX/);
    });
  } finally {
    await plain.close();
  }
});

// A person in Kazakhstan with Firefox in Russian or Kazakh: the root trusted by Firefox (the page
// loads) and in the user's Chrome database, which the host scans. The popup's visible text names
// the root and the place in that language, with no path, '#nickname' or jargon.
const FF_WORDS = {
  ru: ['Перехват', 'Где найден:', 'Google Chrome / Chromium (ваша учётная запись)', 'Этот компьютер'],
  kk: ['Ұстап алу', 'Қай жерде табылды:', 'Google Chrome / Chromium (сіздің тіркелгіңіз)', 'Осы компьютер'],
};
for (const lang of ['ru', 'kk']) {
  test(`firefox popup in ${lang}: the root named, the place in words, no path, '#', NSS/SPKI or English store label`, async () => {
    const name = 'Test national interception root';
    await run(`ff-${lang}`, (s) => {
      trustInProfile(s);
      nssTrust(s.home.nssdb, 'National Security Certificate', s.chain.rootPath);
      s.home.hostConfig({ stores: [`nss:${s.home.nssdb}`], deny: [denyRoot(s.chain, name)] });
      s.home.installHost();
    }, async (b, s) => {
      const page = await b.open(s.server.url);
      const badge = await b.waitBadge(page, (x) => x.text === '!' && x.title.split('\n').length >= 3);
      assert.equal(badge.text, '!', JSON.stringify(badge));
      const popup = await b.popupText(page);
      assert.equal(popup.lang, lang, `Firefox shows the ${lang} messages: ${JSON.stringify(popup)}`);
      for (const want of [...FF_WORDS[lang], name]) assert.ok(popup.text.toLowerCase().includes(want.toLowerCase()), `lacks ${want}:\n${popup.text}`);
      for (const bad of [s.home.nssdb, s.home.ffProfile, '#', 'NSS', 'SPKI', 'SHA-256', 'explicit nss store', 'хост'])
        assert.ok(!popup.text.includes(bad), `shows "${bad}":\n${popup.text}`);
      assert.doesNotMatch(popup.text, /\bM\d\d\b/);
    }, { lang });
  });
}

test('firefox 7: a clean page whose sub-frame is served through the blocklisted root → red badge from the frame chain', async () => {
  const name = 'E2E Policy Block F7 frame';
  let frame;
  try {
    await run('f7', async (s) => {
      // a second server with its own chain, framed by the clean page; both roots trusted in the profile
      mkdirSync(join(s.home.pki, 'frame'), { recursive: true });
      const frameChain = makeChain(join(s.home.pki, 'frame'), 'E2E f7 Frame Root');
      frame = await startServer(frameChain);
      nssTrust(s.home.ffProfile, 'e2e-root', s.chain.rootPath);
      nssTrust(s.home.ffProfile, 'e2e-frame-root', frameChain.rootPath);
      s.home.hostConfig({ deny: [denyRoot(frameChain, name)] });
      s.home.installHost();
    }, async (b, s) => {
      // the frame is on localhost, the page on 127.0.0.1: two origins, two TLS connections
      const page = await b.open(s.server.url);
      await page.evaluate((src) => new Promise((resolve) => {
        const f = document.createElement('iframe');
        f.onload = () => resolve();
        f.src = src;
        document.body.append(f);
      }), `https://localhost:${frame.port}/`);
      const badge = await b.waitBadge(page, (x) => x.text === '!');
      assert.equal(badge.text, '!', JSON.stringify(badge));
      assert.equal(hex(badge.color), RED);
      assert.match(badge.title, new RegExp(name));
      assert.notEqual(badge.record.page?.level, 'blocked', 'the page itself is not blocked: its frame is');
      assert.equal(badge.record.frames.length, 1);
      assert.equal(badge.record.frames[0].entry.name, name);
    });
  } finally {
    if (frame) await frame.close();
  }
});
