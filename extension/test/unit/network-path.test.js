import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bypassed, chromiumPath, firefoxPath, probeAllowed, probeProxy, probingStatus } from '../../src/lib/network-path.js';

const chromium = (value, levelOfControl = 'controllable_by_this_extension') => chromiumPath({ value, levelOfControl });

test('chromium: direct and system are reproducible; PAC, auto-detect and other extensions are not', () => {
  assert.deepEqual(chromium({ mode: 'direct' }), { mode: 'direct', routine: true });
  assert.deepEqual(chromium({ mode: 'system' }), { mode: 'system', routine: true });
  assert.deepEqual(chromium({ mode: 'pac_script', pacScript: { data: 'function FindProxyForURL(){}' } }),
    { mode: 'unknown', why: 'pac', routine: false });
  assert.equal(chromium({ mode: 'auto_detect' }).why, 'auto-detect');
  assert.equal(chromium({ mode: 'direct' }, 'controlled_by_other_extensions').why, 'other-extension');
  assert.equal(chromiumPath(undefined).why, 'unreadable');
});

test('chromium fixed servers: the https rule, then the single proxy, then the fallback', () => {
  const p = chromium({ mode: 'fixed_servers', rules: { singleProxy: { scheme: 'http', host: 'proxy.lan', port: 3128 }, bypassList: ['*.corp'] } });
  assert.deepEqual(p, { mode: 'http', host: 'proxy.lan', port: 3128, bypass: ['*.corp'], routine: true });
  const https = chromium({ mode: 'fixed_servers', rules: { proxyForHttps: { scheme: 'socks5', host: '10.0.0.2', port: 1080 },
    singleProxy: { scheme: 'http', host: 'x', port: 1 } } });
  assert.equal(https.mode, 'socks5');
  assert.equal(chromium({ mode: 'fixed_servers', rules: { singleProxy: { scheme: 'https', host: 'p', port: 443 } } }).why, 'https-proxy');
  assert.equal(chromium({ mode: 'fixed_servers', rules: { singleProxy: { scheme: 'socks4', host: 'p', port: 1080 } } }).why, 'socks4');
  const tor = chromium({ mode: 'fixed_servers', rules: { singleProxy: { scheme: 'socks5', host: '127.0.0.1', port: 9150 } } });
  assert.deepEqual([tor.mode, tor.why, tor.routine], ['socks5', 'tor', false], 'a Tor port: errors only, through it');
});

test('firefox proxy types', () => {
  assert.equal(firefoxPath({ value: { proxyType: 'none' } }).mode, 'direct');
  assert.equal(firefoxPath({ value: { proxyType: 'system' } }).mode, 'system');
  assert.equal(firefoxPath({ value: { proxyType: 'autoConfig', autoConfigUrl: 'http://wpad/wpad.dat' } }).why, 'pac');
  assert.deepEqual(firefoxPath({ value: { proxyType: 'manual', ssl: 'proxy.lan:8080', passthrough: 'localhost, .corp' } }),
    { mode: 'http', host: 'proxy.lan', port: 8080, bypass: ['localhost', '.corp'], routine: true });
  assert.equal(firefoxPath({ value: { proxyType: 'manual', http: 'h:1', httpProxyAll: true } }).host, 'h');
  assert.equal(firefoxPath({ value: { proxyType: 'manual', socks: '127.0.0.1:9050', socksVersion: 5 } }).why, 'tor');
  assert.equal(firefoxPath({ value: { proxyType: 'manual', socks: 's:1080', socksVersion: 4 } }).why, 'socks4');
});

test('bypass rules and the probe field', () => {
  assert.equal(bypassed('a.corp', ['*.corp']), true);
  assert.equal(bypassed('corp', ['.corp']), true);
  assert.equal(bypassed('example.com', ['*.corp', '<local>']), false);
  assert.equal(bypassed('intranet', ['<local>']), true);
  const http = { mode: 'http', host: '127.0.0.1', port: 3128, bypass: ['*.corp'], routine: true };
  assert.deepEqual(probeProxy(http, 'example.com'), { mode: 'http', host: '127.0.0.1', port: 3128 });
  assert.deepEqual(probeProxy(http, 'x.corp'), { mode: 'direct' }, 'the browser went direct too');
  assert.deepEqual(probeProxy({ mode: 'system', routine: true }, 'example.com'), { mode: 'system' });
  assert.equal(probeProxy({ mode: 'unknown', why: 'pac', routine: false }, 'example.com'), null);
});

test('routine probes only where nothing new leaks; error probes wherever the path is reproducible', () => {
  const direct = { mode: 'direct', routine: true };
  const tor = { mode: 'socks5', host: '127.0.0.1', port: 9050, why: 'tor', routine: false };
  const pac = { mode: 'unknown', why: 'pac', routine: false };
  assert.equal(probeAllowed({ reason: 'routine', path: direct, routineSetting: true }), true);
  assert.equal(probeAllowed({ reason: 'routine', path: direct, routineSetting: false }), false);
  assert.equal(probeAllowed({ reason: 'routine', path: tor, routineSetting: true }), false);
  assert.equal(probeAllowed({ reason: 'error', path: tor, routineSetting: false }), true);
  assert.equal(probeAllowed({ reason: 'error', path: pac, routineSetting: true }), false);
  assert.equal(probeAllowed({ reason: 'error', path: null, routineSetting: true }), false);
});

test('status lines', () => {
  assert.equal(probingStatus({ mode: 'direct', routine: true }), null);
  assert.deepEqual(probingStatus({ mode: 'unknown', why: 'other-extension' }), { key: 'probeStatusOff', whyKey: 'probeWhy_other_extension' });
  assert.deepEqual(probingStatus({ mode: 'http', host: 'p', port: 3128 }), { key: 'probeStatusProxy', subs: ['p:3128'] });
  assert.equal(probingStatus({ mode: 'socks5', host: '127.0.0.1', port: 9150, why: 'tor' }).key, 'probeStatusTor');
});
