// Smoke test: the release build loads and mounts (the wasm app renders its
// heading), stays on 127.0.0.1, and logs no errors under the deploy
// Content-Security-Policy. Screenshots go to tests/artifacts/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';

let s;
before(async () => {
  s = await startSession();
});
after(async () => {
  await s?.close();
});

test('page loads: title, heading, no errors, nothing leaves 127.0.0.1', { timeout: 90_000 }, async () => {
  const page = await s.open();
  assert.equal(await page.title(), 'cidrplan');
  await page.getByRole('heading', { level: 1, name: 'cidrplan' }).waitFor();
  await s.screenshots('smoke', page);
  s.assertClean();
  assert.ok(
    s.requests.some((u) => u.endsWith('.wasm')),
    `no .wasm request seen: ${s.requests.join(', ')}`,
  );
});
