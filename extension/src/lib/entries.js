// Blocklist entries in the person's words: each family of entries (the Kazakh roots of every
// year, Superfish, eDellRoot, ...) has a short localized name and "why it matters". The
// research notes and references stay available under "Details". Families are found from the
// entry id, which the bundled blocklist keeps stable; policy and unknown entries keep their own
// name and the category's words.

// [id prefix, family]; the first match wins
const FAMILIES = Object.freeze([
  ['kz-', 'kz'],
  ['superfish', 'superfish'],
  ['dell-', 'dell'],
  ['cnnic-mcsholding', 'cnnic_mcs'],
  ['cnnic-', 'cnnic'],
  ['dcssi-', 'dcssi'],
  ['india-nic-', 'india_nic'],
  ['trustcor-', 'trustcor'],
  ['darkmatter-', 'darkmatter'],
  ['trustwave-', 'trustwave'],
  ['cyberoam-', 'cyberoam'],
  ['diginotar-', 'diginotar'],
  ['mitel-', 'mitel'],
  ['sennheiser-', 'sennheiser'],
  ['hackingteam-', 'hackingteam'],
  ['badssl-', 'badssl'],
  ['camerfirma-', 'camerfirma'],
  ['wosign-leaf-', 'wosign_leaf'],
  ['wosign-', 'wosign'],
  ['turktrust-ego', 'turktrust_ego'],
  ['turktrust-', 'turktrust'],
  ['retired-', 'retired'],
  ['sunset-', 'sunset'],
  ['comodo2011-', 'comodo2011'],
  ['misissued-leaf-', 'misissued_leaf'],
  ['leaked-leaf-', 'leaked_key'],
  ['revoked-test-', 'revoked_test'],
]);

export const FAMILY_NAMES = Object.freeze([...new Set(FAMILIES.map(([, f]) => f))]);

// The host relabels an entry a root imitates by name (new key, same operator) as `suspected-<id>`.
const SUSPECTED = 'suspected-';

/** Whether the host matched this entry by name only: a key on no list yet, the operator's name. */
export function isSuspected(entry) {
  return !!entry && entry.source !== 'policy' && typeof entry.id === 'string' && entry.id.startsWith(SUSPECTED);
}

/** The family of a blocklist entry, or null (policy entries, ids this version does not know). */
export function entryFamily(entry) {
  if (!entry || entry.source === 'policy' || typeof entry.id !== 'string') return null;
  const id = isSuspected(entry) ? entry.id.slice(SUSPECTED.length) : entry.id;
  const hit = FAMILIES.find(([prefix]) => id.startsWith(prefix));
  return hit ? hit[1] : null;
}

/**
 * How to name and explain an entry: {nameKey|null, name, whyKey, suspected}. With a family the
 * name is the localized one (`entry_<family>_name`); else the entry's own name and the category's
 * words. A suspected entry keeps its family's name and says why a name alone is enough.
 */
export function entryWords(entry, categoryWhyKey) {
  const family = entryFamily(entry);
  const suspected = isSuspected(entry);
  return {
    family,
    nameKey: family ? `entry_${family}_name` : null,
    name: entry?.name ?? '',
    whyKey: suspected ? 'entry_suspected_why' : family ? `entry_${family}_why` : categoryWhyKey,
    suspected,
  };
}

/**
 * The name to show for an entry with a translator `t(key, subs)`: the family's or its own, and
 * for a suspected one "<name> — recognised by its name; its key is not on the list yet".
 */
export function entryNameText(entry, t, fallback = '') {
  const w = entryWords(entry, null);
  const base = w.nameKey ? t(w.nameKey, []) : w.name || fallback;
  return w.suspected ? t('entry_suspected_name', [base]) : base;
}
