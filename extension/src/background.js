// Background: the browser-API edge. One native port to the host, browser events in, badges out.
// All decisions live in lib/ (pure modules, unit-tested); this file wires them to the APIs.

import { BUILD } from './build-config.js';
import { HostClient } from './lib/host-client.js';
import { HOST_STATUS } from './lib/host-errors.js';
import { TabStore } from './lib/tabs.js';
import { LruCache, ProbeCache } from './lib/cache.js';
import { checkChainRequest, chainCacheKey } from './lib/chain.js';
import { headersListener } from './lib/firefox-listener.js';
import { AfterLoadQueue } from './lib/after-load.js';
import { AppliedBadges } from './lib/applied-badges.js';
import { PageFallback } from './lib/page-fallback.js';
import { SessionWriter } from './lib/session-writer.js';
import { classifyCertError } from './lib/cert-errors.js';
import { machineState, notificationKey, notificationPage } from './lib/machine.js';
import { entryNameText } from './lib/entries.js';
import { badgeFor, drawnColor, globalBadge, titleText } from './lib/badge.js';
import { popupModel } from './lib/present.js';
import { mergeSettings, shouldProbe } from './lib/settings.js';
import { originOf, probeTarget } from './lib/names.js';
import { CleanupRelay } from './lib/cleanup-relay.js';
import { chromiumPath, firefoxPath, probeProxy, probingStatus } from './lib/network-path.js';

const api = globalThis.browser ?? globalThis.chrome;
const HOST_NAME = 'org.anchorwatch.host';
const PROBE_TIMEOUT_MS = 4000;
const RESCAN_MS = 10 * 60 * 1000;
// test build only: the browser calls the background makes per page load, counted for
// bench/pageload.mjs --calls (the driver cannot reach Firefox's background; deterministic figures
// where timings drown in machine noise). A binding that refuses to be wrapped counts null.
const COUNTED = ['action.setBadgeText', 'action.setBadgeBackgroundColor', 'action.setTitle', 'storage.session.set'];
const callCounts = BUILD.e2e ? countCalls(COUNTED) : null;
function countCalls(names) {
  const counts = {};
  for (const name of names) {
    const at = name.lastIndexOf('.');
    const obj = name.slice(0, at).split('.').reduce((o, k) => o?.[k], api);
    const fn = name.slice(at + 1);
    const orig = obj?.[fn];
    if (typeof orig !== 'function') continue;
    const counted = (...a) => { counts[name]++; return orig.apply(obj, a); };
    try {
      obj[fn] = counted;
    } catch { /* counted null below */ }
    counts[name] = obj[fn] === counted ? 0 : null;
  }
  return counts;
}
const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
const log = (...a) => console.info('[anchorwatch]', ...a);

let tabs = new TabStore();
let machine = null;
let settings = mergeSettings(null);
let lastNotification = null; // {key, error}: what maybeNotify last raised
let netPath = null; // the browser's network path (lib/network-path.js); null until read: no probes
const recentErrors = []; // the last few onErrorOccurred strings, for diagnostics
const verdictCache = new LruCache({ max: 500, ttlMs: 60 * 60 * 1000 });
const chainInflight = new Map();
const probes = new ProbeCache();
// origin → the IP address the browser last connected to for a top-level document (webRequest's
// ip): the one non-public address the host may probe a name at (docs/PROTOCOL.md, probe)
const pageAddresses = new LruCache({ max: 200, ttlMs: 10 * 60 * 1000 });

// ---------------------------------------------------------------- host connection

function connectPort() {
  const port = api.runtime.connectNative(HOST_NAME);
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage: (cb) => port.onMessage.addListener(cb),
    // Chromium reports the reason in runtime.lastError, Firefox in port.error
    onDisconnect: (cb) => port.onDisconnect.addListener((p) => cb(p?.error?.message ?? api.runtime.lastError?.message ?? '')),
    disconnect: () => port.disconnect(),
  };
}

