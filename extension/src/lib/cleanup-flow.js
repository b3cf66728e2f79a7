// The guided cleanup as data: the steps and when each may be left, and what every screen shows,
// as message keys with substitutions (cleanup.js only renders). No browser globals.
// Host shapes: docs/PROTOCOL.md "Cleanup messages".

import { categorySlug } from './present.js';

export const STEPS = Object.freeze(['explain', 'where', 'backup', 'remove', 'verify', 'aftercare', 'done']);

/** The certificate the page was opened for: cleanup.html?spki=HEX or ?sha256=HEX (hex or base64). */
export function targetFromSearch(search) {
  const params = new URLSearchParams(search);
  for (const kind of ['spki', 'sha256']) {
    const raw = params.get(kind);
    if (raw === null) continue;
    const hex = raw.replace(/:/g, '').trim();
    if (/^[0-9a-fA-F]{64}$/.test(hex)) return { kind, query: hex.toLowerCase() };
    // an unencoded '+' of base64 arrives as a space
    const b64 = raw.trim().replace(/ /g, '+');
    if (/^[A-Za-z0-9+/]{43}=$/.test(b64)) return { kind, query: b64 };
    return null;
  }
  return null;
}

/**
 * Where the person is, and what they may do next. Before the removal they may go back and forth;
 * once `apply` has run there is no way back to the removal screens (the history in the popup
 * undoes it).
 */
export class CleanupFlow {
  constructor() {
    this.step = 'explain';
    this.plan = null;
    this.applying = false;
    this.applied = null; // the apply result
    this.verified = null; // the last verify result
  }

  get index() {
    return STEPS.indexOf(this.step);
  }

  canNext() {
    if (!this.plan || this.applying) return false;
    switch (this.step) {
      case 'explain':
      case 'where':
      case 'backup':
        return true;
      case 'remove':
        return this.applied !== null;
      case 'verify':
        return this.verified !== null;
      case 'aftercare':
        return true;
      default:
        return false;
    }
  }

  canBack() {
    if (this.applying || this.index === 0) return false;
    // after the removal: only between verify, aftercare and done
    if (this.applied) return this.index > STEPS.indexOf('verify');
    return true;
  }

  next() {
    if (!this.canNext()) return false;
    this.step = STEPS[this.index + 1];
    return true;
  }

  back() {
    if (!this.canBack()) return false;
    this.step = STEPS[this.index - 1];
    return true;
  }

  setPlan(plan) {
    if (this.applied || this.applying) return;
    this.plan = plan;
  }

  /** The remove button may be used: a plan, not yet applied, not running. */
  canApply() {
    return this.step === 'remove' && this.plan !== null && !this.applying && this.applied === null;
  }

  startApply() {
    if (!this.canApply()) return false;
    this.applying = true;
    return true;
  }

  finishApply(result) {
    this.applying = false;
    if (result) {
      this.applied = result;
      if (result.verify) this.verified = result.verify;
    }
  }

  setVerified(v) {
    this.verified = v;
  }

  /** What `verify` is asked about: what the person asked to remove. */
  verifyQuery() {
    return this.plan?.target?.query ?? this.plan?.target?.sha256 ?? this.plan?.target?.spkiSha256 ?? null;
  }

  /** The earliest install time known (apply result first, then plan), or null = unknown. */
  aftercareSince() {
    return this.applied?.aftercareSince ?? this.plan?.aftercareSince ?? null;
  }
}

/** "CN=Foo,O=Bar" → "Foo" (falls back to the whole name). */
export function commonName(dn) {
  if (!dn) return '';
  const m = /(?:^|,)\s*CN=((?:\\,|[^,])+)/.exec(dn);
  return m ? m[1].replace(/\\,/g, ',').trim() : dn;
}

/** The name a person recognises: the blocklist entry, else the certificate's CN. */
export function targetName(target) {
  return target?.entry?.name || commonName(target?.subject) || target?.sha256 || target?.spkiSha256 || target?.query || '';
}

/** References as links where they are https URLs, text otherwise (a local policy path). */
export function references(list) {
  return (list ?? []).map((r) => (/^https:\/\/[^\s]+$/.test(r) ? { text: r, href: r } : { text: r, href: null }));
}

