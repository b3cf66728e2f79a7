// The guided cleanup page: explain → where → back up → remove → verify → aftercare → done.
// Step logic and screen models live in lib/cleanup-flow.js; this file renders them and talks to
// the background through the cleanup port. The removal token (`confirm`) is asked for only in the
// click handler of the remove button, for a real (trusted) click.
import { api, t, localize, el, messageLocale, say } from './i18n.js';
import { cleanupClient } from './page-port.js';
import {
  CleanupFlow, STEPS, aftercareModel, applyOutcome, errorMessage, explainModel, formatDate, progressLine,
  targetFromSearch, verifyModel, whereModel,
} from './lib/cleanup-flow.js';
import { placeMessage } from './lib/places.js';
import { aftercareNote, aftercareRecord } from './lib/aftercare.js';
import { commandBlock, disclosure, fields, link, EN } from './widgets.js';
import { entryName, entryWhy, exactPlaces, placesList, plural } from './findings-view.js';
import { markResult, undoConfirmation } from './undo-view.js';

const client = cleanupClient();
const flow = new CleanupFlow();
const target = targetFromSearch(location.search);
const locale = messageLocale();
const $ = (id) => document.getElementById(id);

/** Replaces a node's children, skipping the null/false ones (replaceChildren would print them). */
function fill(node, ...children) {
  node.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
}

function dateOrUnknown(iso) {
  return formatDate(iso, locale) ?? t('cleanupUnknown');
}

// ---------------------------------------------------------------- status and errors

function showStatus(text, { cls = '' } = {}) {
  $('status').replaceChildren(text ? el('p', { cls, text }) : '');
}

function showError(e) {
  const m = errorMessage(e?.code);
  const box = el('div', { cls: 'error' }, [
    el('p', { cls: 'verdict verdict-blocked', text: t(m.key) }),
    e?.message ? el('p', { cls: 'detail', text: `${e.code ?? ''} ${e.message}`.trim(), attrs: EN }) : null,
  ]);
  $('status').replaceChildren(box);
  $('replan-row').hidden = !(m.replan && !flow.applied);
}

// ---------------------------------------------------------------- screens

/** The certificate's name in the person's language. */
function displayName(x = explainModel(flow.plan)) {
  return x.entry ? entryName(x.entry, x.name) : x.name;
}

function renderExplain() {
  const x = explainModel(flow.plan);
  $('explain-heading').textContent = t('cleanupExplainHeading', [displayName(x)]);
  fill($('explain-body'),
    x.interception ? el('p', { cls: 'verdict verdict-blocked', text: t('cleanupExplainPower') }) : null,
    el('p', { text: x.entry ? entryWhy(x.entry) : t(x.whyKey) }),
    el('p', { text: t('cleanupExplainFound', [plural('places', x.locations)]) }),
    placesList(flow.plan?.steps ?? []),
    el('p', { text: t('cleanupExplainNothingYet') }),
    // the research data stays available, folded
    disclosure(t('popupDetails'), [fields([
      ['fieldCategory', x.categoryKey ? t(x.categoryKey) : null],
      ['fieldCertificate', x.subject],
      ['fieldIssuer', x.issuer],
      ['cleanupFieldValidUntil', x.notAfter ? dateOrUnknown(x.notAfter) : null],
      ['cleanupFieldSha256', x.sha256 ? el('code', { text: x.sha256 }) : null],
      ['cleanupFieldSpki', x.spkiSha256 ? el('code', { text: x.spkiSha256 }) : null],
      ['fieldNotes', x.notes, EN],
      ['cleanupFieldListedBy', x.source ? t(x.source === 'policy' ? 'cleanupSourcePolicy' : 'cleanupSourceBundled') : null],
      ['fieldReferences', x.references.map((r) => (r.href ? link(r.text, r.href) : el('span', { text: r.text, attrs: EN })))],
    ])]),
  );
}

