// Subnets tab (visual designer) in real Chromium: split/join, notes and colours, the summary,
// bulk splits, the windowed table, undo/redo by button and keyboard, cloud-mode limits, and
// moving the base network. The "never loses work" half (issue #9 items 6-9): base changes that
// ask, notes committed as typed, undo across reloads, group labels on join bars, the prompt of
// "Split this in the designer", and several named designs, is in the second half of the file.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import {
  blurAll,
  domLeaves,
  fragment,
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
  waitMounted,
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

/** The text on the join bar of node `cidr` ("/17 us-east"). */
async function barText(p, cidr) {
  const t = await p.getByRole('button', { name: `Join ${cidr}`, exact: true }).innerText();
  return t.replace(/\s+/g, ' ').trim();
}

/** Waits for the designer's question about a base change and returns its text. */
async function baseQuestion(p) {
  const q = p.locator('.base-question[role=alertdialog]');
  await q.waitFor({ timeout: 10_000 });
  return (await q.locator('p').innerText()).replace(/\s+/g, ' ').trim();
}

/** Labels group `cidr` from its join bar, by keyboard: focus the label button, Enter, type, Enter. */
async function setLabel(p, cidr, text) {
  await p.getByRole('button', { name: `Label ${cidr}`, exact: true }).focus();
  await p.keyboard.press('Enter');
  const input = p.getByRole('textbox', { name: `Label for ${cidr}`, exact: true });
  await input.waitFor();
  await input.fill(text);
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
  await p.waitForFunction(
    ([c, t]) => document.querySelector(`button[aria-label="Join ${c}"]`)?.textContent.includes(t),
    [cidr, text],
  );
}

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

test('a leaf keeps its note when its neighbour is split; a split note becomes the group label', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await setNote(page, '10.0.0.0/17', 'web tier');
  await setNote(page, '10.0.128.0/17', 'app tier');
  await split(page, '10.0.128.0/17');
  assert.equal(await noteOf(page, '10.0.0.0/17'), 'web tier');
  // The split leaf's note is now the label of its group (on the join bar), not a part's note.
  assert.equal(await noteOf(page, '10.0.128.0/18'), '');
  assert.equal(await noteOf(page, '10.0.192.0/18'), '');
  assert.equal(await barText(page, '10.0.128.0/17'), '/17 app tier');
  await split(page, '10.0.192.0/18');
  assert.equal(await noteOf(page, '10.0.0.0/17'), 'web tier');
  assert.equal(await barText(page, '10.0.128.0/17'), '/17 app tier');
  assert.match(await summaryText(page), /^4 subnets · 32,768 addresses noted/);
  // Joining the group gives the leaf its note back.
  await join(page, '10.0.128.0/17');
  assert.equal(await noteOf(page, '10.0.128.0/17'), 'app tier');
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

test('shrinking the base asks first: Cancel keeps the design, dropping is one undoable step', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await setNote(page, '10.0.0.0/17', 'keep me');
  await setNote(page, '10.0.128.0/17', 'dropped');
  const before = await domLeaves(page);

  await setBase(page, '10.0.0.0/17');
  const question = await baseQuestion(page);
  assert.match(question, /drops the subnet 10\.0\.128\.0\/17, which does not fit/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '10.0.0.0/16');
  assert.deepEqual(await domLeaves(page), before, 'Cancel changes nothing');

  await setBase(page, '10.0.0.0/17');
  await baseQuestion(page);
  await page.getByRole('button', { name: 'Drop them and use 10.0.0.0/17' }).click();
  await waitLeaves(page, 1);
  assert.deepEqual(await domLeaves(page), [{ index: 0, cidr: '10.0.0.0/17', note: 'keep me', color: '' }]);
  assert.match(await summaryText(page), /in 10\.0\.0\.0\/17/);
  assert.equal(await page.locator('.base-question').count(), 0);
  await page.getByRole('button', { name: /Undo/ }).click();
  await waitLeaves(page, 2);
  assert.deepEqual(await domLeaves(page), before);
  s.assertClean();
});

