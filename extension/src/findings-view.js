// The popup's findings in people's words: the certificate's localized name and why it matters,
// where it is (places from the host's codes), the button that acts on it right beside it, and
// the technical facts (paths, nicknames, hashes, the host's English notes) folded under Details.
import { t, el, say, messageLocale } from './i18n.js';
import { groupPlaces } from './lib/places.js';
import { entryNameText, entryWords } from './lib/entries.js';
import { categorySlug } from './lib/present.js';
import { pluralKey } from './lib/format.js';
import { disclosure, fields, EN, link } from './widgets.js';

const locale = messageLocale();

/** A count in words, with the plural form of the person's language. */
export function plural(base, n) {
  return t(pluralKey(base, n, locale), [String(n)]);
}

/** What a blocklist entry is called in the person's language (its own name when it has no family). */
export function entryName(entry, fallback = '') {
  return entryNameText(entry, t, fallback);
}

/** Why an entry matters, in the person's language. */
export function entryWhy(entry) {
  return t(entryWords(entry, entry ? `why_${categorySlug(entry.category)}` : 'why_other').whyKey);
}

/** Each place once, with the number of copies there. */
export function placesList(locations) {
  const groups = groupPlaces(locations);
  if (!groups.length) return null;
  return el('ul', { cls: 'places' }, groups.map((g) => el('li', {
    text: g.count > 1 ? `${say(g.message)} ${plural('placeCount', g.count)}` : say(g.message),
  })));
}

function reference(ref) {
  return /^https:\/\/\S+$/.test(ref) ? link(ref, ref) : el('span', { text: ref, attrs: EN });
}

/** The exact places: the host's English store label, the path or db#nickname, the trust. */
export function exactPlaces(locations) {
  return (locations ?? []).map((l) => el('span', {}, [
    el('span', { text: l.storeLabel ?? '', attrs: EN }),
    document.createTextNode(': '),
    el('code', { text: l.location ?? '' }),
    l.trust ? document.createTextNode(` (${t(`trust_${l.trust}`)})`) : null,
  ]));
}

/** The folded technical facts of one certificate. */
export function technicalDetails({ entry, subject, issuer, locations, extra = [] }) {
  return disclosure(t('popupDetails'), [fields([
    ['popupDetailsCategory', entry?.category ? t(`category_${categorySlug(entry.category)}`) : null],
    ['fieldCertificate', subject ?? entry?.subject ?? null],
    ['fieldIssuer', issuer ?? entry?.issuer ?? null],
    ...extra,
    ['fieldNotes', entry?.notes ?? null, EN],
    ['fieldReferences', (entry?.references ?? []).map(reference)],
    ['popupDetailsLocation', exactPlaces(locations)],
  ])]);
}

/** The cleanup page for one key (SPKI SHA-256). */
export function cleanupHref(key) {
  return `cleanup.html?spki=${encodeURIComponent(key)}`;
}

/** One finding: name, why, where, its own cleanup button(s), folded details. */
export function findingCard(group, { canClean, level = 'blocked' } = {}) {
  const name = entryName(group.entry, group.name);
  const buttons = canClean ? (group.keys ?? []).map((k) => el('a', {
    cls: `button button-${level}`, text: t('popupRemoveThis', [name]),
    attrs: { href: cleanupHref(k), target: '_blank', 'data-spki': k },
  })) : [];
  return el('div', { cls: `finding finding-${level}` }, [
    el('h3', { text: name }),
    el('p', { text: entryWhy(group.entry) }),
    group.locations?.length ? el('p', { cls: 'found-in', text: t('popupFoundIn') }) : null,
    placesList(group.locations),
    buttons.length ? el('p', { cls: 'actions' }, buttons) : null,
    technicalDetails({ entry: group.entry, subject: group.subject, issuer: group.issuer, locations: group.locations }),
  ]);
}
