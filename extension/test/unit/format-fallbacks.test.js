// Dates and plural keys when Intl cannot help: unknown locales, raw output, invalid tags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, pluralKey } from '../../src/lib/format.js';

const d = new Date(2040, 1, 28, 4, 8);

test('a locale Intl has no data for gets the numeric form, with or without the time', () => {
  assert.equal(formatDate(d.toISOString(), 'zz'), '28.02.2040 04:08');
  assert.equal(formatDate(d.toISOString(), 'zz', { time: false }), '28.02.2040');
  assert.match(formatDate(d.toISOString(), undefined), /^February 28, 2040\D+4:08/, 'no locale: English');
  assert.equal(formatDate(d.toISOString(), 'en', { time: false }), 'February 28, 2040');
  assert.equal(formatDate('', 'en'), null);
});

test('raw Intl output (a month code or an ISO timestamp) falls back to the numeric form, time as asked', () => {
  const real = Intl.DateTimeFormat;
  try {
    for (const raw of ['2040 M02 28', '2040-02-28T04:08:00.000Z']) {
      Intl.DateTimeFormat = class extends real {
        format() { return raw; }
        static supportedLocalesOf(l) { return real.supportedLocalesOf(l); }
      };
      assert.equal(formatDate(d.toISOString(), 'kk', { time: false }), '28.02.2040', raw);
      assert.equal(formatDate(d.toISOString(), 'kk'), '28.02.2040 04:08', raw);
    }
    Intl.DateTimeFormat = class extends real {
      format() { throw new RangeError('no data'); }
      static supportedLocalesOf(l) { return real.supportedLocalesOf(l); }
    };
    assert.equal(formatDate(d.toISOString(), 'kk', { time: false }), '28.02.2040');
  } finally {
    Intl.DateTimeFormat = real;
  }
});

test('plural keys: forms outside the four fall back to other; an invalid tag uses one/other', () => {
  assert.equal(pluralKey('places', 0, 'ar'), 'places_other', 'Arabic "zero"');
  assert.equal(pluralKey('places', 2, 'ar'), 'places_other', 'Arabic "two"');
  assert.equal(pluralKey('places', 1, 'en_US'), 'places_one');
  assert.equal(pluralKey('places', 2, 'en_US'), 'places_other');
  assert.equal(pluralKey('places', 1, undefined), 'places_one');
});
