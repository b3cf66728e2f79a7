// Work that must not share two busy cores with a page's own load (docs/PERFORMANCE.md, "Page
// loads"): Firefox's host round trip for a new chain and Chromium's routine probe. A job waits
// until its tab's top-level document has loaded and no tab has started a navigation for
// `quietMs` (loads in quick succession run first, their jobs after), but never longer than
// `maxWaitMs` after it was queued (pages that never finish loading still get their verdict).
// Jobs with the same key are queued once. Pure: timers and clock are injected.

export class AfterLoadQueue {
  /**
   * @param {object} [o]
   * @param {number} [o.quietMs] how long no tab may have started a navigation
   * @param {number} [o.maxWaitMs] the longest a job waits, counted from when it was queued
   * @param {boolean} [o.dropOnNavigation] a tab's new top-level navigation drops the jobs it
   *   queued for the page it leaves (their results would be for a page no longer shown)
   */
  // the defaults wrap the globals: a browser's setTimeout called as a method of another object throws
  constructor({ quietMs = 0, maxWaitMs = 5000, dropOnNavigation = false, setTimeout: setT = (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: clearT = (id) => globalThis.clearTimeout(id), now = () => Date.now(), log = () => {} } = {}) {
    this.quietMs = quietMs;
    this.maxWaitMs = maxWaitMs;
    this.dropOnNavigation = dropOnNavigation;
    this.setT = setT;
    this.clearT = clearT;
    this.now = now;
    this.log = log;
    this.loading = new Set(); // tabs whose top-level document has started and not yet loaded
    this.jobs = new Map(); // key → {tabId, job, queuedAt}
    this.lastNavigation = -Infinity;
    this.timer = null;
    this.timerAt = null;
    this.seq = 0;
  }

  /** A tab's top-level navigation started (webNavigation.onBeforeNavigate, frame 0). */
  navigating(tabId) {
    if (this.dropOnNavigation) this.dropTab(tabId);
    this.loading.add(tabId);
    this.lastNavigation = this.now();
    this.arm();
  }

  /** A tab's top-level document finished loading, or failed (onCompleted / onErrorOccurred, frame 0). */
  loaded(tabId) {
    this.loading.delete(tabId);
    this.arm();
  }

  /** A tab closed: its jobs are dropped (their verdicts would have nowhere to go). */
  removed(tabId) {
    this.loading.delete(tabId);
    this.dropTab(tabId);
    this.arm();
  }

  dropTab(tabId) {
    for (const [key, e] of this.jobs) if (e.tabId === tabId) this.jobs.delete(key);
  }

  /**
   * Queues `job` for `tabId`; with a `key` already queued, nothing happens.
   * @returns {boolean} whether the job was queued
   */
  add(tabId, key, job) {
    const k = key ?? `#${++this.seq}`;
    if (this.jobs.has(k)) return false;
    this.jobs.set(k, { tabId, job, queuedAt: this.now() });
    this.arm();
    return true;
  }

  /** Keys of the queued jobs (diagnostics). */
  pending() {
    return [...this.jobs.keys()];
  }

  /** When a queued job becomes due, as things stand. */
  dueAt(e) {
    const latest = e.queuedAt + this.maxWaitMs;
    if (this.loading.has(e.tabId)) return latest;
    return Math.min(latest, Math.max(e.queuedAt, this.lastNavigation + this.quietMs));
  }

  arm() {
    let next = Infinity;
    for (const e of this.jobs.values()) next = Math.min(next, this.dueAt(e));
    if (next === this.timerAt) return;
    if (this.timer !== null) this.clearT(this.timer);
    this.timer = null;
    this.timerAt = null;
    if (next === Infinity) return;
    // always from a timer, never inside the browser event that made the job due
    this.timerAt = next;
    this.timer = this.setT(() => this.fire(), Math.max(0, next - this.now()));
  }

  fire() {
    this.timer = null;
    this.timerAt = null;
    const now = this.now();
    const due = [];
    for (const [key, e] of this.jobs) {
      if (this.dueAt(e) <= now) {
        this.jobs.delete(key);
        due.push(e);
      }
    }
    for (const e of due) {
      try {
        Promise.resolve(e.job()).catch((err) => this.log('deferred job failed', err?.message));
      } catch (err) {
        this.log('deferred job failed', err?.message);
      }
    }
    this.arm();
  }
}
