// Test helpers: manual timers and a fake native port.

export class FakeTimers {
  constructor() {
    this.t = 0;
    this.seq = 0;
    this.queue = new Map();
  }

  now() {
    return this.t;
  }

  setTimeout(fn, ms) {
    const id = ++this.seq;
    this.queue.set(id, { at: this.t + ms, fn });
    return id;
  }

  clearTimeout(id) {
    this.queue.delete(id);
  }

  /** Advances time, running due timers in order. */
  async advance(ms) {
    const end = this.t + ms;
    for (;;) {
      let next = null;
      for (const [id, e] of this.queue) if (e.at <= end && (!next || e.at < next[1].at)) next = [id, e];
      if (!next) break;
      this.queue.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

export async function flush() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A port whose host side the test scripts: `reply(fn)` answers each posted message. */
export class FakePort {
  constructor(responder = null) {
    this.sent = [];
    this.msgCbs = [];
    this.discCbs = [];
    this.responder = responder;
    this.disconnected = false;
  }

  postMessage(m) {
    if (this.disconnected) throw new Error('Attempt to postMessage on disconnected port');
    this.sent.push(m);
    if (this.responder) {
      const out = this.responder(m);
      if (out) queueMicrotask(() => [].concat(out).forEach((f) => this.emit(f)));
    }
  }

  onMessage(cb) {
    this.msgCbs.push(cb);
  }

  onDisconnect(cb) {
    this.discCbs.push(cb);
  }

  disconnect() {
    this.disconnected = true;
  }

  emit(frame) {
    this.msgCbs.forEach((cb) => cb(frame));
  }

  drop(message) {
    this.disconnected = true;
    this.discCbs.forEach((cb) => cb(message));
  }
}

export const HELLO = { host: '0.1.0', protocol: 1, blocklist: { version: 'test', entries: 50 },
  capabilities: ['hello', 'scan', 'checkChain', 'probe'], caller: 'test' };

/** A responder that answers hello and echoes other requests as {echo: request}. */
export function helloResponder(hello = HELLO, others = (m) => ({ id: m.id, type: m.type, ok: true, result: { echo: m } })) {
  return (m) => (m.type === 'hello' ? { id: m.id, type: 'hello', ok: true, result: hello } : others(m));
}
