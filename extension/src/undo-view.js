// Undo with care: the confirmation shared by the popup's history and the cleanup page's Done step.
import { t, el } from './i18n.js';
import { restoreOutcome } from './lib/cleanup-flow.js';
import { plural } from './findings-view.js';

/**
 * "Put it back?" in warning colours: what comes back, where, and that it will be trusted again.
 * Only the explicit "Yes" of a person's click restores; "Cancel" changes nothing.
 */
/** An undo's outcome in warning colours: a success brings a certificate back, which is nothing to celebrate. */
export function markResult(node, ok) {
  node.classList.add('verdict');
  node.classList.toggle('verdict-notice', ok);
  node.classList.toggle('verdict-blocked', !ok);
}

export function undoConfirmation(client, h, name, { onCancel, onResult }) {
  const yes = el('button', { cls: 'danger', text: t('popupUndoYes'), attrs: { type: 'button', 'data-undo-yes': h.id } });
  const no = el('button', { text: t('popupUndoNo'), attrs: { type: 'button', 'data-undo-no': h.id } });
  const box = el('div', { cls: 'confirm-undo', attrs: { role: 'alertdialog', 'aria-label': t('popupUndo') } }, [
    el('p', { text: t('popupUndoAsk', [name, plural('places', h.locations)]) }),
    h.interception ? el('p', { cls: 'warning-strong', text: t('popupUndoDanger') }) : null,
    el('p', { cls: 'actions' }, [yes, no]),
  ]);
  box.hidden = true;
  no.addEventListener('click', () => onCancel());
  yes.addEventListener('click', async (event) => {
    // a restore needs no token (it only puts things back), but still a person's click
    if (!event.isTrusted || yes.disabled) return;
    yes.disabled = true;
    no.disabled = true;
    yes.textContent = t('popupUndoRunning');
    try {
      const o = restoreOutcome(await client.call('restore', { backupId: h.id }));
      box.hidden = true;
      await onResult(o.failed.length
        ? t('popupUndoFailed', [String(o.restored), o.failed.map((f) => `${f.location}${f.message ? ` (${f.message})` : ''}`).join('; ')])
        : t('popupUndoDone', [plural('places', o.restored)]), o.failed.length === 0);
    } catch (e) {
      yes.disabled = false;
      no.disabled = false;
      yes.textContent = t('popupUndoYes');
      await onResult(t('popupUndoError', [e.code ?? '?']), false);
    }
  });
  return box;
}
