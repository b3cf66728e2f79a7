import { api, localize, t } from './i18n.js';
import { mergeSettings } from './lib/settings.js';
import { renderFirstRun } from './first-run.js';

localize();
renderFirstRun(document.getElementById('first-run'));

/** The helper program's state, as the popup says it; the first-run steps stay for reference. */
async function showHelper() {
  const state = await api.runtime.sendMessage({ type: 'getState', tabId: -1 });
  const status = state?.model?.host?.status;
  document.getElementById('helper-status').textContent = status ? `${t('popupHostHeading')}: ${t(`hostStatus_${status}`)}` : '';
}
document.getElementById('recheck').addEventListener('click', async () => {
  await api.runtime.sendMessage({ type: 'retryHost' });
  await showHelper();
});
showHelper();
const form = document.getElementById('settings');

async function load() {
  const { settings } = await api.storage.local.get('settings');
  const s = mergeSettings(settings);
  for (const [k, v] of Object.entries(s)) if (form.elements[k]) form.elements[k].checked = v;
}

form.addEventListener('change', async () => {
  const next = {};
  for (const input of form.querySelectorAll('input[type=checkbox]')) next[input.name] = input.checked;
  await api.storage.local.set({ settings: mergeSettings(next) });
  document.getElementById('saved').hidden = false;
});
load();

// the browser's proxy set-up may rule probing out whatever the checkbox says: say so here too
api.runtime.sendMessage({ type: 'getState' }).then((state) => {
  const p = state?.probing;
  const line = document.getElementById('probe-status');
  line.hidden = !p;
  if (p) line.textContent = t(p.key, p.whyKey ? [t(p.whyKey)] : p.subs ?? []);
}).catch(() => {});
