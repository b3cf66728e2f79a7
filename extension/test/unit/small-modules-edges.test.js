// Small modules at their edges: stored aftercare notes read defensively, the backoff's default
// cap and jitter, entry families that share a prefix, the settings' defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aftercareNote, aftercareRecord } from '../../src/lib/aftercare.js';
import { Backoff, DEFAULT_BACKOFF } from '../../src/lib/backoff.js';
import { FAMILY_NAMES, entryFamily, entryNameText, entryWords } from '../../src/lib/entries.js';
import { DEFAULT_SETTINGS, mergeSettings } from '../../src/lib/settings.js';

test('aftercare: a stored note is read only when well-formed; odd fields become null', () => {
  assert.deepEqual(aftercareRecord({ name: undefined, entry: null, at: 't' }), { name: '', entry: null, since: null, at: 't' });
  assert.equal(aftercareNote({ name: 5 }), null);
  assert.equal(aftercareNote({ name: '' }), null);
  assert.equal(aftercareNote('note'), null);
  assert.deepEqual(aftercareNote({ name: 'KZ', entry: 'kz', since: 7 }), { name: 'KZ', entry: null, since: null });
  assert.deepEqual(aftercareNote({ name: 'KZ', entry: { id: 'kz' }, since: '2026-01-01' }), { name: 'KZ', entry: { id: 'kz' }, since: '2026-01-01' });
  assert.deepEqual(aftercareNote({ name: 'KZ', entry: null }), { name: 'KZ', entry: null, since: null });
});

test('backoff: five minutes at most by default; jitter spreads both ways around the base', () => {
  assert.equal(DEFAULT_BACKOFF.maxMs, 300000);
  const b = new Backoff({}, () => 0.5);
  for (let i = 0; i < 20; i++) b.next();
  assert.equal(b.next(), 300000);
  const low = new Backoff({ initialMs: 1000, jitter: 0.5 }, () => 0.25);
  assert.equal(low.next(), 750);
  const high = new Backoff({ initialMs: 1000, jitter: 0.5 }, () => 0.75);
  assert.equal(high.next(), 1250);
});

test('entry families: the longer prefix wins where two share a start; unknown entries fall back', () => {
  assert.equal(entryFamily({ id: 'wosign-leaf-2016' }), 'wosign_leaf');
  assert.equal(entryFamily({ id: 'wosign-ca-free' }), 'wosign');
  assert.equal(entryFamily({ id: 'turktrust-ego-2012' }), 'turktrust_ego');
  assert.equal(entryFamily({ id: 'turktrust-root' }), 'turktrust');
  assert.equal(entryFamily({ id: 7 }), null);
  assert.equal(entryFamily(null), null);
  assert.ok(FAMILY_NAMES.includes('wosign_leaf') && FAMILY_NAMES.includes('turktrust_ego') && FAMILY_NAMES.includes('wosign'));
  assert.equal(new Set(FAMILY_NAMES).size, FAMILY_NAMES.length);
  assert.deepEqual(entryWords(null, 'why_other'), { family: null, nameKey: null, name: '', whyKey: 'why_other', suspected: false });
  assert.equal(entryWords({ id: 'suspected-kz-x', source: 'policy', name: 'P' }, 'w').suspected, false);
  assert.equal(entryWords({ id: 'wosign-x' }, 'w').whyKey, 'entry_wosign_why');
  const t = (key, subs) => `${key}[${subs.join(',')}]`;
  assert.equal(entryNameText({ id: 'acme', name: '' }, t, 'fallback'), 'fallback');
  assert.equal(entryNameText({ id: 'acme', name: '' }, t), '');
  assert.equal(entryNameText({ id: 'wosign-x' }, t), 'entry_wosign_name[]');
});

test('settings: routine probing and notifications are on unless turned off; junk keeps the defaults', () => {
  assert.deepEqual(DEFAULT_SETTINGS, { routineProbe: true, notifications: true });
  assert.deepEqual(mergeSettings({ notifications: false }), { routineProbe: true, notifications: false });
  assert.deepEqual(mergeSettings('routineProbe'), DEFAULT_SETTINGS);
  assert.deepEqual(mergeSettings(undefined), DEFAULT_SETTINGS);
});
