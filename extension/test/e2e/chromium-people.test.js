// The popup ordered by danger, in real Chromium with the built host jar: an interception root
// in the user's Chrome database and three CAs that browsers distrust (as Debian 12 still ships
// TrustCor's) in a certificate folder. The interception root comes first with its own button;
// the distrusted ones are one folded line.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChromiumSession } from './lib/chromium.js';
import { nssTrust, waitFor } from './lib/home.js';
import { makeChain } from './lib/pki.js';
import { denyRoot, plainServer, scenario } from './lib/scenario.js';

const test = (name, fn) => nodeTest(name, { timeout: 120000 }, fn);

test('chromium popup by danger: the interception root first with its own button; three distrusted CAs folded into one line', async () => {
  const s = await scenario('order');
  const plain = await plainServer();
  let b;
  try {
    const name = 'Test national interception root';
    nssTrust(s.home.nssdb, 'National Security Certificate', s.chain.rootPath);
    const folder = join(s.home.dir, 'old-cas');
    mkdirSync(folder, { recursive: true });
    const outdated = [1, 2, 3].map((i) => {
      const dir = join(s.home.pki, `old${i}`);
      mkdirSync(dir, { recursive: true });
      const chain = makeChain(dir, `Old Distrusted CA ${i}`);
      copyFileSync(chain.rootPath, join(folder, `old${i}.pem`));
      return { name: `Old Distrusted CA ${i}`, spkiSha256: chain.rootSpki, tier: 'distrusted', category: 'distrusted-ca' };
    });
    s.home.hostConfig({ stores: [`pem:${folder}`, `nss:${s.home.nssdb}`], deny: [...outdated, denyRoot(s.chain, name)] });
    s.home.installHost();
    b = await ChromiumSession.launch(s.home);
    await b.open(plain.url);
    const tabId = await b.tabId(plain.url);
    await b.waitBadge(tabId, (x) => x.text === '!');
    const { page } = await b.popup(tabId, 'outdated certificates');
    const text = await page.evaluate(() => document.body.innerText);
    const line = '3 outdated certificates from your system’s list — not an interception risk';
    assert.ok(text.includes(line), text);
    assert.ok(text.indexOf(name) < text.indexOf(line), `the interception root comes first:\n${text}`);
    for (const o of outdated) assert.ok(!text.includes(o.name), `${o.name} is folded:\n${text}`);
    // one visible button, right after its finding; the folded ones have theirs inside the fold
    const visible = await page.locator('a[data-spki]:visible').allInnerTexts();
    assert.deepEqual(visible, [`Remove “${name}”…`]);
    assert.equal(await page.locator('.finding-blocked a[data-spki]').count(), 1, 'the button sits inside its finding');
    await page.locator('details.outdated > summary').click();
    const open = await waitFor(() => page.evaluate(() => document.body.innerText), (x) => x.includes('Old Distrusted CA 3'));
    for (const o of outdated) assert.ok(open.includes(o.name), open);
    assert.equal(await page.locator('a[data-spki]:visible').count(), 4);
  } catch (e) {
    e.message += `\n--- host log ---\n${s.home.hostLog()}`;
    throw e;
  } finally {
    if (b) await b.close();
    await plain.close();
    await s.close();
  }
});