/** The explain screen. */
export function explainModel(plan) {
  const t = plan?.target ?? {};
  const e = t.entry ?? null;
  return {
    name: targetName(t),
    entry: e,
    blocklisted: e !== null,
    categoryKey: e ? `category_${categorySlug(e.category)}` : null,
    whyKey: e ? `why_${categorySlug(e.category)}` : 'cleanupNotBlocklisted',
    interception: e?.tier === 'interception',
    subject: t.subject ?? e?.subject ?? null,
    issuer: t.issuer ?? e?.issuer ?? null,
    notAfter: t.notAfter ?? null,
    sha256: t.sha256 ?? null,
    spkiSha256: t.spkiSha256 ?? null,
    notes: e?.notes ?? null,
    source: e?.source ?? null,
    references: references(e?.references),
    locations: plan?.steps?.length ?? 0,
  };
}

export const ACTIONS = Object.freeze(['delete', 'distrust', 'deselect', 'blocklist', 'rebuild-covers', 'instructions']);

/** Message key for a plan action ('rebuild-covers' → 'cleanupAction_rebuild_covers'). */
export function actionKey(action) {
  return `cleanupAction_${(ACTIONS.includes(action) ? action : 'instructions').replace(/-/g, '_')}`;
}

// Caveats carry a stable code (native-host …/cleanup/Caveat.java, append-only); known codes are
// shown in the person's language with the host's args, unknown ones as the host's English text.
const CAVEATS = Object.freeze({
  'close-mozilla-app': 'cleanupCaveat_closeFirefox',
  'restart-chromium': 'cleanupCaveat_restartChromium',
  'distro-managed': 'cleanupCaveat_distroManaged',
  'distro-deselected': 'cleanupCaveat_deselected',
  'generated-file': 'cleanupCaveat_generated',
  'no-rebuild': 'cleanupCaveat_noRebuild',
  'policy-managed': 'cleanupCaveat_policyManaged',
  'os-confirms': 'cleanupCaveat_osConfirms',
  'os-managed': 'cleanupCaveat_osManaged',
  'os-profile': 'cleanupCaveat_osProfile',
});

/** One caveat ({code, text, args} from the host) as {key, subs} (known code) or {text}. */
export function caveatMessage(caveat) {
  const key = caveat && Object.hasOwn(CAVEATS, caveat.code) ? CAVEATS[caveat.code] : null;
  if (key) return { key, subs: (caveat.args ?? []).map(String) };
  return { text: String(caveat?.text ?? caveat ?? '') };
}

/** What the backup of one step keeps, as {key, subs} (or the host's words when the step is unusual). */
export function backupMessage(step) {
  const d = step?.details ?? {};
  switch (step?.action) {
    case 'delete':
    case 'distrust':
      if (step.storeType === 'nss') return { key: 'cleanupBackup_nss', subs: [d.nickname ?? '', d.trust ?? ''] };
      if (step.storeType === 'keystore') return { key: 'cleanupBackup_keystore', subs: [d.alias ?? ''] };
      // the path is for experts: it stays under the where step's Details
      return { key: 'cleanupBackup_file', subs: [] };
    case 'deselect':
      return { key: 'cleanupBackup_conf', subs: [d.conf ?? ''] };
    case 'blocklist':
      return { key: 'cleanupBackup_blocklist', subs: [d.blocklistDir ?? ''] };
    case 'rebuild-covers':
    case 'instructions':
      return { key: 'cleanupBackup_nothing', subs: [] };
    default:
      return step?.backup ? { text: step.backup } : { key: 'cleanupBackup_nothing', subs: [] };
  }
}

/** One location on the "where" screen. */
export function whereStep(step) {
  return {
    index: step.index,
    place: step.place ?? null,
    storeLabel: step.storeLabel ?? step.store ?? '',
    location: step.location ?? '',
    actionKey: actionKey(step.action),
    manual: step.action === 'instructions',
    elevation: Boolean(step.elevation),
    installedAt: step.installedAt ?? null,
    caveats: (step.caveats ?? []).map(caveatMessage),
    commands: step.action === 'instructions' ? step.commands ?? [] : [],
    // the sudo fallback, shown when no elevation prompt can be raised
    sudoCommands: step.action !== 'instructions' && step.elevation ? step.commands ?? [] : [],
    backup: backupMessage(step),
  };
}

