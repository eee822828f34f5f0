// Offline and repeat visits (static/sw.js), through nginx with deploy/nginx.conf: after one
// visit every tool works with the network off, a repeat visit takes the wasm from the service
// worker, and a new deploy behind the same server is what the next load shows, offline too,
// with the old build's cache gone.

import { test, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { distDir, startSession, testsDir } from './lib/harness.mjs';
import { openDesigner, openPlanner, split, waitLeaves, waitPlanRows, waitResult } from './lib/app.mjs';

const T = { timeout: 120_000 };
let s;
let copy;
afterEach(async () => {
  await s?.close();
  s = undefined;
});
after(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

/** Waits until the page is controlled by the service worker and the only cache is `build`'s; returns the build. */
async function controlled(page, build) {
  const deadline = Date.now() + 30_000;
  let seen;
  while (Date.now() < deadline) {
    seen = await page.evaluate(async () => ({ controlled: !!navigator.serviceWorker?.controller, keys: await caches.keys() }));
    if (seen.controlled && seen.keys.length === 1 && seen.keys[0] === `cidrplan-${build}`) return build;
    await page.waitForTimeout(200);
  }
  assert.fail(`not controlled by build ${build} within 30 s: ${JSON.stringify(seen)}`);
}

const buildOf = async (dir) => (await readFile(path.join(dir, 'sw.js'), 'utf8')).match(/const BUILD = '([^']+)'/)[1];

test('after one visit every tool works offline, and a repeat visit loads no wasm from the network', T, async () => {
  s = await startSession({ serviceWorkers: 'allow' });
  const page = await s.open('');
  await controlled(page, await buildOf(distDir));

  // A repeat visit: the wasm comes from the service worker.
  const wasm = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push({ url: r.url(), sw: r.fromServiceWorker() });
  });
  await page.reload({ waitUntil: 'load' });
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => document.querySelector('.result-grid'));
  assert.ok(wasm.length >= 1, 'the wasm was requested');
  assert.ok(wasm.every((w) => w.sw), `wasm from the network: ${JSON.stringify(wasm)}`);

  await s.context.setOffline(true);
  await page.reload({ waitUntil: 'load' });
  await page.locator('h1').first().waitFor();
  // A figure (recorded, not asserted): navigation start → the calculator's result, offline.
  const shownAt = await page.waitForFunction(
    () => {
      const dt = [...document.querySelectorAll('.result-grid dt')].find((d) => d.textContent.trim() === 'Network');
      return dt?.nextElementSibling?.textContent.trim() ? performance.now() : false;
    },
    null,
    { polling: 'raf' },
  );
  const ms = Math.round((await shownAt.jsonValue()) * 10) / 10;
  console.log(`PERF offline-reload-to-calculator-result: ${ms} ms`);
  await mkdir(path.join(testsDir, 'artifacts'), { recursive: true });
  await writeFile(path.join(testsDir, 'artifacts', 'offline.json'), JSON.stringify({ recordedAt: new Date().toISOString(), 'offline-reload-to-calculator-result': ms }, null, 2) + '\n');
  const input = page.locator('#calc-input');
  await input.fill('192.168.10.77/27');
  await waitResult(page, 'Network', '192.168.10.64/27');
  await openDesigner(page);
  await waitLeaves(page, 1);
  await split(page, '10.0.0.0/16');
  await openPlanner(page);
  await waitPlanRows(page, 9);
  // The planner's export writers (their own module, loaded after its first result) too.
  await page.waitForFunction(() => /resource "aws_vpc"/.test(document.querySelector('.exports pre')?.textContent ?? ''));
  await s.context.setOffline(false);
  s.assertClean();
});

test('a new deploy behind the same server is what the next load shows; the old build\'s cache is deleted', T, async () => {
  copy = await mkdtemp(path.join(os.tmpdir(), 'cidrplan-deploy-'));
  await cp(distDir, copy, { recursive: true });
  s = await startSession({ root: copy, serviceWorkers: 'allow' });
  const page = await s.open('');
  const first = await controlled(page, await buildOf(copy));

  // Deploy a changed build: a new page and a new worker id (its precompressed copies are
  // removed, so nginx sends the changed files).
  const second = 'feedfacecafebeef';
  const index = path.join(copy, 'index.html');
  await writeFile(index, (await readFile(index, 'utf8')).replace('<title>', '<meta name="cidrplan-deploy" content="2"><title>'));
  const sw = path.join(copy, 'sw.js');
  await writeFile(sw, (await readFile(sw, 'utf8')).replace(`const BUILD = '${first}';`, `const BUILD = '${second}';`));
  for (const f of await readdir(copy)) {
    if (/^(index\.html|sw\.js)\.(br|gz)$/.test(f)) await rm(path.join(copy, f));
  }

  await page.reload({ waitUntil: 'load' });
  await page.locator('h1').first().waitFor();
  assert.equal(await page.locator('meta[name=cidrplan-deploy]').count(), 1, 'the next load shows the new deploy');
  assert.equal(await controlled(page, second), second, 'the new worker took over and the old cache is gone');

  await s.context.setOffline(true);
  await page.reload({ waitUntil: 'load' });
  await page.locator('h1').first().waitFor();
  assert.equal(await page.locator('meta[name=cidrplan-deploy]').count(), 1, 'offline, the new build is served');
  await waitResult(page, 'Network', '10.0.0.0/16');
  await s.context.setOffline(false);
  s.assertClean();
});
