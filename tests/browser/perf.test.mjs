// Performance figures for the release build in headless Chromium. Timings are recorded, not
// asserted (machines differ): each is printed as `PERF <name>: <n> ms` and written to
// tests/artifacts/perf.json. Only deterministic facts are asserted (leaf counts, the DOM
// staying windowed while 16,384 leaves exist, the last row being reachable, the calculator's
// first result after a cold load, the planner diagram's zone lanes and boxes).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CONTEXT_OPTIONS, chromiumPath, distDir, isLocal, startSession } from './lib/harness.mjs';
import {
  freshPage,
  openDesigner,
  openPlanner,
  planRows,
  recordPerf,
  resultValue,
  summaryLeaves,
  waitLeaves,
  waitPlanRows,
  waitResult,
} from './lib/app.mjs';

let s;
let userAgent = null;
const figures = {};
const round = (x) => Math.round(x * 10) / 10;

/** Median (the mean of the middle two for an even count), min and max of `xs`. */
function stats(xs) {
  const v = [...xs].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v.at(-1) };
}

function report(name, value, unit = 'ms') {
  figures[name] = typeof value === 'number' ? round(value) : value;
  console.log(`PERF ${name}: ${typeof value === 'number' ? round(value) : JSON.stringify(value)}${typeof value === 'number' ? ` ${unit}` : ''}`);
}

before(async () => {
  s = await startSession();
});
after(async () => {
  if (Object.keys(figures).length) {
    figures.environment = {
      userAgent,
      viewport: '1280x800',
      node: process.version,
    };
    const file = await recordPerf(figures);
    console.log(`PERF figures written to ${file}`);
  }
  await s?.close();
});

/**
 * Clicks the button whose text is `name` inside the page and measures until the designer
 * summary shows `n` leaves: `dom` (the summary changed) and `frame` (the next frame after it).
 */
async function timeButton(page, name, n) {
  const t = await page.evaluate(
    async ({ name, n }) => {
      const btn = [...document.querySelectorAll('button')].find((b) => b.textContent.trim().endsWith(name));
      if (!btn) throw new Error(`no button ${name}`);
      const leaves = () => Number((document.querySelector('.summary p strong')?.textContent ?? '').replace(/\D/g, ''));
      const t0 = performance.now();
      btn.click();
      const handler = performance.now() - t0;
      await new Promise((resolve, reject) => {
        if (leaves() === n) return resolve();
        const timer = setTimeout(() => reject(new Error(`summary never showed ${n} (shows ${leaves()})`)), 60_000);
        const mo = new MutationObserver(() => {
          if (leaves() === n) {
            mo.disconnect();
            clearTimeout(timer);
            resolve();
          }
        });
        mo.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
      });
      const dom = performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { handler, dom, frame: performance.now() - t0 };
    },
    { name, n },
  );
  await waitLeaves(page, n);
  return t;
}

async function setSplitTarget(page, prefix) {
  await page.getByRole('textbox', { name: 'Every leaf to /' }).fill(String(prefix));
}

const rowsInDom = (page) => page.locator('.table-scroll tr.leaf').count();

test('designer: split to 1,024 and 16,384 leaves, undo/redo, join', { timeout: 120_000 }, async () => {
  const page = await freshPage(s);
  userAgent = await page.evaluate(() => navigator.userAgent);
  await openDesigner(page);

  await setSplitTarget(page, 26);
  const t1k = await timeButton(page, 'Split all', 1024);
  report('split-to-1024', t1k.frame);
  report('split-to-1024 (summary updated)', t1k.dom);
  assert.equal(await summaryLeaves(page), 1024);
  assert.ok((await rowsInDom(page)) < 100);

  const tJoin1k = await timeButton(page, 'Join all', 1);
  report('join-all-from-1024', tJoin1k.frame);

  await setSplitTarget(page, 30);
  const t16k = await timeButton(page, 'Split all', 16384);
  report('split-to-16384', t16k.frame);
  report('split-to-16384 (summary updated)', t16k.dom);
  report('split-to-16384 (click handler)', t16k.handler);
  const domRows = await rowsInDom(page);
  assert.ok(domRows > 0 && domRows < 200, `windowed: ${domRows} <tr class=leaf> for 16,384 leaves`);
  report('dom-rows-at-16384', domRows, 'rows');
  const first = await page.locator('.table-scroll tr.leaf th').first().innerText();
  assert.match(first, /^10\.0\.0\.0\/30/);

  const tUndo = await timeButton(page, 'Undo', 1);
  report('undo-16384-to-1', tUndo.frame);
  const tRedo = await timeButton(page, 'Redo', 16384);
  report('redo-1-to-16384', tRedo.frame);

  // The autosave and the link of a 16,384-leaf design (no notes) stay small.
  const sizes = await page.evaluate(() => ({ link: location.hash.length, stored: localStorage.getItem('cidrplan.v2.design')?.length ?? 0 }));
  report('link-chars-at-16384', sizes.link, 'chars');
  assert.ok(sizes.link > 3 && sizes.stored > 3);

  const tJoin16k = await timeButton(page, 'Join all', 1);
  report('join-all-from-16384', tJoin16k.frame);
  await page.close();
  s.assertClean();
});