/** The "where" screen: every step, plan-wide notes, and what it adds up to. */
export function whereModel(plan) {
  const steps = (plan?.steps ?? []).map(whereStep);
  return {
    steps,
    mode: plan?.mode ?? 'delete',
    // only NSS databases can keep a certificate while taking its trust away
    offersDistrust: (plan?.steps ?? []).some((s) => s.storeType === 'nss'),
    needsElevation: Boolean(plan?.needsElevation),
    rebuild: plan?.rebuild ?? null,
    caveats: (plan?.caveats ?? []).map(caveatMessage),
    automatic: steps.filter((s) => !s.manual).length,
    manual: steps.filter((s) => s.manual).length,
  };
}

export const PHASES = ['validate', 'backup', 'remove', 'elevate', 'rebuild', 'verify', 'restore', 'done'];
// step statuses (StepStatus.java) and the progress-only ones (Executor.java, Elevation.java)
export const STATUSES = Object.freeze(['removed', 'distrusted', 'deselected', 'blocklisted', 'covered-by-rebuild',
  'instructions', 'needs-elevation', 'failed', 'skipped', 'verified', 'still-present', 'restored',
  'started', 'saved', 'asking', 'clean', 'remaining', 'ok']);

/** Message key for a step status; unknown statuses are shown as the host wrote them. */
export function statusMessage(status) {
  return STATUSES.includes(status) ? { key: `cleanupStatus_${status.replace(/-/g, '_')}`, subs: [] } : { text: String(status ?? '') };
}

/**
 * One progress frame → a line: phase in words, the status, and the location, path or command it
 * names. Plan-wide frames of the other phases carry English prose for the log: not shown.
 */
export function progressLine(p) {
  const phase = PHASES.includes(p?.phase) ? p.phase : 'other';
  const located = (Number.isInteger(p?.step) && p.step >= 0) || phase === 'rebuild' || p?.status === 'failed';
  return {
    key: `cleanupPhase_${phase}`,
    status: p?.status ? statusMessage(p.status) : null,
    detail: located && typeof p?.message === 'string' ? p.message : null,
    step: Number.isInteger(p?.step) && p.step >= 0 ? p.step : null,
  };
}

const CHANGED = new Set(['removed', 'distrusted', 'deselected', 'blocklisted', 'covered-by-rebuild']);

/** The remove screen after `apply`: what happened where, and what is left to do by hand. */
export function applyOutcome(result, plan) {
  const byIndex = new Map((plan?.steps ?? []).map((s) => [s.index, s]));
  const steps = (result?.steps ?? []).map((s) => {
    const planned = byIndex.get(s.step);
    return {
      step: s.step,
      location: s.location,
      place: planned?.place ?? null,
      storeLabel: planned?.storeLabel ?? '',
      actionKey: actionKey(s.action),
      status: s.status,
      statusMessage: statusMessage(s.status),
      message: s.message ?? null,
      ok: CHANGED.has(s.status),
      // what the person runs themselves: the plan's instructions, or the administrator commands
      commands: s.status === 'instructions' ? planned?.commands ?? []
        : s.status === 'needs-elevation' ? planned?.commands ?? [] : [],
    };
  });
  return {
    backupId: result?.backupId ?? null,
    backupDir: result?.backupDir ?? null,
    steps,
    changed: steps.filter((s) => s.ok).length,
    failed: steps.filter((s) => s.status === 'failed').length,
    manual: steps.filter((s) => s.status === 'instructions' || s.status === 'needs-elevation').length,
    elevationCommands: result?.elevationCommands ?? [],
    rebuilds: (result?.rebuilds ?? []).map((r) => ({ command: r.command, exitCode: r.exitCode, ok: r.exitCode === 0 })),
  };
}

