// Bounded caches: verdicts by the chain's CA keys (Firefox) and probe results by origin (once per
// browser session). Pure; `now` is injectable.

export class LruCache {
  constructor({ max = 500, ttlMs = Infinity, now = () => Date.now() } = {}) {
    this.max = max;
    this.ttlMs = ttlMs;
    this.now = now;
    this.map = new Map();
  }

  get(key) {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, e); // most recently used last
    return e.value;
  }

  has(key) {
    return this.get(key) !== undefined;
  }

  set(key, value) {
    this.map.delete(key);
    this.map.set(key, { value, at: this.now() });
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value);
    return value;
  }

  delete(key) {
    this.map.delete(key);
  }

  clear() {
    this.map.clear();
  }

  get size() {
    return this.map.size;
  }

  entries() {
    return [...this.map.entries()].map(([k, e]) => [k, e.value]);
  }
}

/**
 * Probe results per origin: each origin is probed once per session (routine), and again on a
 * certificate error unless a result is fresher than `errorFreshMs`. In-flight probes are shared.
 */
export class ProbeCache {
  constructor({ max = 1000, errorFreshMs = 30000, now = () => Date.now() } = {}) {
    this.results = new LruCache({ max, now });
    this.inflight = new Map();
    this.errorFreshMs = errorFreshMs;
    this.now = now;
  }

  /** The cached result for an origin: {verdict, error, at} or undefined. */
  peek(origin) {
    return this.results.get(origin);
  }

  /**
   * Runs `probe()` for `origin` unless a usable result or an in-flight probe exists.
   * @param {'routine'|'error'} reason
   * @returns {Promise<{verdict, error, at}>|null} null when nothing needs doing for a routine probe
   */
  run(origin, reason, probe) {
    const inflight = this.inflight.get(origin);
    if (inflight) return inflight;
    const cached = this.results.get(origin);
    if (cached && (reason === 'routine' || this.now() - cached.at < this.errorFreshMs)) {
      return Promise.resolve(cached);
    }
    const p = (async () => {
      let entry;
      try {
        entry = { verdict: await probe(), error: null, at: this.now() };
      } catch (e) {
        entry = { verdict: null, error: { code: e?.code ?? 'ERROR', message: e?.message ?? String(e) }, at: this.now() };
      }
      // a failed probe is not cached for routine use: the next visit tries again
      if (entry.verdict) this.results.set(origin, entry);
      return entry;
    })();
    this.inflight.set(origin, p);
    p.finally(() => this.inflight.delete(origin));
    return p;
  }

  clear() {
    this.results.clear();
  }

  /** Successful results as plain data (storage.session: a restarted worker keeps "once per session"). */
  toJSON() {
    return this.results.entries();
  }

  restore(entries) {
    if (!Array.isArray(entries)) return;
    for (const [origin, entry] of entries) if (entry?.verdict && !this.results.has(origin)) this.results.set(origin, entry);
  }
}
