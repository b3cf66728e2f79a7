import { api, t, localize, el, messageLocale } from './i18n.js';
import { cleanupClient } from './page-port.js';
import { historyModel } from './lib/cleanup-flow.js';
import { formatDate } from './lib/format.js';
import { commandBlock, disclosure, EN } from './widgets.js';
import { cleanupHref, entryName, entryWhy, findingCard, placesList, plural, technicalDetails } from './findings-view.js';
import { aftercareNote } from './lib/aftercare.js';
import { renderFirstRun } from './first-run.js';
import { markResult, undoConfirmation } from './undo-view.js';
import { inspectionFor } from './lib/machine.js';

const params = new URLSearchParams(location.search);
const client = cleanupClient();
const locale = messageLocale();
const $ = (id) => document.getElementById(id);

async function currentTabId() {
  if (params.has('tab')) return Number(params.get('tab'));
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? -1;
}

// ---------------------------------------------------------------- this tab

function renderTab(model) {
  const body = $('tab-body');
  body.replaceChildren();
  const badge = model.badge;
  const v = model.tab?.verdict;
  // the machine-wide alert is said once, under "This computer"; here only what concerns the page
  const levelKey = v ? `level_${v.level}` : badge.level === 'unavailable' ? 'level_unavailable'
    : badge.level === 'blocked' ? 'level_machine_tab' : 'level_unchecked';
  const style = v ? v.level : badge.level === 'unavailable' ? 'unavailable' : 'neutral';
  body.append(el('p', { cls: `verdict verdict-${style}`, text: t(levelKey) }));
  if (model.tab?.origin) body.append(el('p', { cls: 'origin', text: model.tab.origin, attrs: { dir: 'ltr' } }));
  if (!v || v.level === 'clean') return;
  const name = v.entry ? entryName(v.entry, v.rootName) : v.rootName;
  // the same certificate is explained under "This computer" with its button: named once here
  const explainedBelow = Boolean(v.entry?.id) && (model.machine?.interception ?? []).some((g) => g.id === v.entry.id);
  // a root the host recognised as a product's own inspection root: say whose (issue 8's catalog)
  const by = inspectionFor(model.machine, v.rootSha256, v.rootSpki);
  const parts = [
    name ? el('h3', { text: name }) : null,
    by ? el('p', { cls: 'inspection', text: t(`inspection_${by.kind}`, [by.product]) }) : null,
    explainedBelow ? null : el('p', { text: v.entry ? entryWhy(v.entry) : t(v.whyKey) }),
    v.installedIn.length && !explainedBelow ? el('p', { cls: 'found-in', text: t('popupFoundIn') }) : null,
    explainedBelow ? null : placesList(v.installedIn),
    ...tabCleanup(model),
    technicalDetails({ entry: v.entry, subject: v.rootSubject, issuer: v.issuer, locations: v.installedIn, extra: [
      ['fieldBrowserError', v.certError, EN],
      ['fieldSource', v.source ? t(`source_${v.source}`) : null],
    ] }),
  ];
  body.append(...parts.filter(Boolean));
}

/** The tab's blocked root when the machine's findings do not list it (its store is not scanned yet). */
function tabCleanup(model) {
  const listed = new Set(['interception', 'distrusted', 'other'].flatMap((tier) => (model.machine?.[tier] ?? []).flatMap((g) => g.keys ?? [])));
  return model.cleanup.targets.filter((x) => x.group === null && !listed.has(x.query)).map((x) => el('p', { cls: 'actions' }, [
    el('a', { cls: 'button button-blocked', text: t('popupRemoveThis', [x.name]),
      attrs: { href: cleanupHref(x.query), target: '_blank', 'data-spki': x.query } }),
  ]));
}

// ---------------------------------------------------------------- this computer

