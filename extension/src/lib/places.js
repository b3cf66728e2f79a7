// Where a certificate sits, in the person's words: the host sends codes (`place`, docs/PROTOCOL.md
// "Places"), this turns them into a message key with substitutions. Paths, nicknames and the
// host's English store labels are never part of these words (they go under "Details").

// Programs the host names (docs/PROTOCOL.md "Places"); their names are messages `app_<code>`.
export const APPS = Object.freeze(['chromium', 'snap-chromium', 'firefox', 'snap-firefox', 'flatpak-firefox', 'thunderbird',
  'snap-thunderbird', 'flatpak-thunderbird', 'librewolf']);

/** A program code as a message descriptor; an unknown code is said as it is (it is never a path). */
export function appName(app) {
  return APPS.includes(app) ? { key: `app_${app.replace(/-/g, '_')}`, subs: [] } : { text: String(app ?? '') };
}

/**
 * The words for a place: {key, subs}. `place` is {kind, app, profile, version} or missing (an
 * older host): then only the generic "a certificate store" is said.
 */
export function placeMessage(place) {
  const kind = place?.kind;
  switch (kind) {
    case 'chrome-user':
      return { key: 'place_chrome_user', subs: [appName(place.app || 'chromium')] };
    case 'mozilla-profile':
      return place.profile ? { key: 'place_mozilla_profile', subs: [appName(place.app || 'firefox'), place.profile] }
        : { key: 'place_mozilla_app', subs: [appName(place.app || 'firefox')] };
    case 'java':
      return place.version ? { key: 'place_java_version', subs: [String(place.version)] } : { key: 'place_java', subs: [] };
    case 'system':
    case 'system-added':
    case 'distrust-list':
    case 'firefox-policy':
    case 'file':
      return { key: `place_${kind.replace(/-/g, '_')}`, subs: [] };
    default:
      return { key: 'place_other', subs: [] };
  }
}

/** Every message key placeMessage can return (the locale test checks they exist). */
export const PLACE_KEYS = Object.freeze(['place_chrome_user', 'place_mozilla_profile', 'place_mozilla_app', 'place_java_version',
  'place_java', 'place_system', 'place_system_added', 'place_distrust_list', 'place_firefox_policy', 'place_file', 'place_other']);

/**
 * Places of one certificate, each said once with how many copies are there ("the system
 * certificate store" for three system files): [{message, count, details: [{storeLabel, location, trust}]}].
 */
export function groupPlaces(locations) {
  const out = new Map();
  for (const l of locations ?? []) {
    const message = placeMessage(l.place);
    const id = JSON.stringify(message);
    if (!out.has(id)) out.set(id, { message, count: 0, details: [] });
    const g = out.get(id);
    g.count++;
    g.details.push({ storeLabel: l.storeLabel ?? l.store ?? '', location: l.location ?? '', trust: l.trust ?? null });
  }
  return [...out.values()];
}
