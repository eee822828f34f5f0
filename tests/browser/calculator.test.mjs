// Calculator tab in real Chromium: parsing, the report, errors with one-click fixes, cloud
// modes, IPv6, ranges, prefix changes by keyboard and bit view, and "Split this in the
// designer".

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import { freshPage, resultValue, waitResult } from './lib/app.mjs';

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

const T = { timeout: 60_000 };

async function calc(text) {
  const input = page.locator('#calc-input');
  await input.fill(text);
  return input;
}

test('10.0.0.0/16: broadcast, usable hosts, header and tabs', T, async () => {
  page = await freshPage(s);
  await calc('10.0.0.0/16');
  await waitResult(page, 'Broadcast', '10.0.255.255');
  await waitResult(page, 'Usable hosts', '65,534');
  assert.equal(await resultValue(page, 'Network'), '10.0.0.0/16');
  assert.equal(await resultValue(page, 'Total addresses'), '65,536');
  assert.equal(await page.locator('#calc-error').isVisible(), false, 'no error for a valid input');
  assert.equal(await page.locator('#calc-input').getAttribute('aria-invalid'), 'false');
  assert.equal(await page.locator('#tab-calculator').getAttribute('aria-selected'), 'true');
  s.assertClean();
});

test('10.0.0.256/16: an error naming 256, the rest of the page intact', T, async () => {
  page = await freshPage(s);
  await calc('10.0.0.256/16');
  const error = page.locator('#calc-error');
  await error.waitFor({ state: 'visible' });
  assert.equal(await error.getAttribute('role'), 'alert');
  assert.match(await error.innerText(), /256/);
  assert.equal(await page.locator('#calc-input').getAttribute('aria-invalid'), 'true');
  // No stale results for an input that does not parse.
  assert.equal(await page.locator('.result-grid').count(), 0);
  // The shell survives: heading, both tabs, Share, and the input keeps what was typed.
  await page.getByRole('heading', { level: 1, name: 'cidrplan' }).waitFor();
  assert.equal(await page.locator('#tab-calculator').isVisible(), true);
  assert.equal(await page.locator('#tab-subnets').isVisible(), true);
  assert.equal(await page.getByRole('button', { name: 'Share' }).isVisible(), true);
  assert.equal(await page.locator('#calc-input').inputValue(), '10.0.0.256/16');
  // And it recovers as soon as the input is fixed.
  await calc('10.0.0.255/16');
  await waitResult(page, 'Broadcast', '10.0.255.255');
  assert.equal(await error.isVisible(), false);
  s.assertClean();
});

test('010.0.0.1: "Use 10.0.0.1" fixes the input', T, async () => {
  page = await freshPage(s);
  await calc('010.0.0.1');
  const fix = page.getByRole('button', { name: 'Use 10.0.0.1', exact: true });
  await fix.waitFor();
  await fix.click();
  assert.equal(await page.locator('#calc-input').inputValue(), '10.0.0.1');
  await page.locator('#calc-error').waitFor({ state: 'hidden' });
  await waitResult(page, 'Network', '10.0.0.1/32');
  s.assertClean();
});

test('10.0.0.5/16: the address position', T, async () => {
  page = await freshPage(s);
  await calc('10.0.0.5/16');
  await waitResult(page, 'Network', '10.0.0.0/16');
  const understood = await page.locator('.results .understood').innerText();
  assert.match(understood, /address 6 of 65,536/);
  assert.match(understood, /usable host 5 of 65,534/);
  s.assertClean();
});

test('AWS mode on a /24: 251 usable, 5 reserved', T, async () => {
  page = await freshPage(s);
  await calc('10.0.1.0/24');
  await waitResult(page, 'Usable hosts', '254');
  await page.locator('.calc select.mode-select').selectOption({ label: 'AWS' });
  await waitResult(page, 'Usable hosts', '251');
  const usableRow = page.locator('.result-row', { has: page.locator('dt', { hasText: /^Usable hosts$/ }) });
  assert.match(await usableRow.innerText(), /5 reserved/);
  assert.match(await page.locator('details.reserved summary').innerText(), /AWS.*\(5\)/);
  assert.equal(await page.locator('details.reserved li').count(), 5);
  // AWS keeps .1 for the router and .255 for broadcast (among others).
  const reserved = await page.locator('details.reserved').innerText();
  assert.match(reserved, /10\.0\.1\.1\b/);
  assert.match(reserved, /10\.0\.1\.255\b/);
  s.assertClean();
});

