// Page-load overhead of the extension in real browsers (docs/PERFORMANCE.md, "Page loads").
//   node bench/pageload.mjs [--loads 200] [--only firefox|chromium] [--block 20] [--settle 1500] [--dwell 0]
//   node bench/pageload.mjs --calls 50    (Firefox: browser calls per load, counted; no timing)
//   node bench/pageload.mjs --only firefox --baseline floor  (two builds in one alternation: Run 10)
// Needs `npm ci` in extension/ and native-host/target/anchorwatch.jar (npm run build is done here).
//
// The same N local HTTPS page loads (an HTML page with 5 subresources: CSS, script, 3 images;
// distinct query per load so nothing comes from the cache) through a generated root trusted in
// the browser's NSS database, on 127.0.0.1 only. Reported: median and p95 of the navigation's
// `load` time (PerformanceNavigationTiming.loadEventEnd) per configuration:
//   Firefox ESR without the extension / with it (getSecurityInfo + checkChain per page);
//   Chromium with the extension, routine probing off / on (a host probe per new origin).
// Configurations alternate in blocks of --block loads (A/B/A/B...), so that machine load drifts hit
// both alike; between blocks the bench pauses --settle ms, so that work one browser deferred until
// its loads paused (Chromium's routine probe, Firefox's host trip) is not timed against the other.
// Each pair of blocks is a round: the overhead per round (its medians) gives the spread. --dwell
// waits that long after each load (a reader on the page: deferred work then runs between loads).
// A benchmark, not a test: it asserts nothing; results go to bench/results/pageload-*.json.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestHome, EXT, GECKO_ID, nssTrust } from '../extension/test/e2e/lib/home.js';
import { makeChain } from '../extension/test/e2e/lib/pki.js';
import { ChromiumSession } from '../extension/test/e2e/lib/chromium.js';
import { FIREFOX } from '../extension/test/e2e/lib/firefox.js';
import { cpuDelta, findRoot, treeCpu } from './proc-cpu.mjs';
import { VARIANTS, buildVariant } from './ff-variants.mjs';

