// App-level helpers for the cidrplan browser tests (calculator, designer, share, perf).
// Built on top of harness.mjs (owned separately): these only know how the app's pages look.

import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { artifactsDir, testsDir } from './harness.mjs';

/** Waits until the app has mounted in `page` (its <h1> is visible). */
export async function waitMounted(page) {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * A full page load of `route` (relative to the app root), even when only the fragment
 * differs from the current URL (which would otherwise be a same-document navigation).
 */
export async function load(s, page, route = '') {
  await page.goto('about:blank');
  await page.goto(new URL(route, s.url).href, { waitUntil: 'load' });
  await waitMounted(page);
  return page;
}

/**
 * A page of the app at `route` with empty storage (no autosaved calculator input, design,
 * tab or theme). Close it at the end of the test.
 */
export async function freshPage(s, route = '', opts = {}) {
  const page = await s.open('', opts);
  await page.evaluate(() => localStorage.clear());
  return load(s, page, route);
}

/** Switches to the Subnets tab and waits for the designer. */
export async function openDesigner(page) {
  await page.locator('#tab-subnets').click();
  await page.locator('#base-input').waitFor();
  await page.locator('.summary').waitFor();
}

/** Switches to the Calculator tab and waits for its input. */
export async function openCalculator(page) {
  await page.locator('#tab-calculator').click();
  await page.locator('#calc-input').waitFor();
}

/** The value shown for the result row labelled `label` (a <dt>), or null if there is none. */
export async function resultValue(page, label) {
  return page.evaluate((label) => {
    const dt = [...document.querySelectorAll('.result-grid dt')].find((d) => d.textContent.trim() === label);
    return dt ? dt.nextElementSibling.querySelector('.value').textContent.trim() : null;
  }, label);
}

/** Waits until result row `label` shows `value` (polling inside the page). */
export async function waitResult(page, label, value, timeout = 10_000) {
  try {
    await page.waitForFunction(
      ([label, value]) => {
        const dt = [...document.querySelectorAll('.result-grid dt')].find((d) => d.textContent.trim() === label);
        return dt?.nextElementSibling?.querySelector('.value')?.textContent.trim() === value;
      },
      [label, value],
      { timeout },
    );
  } catch (err) {
    const actual = await resultValue(page, label);
    assert.fail(`result "${label}": expected ${JSON.stringify(value)}, got ${JSON.stringify(actual)} (${err.message.split('\n')[0]})`);
  }
}

/** The designer summary line as text. */
export async function summaryText(page) {
  return (await page.locator('.summary p').innerText()).replace(/\s+/g, ' ').trim();
}

/** The number of leaves the designer summary reports. */
export async function summaryLeaves(page) {
  const t = await page.locator('.summary p strong').first().textContent();
  return Number(t.replace(/[^0-9]/g, ''));
}

/** Waits until the designer summary reports `n` leaves. */
export async function waitLeaves(page, n, timeout = 20_000) {
  try {
    await page.waitForFunction(
      (n) => {
        const t = document.querySelector('.summary p strong')?.textContent ?? '';
        return Number(t.replace(/[^0-9]/g, '')) === n;
      },
      n,
      { timeout },
    );
  } catch (err) {
    assert.fail(`expected ${n} subnets in the summary, got: ${await summaryText(page).catch(() => '?')} (${err.message.split('\n')[0]})`);
  }
}

/** The leaf rows currently in the DOM: [{ index, cidr, note, color }]. */
export async function domLeaves(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.table-scroll tr.leaf')].map((tr) => ({
      index: Number(tr.dataset.row),
      cidr: tr.querySelector('th').firstChild.textContent.trim(),
      note: tr.querySelector('.note-input')?.value ?? '',
      color: tr.querySelector('.color-select')?.value ?? '',
    })),
  );
}

/** Clicks the split button of leaf `cidr` and waits for the leaf count to grow by one. */
export async function split(page, cidr) {
  const before = await summaryLeaves(page);
  await page.getByRole('button', { name: `Split ${cidr}`, exact: true }).click();
  await waitLeaves(page, before + 1);
}

/** Clicks the join bar of node `cidr` and waits for the summary to change. */
export async function join(page, cidr) {
  const before = await summaryText(page);
  await page.getByRole('button', { name: `Join ${cidr}`, exact: true }).click();
  await page.waitForFunction((b) => document.querySelector('.summary p')?.innerText.replace(/\s+/g, ' ').trim() !== b, before);
}

/** Types `text` as the note of leaf `cidr` and commits it (change event). */
export async function setNote(page, cidr, text) {
  const input = page.getByRole('textbox', { name: `Note for ${cidr}`, exact: true });
  await input.fill(text);
  await input.press('Tab');
  await page.waitForFunction(
    ([cidr, text]) => document.querySelector(`input[aria-label="Note for ${cidr}"]`)?.value === text,
    [cidr, text],
  );
}

/** Picks colour `label` ("Blue") for leaf `cidr`. */
export async function setColour(page, cidr, label) {
  await page.getByRole('combobox', { name: `Colour of ${cidr}`, exact: true }).selectOption({ label });
}

/** The value of the note input of leaf `cidr` (which must be in the DOM). */
export async function noteOf(page, cidr) {
  return page.getByRole('textbox', { name: `Note for ${cidr}`, exact: true }).inputValue();
}

/** Fills the "Every leaf to /" box and clicks "Split all". */
export async function splitAllTo(page, prefix) {
  await page.getByRole('textbox', { name: 'Every leaf to /' }).fill(String(prefix));
  await page.getByRole('button', { name: 'Split all', exact: true }).click();
}

