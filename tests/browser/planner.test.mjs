// VPC planner tab in real Chromium: presets, the table, the diagram and the summaries follow the
// form (zones, tier sizes); plans that do not fit explain why in numbers while the last layout
// stays on screen; half-typed values flag only their field; hover and keyboard focus link the
// diagram, the table and the address map; SVG/PNG export; share links; undo/redo.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import {
  blurAll,
  boxLabels,
  choosePreset,
  downloadOf,
  fragment,
  freshPage,
  highlighted,
  load,
  openPlanner,
  planField,
  planRows,
  setPlanField,
  settle,
  subnetBoxes,
  waitPlanRows,
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

const T = { timeout: 60_000 };

/** The AWS 3-AZ preset's table: zone by zone, tiers in plan order (placed largest first). */
const AWS_3AZ = [
  ['public-a', 'us-east-1a', 'public', '10.0.16.0/24', '10.0.16.0 – 10.0.16.255', '251'],
  ['private-a', 'us-east-1a', 'private', '10.0.0.0/20', '10.0.0.0 – 10.0.15.255', '4,091'],
  ['data-a', 'us-east-1a', 'data', '10.0.17.0/24', '10.0.17.0 – 10.0.17.255', '251'],
  ['public-b', 'us-east-1b', 'public', '10.0.48.0/24', '10.0.48.0 – 10.0.48.255', '251'],
  ['private-b', 'us-east-1b', 'private', '10.0.32.0/20', '10.0.32.0 – 10.0.47.255', '4,091'],
  ['data-b', 'us-east-1b', 'data', '10.0.49.0/24', '10.0.49.0 – 10.0.49.255', '251'],
  ['public-c', 'us-east-1c', 'public', '10.0.80.0/24', '10.0.80.0 – 10.0.80.255', '251'],
  ['private-c', 'us-east-1c', 'private', '10.0.64.0/20', '10.0.64.0 – 10.0.79.255', '4,091'],
  ['data-c', 'us-east-1c', 'data', '10.0.81.0/24', '10.0.81.0 – 10.0.81.255', '251'],
].map(([name, zone, tier, cidr, range, usable]) => ({ name, zone, tier, cidr, range, usable, reserved: '5' }));

/** A fresh page on the planner with the AWS 3-AZ preset chosen in "Start from a preset". */
async function awsPreset() {
  page = await freshPage(s);
  await openPlanner(page);
  // Go through another preset first, so choosing AWS 3 AZ is a real change.
  await choosePreset(page, 'gcp-regional');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim().startsWith('app'));
  await choosePreset(page, 'aws-3az');
  await waitPlanRows(page, 9);
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim() === 'public-a');
  return page;
}

