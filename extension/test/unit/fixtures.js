// Verdicts and scan results shaped like the host's replies (docs/PROTOCOL.md).

export const KZ_ENTRY = { id: 'kz-2020-isca-ca', name: 'Kazakhstan ISCA Root (2020)', category: 'government-mitm',
  tier: 'interception', severity: 'critical', subject: 'CN=Information Security Certification Authority',
  issuer: 'CN=Information Security Certification Authority', references: ['https://example.invalid/kz'], notes: null,
  source: 'bundled' };

export const TRUSTCOR_ENTRY = { id: 'trustcor-rootcert-ca-1', name: 'TrustCor RootCert CA-1', category: 'distrusted-ca',
  tier: 'distrusted', severity: 'high', references: [], source: 'bundled' };

export const blocked = (entry = KZ_ENTRY) => ({ level: 'blocked', reason: 'blocklisted', entry, matchedIndex: 2,
  root: { subject: 'CN=Information Security Certification Authority,O=ISCA', issuer: 'CN=Information Security Certification Authority,O=ISCA',
    sha256: 'aa', spkiSha256: 'kzspki', builtIn: false },
  installedIn: [{ store: 's1', storeLabel: 'Firefox profile default', type: 'nss', role: 'added', location: 'cert9.db#ISCA', trust: 'trusted' }] });

export const notice = () => ({ level: 'notice', reason: 'non-built-in-root', entry: null, matchedIndex: -1,
  root: { subject: 'CN=Corp Proxy Root,O=Corp', issuer: 'CN=Corp Proxy Root,O=Corp', sha256: 'bb', spkiSha256: 'corpspki', builtIn: false },
  installedIn: [] });

export const clean = () => ({ level: 'clean', reason: 'built-in-root', entry: null, matchedIndex: -1,
  root: { subject: 'CN=ISRG Root X1,O=Internet Security Research Group', issuer: 'CN=ISRG Root X1', sha256: 'cc', spkiSha256: 'isrg', builtIn: true },
  installedIn: [] });

function finding(entry, level = 'blocked', store = 'distro') {
  return { level, store, storeLabel: `store ${store}`, location: `/etc/ssl/${entry?.id ?? 'x'}.pem`, sha256: 'x', sha1: 'y',
    spkiSha256: 'z', subject: entry?.subject ?? 'CN=x', issuer: 'CN=x', notAfter: null, trust: 'trusted', installedAt: null,
    entry, attributes: {} };
}

export const scanWith = ({ interception = false, distrusted = false, notices = 0 } = {}) => {
  const findings = [];
  if (interception) findings.push(finding(KZ_ENTRY, 'blocked', 'nss-home'), finding(KZ_ENTRY, 'blocked', 'pem-added'));
  if (distrusted) findings.push(finding(TRUSTCOR_ENTRY));
  for (let i = 0; i < notices; i++) findings.push(finding(null, 'notice'));
  return {
    stores: [{ id: 'distro' }, { id: 'nss-home' }],
    findings,
    summary: { stores: 2, storesWithErrors: 0, certificates: 140, blocked: findings.filter((f) => f.level === 'blocked').length,
      notice: notices, interception: interception ? [KZ_ENTRY.name] : [], distrusted: distrusted ? [TRUSTCOR_ENTRY.name] : [],
      scannedAt: '2026-11-25T08:00:00Z' },
  };
};