const host = new HostClient({
  connect: connectPort,
  onState: (state) => {
    log('host', state.status, state.error ?? '');
    if (state.status !== HOST_STATUS.READY && state.status !== HOST_STATUS.CONNECTING) {
      verdictCache.clear();
    }
    applyAll();
  },
  onReady: (hello) => {
    log('host ready', hello.host, 'protocol', hello.protocol, 'capabilities', hello.capabilities.join(','));
    rescan(false);
  },
});

// Guided cleanup: the cleanup page and the popup reach the host through the relay, which checks
// the sender of every request (confirm only from the cleanup page) and, after apply, restore and
// verify (the host has refreshed its snapshot by then), re-reads the scan so that the
// machine-wide alert and every badge follow before the page gets its answer.
const cleanupAudit = []; // the last requests: {op, page, sender, outcome}
const relay = new CleanupRelay({
  host,
  extensionId: api.runtime.id,
  baseUrl: api.runtime.getURL(''),
  afterChange: () => rescan(false),
  audit: (entry) => {
    log('cleanup', entry.op, entry.page ?? entry.sender, entry.outcome);
    cleanupAudit.push({ ...entry, at: Date.now() });
    if (cleanupAudit.length > 50) cleanupAudit.shift();
  },
});

async function rescan(refresh) {
  try {
    const scan = await host.request('scan', refresh ? { refresh: true } : {});
    const next = machineState(scan);
    // a new snapshot may carry a changed policy or store set: chain verdicts are judged anew
    if (next?.scannedAt !== machine?.scannedAt) verdictCache.clear();
    machine = next;
    await applyAll();
    await maybeNotify();
  } catch (e) {
    log('scan failed', e.code, e.message);
  }
}

// ---------------------------------------------------------------- badges

// Firefox announces every reset of a tab's badge with a tabs.onUpdated event (lib/applied-badges.js)
const applied = new AppliedBadges({ resetsAnnounced: BUILD.browser === 'firefox' });
const where = (tabId) => (tabId === undefined ? {} : { tabId });
const SETTERS = {
  text: (tabId, text) => api.action.setBadgeText({ ...where(tabId), text }),
  color: (tabId, color) => api.action.setBadgeBackgroundColor({ ...where(tabId), color }),
  title: (tabId, title) => api.action.setTitle({ ...where(tabId), title }),
};
const shown = (b) => ({ text: b.text, color: drawnColor(b), title: titleText(b, t) });

// Firefox: the browser-wide badge follows the pages (lib/page-fallback.js), so that a page whose
// badge is the common one costs no call after Firefox's reset. Chromium keeps the machine's own
// badge browser-wide: its resets are not paid inside the page load (docs/PERFORMANCE.md).
// Each committed page counts once (a record is made per commit), not at every re-apply of all tabs.
const fallback = BUILD.browser === 'firefox' ? new PageFallback() : null;
const counted = new WeakSet();

/** Sets what differs from what the tab may be showing: most page loads cost one call or none. */
async function applyBadge(tabId) {
  const record = tabs.get(tabId);
  const want = shown(badgeFor({ record, machine, hostStatus: host.status, nameOf: localName }));
  if (fallback && record?.page && !counted.has(record)) {
    counted.add(record);
    const next = fallback.seen(want, applied.global);
    if (next) moveGlobal(next);
  }
  const props = applied.toSet(tabId, want);
  if (props.length === 0) return;
  try {
    await Promise.all(props.map((p) => SETTERS[p](tabId, want[p])));
  } catch {
    // the tab closed meanwhile
    applied.forget(tabId);
  }
}

/** Makes `want` the browser-wide badge (only what differs is set); false when that failed. */
async function setGlobal(want) {
  const first = applied.global === null;
  const props = applied.setGlobal(want);
  try {
    await Promise.all([
      ...props.map((p) => SETTERS[p](undefined, want[p])),
      first && api.action.setBadgeTextColor ? api.action.setBadgeTextColor({ color: '#ffffff' }) : null,
    ]);
    return true;
  } catch (e) {
    applied.globalUnknown();
    log('setGlobal', e?.message);
    return false;
  }
}

/** Firefox: a page badge becomes the browser-wide one; the tabs that want another get their own. */
async function moveGlobal(want) {
  if (await setGlobal(want)) await applyTabs();
}

