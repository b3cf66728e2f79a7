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
    issuer: verdict?.root?.issuer ?? entry?.issuer ?? null,
    whyKey: why,
    notes: entry?.notes ?? null,
    references: entry?.references ?? [],
    installedIn: (verdict?.installedIn ?? []).map((i) => ({ storeLabel: i.storeLabel ?? i.store, location: i.location,
      trust: i.trust ?? null })),
    certError: certError?.error ?? null,
    source: verdict?.source ?? null,
  };
}

/** The whole popup model. */
export function popupModel({ record, machine, host, browser }) {
  const verdict = worstVerdict(record);
  const hostStatus = host?.status ?? HOST_STATUS.CONNECTING;
  return {
    browser,
    badge: badgeFor({ record, machine, hostStatus }),
    host: {
      status: hostStatus,
      version: host?.hello?.host ?? null,
      protocol: host?.hello?.protocol ?? null,
      blocklistVersion: host?.hello?.blocklist?.version ?? null,
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
