// Dates and counts in the person's language through Intl, with fallbacks that never print what
// a browser without locale data makes of a date (Kazakh in some builds: "2040 M02 28 04:08").

/** True when Intl has real data for this locale (not a silent fallback to the root locale). */
function supported(locale) {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

const pad = (n) => String(n).padStart(2, '0');

/** dd.mm.yyyy hh:mm (local time): how dates are written in Kazakhstan and Russia, and readable everywhere. */
export function numericDate(d, { time = true } = {}) {
  const day = `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
  return time ? `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}` : day;
}

/** A month code ("M02") or a bare ISO timestamp means Intl had nothing better. */
const RAW = /\bM\d{2}\b|\d{4}-\d{2}-\d{2}T/;

/** A date for people, in their language; null when `iso` is not a date. */
export function formatDate(iso, locale, { time = true } = {}) {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const loc = locale || 'en';
  if (!supported(loc)) return numericDate(d, { time });
  try {
    const text = new Intl.DateTimeFormat(loc, time ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' }).format(d);
    return RAW.test(text) ? numericDate(d, { time }) : text;
  } catch {
    return numericDate(d, { time });
  }
}

export const PLURAL_FORMS = Object.freeze(['one', 'few', 'many', 'other']);

/**
 * The message key for a count: `${base}_${one|few|many|other}` by Intl.PluralRules (Russian has
 * all four; English and Kazakh use one and other). Every locale defines all four keys.
 */
export function pluralKey(base, n, locale) {
  let form = 'other';
  try {
    form = new Intl.PluralRules(locale || 'en').select(Number(n));
  } catch {
    form = Number(n) === 1 ? 'one' : 'other';
  }
  return `${base}_${PLURAL_FORMS.includes(form) ? form : 'other'}`;
}