test('the drop question for one subnet is grammatical', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await setBase(page, '10.0.0.0/17');
  const message = await baseQuestion(page);
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
  // note is committed (on leaving the field, if its pause has not passed) and the row splits.
  await page.getByRole('textbox', { name: 'Note for 10.0.0.0/17', exact: true }).fill('typed, not yet committed');
  await page.getByRole('button', { name: 'Split 10.0.0.0/17', exact: true }).click();
  await waitLeaves(page, 3);
  const leaves = await domLeaves(page);
  assert.deepEqual(
    leaves.map((l) => l.cidr),
    ['10.0.0.0/18', '10.0.64.0/18', '10.0.128.0/17'],
    'the click on "Split 10.0.0.0/17" was lost',
  );
  // The split leaf's note went to its group label.
  assert.equal(await barText(page, '10.0.0.0/17'), '/17 typed, not yet committed', 'the note was committed');
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
  await setLabel(page, '10.0.0.0/17', 'Workloads');
  await setLabel(page, '10.0.128.0/17', 'Shared services');
  assert.match(await summaryText(page), /^6 subnets · 57,344 addresses noted/);
  await s.screenshots('designer', page);
  // The design survived the harness's reloads (autosave).
  assert.equal(await noteOf(page, '10.0.64.0/18'), 'Kubernetes pods');
  assert.equal(await barText(page, '10.0.128.0/17'), '/17 Shared services');
  s.assertClean();
});

// ---------------------------------------------------------------------------------------------
// The designer never loses work (issue #9 items 6-9).

const KEY_LIBRARY = 'cidrplan.v1.designs';

test('a new base for an untouched design starts fresh as one leaf (/16 → /8, → an IPv6 /48)', T, async () => {
  await freshDesigner();
  await setBase(page, '10.0.0.0/8');
  await page.waitForFunction(() => /in 10\.0\.0\.0\/8/.test(document.querySelector('.summary p')?.textContent ?? ''));
  // The bug: 9 leaves (10.0.0.0/16, 10.1.0.0/16, 10.2.0.0/15 … 10.128.0.0/9).
  assert.deepEqual(await cidrs(), ['10.0.0.0/8']);
  assert.equal(await page.locator('.base-question').count(), 0, 'nothing to ask about');
  await setBase(page, '2001:db8:1234::/48');
  await page.waitForFunction(() => /in 2001:db8:1234::\/48/.test(document.querySelector('.summary p')?.textContent ?? ''));
  assert.deepEqual(await cidrs(), ['2001:db8:1234::/48'], 'not 65 leaves down to /112');
  assert.equal(await page.locator('.join-cell').count(), 0, 'no join bars');
  s.assertClean();
});

test('a larger base holding worked design offers "Keep … inside" or "Start fresh"', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await split(page, '10.0.128.0/17');
  await setNote(page, '10.0.0.0/17', 'users');
  const mine = await domLeaves(page);
  await setBase(page, '10.0.0.0/8');
  const question = await baseQuestion(page);
  assert.match(question, /10\.0\.0\.0\/8 holds your design \(3 subnets, 1 note\)/);
  assert.deepEqual(await domLeaves(page), mine, 'nothing changes before an answer');
  await page.getByRole('button', { name: 'Keep your 3 subnets inside 10.0.0.0/16 of the new /8' }).click();
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '10.0.0.0/8');
  await waitLeaves(page, 3 + 8);
  assert.deepEqual((await domLeaves(page)).slice(0, 3), mine);
  assert.match(await summaryText(page), /in 10\.0\.0\.0\/8/);
  // Undo, and this time start fresh: one /8.
  await page.getByRole('button', { name: /Undo/ }).click();
  await waitLeaves(page, 3);
  await setBase(page, '10.0.0.0/8');
  await baseQuestion(page);
  await page.getByRole('button', { name: 'Start fresh' }).click();
  await waitLeaves(page, 1);
  assert.deepEqual(await cidrs(), ['10.0.0.0/8']);
  await page.getByRole('button', { name: /Undo/ }).click();
  await waitLeaves(page, 3);
  assert.deepEqual(await domLeaves(page), mine, 'starting fresh is undoable');
  s.assertClean();
});

