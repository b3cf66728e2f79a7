// The guided cleanup page: explain → where → back up → remove → verify → aftercare → done.
// Step logic and screen models live in lib/cleanup-flow.js; this file renders them and talks to
// the background through the cleanup port. The removal token (`confirm`) is asked for only in the
// click handler of the remove button, for a real (trusted) click.
import { api, t, localize, el, messageLocale } from './i18n.js';
import { cleanupClient } from './page-port.js';
import {
  CleanupFlow, STEPS, aftercareModel, applyOutcome, errorMessage, explainModel, formatDate, progressLine, targetFromSearch,
  verifyModel, whereModel,
} from './lib/cleanup-flow.js';

const client = cleanupClient();
const flow = new CleanupFlow();
const target = targetFromSearch(location.search);
const locale = messageLocale();
const $ = (id) => document.getElementById(id);

/** Replaces a node's children, skipping the null/false ones (replaceChildren would print them). */
function fill(node, ...children) {
  node.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
}

/** {key, subs} or {text} → a string in the person's language. */
function say(m) {
  if (!m) return '';
  return m.key ? t(m.key, (m.subs ?? []).map(String)) : m.text;
}

function dateOrUnknown(iso) {
  return formatDate(iso, locale) ?? t('cleanupUnknown');
}

function fields(rows) {
  const dl = el('dl');
  for (const [labelKey, value] of rows) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const dd = el('dd');
    if (Array.isArray(value)) dd.append(el('ul', {}, value.map((v) => el('li', {}, [v instanceof Node ? v : document.createTextNode(v)]))));
    else if (value instanceof Node) dd.append(value);
    else dd.textContent = value;
    dl.append(el('dt', { text: t(labelKey) }), dd);
  }
  return dl;
}

function link(text, href) {
  return el('a', { text, attrs: { href, target: '_blank', rel: 'noreferrer' } });
}

/** Commands with a copy button each (the person runs them; nothing here runs them). */
function commandBlock(commands) {
  return el('div', { cls: 'commands' }, commands.map((c) => {
    const code = el('code', { text: c });
    const button = el('button', { cls: 'copy', text: t('cleanupCopy'), attrs: { type: 'button' } });
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(c);
        button.textContent = t('cleanupCopied');
      } catch {
        // no clipboard access: select the text so that the person can copy it
        const range = document.createRange();
        range.selectNodeContents(code);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        button.textContent = t('cleanupCopySelect');
      }
    });
    return el('div', { cls: 'command' }, [el('pre', {}, [code]), button]);
  }));
}

// ---------------------------------------------------------------- status and errors

function showStatus(text, { cls = '' } = {}) {
  $('status').replaceChildren(text ? el('p', { cls, text }) : '');
}

function showError(e) {
  const m = errorMessage(e?.code);
  const box = el('div', { cls: 'error' }, [
    el('p', { cls: 'verdict verdict-blocked', text: t(m.key) }),
    e?.message ? el('p', { cls: 'detail', text: `${e.code ?? ''} ${e.message}`.trim() }) : null,
  ]);
  $('status').replaceChildren(box);
  $('replan-row').hidden = !(m.replan && !flow.applied);
}

// ---------------------------------------------------------------- screens

function renderExplain() {
  const x = explainModel(flow.plan);
  $('explain-heading').textContent = t('cleanupExplainHeading', [x.name]);
  const body = $('explain-body');
  fill(body,
    x.interception ? el('p', { cls: 'verdict verdict-blocked', text: t('cleanupExplainPower') }) : null,
    fields([
      ['fieldCategory', x.categoryKey ? t(x.categoryKey) : null],
      ['fieldWhy', t(x.whyKey)],
      ['fieldCertificate', x.subject],
      ['fieldIssuer', x.issuer],
      ['cleanupFieldValidUntil', x.notAfter ? dateOrUnknown(x.notAfter) : null],
      ['cleanupFieldSha256', x.sha256],
      ['cleanupFieldSpki', x.spkiSha256],
      ['fieldNotes', x.notes],
      ['cleanupFieldListedBy', x.source ? t(x.source === 'policy' ? 'cleanupSourcePolicy' : 'cleanupSourceBundled') : null],
      ['fieldReferences', x.references.map((r) => (r.href ? link(r.text, r.href) : r.text))],
    ]),
    el('p', { text: t('cleanupExplainFound', [String(x.locations)]) }),
    el('p', { text: t('cleanupExplainNothingYet') }),
  );
}