function renderWhere() {
  const w = whereModel(flow.plan);
  $('where-intro').textContent = t('cleanupWhereIntro', [String(w.steps.length)]);
  $('distrust-row').hidden = !w.offersDistrust || Boolean(flow.applied);
  $('distrust-mode').checked = w.mode === 'distrust';
  const cards = w.steps.map((s) => el('div', { cls: 'location' }, [
    el('h3', { text: `${s.index + 1}. ${say(placeMessage(s.place))}` }),
    fields([
      ['cleanupFieldAction', t(s.actionKey)],
      ['cleanupFieldAdmin', t(s.elevation ? 'cleanupAdminNeeded' : 'cleanupAdminNotNeeded')],
      // an unknown install date says nothing to a person: left out
      ['cleanupFieldInstalled', formatDate(s.installedAt, locale)],
      ['cleanupFieldCaveats', s.caveats.map(say)],
    ]),
    s.commands.length ? el('p', { text: t('cleanupManualIntro') }) : null,
    s.commands.length ? commandBlock(s.commands) : null,
    disclosure(t('cleanupWhereDetails'), [fields([['cleanupFieldLocation', exactPlaces([s])]])]),
  ]));
  const extra = [];
  if (w.rebuild) extra.push(el('p', { text: t('cleanupWhereRebuild', [w.rebuild]) }));
  if (w.caveats.length) extra.push(el('ul', { cls: 'caveats' }, w.caveats.map((c) => el('li', { text: say(c) }))));
  $('where-body').replaceChildren(...cards, ...extra);
}

function renderBackup() {
  const w = whereModel(flow.plan);
  $('backup-body').replaceChildren(el('ul', {}, w.steps.map((s) => el('li', {}, [
    el('strong', { text: say(placeMessage(s.place)) }), document.createTextNode(` — ${say(s.backup)}`),
  ]))));
  // the folder exists only once apply made it; before that, say where it will be in words
  $('backup-where').replaceChildren(flow.applied?.backupDir
    ? disclosure(t('popupDetails'), [el('code', { text: flow.applied.backupDir })]) : t('cleanupBackupDataFolder'));
}

function renderRemove() {
  const w = whereModel(flow.plan);
  const x = explainModel(flow.plan);
  $('remove-summary').textContent = w.manual
    ? t('cleanupRemoveSummaryManual', [x.name, String(w.automatic), String(w.manual)])
    : t('cleanupRemoveSummary', [x.name, String(w.automatic)]);
  $('remove-elevation').hidden = !w.needsElevation;
  const button = $('remove-confirm');
  button.hidden = flow.applied !== null;
  button.disabled = !flow.canApply();
  button.textContent = t(flow.applying ? 'cleanupRemoving' : w.mode === 'distrust' ? 'cleanupDistrustButton' : 'cleanupRemoveButton');
  const out = $('remove-result');
  if (!flow.applied) {
    out.replaceChildren();
    return;
  }
  const o = applyOutcome(flow.applied, flow.plan);
  fill(out,
    el('p', { cls: `verdict ${o.failed ? 'verdict-blocked' : o.manual ? 'verdict-notice' : 'verdict-clean'}`,
      text: o.failed ? t('cleanupApplyFailed', [String(o.failed)]) : o.manual ? t('cleanupApplyManual', [String(o.changed), String(o.manual)])
        : t('cleanupApplyDone', [plural('places', o.changed)]) }),
    el('ul', { cls: 'results' }, o.steps.map((s) => el('li', {}, [
      el('strong', { text: say(placeMessage(s.place)) }), document.createTextNode(` — ${t(s.actionKey)}: ${say(s.statusMessage)}`),
      s.commands.length ? commandBlock(s.commands) : null,
      disclosure(t('popupDetails'), [el('code', { text: s.location }), s.message ? el('p', { text: s.message, attrs: EN }) : null]),
    ]))),
    o.elevationCommands.length ? el('p', { text: t('cleanupElevationCommands') }) : null,
    o.elevationCommands.length ? commandBlock(o.elevationCommands) : null,
    ...o.rebuilds.map((r) => el('p', { text: t(r.ok ? 'cleanupRebuildOk' : 'cleanupRebuildFailed', [r.command, String(r.exitCode)]) })),
    disclosure(t('popupDetails'), [fields([['cleanupFieldBackupDir', o.backupDir ? el('code', { text: o.backupDir }) : null]])]),
  );
}

function addProgress(p) {
  const line = progressLine(p);
  const text = [t(line.key), line.status ? say(line.status) : null].filter(Boolean).join(': ');
  $('progress').append(el('li', {}, [document.createTextNode(text), line.detail ? el('code', { cls: 'detail', text: ` ${line.detail}`, attrs: EN }) : null]));
}

