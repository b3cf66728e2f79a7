// Reconnect delays: exponential with a cap and optional jitter, reset after a good connection.
// Pure: the caller supplies the random source and does the waiting.

export const DEFAULT_BACKOFF = Object.freeze({ initialMs: 1000, maxMs: 5 * 60 * 1000, factor: 2, jitter: 0.2 });

export class Backoff {
  constructor(options = {}, random = Math.random) {
    this.options = { ...DEFAULT_BACKOFF, ...options };
    this.random = random;
    this.attempt = 0;
  }

  /** Delay before the next attempt, in ms; each call moves one step further. */
  next() {
    const { initialMs, maxMs, factor, jitter } = this.options;
    const base = Math.min(maxMs, initialMs * factor ** this.attempt);
    this.attempt += 1;
    const spread = base * jitter * (this.random() * 2 - 1);
    return Math.max(0, Math.round(Math.min(maxMs, base + spread)));
  }

  reset() {
    this.attempt = 0;
  }
}