async function applyAll() {
  const base = shown(globalBadge({ machine, hostStatus: host.status, nameOf: localName }));
  await setGlobal(fallback ? fallback.inherited(base) : base);
  await applyTabs();
}

async function applyTabs() {
  try {
    const all = await api.tabs.query({});
    await Promise.all(all.map((tab) => applyBadge(tab.id)));
  } catch (e) {
    log('applyAll', e?.message);
  }
}

// Serialised: two rescans that finish together must not both decide to notify.
let notifyChain = Promise.resolve();
function maybeNotify() {
  notifyChain = notifyChain.then(notifyOnce, (e) => log('notify failed', e?.message));
  return notifyChain;
}

async function notifyOnce() {
  if (!settings.notifications) return;
  const store = api.storage.session ?? api.storage.local;
  const { notifiedKey } = await store.get('notifiedKey');
  const key = notificationKey(machine, notifiedKey);
  if (!key) return;
  let error = null;
  try {
    await api.notifications.create('anchorwatch-machine-alert', {
      type: 'basic',
      iconUrl: api.runtime.getURL('icons/icon-128.png'),
      title: t('notificationTitle', []),
      message: t('notificationBody', [alertNames().join(', ')]),
    });
  } catch (e) {
    error = String(e?.message ?? e);
    log('notification failed', e?.message);
  }
  // one record, written once the outcome is known: a reader never sees the key without its error
  lastNotification = { key, error };
  await store.set(error ? { notifiedKey: key, notificationError: error } : { notifiedKey: key });
}

/** A blocklist entry by the name people know it by (its family's, in their language), else its own. */
function localName(entry, name) {
  return entryNameText(entry, t, name);
}

/** The alert's certificates by the names people know them by (one name per family). */
function alertNames() {
  return [...new Set((machine?.interception ?? []).map((g) => localName(g.entry, g.name)))];
}

// The notification says "click to see what to do": a click opens the popup (where the browser
// allows it) or the page that acts on the alert.
api.notifications?.onClicked?.addListener(async (id) => {
  if (id !== 'anchorwatch-machine-alert') return;
  const page = notificationPage(machine);
  api.notifications.clear(id).catch(() => {});
  if (page === 'popup.html' && api.action.openPopup) {
    try {
      await api.action.openPopup();
      return;
    } catch (e) {
      log('openPopup refused', e?.message);
    }
  }
  await api.tabs.create({ url: api.runtime.getURL(page) });
});

// One write per settled page load, none when nothing changed (lib/session-writer.js).
const session = api.storage.session && new SessionWriter({
  snapshot: () => ({ tabs: tabs.toJSON(), probes: probes.toJSON() }),
  write: (data) => api.storage.session.set(data),
  delayMs: 1000,
});
function persistTabs() {
  session?.schedule();
}

// ---------------------------------------------------------------- verdicts

function onTabChanged(tabId) {
  persistTabs();
  return applyBadge(tabId);
}

/** A verdict for a top-level document (chain or probe). */
function deliverMain(tabId, url, verdict) {
  if (tabId < 0) return;
  if (tabs.mainVerdict(tabId, url, verdict)) onTabChanged(tabId);
  else persistTabs();
}

// Host round trips for chains not yet judged wait until the tab has loaded (lib/after-load.js);
// a cached verdict is delivered at once (it costs no trip to the host).
// A page left before its load ends drops its pending trips (onBeforeNavigate comes before the
// next page's own onHeadersReceived, so that page's trips are queued after the drop).
const chainQueue = new AfterLoadQueue({ quietMs: 0, maxWaitMs: 5000, dropOnNavigation: true, log });

/** Is a verdict for this chain cached? (the Firefox listener then skips the DER) */
function chainKnown(securityInfo) {
  const key = chainCacheKey(securityInfo);
  return key !== null && verdictCache.has(key);
}

function deliverChain(details, verdict) {
  if (details.type === 'main_frame') deliverMain(details.tabId, details.url, verdict);
  else if (details.tabId >= 0 && tabs.frameVerdict(details.tabId, verdict)) onTabChanged(details.tabId);
}