function renderVerify() {
  const body = $('verify-body');
  const v = verifyModel(flow.verified);
  $('verify-again').disabled = verifying;
  if (verifying || !v) {
    body.replaceChildren(el('p', { text: t('cleanupVerifying') }));
    return;
  }
  if (v.clean) {
    body.replaceChildren(el('p', { cls: 'verdict verdict-clean', text: t('cleanupVerifyClean', [displayName()]) }),
      el('p', { text: t('cleanupVerifyBadge') }));
    return;
  }
  body.replaceChildren(el('p', { cls: 'verdict verdict-blocked', text: t('cleanupVerifyRemaining', [String(v.remaining.length)]) }),
    placesList(v.remaining) ?? '',
    disclosure(t('popupDetails'), [el('ul', {}, exactPlaces(v.remaining).map((x) => el('li', {}, [x])))]) ?? '',
    el('p', { text: t('cleanupVerifyRemainingHelp') }));
}

let storedSince = null;
function sinceText() {
  const a = aftercareModel(flow.aftercareSince() ?? storedSince);
  return a.sinceKnown ? t('cleanupAftercareSince', [dateOrUnknown(a.since)]) : t('cleanupAftercareSinceUnknown');
}

function renderAftercare() {
  const a = aftercareModel(flow.aftercareSince() ?? storedSince);
  $('aftercare-since').textContent = sinceText();
  const links = (keys) => el('ul', { cls: 'links' }, a.links.filter((l) => keys.includes(l.key)).map((l) => el('li', {}, [link(t(l.key), l.href)])));
  $('aftercare-body').replaceChildren(
    el('p', { text: t('cleanupAftercareWhy') }),
    el('h3', { text: t('cleanupAftercarePasswordsHeading') }),
    el('ul', {}, ['cleanupAftercarePasswords', 'cleanupAftercareUnique', 'cleanupAftercareSessions', 'cleanupAftercareTwoStep']
      .map((k) => el('li', { text: t(k) }))),
    el('h3', { text: t('cleanupAftercareNetworkHeading') }),
    el('p', { text: t('cleanupAftercareNetwork') }),
    links(['cleanupLinkTorBrowser', 'cleanupLinkTorCensorship', 'cleanupLinkVpn']),
    el('h3', { text: t('cleanupAftercareVendorsHeading') }),
    el('p', { text: t('cleanupAftercareVendors') }),
    links(['cleanupLinkMozilla2020', 'cleanupLinkMozilla2019']),
  );
}

function renderDone() {
  const name = displayName();
  const v = verifyModel(flow.verified);
  const o = applyOutcome(flow.applied, flow.plan);
  fill($('done-body'),
    el('p', { cls: `verdict ${v?.clean ? 'verdict-clean' : 'verdict-notice'}`,
      text: v?.clean ? t('cleanupDoneClean', [name]) : t('cleanupDonePartial', [name, String(v?.remaining.length ?? '?')]) }),
    el('p', { text: t('cleanupDoneRestart') }),
    el('h3', { text: t('cleanupDoneRemember') }),
    el('ul', {}, [el('li', { text: sinceText() }), el('li', { text: t('cleanupAftercarePasswords') }),
      el('li', { text: t('cleanupDoneNetwork') })]),
    el('p', { text: t('cleanupDoneUndo') }),
    (undoNode ??= undoArea(o.backupId, name)),
    disclosure(t('popupDetails'), [fields([['cleanupFieldBackupDir', o.backupDir ? el('code', { text: o.backupDir }) : null]])]),
  );
}

let undoNode = null;

/** Undo from the Done step, with the same confirmation as the popup's history. */
function undoArea(backupId, name) {
  if (!backupId) return null;
  const x = explainModel(flow.plan);
  const h = { id: backupId, locations: applyOutcome(flow.applied, flow.plan).changed, interception: x.interception };
  const result = el('p', { cls: 'undo-result', attrs: { 'aria-live': 'polite' } });
  const button = el('button', { cls: 'undo', text: t('cleanupDoneUndoButton'), attrs: { type: 'button', 'data-backup': backupId } });
  const confirm = undoConfirmation(client, h, name, {
    onCancel: () => { confirm.hidden = true; button.hidden = false; button.focus(); },
    onResult: async (text, ok) => {
      result.textContent = text;
      markResult(result, ok);
      if (ok) {
        // the certificate is back: the aftercare note no longer applies
        await api.storage.local.remove('aftercare');
        runVerify();
      }
    },
  });
  button.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    button.hidden = true;
    confirm.hidden = false;
    confirm.querySelector('button').focus();
  });
  return el('div', { cls: 'undo-area' }, [button, confirm, result]);
}

const RENDER = { explain: renderExplain, where: renderWhere, backup: renderBackup, remove: renderRemove, verify: renderVerify,
  aftercare: renderAftercare, done: renderDone };