test('designer: scrolling through 16,384 rows', { timeout: 120_000 }, async () => {
  const page = await freshPage(s);
  await openDesigner(page);
  await setSplitTarget(page, 30);
  await timeButton(page, 'Split all', 16384);

  const r = await page.evaluate(async () => {
    const el = document.querySelector('.table-scroll');
    const step = Math.round(el.clientHeight * 8);
    const rowsNow = () => document.querySelectorAll('.table-scroll tr.leaf');
    let frames = 0;
    let long = 0;
    let worst = 0;
    let maxRows = 0;
    let blank = 0;
    // Where the time goes, where Chrome reports long animation frames (LoAF): script time in
    // the app's scroll handler vs the whole frame.
    const loaf = [];
    let po = null;
    if (PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) {
      po = new PerformanceObserver((l) => loaf.push(...l.getEntries()));
      po.observe({ type: 'long-animation-frame' });
    }
    const t0 = performance.now();
    let last = t0;
    await new Promise((resolve) => {
      function tick(now) {
        const dt = now - last;
        last = now;
        if (frames > 0) {
          if (dt > 50) long++;
          worst = Math.max(worst, dt);
        }
        frames++;
        const rows = rowsNow();
        maxRows = Math.max(maxRows, rows.length);
        // A frame where no row is inside the scroller's box would show a blank band.
        const box = el.getBoundingClientRect();
        const seen = [...rows].some((tr) => {
          const b = tr.getBoundingClientRect();
          return b.bottom > box.top + 40 && b.top < box.bottom;
        });
        if (!seen) blank++;
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return resolve();
        el.scrollTop += step;
        requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    });
    const total = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
    po?.disconnect();
    const scrollScript = loaf.reduce(
      (a, e) => a + e.scripts.filter((x) => /scroll/i.test(x.invoker)).reduce((b, x) => b + x.duration, 0),
      0,
    );
    const loafTotal = loaf.reduce((a, e) => a + e.duration, 0);
    // One more frame so the last scroll position is rendered.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const lastRow = [...rowsNow()].at(-1)?.querySelector('th')?.textContent.trim();
    return { frames, long, worst, maxRows, blank, total, step, lastRow, scrollHeight: el.scrollHeight, loaf: po ? { count: loaf.length, total: loafTotal, scrollScript } : null };
  });
  report('scroll-16384 total', r.total);
  report('scroll-16384 frames', r.frames, 'frames');
  report('scroll-16384 frames>50ms', r.long, 'frames');
  report('scroll-16384 worst-frame', r.worst);
  report('scroll-16384 blank-frames', r.blank, 'frames');
  report('scroll-16384 max-dom-rows', r.maxRows, 'rows');
  report('scroll-16384 step', r.step, 'px');
  if (r.loaf) {
    report('scroll-16384 long-animation-frames', r.loaf.count, 'frames');
    report('scroll-16384 long-frames total', r.loaf.total);
    report('scroll-16384 scroll-handler script total', r.loaf.scrollScript);
    report('scroll-16384 scroll-handler script per frame', r.loaf.scrollScript / Math.max(1, r.frames));
  }
  assert.ok(r.maxRows < 200, `the DOM stayed windowed while scrolling: at most ${r.maxRows} rows`);
  assert.ok(r.scrollHeight >= 16384 * 34, `the scroll height covers every row (${r.scrollHeight}px)`);
  assert.match(r.lastRow ?? '', /^10\.0\.255\.252\/30/, 'the last subnet is reached');

  // One jump from the bottom back to the top.
  const jump = await page.evaluate(async () => {
    const el = document.querySelector('.table-scroll');
    const t0 = performance.now();
    el.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { ms: performance.now() - t0, first: document.querySelector('.table-scroll tr.leaf th')?.textContent.trim() };
  });
  report('scroll-16384 jump-to-top', jump.ms);
  assert.match(jump.first ?? '', /^10\.0\.0\.0\/30/);
  await page.close();
  s.assertClean();
});

test('calculator: keystroke → result', { timeout: 60_000 }, async () => {
  const page = await freshPage(s);
  const input = page.locator('#calc-input');
  await input.fill('10.20.30.40/2');
  await waitResult(page, 'Netmask', '192.0.0.0');
  await input.focus();
  await input.press('End');

  // Time from the keydown (its event timestamp) to the report showing the new prefix, and to
  // the next frame, for real key presses sent by Playwright.
  await page.evaluate(() => {
    window.__perfKeys = [];
    document.querySelector('#calc-input').addEventListener('keydown', (ev) => {
      window.__perfKeys.push({ key: ev.key, at: ev.timeStamp });
    }, { capture: true });
  });
  const measure = (expectPrefix) =>
    page.evaluate(
      (expect) =>
        new Promise((resolve, reject) => {
          const ok = () => {
            const dt = [...document.querySelectorAll('.result-grid dt')].find((d) => d.textContent.trim() === 'Netmask');
            return dt?.nextElementSibling?.textContent.includes(`/${expect} `) ?? false;
          };
          const done = () => {
            const keyAt = window.__perfKeys.at(-1)?.at ?? NaN;
            const dom = performance.now() - keyAt;
            requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: performance.now() - keyAt }), 0));
          };
          if (ok()) return done();
          const timer = setTimeout(() => reject(new Error(`never showed /${expect}`)), 10_000);
          const mo = new MutationObserver(() => {
            if (ok()) {
              mo.disconnect();
              clearTimeout(timer);
              done();
            }
          });
          mo.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
        }),
      expectPrefix,
    );

  const samples = [];
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('4');
    samples.push(await measure(24));
    await page.keyboard.press('Backspace');
    samples.push(await measure(2));
  }
  assert.equal(await input.inputValue(), '10.20.30.40/2');
  const frames = samples.map((x) => x.frame).sort((a, b) => a - b);
  const doms = samples.map((x) => x.dom).sort((a, b) => a - b);
  report('keystroke-to-result median', frames[Math.floor(frames.length / 2)]);
  report('keystroke-to-result max', frames.at(-1));
  report('keystroke-to-dom median', doms[Math.floor(doms.length / 2)]);

  // ArrowUp (prefix change) the same way.
  const arrows = [];
  for (let p = 3; p <= 12; p++) {
    await page.keyboard.press('ArrowUp');
    arrows.push((await measure(p)).frame);
  }
  assert.equal(await input.inputValue(), '10.20.30.40/12');
  arrows.sort((a, b) => a - b);
  report('arrowup-to-result median', arrows[Math.floor(arrows.length / 2)]);
  await page.close();
  s.assertClean();
});