test('another IP version asks before replacing work; host bits and ranges get a message and a fix', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await setBase(page, '2001:db8:1234::/48');
  assert.match(await baseQuestion(page), /is an IPv6 network and your design \(2 subnets\) is IPv4/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '10.0.0.0/16');
  await waitLeaves(page, 2);

  const err = page.locator('.designer p.error[role=alert]');
  await setBase(page, '10.0.0.1/16');
  await err.waitFor();
  assert.match(await err.innerText(), /Host bits are set in 10\.0\.0\.1\/16 — use 10\.0\.0\.0\/16\?/);
  assert.equal(await page.locator('#base-input').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#base-input').inputValue(), '10.0.0.1/16', 'what was typed stays to be fixed');
  await waitLeaves(page, 2);

  // A range: a message, not a silent revert; the fix applies the network it names.
  await setBase(page, '10.0.0.0 - 10.0.3.255');
  await page.waitForFunction(() => /is a range/.test(document.querySelector('.designer p.error[role=alert]')?.textContent ?? ''));
  assert.match(await err.innerText(), /exactly the network 10\.0\.0\.0\/22/);
  await page.getByRole('button', { name: 'Use 10.0.0.0/22' }).click();
  assert.match(await baseQuestion(page), /drops the subnet 10\.0\.128\.0\/17/);
  await page.getByRole('button', { name: 'Drop them and use 10.0.0.0/22' }).click();
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '10.0.0.0/22');
  assert.deepEqual(await cidrs(), ['10.0.0.0/22']);
  assert.equal(await err.count(), 0);
  s.assertClean();
});

test('a note typed and the page reloaded without leaving the field: the note is kept', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await page.getByRole('textbox', { name: 'Note for 10.0.128.0/17', exact: true }).fill('typed, then reloaded');
  await page.reload();
  await waitMounted(page);
  await page.locator('#base-input').waitFor();
  await waitLeaves(page, 2);
  assert.equal(await noteOf(page, '10.0.128.0/17'), 'typed, then reloaded');
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'the old link in the address bar is not offered as a shared design');
  // Typing commits by itself after a pause too, as one undo step for the whole note.
  const input = page.getByRole('textbox', { name: 'Note for 10.0.0.0/17', exact: true });
  const before = await page.evaluate(() => localStorage.getItem('cidrplan.v2.design'));
  await input.focus();
  for (const ch of 'web tier') await page.keyboard.type(ch, { delay: 40 });
  // Saved (the saved design is the link the address bar shows) while the field has the focus.
  await page.waitForFunction((b) => {
    const saved = localStorage.getItem('cidrplan.v2.design');
    return saved !== b && saved === location.hash.slice(1);
  }, before);
  assert.equal(await input.inputValue(), 'web tier', 'the space typed before "tier" survived the commits');
  await blurAll(page);
  await page.getByRole('button', { name: /Undo/ }).click();
  await page.waitForFunction(() => document.querySelector('input[aria-label="Note for 10.0.0.0/17"]')?.value === '');
  assert.equal(await noteOf(page, '10.0.128.0/17'), 'typed, then reloaded');
  s.assertClean();
});

