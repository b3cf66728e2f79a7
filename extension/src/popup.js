import { api, t, localize, el, messageLocale } from './i18n.js';
import { cleanupClient } from './page-port.js';
import { formatDate, historyModel, restoreOutcome } from './lib/cleanup-flow.js';

const params = new URLSearchParams(location.search);

async function currentTabId() {
  if (params.has('tab')) return Number(params.get('tab'));
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? -1;
}

function field(labelKey, value) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  const dd = el('dd');
  if (Array.isArray(value)) dd.append(el('ul', {}, value.map((v) => (v instanceof Node ? el('li', {}, [v]) : el('li', { text: v })))));
  else if (value instanceof Node) dd.append(value);
  else dd.textContent = value;
  return [el('dt', { text: t(labelKey) }), dd];
}

function fields(rows) {
  const dl = el('dl');
  for (const r of rows) if (r) dl.append(...r);
  return dl;
}

function describeLocation(loc) {
  const trust = loc.trust ? t(`trust_${loc.trust}`) : '';
  return `${loc.storeLabel}: ${loc.location}${trust ? ` (${trust})` : ''}`;
}

function reference(ref) {
  if (/^https:\/\//.test(ref)) return el('a', { text: ref, attrs: { href: ref, target: '_blank', rel: 'noreferrer' } });
  return ref;
}

function renderTab(model) {
  const body = document.getElementById('tab-body');
  body.replaceChildren();
  const badge = model.badge;
  const v = model.tab?.verdict;
  const levelKey = v ? `level_${v.level}` : badge.level === 'unavailable' ? 'level_unavailable'
    : badge.level === 'blocked' ? 'level_machine' : 'level_unchecked';
  body.append(el('p', { cls: `verdict verdict-${v?.level ?? badge.level}`, text: t(levelKey) }));
  if (model.tab?.origin) body.append(el('p', { cls: 'origin', text: model.tab.origin }));
  if (!v) return;
  body.append(fields([
    field('fieldRoot', v.rootName),
    field('fieldCategory', v.categoryKey ? t(v.categoryKey) : null),
    field('fieldCertificate', v.rootSubject),
    field('fieldIssuer', v.issuer),
    field('fieldBrowserError', v.certError),
    field('fieldWhy', t(v.whyKey)),
    field('fieldNotes', v.notes),
    field('fieldReferences', v.references.map(reference)),
    field('fieldInstalledIn', v.installedIn.map(describeLocation)),
    field('fieldSource', v.source ? t(`source_${v.source}`) : null),
  ]));
}

function renderGroup(group) {
  return el('div', { cls: 'finding' }, [
    el('strong', { text: group.name }),
    group.category ? el('span', { cls: 'category', text: ` — ${t(`category_${group.category.replace(/-/g, '_')}`)}` }) : null,
    group.locations.length ? el('ul', {}, group.locations.map((l) => el('li', { text: describeLocation(l) }))) : null,
  ]);
}

/** "Start cleanup" for every blocklisted certificate (by key) that sits in a store of this machine. */
function renderCleanupTargets(model) {
  const targets = model.cleanup.targets;
  document.getElementById('cleanup-targets').replaceChildren(...targets.map((x) => el('p', {}, [
    el('a', { cls: 'button', text: targets.length > 1 ? t('popupStartCleanupFor', [x.name]) : t('popupStartCleanup'),
      attrs: { href: `cleanup.html?spki=${encodeURIComponent(x.query)}`, target: '_blank', 'data-spki': x.query } }),
  ])));
}

// ---------------------------------------------------------------- history (undo)

const client = cleanupClient();
const locale = messageLocale();

async function renderHistory(model) {
  const section = document.getElementById('history');
  if (!model.cleanup.history) {
    section.hidden = true;
    return;
  }
  let rows;
  try {
    rows = historyModel(await client.call('backups'));
  } catch (e) {
    rows = [];
    console.info('[anchorwatch] backups failed', e.code, e.message);
  }
  section.hidden = rows.length === 0;
  document.getElementById('history-body').replaceChildren(...rows.map(historyRow));
}

function markResult(node, ok) {
  node.classList.toggle('saved', ok);
  node.classList.toggle('verdict', !ok);
  node.classList.toggle('verdict-blocked', !ok);
}

function historyRow(h) {
  const when = formatDate(h.createdAt, locale) ?? h.createdAt ?? '';
  const state = h.fullyRestored ? t('popupHistoryRestored')
    : h.restored ? t('popupHistoryPartlyRestored', [String(h.restored), String(h.locations)]) : '';
  const result = el('p', { cls: 'undo-result', attrs: { 'aria-live': 'polite' } });
  const undo = el('button', { cls: 'undo', text: t('popupUndo'), attrs: { type: 'button', 'data-backup': h.id } });
  undo.hidden = !h.canUndo;
  undo.addEventListener('click', async (event) => {
    // a restore needs no token (it only puts things back), but still a person's click
    if (!event.isTrusted || undo.disabled) return;
    undo.disabled = true;
    undo.textContent = t('popupUndoRunning');
    try {
      const o = restoreOutcome(await client.call('restore', { backupId: h.id }));
      result.textContent = o.failed.length
        ? t('popupUndoFailed', [String(o.restored), o.failed.map((f) => `${f.location}${f.message ? ` (${f.message})` : ''}`).join('; ')])
        : t('popupUndoDone', [String(o.restored)]);
      markResult(result, o.failed.length === 0);
    } catch (e) {
      result.textContent = t('popupUndoError', [e.code ?? '?']);
      markResult(result, false);
      undo.disabled = false;
      undo.textContent = t('popupUndo');
      return;
    }
    // the background re-read the scan before answering: show the machine as it is now
    await render({ keepHistoryResult: result });
  });
  return el('li', { cls: 'backup' }, [
    el('strong', { text: h.name }),
    el('span', { text: ` — ${t(h.mode === 'distrust' ? 'popupHistoryDistrusted' : 'popupHistoryRemoved', [when, String(h.locations)])}` }),
    state ? el('span', { cls: 'state', text: ` ${state}` }) : null,
    el('div', {}, [undo]),
    result,
  ]);
}

function renderMachine(model) {
  const body = document.getElementById('machine-body');
  body.replaceChildren();
  const m = model.machine;
  renderCleanupTargets(model);
  if (!m) {
    body.append(el('p', { text: t(model.host.status === 'ready' || model.host.status === 'connecting' ? 'machineWaiting' : 'machineUnknown') }));
    return;
  }
  if (m.interception.length) {
    body.append(el('p', { cls: 'verdict verdict-blocked', text: t('machineInterception') }), ...m.interception.map(renderGroup));
  }
  if (m.distrusted.length) {
    body.append(el('p', { cls: 'verdict verdict-notice', text: t('machineDistrusted') }), ...m.distrusted.map(renderGroup));
  }
  if (m.other.length) body.append(el('p', { text: t('machineOther') }), ...m.other.map(renderGroup));
  if (!m.interception.length && !m.distrusted.length && !m.other.length) {
    body.append(el('p', { cls: 'verdict verdict-clean', text: t('machineClean', [String(m.stores)]) }));
  }
  if (m.notices) body.append(el('p', { text: t('machineNotices', [String(m.notices)]) }));
  if (m.storesWithErrors) body.append(el('p', { text: t('machineStoreErrors', [String(m.storesWithErrors)]) }));
}

function renderHost(model) {
  const h = model.host;
  const status = t(`hostStatus_${h.status}`);
  document.getElementById('host-status').textContent = h.version ? t('hostVersion', [status, h.version, h.blocklistVersion ?? '?']) : status;
  document.getElementById('install-help').hidden = !h.showInstallHelp;
  document.getElementById('forbidden-help').hidden = h.status !== 'forbidden';
  document.getElementById('outdated-help').hidden = h.status !== 'outdated';
  document.getElementById('retry').hidden = h.status === 'ready' || h.status === 'connecting';
}

/** Why pages are not (routinely) checked with the host's own connection, when they are not. */
function renderProbing(probing) {
  const line = document.getElementById('probe-status');
  line.hidden = !probing;
  if (probing) line.textContent = t(probing.key, probing.whyKey ? [t(probing.whyKey)] : probing.subs ?? []);
}

async function render({ keepHistoryResult } = {}) {
  const tabId = await currentTabId();
  const state = await api.runtime.sendMessage({ type: 'getState', tabId });
  if (!state?.model) return;
  renderTab(state.model);
  renderMachine(state.model);
  renderHost(state.model);
  renderProbing(state.probing);
  await renderHistory(state.model);
  // an undo's outcome stays visible after the history is redrawn
  if (keepHistoryResult) document.getElementById('history-body').append(el('li', {}, [keepHistoryResult]));
  if (params.has('e2e')) api.runtime.sendMessage({ e2e: 'popupRendered', tabId, text: document.body.innerText });
}

localize();
document.getElementById('retry').addEventListener('click', async () => {
  await api.runtime.sendMessage({ type: 'retryHost' });
  setTimeout(render, 1500);
});
render();