// ---------------------------------------------------------------------------------------------
// Cold loads: navigation → the calculator's first result.


/**
 * An init script (it runs in every document before the page's own scripts): records on the
 * document's clock, where 0 is the navigation's start, when `tool`'s first result is in the DOM
 * (the calculator's Network row with its value, the designer's leaf count, the planner's first
 * diagram box), when the frame after it has run, and when static/boot.js started the first
 * tool (cidrplan-started: its wasm module instantiated and its start() returned).
 */
function markFirstResult(tool) {
  const marks = (window.__coldLoad = {});
  addEventListener('cidrplan-started', () => (marks.started = performance.now()), { once: true });
  const shown = {
    calculator: () => {
      const dt = [...document.querySelectorAll('.result-grid dt')].find((d) => d.textContent.trim() === 'Network');
      return (dt?.nextElementSibling?.querySelector('.value')?.textContent.trim() ?? '') !== '';
    },
    subnets: () => (document.querySelector('.summary p strong')?.textContent.trim() ?? '') !== '',
    planner: () => document.querySelector('svg.diagram g.box') !== null,
  }[tool];
  // Observing `document` itself works before <html> exists.
  const mo = new MutationObserver(() => {
    if (!shown()) return;
    mo.disconnect();
    marks.result = performance.now();
    requestAnimationFrame(() => setTimeout(() => (marks.painted = performance.now()), 0));
  });
  mo.observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * One cold load of `url` (a link of `tool`) in a new browser context of `browser`: its own
 * empty HTTP cache (and with it the compiled-wasm cache) and empty storage, as on a first
 * visit. The page is checked like the harness checks its own (errors, failed or foreign
 * requests). Returns the marks and the navigation/resource timing on the document's clock.
 */
async function coldLoad(browser, url, tool) {
  const context = await browser.newContext(CONTEXT_OPTIONS);
  const problems = [];
  try {
    await context.route(
      (u) => !isLocal(u.href),
      (route) => {
        problems.push(`request to a foreign host: ${route.request().url()}`);
        return route.abort('blockedbyclient');
      },
    );
    await context.addInitScript(markFirstResult, tool);
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
    page.on('response', (res) => res.status() >= 400 && problems.push(`HTTP ${res.status()} for ${res.url()}`));
    await page.goto(url, { waitUntil: 'load' });
    // The paint entries arrive once the frame is presented, a little after it ran.
    await page.waitForFunction(
      () => window.__coldLoad?.painted !== undefined && performance.getEntriesByName('first-contentful-paint').length > 0,
      null,
      { timeout: 30_000 },
    );
    const m = await page.evaluate(async () => {
      const nav = performance.getEntriesByType('navigation')[0];
      // The planner's export writers load after its first result: not part of the first load.
      const later = (r) => /\/exports-[0-9a-f]{16}(_bg\.wasm|\.js)$/.test(new URL(r.name).pathname);
      const res = performance.getEntriesByType('resource').filter((r) => !later(r));
      const wasm = res.filter((r) => /\.wasm$/.test(new URL(r.name).pathname));
      return {
        ...window.__coldLoad,
        html: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
        // The largest-contentful-paint candidate so far (the page is left alone: it is final).
        lcp: await new Promise((resolve) => {
          new PerformanceObserver((list) => resolve(list.getEntries().at(-1)?.startTime ?? NaN)).observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => resolve(NaN), 1000);
        }),
        wasmFiles: wasm.map((r) => new URL(r.name).pathname.split('/').pop().replace(/-[0-9a-f]{16}_bg\.wasm$/, '')),
        wasmEnd: Math.max(...wasm.map((r) => r.responseEnd)),
        wasmTransfer: wasm.reduce((a, r) => a + r.transferSize, 0),
        transfer: nav.transferSize + res.reduce((a, r) => a + r.transferSize, 0),
      };
    });
    const tab = await page.locator('[role=tab][aria-selected=true]').getAttribute('id');
    return { ...m, tab, network: tool === 'calculator' ? await resultValue(page, 'Network') : null, problems };
  } finally {
    await context.close();
  }
}