const require = createRequire(join(EXT, 'package.json'));
const puppeteer = require('puppeteer-core');
const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const LOADS = Number(arg('--loads', 200));
const ONLY = arg('--only', null);
const BLOCK = Number(arg('--block', 20));
const SETTLE_MS = Number(arg('--settle', 1500));
const DWELL_MS = Number(arg('--dwell', 0));
// --calls N: instead of timing, count the browser calls Firefox's background makes per load (test build)
const CALLS = Number(arg('--calls', 0));
// --variant NAME: Firefox only, the "with" side runs a throw-away copy of the build with one part
// taken out (bench/ff-variants.mjs), to measure that part's share of the overhead
const VARIANT = arg('--variant', null);
if (VARIANT && !VARIANTS[VARIANT]) throw new Error(`--variant: one of ${Object.keys(VARIANTS).join(', ')}`);
// --baseline NAME: Firefox only, the first side runs that variant instead of no extension, so two
// builds are compared load by load in one alternation (Run 10: `--baseline floor` against as built)
const BASELINE = arg('--baseline', null);
if (BASELINE && !VARIANTS[BASELINE]) throw new Error(`--baseline: one of ${Object.keys(VARIANTS).join(', ')}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * The page and its 5 subresources on `count` servers (ports): every load goes to a new origin,
 * because Chromium's routine probe runs once per origin per session and Firefox's verdict cache
 * is per chain, so a repeated origin would hide exactly the cost to measure.
 */
async function pageServers(chain, count) {
  const cert = [chain.leaf, chain.int].join('');
  const handler = (req, res) => {
    const path = new URL(req.url, 'https://x').pathname;
    const send = (type, body) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/s.css') return send('text/css', 'body{font:16px sans-serif;background:#fafafa}img{width:8px}');
    if (path === '/s.js') return send('text/javascript', 'document.title = "bench page";');
    if (path.startsWith('/i')) return send('image/png', PNG);
    const q = new URL(req.url, 'https://x').search;
    return send('text/html; charset=utf-8', `<!doctype html><title>bench</title><link rel="stylesheet" href="/s.css${q}">`
      + `<script src="/s.js${q}"></script><p>page-load benchmark</p>`
      + ['1', '2', '3'].map((n) => `<img src="/i${n}.png${q}" alt="">`).join(''));
  };
  const servers = [];
  for (let i = 0; i < count; i++) {
    const server = https.createServer({ key: chain.leafKey, cert }, handler);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  return { ports: servers.map((x) => x.address().port),
    close: () => Promise.all(servers.map((x) => new Promise((r) => { x.closeAllConnections(); x.close(() => r()); }))) };
}

/** One load: navigate, then the navigation entry's load time in ms. */
async function loadOnce(page, url) {
  await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  return page.evaluate(() => {
    const [n] = performance.getEntriesByType('navigation');
    return n.loadEventEnd - n.startTime;
  });
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: +median(s).toFixed(2), p95: +q(0.95).toFixed(2), mean: +(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2),
    // share of timings that are not whole milliseconds: ~1 when the browser gives full precision
    subMs: +(s.filter((x) => !Number.isInteger(x)).length / s.length).toFixed(2) };
}

/** Median, quartiles and range of the per-round overheads of the second configuration (%). */
function spread(rounds) {
  const s = [...rounds].sort((a, b) => a - b);
  const q = (p) => +s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1);
  return { rounds: s.length, median: q(0.5), q1: q(0.25), q3: q(0.75), min: q(0), max: q(1) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The second configuration's overhead on the first, robust to machine load drifting during the
 * run: the median of per-load ratios (load i of each side went to the same URL in the same round),
 * and a 95 % bootstrap interval of the ratio of medians, resampling whole rounds (seeded: the
 * same data give the same interval).
 */
function paired(aRounds, bRounds) {
  const a = aRounds.flat();
  const b = bRounds.flat();
  const ratios = a.map((x, i) => b[i] / x - 1);
  return { medianOfPairedRatios: pct(median(ratios)), ratioOfMedians: pct(median(b) / median(a) - 1),
    ci95: bootstrap(aRounds, bRounds, median) };
}

const pct = (x) => +(100 * x).toFixed(1);
const sum = (xs) => xs.reduce((x, y) => x + y, 0);

/** 95 % interval of stat(b) / stat(a) − 1 (in %), resampling whole rounds; seeded. */
function bootstrap(aRounds, bRounds, stat) {
  let seed = 0x2545f491;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const boot = [];
  for (let k = 0; k < 2000; k++) {
    const pick = aRounds.map(() => Math.floor(rand() * aRounds.length));
    boot.push(stat(pick.flatMap((r) => bRounds[r])) / stat(pick.flatMap((r) => aRounds[r])) - 1);
  }
  boot.sort((x, y) => x - y);
  return [pct(boot[Math.floor(0.025 * boot.length)]), pct(boot[Math.floor(0.975 * boot.length)])];
}

/**
 * CPU per load of each configuration's process tree (browser + the host it started), read around
 * each block (its loads and the settle pause after it: deferred work is counted with its block),
 * by process name, the second's extra CPU per load with a 95 % bootstrap interval over rounds, and
 * over the whole alternation (idle time between a configuration's blocks included: timers, the
 * host's store watcher).
 */
function cpuSummary(configs, cpuRounds, whole, loads) {
  const per = (ms) => +(ms / loads).toFixed(2);
  const out = {};
  configs.forEach((c, i) => {
    const totals = (field) => {
      const by = {};
      for (const round of cpuRounds[i]) for (const [k, v] of Object.entries(round[field])) by[k] = (by[k] ?? 0) + v;
      return Object.fromEntries(Object.entries(by).sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, per(v)]));
    };
    out[c.name] = { msPerLoad: per(sum(cpuRounds[i].map((r) => r.total))), byName: totals('byName'),
      mainThreads: totals('mainThreads'), wholeRunMsPerLoad: per(whole[i].total) };
  });
  const [a, b] = cpuRounds.map((rs) => rs.map((r) => [r.total]));
  out.extraPerLoadMs = +(out[configs[1].name].msPerLoad - out[configs[0].name].msPerLoad).toFixed(2);
  out.overhead = { ratio: pct(sum(b.flat()) / sum(a.flat()) - 1), ci95: bootstrap(a, b, sum) };
  return out;
}

/** Alternates blocks of loads between configurations; every configuration loads the same URLs. */
async function alternate(configs, urlFor) {
  const times = Object.fromEntries(configs.map((c) => [c.name, []]));
  const perRound = configs.map(() => []);
  const cpuRounds = configs.map(() => []);
  const rounds = [];
  const first = configs.map((c) => treeCpu(c.root));
  for (let start = 0; start < LOADS; start += BLOCK) {
    const medians = [];
    for (const [ci, c] of configs.entries()) {
      const block = [];
      const before = treeCpu(c.root);
      for (let i = start; i < Math.min(LOADS, start + BLOCK); i++) {
        block.push(await loadOnce(c.page, urlFor(c, i)));
        if (DWELL_MS) await sleep(DWELL_MS);
      }
      times[c.name].push(...block);
      perRound[ci].push(block);
      medians.push(stats(block).median);
      await sleep(SETTLE_MS);
      cpuRounds[ci].push(cpuDelta(before, treeCpu(c.root)));
    }
    rounds.push(100 * (medians[1] / medians[0] - 1));
  }
  const whole = configs.map((c, i) => cpuDelta(first[i], treeCpu(c.root)));
  return { ...Object.fromEntries(Object.entries(times).map(([k, v]) => [k, stats(v)])), overheadPerRound: spread(rounds),
    paired: paired(perRound[0], perRound[1]), cpu: cpuSummary(configs, cpuRounds, whole, LOADS) };
}

// Firefox rounds the timings pages see (performance.*) to 1 ms by default
// (privacy.reduceTimerPrecision with ...reduceTimerPrecision.microseconds = 1000, plus jitter), and
// to 20 us with it off unless .unconditional is off too (modules/libpref/init/StaticPrefList.yaml).
// Full precision for both configurations: a 2 % overhead is 1 ms on these pages.
const FULL_TIMER_PRECISION = Object.freeze({ 'privacy.reduceTimerPrecision': false,
  'privacy.reduceTimerPrecision.unconditional': false, 'privacy.resistFingerprinting.reduceTimerPrecision.jitter': false });

/**
 * Firefox ESR on a fresh home trusting the bench root, with the host installed unless `host` is
 * false; the extension at `dist` (a folder) installed if given.
 */
async function launchFirefox(chain, label, dist, { host = true } = {}) {
  const home = new TestHome(`bench-ff-${label}`);
  nssTrust(home.ffProfile, 'bench-root', chain.rootPath);
  home.hostConfig({});
  if (host) home.installHost();
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: home.ffProfile,
    env: home.env({ MOZ_HEADLESS: '1' }), extraPrefsFirefox: { 'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false, ...FULL_TIMER_PRECISION } });
  if (dist) {
    const id = await browser.installExtension(dist);
    if (id !== GECKO_ID) throw new Error(`installed ${id}`);
  }
  return { home, browser, root: findRoot(home.ffProfile) };
}

async function firefox(chain, server) {
  // name: a variant (null: as built), or false: no extension
  const launch = async (label, name) => {
    const variant = VARIANTS[name || 'shipped'];
    const dist = name === false ? null : name ? buildVariant(name, join(EXT, 'dist', 'firefox'), join(pkiHome.dir, `variant-${name}`))
      : join(EXT, 'dist', 'firefox');
    const { home, browser, root } = await launchFirefox(chain, label, dist, { host: name === false || variant.host });
    const page = await browser.newPage();
    return { name: label, page, root, close: async () => { await browser.close(); home.cleanup(); } };
  };
  const configs = [await (BASELINE ? launch(`firefox-with-extension-${BASELINE}`, BASELINE) : launch('firefox-without-extension', false)),
    await launch(VARIANT ? `firefox-with-extension-${VARIANT}` : 'firefox-with-extension', VARIANT)];
  try {
    // warm-up: JIT, connection pools, the host's first start and scan
    for (const c of configs) for (let i = 0; i < 10; i++) await loadOnce(c.page, `https://127.0.0.1:${server.warm}/?warm=${i}`);
    return await alternate(configs, (c, i) => `https://127.0.0.1:${server.ports[i]}/?n=${i}`);
  } finally {
    for (const c of configs) await c.close();
  }
}

