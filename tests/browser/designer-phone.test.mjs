// Subnets tab at phone width (issue 9, item 14): the page never scrolls sideways, every row's
// subnet (its primary value) is on screen whole, and a deep design's split controls and notes
// are reached by scrolling the table (not the page) while the subnet column stays in view.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import { freshPage, openDesigner, setBase, setNote, settle, splitAllTo, waitLeaves } from './lib/app.mjs';

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

/** Where the page and each rendered row's subnet cell are, at this moment. */
async function layout(p) {
  return p.evaluate(() => {
    const rows = [...document.querySelectorAll('.designer-table tr.leaf')].map((tr) => {
      const th = tr.querySelector('th.col-subnet');
      const r = th.getBoundingClientRect();
      const box = th.closest('.table-scroll').getBoundingClientRect();
      const visibleRow = r.bottom > box.top && r.top < box.bottom;
      return {
        cidr: th.textContent.replace('⚠', '').trim(),
        visibleRow,
        inView: r.left >= box.left - 0.5 && r.right <= Math.min(box.right, innerWidth) + 0.5,
        clipped: th.scrollWidth > th.clientWidth,
      };
    });
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, rows: rows.filter((r) => r.visibleRow) };
  });
}

function assertRowsVisible(m, when) {
  assert.ok(m.scrollWidth <= m.innerWidth, `${when}: the page is ${m.scrollWidth}px wide in a ${m.innerWidth}px viewport`);
  assert.ok(m.rows.length >= 5, `${when}: rows in view: ${m.rows.length}`);
  for (const r of m.rows) assert.ok(r.inView && !r.clipped, `${when}: ${r.cidr} is not fully visible: ${JSON.stringify(r)}`);
}

for (const [base, prefix, label] of [
  ['10.0.0.0/8', 13, 'IPv4 five levels deep'],
  ['2001:db8:1234::/48', 52, 'IPv6 split by one hex digit'],
]) {
  test(`phone (360 px), ${label}: no sideways page, every subnet whole, notes reached by scrolling the table`, T, async () => {
    page = await freshPage(s, '', { width: 360, height: 780 });
    await openDesigner(page);
    await setBase(page, base);
    await page.waitForFunction((b) => document.querySelector('#base-input')?.value === b, base);
    await splitAllTo(page, prefix);
    const leaves = 2 ** (prefix - Number(base.split('/')[1]));
    await waitLeaves(page, leaves);
    await settle(page);
    assertRowsVisible(await layout(page), 'after the split');
    // Five levels of bars still leave each row's split control on screen, unscrolled.
    const splitButtons = await page.evaluate(() =>
      [...document.querySelectorAll('.designer-table tr.leaf .split-button')].slice(0, 8).map((b) => ({
        name: b.getAttribute('aria-label'),
        right: Math.round(b.getBoundingClientRect().right),
        edge: Math.round(b.closest('.table-scroll').getBoundingClientRect().right),
      })),
    );
    assert.ok(splitButtons.length > 0, 'split buttons rendered');
    for (const b of splitButtons) assert.ok(b.right <= b.edge, `${b.name} ends at ${b.right}px, past the table's visible edge at ${b.edge}px`);

    // The first row's note is reachable: scrolling the table brings it into view and the
    // subnet column stays put (sticky), so the person still sees which row they edit.
    const first = await page.locator('.designer-table tr.leaf th.col-subnet').first().innerText();
    const note = page.getByRole('textbox', { name: `Note for ${first.trim()}`, exact: true });
    await note.scrollIntoViewIfNeeded();
    await note.fill('on a phone');
    await settle(page);
    const noteBox = await note.boundingBox();
    assert.ok(noteBox && noteBox.x >= 0 && noteBox.x < 360, `the note field is on screen after scrolling: ${JSON.stringify(noteBox)}`);
    assertRowsVisible(await layout(page), 'with the table scrolled to the notes');
    await note.press('Tab');
    await page.waitForFunction(() => document.querySelector('.summary p')?.textContent.includes('noted'));
  });
}