/**
 * Firefox: judge a chain from getSecurityInfo, through the cache. Runs while the listener holds
 * the response: a cached verdict is recorded at once (before the commit); a host trip, with its
 * request built from the DER, is queued in a later task.
 */
function judgeChain(details, securityInfo) {
  const key = chainCacheKey(securityInfo);
  const verdict = key ? verdictCache.get(key) : undefined;
  if (verdict) deliverChain(details, verdict);
  else setTimeout(() => chainQueue.add(details.tabId, null, () => askHost(details, securityInfo, key)), 0);
}

async function askHost(details, securityInfo, key) {
  let verdict = key ? verdictCache.get(key) : undefined;
  if (!verdict) {
    if (host.status !== HOST_STATUS.READY && host.status !== HOST_STATUS.CONNECTING) return;
    let p = key ? chainInflight.get(key) : undefined;
    if (!p) {
      const req = checkChainRequest(securityInfo, details.url);
      if (!req) return;
      p = host.request('checkChain', req);
      if (key) {
        chainInflight.set(key, p);
        p.finally(() => chainInflight.delete(key)).catch(() => {});
      }
    }
    try {
      verdict = { ...(await p), source: 'chain' };
    } catch (e) {
      log('checkChain failed', e.code, e.message);
      return;
    }
    if (key) verdictCache.set(key, verdict);
  }
  deliverChain(details, verdict);
}

// ---------------------------------------------------------------- the browser's network path

async function readNetPath() {
  try {
    const details = await api.proxy.settings.get({});
    netPath = BUILD.browser === 'chromium' ? chromiumPath(details) : firefoxPath(details);
  } catch (e) {
    log('proxy settings unreadable', e?.message);
    netPath = { mode: 'unknown', why: 'unreadable', routine: false };
  }
  log('network path', netPath.mode, netPath.why ?? '');
}

/**
 * Probes an origin through the host (Chromium routinely; both browsers on certificate errors),
 * the way the browser's own connection went (its proxy), or not at all. `pageAddress` is the
 * address the browser connected to, when known (webRequest's ip).
 */
async function probe(url, reason, pageAddress = null) {
  await ready;
  const target = probeTarget(url);
  const origin = originOf(url);
  if (!target || !origin) return;
  if (!shouldProbe({ reason, settings, path: netPath,
    supportsProbe: host.status !== HOST_STATUS.READY || host.supports('probe') })) return;
  const proxy = probeProxy(netPath, target.host);
  const run = probes.run(origin, reason, async () => {
    const req = { host: target.host, port: target.port, timeoutMs: PROBE_TIMEOUT_MS, proxy };
    const address = pageAddress ?? pageAddresses.get(origin);
    if (address && proxy.mode === 'direct') req.pageAddress = address;
    const result = await host.request('probe', req);
    return { ...result, source: 'probe' };
  });
  const entry = await run;
  if (!entry.verdict) {
    log('probe failed', origin, entry.error?.code, entry.error?.message);
    // the host cannot reproduce the desktop's system proxy: stop probing until the setting changes
    if (entry.error?.code === 'PROBE_PROXY' && netPath?.mode === 'system') netPath = { mode: 'unknown', why: 'system', routine: false };
    return;
  }
  persistTabs();
  for (const tabId of tabs.tabIds()) {
    const rec = tabs.get(tabId);
    const pending = tabs.pending(tabId);
    const onOrigin = rec?.origin === origin || pending?.origin === origin;
    // a chain verdict (Firefox) is better evidence than a probe: keep it
    if (onOrigin && rec?.page?.source !== 'chain') deliverMain(tabId, rec?.origin === origin ? rec.url : pending.url, entry.verdict);
  }
}

function onCertError(tabId, url, error, ip = null) {
  recentErrors.push({ tabId, url, error });
  if (recentErrors.length > 20) recentErrors.shift();
  const ce = classifyCertError(error);
  if (!ce || tabId < 0) return;
  log('certificate error', tabId, url, ce.error);
  tabs.certError(tabId, url, ce);
  onTabChanged(tabId);
  probe(url, 'error', ip);
}

// ---------------------------------------------------------------- events (registered synchronously)

