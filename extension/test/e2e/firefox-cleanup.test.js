// Guided cleanup in real Firefox ESR with the built host jar. WebDriver BiDi (puppeteer) refuses
// moz-extension:// pages, so this one test drives Firefox over Marionette (lib/marionette.js):
// the popup and the cleanup page are real extension tabs, clicked with trusted clicks.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { MOZ_BASE, MarionetteSession } from './lib/marionette.js';
import { nssList, nssTrust, waitFor } from './lib/home.js';
import { denyRoot, plainServer, scenario } from './lib/scenario.js';

const test = (name, fn) => nodeTest(name, { timeout: 120000 }, fn);
const NAME = 'Test national interception root';
const NICK = 'National Security Certificate';
const LISTED = new RegExp(`^${NICK}\\s+C,,\\s*$`, 'm');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitText(b, css, want, timeoutMs = 20000) {
  const got = await waitFor(() => b.text(css), (x) => typeof x === 'string' && x.includes(want), { timeoutMs });
  assert.ok(typeof got === 'string' && got.includes(want), `${css} never showed "${want}":\n${JSON.stringify(got)}`);
  return got;
}

async function next(b, step) {
  await b.click('#next');
  const at = await waitFor(() => b.exec('return document.body.dataset.step'), (x) => x === step, { timeoutMs: 15000 });
  assert.equal(at, step);
  assert.doesNotMatch(await b.text(), /null|undefined|\$ARG|\bcleanup[A-Z]\w+/);
}

/** Badge of a tab, read by the extension's own popup page (the current window must be it). */
function badge(b, tabId) {
  return b.execAsync(`const tabId = args[0];
    return { text: await browser.action.getBadgeText({ tabId }), title: await browser.action.getTitle({ tabId }) };`, tabId);
}

test('firefox cleanup (Marionette): popup → every step → gone from the NSS db, alert gone; confirm from the popup refused; Undo restores C,,', async () => {
  const s = await scenario('fcu');
  const plain = await plainServer();
  let b;
  try {
    nssTrust(s.home.nssdb, NICK, s.chain.rootPath);
    s.home.hostConfig({ stores: [`nss:${s.home.nssdb}`], deny: [{ ...denyRoot(s.chain, NAME), references: [] }] });
    s.home.installHost();
    b = await MarionetteSession.launch(s.home);
    await b.openTab(plain.url);
    const popup = await b.openTab(`${MOZ_BASE}popup.html?tab=-1`);
    // without the tabs permission Firefox hides other tabs' URLs: ask the background which tab it recorded for the page
    const tabId = await waitFor(() => b.execAsync(`for (const t of await browser.tabs.query({})) {
        const st = await browser.runtime.sendMessage({ type: 'getState', tabId: t.id });
        if (st?.model?.tab?.url === args[0]) return t.id;
      }
      return null;`, plain.url), Number.isInteger, { timeoutMs: 10000 });
    assert.ok(Number.isInteger(tabId), `plain tab id: ${tabId}`);
    const alarm = await waitFor(() => badge(b, tabId), (x) => x?.text === '!', { timeoutMs: 30000 });
    assert.equal(alarm.text, '!', `machine-wide alert before the cleanup: ${JSON.stringify(alarm)}`);
    await b.exec('location.replace(arguments[0])', `popup.html?tab=${tabId}`);
    await waitText(b, '#machine-body', `Remove “${NAME}”…`);

    // the finding's own button (a link with target=_blank): the cleanup page opens in a new tab
    const before = new Set(await b.handles());
    await b.click('#machine-body a[data-spki]');
    const cleanup = await b.waitNewHandle(before);
    await b.switchTo(cleanup);
    await b.waitUrl((u) => u.startsWith(`${MOZ_BASE}cleanup.html?spki=`));
    await waitText(b, '#step-explain', `What is “${NAME}”?`);
    await next(b, 'where');
    assert.match(await b.text('#step-where'), /Google Chrome \/ Chromium \(your user account\)[\s\S]*delete the certificate/);
    assert.doesNotMatch(await b.text('#step-where'), new RegExp(NICK), 'the nickname only under Details');
    await next(b, 'backup');
    assert.match(await b.text('#step-backup'), /in your Anchorwatch data folder/);
    await next(b, 'remove');

    // a script's click gets no token
    await b.exec('document.getElementById("remove-confirm").click()');
    await sleep(1000);
    assert.match(nssList(s.home.nssdb), LISTED, 'a synthetic click removed nothing');

    await b.click('#remove-confirm');
    await waitText(b, '#remove-result', 'Done: changed in 1 place,');
    assert.match(await b.text('#progress'), /Backup: saved and checked[\s\S]*Change: removed/);
    assert.doesNotMatch(nssList(s.home.nssdb), new RegExp(NICK), 'certutil -L no longer lists it');
    await next(b, 'verify');
    await waitText(b, '#verify-body', `Verified: no trust store on this computer trusts “${NAME}” any more.`);
    await next(b, 'aftercare');
    assert.match(await b.text('#step-aftercare'), /is unknown[\s\S]*Change the passwords[\s\S]*Tor Browser/);
    await next(b, 'done');
    assert.match(await b.text('#step-done'), /is no longer trusted anywhere on this computer/);

    // back in the popup: the badge of the plain page is clear, the machine section clean, history
    await b.switchTo(popup);
    const clear = await waitFor(() => badge(b, tabId), (x) => x?.text === '', { timeoutMs: 20000 });
    assert.equal(clear.text, '', JSON.stringify(clear));
    assert.doesNotMatch(clear.title, /installed on this computer/);
    await b.exec('location.reload()');
    const clean = await waitText(b, 'body', 'Undo: put it back');
    assert.ok(clean.includes('No dangerous certificate on this computer (1 certificate list checked).'), clean);
    assert.ok(clean.includes('What to do now'), `the aftercare link stays:\n${clean}`);

    // confirm from the popup page is refused by the background; backups from it pass
    const refused = await b.execAsync(`return await new Promise((resolve) => {
      const port = browser.runtime.connect({ name: 'anchorwatch-cleanup' });
      const got = {};
      port.onMessage.addListener((m) => { got[m.rid] = m; if (got[1] && got[2]) resolve(got); });
      port.postMessage({ rid: 1, op: 'backups', args: {} });
      port.postMessage({ rid: 2, op: 'confirm', args: { planId: 'any' } });
    });`);
    assert.equal(refused[1].ok, true, JSON.stringify(refused));
    assert.equal(refused[2].error.code, 'FORBIDDEN_SENDER', JSON.stringify(refused));

    // Undo → certutil lists it again with C,, and the alert is back
    await b.click('button.undo');
    await waitText(b, '#history', 'It will be trusted again');
    await b.click('[data-undo-no]');
    assert.doesNotMatch(nssList(s.home.nssdb), new RegExp(NICK), 'Cancel put nothing back');
    await b.click('button.undo');
    await b.click('[data-undo-yes]');
    await waitText(b, '#history', 'Put back in 1 place:');
    assert.match(nssList(s.home.nssdb), LISTED, 'certutil -L lists it again with C,,');
    const back = await waitFor(() => badge(b, tabId), (x) => x?.text === '!', { timeoutMs: 20000 });
    assert.equal(back.text, '!', JSON.stringify(back));
    assert.match(back.title, new RegExp(`installed on this computer: ${NAME}`));
  } catch (e) {
    e.message += `\n--- host log ---\n${s.home.hostLog()}`;
    throw e;
  } finally {
    if (b) await b.close();
    await plain.close();
    await s.close();
  }
});
