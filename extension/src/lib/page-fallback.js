// Firefox: which badge the tabs without values of their own inherit.
//
// Firefox drops a tab's badge values on every navigation (docs/PERFORMANCE.md, Run 8), and every
// value set afterwards is a redraw of the toolbar button in the browser process, paid inside the
// next page's load. Pages on one computer nearly always share one badge: every page is clean, or
// every page is amber (an antivirus or an employer inspects TLS with a root added here), or every
// intercepted page is red. So the browser-wide badge follows the pages: once two pages in a row
// want the same badge, it becomes the one every tab inherits, and the pages after them cost no
// call at all. Tabs that want something else (an http page, about:, a page still waiting for its
// verdict, a differing page) get values of their own, as every tab did before.
//
// What the move costs: the tabs inheriting the old badge are given it as their own values (the
// caller re-applies every tab), and between the move and those calls they show the new one. So
// it moves at most once a minute: someone alternating between two kinds of pages with a hundred
// tabs open must not pay for a hundred tabs at every other page.

import { PROPS } from './applied-badges.js';

const same = (a, b) => Boolean(a && b) && PROPS.every((p) => a[p] === b[p]);

export class PageFallback {
  /**
   * @param {object} [o]
   * @param {number} [o.streak] how many pages in a row must want a badge before it is adopted
   * @param {number} [o.intervalMs] the least time between two moves (the first is not held)
   */
  constructor({ streak = 2, intervalMs = 60_000 } = {}) {
    this.streak = streak;
    this.intervalMs = intervalMs;
    this.current = null; // the adopted page badge, or null: tabs inherit the browser-wide one
    this.last = null;
    this.count = 0;
    this.movedAt = null;
  }

  /**
   * A page with its own verdict wants `badge`, and tabs inherit `inherited` now. Returns the badge
   * to make browser-wide, or null to leave it.
   */
  seen(badge, inherited, now = Date.now()) {
    this.count = same(this.last, badge) ? this.count + 1 : 1;
    this.last = { text: badge.text, color: badge.color, title: badge.title };
    if (this.count < this.streak || same(inherited, badge)) return null;
    if (this.movedAt !== null && now - this.movedAt < this.intervalMs) return null;
    this.movedAt = now;
    this.current = this.last;
    return this.current;
  }

  /** What tabs inherit: the adopted page badge, or `base` (the machine's own badge) before one is. */
  inherited(base) {
    return this.current ?? base;
  }
}
