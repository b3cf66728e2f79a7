// The browser's proxy settings read to the letter: address forms, schemes, Tor's loopback ports,
// bypass-rule spellings, and which paths probing is allowed and described on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNREPRODUCIBLE, bypassed, chromiumPath, firefoxPath, probeProxy, probingStatus } from '../../src/lib/network-path.js';

const ff = (value, extra = {}) => firefoxPath({ value, levelOfControl: 'controllable_by_this_extension', ...extra });
const cr = (value, extra = {}) => chromiumPath({ value, levelOfControl: 'controllable_by_this_extension', ...extra });

test('Firefox proxy addresses: scheme, brackets, port, a trailing slash and spaces; nothing else', () => {
  const http = (s) => { const p = ff({ proxyType: 'manual', ssl: s }); return p.mode === 'http' ? `${p.host}|${p.port}` : p.mode; };
  assert.equal(http('proxy.corp:3128'), 'proxy.corp|3128');
  assert.equal(http(' http://proxy.corp:3128/ '), 'proxy.corp|3128');
  assert.equal(http('http2://proxy.corp'), 'proxy.corp|80');
  assert.equal(http('[::1]:8080'), '::1|8080');
  assert.equal(http('[fe80::1%25eth0]'), 'fe80::1%25eth0|80');
  assert.equal(http('proxy.corp:3128/path'), 'direct', 'a path is not a proxy address');
  assert.equal(http('x proxy.corp'), 'direct');
  assert.equal(http('proxy.corp:3128 x'), 'direct');
  assert.equal(http('://proxy.corp'), 'direct');
  assert.equal(http('proxy.corp:'), 'direct');
  assert.equal(http('   '), 'direct');
  assert.equal(http(42), 'direct');
});

test('SOCKS: Tor’s loopback ports are not routine, whichever loopback spelling; other ports and hosts are', () => {
  for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
    for (const port of [9050, 9150]) {
      const p = ff({ proxyType: 'manual', socks: `${host}:${port}`, socksVersion: 5 });
      assert.deepEqual([p.mode, p.why, p.routine], ['socks5', 'tor', false], `${host}:${port}`);
    }
  }
  assert.deepEqual(ff({ proxyType: 'manual', socks: '127.0.0.1:1080', socksVersion: 5 }),
    { mode: 'socks5', host: '127.0.0.1', port: 1080, bypass: [], routine: true });
  assert.equal(ff({ proxyType: 'manual', socks: '10.0.0.1:9050', socksVersion: 5 }).routine, true);
  assert.deepEqual(ff({ proxyType: 'manual', socks: 'socks.corp' }), { mode: 'socks5', host: 'socks.corp', port: 1080, bypass: [], routine: true });
  assert.deepEqual(ff({ proxyType: 'manual', socks: 'socks.corp', socksVersion: 4 }), { mode: 'unknown', why: 'socks4', routine: false });
  assert.deepEqual(ff({ proxyType: 'manual' }), { mode: 'direct', routine: true });
});

test('Chromium fixed servers: the https rule, else single, else fallback; default ports by scheme', () => {
  assert.deepEqual(cr({ mode: 'fixed_servers', rules: { singleProxy: { host: 'p' } } }), { mode: 'http', host: 'p', port: 80, bypass: [], routine: true });
  assert.deepEqual(cr({ mode: 'fixed_servers', rules: { fallbackProxy: { scheme: 'socks5', host: 's' }, bypassList: ['<local>'] } }),
    { mode: 'socks5', host: 's', port: 1080, bypass: ['<local>'], routine: true });
  assert.deepEqual(cr({ mode: 'fixed_servers', rules: { proxyForHttps: { scheme: 'https', host: 'p', port: 443 } } }),
    { mode: 'unknown', why: 'https-proxy', routine: false });
  assert.deepEqual(cr({ mode: 'fixed_servers', rules: { singleProxy: { scheme: 'socks', host: 'p' } } }), { mode: 'unknown', why: 'socks4', routine: false });
  assert.deepEqual(cr({ mode: 'fixed_servers', rules: {} }), { mode: 'direct', routine: true });
  assert.deepEqual(cr({ mode: 'fixed_servers' }), { mode: 'direct', routine: true });
  assert.deepEqual(cr({ mode: 'quic' }), { mode: 'unknown', why: 'unreadable', routine: false });
  assert.deepEqual(chromiumPath('direct'), { mode: 'unknown', why: 'unreadable', routine: false });
});

