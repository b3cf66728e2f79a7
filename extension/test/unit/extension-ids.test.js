// The host side's one list of extension ids (manifests/extension-ids.json: host manifests and the
// host's caller check) must name the ids this build gives the extension, or the host refuses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CHROMIUM_DEV_ID, GECKO_ID } from '../../scripts/build.mjs';

const ids = JSON.parse(readFileSync(new URL('../../../manifests/extension-ids.json', import.meta.url), 'utf8'));

test('manifests/extension-ids.json holds the development Chromium id and the gecko id of this build', () => {
  assert.equal(ids.chromium[0].id, CHROMIUM_DEV_ID);
  assert.deepEqual(ids.firefox.map((e) => e.id), [GECKO_ID]);
});