/** Reads the test build's call counters through its content-script bridge (test/e2e/bridge.js). */
function bridgeCalls(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const h = (e) => {
      if (e.source === window && e.data && e.data.e2eReply) {
        window.removeEventListener('message', h);
        resolve(JSON.parse(e.data.e2eReply));
      }
    };
    window.addEventListener('message', h);
    window.postMessage({ e2eQuery: { e2e: 'calls' } }, '*');
  }));
}

/**
 * Firefox's browser calls per load (badge setters, storage.session.set), counted in the background
 * of the test build (dist/firefox-e2e: the same code plus the bridge) over CALLS fresh-origin loads
 * after the warm-up; a pause before the last reading lets the debounced write (1 s) happen.
 */
async function firefoxCalls(chain, server) {
  const { home, browser } = await launchFirefox(chain, 'calls', join(EXT, 'dist', 'firefox-e2e'));
  try {
    const page = await browser.newPage();
    for (let i = 0; i < 10; i++) await loadOnce(page, `https://127.0.0.1:${server.warm}/?warm=${i}`);
    await sleep(SETTLE_MS);
    const before = await bridgeCalls(page);
    for (let i = 0; i < CALLS; i++) await loadOnce(page, `https://127.0.0.1:${server.ports[i]}/?n=${i}`);
    await sleep(SETTLE_MS);
    const after = await bridgeCalls(page);
    return { loads: CALLS, callsPerLoad: Object.fromEntries(Object.keys(before)
      .map((k) => [k, before[k] === null ? null : +((after[k] - before[k]) / CALLS).toFixed(2)])) };
  } finally {
    await browser.close();
    home.cleanup();
  }
}

