// Guided cleanup in real Chromium with the built host jar: the popup's "Start cleanup", every
// step of the cleanup page clicked through, the certificate gone from the NSS database (certutil),
// the machine-wide alert gone, the backup in the popup's history, and Undo bringing it back.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChromiumSession } from './lib/chromium.js';
import { CHROMIUM_ID, REPO, nssList, nssTrust, waitFor } from './lib/home.js';
import { denyRoot, plainServer, scenario } from './lib/scenario.js';

const test = (name, fn) => nodeTest(name, { timeout: 120000 }, fn);
const RED = '#c5221f';
const NAME = 'Test national interception root';
const NICK = 'National Security Certificate';
const listed = (dir) => new RegExp(`^${NICK}\\s+C,,\\s*$`, 'm');

/** The test home: the root trusted (C,,) in $HOME/.pki/nssdb and blocklisted (interception) by the local policy. */
async function withCleanupCase(label, lang, body) {
  const s = await scenario(label);
  const plain = await plainServer();
  let browser;
  try {
    nssTrust(s.home.nssdb, NICK, s.chain.rootPath);
    s.home.hostConfig({ stores: [`nss:${s.home.nssdb}`], deny: [{ ...denyRoot(s.chain, NAME), references: [] }] });
    s.home.installHost();
    assert.match(nssList(s.home.nssdb), listed(), 'set-up: the root is in the NSS database with trust C,,');
    browser = await ChromiumSession.launch(s.home, { lang });
    const page = await browser.open(plain.url);
    const tabId = await browser.tabId(plain.url);
    const badge = await browser.waitBadge(tabId, (x) => x.text === '!');
    assert.equal(badge.text, '!', `machine-wide alert before the cleanup: ${JSON.stringify(badge)}`);
    assert.equal(badge.color, RED);
    await body({ b: browser, s, page, tabId });
  } catch (e) {
    e.message += `\n--- host log ---\n${s.home.hostLog()}`;
    throw e;
  } finally {
    if (browser) await browser.close();
    await plain.close();
    await s.close();
  }
}

const text = (page, sel = 'body') => page.locator(sel).innerText();
/** Opens every "Details" disclosure in sel (innerText leaves folded content out). */
const unfold = (page, sel = 'body', open = true) => page.locator(sel).evaluate((n, o) => n.querySelectorAll('details').forEach((d) => { d.open = o; }), open);
const CHROME_PLACE = { en: 'Google Chrome / Chromium (your user account)', ru: 'Google Chrome / Chromium (ваша учётная запись)' };

/** Waits until the element's text contains `want` (case-insensitive); returns the text. */
async function waitText(page, sel, want, timeoutMs = 20000) {
  const got = await waitFor(() => text(page, sel), (x) => typeof x === 'string' && x.toLowerCase().includes(want.toLowerCase()), { timeoutMs });
  assert.ok(typeof got === 'string' && got.toLowerCase().includes(want.toLowerCase()), `${sel} never showed "${want}":\n${JSON.stringify(got)}`);
  return got;
}

