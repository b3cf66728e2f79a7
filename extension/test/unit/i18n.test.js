// Localisation rules: en, ru and kk have identical keys and placeholders; every key the code uses
// exists; no user-visible text is hard-coded in the pages or scripts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataKeys } from './table-keys.js';

const root = new URL('../../', import.meta.url).pathname;
const src = join(root, 'src');
const LOCALES = ['en', 'ru', 'kk'];
const messages = Object.fromEntries(LOCALES.map((l) => [l, JSON.parse(readFileSync(join(src, '_locales', l, 'messages.json'), 'utf8'))]));

function files(dir, ext) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === '_locales' ? [] : files(p, ext);
    return p.endsWith(ext) ? [p] : [];
  });
}

const html = files(src, '.html');
const js = files(src, '.js');

test('en, ru and kk have identical key sets and placeholders, and no empty message', () => {
  const keys = (l) => Object.keys(messages[l]).sort();
  for (const l of LOCALES) {
    assert.deepEqual(keys(l), keys('en'), `${l} keys differ from en`);
    for (const [k, v] of Object.entries(messages[l])) {
      assert.ok(v.message && v.message.trim(), `${l}.${k} is empty`);
      assert.deepEqual(Object.keys(v.placeholders ?? {}).sort(), Object.keys(messages.en[k].placeholders ?? {}).sort(), `${l}.${k} placeholders`);
      for (const p of Object.keys(v.placeholders ?? {})) {
        assert.ok(v.message.toLowerCase().includes(`$${p}$`), `${l}.${k} does not use $${p}$`);
      }
    }
  }
});

test('ru and kk are translated (Cyrillic), not copies of en', () => {
  const untranslated = new Set(['extName', 'installHelpCommand', 'localeCode']);
  for (const l of ['ru', 'kk']) {
    for (const [k, v] of Object.entries(messages[l])) {
      if (untranslated.has(k) || k.startsWith('app_')) continue; // program names are brands
      assert.match(v.message, /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/, `${l}.${k} has no Cyrillic`);
    }
  }
  // Kazakh uses its own letters; a kk file that is really Russian would have none of them
  const kkText = Object.values(messages.kk).map((v) => v.message).join(' ');
  assert.match(kkText, /[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
  assert.notDeepEqual(messages.kk.popupTabHeading.message, messages.ru.popupTabHeading.message);
  // each file names its own locale (dates are formatted with it)
  for (const l of LOCALES) assert.equal(messages[l].localeCode.message, l);
});

function usedKeys() {
  const keys = new Set();
  for (const f of html) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/data-i18n="([^"]+)"/g)) keys.add(m[1]);
    for (const m of text.matchAll(/data-i18n-attr="([^"]+)"/g)) for (const pair of m[1].split(',')) keys.add(pair.split(':')[1].trim());
  }
  for (const f of js) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\b(?:t|field)\('([A-Za-z0-9_]+)'/g)) keys.add(m[1]);
    for (const m of text.matchAll(/\bkey: '([A-Za-z0-9_]+)'/g)) keys.add(m[1]);
    for (const m of text.matchAll(/'(badgeTitle[A-Za-z]+|why_[a-z_]+)'/g)) keys.add(m[1]);
  }
  for (const m of readFileSync(join(root, 'manifest.base.json'), 'utf8').matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) keys.add(m[1]);
  // keys built from data at run time
  for (const k of dataKeys()) keys.add(k);
  return keys;
}

test('every message key the code uses exists, and every message is used', () => {
  const used = usedKeys();
  for (const k of used) assert.ok(messages.en[k], `missing message ${k}`);
  // a key may also be picked among literals (t(cond ? 'a' : 'b')): any literal naming it counts
  const literals = new Set(js.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'([A-Za-z0-9_]+)'/g)].map((m) => m[1])));
  for (const k of Object.keys(messages.en)) assert.ok(used.has(k) || literals.has(k), `unused message ${k}`);
});

test('HTML pages hold no literal text: every visible string comes from data-i18n', () => {
  for (const f of html) {
    const text = readFileSync(f, 'utf8').replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)[\s\S]*?<\/\1>/g, '');
    const visible = text.replace(/<[^>]*>/g, '').replace(/&[a-z]+;/g, '').trim();
    assert.equal(visible, '', `${f} has literal text: ${visible.slice(0, 80)}`);
    for (const m of text.matchAll(/\s(title|alt|placeholder|aria-label|value)="([^"]*)"/g)) {
      assert.equal(m[2].trim(), '', `${f}: literal ${m[1]}="${m[2]}"`);
    }
  }
});

test('scripts hold no literal UI text (prose strings only in log calls and comments)', () => {
  const prose = /[A-Za-zА-Яа-яЁё]{2,}[,.:;!?]?\s+[A-Za-zА-Яа-яЁё]{2,}/;
  for (const f of js) {
    const lines = readFileSync(f, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '').replace(/\/\*.*?\*\//g, '');
      assert.doesNotMatch(code, /innerHTML|insertAdjacentHTML|document\.write|\balert\(/, `${f}:${i + 1}`);
      assert.doesNotMatch(code, /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/, `${f}:${i + 1}: Cyrillic outside _locales`);
      if (/\blog\(|console\.|new (Host|Chunk)?Error\(|throw /.test(code)) return;
      for (const m of code.matchAll(/'([^'\\]*(?:\\.[^'\\]*)*)'|`([^`]*)`/g)) {
        if (/(cls|className):\s*$/.test(code.slice(0, m.index))) continue; // CSS classes
        const s = (m[1] ?? m[2]).replace(/\$\{[^}]*\}/g, '');
        assert.doesNotMatch(s, prose, `${f}:${i + 1}: string looks like UI text: ${s}`);
      }
    });
  }
});
