// A throw-away HOME per test: host configuration (host.json, policy), NSS databases, host
// manifests, the host's log. Nothing outside the temp directory is touched.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(new URL('../../../..', import.meta.url).pathname);
export const EXT = resolve(REPO, 'extension');
export const LAUNCHER = join(REPO, 'installer', 'anchorwatch');
export const JAR = join(REPO, 'native-host', 'target', 'anchorwatch.jar');
export const HOST_NAME = 'org.anchorwatch.host';
export const CHROMIUM_ID = 'agbciifedgognoeofdbbhobbeicmknep';
export const GECKO_ID = 'anchorwatch@anchorwatch.org';

export function certutil(args) {
  execFileSync('certutil', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Creates an empty NSS sql: database in dir. */
export function nssInit(dir) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'cert9.db'))) certutil(['-N', '-d', `sql:${dir}`, '--empty-password']);
}

/** Adds a root as a trusted CA for TLS (C,,) to an NSS database. */
export function nssTrust(dir, nickname, pemPath) {
  nssInit(dir);
  certutil(['-A', '-d', `sql:${dir}`, '-n', nickname, '-t', 'C,,', '-i', pemPath]);
}

/** `certutil -L`: the nickname and trust flags of every certificate in an NSS database. */
export function nssList(dir) {
  return execFileSync('certutil', ['-L', '-d', `sql:${dir}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Where the browsers also look for host manifests, machine-wide (no per-test override exists). */
export const SYSTEM_MANIFEST_DIRS = Object.freeze({
  chromium: ['/etc/chromium/native-messaging-hosts'],
  firefox: ['/usr/lib/mozilla/native-messaging-hosts', '/usr/lib64/mozilla/native-messaging-hosts'],
});

/** Machine-wide manifests for our host (e.g. the .deb installed, or a test of it running right now). */
export function systemHostManifests(browser) {
  return SYSTEM_MANIFEST_DIRS[browser].map((d) => join(d, `${HOST_NAME}.json`)).filter((f) => existsSync(f));
}

/**
 * For the "host not installed" scenarios: their premise is that the browser finds no manifest,
 * which a machine-wide one breaks whatever the test does. Runs body unless one exists; if the
 * body fails and a host process started although the test installed none, the premise was broken
 * during the test (a machine-wide manifest came and went): the test is skipped with that reason.
 */
export async function withoutSystemHost(t, browser, body) {
  const before = systemHostManifests(browser);
  if (before.length) {
    t.skip(`a machine-wide host manifest is installed (${before.join(', ')}): the browser finds the host whatever this test does`);
    return;
  }
  try {
    await body();
  } catch (e) {
    // runScenario appends the host log to the failure: a host that started is in it
    if (/ started by /.test(e.message)) {
      t.skip(`a host started although this test installed none: a machine-wide manifest was present during the test (${e.message.split('\n')[0]})`);
      return;
    }
    throw e;
  }
}

export class TestHome {
  constructor(label) {
    this.dir = mkdtempSync(join(tmpdir(), `aw-e2e-${label}-`));
    this.home = join(this.dir, 'home');
    this.config = join(this.home, '.config');
    this.state = join(this.home, '.local', 'state');
    this.udd = join(this.dir, 'chromium-profile');
    this.ffProfile = join(this.dir, 'firefox-profile');
    this.pki = join(this.dir, 'pki');
    for (const d of [this.home, this.config, this.state, this.udd, this.ffProfile, this.pki]) mkdirSync(d, { recursive: true });
  }

  get nssdb() {
    return join(this.home, '.pki', 'nssdb');
  }

  /** Environment for the browser, inherited by the host it launches. */
  env(extra = {}) {
    return { ...process.env, HOME: this.home, XDG_CONFIG_HOME: this.config, XDG_STATE_HOME: this.state,
      XDG_CACHE_HOME: join(this.home, '.cache'), ...extra };
  }

  /**
   * $XDG_CONFIG_HOME/anchorwatch/host.json: only the given stores (defaultStores false, so the
   * test does not depend on this machine's trust stores) and the given local policy.
   */
  hostConfig({ stores = [], deny = [], allow = [] } = {}) {
    const dir = join(this.config, 'anchorwatch');
    mkdirSync(dir, { recursive: true });
    const policy = join(dir, 'e2e-policy.json');
    writeFileSync(policy, JSON.stringify({ deny, allow }, null, 2));
    writeFileSync(join(dir, 'host.json'), JSON.stringify({ defaultStores: false, stores, policy }, null, 2));
  }

  /**
   * Host manifests for Chromium (<user-data-dir>/NativeMessagingHosts/) and Firefox
   * ($HOME/.mozilla/native-messaging-hosts/), written by the product's own per-user installer
   * (`anchorwatch install --user`), pointing at the launcher that runs the built jar.
   */
  installHost() {
    execFileSync(LAUNCHER, ['install', '--user', '--home', this.home, '--user-data-dir', this.udd, '--browser', 'firefox'],
      { env: this.env(), stdio: ['ignore', 'ignore', 'pipe'] });
    for (const f of [join(this.udd, 'NativeMessagingHosts', `${HOST_NAME}.json`),
      join(this.home, '.mozilla', 'native-messaging-hosts', `${HOST_NAME}.json`)]) {
      if (!existsSync(f)) throw new Error(`anchorwatch install --user did not write ${f}`);
    }
  }

  hostLog() {
    const f = join(this.state, 'anchorwatch', 'host.log');
    return existsSync(f) ? readFileSync(f, 'utf8') : '(no host log)';
  }

  cleanup() {
    if (process.env.AW_E2E_KEEP) return;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** fn() or a rejection after ms (a driver call into a dead service worker never settles). */
export function withTimeout(promise, ms, what = 'driver call') {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  })]).finally(() => clearTimeout(timer));
}

/** Polls fn until accept(value) or the timeout; returns the last value either way. */
export async function waitFor(fn, accept, { timeoutMs = 15000, intervalMs = 150 } = {}) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await withTimeout(Promise.resolve().then(fn), Math.max(1000, Math.min(5000, end - Date.now())));
    } catch (e) {
      last = { error: String(e?.message ?? e) };
    }
    if (accept(last) || Date.now() > end) return last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
