// What each tab's badge was last set to, so that an unchanged badge costs no browser calls during
// a page load (three API calls per apply, each a trip to the browser process). Both browsers
// reset a tab's badge when a top-level navigation commits: the caller forgets the tab then, and
// the next apply goes through.

export class AppliedBadges {
  constructor() {
    this.map = new Map(); // tabId → "text\ncolor\ntitle"
  }

  /** True when `badge` differs from the one last applied to the tab (and records it as applied). */
  changed(tabId, { text, color, title }) {
    const key = `${text}\n${color}\n${title}`;
    if (this.map.get(tabId) === key) return false;
    this.map.set(tabId, key);
    return true;
  }

  /** The browser reset the tab's badge (a commit), or setting it failed: the next apply goes through. */
  forget(tabId) {
    this.map.delete(tabId);
  }

  /**
   * A tabs.onUpdated change: should the badge be applied now? Any status or URL change may come
   * with a reset we cannot see (a reload keeps its URL), so the tab is forgotten. A new URL and the
   * load's completion apply (the completion is the net under a commit whose reset lands after the
   * onCommitted apply). A load that only starts does not: whatever is set then, the commit wipes.
   */
  tabUpdated(tabId, change) {
    if (!change.url && !change.status) return false;
    this.forget(tabId);
    return Boolean(change.url) || change.status === 'complete';
  }
}