// Browser calls the background makes, counted in the service worker during the timed loads
// (a deterministic measure of the work per load, where timings drown in machine noise).
const COUNTED = ['action.setBadgeText', 'action.setBadgeBackgroundColor', 'action.setTitle', 'storage.session.set'];

function countCalls(sw) {
  return sw.evaluate((names) => {
    const counts = {};
    for (const name of names) {
      const at = name.lastIndexOf('.');
      const obj = name.slice(0, at).split('.').reduce((o, k) => o[k], chrome);
      const fn = name.slice(at + 1);
      const orig = obj[fn];
      const counted = (...a) => { counts[name]++; return orig.apply(obj, a); };
      obj[fn] = counted;
      counts[name] = obj[fn] === counted ? 0 : null; // null: the binding refused to be wrapped
    }
    globalThis.benchCalls = counts;
  }, COUNTED);
}

async function chromium(chain, server) {
  const launch = async (label, routineProbe) => {
    const home = new TestHome(`bench-cr-${label}`);
    nssTrust(home.nssdb, 'bench-root', chain.rootPath);
    home.hostConfig({});
    home.installHost();
    const s = await ChromiumSession.launch(home);
    await s.sw.evaluate((on) => chrome.storage.local.set({ settings: { routineProbe: on, notifications: false } }), routineProbe);
    const page = await s.ctx.newPage();
    return { name: label, page, session: s, root: findRoot(`--user-data-dir=${home.udd}`),
      close: async () => { await s.close(); home.cleanup(); } };
  };
  const configs = [await launch('chromium-probing-off', false), await launch('chromium-probing-on', true)];
  try {
    for (const c of configs) for (let i = 0; i < 10; i++) await loadOnce(c.page, `https://127.0.0.1:${server.warm}/?warm=${i}`);
    for (const c of configs) await countCalls(c.session.sw);
    const r = await alternate(configs, (c, i) => `https://127.0.0.1:${server.ports[i]}/?n=${i}`);
    // how many origins the probing browser did probe (pages left within a second are not)
    await sleep(SETTLE_MS);
    r.probedOrigins = (await configs[1].session.sw.evaluate(() => globalThis.anchorwatchProbes())).done.length;
    r.callsPerLoad = {};
    for (const c of configs) {
      const counts = await c.session.sw.evaluate(() => globalThis.benchCalls);
      r.callsPerLoad[c.name] = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v === null ? null : +(v / LOADS).toFixed(2)]));
    }
    return r;
  } finally {
    for (const c of configs) await c.close();
  }
}

