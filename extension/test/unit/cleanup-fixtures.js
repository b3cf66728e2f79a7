// Cleanup replies as the real host sent them (captured from native-host over native messaging
// with a home NSS database holding a policy-blocklisted root), plus a system-store plan shaped
// after native-host …/cleanup/Planner.java (Debian anchor, generated bundle, elevation).

export const SHA = 'f44ea3748e1760be17eef9bb3d26fc95ea34f9557a50004e7878e7f6a18f91c6';
export const SPKI = 'f476c4df56c9cc654381abaa0034d5eac31cb1bef457eef1a765fef0ad586cd3';
const ENTRY = { id: 'policy-test-national', name: 'Test national', category: 'government-mitm', tier: 'interception',
  severity: 'critical', subject: null, issuer: null, notAfter: null,
  references: ['local policy /tmp/awx/home/.config/anchorwatch/policy.json'], notes: 'test', source: 'policy' };
export const TARGET = { query: SHA, sha256: SHA, spkiSha256: SPKI, subject: 'CN=Test National Root,O=Test',
  issuer: 'CN=Test National Root,O=Test', notAfter: '2026-12-25T09:29:00Z', entry: ENTRY };

export const NSS_PLAN = {
  planId: '0b6ed6c2f942f5243ee797d2', createdAt: '2026-11-25T09:29:07.116462074Z', target: TARGET, mode: 'delete',
  steps: [{
    index: 0, store: 'nss:/tmp/awx/home/.pki/nssdb', storeType: 'nss', storeLabel: 'explicit nss store', role: 'added',
    location: '/tmp/awx/home/.pki/nssdb#National Security Certificate', sha256: SHA, action: 'delete', elevation: false,
    backup: "the certificate (DER), its nickname 'National Security Certificate' and trust 'C,,'",
    caveats: [{ code: 'restart-chromium', text: 'Restart Chrome/Chromium afterwards: a running browser keeps its trust cache.', args: [] }], installedAt: null,
    commands: ["certutil -D -d sql:/tmp/awx/home/.pki/nssdb -n 'National Security Certificate'"],
    details: { nickname: 'National Security Certificate', trust: 'C,,', path: '/tmp/awx/home/.pki/nssdb' },
  }],
  needsElevation: false, rebuild: null, caveats: [], aftercareSince: null,
};

export const NSS_PROGRESS = [
  { phase: 'validate', step: -1, status: 'started', message: 'checking that the stores still match the plan' },
  { phase: 'backup', step: 0, status: 'saved', message: '/tmp/awx/home/.local/share/anchorwatch/backups/9f9c76ba6fdb44f9f051f5a0' },
  { phase: 'remove', step: 0, status: 'removed', message: '/tmp/awx/home/.pki/nssdb#National Security Certificate' },
  { phase: 'verify', step: -1, status: 'clean', message: '0 location(s) still trust it' },
  { phase: 'done', step: -1, status: 'clean', message: null },
];

export const NSS_APPLY = {
  operationId: '9f9c76ba6fdb44f9f051f5a0', backupId: '9f9c76ba6fdb44f9f051f5a0',
  backupDir: '/tmp/awx/home/.local/share/anchorwatch/backups/9f9c76ba6fdb44f9f051f5a0',
  steps: [{ step: 0, location: '/tmp/awx/home/.pki/nssdb#National Security Certificate', action: 'delete', status: 'removed', message: null }],
  rebuilds: [],
  verify: { sha256: SHA, spkiSha256: SPKI, clean: true, remaining: [], scannedAt: '2026-11-25T09:29:07.279445852Z' },
  elevationCommands: [], aftercareSince: null,
};

export const NSS_BACKUPS = { backups: [{
  id: '9f9c76ba6fdb44f9f051f5a0', createdAt: '2026-11-25T09:29:07.199133299Z',
  dir: '/tmp/awx/home/.local/share/anchorwatch/backups/9f9c76ba6fdb44f9f051f5a0', mode: 'delete', target: TARGET,
  locations: [{ step: 0, location: '/tmp/awx/home/.pki/nssdb#National Security Certificate', action: 'delete', kind: 'nss', restored: false }],
  fullyRestored: false,
}] };

export const NSS_RESTORE = { backupId: '9f9c76ba6fdb44f9f051f5a0',
  steps: [{ step: 0, location: '/tmp/awx/home/.pki/nssdb#National Security Certificate', action: 'delete', status: 'restored', message: null }],
  rebuilds: [] };

export const SYSTEM_PLAN = {
  planId: 'p2', target: { ...TARGET, entry: null }, mode: 'delete', needsElevation: true,
  rebuild: 'update-ca-certificates', aftercareSince: '2020-12-06T10:00:00Z',
  caveats: [{ code: 'no-rebuild', text: 'The system bundles will not be rebuilt automatically here (a --root other than /); run: update-ca-certificates', args: ['update-ca-certificates'] }],
  steps: [
    { index: 0, store: 'pem:/usr/local/share/ca-certificates', storeType: 'pem', storeLabel: 'Debian local anchors', role: 'added',
      location: '/usr/local/share/ca-certificates/corp/evil.crt', action: 'delete', elevation: true,
      backup: "the file's exact bytes, path, mode and owner", caveats: [], installedAt: '2020-12-06T10:00:00Z',
      commands: ['sudo rm /usr/local/share/ca-certificates/corp/evil.crt'],
      details: { path: '/usr/local/share/ca-certificates/corp/evil.crt', distro: 'debian' } },
    { index: 1, store: 'pem:/etc/ssl/certs/ca-certificates.crt', storeType: 'pem', storeLabel: 'Debian bundle', role: 'extracted',
      location: '/etc/ssl/certs/ca-certificates.crt#2', action: 'rebuild-covers', elevation: false,
      backup: 'nothing: this bundle is generated from the anchor sources', caveats: [], installedAt: null, commands: [],
      details: { path: '/etc/ssl/certs/ca-certificates.crt', distro: 'debian' } },
    { index: 2, store: 'pem:/opt/app/bundle.pem', storeType: 'pem', storeLabel: 'explicit pem store', role: 'added',
      location: '/opt/app/bundle.pem#3', action: 'instructions', elevation: false,
      backup: 'nothing: the host does not edit multi-certificate files',
      caveats: [{ code: 'some-future-code', text: 'Some caveat the extension does not know yet.', args: [] }], installedAt: null,
      commands: ['# /opt/app/bundle.pem holds several certificates; remove block 3 by hand after a copy'],
      details: { path: '/opt/app/bundle.pem' } },
  ],
};
