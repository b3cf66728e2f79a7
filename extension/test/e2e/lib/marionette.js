// Firefox ESR driven over Marionette (its own WebDriver-classic protocol on a local TCP port), for
// what WebDriver BiDi refuses: moz-extension:// pages. Marionette's content context cannot
// navigate to them either, but with -remote-allow-system-access its chrome context can open one
// in a tab (gBrowser.addTab), and the content context then finds, reads and clicks elements in it;
// its clicks are trusted (event.isTrusted), as a person's are. The add-on is installed as a
// temporary add-on through Marionette's Addon:Install. Protocol: `<byte length>:<JSON>` frames,
// commands [0, id, name, params], replies [1, id, error, result].
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { EXT, GECKO_ID, waitFor } from './home.js';
import { FIREFOX } from './firefox.js';

export const FIREFOX_UUID = '5d1f7e52-8c6a-4c1e-9a59-7d0c2b9f3e11';
export const MOZ_BASE = `moz-extension://${FIREFOX_UUID}/`;
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

class MarionetteClient {
  static connect(port) {
    const c = new MarionetteClient();
    c.buf = Buffer.alloc(0);
    c.waiters = new Map();
    c.nextId = 1;
    return new Promise((resolve, reject) => {
      c.sock = net.connect(port, '127.0.0.1');
      c.sock.once('error', reject);
      c.onHello = () => resolve(c);
      c.sock.on('data', (d) => c.feed(d));
      c.sock.on('close', () => {
        for (const w of c.waiters.values()) w.reject(new Error('marionette connection closed'));
        c.waiters.clear();
      });
    });
  }

  feed(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const colon = this.buf.indexOf(0x3a);
      if (colon < 0) return;
      const len = Number(this.buf.subarray(0, colon).toString('ascii'));
      if (this.buf.length < colon + 1 + len) return;
      const msg = JSON.parse(this.buf.subarray(colon + 1, colon + 1 + len).toString('utf8'));
      this.buf = this.buf.subarray(colon + 1 + len);
      if (!Array.isArray(msg)) {
        this.onHello(msg);
        continue;
      }
      const [, id, error, result] = msg;
      const w = this.waiters.get(id);
      this.waiters.delete(id);
      if (!w) continue;
      if (error) w.reject(Object.assign(new Error(`${w.name}: ${error.error}: ${error.message}`), { wd: error.error }));
      else w.resolve(result);
    }
  }

  send(name, params = {}) {
    const id = this.nextId++;
    const body = Buffer.from(JSON.stringify([0, id, name, params]), 'utf8');
    return new Promise((resolve, reject) => {
      this.waiters.set(id, { resolve, reject, name });
      this.sock.write(Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body]));
    });
  }

  close() {
    this.sock.destroy();
  }
}

export class MarionetteSession {
  /** Firefox with a fresh profile in home.ffProfile, HOME and XDG dirs of the test home, the add-on installed. */
  static async launch(home, { dist = 'firefox' } = {}) {
    writeFileSync(join(home.ffProfile, 'user.js'), [
      ['marionette.port', 0],
      ['browser.shell.checkDefaultBrowser', false],
      ['datareporting.policy.dataSubmissionEnabled', false],
      ['browser.aboutwelcome.enabled', false],
      ['extensions.webextensions.uuids', JSON.stringify({ [GECKO_ID]: FIREFOX_UUID })],
    ].map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
    const portFile = join(home.ffProfile, 'MarionetteActivePort');
    rmSync(portFile, { force: true });
    const proc = spawn(FIREFOX, ['-marionette', '-remote-allow-system-access', '-headless', '-no-remote', '-profile', home.ffProfile],
      { env: home.env({ MOZ_HEADLESS: '1' }), stdio: 'ignore' });
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    const port = await waitFor(() => (existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : 0), (p) => p > 0,
      { timeoutMs: 20000, intervalMs: 100 });
    if (!(port > 0)) {
      proc.kill();
      throw new Error('Firefox did not start Marionette');
    }
    const s = new MarionetteSession(proc, exited, await MarionetteClient.connect(port));
    await s.m.send('WebDriver:NewSession', { capabilities: {} });
    const { value: id } = await s.m.send('Addon:Install', { path: join(EXT, 'dist', dist), temporary: true });
    if (id !== GECKO_ID) throw new Error(`installed ${id}, expected ${GECKO_ID}`);
    return s;
  }

  constructor(proc, exited, m) {
    this.proc = proc;
    this.exited = exited;
    this.m = m;
  }

  /** Opens url in a new selected tab (through the chrome context) and makes it the current window. */
  async openTab(url) {
    const before = new Set((await this.m.send('WebDriver:GetWindowHandles')));
    await this.m.send('Marionette:SetContext', { value: 'chrome' });
    try {
      await this.m.send('WebDriver:ExecuteScript', {
        script: 'gBrowser.selectedTab = gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });',
        args: [url],
      });
    } finally {
      await this.m.send('Marionette:SetContext', { value: 'content' });
    }
    const handle = await this.waitNewHandle(before);
    await this.m.send('WebDriver:SwitchToWindow', { handle });
    await this.waitUrl((u) => u.startsWith(url.split('#')[0]));
    return handle;
  }

  async waitNewHandle(before) {
    const handles = await waitFor(() => this.m.send('WebDriver:GetWindowHandles'), (h) => Array.isArray(h) && h.some((x) => !before.has(x)),
      { timeoutMs: 15000 });
    const fresh = Array.isArray(handles) ? handles.find((x) => !before.has(x)) : undefined;
    if (!fresh) throw new Error(`no new tab: ${JSON.stringify(handles)}`);
    return fresh;
  }

  handles() {
    return this.m.send('WebDriver:GetWindowHandles');
  }

  async switchTo(handle) {
    await this.m.send('WebDriver:SwitchToWindow', { handle });
  }

  async url() {
    return (await this.m.send('WebDriver:GetCurrentURL')).value;
  }

  async waitUrl(accept, timeoutMs = 15000) {
    const u = await waitFor(() => this.url(), (x) => typeof x === 'string' && accept(x), { timeoutMs });
    if (typeof u !== 'string' || !accept(u)) throw new Error(`url never matched: ${JSON.stringify(u)}`);
    return u;
  }

  async exec(script, ...args) {
    return (await this.m.send('WebDriver:ExecuteScript', { script, args })).value;
  }

  /** Runs an async function body in the current page; `return`ed value (JSON-able) comes back. */
  async execAsync(body, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      (async (...args) => { ${body} })(...Array.from(arguments).slice(0, -1)).then((v) => done({ ok: v }), (e) => done({ err: String(e) }));`;
    const r = (await this.m.send('WebDriver:ExecuteAsyncScript', { script, args, scriptTimeout: 20000 })).value;
    if (r?.err) throw new Error(r.err);
    return r?.ok;
  }

  async text(css = 'body') {
    return this.exec('const e = document.querySelector(arguments[0]); return e ? e.innerText : null;', css);
  }

  async visible(css) {
    return this.exec('const e = document.querySelector(arguments[0]); return !!e && !e.closest("[hidden]") && e.getClientRects().length > 0;', css);
  }

  /** A real (trusted) click on the element, as WebDriver's Element Click performs it. */
  async click(css) {
    const found = await this.m.send('WebDriver:FindElement', { using: 'css selector', value: css });
    await this.m.send('WebDriver:ElementClick', { id: found.value[ELEMENT] });
  }

  async close() {
    try {
      await this.m.send('WebDriver:DeleteSession');
    } catch {
      // already gone
    }
    this.m.close();
    this.proc.kill();
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 5000))]);
  }
}
