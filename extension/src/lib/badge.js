// Verdict → badge. Pure: returns the badge text, colour and the title as message descriptors
// ({key, subs}); the edge turns them into localised text with i18n.getMessage.
//
// Precedence for a tab: a blocked chain (this page or one of its frames) > the browser's own
// "known interception" error > the machine-wide interception alert > other certificate errors >
// a notice (locally added root) > host unavailable (grey) > clean (no badge).

import { commonName } from './names.js';
import { HOST_STATUS, hostUnavailable } from './host-errors.js';
import { inspectionFor, machineAlertNames } from './machine.js';

export const COLORS = Object.freeze({
  blocked: '#c5221f',
  notice: '#a65100',
  unavailable: '#5f6368',
  clean: '#137333',
});

export const TEXT = Object.freeze({ blocked: '!', notice: 'i', unavailable: '?', clean: '' });

const RANK = { blocked: 2, notice: 1, clean: 0 };

/** The most severe verdict among a record's page and frames, or null. */
export function worstVerdict(rec) {
  if (!rec) return null;
  let worst = rec.page ?? null;
  for (const f of rec.frames ?? []) {
    if (!worst || (RANK[f.level] ?? 0) > (RANK[worst.level] ?? 0)) worst = f;
  }
  return worst;
}

/** The name a person recognises for a verdict's root: the blocklist entry, else the root's CN. */
export function rootName(verdict) {
  if (!verdict) return '';
  if (verdict.entry?.name) return verdict.entry.name;
  return commonName(verdict.root?.subject) || commonName(verdict.root?.issuer) || '';
}

const HOST_TITLE = {
  [HOST_STATUS.MISSING]: 'badgeTitleHostMissing',
  [HOST_STATUS.FORBIDDEN]: 'badgeTitleHostForbidden',
  [HOST_STATUS.OUTDATED]: 'badgeTitleHostOutdated',
  [HOST_STATUS.CRASHED]: 'badgeTitleHostCrashed',
  [HOST_STATUS.ERROR]: 'badgeTitleHostError',
};

/**
 * @param {object} o
 * @param {object|null} o.record the tab's committed record (tabs.js), or null
 * @param {object|null} o.machine machineState(scan), or null before the first scan
 * @param {string} o.hostStatus HOST_STATUS value
 * @param {function} [o.nameOf] (entry, name) → the name to show (the edge passes the localized family name)
 * @returns {{level: string, text: string, color: string, title: {key: string, subs: string[]}[]}}
 */
export function badgeFor({ record, machine, hostStatus, nameOf = (entry, name) => name }) {
  const verdict = worstVerdict(record);
  const certError = record?.certError ?? null;
  const alert = [...new Set((machine?.interception ?? []).map((g) => nameOf(g.entry ?? null, g.name)))];
  const title = [];
  let level = 'clean';

  if (verdict?.level === 'blocked') {
    level = 'blocked';
    title.push({ key: 'badgeTitleBlocked', subs: [nameOf(verdict.entry ?? null, rootName(verdict))] });
  }
  if (certError?.kind === 'interception') {
    level = 'blocked';
    title.push(verdict?.level === 'blocked' ? { key: 'badgeTitleCertError', subs: [certError.error] }
      : { key: 'badgeTitleKnownInterception', subs: [certError.error, rootName(verdict) || '?'] });
  }
  if (alert.length > 0) {
    level = 'blocked';
    title.push({ key: 'badgeTitleMachineAlert', subs: [alert.join(', ')] });
  }
  if (level !== 'blocked') {
    if (certError) {
      level = 'notice';
      title.push(verdict?.root
        ? { key: 'badgeTitleCertErrorRoot', subs: [certError.error, rootName(verdict)] }
        : { key: 'badgeTitleCertError', subs: [certError.error] });
    } else if (verdict?.level === 'notice') {
      level = 'notice';
      const by = inspectionFor(machine, verdict.root?.sha256, verdict.root?.spkiSha256);
      title.push(by ? { key: `inspection_${by.kind}`, subs: [by.product] } : { key: 'badgeTitleNotice', subs: [rootName(verdict)] });
    }
  }
  if (level === 'clean' && hostUnavailable(hostStatus)) {
    return { level: 'unavailable', text: TEXT.unavailable, color: COLORS.unavailable,
      title: [{ key: HOST_TITLE[hostStatus] ?? 'badgeTitleHostError', subs: [] }] };
  }
  if (level === 'clean') {
    title.push(verdict ? { key: 'badgeTitleClean', subs: [rootName(verdict)] } : { key: 'badgeTitleIdle', subs: [] });
  }
  return { level, text: TEXT[level], color: COLORS[level], title };
}

/**
 * The colour to set for a badge. A badge without text is not drawn, so its colour is free: every
 * textless badge (the idle global one, a clean page's) carries the notice colour. Firefox resets a
 * tab to the global badge on every navigation, and a notice page (a root added on this computer,
 * so every page for people whose antivirus or employer inspects TLS) then needs no colour call:
 * each call redraws the toolbar button in the browser process (docs/PERFORMANCE.md, Run 8).
 */
export function drawnColor(badge) {
  return badge.text ? badge.color : COLORS.notice;
}

/** The badge when no tab is concerned (the browser-wide default): machine alert or host state. */
export function globalBadge({ machine, hostStatus, nameOf }) {
  return badgeFor({ record: null, machine, hostStatus, nameOf });
}

/** Joins title descriptors into one string with a translator `t(key, subs)`. */
export function titleText(badge, t) {
  return [t('extName', []), ...badge.title.map((d) => t(d.key, d.subs))].join('\n');
}