api.webNavigation.onBeforeNavigate.addListener((d) => {
  if (d.frameId !== 0) return;
  // the same navigation restarted keeps its verdict and its queued host trips
  if (!tabs.navigationStarted(d.tabId, d.url)) return;
  applied.loadStarted(d.tabId, d.url);
  chainQueue.navigating(d.tabId);
  routineQueue.navigating(d.tabId);
});

// Routine probes wait until the page has loaded and no tab has started a navigation for
// ROUTINE_QUIET_MS (or ROUTINE_MAX_WAIT_MS after the commit, for pages whose load never ends):
// the page's own connections, and those of the pages that follow it in quick succession, never
// share the CPU or the link with them (bench/pageload.mjs measured +26 % median load time when
// they started with the navigation, +8 % when they started at the page's load). One probe per
// origin is queued; when it runs, only a page still shown (and still without a verdict) is probed.
const ROUTINE_QUIET_MS = 1000;
const ROUTINE_MAX_WAIT_MS = 5000;
const routineQueue = new AfterLoadQueue({ quietMs: ROUTINE_QUIET_MS, maxWaitMs: ROUTINE_MAX_WAIT_MS, log });
const loadedOrigins = new LruCache({ max: 200 }); // diagnostics: origins whose routine decision was taken
function routineProbe(origin) {
  loadedOrigins.set(origin, true);
  for (const tabId of tabs.tabIds()) {
    const rec = tabs.get(tabId);
    if (rec?.origin === origin && !rec.page) {
      probe(rec.url, 'routine');
      return;
    }
  }
}

api.webNavigation.onCommitted.addListener((d) => {
  if (d.frameId !== 0) return;
  const origin = originOf(d.url);
  const known = origin ? probes.peek(origin)?.verdict ?? null : null;
  const rec = tabs.committed(d.tabId, d.url, known);
  persistTabs();
  // the browser may have reset the tab's badge; in Firefox the reset's own event may still be due
  if (applied.committed(d.tabId)) applyBadge(d.tabId);
  if (BUILD.browser === 'chromium' && !rec.page && origin) routineQueue.add(d.tabId, origin, () => routineProbe(origin));
});

/** A tab's top-level load ended: where resets are announced, the badge's net; queued trips may go. */
function loadEnded(tabId) {
  if (applied.loadEnded(tabId)) applyBadge(tabId);
  chainQueue.loaded(tabId);
  routineQueue.loaded(tabId);
}

// Firefox: the "complete" status of tabs.onUpdated instead (onTabUpdated), which it sends for the
// top-level document only, where webNavigation.onCompleted comes for every frame: one event less
// per load, and fewer for pages with frames.
if (BUILD.browser === 'chromium') {
  api.webNavigation.onCompleted.addListener((d) => {
    if (d.frameId !== 0) return;
    loadEnded(d.tabId);
    // nothing queued for the origin (its verdict was known at the commit): the decision is taken
    const origin = originOf(d.url);
    if (origin && !routineQueue.pending().includes(origin)) loadedOrigins.set(origin, true);
  });
}

api.webNavigation.onErrorOccurred.addListener((d) => {
  if (d.frameId !== 0) return;
  loadEnded(d.tabId);
  onCertError(d.tabId, d.url, d.error);
});

function notePageAddress(d) {
  const origin = originOf(d.url);
  if (origin && d.ip) pageAddresses.set(origin, d.ip);
}

// only probes use the address, and only Chromium probes pages that loaded: Firefox skips one event per load
if (BUILD.browser === 'chromium') {
  api.webRequest.onResponseStarted.addListener(notePageAddress, { urls: ['https://*/*'], types: ['main_frame'] });
}

api.webRequest.onErrorOccurred.addListener((d) => {
  if (d.type !== 'main_frame') return;
  notePageAddress(d);
  onCertError(d.tabId, d.url, d.error, d.ip ?? null);
}, { urls: ['https://*/*'], types: ['main_frame'] });

if (BUILD.browser === 'firefox') {
  const onHeadersReceived = headersListener({
    getSecurityInfo: (id, opts) => api.webRequest.getSecurityInfo(id, opts),
    known: chainKnown,
    onChain: judgeChain,
    log,
  });
  api.webRequest.onHeadersReceived.addListener(onHeadersReceived,
    { urls: ['https://*/*'], types: ['main_frame', 'sub_frame'] }, ['blocking']);
}

