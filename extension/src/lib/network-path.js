// The browser's network path, from its proxy settings, in the host's `probe` terms (docs/PROTOCOL.md
// "probe", field `proxy`). A probe must go the way the browser's own connection went, or not at
// all: a direct probe from a person behind a proxy or Tor would show their real address and the
// server name to the very network they avoid. Pure: the edge passes what proxy.settings.get gave.
//
// A path: {mode: 'direct'|'http'|'socks5'|'system'|'unknown', host?, port?, bypass?: string[],
//          why?: 'pac'|'auto-detect'|'other-extension'|'https-proxy'|'socks4'|'tor'|'unreadable',
//          routine: boolean}
// `routine` says whether probing every new origin is known to leak nothing the browser's own
// connection did not already: the same route to the same host and port.

const TOR_PORTS = new Set([9050, 9150]);

/** Every reason a path cannot be reproduced; each has a probeWhy_* message. */
export const UNREPRODUCIBLE = Object.freeze(['pac', 'auto-detect', 'other-extension', 'https-proxy', 'socks4', 'system', 'unreadable']);

const unknown = (why) => ({ mode: 'unknown', why, routine: false });

function hostPort(s, defaultPort) {
  if (typeof s !== 'string' || s.trim() === '') return null;
  const m = /^\s*(?:[a-z0-9]+:\/\/)?(\[[^\]]+\]|[^:/\s]+)(?::(\d+))?\/?\s*$/i.exec(s);
  if (!m) return null;
  return { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : defaultPort };
}

function viaProxy(scheme, host, port, bypass) {
  if (scheme === 'http') return { mode: 'http', host, port, bypass, routine: true };
  if (scheme === 'socks5') {
    // Tor Browser-style SOCKS ports isolate circuits per site: the probe's circuit is not the page's
    const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
    if (loopback && TOR_PORTS.has(port)) return { mode: 'socks5', host, port, bypass, why: 'tor', routine: false };
    return { mode: 'socks5', host, port, bypass, routine: true };
  }
  // https proxies (TLS to the proxy), socks4 (resolves names locally), quic: not reproduced
  return unknown(scheme === 'socks4' || scheme === 'socks' ? 'socks4' : 'https-proxy');
}

/** Chromium: chrome.proxy.settings.get({}) → {value: {mode, rules, pacScript}, levelOfControl}. */
export function chromiumPath(details) {
  if (!details || typeof details !== 'object') return unknown('unreadable');
  if (details.levelOfControl === 'controlled_by_other_extensions') return unknown('other-extension');
  const v = details.value ?? {};
  switch (v.mode) {
    case 'direct':
      return { mode: 'direct', routine: true };
    case 'system':
      // the host reproduces it from the environment, or answers PROBE_PROXY
      return { mode: 'system', routine: true };
    case 'pac_script':
      return unknown('pac');
    case 'auto_detect':
      return unknown('auto-detect');
    case 'fixed_servers': {
      const r = v.rules ?? {};
      const p = r.proxyForHttps ?? r.singleProxy ?? r.fallbackProxy;
      if (!p) return { mode: 'direct', routine: true };
      return viaProxy(p.scheme ?? 'http', p.host, p.port ?? (p.scheme === 'socks5' ? 1080 : 80), r.bypassList ?? []);
    }
    default:
      return unknown('unreadable');
  }
}

/** Firefox: browser.proxy.settings.get({}) → {value: {proxyType, ssl, socks, socksVersion, passthrough, httpProxyAll, http}}. */
export function firefoxPath(details) {
  if (!details || typeof details !== 'object') return unknown('unreadable');
  if (details.levelOfControl === 'controlled_by_other_extensions') return unknown('other-extension');
  const v = details.value ?? {};
  const bypass = typeof v.passthrough === 'string' ? v.passthrough.split(/[\s,]+/).filter(Boolean) : [];
  switch (v.proxyType) {
    case 'none':
      return { mode: 'direct', routine: true };
    case 'system':
      return { mode: 'system', routine: true };
    case 'autoConfig':
      return unknown('pac');
    case 'autoDetect':
      return unknown('auto-detect');
    case 'manual': {
      const ssl = hostPort(v.httpProxyAll ? v.http : v.ssl, 80);
      if (ssl) return viaProxy('http', ssl.host, ssl.port, bypass);
      const socks = hostPort(v.socks, 1080);
      if (socks) return viaProxy(v.socksVersion === 4 ? 'socks4' : 'socks5', socks.host, socks.port, bypass);
      return { mode: 'direct', routine: true };
    }
    default:
      return unknown('unreadable');
  }
}

/** Does a bypass rule send this host direct? Host patterns ("*.example.com", "example.com", ".x"), "<local>", "<-loopback>" ignored. */
export function bypassed(host, rules = []) {
  const h = String(host).toLowerCase();
  for (const raw of rules) {
    const r = String(raw).trim().toLowerCase();
    if (!r || r === '<-loopback>') continue;
    if (r === '<local>') {
      if (!h.includes('.') && !h.includes(':')) return true;
      continue;
    }
    const pattern = r.replace(/^[a-z]+:\/\//, '').replace(/:\d+$/, '');
    if (pattern.startsWith('*.') ? h.endsWith(pattern.slice(1)) || h === pattern.slice(2)
      : pattern.startsWith('.') ? h.endsWith(pattern) || h === pattern.slice(1) : h === pattern) return true;
  }
  return false;
}

/**
 * The `proxy` field of a probe for `host`, or null when the path cannot be reproduced (then no
 * probe at all). A host on the bypass list goes direct, as the browser's connection did.
 */
export function probeProxy(path, host) {
  if (!path || path.mode === 'unknown') return null;
  if (path.mode === 'direct') return { mode: 'direct' };
  if (path.mode === 'system') return { mode: 'system' };
  if (bypassed(host, path.bypass)) return { mode: 'direct' };
  return { mode: path.mode, host: path.host, port: path.port };
}

/**
 * May this probe run? Error probes always may when the path is reproducible (the browser already
 * failed; the person needs the explanation); routine ones only when the setting is on and the
 * path leaks nothing new.
 */
export function probeAllowed({ reason, path, routineSetting }) {
  if (!path || path.mode === 'unknown') return false;
  if (reason === 'error') return true;
  return routineSetting === true && path.routine === true;
}

/**
 * What the popup and the options page say about probing on this path: null when nothing needs
 * saying (direct), else {key, subs} (message key and substitutions; `why` keys are translated).
 */
export function probingStatus(path) {
  if (!path || path.mode === 'direct' || path.mode === 'system') return null;
  if (path.mode === 'unknown') return { key: 'probeStatusOff', whyKey: `probeWhy_${path.why.replace(/-/g, '_')}` };
  if (path.why === 'tor') return { key: 'probeStatusTor', subs: [`${path.host}:${path.port}`] };
  return { key: 'probeStatusProxy', subs: [`${path.host}:${path.port}`] };
}
