// First run: what to get and run on this operating system, the command with a copy button.
// The same steps in the popup (when the helper program is missing) and on the options page.
import { api, t, el } from './i18n.js';
import { commandBlock } from './widgets.js';

/** Fills `section` with the first-run steps for this computer's operating system. */
export async function renderFirstRun(section) {
  let os = 'linux';
  try {
    os = (await api.runtime.getPlatformInfo()).os;
  } catch {
    // unknown: show the Linux steps, which are the only ones there are
  }
  const steps = os === 'linux'
    ? el('ol', { cls: 'first-run' }, [
      el('li', { text: t('firstRunLinuxGet') }),
      el('li', {}, [el('span', { text: t('firstRunLinuxTerminal') }), commandBlock([t('installHelpCommand')])]),
      el('li', { text: t('firstRunLinuxAfter') }),
    ])
    : el('p', { text: t('firstRunOtherOs') });
  section.replaceChildren(el('h2', { text: t('firstRunHeading') }), el('p', { text: t('firstRunWhy') }), steps);
  section.dataset.os = os;
}
