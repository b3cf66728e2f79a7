// What the popup shows, as plain data with message keys (the popup only renders it).

import { badgeFor, rootName, worstVerdict } from './badge.js';
import { HOST_STATUS } from './host-errors.js';

export const CATEGORIES = Object.freeze(['government-mitm', 'adware-mitm', 'oem-bundled-root', 'distrusted-ca',
  'compromised-ca', 'local-policy', 'other']);

/** Message key suffix for a blocklist category ('government-mitm' → 'government_mitm'). */
export function categorySlug(category) {
  return CATEGORIES.includes(category) ? category.replace(/-/g, '_') : 'other';
}

/** The popup's description of one verdict. */
export function describeVerdict(verdict, certError = null) {
  if (!verdict && !certError) return null;
  const entry = verdict?.entry ?? null;
  let why;
  if (verdict?.level === 'blocked') why = `why_${categorySlug(entry?.category)}`;
  else if (certError?.kind === 'interception') why = 'why_known_interception';
  else if (verdict?.level === 'notice') why = 'why_non_built_in';
  else if (certError) why = 'why_cert_error';
  else why = 'why_clean';
  return {
    level: verdict?.level ?? (certError?.kind === 'interception' ? 'blocked' : 'notice'),
    reason: verdict?.reason ?? null,
    rootName: rootName(verdict),
    categoryKey: entry ? `category_${categorySlug(entry.category)}` : null,
    tier: entry?.tier ?? null,
    rootSubject: verdict?.root?.subject ?? entry?.subject ?? null,
    rootSha256: verdict?.root?.sha256 ?? null,
    rootSpki: verdict?.root?.spkiSha256 ?? null,
    issuer: verdict?.root?.issuer ?? entry?.issuer ?? null,
    whyKey: why,
    notes: entry?.notes ?? null,
    references: entry?.references ?? [],
    entry,
    installedIn: (verdict?.installedIn ?? []).map((i) => ({ storeLabel: i.storeLabel ?? i.store, location: i.location,
      trust: i.trust ?? null, place: i.place ?? null })),
    certError: certError?.error ?? null,
    source: verdict?.source ?? null,
  };
}

/**
 * What "Start cleanup" can be offered for: one target per key (SPKI SHA-256) of every blocklisted
 * certificate the scan found in a store, and the tab's blocked root when it sits in a store the
 * scan does not list yet. `query` goes into cleanup.html?spki=… (a plan by key covers every
 * certificate with that key).
 */
export function cleanupTargets(machine, tabVerdict) {
  const targets = [];
  const seen = new Set();
  const add = (query, name, group) => {
    if (!query || seen.has(query)) return;
    seen.add(query);
    targets.push({ query, name, group });
  };
  if (machine) {
    for (const tier of ['interception', 'distrusted', 'other']) {
      for (const g of machine[tier] ?? []) for (const k of g.keys ?? []) add(k, g.name, g.id ?? g.name);
    }
  }
  if (tabVerdict?.level === 'blocked' && tabVerdict.installedIn?.length) {
    // the matched certificate's key when the probe reported the chain, else the root's
    const matched = tabVerdict.chain?.[tabVerdict.matchedIndex]?.spkiSha256;
    add(matched ?? tabVerdict.root?.spkiSha256, rootName(tabVerdict), null);
  }
  return targets;
}

/** The whole popup model. */
export function popupModel({ record, machine, host, browser }) {
  const verdict = worstVerdict(record);
  const hostStatus = host?.status ?? HOST_STATUS.CONNECTING;
  const capabilities = host?.hello?.capabilities ?? [];
  const cleanup = hostStatus === HOST_STATUS.READY && ['plan', 'confirm', 'apply', 'verify'].every((c) => capabilities.includes(c));
  return {
    cleanup: {
      // the host can plan and apply removals; the history (undo) needs backups and restore
      available: cleanup,
      history: hostStatus === HOST_STATUS.READY && capabilities.includes('backups') && capabilities.includes('restore'),
      targets: cleanup ? cleanupTargets(machine, verdict) : [],
    },
    browser,
    badge: badgeFor({ record, machine, hostStatus }),
    host: {
      status: hostStatus,
      version: host?.hello?.host ?? null,
      protocol: host?.hello?.protocol ?? null,
      // the latest scan names the list it used; hello is only sent at connect, so an update
      // installed while connected shows up with the next scan
      blocklistVersion: machine?.blocklistVersion ?? host?.hello?.blocklist?.version ?? null,
      error: host?.error ?? null,
      showInstallHelp: hostStatus === HOST_STATUS.MISSING || hostStatus === HOST_STATUS.CRASHED
        || hostStatus === HOST_STATUS.ERROR,
    },
    tab: record ? { url: record.url, origin: record.origin, verdict: describeVerdict(verdict, record.certError) } : null,
    machine: machine ? {
      interception: machine.interception,
      distrusted: machine.distrusted,
      other: machine.other,
      notices: machine.notices,
      stores: machine.stores,
      storesWithErrors: machine.storesWithErrors,
      scannedAt: machine.scannedAt,
      needsCleanup: machine.interception.length + machine.distrusted.length + machine.other.length > 0,
    } : null,
  };
}
