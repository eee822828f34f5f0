// Lighthouse (performance, accessibility, best practices) for the release build, one cold load
// per tab (Calculator, Subnets, VPC planner) with the desktop preset and Lighthouse's default
// mobile emulation. Writes tests/artifacts/lighthouse.json (scores 0–100, key metrics, every
// audit that cost points, with the elements or files behind it) and one HTML report per run
// under tests/artifacts/lighthouse/, and prints a summary table.
//
//   node lighthouse/run.mjs [--preset desktop|mobile]… [--tab calculator|subnets|planner]…
//                           [--no-gzip]
//
// (from tests/; CIDRPLAN_DIST=<dir> picks the build, as for the browser tests; CHROMIUM_PATH the
// browser). tests/browser/lighthouse.test.mjs runs it as a test.
//
// - dist/ is served as deployed: nginx with deploy/nginx.conf (lib/nginx.mjs), which sends the
//   build's precompressed brotli files (compressed once, at build time, so compression never
//   shows up as server response time). --no-gzip serves it uncompressed instead, through the
//   tests' small node server (the deploy CSP, nosniff, no-store).
// - Chromium is /usr/bin/chromium with the harness's flags, a fresh --user-data-dir and a
//   remote-debugging port for Lighthouse, plus a host resolver that resolves nothing: the page
//   and Chromium cannot reach anything but 127.0.0.1 (which needs no resolving). Every request
//   Lighthouse saw is listed and checked (`foreignRequests`).
// - Each tab is opened by URL, the way a shared link opens it: the calculator at the bare URL
//   (empty storage opens it with 10.0.0.0/16), the designer and the planner at the #v2.… links
//   of their default design and plan, read from the app itself (so a change to the link format
//   cannot leave a stale link here). Lighthouse clears the origin's storage and the cache before
//   each run, so every run is a first visit that the link alone steers.
// - Throttling is Lighthouse's default, simulated: runs are quick, and the figures are estimates
//   for the preset's network and CPU, not what this machine measured.

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from 'playwright-core';
import { artifactsDir, CHROMIUM_ARGS, chromiumPath, distDir, isLocal } from '../browser/lib/harness.mjs';
import { serveWithNginx } from '../browser/lib/nginx.mjs';
import { serveDir } from '../browser/lib/server.mjs';

export const TABS = ['calculator', 'subnets', 'planner'];
export const PRESETS = ['desktop', 'mobile'];
export const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/** The metrics kept per run: Lighthouse audit id → key in the output. */
const METRICS = {
  'first-contentful-paint': 'fcpMs',
  'largest-contentful-paint': 'lcpMs',
  'total-blocking-time': 'tbtMs',
  'cumulative-layout-shift': 'cls',
  'speed-index': 'speedIndexMs',
  'interactive': 'ttiMs',
  'total-byte-weight': 'totalByteWeight',
};

/**
 * Lighthouse's configs, with every kind of storage cleared before each run: by default it keeps
 * localStorage (and cookies, IndexedDB), and the app would then reopen the tab of the previous
 * run instead of the one in the URL.
 */
const CONFIGS = {
  desktop: { ...desktopConfig, settings: { ...desktopConfig.settings, clearStorageTypes: ['all'] } },
  mobile: { extends: 'lighthouse:default', settings: { clearStorageTypes: ['all'] } },
};

/** The URL of each tab: the calculator's bare URL, the others' links as the app writes them. */
async function tabUrls(base) {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    const page = await browser.newPage();
    await page.goto(base, { waitUntil: 'load' });
    await page.locator('#calc-input').waitFor({ timeout: 30_000 });
    const hash = () => page.evaluate(() => location.hash);
    await page.locator('#tab-subnets').click();
    await page.locator('#base-input').waitFor();
    await page.waitForFunction(() => location.hash.startsWith('#v2.'));
    const subnets = await hash();
    await page.locator('#tab-planner').click();
    await page.locator('.plan-table').waitFor();
    await page.waitForFunction((s) => location.hash.startsWith('#v2.') && location.hash !== s, subnets);
    const planner = await hash();
    return { calculator: base, subnets: base + subnets, planner: base + planner };
  } finally {
    await browser.close();
  }
}

/**
 * Starts Chromium with the harness's flags, a fresh profile and a DevTools port (read back from
 * the profile's DevToolsActivePort file). Returns { port, close() }.
 */
async function launchChromium() {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'cidrplan-lighthouse-'));
  const args = [
    ...CHROMIUM_ARGS,
    `--user-data-dir=${userDataDir}`,
    '--remote-debugging-port=0',
    '--remote-debugging-address=127.0.0.1',
    // Resolve no host name at all; 127.0.0.1 is an address and needs none.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    'about:blank',
  ];
  const child = spawn(chromiumPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(userDataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const text = await readFile(path.join(userDataDir, 'DevToolsActivePort'), 'utf8').catch(() => '');
    const port = Number(text.split('\n')[0]);
    if (port > 0) return { port, close };
    await new Promise((r) => setTimeout(r, 100));
  }
  await close();
  throw new Error(`Chromium did not open a DevTools port (${chromiumPath}):\n${stderr}`);
}

