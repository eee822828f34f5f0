// VPC planner in real Chromium: networks to avoid are kept free of subnets (the issue's
// on-prem scenario, typed through the form), named by their labels in the overlap sentence,
// the address map and the table, and the list's text (labels, comments) survives a reload and
// a share link; tier-major adds a zone without renumbering; a change that would move subnets
// asks first in a banner (Apply / Cancel).

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import { axeViolations, blurAll, choosePreset, formatViolations, fragment, freshPage, load, openPlanner, planField, planRows, setPlanField, waitPlanRows } from './lib/app.mjs';

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

/** A fresh page on the planner with the AWS 3-AZ preset (chosen after another, so it is a change). */
async function awsPreset() {
  page = await freshPage(s);
  await openPlanner(page);
  await choosePreset(page, 'gcp-regional');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim().startsWith('app'));
  await choosePreset(page, 'aws-3az');
  await waitPlanRows(page, 9);
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim() === 'public-a');
}

/** IPv4 `a.b.c.d/p` → [first, last] as numbers. */
function range(cidr) {
  const [addr, p] = cidr.split('/');
  const n = addr.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(p));
  return [n, n + size - 1];
}
const overlaps = (a, b) => {
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 <= b1 && b0 <= a1;
};

const avoidBox = () => page.locator('.plan-form textarea');
const text = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();
const byName = (rows) => Object.fromEntries(rows.map((r) => [r.name, r.cidr]));