// A badge set before the navigation commits is reset by the browser: re-apply after the updates
// that may come with a reset (lib/applied-badges.js says which).
function onTabUpdated(tabId, change, tab) {
  let apply = applied.tabUpdated(tabId, change);
  if (BUILD.browser === 'firefox') {
    // Firefox gives the URL only of pages the extension may access; `tab.url` is missing for the
    // others. The last https page announced here is the one a URL-less change may have left
    // (events of one tab arrive in order; webNavigation's may overtake them, hence the origin).
    if (change.url) announced.set(tabId, originOf(change.url));
    else if (tab && tab.url === undefined && tabs.left(tabId, announced.get(tabId))) {
      announced.delete(tabId);
      persistTabs();
      apply = true;
    }
    // the top-level load ended (or was stopped): Firefox's webNavigation.onCompleted
    if (change.status === 'complete' && !change.url) {
      loadEnded(tabId);
      return;
    }
  }
  if (apply) applyBadge(tabId);
}
// Firefox filters the events for us (titles and favicons change several times per load, and each
// event is a trip to the background): location changes, which announce its resets, and the
// status, the only change Firefox reports for its own pages (about:preferences sends no
// webNavigation event, and must not keep the page's record or inherit a page badge adopted
// browser-wide: lib/page-fallback.js). Chromium has no such filter.
const announced = new Map(); // Firefox: tabId → origin of the last https URL its tabs.onUpdated gave
if (BUILD.browser === 'firefox') api.tabs.onUpdated.addListener(onTabUpdated, { properties: ['url', 'status'] });
else api.tabs.onUpdated.addListener(onTabUpdated);
// Firefox: a new tab shows the browser-wide badge, which may be a page's (lib/page-fallback.js).
if (fallback) {
  api.tabs.onCreated.addListener((tab) => {
    applied.created(tab.id);
    applyBadge(tab.id);
  });
}
api.tabs.onRemoved.addListener((tabId) => {
  tabs.removed(tabId);
  announced.delete(tabId);
  applied.removed(tabId);
  chainQueue.removed(tabId);
  routineQueue.removed(tabId);
  persistTabs();
});

api.proxy.settings.onChange.addListener(() => readNetPath());

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.settings) settings = mergeSettings(changes.settings.newValue);
});

api.runtime.onConnect.addListener((port) => {
  relay.connect({
    name: port.name,
    sender: port.sender,
    postMessage: (m) => port.postMessage(m),
    onMessage: (cb) => port.onMessage.addListener(cb),
    onDisconnect: (cb) => port.onDisconnect.addListener(() => cb()),
  });
});

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const reply = handleMessage(msg, sender);
  if (reply === undefined) return false;
  Promise.resolve(reply).then(sendResponse, (e) => sendResponse({ error: String(e?.message ?? e) }));
  return true;
});

function handleMessage(msg, sender) {
  if (!msg || typeof msg !== 'object') return undefined;
  // only our own pages (popup, options, cleanup) talk to the background
  if (sender?.id !== api.runtime.id) return undefined;
  switch (msg.type) {
    case 'getState':
      return ready.then(() => ({
        model: popupModel({ record: tabs.get(msg.tabId), machine, host: host.state, browser: BUILD.browser }),
        settings,
        probing: probingStatus(netPath),
      }));
    case 'retryHost':
      host.retry();
      return { ok: true };
    case 'rescan':
      return rescan(true).then(() => ({ ok: true }));
    default:
      return BUILD.e2e ? e2eMessage(msg, sender) : undefined;
  }
}

// ---------------------------------------------------------------- test build only

