// Message keys built at run time from the modules' tables (statuses, places, program names...):
// shared by i18n.test.js (which also scans the sources as text) and locale-tables.test.js (which
// does not, so that it also runs under mutation testing, where the sources are instrumented).
import { UNREPRODUCIBLE } from '../../src/lib/network-path.js';
import { HOST_STATUS } from '../../src/lib/host-errors.js';
import { CATEGORIES } from '../../src/lib/present.js';
import { INSPECTION_KINDS } from '../../src/lib/machine.js';
import { ACTIONS, ERROR_CODES, PHASES, STATUSES, STEPS } from '../../src/lib/cleanup-flow.js';
import { APPS, PLACE_KEYS } from '../../src/lib/places.js';
import { FAMILY_NAMES } from '../../src/lib/entries.js';
import { PLURAL_FORMS } from '../../src/lib/format.js';

export function dataKeys() {
  const keys = new Set();
  for (const l of ['blocked', 'notice', 'clean', 'unavailable', 'machine', 'unchecked']) keys.add(`level_${l}`);
  for (const s of Object.values(HOST_STATUS)) keys.add(`hostStatus_${s}`);
  for (const c of CATEGORIES) {
    keys.add(`category_${c.replace(/-/g, '_')}`);
    keys.add(`why_${c.replace(/-/g, '_')}`);
  }
  for (const k of ['trust_trusted', 'trust_stored', 'source_chain', 'source_probe']) keys.add(k);
  for (const k of INSPECTION_KINDS) keys.add(`inspection_${k}`);
  for (const w of UNREPRODUCIBLE) keys.add(`probeWhy_${w.replace(/-/g, '_')}`);
  // the guided cleanup's screens, actions, statuses, progress phases and errors
  for (const s of STEPS) keys.add(`cleanupStep_${s}`);
  for (const a of ACTIONS) keys.add(`cleanupAction_${a.replace(/-/g, '_')}`);
  for (const s of STATUSES) keys.add(`cleanupStatus_${s.replace(/-/g, '_')}`);
  for (const p of [...PHASES, 'other']) keys.add(`cleanupPhase_${p}`);
  for (const c of [...ERROR_CODES, 'other']) keys.add(`cleanupError_${c}`);
  // places, program names, entry families and plural forms
  for (const k of PLACE_KEYS) keys.add(k);
  for (const a of APPS) keys.add(`app_${a.replace(/-/g, '_')}`);
  for (const f of FAMILY_NAMES) for (const part of ['name', 'why']) keys.add(`entry_${f}_${part}`);
  for (const f of PLURAL_FORMS) for (const base of ['placeCount', 'machineOutdated', 'machineClean', 'places']) keys.add(`${base}_${f}`);
  return keys;
}