function renderWhere() {
  const w = whereModel(flow.plan);
  $('where-intro').textContent = t('cleanupWhereIntro', [String(w.steps.length)]);
  $('distrust-row').hidden = !w.offersDistrust || Boolean(flow.applied);
  $('distrust-mode').checked = w.mode === 'distrust';
  const cards = w.steps.map((s) => el('div', { cls: 'location' }, [
    el('h3', { text: `${s.index + 1}. ${s.storeLabel}` }),
    fields([
      ['cleanupFieldLocation', s.location],
      ['cleanupFieldAction', t(s.actionKey)],
      ['cleanupFieldAdmin', t(s.elevation ? 'cleanupAdminNeeded' : 'cleanupAdminNotNeeded')],
      ['cleanupFieldInstalled', dateOrUnknown(s.installedAt)],
      ['cleanupFieldCaveats', s.caveats.map(say)],
    ]),
    s.commands.length ? el('p', { text: t('cleanupManualIntro') }) : null,
    s.commands.length ? commandBlock(s.commands) : null,
  ]));
  const extra = [];
  if (w.rebuild) extra.push(el('p', { text: t('cleanupWhereRebuild', [w.rebuild]) }));
  if (w.caveats.length) extra.push(el('ul', { cls: 'caveats' }, w.caveats.map((c) => el('li', { text: say(c) }))));
  $('where-body').replaceChildren(...cards, ...extra);
}

function renderBackup() {
  const w = whereModel(flow.plan);
  $('backup-body').replaceChildren(el('ul', {}, w.steps.map((s) => el('li', {}, [
    el('code', { text: s.location }), document.createTextNode(` — ${say(s.backup)}`),
  ]))));
  // the folder exists only once apply made it; before that, say where it will be in words
  $('backup-where').textContent = flow.applied?.backupDir ?? t('cleanupBackupDataFolder');
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
        : t('cleanupApplyDone', [String(o.changed)]) }),
    el('ul', { cls: 'results' }, o.steps.map((s) => el('li', {}, [
      el('code', { text: s.location }), document.createTextNode(` — ${t(s.actionKey)}: ${say(s.statusMessage)}${s.message ? ` (${s.message})` : ''}`),
      s.commands.length ? commandBlock(s.commands) : null,
    ]))),
    o.elevationCommands.length ? el('p', { text: t('cleanupElevationCommands') }) : null,
    o.elevationCommands.length ? commandBlock(o.elevationCommands) : null,
    ...o.rebuilds.map((r) => el('p', { text: t(r.ok ? 'cleanupRebuildOk' : 'cleanupRebuildFailed', [r.command, String(r.exitCode)]) })),
    fields([['cleanupFieldBackupDir', o.backupDir]]),
  );
}

function addProgress(p) {
  const line = progressLine(p);
  const text = [t(line.key), line.status ? say(line.status) : null].filter(Boolean).join(': ');
  $('progress').append(el('li', {}, [document.createTextNode(text), line.detail ? el('code', { cls: 'detail', text: ` ${line.detail}` }) : null]));
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
    body.replaceChildren(el('p', { cls: 'verdict verdict-clean', text: t('cleanupVerifyClean', [explainModel(flow.plan).name]) }),
      el('p', { text: t('cleanupVerifyBadge') }));
    return;
  }
  body.replaceChildren(el('p', { cls: 'verdict verdict-blocked', text: t('cleanupVerifyRemaining', [String(v.remaining.length)]) }),
    el('ul', {}, v.remaining.map((r) => el('li', { text: `${r.storeLabel}: ${r.location}${r.trust ? ` (${t(`trust_${r.trust}`)})` : ''}` }))),
    el('p', { text: t('cleanupVerifyRemainingHelp') }));
}

function sinceText() {
  const a = aftercareModel(flow.aftercareSince());
  return a.sinceKnown ? t('cleanupAftercareSince', [dateOrUnknown(a.since)]) : t('cleanupAftercareSinceUnknown');
}

function renderAftercare() {
  const a = aftercareModel(flow.aftercareSince());
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
  const x = explainModel(flow.plan);
  const v = verifyModel(flow.verified);
  const o = applyOutcome(flow.applied, flow.plan);
  $('done-body').replaceChildren(
    el('p', { cls: `verdict ${v?.clean ? 'verdict-clean' : 'verdict-notice'}`,
      text: v?.clean ? t('cleanupDoneClean', [x.name]) : t('cleanupDonePartial', [x.name, String(v?.remaining.length ?? '?')]) }),
    fields([['cleanupFieldBackupDir', o.backupDir]]),
    el('p', { text: t('cleanupDoneUndo') }),
    el('p', { text: t('cleanupDoneRestart') }),
    el('h3', { text: t('cleanupDoneRemember') }),
    el('ul', {}, [el('li', { text: sinceText() }), el('li', { text: t('cleanupAftercarePasswords') }),
      el('li', { text: t('cleanupDoneNetwork') })]),
  );
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
render();
if (target) loadPlan();
else showStatus(t('cleanupNoTarget'), { cls: 'verdict verdict-notice' });