/** A link for each tool, as a visitor arrives with one (written by earlier builds). */
const COLD_LINKS = {
  calculator: '',
  subnets: '#v2.XYqxDQAQEAD_QyFmUOtsInYg1MQTranVopCIa-6KQxByaWcng5EC_PAbiOqok0meGpSa4_tt',
  planner: '#v2.AVMArP8CCHByb2QtdnBjCXVzLWVhc3QtMQEBEAoAAwAAAAMGcHVibGljBBgHcHJpdmF0ZQUUBGRhdGEGGAAAAAACEMCoDKwQAAIBCQdvbi1wcmVtAAIBAQ',
};

test('cold load per tool: navigation → first result, 10 fresh contexts each', { timeout: 400_000 }, async () => {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    // One load first, not counted: the browser's own first page (renderer start-up, Chromium's
    // files in the OS cache) is not the app's cost, and a visitor's browser is already running.
    await coldLoad(browser, s.url, 'calculator');
    for (const [tool, link] of Object.entries(COLD_LINKS)) {
      const loads = [];
      for (let i = 0; i < 10; i++) loads.push(await coldLoad(browser, s.url + link, tool));
      for (const [i, l] of loads.entries()) {
        assert.deepEqual(l.problems, [], `${tool} load ${i + 1}: the page was clean`);
        assert.equal(l.tab, `tab-${tool}`, `${tool} load ${i + 1}: its tab is shown`);
        assert.deepEqual(l.wasmFiles, [tool], `${tool} load ${i + 1}: only its own module was fetched`);
        assert.ok(l.result > 0 && l.painted >= l.result, `${tool} load ${i + 1}: marks recorded (${l.result}, ${l.painted})`);
        // Empty storage and no fragment: the calculator's default input.
        if (tool === 'calculator') assert.equal(l.network, '10.0.0.0/16', `load ${i + 1}: the calculator shows 10.0.0.0/16`);
      }
      const of = (k) => stats(loads.map((l) => l[k]));
      const result = of('result');
      const key = tool === 'calculator' ? 'cold-load' : `cold-load ${tool}`;
      report(`${tool === 'calculator' ? 'cold-load-to-calculator-result' : `cold-load-to-${tool}-result`} median`, result.median);
      report(`${tool === 'calculator' ? 'cold-load-to-calculator-result' : `cold-load-to-${tool}-result`} min`, result.min);
      report(`${tool === 'calculator' ? 'cold-load-to-calculator-result' : `cold-load-to-${tool}-result`} max`, result.max);
      report(`${tool === 'calculator' ? 'cold-load-to-calculator-result' : `cold-load-to-${tool}-result`} (next frame) median`, of('painted').median);
      report(`${key} html-received median`, of('html').median);
      report(`${key} first-contentful-paint median`, of('fcp').median);
      report(`${key} largest-contentful-paint median`, of('lcp').median);
      report(`${key} wasm-received median`, of('wasmEnd').median);
      report(`${key} app-started (cidrplan-started) median`, of('started').median);
      report(`${key} domcontentloaded median`, of('domContentLoaded').median);
      // What nginx sent (brotli): the module, and everything the page fetched.
      report(`${key} wasm transfer`, loads[0].wasmTransfer, 'bytes');
      report(`${key} total transfer`, loads[0].transfer, 'bytes');
    }
    const wasmFile = (await readdir(distDir)).find((f) => /^calculator-[0-9a-f]{16}_bg\.wasm$/.test(f));
    report('wasm gzip -9', gzipSync(await readFile(path.join(distDir, wasmFile)), { level: 9 }).length, 'bytes');
  } finally {
    await browser.close();
  }
});

