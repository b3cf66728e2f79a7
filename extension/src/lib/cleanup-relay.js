// The background's side of the cleanup messages (docs/PROTOCOL.md "Cleanup messages"): extension
// pages open a runtime port named CLEANUP_PORT and send {rid, op, args}; the relay checks who is
// asking, builds the host request from the allowed fields only, forwards it over the native
// connection and answers {rid, progress} (zero or more) then {rid, ok, result | error}.
//
// Who may ask for what (sender.url, parsed, must be one of this extension's pages):
//   plan, confirm, apply   only the cleanup page: confirm is the one step that turns a user's
//                          click into a removal token, so nothing else may obtain one
//   verify, backups        the cleanup page and the popup
//   restore                the cleanup page and the popup (it only puts things back; no token)
// No browser globals: the edge passes the host client and port-like objects
//   { name, sender: {id, url}, postMessage(m), onMessage(cb), onDisconnect(cb) }.

export const CLEANUP_PORT = 'anchorwatch-cleanup';
export const CLEANUP_PAGE = 'cleanup.html';
export const POPUP_PAGE = 'popup.html';

const STRING = (v) => typeof v === 'string' && v.length > 0 && v.length <= 200;
const BOOLEAN = (v) => typeof v === 'boolean';
const STEPS = (v) => Array.isArray(v) && v.length <= 100 && v.every((n) => Number.isInteger(n) && n >= 0);

export const CLEANUP_OPS = Object.freeze({
  plan: { pages: [CLEANUP_PAGE], required: { sha256: STRING }, optional: { distrust: BOOLEAN } },
  confirm: { pages: [CLEANUP_PAGE], required: { planId: STRING }, optional: {} },
  apply: { pages: [CLEANUP_PAGE], required: { planId: STRING, token: STRING }, optional: {}, changes: true },
  verify: { pages: [CLEANUP_PAGE, POPUP_PAGE], required: { sha256: STRING }, optional: {}, changes: true },
  backups: { pages: [CLEANUP_PAGE, POPUP_PAGE], required: {}, optional: {} },
  restore: { pages: [CLEANUP_PAGE, POPUP_PAGE], required: { backupId: STRING }, optional: { steps: STEPS }, changes: true },
});

/** Which of this extension's pages a sender URL is ('cleanup.html', 'popup.html'), or null. */
export function pageOf(senderUrl, baseUrl) {
  let url;
  let base;
  try {
    url = new URL(senderUrl);
    base = new URL(baseUrl);
  } catch {
    return null;
  }
  // compare scheme and host (URL.origin is "null" for chrome-extension: outside browsers)
  if (!base.host || url.protocol !== base.protocol || url.host !== base.host || url.username || url.password) return null;
  const page = url.pathname.replace(/^\//, '');
  return page === CLEANUP_PAGE || page === POPUP_PAGE ? page : null;
}

/**
 * Whether `sender` may send `op`. Returns {ok: true, page} or {ok: false, code, message}
 * (codes: UNKNOWN_OP, FORBIDDEN_SENDER).
 */
export function authorize(op, sender, { extensionId, baseUrl }) {
  // messages here are for logs; pages show a localised text chosen by `code`
  const rule = Object.hasOwn(CLEANUP_OPS, op) ? CLEANUP_OPS[op] : null;
  if (!rule) return { ok: false, code: 'UNKNOWN_OP', message: `op=${JSON.stringify(op)}` };
  const page = sender && sender.id === extensionId ? pageOf(sender.url, baseUrl) : null;
  if (!page || !rule.pages.includes(page)) {
    return { ok: false, code: 'FORBIDDEN_SENDER', message: `op=${op} sender=${sender?.url ?? '?'}` };
  }
  return { ok: true, page };
}

/** The host request's fields for `op`: only the allowed ones, type-checked. Throws RelayError. */
export function hostFields(op, args) {
  const rule = CLEANUP_OPS[op];
  const a = args && typeof args === 'object' && !Array.isArray(args) ? args : {};
  const fields = {};
  for (const [k, ok] of Object.entries(rule.required)) {
    if (!ok(a[k])) throw new RelayError('MISSING_FIELD', `${op} needs ${k}`);
    fields[k] = a[k];
  }
  for (const [k, ok] of Object.entries(rule.optional)) {
    if (a[k] === undefined || a[k] === null) continue;
    if (!ok(a[k])) throw new RelayError('BAD_ARGUMENT', `${op}: bad ${k}`);
    fields[k] = a[k];
  }
  return fields;
}

export class RelayError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export class CleanupRelay {
  /**
   * @param {object} o
   * @param {{request: Function}} o.host the HostClient
   * @param {string} o.extensionId runtime.id
   * @param {string} o.baseUrl runtime.getURL('')
   * @param {() => Promise} [o.afterChange] awaited after apply, restore and verify (the host has
   *   refreshed its snapshot by then): the background re-reads `scan` so badges follow at once
   * @param {(entry: object) => void} [o.audit] every request: {op, page, sender, outcome}
   */
  constructor({ host, extensionId, baseUrl, afterChange = async () => {}, audit = () => {} }) {
    this.host = host;
    this.ctx = { extensionId, baseUrl };
    this.afterChange = afterChange;
    this.audit = audit;
  }

  /** runtime.onConnect: takes ports named CLEANUP_PORT; returns whether it took this one. */
  connect(port) {
    if (port?.name !== CLEANUP_PORT) return false;
    let open = true;
    port.onDisconnect(() => { open = false; });
    const post = (m) => {
      if (!open) return;
      try {
        port.postMessage(m);
      } catch {
        open = false; // the page closed meanwhile; the host still finishes the operation
      }
    };
    port.onMessage((msg) => { this.handle(msg, port.sender, post); });
    return true;
  }

  async handle(msg, sender, post) {
    const rid = msg?.rid;
    if (rid === undefined || rid === null) return;
    const op = msg.op;
    const auth = authorize(op, sender, this.ctx);
    if (!auth.ok) {
      this.audit({ op, page: null, sender: sender?.url ?? null, outcome: auth.code });
      post({ rid, ok: false, error: { code: auth.code, message: auth.message } });
      return;
    }
    let reply;
    try {
      const fields = hostFields(op, msg.args);
      const result = await this.host.request(op, fields, { onProgress: (progress) => post({ rid, progress }) });
      reply = { rid, ok: true, result };
    } catch (e) {
      reply = { rid, ok: false, error: { code: e?.code ?? 'INTERNAL', message: String(e?.message ?? e) } };
    }
    this.audit({ op, page: auth.page, sender: sender.url, outcome: reply.ok ? 'ok' : reply.error.code });
    // apply and restore may have changed stores even when they failed part-way
    if (CLEANUP_OPS[op].changes) {
      try {
        await this.afterChange(op);
      } catch {
        // the rescan logs its own failure; the page still gets its answer
      }
    }
    post(reply);
  }
}
