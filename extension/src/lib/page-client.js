// The pages' side of the cleanup port (see cleanup-relay.js): one runtime port to the background,
// request ids, progress callbacks, and a clear error when the background goes away. No browser
// globals: the page passes `connect()` returning { postMessage(m), onMessage(cb), onDisconnect(cb) }.

export class PageError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export class PageClient {
  constructor({ connect }) {
    this.connectFn = connect;
    this.port = null;
    this.nextRid = 1;
    this.pending = new Map(); // rid -> {resolve, reject, onProgress, port}
  }

  ensurePort() {
    if (this.port) return this.port;
    const port = this.connectFn();
    this.port = port;
    port.onMessage((m) => this.handle(m));
    port.onDisconnect(() => {
      if (this.port === port) this.port = null;
      // only this port's calls: a port that broke on send reports its disconnect later, when
      // calls made since then may be waiting on a new port
      const err = new PageError('BACKGROUND_GONE', 'disconnected');
      for (const [rid, p] of this.pending) {
        if (p.port !== port) continue;
        this.pending.delete(rid);
        p.reject(err);
      }
    });
    return port;
  }

  /** Sends one cleanup operation; resolves with the host's result, rejects with PageError(code). */
  call(op, args = {}, { onProgress } = {}) {
    const rid = this.nextRid++;
    return new Promise((resolve, reject) => {
      const entry = { resolve, reject, onProgress, port: null };
      this.pending.set(rid, entry);
      try {
        entry.port = this.ensurePort();
        entry.port.postMessage({ rid, op, args });
      } catch (e) {
        this.pending.delete(rid);
        this.port = null;
        reject(new PageError('BACKGROUND_GONE', String(e?.message ?? e)));
      }
    });
  }

  handle(m) {
    const p = m && this.pending.get(m.rid);
    if (!p) return;
    if (m.progress !== undefined && m.ok === undefined) {
      if (p.onProgress) {
        try {
          p.onProgress(m.progress);
        } catch {
          // rendering trouble must not lose the final answer
        }
      }
      return;
    }
    this.pending.delete(m.rid);
    if (m.ok) p.resolve(m.result);
    else p.reject(new PageError(m.error?.code ?? 'INTERNAL', m.error?.message ?? ''));
  }
}
