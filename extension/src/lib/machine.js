// The machine's state from a `scan` result, and the machine-wide alert rule: only
// interception-tier findings (summary.interception) alarm every tab; distrusted CAs (Debian 12
// still ships TrustCor) are listed in the popup and turn a tab red only when its chain uses them.

function groupByEntry(findings) {
  const groups = new Map();
  for (const f of findings) {
    const e = f.entry;
    if (!e) continue;
    const key = e.id ?? e.name;
    if (!groups.has(key)) {
      groups.set(key, { id: e.id, name: e.name, category: e.category, tier: e.tier, severity: e.severity,
        references: e.references ?? [], notes: e.notes ?? null, source: e.source, subject: f.subject, issuer: f.issuer,
        locations: [], keys: [], entry: e });
    }
    // the keys (SPKI SHA-256) of this entry's certificates: what a cleanup plan is made for
    if (f.spkiSha256 && !groups.get(key).keys.includes(f.spkiSha256)) groups.get(key).keys.push(f.spkiSha256);
    groups.get(key).locations.push({ store: f.store, storeLabel: f.storeLabel, location: f.location, trust: f.trust,
      installedAt: f.installedAt ?? null, place: f.place ?? null });
  }
  return [...groups.values()];
}

/** Summarises a scan result for the badge and the popup. */
export function machineState(scan) {
  if (!scan || typeof scan !== 'object') return null;
  const findings = Array.isArray(scan.findings) ? scan.findings : [];
  const blocked = findings.filter((f) => f.level === 'blocked' && f.entry);
  const summary = scan.summary ?? {};
  const interceptionNames = Array.isArray(summary.interception) ? summary.interception : [];
  const interception = groupByEntry(blocked.filter((f) => f.entry.tier === 'interception'));
  // summary.interception is the host's word; a name there without a finding still alarms
  for (const name of interceptionNames) {
    if (!interception.some((g) => g.name === name)) {
      interception.push({ id: null, name, category: null, tier: 'interception', references: [], locations: [], keys: [] });
    }
  }
  return {
    scannedAt: summary.scannedAt ?? null,
    interception,
    distrusted: groupByEntry(blocked.filter((f) => f.entry.tier === 'distrusted')),
    other: groupByEntry(blocked.filter((f) => f.entry.tier !== 'interception' && f.entry.tier !== 'distrusted')),
    notices: findings.filter((f) => f.level === 'notice').length,
    // roots the host recognised by name as a product's per-install inspection root (catalog)
    inspections: findings.filter((f) => f.level === 'notice' && f.inspection && INSPECTION_KINDS.includes(f.inspection.kind))
      .map((f) => ({ sha256: f.sha256, spkiSha256: f.spkiSha256, product: f.inspection.product, kind: f.inspection.kind })),
    stores: summary.stores ?? (Array.isArray(scan.stores) ? scan.stores.length : 0),
    storesWithErrors: summary.storesWithErrors ?? 0,
    certificates: summary.certificates ?? 0,
    policyErrors: summary.policyErrors ?? [],
    blocklistVersion: summary.blocklistVersion ?? null,
    blocklistSequence: summary.blocklistSequence ?? null,
  };
}

/** The kinds of inspection product the host's catalog knows; each has an `inspection_<kind>` message. */
export const INSPECTION_KINDS = Object.freeze(['antivirus', 'corporate', 'debugging']);

/** The inspection product whose root this is (a notice the host matched by name), or null. */
export function inspectionFor(machine, sha256, spkiSha256) {
  if (!machine?.inspections) return null;
  return machine.inspections.find((i) => (sha256 && i.sha256 === sha256) || (spkiSha256 && i.spkiSha256 === spkiSha256)) ?? null;
}

/** Names that raise the every-tab red alert (empty = no alert). */
export function machineAlertNames(machine) {
  return machine ? machine.interception.map((g) => g.name) : [];
}

/**
 * One notification per distinct alert: returns the key to notify for, or null when `lastKey`
 * already covers it (or there is nothing to say).
 */
export function notificationKey(machine, lastKey) {
  const names = machineAlertNames(machine);
  if (names.length === 0) return null;
  const key = [...names].sort().join('\n');
  return key === lastKey ? null : key;
}

/**
 * Where a click on the machine-alert notification leads: straight to the cleanup page when one
 * key (one certificate) is behind the alert, else to the popup's view of the machine.
 */
export function notificationPage(machine) {
  const keys = [...new Set((machine?.interception ?? []).flatMap((g) => g.keys ?? []))];
  return keys.length === 1 ? `cleanup.html?spki=${encodeURIComponent(keys[0])}` : 'popup.html';
}
