// Accessibility audit with axe-core in real Chromium: every tab with content on screen
// (Calculator with a result, Subnets with splits, a note and a colour, the VPC planner with the
// AWS 3-AZ preset), plus error states, in the light and the dark theme. A test fails on any
// violation of impact "serious" or "critical"; every violation found is printed with its
// targets so it can be fixed.
//
// axe-core is injected with page.evaluate(source) (see injectAxe in lib/app.mjs): the deploy CSP
// that the harness serves refuses page.addScriptTag() (an inline <script>, even with {path}),
// while evaluation through the DevTools protocol is not subject to the CSP, so the app is
// audited exactly as deployed, CSP on.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import {
  axeViolations,
  choosePreset,
  formatViolations,
  freshPage,
  load,
  openCalculator,
  openDesigner,
  openPlanner,
  setColour,
  setNote,
  setPlanField,
  settle,
  split,
  waitPlanRows,
  waitResult,
} from './lib/app.mjs';

let s;
let page;
before(async () => {
  s = await startSession();
});
afterEach(async () => {
  await page?.close();
  page = undefined;
});
after(async () => {
  await s?.close();
});

const T = { timeout: 90_000 };
const BLOCKING = new Set(['serious', 'critical']);

/** Switches the theme with the header's toggle button (the user's way) and checks it took. */
async function setTheme(dark) {
  const toggle = page.locator('button.theme-toggle');
  const wanted = dark ? 'Switch to light theme' : 'Switch to dark theme';
  if ((await toggle.getAttribute('aria-label')) !== wanted) await toggle.click();
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, dark ? 'dark' : 'light');
  assert.equal(await toggle.getAttribute('aria-label'), wanted);
  assert.equal(await toggle.getAttribute('aria-pressed'), String(dark));
  // Colour transitions must have finished before contrast is measured.
  await page.waitForTimeout(350);
  await settle(page);
}

/**
 * Audits the page in both themes as `what`; prints every violation and fails on serious or
 * critical ones. `prepare` (optional) runs after each theme switch.
 */
async function audit(what, prepare) {
  const blocking = [];
  for (const dark of [false, true]) {
    await setTheme(dark);
    if (prepare) await prepare();
    const violations = await axeViolations(page);
    const label = `${what}, ${dark ? 'dark' : 'light'} theme`;
    if (violations.length > 0) console.log(`axe: ${label}:\n${formatViolations(violations)}`);
    const bad = violations.filter((v) => BLOCKING.has(v.impact));
    if (bad.length > 0) blocking.push(`${label}:\n${formatViolations(bad)}`);
  }
  assert.equal(blocking.length, 0, `serious/critical axe violations:\n${blocking.join('\n')}`);
}

test('Calculator with a result: no serious or critical axe violations (light and dark)', T, async () => {
  page = await freshPage(s);
  await openCalculator(page);
  await page.locator('#calc-input').fill('10.20.0.0/14');
  await waitResult(page, 'Usable hosts', '262,142');
  await audit('Calculator 10.20.0.0/14');
  // IPv6 too (a different report).
  await page.locator('#calc-input').fill('2001:db8:abcd::/48');
  await page.locator('.result-grid').waitFor();
  await audit('Calculator 2001:db8:abcd::/48');
  s.assertClean();
});

test('Subnets with splits, a note and a colour: no serious or critical axe violations', T, async () => {
  page = await freshPage(s);
  await openDesigner(page);
  await split(page, '10.0.0.0/16');
  await split(page, '10.0.128.0/17');
  await split(page, '10.0.0.0/17');
  await setNote(page, '10.0.128.0/18', 'databases');
  await setColour(page, '10.0.128.0/18', 'Blue');
  await setNote(page, '10.0.0.0/18', 'web tier');
  await setColour(page, '10.0.0.0/18', 'Green');
  await audit('Subnets (4 leaves, notes, colours)');
  s.assertClean();
});

test('VPC planner with the AWS 3-AZ preset: no serious or critical axe violations', T, async () => {
  page = await freshPage(s);
  await openPlanner(page);
  await choosePreset(page, 'aws-3az');
  await waitPlanRows(page, 9);
  await audit('VPC planner (AWS 3 AZ)');
  // A dual-stack preset adds the IPv6 field and column.
  await choosePreset(page, 'aws-2az-minimal');
  await page.waitForFunction(() => document.querySelectorAll('.plan-table thead th').length === 9);
  await audit('VPC planner (AWS 2 AZ dual-stack)');
  s.assertClean();
});

test('error states (invalid input, plan that does not fit, refused link): no serious or critical axe violations', T, async () => {
  page = await freshPage(s);
  // Calculator error.
  await openCalculator(page);
  await page.locator('#calc-input').fill('10.0.0.256/16');
  await page.locator('#calc-error').waitFor({ state: 'visible' });
  await audit('Calculator error');

  // Planner: a half-typed field and a plan that does not fit, both on screen.
  await openPlanner(page);
  await setPlanField(page, 'Tier 2 size', '/17');
  await page.locator('.plan-error').waitFor();
  await setPlanField(page, 'Zone 1', '');
  await page.waitForFunction(() => document.querySelector('.plan-form input[aria-invalid="true"]'));
  await audit('VPC planner with .plan-error and an invalid field');

  // A refused link: the error banner over the planner.
  await load(s, page, '#v1.thisisnotavalidlink*');
  await page.locator('.banner-error[role=alert]').waitFor();
  await audit('"This link could not be opened" banner');
  s.assertClean();
});

test('phone width (375 px): no serious or critical axe violations on any tab', T, async () => {
  page = await freshPage(s, '', { width: 375, height: 812 });
  await openCalculator(page);
  await waitResult(page, 'Broadcast', '10.0.255.255');
  await audit('Calculator at 375 px');
  await openDesigner(page);
  await split(page, '10.0.0.0/16');
  await audit('Subnets at 375 px');
  await openPlanner(page);
  await audit('VPC planner at 375 px');
  s.assertClean();
});