test('Firefox modes: direct and system are routine; others, other extensions and junk are not reproducible', () => {
  assert.deepEqual(ff({ proxyType: 'none' }), { mode: 'direct', routine: true });
  assert.deepEqual(ff({ proxyType: 'system' }), { mode: 'system', routine: true });
  assert.deepEqual(ff({ proxyType: 'autoDetect' }), { mode: 'unknown', why: 'auto-detect', routine: false });
  assert.deepEqual(ff({ proxyType: 'weird' }), { mode: 'unknown', why: 'unreadable', routine: false });
  assert.deepEqual(ff({ proxyType: 'none' }, { levelOfControl: 'controlled_by_other_extensions' }),
    { mode: 'unknown', why: 'other-extension', routine: false });
  assert.deepEqual(firefoxPath('none'), { mode: 'unknown', why: 'unreadable', routine: false });
  assert.deepEqual(firefoxPath(null), { mode: 'unknown', why: 'unreadable', routine: false });
  assert.deepEqual(ff({ proxyType: 'manual', ssl: 'p:1', passthrough: ' a.example,, b.example  c.example ' }).bypass,
    ['a.example', 'b.example', 'c.example']);
  assert.deepEqual(ff({ proxyType: 'manual', ssl: 'p:1', passthrough: 7 }).bypass, []);
});

test('every reason a path is not reproducible has a place in UNREPRODUCIBLE', () => {
  const whys = [cr({ mode: 'pac_script' }), cr({ mode: 'auto_detect' }), cr({}, { levelOfControl: 'controlled_by_other_extensions' }),
    cr({ mode: 'fixed_servers', rules: { singleProxy: { scheme: 'https', host: 'p' } } }),
    cr({ mode: 'fixed_servers', rules: { singleProxy: { scheme: 'socks4', host: 'p' } } }), cr({ mode: 'x' })].map((p) => p.why);
  for (const w of whys) assert.ok(UNREPRODUCIBLE.includes(w), w);
});

test('bypass rules: schemes and ports stripped, wildcards and leading dots, <local>, <-loopback> and blanks ignored', () => {
  assert.equal(bypassed('a.example.com', ['https://*.example.com:443']), true);
  assert.equal(bypassed('example.com', ['*.example.com']), true);
  assert.equal(bypassed('badexample.com', ['*.example.com']), false);
  assert.equal(bypassed('a.example.com', ['.example.com']), true);
  assert.equal(bypassed('example.com', ['.example.com']), true);
  assert.equal(bypassed('example.com.evil', ['.example.com']), false);
  assert.equal(bypassed('example.com', ['example.com:8080']), true);
  assert.equal(bypassed('example.com', ['EXAMPLE.com  ']), true);
  assert.equal(bypassed('a.example.com', ['example.com']), false);
  assert.equal(bypassed('example.com', ['http://example.com']), true);
  assert.equal(bypassed('example.com', ['1http://example.com']), false);
  assert.equal(bypassed('example.com', ['example.com:port']), false);
  assert.equal(bypassed('intranet', ['<local>']), true);
  assert.equal(bypassed('intra.net', ['<local>']), false);
  assert.equal(bypassed('::1', ['<local>']), false);
  assert.equal(bypassed('localhost', ['<-loopback>', '', '  ']), false);
  assert.equal(bypassed('<-loopback>', ['<-loopback>']), false);
  assert.equal(bypassed('example.com'), false);
});

test('the probe’s proxy field and the words for the path', () => {
  assert.deepEqual(probeProxy({ mode: 'direct', routine: true }, 'a.example'), { mode: 'direct' });
  assert.deepEqual(probeProxy({ mode: 'http', host: 'p', port: 3128, bypass: [] }, 'a.example'), { mode: 'http', host: 'p', port: 3128 });
  assert.equal(probingStatus({ mode: 'system', routine: true }), null);
  assert.equal(probingStatus({ mode: 'direct', routine: true }), null);
  assert.equal(probingStatus(null), null);
  assert.deepEqual(probingStatus({ mode: 'socks5', host: '127.0.0.1', port: 9150, why: 'tor' }), { key: 'probeStatusTor', subs: ['127.0.0.1:9150'] });
  assert.deepEqual(probingStatus({ mode: 'http', host: 'p', port: 1 }), { key: 'probeStatusProxy', subs: ['p:1'] });
});
