// Small page parts shared by the popup, the options page and the cleanup page.
import { t, el } from './i18n.js';

/** Commands with a copy button each (the person runs them; nothing here runs them). */
export function commandBlock(commands) {
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
    return el('div', { cls: 'command' }, [el('pre', { attrs: { lang: 'en', dir: 'ltr' } }, [code]), button]);
  }));
}

/** A "Details" disclosure: what experts need (paths, hashes, the host's English notes), folded. */
export function disclosure(summaryText, children, { cls = 'details' } = {}) {
  const kids = children.filter((c) => c !== null && c !== undefined && c !== false);
  if (kids.length === 0) return null;
  return el('details', { cls }, [el('summary', { text: summaryText }), ...kids]);
}

/** A definition list of [label key, value] rows; empty values are left out. */
export function fields(rows) {
  const dl = el('dl');
  for (const [labelKey, value, attrs] of rows) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const dd = el('dd', { attrs });
    if (Array.isArray(value)) dd.append(el('ul', {}, value.map((v) => el('li', {}, [v instanceof Node ? v : document.createTextNode(v)]))));
    else if (value instanceof Node) dd.append(value);
    else dd.textContent = value;
    dl.append(el('dt', { text: t(labelKey) }), dd);
  }
  return dl.children.length ? dl : null;
}

/** Host prose (English notes, store labels, error messages) is marked as English for screen readers. */
export const EN = Object.freeze({ lang: 'en' });

/** A link that opens in a new tab. */
export function link(text, href) {
  return el('a', { text, attrs: { href, target: '_blank', rel: 'noreferrer' } });
}