/** The verify screen. */
export function verifyModel(v) {
  if (!v) return null;
  const remaining = (v.remaining ?? []).map((r) => ({ storeLabel: r.storeLabel ?? r.store ?? '', location: r.location ?? '',
    trust: r.trust ?? null, place: r.place ?? null }));
  return { clean: Boolean(v.clean) && remaining.length === 0, remaining, scannedAt: v.scannedAt ?? null };
}

// Links only: nothing is fetched. What the browser vendors told people in Kazakhstan, and where
// to read about VPNs and Tor Browser for networks that intercept.
export const AFTERCARE_LINKS = Object.freeze([
  { key: 'cleanupLinkMozilla2020', href: 'https://blog.mozilla.org/netpolicy/2020/12/18/kazakhstan-root-2020/' },
  { key: 'cleanupLinkMozilla2019', href: 'https://blog.mozilla.org/security/2019/08/21/protecting-our-users-in-kazakhstan/' },
  { key: 'cleanupLinkTorBrowser', href: 'https://www.torproject.org/download/' },
  { key: 'cleanupLinkTorCensorship', href: 'https://support.torproject.org/censorship/' },
  { key: 'cleanupLinkVpn', href: 'https://ssd.eff.org/module/choosing-vpn-thats-right-you' },
]);

/** The aftercare screen: since when traffic may have been read. */
export function aftercareModel(since) {
  const date = since ? new Date(since) : null;
  const known = date !== null && !Number.isNaN(date.getTime());
  return { sinceKnown: known, since: known ? since : null, links: AFTERCARE_LINKS };
}

// dates for people: lib/format.js (Intl with a fallback that never prints month codes)
export { formatDate } from './format.js';

export const ERROR_CODES = Object.freeze(['CONFIRMATION_REQUIRED', 'PLAN_UNKNOWN', 'PLAN_STALE', 'BUSY', 'BACKUP_FAILED',
  'REMOVE_FAILED', 'BACKUP_UNKNOWN', 'ELEVATION_UNAVAILABLE', 'NOT_INSTALLED', 'BAD_HASH', 'HOST_UNAVAILABLE',
  'HOST_DISCONNECTED', 'TIMEOUT', 'FORBIDDEN_SENDER', 'BACKGROUND_GONE', 'UNKNOWN_TYPE']);

/** Message key for an error code (host, relay or page), and whether a new plan is the way out. */
export function errorMessage(code) {
  const known = ERROR_CODES.includes(code);
  return {
    key: known ? `cleanupError_${code}` : 'cleanupError_other',
    replan: ['CONFIRMATION_REQUIRED', 'PLAN_UNKNOWN', 'PLAN_STALE', 'BUSY'].includes(code),
  };
}

/**
 * The popup's history: one row per backup, newest first (as the host lists them). A backup the
 * host found at odds with its journal (`consistent: false`: edited or forged on disk) is left out:
 * Undo must only ever bring back what this tool itself removed.
 */
export function historyModel(result) {
  return (result?.backups ?? []).filter((b) => b.consistent !== false).map((b) => {
    const locations = b.locations ?? [];
    const restored = locations.filter((l) => l.restored).length;
    return {
      id: b.id,
      name: targetName(b.target),
      entry: b.target?.entry ?? null,
      // bringing back an interception root is the one undo that deserves the strongest warning
      interception: b.target?.entry?.tier === 'interception',
      createdAt: b.createdAt ?? null,
      mode: b.mode === 'distrust' ? 'distrust' : 'delete',
      locations: locations.length,
      restored,
      fullyRestored: Boolean(b.fullyRestored) || (locations.length > 0 && restored === locations.length),
      dir: b.dir ?? null,
    };
  }).map((h) => ({ ...h, canUndo: !h.fullyRestored && h.locations > 0 }));
}

/** The result of an undo: how many locations came back and which did not. */
export function restoreOutcome(result) {
  const steps = result?.steps ?? [];
  return {
    restored: steps.filter((s) => s.status === 'restored').length,
    failed: steps.filter((s) => s.status !== 'restored').map((s) => ({ location: s.location, message: s.message ?? null })),
  };
}