const pkiHome = new TestHome('bench-pki');
const chain = makeChain(pkiHome.pki, 'Anchorwatch Bench Root');
execFileSync('npm', ['run', 'build', '--silent'], { cwd: EXT, stdio: ['ignore', 'ignore', 'inherit'] });
const COUNT = CALLS || LOADS;
const all = await pageServers(chain, COUNT + 1);
const server = { warm: all.ports[COUNT], ports: all.ports, close: all.close };
const results = { variant: VARIANT ?? 'shipped', baseline: BASELINE ?? 'no extension', loads: LOADS, block: BLOCK, settleMs: SETTLE_MS, dwellMs: DWELL_MS, at: new Date().toISOString(), node: process.version,
  loadavg: os.loadavg().map((x) => +x.toFixed(1)) };
try {
  if (CALLS) {
    results.firefoxCalls = await firefoxCalls(chain, server);
    console.log(JSON.stringify(results.firefoxCalls));
  } else {
    if (ONLY !== 'chromium') results.firefox = await firefox(chain, server);
    if (ONLY !== 'firefox' && !VARIANT && !BASELINE) results.chromium = await chromium(chain, server);
  }
} finally {
  await server.close();
  pkiHome.cleanup();
}
const out = join(here, 'results');
mkdirSync(out, { recursive: true });
const file = join(out, `pageload-${results.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
const rows = [];
for (const [browser, r] of Object.entries(results).filter(([k]) => k === 'firefox' || k === 'chromium')) {
  const [base, ext] = Object.keys(r);
  for (const k of [base, ext]) rows.push(`| ${k} | ${r[k].n} | ${r[k].median} | ${r[k].p95} | ${r[k].mean} |`);
  rows.push(`| ${browser}: overhead of the second | | ${(100 * (r[ext].median / r[base].median - 1)).toFixed(1)} % | ${(100 * (r[ext].p95 / r[base].p95 - 1)).toFixed(1)} % | |`);
  const o = r.overheadPerRound;
  rows.push(`| ${browser}: per-round median overhead (${o.rounds} rounds) | | ${o.median} % (IQR ${o.q1}…${o.q3}, range ${o.min}…${o.max}) | | |`);
  const p = r.paired;
  rows.push(`| ${browser}: paired overhead (median of per-load ratios; ratio of medians, 95 % bootstrap CI) | | ${p.medianOfPairedRatios} %; ${p.ratioOfMedians} % [${p.ci95[0]} … ${p.ci95[1]}] | | |`);
  if (r.probedOrigins !== undefined) rows.push(`| ${browser}: origins probed by the probing browser | ${r.probedOrigins} | | | |`);
  const c = r.cpu;
  if (c) {
    for (const k of [base, ext]) {
      const names = Object.entries(c[k].byName).sort((x, y) => y[1] - x[1]).map(([n, v]) => `${n} ${v}`).join(', ');
      rows.push(`| ${k}: CPU ms per load (blocks; whole run) | | ${c[k].msPerLoad}; ${c[k].wholeRunMsPerLoad} | | ${names} |`);
      const top = Object.entries(c[k].mainThreads).slice(0, 8).map(([n, v]) => `${n} ${v}`).join(', ');
      rows.push(`| ${k}: main process threads, CPU ms per load | | | | ${top} |`);
    }
    rows.push(`| ${browser}: extra CPU of the second per load (95 % CI of the ratio) | | ${c.extraPerLoadMs} ms, ${c.overhead.ratio} % [${c.overhead.ci95[0]} … ${c.overhead.ci95[1]}] | | |`);
  }
  for (const [k, v] of Object.entries(r.callsPerLoad ?? {})) rows.push(`| ${k}: browser calls per load | ${JSON.stringify(v)} | | | |`);
}
console.log(['| configuration | loads | median ms | p95 ms | mean ms |', '|---|---|---|---|---|', ...rows].join('\n'));
console.log(`variant: ${results.variant} against ${results.baseline}; load average at the start: ${results.loadavg.join(' ')}`);
console.log(`raw: ${file}`);