function renderMachine(model) {
  const body = $('machine-body');
  body.replaceChildren();
  const m = model.machine;
  if (!m) {
    body.append(el('p', { text: t(model.host.status === 'ready' || model.host.status === 'connecting' ? 'machineWaiting' : 'machineUnknown') }));
    return;
  }
  const canClean = model.cleanup.available;
  // by danger: interception first, each with its own button; then other blocklisted ones;
  // the CAs browsers distrust (Debian still ships TrustCor) folded into one line last
  if (m.interception.length) {
    body.append(el('p', { cls: 'verdict verdict-blocked', text: t('machineInterception') }),
      ...m.interception.map((g) => findingCard(g, { canClean, level: 'blocked' })));
  }
  if (m.other.length) body.append(el('p', { text: t('machineOther') }), ...m.other.map((g) => findingCard(g, { canClean, level: 'notice' })));
  if (m.distrusted.length) {
    const count = m.distrusted.reduce((n, g) => n + Math.max(1, g.keys?.length ?? 0), 0);
    body.append(disclosure(plural('machineOutdated', count), [
      el('p', { text: t('machineOutdatedHelp') }),
      ...m.distrusted.map((g) => findingCard(g, { canClean, level: 'quiet' })),
    ], { cls: 'outdated' }));
  }
  if (!m.interception.length && !m.other.length) {
    body.append(el('p', { cls: 'verdict verdict-clean', text: plural('machineClean', m.stores) }));
  }
  if (m.notices) body.append(el('p', { text: t('machineNotices', [String(m.notices)]) }));
  if (m.storesWithErrors) body.append(el('p', { text: t('machineStoreErrors', [String(m.storesWithErrors)]) }));
}

// ---------------------------------------------------------------- aftercare (survives closing the cleanup page)

async function renderAftercare() {
  const { aftercare } = await api.storage.local.get('aftercare');
  const note = aftercareNote(aftercare);
  $('aftercare').hidden = !note;
  if (note) $('aftercare-text').textContent = t('popupAftercareText', [entryName(note.entry, note.name)]);
}

$('aftercare-dismiss').addEventListener('click', async () => {
  await api.storage.local.remove('aftercare');
  await renderAftercare();
});

// ---------------------------------------------------------------- history (undo with confirmation)

async function renderHistory(model) {
  const section = $('history');
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
  $('history-body').replaceChildren(...rows.map(historyRow));
}

function historyRow(h) {
  const name = entryName(h.entry, h.name);
  const when = formatDate(h.createdAt, locale) ?? '';
  const state = h.fullyRestored ? t('popupHistoryRestored')
    : h.restored ? t('popupHistoryPartlyRestored', [String(h.restored), String(h.locations)]) : '';
  const result = el('p', { cls: 'undo-result', attrs: { 'aria-live': 'polite' } });
  const undo = el('button', { cls: 'undo', text: t('popupUndo'), attrs: { type: 'button', 'data-backup': h.id } });
  undo.hidden = !h.canUndo;
  const confirm = undoConfirmation(client, h, name, { onCancel: () => { confirm.hidden = true; undo.hidden = false; undo.focus(); },
    onResult: async (text, ok) => {
      result.textContent = text;
      markResult(result, ok);
      if (ok) await render({ keepHistoryResult: result });
    } });
  undo.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    undo.hidden = true;
    confirm.hidden = false;
    confirm.querySelector('button').focus();
  });
  return el('li', { cls: 'backup' }, [
    el('strong', { text: name }),
    el('span', { text: ` — ${t(h.mode === 'distrust' ? 'popupHistoryDistrusted' : 'popupHistoryRemoved', [when, plural('places', h.locations)])}` }),
    state ? el('span', { cls: 'state', text: ` ${state}` }) : null,
    el('div', {}, [undo]),
    confirm,
    result,
  ]);
}

// ---------------------------------------------------------------- helper program and first run

function renderHost(model) {
  const h = model.host;
  $('host-status').textContent = t(`hostStatus_${h.status}`);
  $('first-run').hidden = !h.showInstallHelp;
  $('forbidden-help').hidden = h.status !== 'forbidden';
  $('outdated-help').hidden = h.status !== 'outdated';
  $('retry').hidden = h.status === 'ready' || h.status === 'connecting';
  $('host-details').replaceChildren(...(h.version
    ? [disclosure(t('popupDetails'), [el('p', { text: t('popupHostDetails', [h.version, h.blocklistVersion ?? '?']), attrs: { dir: 'ltr' } })])]
    : []));
}

/** The forbidden-help command (the same install command, run again for this browser). */
function renderForbiddenCommand() {
  $('forbidden-command').replaceChildren(commandBlock([t('installHelpCommand')]));
}

// ---------------------------------------------------------------- all of it

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
  await renderAftercare();
  renderProbing(state.probing);
  await renderHistory(state.model);
  // an undo's outcome stays visible after the history is redrawn
  if (keepHistoryResult) $('history-body').append(el('li', {}, [keepHistoryResult]));
  if (params.has('e2e')) {
    api.runtime.sendMessage({ e2e: 'popupRendered', tabId, text: document.body.innerText, lang: document.documentElement.lang });
  }
}

localize();
renderFirstRun($('first-run'));
renderForbiddenCommand();
$('retry').addEventListener('click', async () => {
  await api.runtime.sendMessage({ type: 'retryHost' });
  setTimeout(render, 1500);
});
render();
