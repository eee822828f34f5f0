// Shared set-up for the browser tests: serves dist/ on 127.0.0.1 through nginx with the
// shipped deploy/nginx.conf (lib/nginx.mjs), drives the
// system Chromium headless through playwright-core, and records everything
// that should fail a test (page errors, console errors, failed or foreign
// requests, HTTP errors).
//
// A test file:
//
//   import { test, before, after } from 'node:test';
//   import { startSession } from './lib/harness.mjs';
//   let s;
//   before(async () => { s = await startSession(); });
//   after(() => s?.close());
//   test('…', async () => { const page = await s.open(); …; s.assertClean(); });

import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveWithNginx } from './nginx.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const testsDir = path.resolve(here, '..', '..');
export const repoRoot = path.resolve(testsDir, '..');
export const distDir = path.resolve(process.env.CIDRPLAN_DIST ?? path.join(repoRoot, 'dist'));
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifactsDir = path.join(testsDir, 'artifacts');
export const docsScreenshotsDir = path.join(repoRoot, 'docs', 'screenshots');
/** Set by `cargo xtask screenshots`: also write screenshots into docs/screenshots/. */
export const updateDocsScreenshots = process.env.CIDRPLAN_UPDATE_SCREENSHOTS === '1';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The colour schemes and viewports every screenshot is taken in. */
export const SHOT_VARIANTS = [
  { scheme: 'light', width: 1280, height: 800 },
  { scheme: 'light', width: 375, height: 812 },
  { scheme: 'dark', width: 1280, height: 800 },
  { scheme: 'dark', width: 375, height: 812 },
];

/**
 * Whether `url` stays on this machine: 127.0.0.1, or a URL no network serves (data:, blob:,
 * about:, and the browser's own chrome:/devtools: pages, which Lighthouse's runs list too).
 */
export function isLocal(url) {
  if (/^(data|blob|about|chrome|chrome-extension|devtools):/.test(url)) return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/** Every browser context the tests open: the same viewport, scheme, locale and clock. */
export const CONTEXT_OPTIONS = {
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  colorScheme: 'light',
  locale: 'en-US',
  timezoneId: 'UTC',
  serviceWorkers: 'block',
};

/**
 * Starts nginx on dist/ (with deploy/nginx.conf: its headers, CSP and precompressed files) and
 * a fresh Chromium (new, empty user-data-dir). Options: `root` serves another directory;
 * `serviceWorkers: 'allow'` lets the app's service worker run (blocked elsewhere, so every
 * other test loads from the network).
 */
export async function startSession({ root = distDir, serviceWorkers = CONTEXT_OPTIONS.serviceWorkers } = {}) {
  const server = await serveWithNginx(root);
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'cidrplan-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      ...CONTEXT_OPTIONS,
      serviceWorkers,
      timeout: 60_000,
    });
  } catch (err) {
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }

  /** Everything that makes assertClean() fail, as readable lines. */
  const problems = [];
  /** Every request any page made, in order. */
  const requests = [];

  // Nothing may leave the machine: abort (and report) any non-local request.
  await context.route(
    (url) => !isLocal(url.href),
    (route) => {
      problems.push(`request to a foreign host: ${route.request().url()}`);
      return route.abort('blockedbyclient');
    },
  );

  const watch = (page) => {
    page.on('pageerror', (err) => problems.push(`page error: ${err.stack ?? err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        problems.push(`console error: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
      }
    });
    page.on('request', (req) => {
      requests.push(req.url());
      if (!isLocal(req.url())) problems.push(`request to a foreign host: ${req.url()}`);
    });
    page.on('requestfailed', (req) => {
      // Chromium fetches the manifest and its icons in the background, and the planner its
      // export writers (web/exports) after its first result; a navigation, reload or close
      // aborts such a fetch mid-flight, which is no fault of the page.
      const background = /\/(manifest\.webmanifest|icon[^/]*\.(svg|png)|exports-[0-9a-f]{16}(_bg\.wasm|\.js))$/.test(
        new URL(req.url()).pathname,
      );
      if (background && req.failure()?.errorText === 'net::ERR_ABORTED') return;
      if (isLocal(req.url())) problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);

  const session = {
    server,
    context,
    problems,
    requests,
    url: server.url,

    /**
     * Opens `route` (relative to the app root) in a page and waits until the
     * app has mounted (an <h1> is visible). Reuses the first blank tab.
     */
    async open(route = '', { width = 1280, height = 800, colorScheme = 'light' } = {}) {
      const blank = context.pages().find((p) => p.url() === 'about:blank');
      const page = blank ?? (await context.newPage());
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await page.goto(new URL(route, server.url).href, { waitUntil: 'load' });
      await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
      return page;
    },

    /**
     * Screenshots `page` in light/dark at 1280 and 375 px wide into
     * tests/artifacts/<name>-<scheme>-<width>.png (and docs/screenshots/ when
     * CIDRPLAN_UPDATE_SCREENSHOTS=1). The app reads prefers-color-scheme when
     * it starts (unless a theme was chosen and saved), so the page is reloaded
     * after each scheme change: keep what should be shown in the URL or in
     * storage. Returns the artifact paths.
     */
    async screenshots(name, page) {
      await mkdir(artifactsDir, { recursive: true });
      if (updateDocsScreenshots) await mkdir(docsScreenshotsDir, { recursive: true });
      const reloadAs = async (scheme) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.reload({ waitUntil: 'load' });
        await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
      };
      const written = [];
      let current = null;
      for (const { scheme, width, height } of SHOT_VARIANTS) {
        if (scheme !== current) {
          await reloadAs(scheme);
          current = scheme;
        }
        await page.setViewportSize({ width, height });
        // Let layout settle (two animation frames).
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const file = `${name}-${scheme}-${width}.png`;
        const out = path.join(artifactsDir, file);
        await page.screenshot({ path: out, fullPage: true, animations: 'disabled' });
        if (updateDocsScreenshots) await copyFile(out, path.join(docsScreenshotsDir, file));
        written.push(out);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      await reloadAs('light');
      return written;
    },

    /** Fails the test if anything went wrong in any page so far. */
    assertClean() {
      const foreign = requests.filter((u) => !isLocal(u)).map((u) => `request to a foreign host: ${u}`);
      const all = [...new Set([...problems, ...foreign])];
      if (all.length > 0) assert.fail(`browser problems:\n  ${all.join('\n  ')}`);
    },

    async close() {
      await context.close().catch(() => {});
      await server.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
  return session;
}