test('on-prem 10.20.128.0/17 is kept free: no subnet there, one overlap sentence by label, hatched on the map', T, async () => {
  await awsPreset();
  await setPlanField(page, 'Primary', '10.20.0.0/16');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody tr td.mono')?.textContent.startsWith('10.20.'));
  await setPlanField(page, 'Tier 2 size', '/19');
  await page.waitForFunction(() => [...document.querySelectorAll('.plan-table tbody tr')].some((tr) => tr.children[3].textContent.trim().endsWith('/19')));
  await avoidBox().fill('# data centre\n10.20.128.0/17 on-prem # DC1');
  assert.equal(await avoidBox().getAttribute('aria-invalid'), 'false');

  // Without on-prem's half the three zones do not fit: the message says so in numbers.
  const error = page.locator('.plan-error');
  await error.waitFor();
  const why = await text(error);
  assert.match(why, /32,768 of the 65,536 addresses of 10\.20\.0\.0\/16 lie in on-prem 10\.20\.128\.0\/17/, why);
  assert.match(why, /a secondary block such as 10\.0\.0\.0\/16/, why);

  // A secondary block with room takes the third zone.
  await page.getByRole('button', { name: '+ Secondary block', exact: true }).click();
  await planField(page, 'Secondary 1').waitFor();
  await setPlanField(page, 'Secondary 1', '100.64.0.0/16');
  await error.waitFor({ state: 'detached' });
  await page.waitForFunction(() => [...document.querySelectorAll('.plan-table tbody tr')].some((tr) => tr.children[3].textContent.startsWith('100.64.')));
  const rows = await planRows(page);
  assert.equal(rows.length, 9);
  const inside = rows.filter((r) => overlaps(r.cidr, '10.20.128.0/17'));
  assert.deepEqual(inside, [], 'no subnet in on-prem');
  assert.deepEqual(
    rows.filter((r) => r.zone === 'us-east-1c').map((r) => r.cidr),
    ['100.64.32.0/24', '100.64.0.0/19', '100.64.33.0/24'],
  );

  // One sentence for the VPC block, naming on-prem; none per subnet.
  const sentences = await page.locator('.plan-summary .warning li').allInnerTexts();
  assert.deepEqual(sentences, [
    'The primary VPC block 10.20.0.0/16 overlaps on-prem 10.20.128.0/17: those 32,768 addresses stay unused, and peering or VPN routes to on-prem cannot reach them, because the VPC routes its own CIDR locally',
  ]);
  assert.match(await text(page.locator('.plan-summary .free-line')), /· 32,768 in networks to avoid$/);
  // The table says where no subnet goes, by label.
  assert.equal(await text(page.locator('.plan-table tfoot')), 'Kept free (networks to avoid): on-prem 10.20.128.0/17');

  // The address map: on-prem is its own hatched, labelled segment, never free.
  const seg = page.locator('svg.diagram rect.segment.avoided');
  assert.equal(await seg.count(), 1);
  assert.equal(await seg.getAttribute('fill'), 'url(#avoided-hatch)');
  assert.match(await seg.locator('title').textContent(), /^avoided · on-prem 10\.20\.128\.0\/17 \(network to avoid #1\) · 10\.20\.128\.0 – 10\.20\.255\.255 · 32,768 addresses/);
  assert.equal(await page.locator('svg.diagram pattern#avoided-hatch').count(), 1);
  assert.ok((await page.locator('svg.diagram text').allTextContents()).includes('on-prem'), 'the segment is labelled');
  const free = await page.locator('svg.diagram rect.segment.free title').allTextContents();
  for (const t of free) {
    const m = /^free · ([\d.]+) – ([\d.]+)/.exec(t);
    assert.ok(m, t);
    assert.ok(!overlaps(`${m[1]}/32`, '10.20.128.0/17'), `free segment in on-prem: ${t}`);
  }
  assert.match(await text(page.locator('.diagram-host')), /Avoided/, 'a legend entry');
  const serious = (await axeViolations(page)).filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(serious, [], formatViolations(serious));

  // The text as typed (comment, label) survives a reload; the link carries the label.
  const link = await fragment(page);
  await load(s, page);
  await openPlanner(page);
  assert.equal(await avoidBox().inputValue(), '# data centre\n10.20.128.0/17 on-prem # DC1');
  await page.close();
  page = await freshPage(s, `#${link}`);
  await openPlanner(page);
  await waitPlanRows(page, 9);
  assert.equal(await avoidBox().inputValue(), '10.20.128.0/17 on-prem');
  assert.deepEqual(await planRows(page), rows);
  s.assertClean();
});

test('the avoid list takes commas and labels, and names the line of a mistake', T, async () => {
  await awsPreset();
  await avoidBox().fill('192.168.0.0/16, peered-vpc\n10.0.200.0/21 lab, 172.16.0.0/12');
  await page.waitForFunction(() => document.querySelector('.plan-table tfoot')?.textContent.includes('lab 10.0.200.0/21'));
  assert.equal(await avoidBox().getAttribute('aria-invalid'), 'false');
  const rows = await planRows(page);
  assert.deepEqual(rows.filter((r) => overlaps(r.cidr, '10.0.200.0/21')), []);
  await avoidBox().fill('192.168.0.0/16, peered-vpc\n10.0.200.5/21 lab');
  const err = page.locator('.plan-form fieldset:has(textarea) .field-error');
  await page.waitForFunction(() => document.querySelector('.plan-form textarea')?.getAttribute('aria-invalid') === 'true');
  assert.equal(await text(err), 'Line 2: 10.0.200.5/21 has host bits set: did you mean 10.0.200.0/21?');
  // The plan keeps the last list that read.
  assert.deepEqual(await planRows(page), rows);
  s.assertClean();
});

test('tier-major: adding zones keeps every subnet; switching strategy and a move ask first', T, async () => {
  await awsPreset();
  const zoneMajor = await planRows(page);
  const radio = (name) => page.getByRole('radio', { name: new RegExp(`^${name}`) });

  // Switching moves all nine subnets: a banner says which (the radio stays on the plan's
  // strategy meanwhile), and Cancel keeps the plan.
  await radio('Tier-major').click();
  const banner = page.locator('.move-confirm');
  await banner.waitFor();
  assert.equal(await radio('Zone-major').isChecked(), true);
  const serious = (await axeViolations(page)).filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(serious, [], formatViolations(serious));
  assert.match(await text(banner), /^Switching to tier-major moves 9 subnets: public-a 10\.0\.16\.0\/24 → 10\.0\.0\.0\/24, .* and 5 more\. Apply\? Apply Cancel$/);
  await banner.getByRole('button', { name: 'Cancel' }).click();
  await banner.waitFor({ state: 'detached' });
  assert.equal(await radio('Zone-major').isChecked(), true, 'the radio shows the plan again');
  assert.equal(await radio('Tier-major').isChecked(), false);
  assert.deepEqual(await planRows(page), zoneMajor);

  await radio('Tier-major').click();
  await banner.getByRole('button', { name: 'Apply' }).click();
  await banner.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('.plan-summary h3')?.textContent === 'Tier summaries');
  assert.equal(await radio('Tier-major').isChecked(), true);
  let before = byName(await planRows(page));
  assert.equal(before['public-a'], '10.0.0.0/24');

  // Three more zones, one at a time: nothing asks, nothing moves.
  for (const zones of [4, 5, 6]) {
    await page.getByRole('button', { name: 'One more zone', exact: true }).click();
    await waitPlanRows(page, zones * 3);
    assert.equal(await banner.count(), 0, `zone ${zones} asked`);
    const now = byName(await planRows(page));
    for (const [name, cidr] of Object.entries(before)) assert.equal(now[name], cidr, `${name} moved when zone ${zones} was added`);
    before = now;
  }
  s.assertClean();
});

test('zone-major: a zone that moves a single-subnet tier asks, and Apply applies', T, async () => {
  await awsPreset();
  await page.getByRole('button', { name: '+ Tier', exact: true }).click();
  await waitPlanRows(page, 12);
  await page.locator('.tier-row').nth(3).getByRole('checkbox', { name: 'One per zone' }).uncheck();
  await waitPlanRows(page, 10);
  assert.equal(byName(await planRows(page)).tier4, '10.0.96.0/24');
  await page.getByRole('button', { name: 'One more zone', exact: true }).click();
  const banner = page.locator('.move-confirm');
  await banner.waitFor();
  assert.equal(await text(banner.locator('p')), 'Adding us-east-1d moves 1 subnet: tier4 10.0.96.0/24 → 10.0.128.0/24. Apply?');
  // Nothing changed yet.
  assert.equal((await planRows(page)).length, 10);
  await banner.getByRole('button', { name: 'Apply' }).click();
  await waitPlanRows(page, 13);
  assert.equal(byName(await planRows(page)).tier4, '10.0.128.0/24');
  // Undo takes the whole change back.
  await blurAll(page);
  await page.keyboard.press('Control+z');
  await waitPlanRows(page, 10);
  s.assertClean();
});

test('a VPC block overlapping a network to avoid: the free block offered is a button that replaces it, undoably', T, async () => {
  await awsPreset();
  await setPlanField(page, 'Primary', '10.20.0.0/16');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody tr td.mono')?.textContent.startsWith('10.20.'));
  await avoidBox().fill('10.20.0.0/24 on-prem');
  const warning = page.locator('.plan-summary .warning');
  await warning.waitFor();
  const button = warning.getByRole('button');
  assert.equal(await button.count(), 1);
  const label = await button.innerText();
  const m = label.match(/^Use (\S+\/16) instead of 10\.20\.0\.0\/16$/);
  assert.ok(m, label);
  assert.ok(!overlaps(m[1], '10.20.0.0/24'), `${m[1]} is clear of on-prem`);

  await button.click();
  await warning.waitFor({ state: 'detached' });
  assert.equal(await planField(page, 'Primary').inputValue(), m[1]);
  const prefix = m[1].split('.').slice(0, 2).join('.') + '.';
  await page.waitForFunction((p) => document.querySelector('.plan-table tbody tr td.mono')?.textContent.startsWith(p), prefix);

  await page.getByRole('button', { name: '↶ Undo', exact: true }).click();
  await warning.waitFor();
  assert.equal(await planField(page, 'Primary').inputValue(), '10.20.0.0/16');
  s.assertClean();
});
