// One wasm module per tool (issue 10): a link or the saved tab decides which module loads
// first, and only that one; other tools load when their tab is first chosen, with a loading
// state meanwhile; a tool loaded once keeps its state; every link ever written opens the tool
// it belongs to, even when the loader's peek cannot read it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import { freshPage, load, openCalculator, openDesigner, openPlanner, waitResult, waitLeaves, waitPlanRows } from './lib/app.mjs';

let s;
before(async () => {
  s = await startSession();
});
after(async () => {
  await s?.close();
});

/** Links written by earlier builds (copied from core/tests/share_kinds.rs), with their tool. */
const FROZEN = [
  ['v1.AT8AwP8BARAKFN5MnJkgA3dlYiDinJMAAABkYiwgcHJpbWFyeQAAAAAAAAAAAAAAAAAAAHNwYXJlABAAoAAAAAAAAAA', 'subnets'],
  ['v1.Y-TQUGDk3SH0Y6alEQMjAxrISUxiAAA', 'subnets'],
  ['v1.Y2DiNjTQA0FTfSMTAA', 'calculator'],
  ['v2.XYqxDQAQEAD_QyFmUOtsInYg1MQTranVopCIa-6KQxByaWcng5EC_PAbiOqok0meGpSa4_tt', 'subnets'],
  ['v2.AVMArP8CCHByb2QtdnBjCXVzLWVhc3QtMQEBEAoAAwAAAAMGcHVibGljBBgHcHJpdmF0ZQUUBGRhdGEGGAAAAAACEMCoDKwQAAIBCQdvbi1wcmVtAAIBAQ', 'planner'],
  ['v2.dcy7DYAgEADQO_AfCzQWLkHhLE6ASmHi54JI7TgWDuFo2ppg_ZLHEjLrIB316b5JrTYrG0SRAQcAHtHeTWMf1DGZ0SmrwyoYlFVR_SowcZ_5JYBjGq-LJKNnYIhH6z2LDP7S0pOyb_oA', 'planner'],
  ['10.0.0.0/16', 'calculator'],
  ['192.168.10.77/27', 'calculator'],
];

/** What each tool shows once it is up. */
const READY = { calculator: '#calc-input', subnets: '.summary', planner: '.plan-table' };

/**
 * The modules `page` fetched, by name (`calculator-<hash>_bg.wasm` → calculator): the tools and
 * the planner's export writers (`exports`, fetched after the planner's first result).
 */
function wasmFetches(page) {
  const tools = [];
  page.on('request', (r) => {
    const m = /\/(calculator|subnets|planner|exports)-[0-9a-f]{16}_bg\.wasm$/.exec(new URL(r.url()).pathname);
    if (m) tools.push(m[1]);
  });
  return tools;
}

async function selectedTab(page) {
  return page.locator('[role=tab][aria-selected=true]').getAttribute('id');
}

/** A fresh page (empty storage) whose saved tab is `tab`, opened at `route`. */
async function pageWithSavedTab(tab, route, opts) {
  const page = await s.open('', opts);
  // The page opened here may be a tool that loads a module after its first result (the
  // planner's export writers): let that finish, or its fetch is counted for `route`.
  await page.waitForLoadState('networkidle');
  await page.evaluate((tab) => {
    localStorage.clear();
    localStorage.setItem('cidrplan.v1.tab', tab);
  }, tab);
  const fetched = wasmFetches(page);
  await load(s, page, route);
  return { page, fetched };
}

test('every link ever written opens its own tool and downloads only that tool, whatever tab was saved', { timeout: 300_000 }, async () => {
  for (const [link, tool] of FROZEN) {
    // Saved on another tool, so the link, not the tab, must decide.
    const saved = tool === 'planner' ? 'calculator' : 'planner';
    const { page, fetched } = await pageWithSavedTab(saved, `#${link}`);
    await page.locator(READY[tool]).waitFor();
    assert.equal(await selectedTab(page), `tab-${tool}`, `${link} opens ${tool}`);
    await page.waitForTimeout(300);
    if (tool === 'planner') {
      // The planner's export writers follow its first result.
      await page.waitForFunction(() => document.querySelector('.exports pre'));
      assert.deepEqual(fetched, ['planner', 'exports'], `${link}: the planner, then its export writers`);
    } else {
      assert.deepEqual(fetched, [tool], `${link}: only ${tool}'s module is downloaded`);
    }
    await page.close();
  }
  s.assertClean();
});

