// Throw-away variants of the Firefox build for `bench/pageload.mjs --variant NAME`: each one takes
// one part out of a copy of dist/firefox, so that its share of the page-load overhead can be
// measured (docs/PERFORMANCE.md, Run 8). Nothing here reaches the product: the copy lives in the
// bench's temp directory. Every edit must find its text, so a variant cannot silently turn into
// "as shipped" when background.js changes.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NOOP = 'NOOP_LISTENER(';
const noop = (registration) => [registration, NOOP];
const NAV = ['api.webNavigation.onBeforeNavigate.addListener(', 'api.webNavigation.onCommitted.addListener(',
  'api.webNavigation.onCompleted.addListener(', 'api.webNavigation.onErrorOccurred.addListener('];
const TABS = ["if (BUILD.browser === 'firefox') api.tabs.onUpdated.addListener("];
const NO_NAV = [...NAV.map(noop), [TABS[0], "if (BUILD.browser === 'firefox') NOOP_LISTENER("]];
const SYNC_RETURN = [['api.webRequest.onHeadersReceived.addListener(onHeadersReceived,',
  'api.webRequest.onHeadersReceived.addListener((d) => { onHeadersReceived(d); return {}; },']];

/** name → {what, edits: [[from, to]…] on background.js, host: is the native host installed?} */
export const VARIANTS = Object.freeze({
  shipped: { what: 'as shipped', edits: [], host: true },
  'no-host': { what: 'host not reachable (no native manifest for that home)', edits: [], host: false },
  'no-headers': { what: 'no blocking onHeadersReceived listener', edits: [noop('api.webRequest.onHeadersReceived.addListener(')], host: true },
  'no-nav': { what: 'no webNavigation or tabs.onUpdated listeners (onHeadersReceived kept)',
    edits: NO_NAV, host: true },
  'no-session': { what: 'no storage.session writes', edits: [['write: (data) => api.storage.session.set(data)', 'write: async () => {}']], host: true },
  'no-badge': { what: 'no per-tab badge calls', edits: [['const props = applied.toSet(tabId, want);', 'const props = [];']], host: true },
  // getSecurityInfo after the listener has let the response go: how much of the overhead is the hold
  // itself (Run 9). Outside the API's documented contract (MDN: only from inside the listener).
  'sync-return': { what: 'the header listener lets the response go at once; getSecurityInfo answers later',
    edits: SYNC_RETURN, host: true },
  // the least a background that reads every page's chain can do in Firefox: the header listener
  // alone, letting the response go at once (no-nav + sync-return; Run 10)
  floor: { what: 'only the header listener, which lets the response go at once (no-nav + sync-return)',
    edits: [...NO_NAV, ...SYNC_RETURN], host: true },
  empty: { what: 'an empty background script (same manifest)', empty: true, edits: [], host: true },
});

/** Copies dist/firefox to `dir` with the variant's edits; returns dir. */
export function buildVariant(name, distFirefox, dir) {
  const v = VARIANTS[name];
  if (!v) throw new Error(`unknown variant ${name}: one of ${Object.keys(VARIANTS).join(', ')}`);
  cpSync(distFirefox, dir, { recursive: true });
  const file = join(dir, 'background.js');
  if (v.empty) {
    writeFileSync(file, '// bench variant "empty"\n');
    return dir;
  }
  let src = readFileSync(file, 'utf8');
  for (const [from, to] of v.edits) {
    if (!src.includes(from)) throw new Error(`variant ${name}: "${from}" not found in background.js`);
    src = src.split(from).join(to);
  }
  if (v.edits.length) src = `const NOOP_LISTENER = () => {};\n${src}`;
  writeFileSync(file, src);
  return dir;
}