/** No placeholder leaked into what the page shows (a null child, a missing message key). */
async function noLeaks(page) {
  const body = await text(page);
  assert.doesNotMatch(body, /null|undefined|\bNaN\b|\[object |\bcleanup[A-Z]\w+|\$ARG/, body);
}

async function onStep(page, step) {
  await page.locator(`#step-${step}`).waitFor({ state: 'visible', timeout: 20000 });
  assert.equal(await page.evaluate(() => document.body.dataset.step), step);
  await noLeaks(page);
}

async function next(page, step) {
  await page.locator('#next').click();
  await onStep(page, step);
}

/**
 * A full-page screenshot. The README's ones (`docs: true`) go to docs/img/ only under
 * `npm run screenshots`; every other step's goes to the temp dir (kept with AW_E2E_KEEP=1).
 */
async function shoot(page, s, file, { docs = false } = {}) {
  const dir = docs && process.env.AW_E2E_SCREENSHOTS ? join(REPO, 'docs', 'img') : s.home.dir;
  mkdirSync(dir, { recursive: true });
  const png = await page.screenshot({ path: join(dir, file), fullPage: true });
  assert.ok(png.length > 10000, 'a real screenshot');
}

/** Popup (as a tab, for the plain page's tab) → "Start cleanup" → the cleanup page it opens. */
async function startCleanup(b, tabId, label) {
  const { page: popup } = await b.popup(tabId, label);
  const link = popup.locator('#machine-body a[data-spki]');
  assert.equal(await link.count(), 1, 'one root to clean up');
  const [cleanup] = await Promise.all([b.ctx.waitForEvent('page'), link.click()]);
  await cleanup.setViewportSize({ width: 820, height: 560 });
  await cleanup.waitForLoadState();
  assert.match(cleanup.url(), new RegExp(`^chrome-extension://${CHROMIUM_ID}/cleanup\\.html\\?spki=[0-9a-f]{64}$`));
  return { popup, cleanup };
}

test('chromium cleanup: popup → every step → gone from the NSS db, alert gone, history; Undo restores it with C,, (screenshots, en)', async () => {
  await withCleanupCase('cu-en', 'en', async ({ b, s, tabId }) => {
    const { popup, cleanup } = await startCleanup(b, tabId, `Remove “${NAME}”…`);

    // explain: people's words first, the research data folded under Details
    await onStep(cleanup, 'explain');
    const explain = await waitText(cleanup, '#step-explain', `What is “${NAME}”?`);
    for (const want of ['read or change everything you send over HTTPS', 'found it in 1 place on this computer', CHROME_PLACE.en])
      assert.ok(explain.includes(want), `explain lacks "${want}":\n${explain}`);
    for (const hidden of ['E2E cu-en Root', 'SHA-256', s.home.nssdb]) assert.ok(!explain.includes(hidden), `folded: ${hidden}\n${explain}`);
    await unfold(cleanup, '#step-explain');
    const details = await text(cleanup, '#step-explain');
    for (const want of ['Government interception', 'E2E cu-en Root', 'your local policy']) assert.ok(details.includes(want), `details lack ${want}`);
    assert.equal(await cleanup.locator('#step-explain [lang="en"]').count() > 0, true, 'the host\'s English notes are marked lang=en');
    assert.equal(await cleanup.locator('#back').isHidden(), true);
    await unfold(cleanup, '#step-explain', false); // the README shows what people see first
    await shoot(cleanup, s, 'cleanup-explain-en.png', { docs: true });

    // where: the place in words, the action, no admin rights, caveat; the path only under Details
    await next(cleanup, 'where');
    // the focus follows the step to its heading (not <body>), and the step is announced
    assert.equal(await cleanup.evaluate(() => document.activeElement?.closest('section')?.id), 'step-where');
    assert.match(await cleanup.locator('#step-announce').textContent(), /Step 2 of 7: Where/);
    const where = await text(cleanup, '#step-where');
    for (const want of [CHROME_PLACE.en, 'delete the certificate', 'not needed', 'Restart Chrome or Chromium afterwards',
      'Nothing has been changed yet']) assert.ok(where.includes(want), `where lacks "${want}":\n${where}`);
    for (const hidden of [s.home.nssdb, '#', 'unknown']) assert.ok(!where.includes(hidden), `where shows "${hidden}":\n${where}`);
    await unfold(cleanup, '#step-where');
    assert.ok((await text(cleanup, '#step-where')).includes(`${s.home.nssdb}#${NICK}`), 'the exact place is under Details');

    await shoot(cleanup, s, 'cleanup-where-en.png');

    // back up: what is saved, and where before apply
    await next(cleanup, 'backup');
    const backup = await text(cleanup, '#step-backup');
    for (const want of [`its name “${NICK}” and its trust settings`, 'in your Anchorwatch data folder'])
      assert.ok(backup.includes(want), `backup lacks "${want}":\n${backup}`);

    // back and forth before the removal changes nothing
    await cleanup.locator('#back').click();
    await onStep(cleanup, 'where');
    await next(cleanup, 'backup');
    await next(cleanup, 'remove');
    assert.equal(await cleanup.locator('#next').isDisabled(), true, 'no skipping the removal');

    // a script's synthetic click on the remove button gets no token and removes nothing
    await cleanup.evaluate(() => document.getElementById('remove-confirm').click());
    await new Promise((r) => setTimeout(r, 1000));
    assert.match(nssList(s.home.nssdb), listed(), 'a synthetic click removed nothing');
    assert.ok(!(await b.sw.evaluate(() => self.anchorwatchCleanupAudit())).some((a) => a.op === 'confirm'));

    // remove: the explicit button; progress frames, then the result with the backup folder
    assert.match(await text(cleanup, '#remove-summary'), /\(places: 1\)/);
    await cleanup.locator('#remove-confirm').click();
    const result = await waitText(cleanup, '#remove-result', 'Done: changed in 1 place,');
    const progress = await text(cleanup, '#progress');
    for (const want of ['Checking the plan against the stores', 'Backup: saved and checked', 'Change: removed', 'Finished'])
      assert.ok(progress.includes(want), `progress lacks "${want}":\n${progress}`);
    const backupDir = join(s.home.home, '.local', 'share', 'anchorwatch', 'backups');
    assert.ok(!result.includes(backupDir), `the backup folder is folded:\n${result}`);
    await unfold(cleanup, '#remove-result');
    assert.ok((await text(cleanup, '#remove-result')).includes(backupDir), 'the backup folder is under Details');
    assert.doesNotMatch(nssList(s.home.nssdb), new RegExp(NICK), 'certutil -L no longer lists it');
    await noLeaks(cleanup);
    assert.equal(await cleanup.locator('#remove-confirm').isHidden(), true, 'one apply per plan');
    assert.equal(await cleanup.locator('#back').isDisabled(), true, 'no way back to the removal screens');
    await shoot(cleanup, s, 'cleanup-remove-en.png');

    // verify: a fresh rescan says nothing trusts it
    await next(cleanup, 'verify');
    await waitText(cleanup, '#verify-body', `Verified: no trust store on this computer trusts “${NAME}” any more.`);

    // aftercare: since when (the NSS db records no date: unknown), passwords, VPN / Tor links
    await next(cleanup, 'aftercare');
    const after = await text(cleanup, '#step-aftercare');
    for (const want of ['is unknown', 'Change the passwords of the accounts you used since then', 'Tor Browser', 'VPN'])
      assert.ok(after.includes(want), `aftercare lacks "${want}":\n${after}`);
    const hrefs = await cleanup.locator('#step-aftercare a').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(hrefs.includes('https://www.torproject.org/download/'), hrefs.join(' '));
    assert.ok(hrefs.every((h) => h.startsWith('https://')), hrefs.join(' '));
    await shoot(cleanup, s, 'cleanup-aftercare-en.png');

    // done
    await next(cleanup, 'done');
    const done = await text(cleanup, '#step-done');
    assert.ok(done.includes(`“${NAME}” is no longer trusted anywhere on this computer.`), done);
    assert.ok(done.includes('Cleanup history'), done);
    assert.equal(await cleanup.locator('#next').isHidden(), true);
    await shoot(cleanup, s, 'cleanup-done-en.png', { docs: true });

    // Undo is reachable from Done; it asks first, in warning colours, and Cancel changes nothing
    await cleanup.locator('#step-done button.undo').click();
    const ask = cleanup.locator('#step-done .confirm-undo');
    await ask.waitFor({ state: 'visible' });
    assert.match(await ask.innerText(), new RegExp(`Put “${NAME}” back\\? It will be trusted again in 1 place`));
    assert.match(await ask.innerText(), /secure connections can be read again/);
    assert.equal(await ask.evaluate((n) => getComputedStyle(n).backgroundColor), 'rgb(254, 247, 224)', 'warning styling');
    await ask.locator('[data-undo-no]').click();
    assert.equal(await ask.isHidden(), true);
    assert.doesNotMatch(nssList(s.home.nssdb), new RegExp(NICK), 'cancel put nothing back');

    // the machine-wide alert is gone: badge and title of the plain page, read back from the browser
    const clear = await b.waitBadge(tabId, (x) => x.text === '');
    assert.equal(clear.text, '', JSON.stringify(clear));
    assert.doesNotMatch(clear.title, /installed on this computer/);
    // the cleanup page closes; the popup keeps the aftercare link and lists the backup with an Undo button
    await cleanup.close();
    await popup.reload();
    const after1 = await waitText(popup, 'body', 'Undo: put it back');
    assert.ok(after1.includes('No dangerous certificate on this computer (1 certificate list checked).'), after1);
    assert.equal(await popup.locator('a[data-spki]').count(), 0, 'nothing left to clean up');
    assert.match(after1, new RegExp(`${NAME} — removed .* from 1 place`));
    assert.ok(after1.includes('What to do now'), `the aftercare link survives closing the cleanup page:\n${after1}`);
    const [care] = await Promise.all([b.ctx.waitForEvent('page'), popup.locator('#aftercare-open').click()]);
    await waitText(care, '#step-aftercare', 'Change the passwords of the accounts you used since then');
    await care.close();

    // negative: confirm from the popup (an extension page, but not the cleanup page) is refused
    const refused = await popup.evaluate(() => new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: 'anchorwatch-cleanup' });
      port.onMessage.addListener((m) => { if (m.rid === 2) resolve(m); });
      port.postMessage({ rid: 1, op: 'backups', args: {} }); // allowed from the popup (control)
      port.postMessage({ rid: 2, op: 'confirm', args: { planId: 'any' } });
    }));
    assert.equal(refused.ok, false);
    assert.equal(refused.error.code, 'FORBIDDEN_SENDER', JSON.stringify(refused));
    const audit = await b.sw.evaluate(() => self.anchorwatchCleanupAudit());
    assert.deepEqual(audit.filter((a) => a.op === 'confirm').map((a) => [a.page, a.outcome]),
      [['cleanup.html', 'ok'], [null, 'FORBIDDEN_SENDER']], JSON.stringify(audit));

    // Undo in the popup: asked first (Cancel changes nothing), then the certificate comes back
    // with trust C,, and so does the alert
    await popup.locator('button.undo').click();
    await popup.locator('[data-undo-no]').click();
    assert.doesNotMatch(nssList(s.home.nssdb), new RegExp(NICK), 'cancel in the popup put nothing back');
    await popup.locator('button.undo').click();
    await popup.locator('[data-undo-yes]').click();
    await waitText(popup, '#history', 'Put back in 1 place:');
    assert.match(nssList(s.home.nssdb), listed(), 'certutil -L lists it again with C,,');
    const back = await b.waitBadge(tabId, (x) => x.text === '!');
    assert.equal(back.text, '!', JSON.stringify(back));
    assert.equal(back.color, RED);
    assert.match(back.title, new RegExp(`installed on this computer: ${NAME}`));
    // the Undo's result shows in the old history row while the popup re-renders (it asks the host
    // for the backups again): wait for the redrawn row, not just the result line
    await waitText(popup, '#history', '(put back)');
    const popupAfterUndo = await text(popup, 'body');
    assert.ok(popupAfterUndo.includes('A dangerous certificate is installed on this computer'), popupAfterUndo);
    assert.ok(popupAfterUndo.includes('(put back)'), popupAfterUndo);
    await noLeaks(popup);
    await shoot(popup, s, 'popup-history-en.png');
  });
});

