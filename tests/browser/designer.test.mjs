// Subnets tab (visual designer) in real Chromium: split/join, notes and colours, the summary,
// bulk splits, the windowed table, undo/redo by button and keyboard, cloud-mode limits, and
// moving the base network.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import {
  blurAll,
  domLeaves,
  freshPage,
  join,
  noteOf,
  openDesigner,
  setBase,
  setColour,
  setNote,
  settle,
  split,
  splitAllTo,
  summaryText,
  waitLeaves,
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

/** A fresh designer on the default 10.0.0.0/16. */
async function freshDesigner() {
  page = await freshPage(s);
  await openDesigner(page);
  assert.equal(await page.locator('#base-input').inputValue(), '10.0.0.0/16');
  await waitLeaves(page, 1);
  return page;
}

const cidrs = async () => (await domLeaves(page)).map((l) => l.cidr);

test('split twice, note and colour a leaf, summary follows; join restores', T, async () => {
  await freshDesigner();
  assert.match(await summaryText(page), /^1 subnet · 0 addresses noted \(0\.0%\) · 65,536 free \(100\.0%\) · 65,536 in 10\.0\.0\.0\/16/);

  await split(page, '10.0.0.0/16');
  await split(page, '10.0.128.0/17');
  assert.deepEqual(await cidrs(), ['10.0.0.0/17', '10.0.128.0/18', '10.0.192.0/18']);
  assert.match(await summaryText(page), /^3 subnets · 0 addresses noted/);

  await setNote(page, '10.0.128.0/18', 'databases');
  await setColour(page, '10.0.128.0/18', 'Blue');
  const leaf = (await domLeaves(page)).find((l) => l.cidr === '10.0.128.0/18');
  assert.deepEqual(leaf, { index: 1, cidr: '10.0.128.0/18', note: 'databases', color: 'blue' });
  assert.match(await summaryText(page), /^3 subnets · 16,384 addresses noted \(25\.0%\) · 49,152 free \(75\.0%\)/);
  // The colour is drawn on the row.
  const rowColor = await page.locator('tr.leaf[data-row="1"]').evaluate((tr) => tr.style.getPropertyValue('--row-color'));
  assert.match(rowColor, /leaf-blue/);

  // Joining the /17 merges its two /18s back; the merged leaf keeps the note and colour.
  await join(page, '10.0.128.0/17');
  assert.deepEqual(await domLeaves(page), [
    { index: 0, cidr: '10.0.0.0/17', note: '', color: '' },
    { index: 1, cidr: '10.0.128.0/17', note: 'databases', color: 'blue' },
  ]);
  assert.match(await summaryText(page), /^2 subnets · 32,768 addresses noted \(50\.0%\)/);
  await join(page, '10.0.0.0/16');
  assert.deepEqual(await cidrs(), ['10.0.0.0/16']);
  assert.match(await summaryText(page), /^1 subnet · 65,536 addresses noted \(100\.0%\)/);
  s.assertClean();
});

test('a leaf keeps its note when its neighbour is split', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await setNote(page, '10.0.0.0/17', 'web tier');
  await setNote(page, '10.0.128.0/17', 'app tier');
  await split(page, '10.0.128.0/17');
  assert.equal(await noteOf(page, '10.0.0.0/17'), 'web tier');
  // The split leaf's first half keeps its note, the second half is free.
  assert.equal(await noteOf(page, '10.0.128.0/18'), 'app tier');
  assert.equal(await noteOf(page, '10.0.192.0/18'), '');
  await split(page, '10.0.192.0/18');
  assert.equal(await noteOf(page, '10.0.0.0/17'), 'web tier');
  assert.equal(await noteOf(page, '10.0.128.0/18'), 'app tier');
  assert.match(await summaryText(page), /^4 subnets · 49,152 addresses noted/);
  s.assertClean();
});

