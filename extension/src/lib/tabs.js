// Per-tab verdicts, applied after the navigation commits (both browsers reset a tab's badge when
// a navigation commits, so a verdict that arrives early waits in `pending`).
//
// A record: {url, origin, page, frames[], certError}
//   page: {level, ..., source: 'chain'|'probe'} - the top-level document's verdict
//   frames: sub-frame verdicts that are not clean (Firefox)
//   certError: {error, kind} from onErrorOccurred (error pages)

import { originOf } from './names.js';

function record(url) {
  return { url, origin: originOf(url), page: null, frames: [], certError: null };
}

export class TabStore {
  constructor() {
    this.tabs = new Map(); // tabId -> {committed, pending}
  }

  entry(tabId) {
    let t = this.tabs.get(tabId);
    if (!t) {
      t = { committed: null, pending: null };
      this.tabs.set(tabId, t);
    }
    return t;
  }

  /** The committed record of a tab, or null. */
  get(tabId) {
    return this.tabs.get(tabId)?.committed ?? null;
  }

  /** The record of a navigation that has not committed yet, or null. */
  pending(tabId) {
    return this.tabs.get(tabId)?.pending ?? null;
  }

  /**
   * A top-level navigation starts (webNavigation.onBeforeNavigate). Returns false when it is the
   * pending navigation to the same URL starting again: Firefox restarts a navigation in another
   * process (e.g. from an http page to an https one) after the response's headers, and so after
   * its chain's verdict, which must not be dropped.
   */
  navigationStarted(tabId, url) {
    const t = this.entry(tabId);
    if (t.pending && t.pending.url === url) return false;
    t.pending = record(url);
    return true;
  }

  /**
   * The verdict for a top-level document at `url`. Goes to the pending navigation and, if the tab
   * already shows that origin, to the committed record too. Returns true when the committed
   * record changed (the caller re-applies the badge).
   */
  mainVerdict(tabId, url, verdict) {
    const t = this.entry(tabId);
    const origin = originOf(url);
    const showing = t.committed !== null && t.committed.origin === origin;
    if (t.pending && t.pending.origin === origin) t.pending.page = verdict;
    // not for the pending origin: a redirect (replace the pending record), or a late verdict for
    // the document the tab still shows (leave the pending navigation alone)
    else if (!showing) t.pending = { ...record(url), page: verdict };
    if (showing) {
      t.committed.page = verdict;
      return true;
    }
    return false;
  }

  /**
   * A top-level navigation committed at `url` (webNavigation.onCommitted, frameId 0). The pending
   * record becomes the committed one when it is for the same origin. `known` supplies a verdict
   * already cached for the origin (probe cache). Returns the committed record.
   */
  committed(tabId, url, known = null) {
    const t = this.entry(tabId);
    const origin = originOf(url);
    // Firefox commits its certificate error page after onErrorOccurred: keep the error record
    if (!t.pending && t.committed?.certError && t.committed.url === url) {
      if (!t.committed.page && known) t.committed.page = known;
      return t.committed;
    }
    let rec;
    if (t.pending && t.pending.origin === origin) rec = { ...t.pending, url };
    else rec = record(url);
    if (!rec.page && known) rec.page = known;
    t.committed = rec;
    t.pending = null;
    return rec;
  }

  /**
   * A top-level navigation failed with a certificate error: the tab now shows an error page for
   * `url`. Returns the committed record.
   */
  certError(tabId, url, certError) {
    const t = this.entry(tabId);
    const origin = originOf(url);
    const page = t.pending && t.pending.origin === origin ? t.pending.page : t.committed?.origin === origin ? t.committed.page : null;
    t.committed = { ...record(url), page, certError };
    t.pending = null;
    return t.committed;
  }

  /**
   * The tab has left the https page at `origin` for a page the extension cannot see (Firefox: its
   * own pages, such as about:preferences, which send no webNavigation event): nothing is known
   * about what it shows now. Only the page at `origin` is dropped, so that a late event about the
   * page before cannot drop the record of a newer one. Returns true when the record changed.
   */
  left(tabId, origin) {
    const t = this.tabs.get(tabId);
    if (!origin || !t?.committed || t.committed.origin !== origin) return false;
    t.committed = null;
    return true;
  }

  /** A sub-frame's verdict; only noteworthy ones are kept. Returns true when the record changed. */
  frameVerdict(tabId, verdict) {
    const c = this.get(tabId);
    if (!c || !verdict || verdict.level === 'clean') return false;
    const key = verdict.root?.spkiSha256 ?? verdict.entry?.id ?? JSON.stringify(verdict.root ?? null);
    if (c.frames.some((f) => (f.root?.spkiSha256 ?? f.entry?.id ?? JSON.stringify(f.root ?? null)) === key)) return false;
    c.frames.push(verdict);
    return true;
  }

  removed(tabId) {
    this.tabs.delete(tabId);
  }

  tabIds() {
    return [...this.tabs.keys()];
  }

  /** Plain data, for storage.session (an MV3 service worker may be restarted). */
  toJSON() {
    return [...this.tabs.entries()];
  }

  static fromJSON(data) {
    const s = new TabStore();
    if (Array.isArray(data)) for (const [k, v] of data) s.tabs.set(k, v);
    return s;
  }
}