test('chromium cleanup in Russian: every step in Russian, removed, alert gone (screenshots, ru)', async () => {
  await withCleanupCase('cu-ru', 'ru', async ({ b, s, tabId }) => {
    const { cleanup } = await startCleanup(b, tabId, `Удалить «${NAME}»…`);
    await onStep(cleanup, 'explain');
    await waitText(cleanup, '#step-explain', `Что такое «${NAME}»?`);
    assert.match(await text(cleanup, '#steps'), /Что это/);
    const explain = await text(cleanup, '#step-explain');
    assert.ok(explain.includes(CHROME_PLACE.ru), explain);
    assert.doesNotMatch(explain, /SPKI|SHA|NSS|хост/i);
    // dates follow the language of the text (the certificate's expiry, e.g. "25 декабря 2026 г.")
    await unfold(cleanup, '#step-explain');
    assert.match(await text(cleanup, '#step-explain'), /\d{4} г\./);
    assert.equal(await cleanup.evaluate(() => document.documentElement.lang), 'ru');
    await unfold(cleanup, '#step-explain', false);
    await shoot(cleanup, s, 'cleanup-explain-ru.png', { docs: true });
    await next(cleanup, 'where');
    assert.match(await text(cleanup, '#step-where'), /удалить сертификат/);
    assert.doesNotMatch(await text(cleanup, '#step-where'), /NSS|неизвестно|#/);
    await next(cleanup, 'backup');
    assert.doesNotMatch(await text(cleanup, '#step-backup'), /флаг|NSS/);
    assert.match(await text(cleanup, '#step-backup'), /в папке данных Anchorwatch/);
    await next(cleanup, 'remove');
    await cleanup.locator('#remove-confirm').click();
    await waitText(cleanup, '#remove-result', 'Готово');
    assert.doesNotMatch(nssList(s.home.nssdb), new RegExp(NICK));
    await next(cleanup, 'verify');
    await waitText(cleanup, '#verify-body', 'Проверено');
    await next(cleanup, 'aftercare');
    assert.match(await text(cleanup, '#step-aftercare'), /Смените пароли/);
    await next(cleanup, 'done');
    assert.match(await text(cleanup, '#step-done'), /больше нигде на этом компьютере не пользуется доверием/);
    await cleanup.locator('#step-done button.undo').click();
    assert.match(await cleanup.locator('#step-done .confirm-undo').innerText(), new RegExp(`Вернуть «${NAME}»\\?`));
    await cleanup.locator('#step-done [data-undo-no]').click();
    assert.doesNotMatch(nssList(s.home.nssdb), new RegExp(NICK), 'cancel put nothing back');
    await shoot(cleanup, s, 'cleanup-done-ru.png', { docs: true });
    const clear = await b.waitBadge(tabId, (x) => x.text === '');
    assert.equal(clear.text, '', JSON.stringify(clear));
  });
});

test('chromium cleanup, distrust instead of delete: the checkbox re-plans, the root stays with trust ,, and the alert goes', async () => {
  await withCleanupCase('cu-distrust', 'en', async ({ b, s, tabId }) => {
    const { cleanup } = await startCleanup(b, tabId, `Remove “${NAME}”…`);
    await onStep(cleanup, 'explain');
    await next(cleanup, 'where');
    const box = cleanup.locator('#distrust-mode');
    assert.equal(await box.isVisible(), true, 'an NSS location offers distrust');
    assert.equal(await box.isChecked(), false);
    await box.check();
    // a new plan in distrust mode: the action of the NSS location changes
    await waitText(cleanup, '#step-where', 'keep the certificate but mark it untrusted');
    await next(cleanup, 'backup');
    await next(cleanup, 'remove');
    await cleanup.locator('#remove-confirm').click();
    await waitText(cleanup, '#remove-result', 'Done: changed in 1 place,');
    assert.match(nssList(s.home.nssdb), new RegExp(`^${NICK}\\s+,,\\s*$`, 'm'), 'certutil -L shows it kept, with trust ,,');
    await next(cleanup, 'verify');
    await waitText(cleanup, '#verify-body', `Verified: no trust store on this computer trusts “${NAME}” any more.`);
    const clear = await b.waitBadge(tabId, (x) => x.text === '');
    assert.equal(clear.text, '', JSON.stringify(clear));
  });
});