test('"Split all" to /24: 256 leaves, a windowed table, the last row reachable by scrolling', T, async () => {
  await freshDesigner();
  await splitAllTo(page, 24);
  await waitLeaves(page, 256);
  assert.match(await page.locator('.bulk-note').innerText(), /256 leaves/);
  const inDom = await page.locator('.table-scroll tr.leaf').count();
  assert.ok(inDom > 0 && inDom < 100, `windowed: ${inDom} rows in the DOM for 256 leaves`);
  assert.deepEqual((await cidrs()).slice(0, 2), ['10.0.0.0/24', '10.0.1.0/24']);

  // The spacers keep the scroll height honest: 256 rows tall (34 px each) plus the header.
  const { scrollHeight, clientHeight } = await page.locator('.table-scroll').evaluate((el) => ({
    scrollHeight: el.scrollHeight,
    clientHeight: el.clientHeight,
  }));
  assert.ok(clientHeight < scrollHeight, 'the table scrolls inside its box');
  assert.ok(scrollHeight >= 256 * 34, `scrollHeight ${scrollHeight} covers 256 rows`);

  await page.locator('.table-scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const last = page.locator('.table-scroll tr.leaf', { has: page.locator('th', { hasText: /^10\.0\.255\.0\/24$/ }) });
  await last.waitFor({ timeout: 5_000 });
  assert.equal(await last.getAttribute('data-row'), '255');
  await settle(page);
  assert.equal(await last.isVisible(), true);
  const rows = await domLeaves(page);
  assert.ok(rows.length < 100, `still windowed at the bottom: ${rows.length} rows`);
  assert.ok(!rows.some((r) => r.cidr === '10.0.0.0/24'), 'the first row left the DOM');
  // The rows in the DOM are consecutive and in order.
  rows.forEach((r, i) => assert.equal(r.index, rows[0].index + i));
  s.assertClean();
});

test('"Equal parts" 5 rounds up to 8; "Join all" goes back to one', T, async () => {
  await freshDesigner();
  await page.getByRole('textbox', { name: 'Equal parts' }).fill('5');
  await page.getByRole('button', { name: 'Split into parts' }).click();
  await waitLeaves(page, 8);
  const note = await page.locator('.bulk-note').innerText();
  assert.match(note, /\b5\b/);
  assert.match(note, /\b8\b/);
  assert.match(note, /round/i);
  assert.deepEqual(await cidrs(), [0, 32, 64, 96, 128, 160, 192, 224].map((o) => `10.0.${o}.0/19`));
  await page.getByRole('button', { name: 'Join all' }).click();
  await waitLeaves(page, 1);
  assert.deepEqual(await cidrs(), ['10.0.0.0/16']);
  s.assertClean();
});

test('undo/redo with the buttons and with Ctrl+Z / Ctrl+Shift+Z', T, async () => {
  await freshDesigner();
  const undo = page.getByRole('button', { name: /Undo/ });
  const redo = page.getByRole('button', { name: /Redo/ });
  assert.equal(await undo.isDisabled(), true, 'nothing to undo yet');
  assert.equal(await redo.isDisabled(), true);

  await split(page, '10.0.0.0/16');
  await setNote(page, '10.0.0.0/17', 'kept');
  await split(page, '10.0.128.0/17');
  assert.deepEqual(await cidrs(), ['10.0.0.0/17', '10.0.128.0/18', '10.0.192.0/18']);

  // Buttons.
  await undo.click();
  await waitLeaves(page, 2);
  assert.deepEqual(await cidrs(), ['10.0.0.0/17', '10.0.128.0/17']);
  assert.equal(await redo.isDisabled(), false);
  await undo.click();
  await page.waitForFunction(() => document.querySelector('input[aria-label="Note for 10.0.0.0/17"]')?.value === '');
  await redo.click();
  await page.waitForFunction(() => document.querySelector('input[aria-label="Note for 10.0.0.0/17"]')?.value === 'kept');
  await redo.click();
  await waitLeaves(page, 3);
  assert.equal(await redo.isDisabled(), true, 'redo exhausted');

  // Keyboard, with the focus on the page rather than in a field.
  await blurAll(page);
  await page.keyboard.press('Control+z');
  await waitLeaves(page, 2);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await waitLeaves(page, 1);
  assert.equal(await undo.isDisabled(), true, 'back at the start');
  await blurAll(page);
  await page.keyboard.press('Control+Shift+z');
  await waitLeaves(page, 2);
  await page.keyboard.press('Control+Shift+Z');
  await page.keyboard.press('Control+Shift+Z');
  await waitLeaves(page, 3);
  assert.equal(await noteOf(page, '10.0.0.0/17'), 'kept');

  // Inside a text field Ctrl+Z belongs to the field: the design is untouched.
  const note = page.getByRole('textbox', { name: 'Note for 10.0.128.0/18' });
  await note.focus();
  await page.keyboard.press('Control+z');
  await settle(page);
  await waitLeaves(page, 3);

  // A new edit clears the redo stack.
  await blurAll(page);
  await page.keyboard.press('Control+z');
  await waitLeaves(page, 2);
  await split(page, '10.0.0.0/17');
  assert.equal(await redo.isDisabled(), true, 'a new edit drops the redo history');
  s.assertClean();
});

test('AWS mode refuses splitting a /28, saying why', T, async () => {
  await freshDesigner();
  await setBase(page, '10.0.0.0/27');
  await page.waitForFunction(() => document.querySelector('.table-scroll tr.leaf th')?.textContent.startsWith('10.0.0.0/27'));
  await page.locator('.designer select.mode-select').selectOption({ label: 'AWS' });
  await split(page, '10.0.0.0/27');
  assert.deepEqual(await cidrs(), ['10.0.0.0/28', '10.0.0.16/28']);

  await page.getByRole('button', { name: 'Split 10.0.0.0/28', exact: true }).click();
  const error = page.locator('.designer p.error[role=alert]');
  await error.waitFor();
  const msg = await error.innerText();
  assert.match(msg, /\/28/);
  assert.match(msg, /AWS/);
  assert.deepEqual(await cidrs(), ['10.0.0.0/28', '10.0.0.16/28'], 'nothing changed');

  // "Split all" is refused the same way.
  await splitAllTo(page, 29);
  await page.waitForFunction(() => /\/29/.test(document.querySelector('.designer p.error[role=alert]')?.textContent ?? ''));
  assert.match(await summaryText(page), /^2 subnets/);
  // A successful edit clears the message.
  await join(page, '10.0.0.0/27');
  await error.waitFor({ state: 'detached' });
  s.assertClean();
});

test('changing the base 10.0.0.0/16 → 10.1.0.0/16 moves the design, notes kept', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await split(page, '10.0.128.0/17');
  await setNote(page, '10.0.0.0/17', 'users');
  await setNote(page, '10.0.192.0/18', 'servers');
  await setColour(page, '10.0.192.0/18', 'Green');

  await setBase(page, '10.1.0.0/16');
  await page.waitForFunction(() => document.querySelector('.table-scroll tr.leaf th')?.textContent.startsWith('10.1.'));
  assert.deepEqual(await domLeaves(page), [
    { index: 0, cidr: '10.1.0.0/17', note: 'users', color: '' },
    { index: 1, cidr: '10.1.128.0/18', note: '', color: '' },
    { index: 2, cidr: '10.1.192.0/18', note: 'servers', color: 'green' },
  ]);
  assert.equal(await page.locator('#base-input').inputValue(), '10.1.0.0/16');
  assert.match(await summaryText(page), /in 10\.1\.0\.0\/16/);
  assert.equal(await page.locator('#base-input').getAttribute('aria-invalid'), 'false');

  // The move is one undoable step.
  await page.getByRole('button', { name: /Undo/ }).click();
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '10.0.0.0/16');
  assert.equal(await noteOf(page, '10.0.192.0/18'), 'servers');

  // A base that does not parse is reported and changes nothing.
  await setBase(page, '10.0.0.300/16');
  const err = page.locator('.designer p.error[role=alert]');
  await err.waitFor();
  assert.match(await err.innerText(), /300/);
  assert.equal(await page.locator('#base-input').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await cidrs(), ['10.0.0.0/17', '10.0.128.0/18', '10.0.192.0/18']);
  s.assertClean();
});