test('undo and redo survive a reload', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await setNote(page, '10.0.0.0/17', 'kept');
  await split(page, '10.0.128.0/17');
  await page.getByRole('button', { name: /Undo/ }).click();
  await waitLeaves(page, 2);
  await page.reload();
  await waitMounted(page);
  await page.locator('#base-input').waitFor();
  await waitLeaves(page, 2);
  const undo = page.getByRole('button', { name: /Undo/ });
  const redo = page.getByRole('button', { name: /Redo/ });
  assert.equal(await undo.isDisabled(), false, 'undo is there after the reload');
  await redo.click();
  await waitLeaves(page, 3);
  await undo.click();
  await waitLeaves(page, 2);
  await undo.click();
  await page.waitForFunction(() => document.querySelector('input[aria-label="Note for 10.0.0.0/17"]')?.value === '');
  await undo.click();
  await waitLeaves(page, 1);
  assert.equal(await undo.isDisabled(), true, 'back at the start');
  // A history that cannot be read is dropped, not fatal.
  await page.evaluate(() => localStorage.setItem('cidrplan.v1.design.history', 'cidrplan-history 1\nu v2.*'));
  await page.reload();
  await waitMounted(page);
  await page.locator('#base-input').waitFor();
  assert.equal(await undo.isDisabled(), true);
  s.assertClean();
});

test('"Split this in the designer" over existing work asks: Keep mine, Open as a new design, Open', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await setNote(page, '10.0.0.0/17', 'my work');
  const mine = await domLeaves(page);
  const splitThis = async () => {
    await page.locator('#tab-calculator').click();
    await page.locator('#calc-input').fill('192.168.4.0/22');
    await page.getByRole('button', { name: 'Split this in the designer' }).click();
    const prompt = page.getByRole('alertdialog');
    await prompt.waitFor();
    return (await prompt.innerText()).replace(/\s+/g, ' ');
  };
  // The bug: the whole design was replaced without a word.
  assert.match(await splitThis(), /Split 192\.168\.4\.0\/22 in the designer\? That replaces your current design \(2 subnets, 1 note/);
  assert.deepEqual(await domLeaves(page), mine, 'nothing replaced before an answer');
  await page.getByRole('button', { name: 'Keep mine' }).click();
  await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  assert.deepEqual(await domLeaves(page), mine);

  await splitThis();
  await page.getByRole('button', { name: 'Open as a new design' }).click();
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '192.168.4.0/22');
  assert.deepEqual(await cidrs(), ['192.168.4.0/22']);
  assert.match(await page.locator('.designs-menu summary').innerText(), /192\.168\.4\.0\/22 \(shared\)/);
  // Mine is one click away, as it was.
  await page.locator('.designs-menu summary').click();
  await page.getByRole('button', { name: 'Open My design', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '10.0.0.0/16');
  assert.deepEqual(await domLeaves(page), mine);

  await splitThis();
  await page.getByRole('button', { name: 'Open 192.168.4.0/22', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '192.168.4.0/22');
  await page.getByRole('button', { name: /Undo/ }).click();
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '10.0.0.0/16');
  assert.deepEqual(await domLeaves(page), mine, 'opening it replaced mine as one undoable step');
  s.assertClean();
});

test('a group label typed on a join bar survives a join, a reload and a share link into a fresh browser', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await split(page, '10.0.0.0/17');
  await setLabel(page, '10.0.0.0/16', 'us-east');
  await setLabel(page, '10.0.0.0/17', 'prod');
  assert.equal(await barText(page, '10.0.0.0/16'), '/16 us-east');
  assert.equal(await barText(page, '10.0.0.0/17'), '/17 prod');
  // Escape leaves the label as it was; the focus goes back to the bar's label button.
  await page.getByRole('button', { name: 'Label 10.0.0.0/17', exact: true }).click();
  const input = page.getByRole('textbox', { name: 'Label for 10.0.0.0/17', exact: true });
  assert.equal(await input.inputValue(), 'prod');
  await input.fill('oops');
  await input.press('Escape');
  await input.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Label 10.0.0.0/17');
  assert.equal(await barText(page, '10.0.0.0/17'), '/17 prod');

  await page.reload();
  await waitMounted(page);
  await page.locator('#base-input').waitFor();
  assert.equal(await barText(page, '10.0.0.0/17'), '/17 prod');
  const link = page.url();
  const other = await startSession();
  try {
    const p2 = await other.open(new URL(link).hash);
    await p2.locator('#base-input').waitFor();
    await waitLeaves(p2, 3);
    assert.equal(await barText(p2, '10.0.0.0/16'), '/16 us-east');
    assert.equal(await barText(p2, '10.0.0.0/17'), '/17 prod');
    other.assertClean();
  } finally {
    await other.close();
  }
  // Joining the /17 keeps its label as the joined leaf's note.
  await join(page, '10.0.0.0/17');
  assert.equal(await noteOf(page, '10.0.0.0/17'), 'prod');
  s.assertClean();
});