/** A short, readable form of one row of an audit's details table. */
function describeItem(item) {
  const out = {};
  const node = item.node ?? item.relatedNode ?? (item.type === 'node' ? item : undefined);
  if (node) {
    if (node.selector) out.selector = node.selector;
    if (node.snippet) out.snippet = node.snippet.slice(0, 300);
    if (node.nodeLabel) out.label = node.nodeLabel.slice(0, 120);
    if (node.explanation) out.explanation = node.explanation.replace(/\s+/g, ' ').trim();
  }
  for (const k of ['url', 'reason', 'failureType', 'description', 'issueType', 'label', 'directive', 'severity', 'totalBytes', 'wastedBytes', 'wastedMs', 'duration']) {
    const v = item[k];
    if (v !== undefined && v !== null && typeof v !== 'object') out[k] = typeof v === 'number' ? Math.round(v) : String(v).slice(0, 300);
  }
  if (item.source?.url) out.source = `${item.source.url}:${item.source.line ?? '?'}`;
  if (item.subItems?.items?.length) out.subItems = item.subItems.items.slice(0, 5).map(describeItem);
  return out;
}

/** Every audit that cost points in a category (weight > 0, score < 1), worst first. */
function deductions(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit.score !== null && audit.score < 1)
    .sort((a, b) => b.ref.weight * (1 - b.audit.score) - a.ref.weight * (1 - a.audit.score))
    .map(({ ref, audit }) => ({
      id: ref.id,
      title: audit.title,
      score: audit.score,
      weight: ref.weight,
      displayValue: audit.displayValue,
      count: audit.details?.items?.length ?? 0,
      items: (audit.details?.items ?? []).slice(0, 10).map(describeItem),
    }));
}

/**
 * Audits of a category that carry no weight but did not pass (Lighthouse shows them as
 * informative, e.g. a Content-Security-Policy note in best practices): id, title, value.
 */
function notes(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight === 0 && ref.group !== 'metrics')
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1 && !['manual', 'notApplicable', 'informative'].includes(a.scoreDisplayMode))
    .map((a) => ({
      id: a.id,
      title: a.title,
      score: a.score,
      displayValue: a.displayValue,
      count: a.details?.items?.length ?? 0,
      items: (a.details?.items ?? []).slice(0, 5).map(describeItem),
    }));
}

/** Performance opportunities and diagnostics with an estimated saving (they carry no weight). */
function opportunities(lhr) {
  return Object.values(lhr.audits)
    .filter((a) => a.details?.type === 'opportunity' && (a.details.overallSavingsMs > 0 || a.details.overallSavingsBytes > 0))
    .map((a) => ({
      id: a.id,
      title: a.title,
      savingsMs: Math.round(a.details.overallSavingsMs ?? 0),
      savingsBytes: Math.round(a.details.overallSavingsBytes ?? 0),
      items: a.details.items.slice(0, 5).map(describeItem),
    }));
}

/** The figures of one Lighthouse result. */
function summarise(lhr, tab, preset, url, ms) {
  const scores = {};
  for (const c of CATEGORIES) scores[c] = lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100);
  const metrics = {};
  for (const [id, key] of Object.entries(METRICS)) {
    const v = lhr.audits[id]?.numericValue;
    metrics[key] = v === undefined ? null : key === 'cls' ? Math.round(v * 1000) / 1000 : Math.round(v);
  }
  const requests = (lhr.audits['network-requests']?.details?.items ?? []).map((r) => r.url);
  return {
    tab,
    preset,
    url,
    // The URL after the app started: it writes the link of the tab it opened, so this shows
    // which tab was audited.
    finalUrl: lhr.finalDisplayedUrl,
    runtimeMs: Math.round(ms),
    runtimeError: lhr.runtimeError ?? null,
    runWarnings: lhr.runWarnings,
    scores,
    metrics,
    requests: requests.length,
    foreignRequests: requests.filter((u) => !isLocal(u)),
    failing: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c] ? deductions(lhr, c) : []])),
    notes: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c] ? notes(lhr, c) : []])),
    opportunities: opportunities(lhr),
  };
}