const popupReports = new Map();
function e2eMessage(msg, sender) {
  if (msg.e2e === 'badge') {
    const tabId = msg.tabId ?? sender.tab?.id;
    return Promise.all([
      api.action.getBadgeText({ tabId }),
      api.action.getTitle({ tabId }),
      api.action.getBadgeBackgroundColor({ tabId }),
      api.notifications.getAll(),
    ]).then(([text, title, color, notifications]) => ({ tabId, text, title, color, notifications,
      host: host.state.status, record: tabs.get(tabId), machine, lastNotification, recentErrors }));
  }
  if (msg.e2e === 'calls') return { ...callCounts };
  if (msg.e2e === 'newTab') return api.tabs.create({}).then((tab) => ({ id: tab.id })); // the browser's own new-tab page
  if (msg.e2e === 'closeTab') return api.tabs.remove(msg.tabId).then(() => ({ ok: true }));
  if (msg.e2e === 'global') {
    return Promise.all([api.action.getBadgeText({}), api.action.getTitle({})]).then(([text, title]) => ({ text, title }));
  }
  if (msg.e2e === 'tabs') {
    return api.tabs.query({}).then((all) => all.map((x) => ({ id: x.id, url: x.url })));
  }
  if (msg.e2e === 'popupText') {
    // opens the real popup page for the sender's tab and waits for it to report what it rendered
    const tabId = sender.tab?.id;
    return new Promise((resolve) => {
      popupReports.set(tabId, resolve);
      api.tabs.create({ url: api.runtime.getURL(`popup.html?tab=${tabId}&e2e=1`), active: false });
    });
  }
  if (msg.e2e === 'popupRendered') {
    const resolve = popupReports.get(msg.tabId);
    popupReports.delete(msg.tabId);
    if (sender.tab?.id !== undefined) api.tabs.remove(sender.tab.id).catch(() => {});
    if (resolve) resolve({ text: msg.text, lang: msg.lang });
    return { ok: true };
  }
  return undefined;
}

// diagnostics (devtools console, and the Chromium E2E driver through the service worker): which
// cleanup requests came from which page and how they ended. Holds no tokens and no plan ids.
globalThis.anchorwatchCleanupAudit = () => cleanupAudit.map((a) => ({ ...a }));
// diagnostics: the network path probes follow, and which origins were probed or are being probed
// (origins only: no verdicts, no addresses). The E2E driver uses it to see that a probe never started.
globalThis.anchorwatchProbes = () => ({ path: netPath && { ...netPath }, done: probes.toJSON().map(([origin]) => origin),
  running: [...probes.inflight.keys()], committed: tabs.tabIds().map((id) => tabs.get(id)?.origin).filter(Boolean),
  loaded: loadedOrigins.entries().map(([origin]) => origin),
  queued: routineQueue.pending(),
  routineSetting: settings.routineProbe });

// ---------------------------------------------------------------- start-up

const ready = (async () => {
  await readNetPath();
  const stored = await api.storage.local.get('settings');
  settings = mergeSettings(stored.settings);
  if (api.storage.session) {
    const s = await api.storage.session.get(['tabs', 'probes']);
    probes.restore(s.probes);
    // events that woke a restarted service worker may already have filled some tabs: keep those
    const restored = TabStore.fromJSON(s.tabs);
    for (const [id, v] of restored.tabs) if (!tabs.tabs.has(id)) tabs.tabs.set(id, v);
  }
})().catch((e) => log('restore failed', e?.message));

ready.then(async () => {
  host.start();
  // Tabs that were already open (extension installed or updated, service worker restarted, or
  // navigations that ran before the listeners existed): record them and probe their origins.
  try {
    for (const tab of await api.tabs.query({})) {
      if (BUILD.browser === 'firefox') {
        // what onTabUpdated would have learnt (a restarted background page knows nothing): the
        // https page a tab shows, and that a tab now on a page the extension cannot see has left its record's
        if (tab.url === undefined) tabs.left(tab.id, tabs.get(tab.id)?.origin);
        else announced.set(tab.id, originOf(tab.url));
      }
      if (!tab.url || tabs.get(tab.id)) continue;
      const origin = originOf(tab.url);
      tabs.committed(tab.id, tab.url, origin ? probes.peek(origin)?.verdict ?? null : null);
      probe(tab.url, 'routine');
    }
  } catch (e) {
    log('tab sweep failed', e?.message);
  }
  applyAll();
});
setInterval(() => { if (host.status === HOST_STATUS.READY) rescan(false); }, RESCAN_MS);