test('joining two noted subnets keeps both notes', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await setNote(page, '10.0.0.0/17', 'web');
  await setNote(page, '10.0.128.0/17', 'db');
  await join(page, '10.0.0.0/16');
  assert.equal(await noteOf(page, '10.0.0.0/16'), 'web; db', 'the second note was dropped');
  s.assertClean();
});

test('named designs: save as, rename, open, delete; each keeps its own work', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await setNote(page, '10.0.0.0/17', 'office');
  const office = await domLeaves(page);
  const menu = page.locator('.designs-menu');
  const nameBox = menu.getByRole('textbox', { name: 'Name' });
  await menu.locator('summary').click();
  assert.equal(await nameBox.inputValue(), 'My design');
  await nameBox.fill('Office');
  await menu.getByRole('button', { name: 'Rename' }).click();
  await page.waitForFunction(() => document.querySelector('.designs-menu summary')?.textContent.includes('Office'));

  // "Save as new": a copy, opened; the original stays as it was.
  await nameBox.fill('Office v2');
  await menu.getByRole('button', { name: 'Save as new' }).click();
  await page.waitForFunction(() => document.querySelector('.designs-menu summary')?.textContent.includes('Office v2'));
  await split(page, '10.0.128.0/17');
  assert.equal(await page.getByRole('button', { name: /Undo/ }).isDisabled(), false);
  // The list: both, newest first, with base, subnets and last change.
  const rows = await menu.locator('.designs-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
  assert.equal(rows.length, 2);
  assert.match(rows[0], /^Office v2 10\.0\.0\.0\/16 3 just now open/);
  assert.match(rows[1], /^Office 10\.0\.0\.0\/16 2 just now Open/);

  // Opening the other saves this one first; its own undo history comes with it.
  await menu.getByRole('button', { name: 'Open Office', exact: true }).click();
  await waitLeaves(page, 2);
  assert.deepEqual(await domLeaves(page), office);
  assert.equal(await page.getByRole('button', { name: /Undo/ }).isDisabled(), false, 'Office has its undo steps');
  await page.reload();
  await waitMounted(page);
  await page.locator('#base-input').waitFor();
  await waitLeaves(page, 2);
  assert.match(await page.locator('.designs-menu summary').innerText(), /Office$/);
  await page.locator('.designs-menu summary').click();
  await page.getByRole('button', { name: 'Open Office v2', exact: true }).click();
  await waitLeaves(page, 3);

  // Delete asks; dismissing keeps it, accepting deletes it.
  page.once('dialog', (d) => d.dismiss());
  await menu.getByRole('button', { name: 'Delete Office', exact: true }).click();
  assert.equal(await menu.locator('.designs-table tbody tr').count(), 2);
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    d.accept();
  });
  await menu.getByRole('button', { name: 'Delete Office', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('.designs-table tbody tr').length === 1);
  assert.match(asked, /Delete the design "Office" \(2 subnets in 10\.0\.0\.0\/16\)\? This cannot be undone/);
  // The index: a header, the open design's id, one tab-separated line per design.
  const stored = (await page.evaluate((k) => localStorage.getItem(k), KEY_LIBRARY)).split('\n');
  assert.equal(stored[0], 'cidrplan-designs 1');
  assert.deepEqual(stored.slice(2).map((l) => l.split('\t').at(-1)), ['Office v2']);
  s.assertClean();
});

