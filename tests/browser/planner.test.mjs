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

test('a plan that does not fit offers its remedies as buttons: one click makes it fit, Undo goes back', T, async () => {
  await awsPreset();
  await setPlanField(page, 'Primary', '10.0.0.0/20');
  const error = page.locator('.plan-error');
  await error.waitFor();
  const why = (await error.locator('p').first().innerText()).replace(/\s+/g, ' ');
  const buttons = await error.getByRole('button').allInnerTexts();
  assert.ok(buttons.length >= 2, buttons.join(' | '));
  // Each button is one of the remedies the message names, in its order.
  const advice = why.split(' — use ')[1] ?? '';
  let at = -1;
  for (const b of buttons) {
    assert.match(b, /^Use /);
    const i = advice.indexOf(b.slice(4));
    assert.ok(i > at, `"${b}" in order in "${advice}"`);
    at = i;
  }
  assert.ok(buttons.includes('Use a /17 VPC'), buttons.join(' | '));

  await error.getByRole('button', { name: 'Use a /17 VPC', exact: true }).click();
  await error.waitFor({ state: 'detached' });
  assert.equal(await planField(page, 'Primary').inputValue(), '10.0.0.0/17');
  await waitPlanRows(page, 9);
  assert.ok((await planRows(page)).every((r) => r.cidr.startsWith('10.0.')));

  // One undoable step: Undo gives back the /20 and its remedies.
  await page.getByRole('button', { name: '↶ Undo', exact: true }).click();
  await error.waitFor();
  assert.equal(await planField(page, 'Primary').inputValue(), '10.0.0.0/20');
  assert.deepEqual(await error.getByRole('button').allInnerTexts(), buttons);

  // A remedy on another field: three zones of /24 + /23 + /24 fit in /22 blocks of the /20.
  await error.getByRole('button', { name: 'Use /23 private subnets', exact: true }).click();
  await error.waitFor({ state: 'detached' });
  assert.equal(await planField(page, 'Tier 2 size').inputValue(), '/23');
  await waitPlanRows(page, 9);
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

test('on a phone (360 px) the planner never scrolls sideways and every row shows its whole CIDR', T, async () => {
  page = await freshPage(s, '', { width: 360, height: 800 });
  await openPlanner(page);
  await waitPlanRows(page, 9);
  await settle(page);
  const m = await page.evaluate(() => {
    const wide = [...document.querySelectorAll('.planner *')]
      .map((el) => ({ el: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`, right: Math.round(el.getBoundingClientRect().right) }))
      .filter((x) => x.right > innerWidth);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, wide: wide.slice(0, 5) };
  });
  assert.ok(
    m.scrollWidth <= m.innerWidth,
    `the page is ${m.scrollWidth}px wide in a ${m.innerWidth}px viewport; wider than the screen: ${m.wide.map((w) => `${w.el} (right edge ${w.right}px)`).join(', ')}`,
  );
  // The diagram fits the screen too.
  const svgRight = await page.locator('svg.diagram').evaluate((el) => el.getBoundingClientRect().right);
  assert.ok(svgRight <= 360, `the diagram ends at ${svgRight}px`);
  // Each row's CIDR, its primary value, is on screen whole: inside the viewport, inside the
  // table's own scroll box (nothing hidden behind a sideways scroll) and not clipped.
  const cells = await page.evaluate(() =>
    [...document.querySelectorAll('.plan-table tbody tr')].map((tr) => {
      const td = tr.children[3];
      const r = td.getBoundingClientRect();
      const box = td.closest('.plan-table-wrap').getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(td);
      const text = range.getBoundingClientRect();
      return {
        cidr: td.textContent.trim(),
        inView: r.left >= 0 && r.right <= innerWidth && r.left >= box.left && r.right <= box.right,
        textInside: text.left >= r.left - 0.5 && text.right <= r.right + 0.5 && text.right <= innerWidth,
        clipped: td.scrollWidth > td.clientWidth,
      };
    }),
  );
  assert.equal(cells.length, 9);
  for (const c of cells) {
    assert.ok(c.inView && c.textInside && !c.clipped, `${c.cidr} is not fully visible: ${JSON.stringify(c)}`);
  }
  s.assertClean();
});

test('at 1280 px, opened first, the planner never scrolls sideways: a wide table scrolls in its own box', T, async () => {
  // A secondary block makes the cidrsubnet() column wide. Opened straight from a reload of the
  // planner tab, so only the planner's own stylesheet is loaded (not the designer's).
  await awsPreset();
  await page.getByRole('button', { name: '+ Secondary block', exact: true }).click();
  await planField(page, 'Secondary 1').waitFor();
  await setPlanField(page, 'Secondary 1', '100.64.0.0/16');
  await page.reload({ waitUntil: 'load' });
  await waitPlanRows(page, 9);
  await settle(page);
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth,
    designerCss: [...document.styleSheets].some((sh) => /designer-/.test(sh.href ?? '')),
    box: getComputedStyle(document.querySelector('.plan-table-wrap')).overflowX,
    bar: document.querySelector('.usage-bar')?.getBoundingClientRect().height ?? 0,
  }));
  assert.equal(m.designerCss, false, 'the designer\'s stylesheet is not loaded');
  assert.ok(m.scrollWidth <= m.innerWidth, `the page is ${m.scrollWidth}px wide in a ${m.innerWidth}px viewport`);
  assert.equal(m.box, 'auto', 'the table scrolls inside its box');
  assert.ok(m.bar >= 6, `the usage bar is drawn (${m.bar}px high)`);
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
  assert.equal(width, 1200, 'a document width, not the screen\'s');

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

/** The export image's background colour (the first rect, class "background"). */
const background = (svgText) => /<rect class="background"[^>]*fill="([^"]+)"/.exec(svgText)?.[1];

test('SVG/PNG from a dark phone: 1200 px wide, light unless "Dark image" is chosen, subtitle whole', T, async () => {
  page = await freshPage(s, '', { width: 375, height: 812, colorScheme: 'dark' });
  await openPlanner(page);
  await waitPlanRows(page, 9);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the page is dark');
  const light = await downloadOf(page, () => page.getByRole('button', { name: 'Export SVG', exact: true }).click());
  assert.match(light.text, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1200"/);
  assert.equal(background(light.text), '#ffffff', 'a light image by default');
  // The subtitle is whole at the document width (on a 327 px export it was cut with "…").
  assert.match(light.text, />AWS · us-east-1 · zone-major layout · 3 zones</);

  await page.getByRole('combobox', { name: 'Theme of the exported image' }).selectOption('dark');
  const dark = await downloadOf(page, () => page.getByRole('button', { name: 'Export SVG', exact: true }).click());
  assert.notEqual(background(dark.text), background(light.text), 'the dark image has the dark background');
  const png = await downloadOf(page, () => page.getByRole('button', { name: 'Export PNG', exact: true }).click());
  assert.equal(png.buffer.readUInt32BE(16), 2400, 'PNG at twice the document width');
  s.assertClean();
});

/** Fills the Primary and Tier 2 size of the AWS preset so that the form no longer fits. */
async function formThatDoesNotFit() {
  await awsPreset();
  await setPlanField(page, 'Primary', '10.20.0.0/17');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody tr')?.children[3].textContent.startsWith('10.20.'));
  const fitted = await planRows(page);
  await setPlanField(page, 'Tier 2 size', '/18');
  await page.locator('.plan-error').waitFor();
  return fitted;
}

/** The diagram's subtitle ("AWS · us-east-1 · zone-major layout · 3 zones"). */
const subtitle = (p) => p.locator('svg.diagram text').evaluateAll((ts) => ts.map((t) => t.textContent).find((t) => / layout · /.test(t)));

/** What the planner shows: form values, table, labels, status and which exports are on. */
async function screenState(p) {
  const enabled = async (name) => p.getByRole('button', { name, exact: true }).isEnabled();
  return {
    primary: await planField(p, 'Primary').inputValue(),
    size: await planField(p, 'Tier 2 size').inputValue(),
    rows: await planRows(p),
    labels: await p.locator('.stale-label').evaluateAll((els) => els.map((e) => e.textContent.trim()).filter(Boolean)),
    status: (await p.locator('.plan-error').innerText()).replace(/\s+/g, ' ').trim(),
    subtitle: await subtitle(p),
    exports: { copy: await enabled('Copy'), download: await enabled('Download'), svg: await enabled('Export SVG'), png: await enabled('Export PNG') },
  };
}

test('a form that does not fit: the last plan that fitted is labelled everywhere and nothing exports it', T, async () => {
  const fitted = await formThatDoesNotFit();
  const state = await screenState(page);
  assert.deepEqual(state.rows, fitted, 'the table is the last plan that fitted');
  assert.ok(fitted.every((r) => r.cidr.startsWith('10.20.')), 'which is the /17, not the preset');
  assert.deepEqual(state.labels, [
    'Last plan that fitted — not the form',
    'Last plan that fitted — not the form',
    'The form does not fit: Copy and Download wait until it does. The preview is the last plan that fitted.',
  ]);
  assert.match(state.status, /Showing the last plan that fitted \(10\.20\.0\.0\/17 · Zone-major\)\. The form differs from it in: tiers\./);
  assert.deepEqual(state.exports, { copy: false, download: false, svg: false, png: false });
  assert.equal(await page.getByRole('region', { name: 'Export' }).locator('pre').getAttribute('aria-label'), 'Exported text of the last plan that fitted');

  // The diagram's labels describe the plan drawn, not the form: switch the form to tier-major.
  await page.getByRole('radio', { name: /^Tier-major/ }).check();
  await page.waitForFunction(() => /in: tiers, layout\./.test(document.querySelector('.plan-error')?.textContent ?? ''));
  assert.match(await subtitle(page), /zone-major layout/);
  assert.deepEqual(await planRows(page), fitted);

  // Back to a size that fits: the labels go and the exports come back, for the form's plan.
  await setPlanField(page, 'Tier 2 size', '/21');
  await page.locator('.plan-error').waitFor({ state: 'detached' });
  assert.equal(await page.locator('.stale-label').evaluateAll((els) => els.filter((e) => e.textContent.trim()).length), 0);
  assert.match(await subtitle(page), /tier-major layout/);
  assert.ok(await page.getByRole('button', { name: 'Download', exact: true }).isEnabled());
  s.assertClean();
});

test('a plan an older planner saved as JSON opens once, then is saved as a link', T, async () => {
  await awsPreset();
  await setPlanField(page, 'Tier 1 name', 'web');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim() === 'web-a');
  const edited = await planRows(page);
  await page.getByRole('combobox', { name: 'Format' }).selectOption('json');
  await page.waitForFunction(() => document.querySelector('.exports pre')?.textContent.includes('"cidrplan-export"'));
  const exported = JSON.parse(await page.locator('.exports pre').innerText());
  // What planners before the link autosave kept: the form as plan JSON under the v1 key.
  await page.evaluate((plan) => {
    localStorage.clear();
    localStorage.setItem('cidrplan.v1.plan', JSON.stringify(plan));
    localStorage.setItem('cidrplan.v1.tab', 'planner');
  }, exported.plan);
  await load(s, page, '');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim() === 'web-a');
  assert.deepEqual(await planRows(page), edited);
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'the saved plan opens without asking');
  // Read once: the JSON key goes, the plan is saved as its link, and a reload reads that.
  await page.waitForFunction(() => localStorage.getItem('cidrplan.v1.plan') === null);
  assert.match(await page.evaluate(() => localStorage.getItem('cidrplan.v2.plan')), /^#?v2\./);
  await load(s, page, '');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim() === 'web-a');
  assert.deepEqual(await planRows(page), edited);
  s.assertClean();
});

test('a form that does not fit: its link and a reload open to exactly the same page', T, async () => {
  await formThatDoesNotFit();
  const before = await screenState(page);
  const frag = await fragment(page);

  // A fresh browser opens the link: the same form, drawing, labels and disabled exports.
  const other = await startSession();
  try {
    const p2 = await other.open(`#${frag}`);
    await p2.locator('.plan-error').waitFor();
    await waitPlanRows(p2, 9);
    assert.deepEqual(await screenState(p2), before);
    assert.equal(await p2.getByRole('alertdialog').count(), 0, 'a fresh browser opens the plan without asking');
    assert.equal(await fragment(p2), frag);
    other.assertClean();
  } finally {
    await other.close();
  }

  // A reload keeps the half-typed form and the last plan that fitted, and asks nothing.
  await page.reload({ waitUntil: 'load' });
  await page.locator('.plan-error').waitFor();
  await waitPlanRows(page, 9);
  assert.deepEqual(await screenState(page), before);
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  assert.equal(await fragment(page), frag);
  // So does a reload from the autosave alone (no link).
  await load(s, page, '');
  await page.locator('.plan-error').waitFor();
  await waitPlanRows(page, 9);
  assert.deepEqual(await screenState(page), before);
  s.assertClean();
});

test('Undo and Redo buttons on the planner', T, async () => {
  await awsPreset();
  const undo = page.getByRole('button', { name: '↶ Undo', exact: true });
  const redo = page.getByRole('button', { name: '↷ Redo', exact: true });
  assert.equal(await redo.isDisabled(), true);
  await page.getByRole('button', { name: 'One more zone', exact: true }).click();
  await waitPlanRows(page, 12);
  await undo.click();
  await waitPlanRows(page, 9);
  assert.deepEqual(await planRows(page), AWS_3AZ);
  assert.equal(await redo.isEnabled(), true);
  await redo.click();
  await waitPlanRows(page, 12);
  assert.equal(await zoneCount(), '4 zones');
  assert.equal(await redo.isDisabled(), true);
  s.assertClean();
});

const IMPORTED = {
  format: 'cidrplan-plan',
  version: 1,
  name: 'imported',
  provider: 'aws',
  region: 'eu-west-1',
  vpc: ['10.30.0.0/16'],
  zones: ['eu-west-1a', 'eu-west-1b'],
  tiers: [{ name: 'web', kind: 'public', prefix: 24 }, { name: 'app', kind: 'private', hosts: 1000 }],
};

/** Chooses a file named `name` holding `text` in the planner's "Import JSON". */
async function importFile(name, text) {
  await page.locator('.exports input[type="file"]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('Import JSON beside the export: a bad file says why; a plan replaces a preset at once, edited work asks', T, async () => {
  await awsPreset();
  const err = page.locator('.exports .import-error');
  await importFile('notes.json', '{"hello": ');
  await page.waitForFunction(() => /notes\.json is not a plan/.test(document.querySelector('.exports .import-error')?.textContent ?? ''));
  assert.match(await err.innerText(), /not a cidrplan plan file/);
  await importFile('bad-size.json', JSON.stringify({ ...IMPORTED, tiers: [{ name: 'web', size: '//24' }] }));
  await page.waitForFunction(() => /tiers\[0\]\.size/.test(document.querySelector('.exports .import-error')?.textContent ?? ''));
  assert.deepEqual(await planRows(page), AWS_3AZ, 'nothing changed');

  // Over an untouched preset: opened at once, one undo away.
  await importFile('plan.json', JSON.stringify(IMPORTED));
  await waitPlanRows(page, 4);
  assert.equal((await err.innerText()).trim(), '');
  assert.deepEqual((await planRows(page)).map((r) => r.name), ['web-a', 'app-a', 'web-b', 'app-b']);
  assert.equal(await planField(page, 'Region').inputValue(), 'eu-west-1');
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  await page.getByRole('button', { name: '↶ Undo', exact: true }).click();
  await waitPlanRows(page, 9);

  // Over edited work: the same "Open … / Keep mine" choice as a link.
  await setPlanField(page, 'Tier 3 name', 'db');
  await page.waitForFunction(() => [...document.querySelectorAll('.plan-table tbody th')].some((th) => th.textContent.trim() === 'db-a'));
  const mine = await planRows(page);
  await importFile('plan.json', JSON.stringify(IMPORTED));
  const prompt = page.getByRole('alertdialog');
  await prompt.waitFor();
  assert.match(await prompt.innerText(), /This file holds the VPC plan "imported" \(AWS\)/);
  await page.getByRole('button', { name: 'Keep mine' }).click();
  await prompt.waitFor({ state: 'detached' });
  assert.deepEqual(await planRows(page), mine);
  await importFile('plan.json', JSON.stringify(IMPORTED));
  await prompt.waitFor();
  await page.getByRole('button', { name: "Open the file's plan" }).click();
  await waitPlanRows(page, 4);
  s.assertClean();
});

test('Import JSON reads back what Export JSON wrote', T, async () => {
  await awsPreset();
  await setPlanField(page, 'Tier 1 name', 'web');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim() === 'web-a');
  const edited = await planRows(page);
  await page.getByRole('combobox', { name: 'Format' }).selectOption('json');
  const file = await downloadOf(page, () => page.getByRole('button', { name: 'Download', exact: true }).click());
  assert.match(file.text, /"format": "cidrplan-export"/);
  await page.getByRole('button', { name: '↶ Undo', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim() === 'public-a');
  await importFile(file.name, file.text);
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim() === 'web-a');
  assert.deepEqual(await planRows(page), edited);
  assert.equal((await page.locator('.exports .import-error').innerText()).trim(), '');
  s.assertClean();
});

test('Tier size: a bare number says how it was read; the provider limit reads the right way round', T, async () => {
  await awsPreset();
  const hint = () => page.locator('.tier-row').nth(1).locator('.field-hint').innerText();
  const err = () => page.locator('.tier-row').nth(1).locator('.tier-size .field-error').innerText();
  await setPlanField(page, 'Tier 2 size', '21');
  await page.waitForFunction(() => /\/21$/.test(document.querySelectorAll('.plan-table tbody tr')[1]?.children[3].textContent.trim()));
  assert.equal(await hint(), 'read as /21 — type 21 hosts for hosts');
  await setPlanField(page, 'Tier 2 size', '33');
  await page.waitForFunction(() => /\/26$/.test(document.querySelectorAll('.plan-table tbody tr')[1]?.children[3].textContent.trim()));
  assert.equal(await hint(), 'read as 33 hosts — prefixes go up to /32');
  await setPlanField(page, 'Tier 2 size', '/21');
  await page.waitForFunction(() => /\/21$/.test(document.querySelectorAll('.plan-table tbody tr')[1]?.children[3].textContent.trim()));
  assert.equal(await page.locator('.tier-row').nth(1).locator('.field-hint').count(), 1);
  assert.equal((await page.locator('.tier-row').nth(1).locator('.field-hint').textContent()).trim(), '', 'a written size needs no hint');
  await setPlanField(page, 'Tier 2 size', '30');
  await page.waitForFunction(() => document.querySelectorAll('.tier-row')[1]?.querySelector('input[aria-invalid="true"]'));
  assert.equal(await hint(), 'read as /30 — type 30 hosts for hosts');
  assert.equal(await err(), 'Tier private: AWS subnets are no smaller than /28 (16 addresses); /30 is smaller');
  s.assertClean();
});

test('one prefix parser: "//22" is refused in Spare block per zone, "/22" and "22" are taken', T, async () => {
  await awsPreset();
  const spare = planField(page, 'Spare block per zone');
  await spare.fill('//22');
  await page.waitForFunction(() => /did you mean \/22\?/.test(document.querySelector('#f-spare-block-per-zone-err')?.textContent ?? ''));
  assert.equal(await spare.getAttribute('aria-invalid'), 'true');
  const frag = await fragment(page);
  await spare.fill('22');
  await page.waitForFunction((f) => location.hash.slice(1) !== f, frag);
  assert.equal(await spare.getAttribute('aria-invalid'), 'false');
  await blurAll(page);
  await page.getByRole('button', { name: '↶ Undo', exact: true }).click();
  await page.waitForFunction((f) => location.hash.slice(1) === f, frag);
  await spare.fill('/22');
  await page.waitForFunction((f) => location.hash.slice(1) !== f, frag);
  s.assertClean();
});

test('the form follows the core\'s checks: an empty region is a plan, an empty zone name is kept in its field', T, async () => {
  await awsPreset();
  const frag = await fragment(page);
  const region = planField(page, 'Region');
  await region.fill('');
  await page.waitForFunction((f) => location.hash.slice(1) !== f, frag);
  assert.equal(await region.getAttribute('aria-invalid'), 'false', 'the core allows an empty region');
  assert.equal(await page.locator('.plan-error').count(), 0);
  // Zone names at the region's default follow it (us-east-1a → a), the subnets stay.
  assert.deepEqual(await planRows(page), AWS_3AZ.map((r) => ({ ...r, zone: r.zone.slice(-1) })));

  const withoutRegion = await fragment(page);
  const zone = planField(page, 'Zone 2');
  await zone.fill('');
  await page.waitForFunction(() => document.querySelector('#f-zone-2-err')?.textContent === 'Enter a zone name');
  assert.equal(await fragment(page), withoutRegion, 'not written: no save or link could hold it');
  // A duplicate name can be held, and the core's check says what is wrong with it.
  await zone.fill('a');
  await page.waitForFunction(() => document.querySelector('#f-zone-2-err')?.textContent === "Zone 'a' is listed twice");
  assert.notEqual(await fragment(page), withoutRegion);
  s.assertClean();
});

test('the preset select names the plan\'s preset, "Custom (edited)" once edited, and its text fits', T, async () => {
  page = await freshPage(s);
  await openPlanner(page);
  const select = page.locator('.plan-form select').first();
  const shown = () => select.evaluate((el) => el.options[el.selectedIndex].text);
  assert.equal(await shown(), 'AWS 3 AZ', 'the first visit shows the preset it is');
  const fits = await select.evaluate((el) => {
    const probe = document.createElement('span');
    probe.style.font = getComputedStyle(el).font;
    probe.style.position = 'absolute';
    probe.textContent = [...el.options].map((o) => o.text).sort((a, b) => b.length - a.length)[0];
    document.body.append(probe);
    const w = probe.getBoundingClientRect().width;
    probe.remove();
    return { text: w, room: el.clientWidth - 40 };
  });
  assert.ok(fits.text <= fits.room, `the longest option needs ${fits.text}px, the select has ${fits.room}px`);
  await setPlanField(page, 'Tier 1 name', 'web');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim() === 'web-a');
  assert.equal(await shown(), 'Custom (edited)');
  await choosePreset(page, 'gcp-regional');
  await page.waitForFunction(() => document.querySelector('.plan-table tbody th')?.textContent.trim().startsWith('app'));
  assert.equal(await shown(), 'GCP regional');
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
