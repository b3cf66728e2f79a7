// Test PKI: root → intermediate → leaf for 127.0.0.1/localhost, made with openssl per test.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** SHA-256 of the certificate's SubjectPublicKeyInfo, lowercase hex (the blocklist's key). */
export function spkiSha256(pem) {
  const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/**
 * Writes root.pem, int.pem, leaf.pem (+ keys) under dir. `name` goes into the root's CN so each
 * test's root is recognisable in badge titles.
 */
export function makeChain(dir, name) {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'root.key', '-out', 'root.pem', '-days', '30', '-subj', `/CN=${name}/O=Anchorwatch E2E`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  openssl(['req', ...ec, '-keyout', 'int.key', '-out', 'int.csr', '-subj', `/CN=${name} Intermediate/O=Anchorwatch E2E`], dir);
  writeFileSync(join(dir, 'int.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n');
  openssl(['x509', '-req', '-in', 'int.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'int.pem',
    '-days', '30', '-extfile', 'int.ext'], dir);
  openssl(['req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=localhost'], dir);
  writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n'
    + 'extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(['x509', '-req', '-in', 'leaf.csr', '-CA', 'int.pem', '-CAkey', 'int.key', '-CAcreateserial', '-out', 'leaf.pem',
    '-days', '20', '-extfile', 'leaf.ext'], dir);
  const read = (f) => readFileSync(join(dir, f), 'utf8');
  const root = read('root.pem');
  return { dir, name, root, rootPath: join(dir, 'root.pem'), int: read('int.pem'), leaf: read('leaf.pem'),
    leafKey: read('leaf.key'), rootSpki: spkiSha256(root) };
}