/** Sets the designer's base network input and commits it (change event). */
export async function setBase(page, text) {
  const input = page.locator('#base-input');
  await input.fill(text);
  await input.press('Tab');
}

/** Moves focus out of every field, so keyboard shortcuts reach the app. */
export async function blurAll(page) {
  await page.evaluate(() => {
    document.activeElement?.blur?.();
    document.body.focus();
  });
}

/** Two animation frames: layout and paint have happened. */
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The current fragment (without '#'). */
export async function fragment(page) {
  return page.evaluate(() => location.hash.replace(/^#/, ''));
}

/** Writes `figures` to tests/artifacts/perf.json (replacing an earlier run's). */
export async function recordPerf(figures) {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, 'perf.json');
  await writeFile(file, JSON.stringify({ recordedAt: new Date().toISOString(), ...figures }, null, 2) + '\n');
  return file;
}

// ---------------------------------------------------------------------------------------------
// VPC planner, downloads and axe-core (planner / a11y / exports tests).

/** Switches to the VPC planner tab and waits for its table. */
export async function openPlanner(page) {
  await page.locator('#tab-planner').click();
  await page.locator('.plan-form').waitFor();
  await page.locator('.plan-table').waitFor();
}

/**
 * The text input of the planner field whose visible label is exactly `label` ("Primary",
 * "Tier 2 size", "Zone 1"). Found by the label's own text, not the accessible name, which
 * also holds the field's error message while there is one.
 */
export function planField(page, label) {
  return page
    .locator('.plan-form label.field')
    .filter({ has: page.locator('span.field-label').getByText(label, { exact: true }) })
    .locator('input');
}

/** Replaces the text of planner field `label` in one input event (like a paste). */
export async function setPlanField(page, label, text) {
  await planField(page, label).fill(text);
}

/** Picks preset `id` ("aws-3az") in "Start from a preset". */
export async function choosePreset(page, id) {
  await page.locator('.plan-form select').first().selectOption(id);
}

/** The rows of the plan table: [{ name, zone, tier, cidr, range, usable, reserved }]. */
export async function planRows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.plan-table tbody tr')].map((tr) => {
      const cells = [...tr.children].map((c) => c.textContent.replace(/\s+/g, ' ').trim());
      return {
        name: tr.querySelector('th').firstChild.textContent.trim(),
        zone: cells[1],
        tier: cells[2],
        cidr: cells[3],
        range: cells[4],
        usable: cells[5],
        reserved: cells[6],
      };
    }),
  );
}

/** Waits until the plan table has `n` rows. */
export async function waitPlanRows(page, n, timeout = 10_000) {
  try {
    await page.waitForFunction((n) => document.querySelectorAll('.plan-table tbody tr').length === n, n, { timeout });
  } catch (err) {
    const got = await page.locator('.plan-table tbody tr').count();
    assert.fail(`expected ${n} plan table rows, got ${got} (${err.message.split('\n')[0]})`);
  }
}

/** The diagram's subnet boxes (focusable `g.box`; free-space boxes are not focusable). */
export function subnetBoxes(page) {
  return page.locator('svg.diagram g.box[tabindex="0"]');
}

/** The aria-labels of the diagram's subnet boxes ("public-a · 10.0.16.0/24 · … · 251 usable"). */
export async function boxLabels(page) {
  return subnetBoxes(page).evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
}

/** What is highlighted: the names of `tr.hl` rows, `g.box.hl` boxes and `rect.segment.hl` segments. */
export async function highlighted(page) {
  return page.evaluate(() => {
    const first = (t) => (t ?? '').split(' · ')[0].trim();
    return {
      rows: [...document.querySelectorAll('.plan-table tr.hl')].map((tr) => tr.querySelector('th').firstChild.textContent.trim()),
      boxes: [...document.querySelectorAll('svg.diagram g.box.hl')].map((g) => first(g.getAttribute('aria-label'))),
      segments: [...document.querySelectorAll('svg.diagram rect.segment.hl')].map((r) => first(r.querySelector('title')?.textContent)),
    };
  });
}

/**
 * Runs `action` (which should make the page download a file) and returns the download:
 * { name, buffer, text }. Fails when no download starts within `timeout`.
 */
export async function downloadOf(page, action, timeout = 10_000) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout }), action()]);
  const failure = await dl.failure();
  assert.equal(failure, null, `download ${dl.suggestedFilename()} failed: ${failure}`);
  const stream = await dl.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  const buffer = Buffer.concat(chunks);
  return { name: dl.suggestedFilename(), buffer, text: buffer.toString('utf8') };
}

let axeSource;

/**
 * Loads axe-core into `page`. The deploy CSP (script-src 'self' + hashes) refuses the inline
 * <script> that page.addScriptTag() adds, even with {path}; evaluating the source through the
 * DevTools protocol is not subject to the page's CSP, so the app is audited as deployed.
 */
export async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  axeSource ??= await readFile(path.join(testsDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  assert.equal(await page.evaluate(() => typeof window.axe?.run), 'function', 'axe-core loaded');
}

/** Runs axe-core on the whole document: [{ id, impact, help, nodes: [{ target, summary }] }]. */
export async function axeViolations(page) {
  await injectAxe(page);
  return page.evaluate(async () => {
    // `target-size` (WCAG 2.2 AA 2.5.8, 24 px targets) is off in axe by default; Lighthouse
    // runs it, and it matters most at the phone width the a11y tests also cover.
    const r = await window.axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
    }));
  });
}

/** Violations as readable lines (one per node). */
export function formatViolations(violations) {
  return violations
    .flatMap((v) => v.nodes.map((n) => `[${v.impact}] ${v.id} (${v.help}) at ${n.target}: ${n.summary}`))
    .join('\n');
}