test('shrinking the base asks first: Cancel keeps the design, OK drops what does not fit', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await setNote(page, '10.0.0.0/17', 'keep me');
  await setNote(page, '10.0.128.0/17', 'dropped');
  const before = await domLeaves(page);

  const messages = [];
  page.once('dialog', (d) => {
    messages.push(d.message());
    d.dismiss();
  });
  await setBase(page, '10.0.0.0/17');
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '10.0.0.0/16');
  assert.equal(messages.length, 1, 'a confirmation was asked');
  assert.match(messages[0], /10\.0\.128\.0\/17/);
  assert.deepEqual(await domLeaves(page), before, 'Cancel changes nothing');

  page.once('dialog', (d) => {
    messages.push(d.message());
    d.accept();
  });
  await setBase(page, '10.0.0.0/17');
  await waitLeaves(page, 1);
  assert.equal(messages.length, 2);
  assert.deepEqual(await domLeaves(page), [{ index: 0, cidr: '10.0.0.0/17', note: 'keep me', color: '' }]);
  assert.match(await summaryText(page), /in 10\.0\.0\.0\/17/);
  s.assertClean();
});

test('the drop warning for one subnet is grammatical', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  let message = '';
  page.once('dialog', (d) => {
    message = d.message();
    d.dismiss();
  });
  await setBase(page, '10.0.0.0/17');
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '10.0.0.0/16');
  assert.match(message, /drops the subnet \S+, which does not fit/);
  assert.doesNotMatch(message, /1 subnet that do not fit/, `message: "${message}"`);
  s.assertClean();
});

