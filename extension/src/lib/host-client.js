// One long-lived native-messaging connection to the host: request ids, timeouts, correlation,
// chunk reassembly, the hello version check, and reconnect with backoff. No browser globals:
// the edge passes `connect()` returning a port-like object
//   { postMessage(msg), onMessage(cb), onDisconnect(cb(errorMessage)), disconnect() }.

import { Backoff } from './backoff.js';
import { ChunkAssembler, ChunkError } from './chunks.js';
import { HOST_STATUS, classifyDisconnect } from './host-errors.js';

export const REQUIRED_PROTOCOL = 1;

export const DEFAULT_TIMEOUTS = Object.freeze({
  hello: 15000, // first start of a JVM on a busy machine
  scan: 120000,
  checkChain: 20000,
  probe: 20000, // the host runs probes off its read loop (its probe lane limit is 20 s too)
  // cleanup (docs/PROTOCOL.md "Cleanup messages"): plan and verify rescan; apply and restore may
  // wait for the OS elevation prompt (pkexec) and stream progress frames, each of which re-arms
  // the timeout, so theirs is an idle limit rather than a total
  plan: 120000,
  confirm: 20000,
  apply: 15 * 60 * 1000,
  verify: 120000,
  backups: 30000,
  restore: 15 * 60 * 1000,
  doctor: 120000,
  default: 20000,
});