test('without the loader\'s peek (no DecompressionStream) a link still reaches its tool through the module first loaded', { timeout: 120_000 }, async () => {
  const page = await s.open('');
  await page.addInitScript(() => {
    delete window.DecompressionStream;
  });
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('cidrplan.v1.tab', 'calculator');
  });
  const fetched = wasmFetches(page);
  const [design, plan] = [FROZEN[3][0], FROZEN[4][0]];
  await load(s, page, `#${design}`);
  await page.locator(READY.subnets).waitFor();
  assert.equal(await selectedTab(page), 'tab-subnets');
  assert.deepEqual(fetched, ['calculator', 'subnets'], 'the calculator read the link and handed it on');
  // A plan link pasted into the address bar of the open page goes to the planner.
  await page.evaluate((plan) => (location.hash = plan), plan);
  await page.locator(READY.planner).waitFor();
  assert.equal(await selectedTab(page), 'tab-planner');
  await page.close();
  s.assertClean();
});

test('empty storage, no link: the calculator alone; other tools load when their tab is chosen, with a loading state first', { timeout: 120_000 }, async () => {
  const page = await s.open('');
  await page.evaluate(() => localStorage.clear());
  const fetched = wasmFetches(page);
  await load(s, page, '');
  await waitResult(page, 'Network', '10.0.0.0/16');
  await page.waitForTimeout(300);
  assert.deepEqual(fetched, ['calculator']);
  // The frame after the click shows the planner's tab chosen and its loading state (or, on a
  // fast machine, the planner itself): never the calculator still, with nothing said.
  const sawLoading = await page.evaluate(async () => {
    document.querySelector('#tab-planner').click();
    await new Promise((r) => requestAnimationFrame(r));
    const loading = document.querySelector('.tool-loading');
    return {
      loadingOrShown: (!!loading && loading.getAttribute('aria-busy') === 'true' && /Loading/.test(loading.textContent)) || !!document.querySelector('.plan-table'),
      calculatorGone: !document.querySelector('#calc-input'),
      selected: document.querySelector('#tab-planner').getAttribute('aria-selected'),
    };
  });
  assert.deepEqual(sawLoading, { loadingOrShown: true, calculatorGone: true, selected: 'true' });
  await page.locator(READY.planner).waitFor();
  await page.waitForFunction(() => document.querySelector('.exports pre'));
  assert.deepEqual(fetched, ['calculator', 'planner', 'exports']);
  await openDesigner(page);
  await openCalculator(page);
  await openPlanner(page);
  assert.deepEqual(fetched, ['calculator', 'planner', 'exports', 'subnets'], 'each module is downloaded once');
  await page.close();
  s.assertClean();
});

test('a tool keeps its work and undo history across tool switches; reload and a fresh browser keep tab and link', { timeout: 120_000 }, async () => {
  const page = await freshPage(s, '');
  await openPlanner(page);
  const rows = await page.locator('.plan-table tbody tr').count();
  await page.getByRole('button', { name: /^Remove tier / }).last().click();
  await page.waitForFunction((n) => document.querySelectorAll('.plan-table tbody tr').length < n, rows);
  const fewer = await page.locator('.plan-table tbody tr').count();
  await openCalculator(page);
  await page.locator('#calc-input').fill('192.168.10.77/27');
  await waitResult(page, 'Network', '192.168.10.64/27');
  await openPlanner(page);
  assert.equal(await page.locator('.plan-table tbody tr').count(), fewer, 'the edit is still there');
  const undo = page.getByRole('button', { name: 'Undo' });
  assert.equal(await undo.isEnabled(), true, 'and its undo step');
  await undo.click();
  await waitPlanRows(page, rows);
  // The address bar holds the planner's link; a reload opens the planner again.
  const link = await page.evaluate(() => location.href);
  assert.match(link, /#v2\./);
  await page.reload();
  await page.locator(READY.planner).waitFor();
  assert.equal(await selectedTab(page), 'tab-planner');
  await openCalculator(page);
  await waitResult(page, 'Network', '192.168.10.64/27');
  // The planner's link in a browser with nothing saved.
  const other = await s.open('');
  await other.evaluate(() => localStorage.clear());
  await load(s, other, new URL(link).hash);
  await other.locator(READY.planner).waitFor();
  assert.equal(await other.locator('.plan-table tbody tr').count(), rows);
  await other.close();
  await page.close();
  s.assertClean();
});

test('"Split this in the designer" hands the network and mode over to the designer module', { timeout: 120_000 }, async () => {
  const page = await freshPage(s, '#10.20.0.0/22');
  await page.locator('.mode-select').selectOption('aws');
  await page.getByRole('button', { name: 'Split this in the designer' }).click();
  await page.locator(READY.subnets).waitFor();
  assert.equal(await page.locator('#base-input').inputValue(), '10.20.0.0/22');
  assert.equal(await page.locator('.base-controls .mode-select, .mode-select').first().inputValue(), 'aws');
  await waitLeaves(page, 1);
  await page.close();
  s.assertClean();
});
