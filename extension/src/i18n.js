// Localises extension pages: every visible string comes from _locales through i18n.getMessage.
//   <h1 data-i18n="key"></h1>                 → textContent
//   <a data-i18n-attr="title:key,aria-label:key2">  → attributes

export const api = globalThis.browser ?? globalThis.chrome;

export function t(key, subs = []) {
  return api.i18n.getMessage(key, subs) || key;
}

/**
 * The locale the messages are shown in ("ru"), for Intl and the lang attribute: dates then match
 * the text around them. Read from the chosen messages.json itself, because the browser's own UI
 * language (getUILanguage, @@ui_locale) can differ from the one the messages came from (Chromium
 * started with LANGUAGE=ru reports en-US yet shows the ru messages).
 */
export function messageLocale() {
  return api.i18n.getMessage('localeCode') || api.i18n.getUILanguage?.() || 'en';
}

export function localize(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(',')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      el.setAttribute(attr, t(key));
    }
  }
  const ui = messageLocale();
  document.documentElement.lang = ui;
  document.documentElement.dir = t('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}

/**
 * A message descriptor in the person's language: {key, subs} (a sub may itself be a descriptor,
 * e.g. a program name inside a place) or {text} (data that is already words, such as a name).
 */
export function say(m) {
  if (m === null || m === undefined) return '';
  if (typeof m === 'string') return m;
  if (m.key) return t(m.key, (m.subs ?? []).map(say));
  return String(m.text ?? '');
}

/** Creates an element; `text` must already be localised (a t() result or data from the host). */
export function el(tag, { cls, text, attrs } = {}, children = []) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c) e.append(c);
  return e;
}