test('a damaged list of saved designs is kept aside and reported; the designs are found again', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await page.locator('.designs-menu summary').click();
  await page.locator('.designs-menu').getByRole('button', { name: 'New design' }).click();
  await page.waitForFunction(() => document.querySelector('.designs-menu summary')?.textContent.includes('Design 2'));
  await page.evaluate((k) => localStorage.setItem(k, 'cidrplan-designs 1\ncurr'), KEY_LIBRARY);
  await page.reload();
  await waitMounted(page);
  const banner = page.locator('.banner-error[role=alert]');
  await banner.waitFor();
  assert.match(await banner.innerText(), /The list of saved designs could not be read/);
  assert.match(await banner.innerText(), /cidrplan\.v1\.designs\.unreadable/);
  assert.equal(
    await page.evaluate((k) => localStorage.getItem(`${k}.unreadable`), KEY_LIBRARY),
    'cidrplan-designs 1\ncurr',
  );
  await page.locator('#tab-subnets').click();
  await page.locator('.designs-menu summary').click();
  const names = await page.locator('.designs-table tbody th').allInnerTexts();
  assert.deepEqual(names.sort(), ['My design', 'Recovered design 1']);
  await page.getByRole('button', { name: 'Open Recovered design 1', exact: true }).click();
  await waitLeaves(page, 2);
  s.assertClean();
});

// IPv6 in the designer (issue #9 item 10): one bar per hex digit, the RFC 7421 warning past
// /64, summaries in /64s, and usable counts that fit their column.

/** A fresh designer on IPv6 base `base`. */
async function freshV6(base) {
  await freshDesigner();
  await setBase(page, base);
  await page.waitForFunction((b) => document.querySelector('.summary p')?.textContent.includes(`in ${b}`), base);
  return page;
}

/** The bar columns: the header's span and the bar cells of the row of `cidr`. */
async function barColumns(p, cidr) {
  return p.evaluate((c) => {
    const row = [...document.querySelectorAll('.table-scroll tr.leaf')].find((tr) => tr.querySelector('th').firstChild.textContent.trim() === c);
    return {
      header: Number(document.querySelector('th.col-bars').colSpan),
      cells: [...row.querySelectorAll('td.bar')].map((td) => {
        const kind = td.classList.contains('join-cell') ? 'join' : 'split';
        return `${kind} ${td.querySelector('.join-button, .split-button').textContent.trim()}:${td.colSpan}`;
      }),
    };
  }, cidr);
}

test('IPv6: a /48 split by 16 twice draws one join bar per hex digit (3 columns, not 9)', T, async () => {
  await freshV6('2001:db8::/48');
  await page.getByRole('button', { name: 'Split 2001:db8::/48 into 16', exact: true }).click();
  await waitLeaves(page, 16);
  assert.deepEqual(await barColumns(page, '2001:db8::/52'), { header: 2, cells: ['join /48:1', 'split /52:1'] });
  await page.getByRole('button', { name: 'Split 2001:db8::/52 into 16', exact: true }).click();
  await waitLeaves(page, 31);
  assert.deepEqual(await barColumns(page, '2001:db8::/56'), { header: 3, cells: ['join /48:1', 'join /52:1', 'split /56:1'] });
  // A /52 beside it reaches the right edge; there is no /49, /50 or /51 bar to click.
  assert.deepEqual(await barColumns(page, '2001:db8:0:1000::/52'), { header: 3, cells: ['split /52:2'] });
  assert.equal(await page.getByRole('button', { name: 'Join 2001:db8::/49', exact: true }).count(), 0);
  // Halving stays binary: a /56 split in two adds one column.
  await split(page, '2001:db8::/56');
  assert.equal((await barColumns(page, '2001:db8::/57')).header, 4);
  // Joining a 16-way bar joins all 16.
  await join(page, '2001:db8::/52');
  await waitLeaves(page, 16);
  assert.equal((await barColumns(page, '2001:db8::/52')).header, 2);
  s.assertClean();
});