/**
 * Clicks the tab `tool` and measures, on the page's clock: the frame after the click (the
 * loading state or the tool must be on screen then) and the tool's view shown (`ready`).
 */
async function timeTabSwitch(page, tool, ready) {
  return page.evaluate(
    async ({ tool, ready }) => {
      const t0 = performance.now();
      document.getElementById(`tab-${tool}`).click();
      const frame = await new Promise((r) =>
        requestAnimationFrame(() =>
          r({ at: performance.now() - t0, loading: document.querySelector('.tool-loading') !== null, shown: document.querySelector(ready) !== null }),
        ),
      );
      await new Promise((resolve, reject) => {
        if (document.querySelector(ready)) return resolve();
        const timer = setTimeout(() => reject(new Error(`${tool} never showed ${ready}`)), 30_000);
        const mo = new MutationObserver(() => {
          if (!document.querySelector(ready)) return;
          mo.disconnect();
          clearTimeout(timer);
          resolve();
        });
        mo.observe(document.body, { subtree: true, childList: true });
      });
      return { frame, shown: performance.now() - t0 };
    },
    { tool, ready },
  );
}

test('tab switch: to a tool not loaded yet (loading state, then the tool) and back to one loaded', { timeout: 300_000 }, async () => {
  const READY = { calculator: '#calc-input', subnets: '.summary', planner: 'svg.diagram g.box' };
  const first = { subnets: [], planner: [] };
  const again = { subnets: [], planner: [] };
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    for (let i = 0; i < 6; i++) {
      // A fresh context each time (empty HTTP cache and storage): the module comes from nginx,
      // as on a first visit. The first round only warms the browser up and is not counted.
      const context = await browser.newContext(CONTEXT_OPTIONS);
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(s.url, { waitUntil: 'load' });
      await page.locator(READY.calculator).waitFor();
      for (const tool of ['subnets', 'planner']) {
        const t = await timeTabSwitch(page, tool, READY[tool]);
        assert.ok(t.frame.loading || t.frame.shown, `${tool}: the frame after the click shows the loading state or the tool`);
        if (i) first[tool].push(t.shown);
      }
      for (const tool of ['subnets', 'planner']) {
        await timeTabSwitch(page, 'calculator', READY.calculator);
        const t = await timeTabSwitch(page, tool, READY[tool]);
        if (i) again[tool].push(t.shown);
      }
      assert.deepEqual(errors, [], 'no page errors');
      await context.close();
    }
  } finally {
    await browser.close();
  }
  for (const tool of ['subnets', 'planner']) {
    report(`tab-switch-first ${tool} median`, stats(first[tool]).median);
    report(`tab-switch-first ${tool} max`, stats(first[tool]).max);
    report(`tab-switch-again ${tool} median`, stats(again[tool]).median);
  }
  s.assertClean();
});

