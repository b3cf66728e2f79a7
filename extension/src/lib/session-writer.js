// The background's records in storage.session (an MV3 background may be stopped and restarted):
// one write for all the changes of a page load (commit, verdict, probe) once it has settled, and
// none when they left the records as they were (each write is a trip to the browser process,
// timed into the page load in Firefox: docs/PERFORMANCE.md).

export class SessionWriter {
  /**
   * @param {object} o
   * @param {() => object} o.snapshot the records as plain data
   * @param {(data: object) => Promise<unknown>} o.write storage.session.set
   * @param {number} o.delayMs how long changes are gathered before the write
   * @param {{setTimeout: Function}} [o.timers]
   */
  constructor({ snapshot, write, delayMs, timers = globalThis }) {
    Object.assign(this, { snapshot, write, delayMs, timers });
    this.timer = null;
    this.written = null; // the JSON last written (or being written)
  }

  /** Something changed: write within delayMs (one write for everything until then). */
  schedule() {
    if (this.timer !== null) return;
    this.timer = this.timers.setTimeout(() => this.flush(), this.delayMs);
  }

  /** Writes the records unless they are the ones last written; true when it wrote. */
  flush() {
    this.timer = null;
    const data = this.snapshot();
    const json = JSON.stringify(data);
    if (json === this.written) return false;
    this.written = json;
    // a failed write is retried with the next change
    Promise.resolve().then(() => this.write(data)).catch(() => {
      if (this.written === json) this.written = null;
    });
    return true;
  }
}