test('IPv6: splitting a /64 in Standard mode is allowed with an RFC 7421 warning', T, async () => {
  await freshV6('2001:db8::/64');
  assert.equal(await page.locator('.size-warning').count(), 0);
  await split(page, '2001:db8::/64');
  const warning = page.locator('.summary .size-warning[role=status]');
  await warning.waitFor();
  assert.match(await warning.innerText(), /^2 subnets are longer than \/64 \(\/65\)\. SLAAC .*RFC 7421/);
  assert.equal(await page.locator('.designer p.error').count(), 0, 'a warning, not an error');
  const mark = page.locator('tr.leaf th .problem-mark').first();
  assert.match(await mark.getAttribute('aria-label'), /SLAAC.*RFC 7421/);
  await join(page, '2001:db8::/64');
  await warning.waitFor({ state: 'detached' });
  s.assertClean();
});

test('IPv6: the summary counts /64s and lists free blocks by size', T, async () => {
  await freshV6('2001:db8::/48');
  assert.match(await summaryText(page), /^1 subnet in 2001:db8::\/48 · 0 of 65,536 \/64s noted \(0\.0%\) · Free: 1 × \/48 \(100\.0%\)/);
  await page.getByRole('button', { name: 'Split 2001:db8::/48 into 16', exact: true }).click();
  await waitLeaves(page, 16);
  await setNote(page, '2001:db8::/52', 'site A');
  await page.waitForFunction(() => document.querySelector('.summary p')?.textContent.includes('4,096 of 65,536 /64s noted'));
  assert.match(await summaryText(page), /^16 subnets in 2001:db8::\/48 · 4,096 of 65,536 \/64s noted \(6\.3%\) · Free: 15 × \/52 \(93\.8%\)/);
  s.assertClean();
});

test('IPv6: usable counts of a /48 split into /64s fit their cells at 1280 and 360 px', T, async () => {
  await freshV6('2001:db8::/48');
  await splitAllTo(page, 64);
  await waitLeaves(page, 65_536, 60_000);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await settle(page);
    const cells = await page.evaluate(() =>
      [...document.querySelectorAll('.table-scroll tr.leaf td.col-hosts')].map((td) => ({
        text: td.textContent,
        title: td.title,
        scroll: td.scrollWidth,
        client: td.clientWidth,
      })),
    );
    assert.ok(cells.length > 10, `${cells.length} rows drawn`);
    for (const c of cells) {
      assert.equal(c.text, '2⁶⁴ − 1');
      assert.equal(c.title, '18,446,744,073,709,551,615', 'the exact count in the tooltip');
      assert.ok(c.scroll <= c.client, `at ${width} px the cell shows ${c.client} of ${c.scroll} px`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  s.assertClean();
});

// Issue #9 item 9: one row's bulk tools, Go to, Markdown/TSV copy.

test('a row\'s tools split it to /N and into 5 parts (rounded to 8); another row\'s note survives', T, async () => {
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await waitLeaves(page, 2);
  await setNote(page, '10.0.128.0/17', 'keep me');
  await page.getByRole('button', { name: 'Tools for 10.0.0.0/17', exact: true }).click();
  const dlg = page.getByRole('dialog', { name: 'Tools for 10.0.0.0/17' });
  await dlg.getByRole('textbox', { name: 'Split to /' }).fill('19');
  await dlg.getByRole('button', { name: 'Split', exact: true }).click();
  await waitLeaves(page, 5);
  assert.equal(await noteOf(page, '10.0.128.0/17'), 'keep me');
  // Escape closes the popover (it covers the rows below it).
  await page.keyboard.press('Escape');
  await dlg.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Tools for 10.0.128.0/17', exact: true }).click();
  const dlg2 = page.getByRole('dialog', { name: 'Tools for 10.0.128.0/17' });
  await dlg2.getByRole('textbox', { name: 'Into' }).fill('5');
  await dlg2.getByRole('button', { name: 'parts', exact: true }).click();
  await waitLeaves(page, 12);
  assert.match(await dlg2.locator('.row-tools-note').innerText(), /Rounded 5 up to 8/);
  await page.keyboard.press('Escape');
  s.assertClean();
});

test('Go to an address in a 16,384-row table shows that row; outside the base says so', T, async () => {
  await freshDesigner();
  await splitAllTo(page, 30);
  await waitLeaves(page, 16384);
  const field = page.getByRole('textbox', { name: 'Go to' });
  await field.fill('10.0.200.9');
  await field.press('Enter');
  const row = page.locator('.table-scroll tr.leaf.jumped');
  await row.waitFor({ timeout: 5_000 });
  assert.equal(await row.locator('th').innerText(), '10.0.200.8/30');
  await settle(page);
  assert.equal(await row.isVisible(), true);
  await field.fill('10.9.0.1');
  await field.press('Enter');
  await page.locator('.go-to-error', { hasText: '10.9.0.1 is outside the base network 10.0.0.0/16' }).waitFor();
  s.assertClean();
});

test('Copy Markdown puts the design table on the clipboard', T, async () => {
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(s.url).origin });
  await freshDesigner();
  await split(page, '10.0.0.0/16');
  await waitLeaves(page, 2);
  await setNote(page, '10.0.0.0/17', 'a|b');
  await blurAll(page);
  await page.getByRole('button', { name: 'Copy Markdown' }).click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes('| 10.0.0.0/17 | /17 |'));
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^\| Subnet \| Prefix \|/);
  assert.match(text, /a\\\|b/);
  await page.locator('.copy-note', { hasText: 'Copied' }).waitFor();
  s.assertClean();
});