function render() {
  const current = flow.index;
  for (const li of $('steps').children) {
    const i = STEPS.indexOf(li.dataset.step);
    li.classList.toggle('current', i === current && flow.plan !== null);
    li.classList.toggle('done', i < current);
    if (i === current) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
  }
  for (const s of STEPS) $(`step-${s}`).hidden = !flow.plan || s !== flow.step;
  if (flow.plan) RENDER[flow.step]();
  document.body.dataset.step = flow.plan ? flow.step : 'loading';
  $('back').hidden = !flow.plan || flow.step === 'explain';
  $('back').disabled = !flow.canBack();
  $('next').hidden = !flow.plan || flow.step === 'done';
  $('next').disabled = !flow.canNext();
  $('close').hidden = flow.step !== 'done';
  announceStep();
}

let announced = null;
/**
 * A new step: say it in the live region and move the focus to its heading, so that keyboard and
 * screen-reader users land on what changed (not on <body>).
 */
function announceStep() {
  const shown = flow.plan ? flow.step : null;
  if (!shown || shown === announced) return;
  const first = announced === null;
  announced = shown;
  $('step-announce').textContent = t('cleanupStepAnnounce', [String(flow.index + 1), String(STEPS.length), t(`cleanupStep_${shown}`)]);
  if (first) return; // the page just opened: the focus stays where the browser put it
  const heading = $(`step-${shown}`).querySelector('h2');
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}

// ---------------------------------------------------------------- actions

async function loadPlan() {
  $('replan-row').hidden = true;
  showStatus(t('cleanupLoadingPlan'));
  try {
    const plan = await client.call('plan', { sha256: target.query, distrust: $('distrust-mode').checked });
    flow.setPlan(plan);
    showStatus('');
  } catch (e) {
    if (e.code === 'NOT_INSTALLED') showStatus(t('cleanupNothingToRemove'), { cls: 'verdict verdict-clean' });
    else showError(e);
  }
  render();
}

let verifying = false;
async function runVerify() {
  const query = flow.verifyQuery();
  if (!query || verifying) return;
  verifying = true;
  render();
  try {
    flow.setVerified(await client.call('verify', { sha256: query }));
    showStatus('');
  } catch (e) {
    showError(e);
  }
  verifying = false;
  render();
}

$('remove-confirm').addEventListener('click', async (event) => {
  // only a person's click: a script's synthetic click (isTrusted false) gets no token
  if (!event.isTrusted || !flow.startApply()) return;
  $('progress').replaceChildren();
  showStatus('');
  render();
  const planId = flow.plan.planId;
  try {
    const { token } = await client.call('confirm', { planId });
    const result = await client.call('apply', { planId, token }, { onProgress: addProgress });
    flow.finishApply(result);
    // the popup keeps a "What to do now" link to the aftercare until the person dismisses it
    if (applyOutcome(result, flow.plan).changed > 0) {
      const x = explainModel(flow.plan);
      await api.storage.local.set({ aftercare: aftercareRecord({ name: x.name, entry: x.entry, since: flow.aftercareSince() }) });
    }
  } catch (e) {
    flow.finishApply(null);
    showError(e);
  }
  render();
});

$('next').addEventListener('click', () => {
  if (!flow.next()) return;
  showStatus('');
  render();
  if (flow.step === 'verify') runVerify();
  window.scrollTo(0, 0);
});
$('back').addEventListener('click', () => {
  if (flow.back()) render();
});
$('verify-again').addEventListener('click', runVerify);
$('replan').addEventListener('click', loadPlan);
// NSS databases can keep the certificate and only lose its trust: a new plan in that mode
$('distrust-mode').addEventListener('change', loadPlan);
$('close').addEventListener('click', async () => {
  const tab = await api.tabs.getCurrent();
  if (tab?.id !== undefined) api.tabs.remove(tab.id);
});

localize();
if (new URLSearchParams(location.search).has('aftercare')) {
  // opened from the popup's "What to do now": only the aftercare, from what the removal stored
  showAftercareOnly();
} else {
  render();
  if (target) loadPlan();
  else showStatus(t('cleanupNoTarget'), { cls: 'verdict verdict-notice' });
}

async function showAftercareOnly() {
  const { aftercare } = await api.storage.local.get('aftercare');
  const note = aftercareNote(aftercare);
  $('steps').hidden = true;
  document.querySelector('nav.wizard').hidden = true;
  $('step-aftercare').hidden = false;
  storedSince = note?.since ?? null;
  renderAftercare();
  document.body.dataset.step = 'aftercare-only';
}