export class HostError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export class HostClient {
  /**
   * @param {object} o
   * @param {() => object} o.connect
   * @param {object} [o.timers] {setTimeout, clearTimeout, now}
   * @param {(state: object) => void} [o.onState] called on every state change
   * @param {(hello: object) => void} [o.onReady]
   */
  constructor({ connect, timers = globalThis, onState = () => {}, onReady = () => {}, timeouts = {},
    backoff = new Backoff(), requiredProtocol = REQUIRED_PROTOCOL, stableMs = 60000 }) {
    this.connectFn = connect;
    this.timers = { setTimeout: (f, ms) => timers.setTimeout(f, ms), clearTimeout: (h) => timers.clearTimeout(h),
      now: () => (timers.now ? timers.now() : Date.now()) };
    this.onState = onState;
    this.onReady = onReady;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...timeouts };
    this.backoff = backoff;
    this.requiredProtocol = requiredProtocol;
    this.stableMs = stableMs;
    this.nextId = 1;
    this.pending = new Map(); // id -> {resolve, reject, timer, type}
    this.waiting = []; // requests made while connecting: {resolve, reject}
    this.port = null;
    this.generation = 0;
    this.reconnectTimer = null;
    this.state = { status: HOST_STATUS.CONNECTING, hello: null, error: null, retryAt: null };
  }

  get status() {
    return this.state.status;
  }

  get capabilities() {
    return this.state.hello?.capabilities ?? [];
  }

  supports(type) {
    return this.capabilities.includes(type);
  }

  setState(patch) {
    this.state = { ...this.state, ...patch };
    this.onState(this.state);
  }

  /** Opens the port (idempotent while one is open or opening). */
  start() {
    if (this.port) return;
    if (this.reconnectTimer) {
      this.timers.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    const gen = ++this.generation;
    this.assembler = new ChunkAssembler();
    this.connectedAt = this.timers.now();
    this.setState({ status: HOST_STATUS.CONNECTING, error: null, retryAt: null });
    let port;
    try {
      port = this.connectFn();
    } catch (e) {
      this.handleDisconnect(gen, e?.message ?? String(e));
      return;
    }
    this.port = port;
    port.onMessage((msg) => { if (gen === this.generation) this.handleFrame(msg); });
    port.onDisconnect((message) => this.handleDisconnect(gen, message));
    this.send('hello', {}, this.timeouts.hello).then(
      (hello) => {
        if (gen !== this.generation) return;
        if (!Number.isInteger(hello?.protocol) || hello.protocol < this.requiredProtocol) {
          this.setState({ status: HOST_STATUS.OUTDATED, hello, error: `protocol ${hello?.protocol}` });
          this.failWaiting(new HostError('HOST_OUTDATED', 'host protocol too old'));
          this.close(gen, 'outdated');
          return;
        }
        this.setState({ status: HOST_STATUS.READY, hello, error: null });
        const waiting = this.waiting;
        this.waiting = [];
        waiting.forEach((w) => w.resolve());
        this.onReady(hello);
      },
      (err) => {
        if (gen !== this.generation) return;
        // a host that does not answer hello is as good as gone: drop the port and retry later
        this.close(gen, err.message);
      });
  }

  /**
   * Sends a request once the host is ready; rejects with HostError when it is unavailable.
   * `options` is a timeout in ms, or `{timeoutMs, onProgress}`: onProgress gets the `progress`
   * object of every progress frame the host streams for this request before its final reply
   * (apply, restore), and each such frame restarts the timeout.
   */
  async request(type, fields = {}, options) {
    const opts = typeof options === 'number' ? { timeoutMs: options } : options ?? {};
    if (this.status === HOST_STATUS.CONNECTING) {
      await new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
    }
    if (this.status !== HOST_STATUS.READY) {
      throw new HostError('HOST_UNAVAILABLE', `host ${this.status}`);
    }
    return this.send(type, fields, opts.timeoutMs ?? this.timeouts[type] ?? this.timeouts.default, opts.onProgress);
  }

  send(type, fields, timeoutMs, onProgress = null) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const entry = { resolve, reject, timer: null, type, onProgress, timeoutMs };
      this.arm(id, entry);
      this.pending.set(id, entry);
      try {
        this.port.postMessage({ ...fields, id, type });
      } catch (e) {
        this.timers.clearTimeout(entry.timer);
        this.pending.delete(id);
        reject(new HostError('HOST_DISCONNECTED', e?.message ?? String(e)));
      }
    });
  }

  /** (Re)starts a pending request's timeout. */
  arm(id, entry) {
    if (entry.timer) this.timers.clearTimeout(entry.timer);
    entry.timer = this.timers.setTimeout(() => {
      this.pending.delete(id);
      entry.reject(new HostError('TIMEOUT', `${entry.type} timed out after ${entry.timeoutMs} ms`));
    }, entry.timeoutMs);
  }

  /** A progress frame: not the reply, only news about the request it names. */
  progress(id, progress) {
    const p = this.pending.get(id);
    if (!p) return; // a request that already timed out, or an id we never sent
    this.arm(id, p);
    if (!p.onProgress) return;
    try {
      p.onProgress(progress);
    } catch {
      // a listener's failure must not break the connection
    }
  }

  handleFrame(frame) {
    let msg;
    try {
      msg = this.assembler.push(frame);
    } catch (e) {
      if (e instanceof ChunkError) {
        const id = frame?.id;
        this.settle(id, null, new HostError('BAD_CHUNKS', e.message));
        return;
      }
      throw e;
    }
    if (msg === null) return;
    if (msg.id === null || msg.id === undefined) {
      // frames without an id: the host could not parse a request, or refused us outright
      if (msg.error?.code === 'CALLER_NOT_ALLOWED') {
        this.setState({ status: HOST_STATUS.FORBIDDEN, error: msg.error.message });
      }
      return;
    }
    if (msg.ok && msg.progress !== undefined && msg.result === undefined) this.progress(msg.id, msg.progress);
    else if (msg.ok) this.settle(msg.id, msg.result, null);
    else this.settle(msg.id, null, new HostError(msg.error?.code ?? 'INTERNAL', msg.error?.message ?? 'host error'));
  }

  settle(id, result, error) {
    const p = this.pending.get(id);
    if (!p) return; // late reply after a timeout, or an id we never sent
    this.pending.delete(id);
    this.timers.clearTimeout(p.timer);
    if (error) p.reject(error);
    else p.resolve(result);
  }

  handleDisconnect(gen, message) {
    if (gen !== this.generation) return;
    const forbidden = this.state.status === HOST_STATUS.FORBIDDEN;
    const outdated = this.state.status === HOST_STATUS.OUTDATED;
    this.port = null;
    this.generation++;
    const err = new HostError('HOST_DISCONNECTED', message || 'host disconnected');
    for (const [, p] of this.pending) {
      this.timers.clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
    if (this.timers.now() - this.connectedAt >= this.stableMs) this.backoff.reset();
    const status = forbidden ? HOST_STATUS.FORBIDDEN : outdated ? HOST_STATUS.OUTDATED : classifyDisconnect(message);
    if (outdated) {
      // a restart starts the same old program: stay outdated (and say so) until retry(), which
      // the popup offers once the person has updated the host
      this.setState({ status, error: message || null, retryAt: null });
      this.failWaiting(new HostError('HOST_UNAVAILABLE', `host ${status}`));
      return;
    }
    const delay = this.backoff.next();
    this.setState({ status, error: message || null, retryAt: this.timers.now() + delay });
    this.failWaiting(new HostError('HOST_UNAVAILABLE', `host ${status}`));
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.start();
    }, delay);
  }

  failWaiting(err) {
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((w) => w.reject(err));
  }

  close(gen, reason) {
    const port = this.port;
    if (port) {
      try {
        port.disconnect();
      } catch {
        // already gone
      }
    }
    // port.disconnect() fires no onDisconnect for our own side: do the bookkeeping here
    this.handleDisconnect(gen, reason);
  }

  /** Reconnects now (the popup's "retry" button, or after the user installed the host). */
  retry() {
    if (this.port) return;
    this.backoff.reset();
    this.start();
  }
}
