// Performance figures for the release build in headless Chromium. Timings are recorded, not
// asserted (machines differ): each is printed as `PERF <name>: <n> ms` and written to
// tests/artifacts/perf.json. Only deterministic facts are asserted (leaf counts, the DOM
// staying windowed while 16,384 leaves exist, the last row being reachable).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import { freshPage, openDesigner, recordPerf, summaryLeaves, waitLeaves, waitResult } from './lib/app.mjs';

let s;
let userAgent = null;
const figures = {};
const round = (x) => Math.round(x * 10) / 10;

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
  const sizes = await page.evaluate(() => ({ link: location.hash.length, stored: localStorage.getItem('cidrplan.v1.design.json')?.length ?? 0 }));
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