test('IPv6 2001:db8::/48: /64 count, no Broadcast row', T, async () => {
  page = await freshPage(s);
  await calc('2001:db8::/48');
  await waitResult(page, '/64 networks', '65,536');
  assert.equal(await resultValue(page, 'Broadcast'), null, 'IPv6 has no broadcast row');
  assert.equal(await resultValue(page, '/48 networks'), '1');
  assert.equal(await resultValue(page, 'Network'), '2001:db8::/48');
  s.assertClean();
});

test('a range lists its CIDR blocks', T, async () => {
  page = await freshPage(s);
  await calc('10.0.0.10 - 10.0.0.20');
  const box = page.locator('.range-cidrs');
  await box.waitFor();
  assert.match(await box.locator('h3').innerText(), /\b4 CIDR blocks/);
  assert.deepEqual(await box.locator('li').allInnerTexts(), ['10.0.0.10/31', '10.0.0.12/30', '10.0.0.16/30', '10.0.0.20/32']);
  s.assertClean();
});

test('ArrowUp/ArrowDown change the prefix', T, async () => {
  page = await freshPage(s);
  const input = await calc('10.0.0.0/16');
  await waitResult(page, 'Network', '10.0.0.0/16');
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), '10.0.0.0/17');
  await waitResult(page, 'Network', '10.0.0.0/17');
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  assert.equal(await input.inputValue(), '10.0.0.0/15');
  await waitResult(page, 'Network', '10.0.0.0/15');
  s.assertClean();
});

test('bit view: a click between two bits sets the prefix ("Set prefix to /20")', T, async () => {
  page = await freshPage(s);
  const input = await calc('10.0.0.5/16');
  await waitResult(page, 'Network', '10.0.0.0/16');
  // The gaps are a pointer shortcut beside the slider, not 33 extra tab stops.
  assert.equal(await page.locator('.bitview button, .bitview [tabindex]').count(), 0);
  await page.locator('.bit-gap[title="Set prefix to /20"]').click();
  assert.equal(await input.inputValue(), '10.0.0.5/20');
  await waitResult(page, 'Network', '10.0.0.0/20');
  await waitResult(page, 'Usable hosts', '4,094');
  // The slider and the bit view follow.
  assert.equal(await page.getByRole('slider', { name: 'Prefix length' }).inputValue(), '20');
  assert.equal(await page.locator('.bit-gap.at-prefix').getAttribute('data-prefix'), '20');
  s.assertClean();
});

test('"Split this in the designer" opens the Subnets tab with that base', T, async () => {
  page = await freshPage(s);
  await calc('192.168.4.0/22');
  await waitResult(page, 'Network', '192.168.4.0/22');
  await page.getByRole('button', { name: 'Split this in the designer' }).click();
  assert.equal(await page.locator('#tab-subnets').getAttribute('aria-selected'), 'true');
  const base = page.locator('#base-input');
  await base.waitFor();
  assert.equal(await base.inputValue(), '192.168.4.0/22');
  const rows = page.locator('.table-scroll tr.leaf');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().locator('th').innerText(), /^192\.168\.4\.0\/22/);
  s.assertClean();
});

test('screenshots: calculator showing 10.0.0.5/20', { timeout: 120_000 }, async () => {
  page = await freshPage(s);
  await calc('10.0.0.5/20');
  await waitResult(page, 'Network', '10.0.0.0/20');
  // The input is autosaved, so the harness's reloads keep showing it.
  await s.screenshots('calculator', page);
  assert.equal(await page.locator('#calc-input').inputValue(), '10.0.0.5/20');
  s.assertClean();
});
