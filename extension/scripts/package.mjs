// Store-ready packages from dist/ (run `npm run build` first; `npm run package` does both):
//   web-ext-artifacts/anchorwatch-chromium-<version>.zip  (Chrome Web Store / Edge Add-ons; the
//     development "key" is removed: the stores assign the published id)
//   web-ext-artifacts/anchorwatch-firefox-<version>.xpi   (addons.mozilla.org, unsigned)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const webExt = join(root, 'node_modules', '.bin', 'web-ext');
const artifacts = join(root, 'web-ext-artifacts');

function build(sourceDir, filename) {
  execFileSync(webExt, ['build', '--source-dir', sourceDir, '--artifacts-dir', artifacts, '--filename', filename,
    '--overwrite-dest'], { stdio: 'inherit' });
  console.log(`packaged ${join(artifacts, filename)}`);
}

const tmp = mkdtempSync(join(tmpdir(), 'aw-package-'));
try {
  const chromium = join(tmp, 'chromium');
  cpSync(join(root, 'dist', 'chromium'), chromium, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(chromium, 'manifest.json'), 'utf8'));
  delete manifest.key;
  writeFileSync(join(chromium, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  build(chromium, `anchorwatch-chromium-${version}.zip`);
  build(join(root, 'dist', 'firefox'), `anchorwatch-firefox-${version}.xpi`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