// ---------------------------------------------------------------------------------------------
// Planner: 6 zones × 8 tiers, the zone count changed → the diagram.

/** Zone names of the AWS 3-AZ preset; "One more zone" continues the letters. */
const ZONE_NAMES = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `us-east-1${l}`);
const TIERS = 8;

/** What the diagram shows: its subnet boxes, its zone lanes (by their header) and the table. */
async function diagramState(page) {
  return page.evaluate(() => ({
    boxes: document.querySelectorAll('svg.diagram g.box[tabindex="0"]').length,
    lanes: [...document.querySelectorAll('svg.diagram > text')].map((t) => t.textContent.trim()).filter((t) => /^us-east-1[a-z]$/.test(t)),
    rows: document.querySelectorAll('.plan-table tbody tr').length,
    errors: document.querySelectorAll('.plan-error').length,
  }));
}

async function assertDiagram(page, zones) {
  assert.deepEqual(await diagramState(page), {
    boxes: zones * TIERS,
    lanes: ZONE_NAMES.slice(0, zones),
    rows: zones * TIERS,
    errors: 0,
  });
}

test('planner: 6 zones × 8 tiers, zone count 6 → 5 → 6 → diagram', { timeout: 120_000 }, async () => {
  const page = await freshPage(s);
  await openPlanner(page);
  // Empty storage opens the AWS 3-AZ preset: public /24, private /20, data /24 in each zone.
  await waitPlanRows(page, 9);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'One more zone', exact: true }).click();
  await waitPlanRows(page, 18);
  // Five more /24 tiers: each zone needs /20 + 7 × /24, a /19, and six /19s fit the /16.
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: '+ Tier', exact: true }).click();
  await waitPlanRows(page, 6 * TIERS);
  await assertDiagram(page, 6);
  const rows = await planRows(page);

  // The click's own timestamp (the input event) to the diagram showing the new zone count: the
  // DOM (`dom`) and the frame after it (`frame`). The observer is armed before the click.
  await page.evaluate(() => {
    window.__clicks = [];
    document.addEventListener('click', (ev) => window.__clicks.push(ev.timeStamp), { capture: true });
  });
  const arm = (zones) =>
    page.evaluate(({ zones, tiers }) => {
      const ok = () =>
        document.querySelectorAll('svg.diagram g.box[tabindex="0"]').length === zones * tiers &&
        [...document.querySelectorAll('svg.diagram > text')].filter((t) => /^us-east-1[a-z]$/.test(t.textContent.trim())).length === zones;
      window.__diagramWait = new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          mo.disconnect();
          reject(new Error(`the diagram never showed ${zones} zones`));
        }, 10_000);
        const mo = new MutationObserver(() => {
          if (!ok()) return;
          mo.disconnect();
          clearTimeout(timer);
          const dom = performance.now();
          requestAnimationFrame(() => setTimeout(() => resolve({ clickAt: window.__clicks.at(-1), dom, frame: performance.now() }), 0));
        });
        mo.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
      });
    }, { zones, tiers: TIERS });

  const samples = { 5: [], 6: [] };
  for (let i = 0; i < 10; i++) {
    for (const [button, zones] of [['One zone fewer', 5], ['One more zone', 6]]) {
      await arm(zones);
      await page.getByRole('button', { name: button, exact: true }).click();
      const t = await page.evaluate(() => window.__diagramWait);
      samples[zones].push({ dom: t.dom - t.clickAt, frame: t.frame - t.clickAt });
      await assertDiagram(page, zones);
    }
  }
  assert.deepEqual(await planRows(page), rows, 'back at 6 zones, the same plan');

  const all = [...samples[5], ...samples[6]];
  const frame = stats(all.map((x) => x.frame));
  report('planner-6x8 zone-change-to-diagram median', frame.median);
  report('planner-6x8 zone-change-to-diagram min', frame.min);
  report('planner-6x8 zone-change-to-diagram max', frame.max);
  report('planner-6x8 zone-change-to-diagram (dom) median', stats(all.map((x) => x.dom)).median);
  report('planner-6x8 6→5-zones-to-diagram median', stats(samples[5].map((x) => x.frame)).median);
  report('planner-6x8 5→6-zones-to-diagram median', stats(samples[6].map((x) => x.frame)).median);
  await page.close();
  s.assertClean();
});