const summaryItems = () =>
  page.locator('.plan-summary .summary-list li').evaluateAll((lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
const freeLine = async () => (await page.locator('.plan-summary .free-line').innerText()).replace(/\s+/g, ' ').trim();
const names = (rows) => rows.map((r) => r.name);
const zoneCount = async () => (await page.locator('.stepper-value').innerText()).trim();

test('AWS 3-AZ preset: 9 rows, 9 subnet boxes, 3 zone summaries', T, async () => {
  await awsPreset();
  assert.deepEqual(await planRows(page), AWS_3AZ);
  assert.equal(await zoneCount(), '3 zones');
  assert.equal(await planField(page, 'Primary').inputValue(), '10.0.0.0/16');
  assert.equal(await planField(page, 'Region').inputValue(), 'us-east-1');

  // The diagram: one focusable box per subnet, each named and numbered like its row.
  assert.equal(await subnetBoxes(page).count(), 9);
  const labels = await boxLabels(page);
  for (const r of AWS_3AZ) {
    assert.ok(
      labels.some((l) => l.startsWith(`${r.name} · ${r.cidr} ·`) && l.endsWith(`${r.usable} usable`)),
      `a box for ${r.name} ${r.cidr}: ${labels.join(' | ')}`,
    );
  }
  // A named group (an image's children would be hidden from screen readers), its boxes focusable images.
  assert.equal(await page.locator('svg.diagram').getAttribute('role'), 'group');
  assert.ok((await page.locator('svg.diagram').getAttribute('aria-label')).length > 0);
  // The address map has a segment per subnet.
  assert.equal(await page.locator('svg.diagram rect.segment').filter({ hasNot: page.locator('title', { hasText: /^free/ }) }).count(), 9);

  assert.deepEqual(await summaryItems(), ['us-east-1a 10.0.0.0/19', 'us-east-1b 10.0.32.0/19', 'us-east-1c 10.0.64.0/19']);
  assert.equal(await page.locator('.plan-summary h3').innerText(), 'Zone summaries');
  assert.equal(await freeLine(), '9 subnets · Free: 51,712 of 65,536 addresses (78.9%)');
  assert.equal(await page.locator('.plan-error').count(), 0);
  s.assertClean();
});

test('"One more zone" → 12 rows and a fourth zone in the diagram; "One zone fewer" → back to 9', T, async () => {
  await awsPreset();
  await page.getByRole('button', { name: 'One more zone', exact: true }).click();
  await waitPlanRows(page, 12);
  assert.equal(await zoneCount(), '4 zones');
  assert.equal(await planField(page, 'Zone 4').inputValue(), 'us-east-1d');
  const rows = await planRows(page);
  assert.deepEqual(rows.slice(0, 9), AWS_3AZ, 'the first three zones keep their subnets');
  assert.deepEqual(rows.slice(9), [
    { name: 'public-d', zone: 'us-east-1d', tier: 'public', cidr: '10.0.112.0/24', range: '10.0.112.0 – 10.0.112.255', usable: '251', reserved: '5' },
    { name: 'private-d', zone: 'us-east-1d', tier: 'private', cidr: '10.0.96.0/20', range: '10.0.96.0 – 10.0.111.255', usable: '4,091', reserved: '5' },
    { name: 'data-d', zone: 'us-east-1d', tier: 'data', cidr: '10.0.113.0/24', range: '10.0.113.0 – 10.0.113.255', usable: '251', reserved: '5' },
  ]);
  // The diagram follows.
  assert.equal(await subnetBoxes(page).count(), 12);
  const labels = await boxLabels(page);
  for (const n of ['public-d', 'private-d', 'data-d']) assert.ok(labels.some((l) => l.startsWith(`${n} ·`)), `box ${n}`);
  assert.equal((await summaryItems()).at(-1), 'us-east-1d 10.0.96.0/19');
  assert.match(await freeLine(), /^12 subnets · Free: 47,104 of 65,536/);

  await page.getByRole('button', { name: 'One zone fewer', exact: true }).click();
  await waitPlanRows(page, 9);
  assert.deepEqual(await planRows(page), AWS_3AZ);
  assert.equal(await subnetBoxes(page).count(), 9);
  assert.equal(await planField(page, 'Zone 4').count(), 0);
  s.assertClean();
});

test('a tier size change (/20 → /21, then 1000 hosts): CIDRs, usable counts and the diagram follow', T, async () => {
  await awsPreset();
  await setPlanField(page, 'Tier 2 size', '/21');
  await page.waitForFunction(() => [...document.querySelectorAll('.plan-table tbody tr')].some((tr) => /\/21$/.test(tr.children[3].textContent.trim())));
  let rows = await planRows(page);
  assert.equal(rows.length, 9);
  for (const r of rows.filter((r) => r.tier === 'private')) {
    assert.match(r.cidr, /\/21$/, `${r.name}: ${r.cidr}`);
    assert.equal(r.usable, '2,043', `${r.name}: 2,048 − 5 AWS-reserved`);
  }
  for (const r of rows.filter((r) => r.tier !== 'private')) {
    assert.match(r.cidr, /\/24$/);
    assert.equal(r.usable, '251');
  }
  // Zones are now /20 blocks: private first, then public and data.
  assert.deepEqual(
    rows.map((r) => r.cidr),
    ['10.0.8.0/24', '10.0.0.0/21', '10.0.9.0/24', '10.0.24.0/24', '10.0.16.0/21', '10.0.25.0/24', '10.0.40.0/24', '10.0.32.0/21', '10.0.41.0/24'],
  );
  assert.deepEqual(await summaryItems(), ['us-east-1a 10.0.0.0/20', 'us-east-1b 10.0.16.0/20', 'us-east-1c 10.0.32.0/20']);
  const labels = await boxLabels(page);
  assert.ok(labels.some((l) => l.startsWith('private-b · 10.0.16.0/21 ·') && l.endsWith('2,043 usable')), labels.join(' | '));
  assert.equal(await planField(page, 'Tier 2 size').getAttribute('aria-invalid'), 'false');

  // A size in hosts: the smallest prefix whose usable count covers it, with the headroom.
  await setPlanField(page, 'Tier 2 size', '1000 hosts');
  await page.waitForFunction(() => /\/22$/.test(document.querySelectorAll('.plan-table tbody tr')[1]?.children[3].textContent.trim()));
  rows = await planRows(page);
  const priv = rows.filter((r) => r.tier === 'private');
  assert.equal(priv.length, 3);
  for (const r of priv) assert.equal(r.usable, '1,019 (+19)', `${r.name}: 1,024 − 5 = 1,019 usable, 19 more than asked`);
  assert.match(await page.locator('.tier-headroom').nth(1).innerText(), /\/22 · 1,019 usable · headroom 19/);
  s.assertClean();
});

test('a plan that does not fit: .plan-error explains in numbers, the last layout stays', T, async () => {
  await awsPreset();
  await page.getByRole('button', { name: 'One more zone', exact: true }).click();
  await waitPlanRows(page, 12);
  const rows4 = await planRows(page);
  const labels4 = await boxLabels(page);

  // 4 zones × (/24 + /17 + /24) cannot fit in a /16.
  await setPlanField(page, 'Tier 2 size', '/17');
  const error = page.locator('.plan-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('role'), 'alert');
  const text = (await error.innerText()).replace(/\s+/g, ' ').trim();
  assert.match(text, /needs a \/16 = 65,536 addresses/, text);
  assert.match(text, /33,280/, `the zone's total is given: ${text}`);
  assert.match(text, /\/19 private subnets/, `a change that makes it fit is offered: ${text}`);
  assert.match(text, /Showing the last plan that fitted/);
  // The field holds a valid size: only the plan is refused.
  assert.equal(await planField(page, 'Tier 2 size').getAttribute('aria-invalid'), 'false');
  assert.deepEqual(await planRows(page), rows4, 'the last valid table stays');
  assert.deepEqual(await boxLabels(page), labels4, 'the last valid diagram stays');
  assert.equal(await page.locator('svg.diagram').count(), 1);

  // Back to /20: the error goes.
  await setPlanField(page, 'Tier 2 size', '/20');
  await error.waitFor({ state: 'detached' });
  assert.deepEqual(await planRows(page), rows4);

  // A VPC too small for the preset.
  await page.getByRole('button', { name: 'One zone fewer', exact: true }).click();
  await waitPlanRows(page, 9);
  await setPlanField(page, 'Primary', '10.0.0.0/20');
  await error.waitFor();
  const text2 = (await error.innerText()).replace(/\s+/g, ' ').trim();
  assert.match(text2, /needs a \/19 = 8,192 addresses/, text2);
  assert.match(text2, /the VPC holds 4,096/, text2);
  assert.match(text2, /\/17 VPC/, text2);
  assert.equal(await planField(page, 'Primary').getAttribute('aria-invalid'), 'false');
  assert.deepEqual(await planRows(page), AWS_3AZ, 'the last valid table stays');
  assert.equal(await subnetBoxes(page).count(), 9);
  await setPlanField(page, 'Primary', '10.0.0.0/16');
  await error.waitFor({ state: 'detached' });
  s.assertClean();
});

test('a half-typed value flags only its field: no error banner, the layout stays', T, async () => {
  await awsPreset();
  const frag = await fragment(page);
  const primary = planField(page, 'Primary');
  await primary.fill('10.0.0.');
  await page.waitForFunction(() => {
    const label = [...document.querySelectorAll('.plan-form label.field')].find((l) => l.querySelector('.field-label')?.textContent === 'Primary');
    return label?.querySelector('input').getAttribute('aria-invalid') === 'true';
  });
  const err = page.locator('#f-primary-err');
  assert.notEqual((await err.innerText()).trim(), '', 'the field says what is wrong');
  assert.equal(await primary.getAttribute('aria-describedby'), 'f-primary-err');
  await settle(page);
  assert.equal(await page.locator('.plan-error').count(), 0, 'no banner for a half-typed value');
  assert.equal(await primary.inputValue(), '10.0.0.', 'the text is kept as typed');
  assert.deepEqual(await planRows(page), AWS_3AZ);
  assert.equal(await subnetBoxes(page).count(), 9);
  assert.equal(await fragment(page), frag, 'the plan (and its link) did not change');

  // Host bits set: flagged with the suggestion, still no banner.
  await primary.fill('10.0.0.1/16');
  await page.waitForFunction(() => /10\.0\.0\.0\/16/.test(document.querySelector('#f-primary-err')?.textContent ?? ''));
  assert.equal(await page.locator('.plan-error').count(), 0);

  // Finished: the plan moves.
  await primary.fill('10.1.0.0/16');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody tr td.mono')?.textContent.startsWith('10.1.'));
  assert.equal(await primary.getAttribute('aria-invalid'), 'false');
  assert.equal((await err.innerText()).trim(), '');
  assert.deepEqual(
    (await planRows(page)).map((r) => r.cidr),
    AWS_3AZ.map((r) => r.cidr.replace(/^10\.0\./, '10.1.')),
  );
  s.assertClean();
});

test('typing key by key keeps what is typed (a CIDR, a host count)', T, async () => {
  await awsPreset();
  // Typing 10.0.0.0/16 goes through "10.0.0.0", a valid /32; typing 500 hosts goes through "5",
  // a valid /5. The field must not be rewritten to the plan's form of those halfway values.
  const primary = planField(page, 'Primary');
  await primary.click();
  await primary.press('Control+a');
  await page.keyboard.type('10.0.0.0/16', { delay: 20 });
  await settle(page);
  const typedCidr = await primary.inputValue();

  const size = planField(page, 'Tier 2 size');
  await size.click();
  await size.press('Control+a');
  await page.keyboard.type('500 hosts', { delay: 20 });
  await settle(page);
  const typedSize = await size.inputValue();

  assert.deepEqual(
    { primary: typedCidr, size: typedSize },
    { primary: '10.0.0.0/16', size: '500 hosts' },
    'the field was rewritten to the plan\'s form of a halfway value while typing',
  );
  assert.equal(await primary.getAttribute('aria-invalid'), 'false');
  assert.equal(await size.getAttribute('aria-invalid'), 'false');
  await page.waitForFunction(() => /\(\+7\)/.test(document.querySelectorAll('.plan-table tbody tr')[1]?.children[5].textContent ?? ''));
  s.assertClean();
});

test('hover and keyboard focus on a diagram box highlight its table row and address-map segment', T, async () => {
  await awsPreset();
  assert.deepEqual(await highlighted(page), { rows: [], boxes: [], segments: [] });

  // Hover every subnet box in turn.
  const n = await subnetBoxes(page).count();
  for (let i = 0; i < n; i++) {
    const box = subnetBoxes(page).nth(i);
    const name = (await box.getAttribute('aria-label')).split(' · ')[0];
    await box.hover();
    await page.waitForFunction(() => document.querySelector('.plan-table tr.hl'));
    assert.deepEqual(await highlighted(page), { rows: [name], boxes: [name], segments: [name] }, `hover ${name}`);
  }
  // Leaving the diagram clears it.
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => !document.querySelector('.hl'));

  // Hovering a table row highlights its box and segment.
  await page.locator('.plan-table tbody tr', { has: page.locator('th', { hasText: /^data-b$/ }) }).hover();
  await page.waitForFunction(() => document.querySelector('svg.diagram g.box.hl'));
  assert.deepEqual(await highlighted(page), { rows: ['data-b'], boxes: ['data-b'], segments: ['data-b'] });
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => !document.querySelector('.hl'));

  // Keyboard: Tab from "Export PNG" reaches the first box, then the next one.
  await page.getByRole('button', { name: 'Export PNG' }).focus();
  await page.keyboard.press('Tab');
  const first = (await boxLabels(page))[0].split(' · ')[0];
  assert.equal(await page.evaluate(() => document.activeElement?.matches('svg.diagram g.box')), true, 'a box has the focus');
  assert.deepEqual(await highlighted(page), { rows: [first], boxes: [first], segments: [first] });
  await page.keyboard.press('Tab');
  const second = (await boxLabels(page))[1].split(' · ')[0];
  assert.deepEqual(await highlighted(page), { rows: [second], boxes: [second], segments: [second] });
  // Focus leaves the diagram: nothing stays highlighted.
  await blurAll(page);
  await page.waitForFunction(() => !document.querySelector('.hl'));
  s.assertClean();
});

test('a focused table row highlights its box; moving the focus away clears it', T, async () => {
  await awsPreset();
  const row = page.locator('.plan-table tbody tr', { has: page.locator('th', { hasText: /^private-b$/ }) });
  await row.focus();
  assert.deepEqual(await highlighted(page), { rows: ['private-b'], boxes: ['private-b'], segments: ['private-b'] });
  // The focus leaves the table (as a diagram box's highlight goes on blur).
  await blurAll(page);
  await settle(page);
  assert.deepEqual(
    await highlighted(page),
    { rows: [], boxes: [], segments: [] },
    'the highlight stayed after the focus left the row (rows set it on focusin but nothing clears it on focusout)',
  );
  s.assertClean();
});

test('on a phone (375 px) the planner does not scroll sideways', T, async () => {
  page = await freshPage(s, '', { width: 375, height: 812 });
  await openPlanner(page);
  await settle(page);
  const m = await page.evaluate(() => {
    const wide = [...document.querySelectorAll('.plan-form, .plan-form > *, .plan-output')]
      .map((el) => ({ el: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`, right: Math.round(el.getBoundingClientRect().right) }))
      .filter((x) => x.right > innerWidth);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, wide };
  });
  assert.ok(
    m.scrollWidth <= m.innerWidth,
    `the page is ${m.scrollWidth}px wide in a ${m.innerWidth}px viewport; wider than the screen: ${m.wide.map((w) => `${w.el} (right edge ${w.right}px)`).join(', ')}`,
  );
  // The diagram fits the screen too.
  const svgRight = await page.locator('svg.diagram').evaluate((el) => el.getBoundingClientRect().right);
  assert.ok(svgRight <= 375, `the diagram ends at ${svgRight}px`);
  s.assertClean();
});

test('Export SVG and Export PNG download the diagram', T, async () => {
  await awsPreset();
  const svg = await downloadOf(page, () => page.getByRole('button', { name: 'Export SVG', exact: true }).click());
  assert.equal(svg.name, 'aws-3az.svg');
  assert.ok(svg.text.startsWith('<svg'), `starts with <svg: ${svg.text.slice(0, 60)}`);
  assert.match(svg.text, /xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.text.trimEnd().endsWith('</svg>'));
  for (const r of AWS_3AZ) {
    assert.ok(svg.text.includes(r.name), `the SVG names ${r.name}`);
    assert.ok(svg.text.includes(r.cidr), `the SVG shows ${r.cidr}`);
  }
  const width = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg.text)?.[1]);
  const height = Number(/<svg[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg.text)?.[1]);
  assert.ok(width > 0 && height > 0, `the SVG has a size: ${width}×${height}`);

  const png = await downloadOf(page, () => page.getByRole('button', { name: 'Export PNG', exact: true }).click());
  assert.equal(png.name, 'aws-3az.png');
  assert.deepEqual([...png.buffer.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.buffer.subarray(12, 16).toString('latin1'), 'IHDR');
  // Rendered at twice the diagram's size.
  assert.equal(png.buffer.readUInt32BE(16), Math.round(width * 2), 'PNG width');
  assert.equal(png.buffer.readUInt32BE(20), Math.round(height * 2), 'PNG height');
  assert.ok(png.buffer.length > 5_000, `a real picture (${png.buffer.length} bytes)`);
  s.assertClean();
});

test('share link: #v2.… on the planner tab opens the same plan in a fresh browser', T, async () => {
  await awsPreset();
  await page.getByRole('button', { name: 'One more zone', exact: true }).click();
  await waitPlanRows(page, 12);
  await setPlanField(page, 'Tier 2 size', '/21');
  await page.waitForFunction(() => /\/21$/.test(document.querySelectorAll('.plan-table tbody tr')[1]?.children[3].textContent.trim()));
  await setPlanField(page, 'Tier 1 name', 'web');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim() === 'web-a');
  const rows = await planRows(page);
  const frag = await fragment(page);
  assert.match(frag, /^v2\./);
  assert.equal(await page.locator('#tab-planner').getAttribute('aria-selected'), 'true');

  const other = await startSession();
  try {
    const p2 = await other.open(`#${frag}`);
    await p2.locator('.plan-table').waitFor();
    assert.equal(await p2.locator('#tab-planner').getAttribute('aria-selected'), 'true');
    await waitPlanRows(p2, 12);
    assert.deepEqual(await planRows(p2), rows);
    assert.equal(await p2.getByRole('alertdialog').count(), 0, 'a fresh browser opens the plan without asking');
    assert.equal(await planField(p2, 'Tier 1 name').inputValue(), 'web');
    assert.equal(await p2.evaluate(() => location.hash.slice(1)), frag);
    other.assertClean();
  } finally {
    await other.close();
  }

  // The same browser, reloaded from the link alone (autosave cleared): same plan.
  await page.evaluate(() => localStorage.clear());
  await load(s, page, `#${frag}`);
  await page.locator('.plan-table').waitFor();
  assert.deepEqual(await planRows(page), rows);
  s.assertClean();
});

test('undo/redo of a zone-count change with Ctrl+Z / Ctrl+Shift+Z (focus on the page)', T, async () => {
  await awsPreset();
  await page.getByRole('button', { name: 'One more zone', exact: true }).click();
  await waitPlanRows(page, 12);
  const link4 = await fragment(page);

  await blurAll(page);
  await page.keyboard.press('Control+z');
  await waitPlanRows(page, 9);
  assert.deepEqual(await planRows(page), AWS_3AZ);
  assert.equal(await zoneCount(), '3 zones');
  assert.equal(await subnetBoxes(page).count(), 9);
  assert.notEqual(await fragment(page), link4, 'the link follows the undo');

  await blurAll(page);
  await page.keyboard.press('Control+Shift+z');
  await waitPlanRows(page, 12);
  assert.equal(await zoneCount(), '4 zones');
  assert.equal(await fragment(page), link4);

  // Ctrl+Z while typing in a field is the field's own undo, not the plan's.
  await planField(page, 'Region').focus();
  await page.keyboard.press('Control+z');
  await settle(page);
  await page.waitForTimeout(150);
  assert.equal(await page.locator('.plan-table tbody tr').count(), 12);
  s.assertClean();
});

test('undo/redo of a field edit: the field and the table follow', T, async () => {
  await awsPreset();
  await setPlanField(page, 'Tier 2 size', '/21');
  await page.waitForFunction(() => /\/21$/.test(document.querySelectorAll('.plan-table tbody tr')[1]?.children[3].textContent.trim()));
  await blurAll(page);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => /\/20$/.test(document.querySelectorAll('.plan-table tbody tr')[1]?.children[3].textContent.trim()));
  assert.equal(await planField(page, 'Tier 2 size').inputValue(), '/20', 'the field shows the restored size');
  assert.deepEqual(await planRows(page), AWS_3AZ);
  await blurAll(page);
  await page.keyboard.press('Control+Shift+Z');
  await page.waitForFunction(() => /\/21$/.test(document.querySelectorAll('.plan-table tbody tr')[1]?.children[3].textContent.trim()));
  assert.equal(await planField(page, 'Tier 2 size').inputValue(), '/21');
  s.assertClean();
});

test('a shared plan over local planner work asks first: "Keep mine", then open it', T, async () => {
  await awsPreset();
  await page.getByRole('button', { name: 'One more zone', exact: true }).click();
  await waitPlanRows(page, 12);
  const shared = await planRows(page);
  const sharedLink = await fragment(page);
  // Local work: a different plan (a renamed tier, so no longer a preset).
  await page.getByRole('button', { name: 'One zone fewer', exact: true }).click();
  await waitPlanRows(page, 9);
  await setPlanField(page, 'Tier 3 name', 'db');
  await page.waitForFunction(() => [...document.querySelectorAll('.plan-table tbody th')].some((th) => th.textContent.trim() === 'db-a'));
  const mine = await planRows(page);
  const mineLink = await fragment(page);

  await load(s, page, `#${sharedLink}`);
  const prompt = page.getByRole('alertdialog');
  await prompt.waitFor();
  assert.match(await prompt.innerText(), /VPC plan "aws-3az" \(AWS\)/);
  await page.locator('.plan-table').waitFor();
  assert.deepEqual(await planRows(page), mine, 'nothing replaced before the answer');
  await page.getByRole('button', { name: 'Keep mine' }).click();
  await prompt.waitFor({ state: 'detached' });
  assert.deepEqual(await planRows(page), mine);
  assert.equal(await fragment(page), mineLink);

  await page.goto(new URL(`#${sharedLink}`, s.url).href);
  await prompt.waitFor();
  await page.getByRole('button', { name: /^Open shared/ }).click();
  await prompt.waitFor({ state: 'detached' });
  await waitPlanRows(page, 12);
  assert.deepEqual(await planRows(page), shared);
  assert.equal(await fragment(page), sharedLink);
  // One undo brings my plan back.
  await blurAll(page);
  await page.keyboard.press('Control+z');
  await waitPlanRows(page, 9);
  assert.deepEqual(await planRows(page), mine);
  s.assertClean();
});

test('screenshots: the AWS 3-AZ preset', { timeout: 120_000 }, async () => {
  await awsPreset();
  await s.screenshots('planner', page);
  // The plan and tab survived the harness's reloads (autosave).
  await page.locator('.plan-table').waitFor();
  assert.deepEqual(await planRows(page), AWS_3AZ);
  s.assertClean();
});