test('IPv6: a /48 splits into 16 /52s (one hex digit)', T, async () => {
  page = await freshPage(s);
  await page.locator('#calc-input').fill('2001:db8::/48');
  await page.getByRole('button', { name: 'Split this in the designer' }).click();
  await page.locator('#base-input').waitFor();
  assert.equal(await page.locator('#base-input').inputValue(), '2001:db8::/48');
  await page.getByRole('button', { name: 'Split 2001:db8::/48 into 16', exact: true }).click();
  await waitLeaves(page, 16);
  const leaves = await cidrs();
  assert.equal(leaves[0], '2001:db8::/52');
  assert.equal(leaves[1], '2001:db8:0:1000::/52');
  assert.equal(leaves.at(-1), '2001:db8:0:f000::/52');
  await join(page, '2001:db8::/48');
  await waitLeaves(page, 1);
  s.assertClean();
});

test('a note typed, then Split clicked on its row: both happen', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  // Type a note and, without leaving the field first, click the row's split button: the
  // click commits the note (change on blur) and should split the row.
  await page.getByRole('textbox', { name: 'Note for 10.0.0.0/17', exact: true }).fill('typed, not yet committed');
  await page.getByRole('button', { name: 'Split 10.0.0.0/17', exact: true }).click();
  await settle(page);
  await page.waitForTimeout(200);
  const leaves = await domLeaves(page);
  assert.equal(leaves[0].note, 'typed, not yet committed', 'the note was committed');
  assert.deepEqual(
    leaves.map((l) => l.cidr),
    ['10.0.0.0/18', '10.0.64.0/18', '10.0.128.0/17'],
    'the click on "Split 10.0.0.0/17" was lost',
  );
  s.assertClean();
});

test('on a tall screen the windowed table fills its box (no blank band)', T, async () => {
  page = await freshPage(s, '', { width: 1280, height: 1600 });
  await openDesigner(page);
  await splitAllTo(page, 24);
  await waitLeaves(page, 256);
  await settle(page);
  const m = await page.locator('.table-scroll').evaluate((el) => {
    const box = el.getBoundingClientRect();
    const rows = [...el.querySelectorAll('tr.leaf')];
    return {
      boxBottom: Math.round(box.top + el.clientHeight),
      lastRowBottom: Math.round(rows.at(-1).getBoundingClientRect().bottom),
      rows: rows.length,
      clientHeight: el.clientHeight,
    };
  });
  assert.ok(
    m.lastRowBottom >= m.boxBottom - 1,
    `rows end at ${m.lastRowBottom}px but the table box ends at ${m.boxBottom}px (${m.boxBottom - m.lastRowBottom}px blank; ${m.rows} rows rendered for a ${m.clientHeight}px box, 256 leaves)`,
  );
  s.assertClean();
});

test('screenshots: a /16 design with splits, notes and colours', { timeout: 120_000 }, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await split(page, '10.0.0.0/17');
  await split(page, '10.0.128.0/17');
  await split(page, '10.0.0.0/18');
  await split(page, '10.0.192.0/18');
  await setNote(page, '10.0.0.0/19', 'Public subnets (a, b)');
  await setColour(page, '10.0.0.0/19', 'Green');
  await setNote(page, '10.0.32.0/19', 'Private app tier');
  await setColour(page, '10.0.32.0/19', 'Blue');
  await setNote(page, '10.0.64.0/18', 'Kubernetes pods');
  await setColour(page, '10.0.64.0/18', 'Purple');
  await setNote(page, '10.0.128.0/18', 'Databases');
  await setColour(page, '10.0.128.0/18', 'Orange');
  await setNote(page, '10.0.192.0/19', 'VPN clients');
  await setColour(page, '10.0.192.0/19', 'Teal');
  assert.match(await summaryText(page), /^6 subnets · 57,344 addresses noted/);
  await s.screenshots('designer', page);
  // The design survived the harness's reloads (autosave).
  assert.equal(await noteOf(page, '10.0.64.0/18'), 'Kubernetes pods');
  s.assertClean();
});
