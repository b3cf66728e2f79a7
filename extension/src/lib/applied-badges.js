// What each tab's badge may be showing, so that a page load costs only the browser calls that
// change something (each call is a trip to the browser process, and Firefox timed them into the
// page load: docs/PERFORMANCE.md, run 5).
//
// Per tab and property (text, colour, title) the model keeps every value the browser may be
// showing: values we set, and "the global one" after a navigation that may have reset the tab.
// Both browsers drop a tab's own values when a top-level, cross-document navigation commits
// (Firefox: TabContext's location-change clears the tab's action data unless the change is
// same-document; Chromium: the tab helper on a committed main-frame navigation), and the tab
// then shows the global values. A call is skipped only when every possible value is the wanted
// one, so a reset we have not heard of yet (a reload keeps its URL; a same-document navigation
// resets nothing) can cost a call but never leave a stale badge. A tab never seen is unknown:
// every property is set.

export const PROPS = Object.freeze(['text', 'color', 'title']);

export class AppliedBadges {
  /**
   * @param {object} [o]
   * @param {boolean} [o.resetsAnnounced] every reset comes with a tabs.onUpdated event emitted where
   *   it happens (Firefox), so a commit seen first (webNavigation's own IPC route) need not apply
   */
  constructor({ resetsAnnounced = false } = {}) {
    this.resetsAnnounced = resetsAnnounced;
    this.awaiting = new Set(); // tabs whose load started and whose location change is still to come
    this.global = null; // {text, color, title} last set browser-wide, or null before the first
    this.tabs = new Map(); // tabId → {text|color|title: {inherits: boolean, values: Set<string>}}
  }

  /** The global badge is now `badge`; returns the properties that differ from the last global set. */
  setGlobal(badge) {
    const changed = PROPS.filter((p) => this.global?.[p] !== badge[p]);
    this.global = { text: badge.text, color: badge.color, title: badge.title };
    return changed;
  }

  /** Setting the global badge failed: what it shows is unknown (tabs that inherit it too). */
  globalUnknown() {
    this.global = null;
  }

  /**
   * The properties of a tab's badge that must be set for it to show `badge` (and records them as
   * set). Empty when the tab certainly shows it already.
   */
  toSet(tabId, badge) {
    const entry = this.tabs.get(tabId) ?? {};
    const out = [];
    for (const p of PROPS) {
      const shown = this.possible(entry[p], p);
      if (shown !== null && shown.every((v) => v === badge[p])) continue;
      out.push(p);
      entry[p] = { inherits: false, values: new Set([badge[p]]) };
    }
    this.tabs.set(tabId, entry);
    return out;
  }

  /** Every value a tab's property may be showing, or null when that is unknown. */
  possible(state, p) {
    if (!state || (state.inherits && this.global === null)) return null;
    const values = [...state.values];
    if (state.inherits) values.push(this.global[p]);
    return values.length > 0 ? values : null;
  }

  /** The browser may have reset the tab (or not): the global badge and the tab's own are both possible. */
  mayReset(tabId) {
    const entry = this.tabs.get(tabId);
    if (!entry) return; // unknown stays unknown
    for (const p of PROPS) if (entry[p]) entry[p].inherits = true;
  }

  /**
   * A tab was just created: it has no values of its own yet and shows the global ones. A tab
   * already known (its events overtook its creation) keeps what is known about it.
   */
  created(tabId) {
    if (this.tabs.has(tabId)) return;
    const entry = {};
    for (const p of PROPS) entry[p] = { inherits: true, values: new Set() };
    this.tabs.set(tabId, entry);
  }

  /** Nothing is known about the tab (closed, or setting its badge failed): the next apply sets all. */
  forget(tabId) {
    this.tabs.delete(tabId);
  }

  /**
   * A tabs.onUpdated change: should the badge be applied now? Firefox emits a top-level location
   * change's URL from the same progress-listener call in which it resets the tab, so an apply made
   * on it lands after the reset; Chromium sends "loading" and the URL around its commit. A URL may
   * be same-document (no reset) and a "loading" may be a load that only starts (no reset yet):
   * both are "may have reset". A new URL applies; the load's completion applies what the commit
   * did not (both cost nothing when nothing changed); a load that only starts does not (the commit
   * wipes whatever is set then).
   */
  tabUpdated(tabId, change) {
    if (change.url || change.status === 'loading') this.mayReset(tabId);
    if (change.url) this.awaiting.delete(tabId);
    return Boolean(change.url) || change.status === 'complete';
  }

  /**
   * A top-level load starts (webNavigation.onBeforeNavigate). Where resets are announced (Firefox),
   * an https page's location change will be: the extension may access every https page, and
   * Firefox gives the URL change only to extensions with access to the page (others get no event).
   */
  loadStarted(tabId, url) {
    if (this.resetsAnnounced && /^https:/i.test(url)) this.awaiting.add(tabId);
    else this.awaiting.delete(tabId);
  }

  /**
   * A top-level navigation committed (webNavigation.onCommitted): should the badge be applied now?
   * Where resets are announced and the tab's location change has not arrived yet, no: that event
   * comes after the reset and applies then (one set per load instead of two). Otherwise yes, the
   * commit may have reset the tab (Chromium resets it before the event).
   */
  committed(tabId) {
    this.mayReset(tabId);
    return !(this.resetsAnnounced && this.awaiting.has(tabId));
  }

  /**
   * A top-level load ended (Chromium: webNavigation.onCompleted; Firefox: tabs.onUpdated's
   * "complete" status; both: webNavigation.onErrorOccurred): where resets are announced, the net
   * under a commit whose location change never came (a redirect to a page the extension cannot
   * see); Chromium's net is tabs.onUpdated's "complete".
   */
  loadEnded(tabId) {
    this.awaiting.delete(tabId);
    return this.resetsAnnounced;
  }

  /** The tab closed. */
  removed(tabId) {
    this.forget(tabId);
    this.awaiting.delete(tabId);
  }
}
