// Small helpers for distinguished names and origins.

/** The CN of an RFC 4514 / Firefox-style DN ("CN=x,O=y" or "O=y, CN=x"); falls back to the DN. */
export function commonName(dn) {
  if (!dn) return '';
  const parts = splitDn(String(dn));
  for (const p of parts) {
    const m = /^\s*CN\s*=\s*(.*)$/i.exec(p);
    if (m) return m[1].trim();
  }
  const org = parts.find((p) => /^\s*O\s*=/i.test(p));
  return org ? org.replace(/^\s*O\s*=\s*/i, '').trim() : String(dn).trim();
}

function splitDn(dn) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i];
    if (c === '\\' && i + 1 < dn.length) {
      cur += dn[i + 1];
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if ((c === ',' || c === ';' || c === '+') && !quoted) {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

/** "https://host:port" for http(s) URLs, else null. Default ports are left out, as URL does. */
export function originOf(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

/** {host, port} to probe for an https URL, or null (not https, or not a probe-able host). */
export function probeTarget(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || !u.hostname) return null;
  let host = u.hostname;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1); // IPv6 literal
  const port = u.port ? Number(u.port) : 443;
  return { host, port };
}