/** The summary table, one line per run. */
export function formatTable(runs) {
  const cols = [
    ['tab', 11, (r) => r.tab],
    ['preset', 8, (r) => r.preset],
    ['perf', 5, (r) => r.scores.performance],
    ['a11y', 5, (r) => r.scores.accessibility],
    ['bp', 4, (r) => r.scores['best-practices']],
    ['FCP ms', 7, (r) => r.metrics.fcpMs],
    ['LCP ms', 7, (r) => r.metrics.lcpMs],
    ['TBT ms', 7, (r) => r.metrics.tbtMs],
    ['CLS', 6, (r) => r.metrics.cls],
    ['bytes', 9, (r) => r.metrics.totalByteWeight],
    ['run s', 6, (r) => (r.runtimeMs / 1000).toFixed(1)],
  ];
  const line = (cells) => cells.map((c, i) => String(c ?? '–')[i < 2 ? 'padEnd' : 'padStart'](cols[i][1])).join(' ');
  return [line(cols.map((c) => c[0])), ...runs.map((r) => line(cols.map((c) => c[2](r))))].join('\n');
}

/**
 * Runs Lighthouse on `tabs` × `presets` against `dist`. Writes `out` (the JSON) and the HTML
 * reports next to it (unless `out` is null) and returns the JSON's object.
 */
export async function runLighthouse({
  dist = distDir,
  tabs = TABS,
  presets = PRESETS,
  gzip = true,
  out = path.join(artifactsDir, 'lighthouse.json'),
  log = (line) => console.log(line),
} = {}) {
  const started = Date.now();
  // As deployed: nginx with deploy/nginx.conf, sending the build's precompressed files.
  const origin = gzip ? await serveWithNginx(dist) : await serveDir(dist, { csp: true });
  let browser = null;
  try {
    const base = origin.url;
    const urls = await tabUrls(base);
    browser = await launchChromium();
    const reportsDir = out ? path.join(path.dirname(out), 'lighthouse') : null;
    if (reportsDir) await mkdir(reportsDir, { recursive: true });

    const runs = [];
    let version = null;
    let userAgent = null;
    for (const preset of presets) {
      for (const tab of tabs) {
        const t0 = performance.now();
        const flags = { port: browser.port, hostname: '127.0.0.1', output: 'html', logLevel: 'error', onlyCategories: CATEGORIES };
        const result = await lighthouse(urls[tab], flags, CONFIGS[preset]);
        if (!result) throw new Error(`Lighthouse returned nothing for ${tab} (${preset})`);
        const run = summarise(result.lhr, tab, preset, urls[tab], performance.now() - t0);
        version = result.lhr.lighthouseVersion;
        userAgent = result.lhr.environment?.hostUserAgent ?? userAgent;
        if (reportsDir) await writeFile(path.join(reportsDir, `${tab}-${preset}.html`), result.report);
        runs.push(run);
        log(`lighthouse: ${tab} (${preset}): ${CATEGORIES.map((c) => `${c} ${run.scores[c]}`).join(', ')} (${(run.runtimeMs / 1000).toFixed(1)} s)`);
      }
    }
    const results = {
      recordedAt: new Date().toISOString(),
      lighthouseVersion: version,
      chromium: userAgent,
      node: process.version,
      dist,
      compression: gzip ? 'nginx with deploy/nginx.conf: the precompressed brotli 11 files' : 'none',
      throttling: 'simulated (Lighthouse default); desktop = desktop preset, mobile = default Moto G Power emulation',
      runtimeMs: Date.now() - started,
      runs,
    };
    if (out) {
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, JSON.stringify(results, null, 2) + '\n');
    }
    return results;
  } finally {
    await browser?.close();
    await origin.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', multiple: true },
      tab: { type: 'string', multiple: true },
      'no-gzip': { type: 'boolean', default: false },
    },
  });
  const presets = values.preset ?? PRESETS;
  const tabs = values.tab ?? TABS;
  for (const p of presets) if (!PRESETS.includes(p)) throw new Error(`unknown preset ${p} (${PRESETS.join(', ')})`);
  for (const t of tabs) if (!TABS.includes(t)) throw new Error(`unknown tab ${t} (${TABS.join(', ')})`);
  const results = await runLighthouse({ presets, tabs, gzip: !values['no-gzip'] });
  console.log(`\n${formatTable(results.runs)}\n`);
  for (const r of results.runs) {
    for (const [category, audits] of Object.entries(r.failing)) {
      for (const a of audits) console.log(`${r.tab} (${r.preset}) ${category}: ${a.id} — ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
    }
    if (r.foreignRequests.length) console.log(`${r.tab} (${r.preset}): requests to other hosts: ${r.foreignRequests.join(', ')}`);
  }
  console.log(`written: ${path.join(artifactsDir, 'lighthouse.json')} (HTML reports in ${path.join(artifactsDir, 'lighthouse')}/)`);
  console.log(`lighthouse: ${results.runs.length} runs in ${(results.runtimeMs / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err.stack ?? String(err));
    process.exit(1);
  });
}
