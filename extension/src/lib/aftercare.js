// The "What to do now" note: after a removal the popup keeps offering the aftercare (passwords,
// VPN/Tor) until the person dismisses it, even when the cleanup page was closed. Kept in
// storage.local as plain data; read back defensively (storage is not trusted to be well-formed).

/** What to store after a successful removal. */
export function aftercareRecord({ name, entry, since, at = new Date().toISOString() }) {
  return { name: String(name ?? ''), entry: entry ? { id: entry.id ?? null, name: entry.name ?? null, source: entry.source ?? null } : null,
    since: since ?? null, at };
}

/** The note to show, or null when there is none (or what is stored is not one). */
export function aftercareNote(stored) {
  if (!stored || typeof stored !== 'object' || typeof stored.name !== 'string' || !stored.name) return null;
  const entry = stored.entry && typeof stored.entry === 'object' ? stored.entry : null;
  return { name: stored.name, entry, since: typeof stored.since === 'string' ? stored.since : null };
}