// An older designer saved designs as JSON; this one saves them as links and reads the old
// keys once, through the exports module's JSON reader.
test('designs saved as JSON by an older designer open, are saved as links, and the old keys go', T, async () => {
  await freshDesigner();
  const open = {
    format: 'cidrplan-design', version: 2, base: '10.0.0.0/16', mode: 'aws',
    subnets: [{ subnet: '10.0.0.0/17', note: 'web tier', color: 'blue' }, { subnet: '10.0.128.0/17' }],
    labels: [{ node: '10.0.0.0/16', note: 'us-east' }],
  };
  const other = { format: 'cidrplan-design', version: 1, base: '192.168.0.0/24', subnets: [{ subnet: '192.168.0.0/25', note: 'lab' }, { subnet: '192.168.0.128/25' }] };
  await page.evaluate(([a, b]) => {
    localStorage.clear();
    localStorage.setItem('cidrplan.v1.tab', 'subnets');
    localStorage.setItem('cidrplan.v1.design.json', JSON.stringify(a));
    localStorage.setItem('cidrplan.v1.designs', 'cidrplan-designs 1\ncurrent 1\n1\t0\t2\t10.0.0.0/16\tMine\n2\t0\t2\t192.168.0.0/24\tLab');
    localStorage.setItem('cidrplan.v1.designs.2.json', JSON.stringify(b));
  }, [open, other]);
  await page.goto(s.url);
  await waitMounted(page);
  await waitLeaves(page, 2);
  assert.equal(await noteOf(page, '10.0.0.0/17'), 'web tier');
  await page.waitForFunction(() => localStorage.getItem('cidrplan.v1.design.json') === null && localStorage.getItem('cidrplan.v1.designs.2.json') === null);
  assert.equal(await page.evaluate(() => localStorage.getItem('cidrplan.v2.design')), await fragment(page), 'saved as its link');
  // Reloaded: read from the new key alone (no undo step was added by the conversion).
  await page.reload();
  await waitMounted(page);
  await waitLeaves(page, 2);
  assert.equal(await noteOf(page, '10.0.0.0/17'), 'web tier');
  assert.equal(await page.getByRole('button', { name: /Undo/ }).isDisabled(), true);
  await page.locator('.designs-menu summary').click();
  await page.getByRole('button', { name: 'Open Lab', exact: true }).click();
  await waitLeaves(page, 2);
  assert.equal(await noteOf(page, '192.168.0.0/25'), 'lab');
  s.assertClean();
});
