// Calculator tab in real Chromium: parsing, the report, errors with one-click fixes, cloud
// modes, IPv6, ranges, prefix changes by keyboard and bit view, and "Split this in the
// designer"; typing without the page jumping (incomplete input is not an error while keys
// come), what the report says about hosts, ranges, masks, zones and IPv6 counts, copy
// feedback, and phone width (no sideways scrolling, the whole input visible).

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import { freshPage, resultValue, settle, waitResult } from './lib/app.mjs';

let s;
let page;
before(async () => {
  s = await startSession();
  // Copy buttons write to the clipboard; let the tests read it back.
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(s.url).origin });
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
  // The last valid result stays, dimmed, inert and labelled with the input it belongs to.
  assert.equal(await page.locator('.calc-output.stale[inert]').count(), 1);
  assert.equal(await resultValue(page, 'Network'), '10.0.0.0/16');
  assert.match(await page.locator('.stale-note').innerText(), /last complete input, 10\.0\.0\.0\/16/);
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
  assert.equal(await page.locator('.calc-output[inert]').count(), 0, 'live again');
  assert.equal(await page.locator('.stale-note').count(), 0);
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

/** The bit view's cells by line: [{ kind, cells: [{ prefix, text, x, w, h, font }] }] per block. */
async function bitLines(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.bit-slider .bit-block')].map((block) =>
      [...block.querySelectorAll('.bit-line')].map((line) => ({
        kind: line.className.replace('bit-line ', ''),
        label: line.querySelector('.row-label')?.innerText.trim() ?? '',
        value: line.querySelector('.row-value')?.innerText.trim() ?? '',
        cells: [...line.querySelectorAll('.cell')].map((c) => {
          const r = c.getBoundingClientRect();
          return { prefix: Number(c.dataset.prefix), text: c.textContent, cls: c.className, x: r.left + r.width / 2, w: r.width, h: r.height, font: parseFloat(getComputedStyle(c).fontSize), right: r.right };
        }),
      })),
    ),
  );
}

/** Every value in each column stands under its bit, readable, in 24 px targets (`minCell`). */
function assertAligned(blocks, { minCell = 24, what }) {
  for (const [b, lines] of blocks.entries()) {
    assert.deepEqual(lines.map((l) => l.kind), ['places', 'address', 'mask', 'network'], `${what}: block ${b} lines`);
    const places = lines[0].cells;
    for (const line of lines.slice(1)) {
      assert.equal(line.cells.length, places.length, `${what}: block ${b} ${line.kind} has a cell per bit`);
      line.cells.forEach((c, i) => {
        assert.ok(Math.abs(c.x - places[i].x) < 0.5, `${what}: block ${b} ${line.kind} bit ${c.prefix} at x=${c.x}, its place value at ${places[i].x}`);
        assert.equal(c.prefix, places[i].prefix);
      });
    }
    for (const line of lines) {
      for (const c of line.cells) {
        assert.ok(c.font >= 11, `${what}: ${line.kind} text is ${c.font} px`);
        assert.ok(c.w >= minCell - 0.01 && c.h >= 24 - 0.01, `${what}: ${line.kind} cell ${c.prefix} is ${c.w}×${c.h} px`);
      }
    }
  }
}

test('bit view: place values under their bits; Address, Netmask and Network (the AND) rows', T, async () => {
  for (const width of [1280, 360]) {
    page = await freshPage(s, '', { width, height: 900 });
    await calc('192.168.10.77/27');
    await waitResult(page, 'Network', '192.168.10.64/27');
    const blocks = await bitLines(page);
    assert.equal(blocks.length, 4, 'one block per octet');
    assertAligned(blocks, { what: `IPv4 at ${width} px` });
    // The taught method on the last octet: 77 AND 224 = 64, host part of the address distinct.
    const last = blocks[3];
    assert.deepEqual(last[0].cells.map((c) => c.text), ['128', '64', '32', '16', '8', '4', '2', '1']);
    assert.deepEqual(last.slice(1).map((l) => [l.cells.map((c) => c.text).join(''), l.value]), [
      ['01001101', '77'],
      ['11100000', '224'],
      ['01000000', '64'],
    ]);
    assert.deepEqual(last[1].cells.map((c) => c.cls.split(' ')[1]), ['net', 'net', 'net', 'host', 'host', 'host', 'host', 'host']);
    // Labelled rows, at least on the first block of the view.
    assert.deepEqual(blocks[0].slice(1).map((l) => l.label), ['Address', 'Netmask', 'Network']);
    // Nothing sticks out of the page.
    const right = Math.max(...blocks.flat().flatMap((l) => l.cells.map((c) => c.right)));
    assert.ok(right <= width, `bit view ends at ${right} px in a ${width} px page`);
    await page.close();
  }
  page = undefined;
  s.assertClean();
});

test('bit view: IPv6 stays readable by hextet, on a desk and on a phone', T, async () => {
  for (const width of [1280, 360]) {
    page = await freshPage(s, '', { width, height: 900 });
    await calc('2001:db8:abcd:12::1/64');
    await waitResult(page, 'Network', '2001:db8:abcd:12::/64');
    const blocks = await bitLines(page);
    assert.equal(blocks.length, 8, 'one block per hextet');
    // Phones get 16 px columns (the slider and its buttons are the full-size way to the same).
    assertAligned(blocks, { minCell: width < 400 ? 16 : 24, what: `IPv6 at ${width} px` });
    assert.deepEqual(blocks[1][0].cells.map((c) => c.text).join(' '), '8 4 2 1 8 4 2 1 8 4 2 1 8 4 2 1');
    assert.equal(blocks[1][1].cells.map((c) => c.text).join(''), '0000110110111000', 'db8');
    const right = Math.max(...blocks.flat().flatMap((l) => l.cells.map((c) => c.right)));
    assert.ok(right <= width, `bit view ends at ${right} px in a ${width} px page`);
    await page.close();
  }
  page = undefined;
  s.assertClean();
});

test('bit view: a click on a bit puts the prefix after it; the bits are a slider for the keyboard', T, async () => {
  page = await freshPage(s);
  const input = await calc('10.0.0.5/16');
  await waitResult(page, 'Network', '10.0.0.0/16');
  // Bit 20 (the 4th of the third octet) in the address row.
  await page.locator('.bit-line.address .cell[data-prefix="20"]').click();
  assert.equal(await input.inputValue(), '10.0.0.5/20');
  await waitResult(page, 'Network', '10.0.0.0/20');
  await waitResult(page, 'Usable hosts', '4,094');
  // The slider above and the bit view follow.
  assert.equal(await page.getByRole('slider', { name: 'Prefix length' }).inputValue(), '20');
  assert.deepEqual(await page.locator('.bit-line.places .cell.edge').evaluateAll((cs) => cs.map((c) => c.dataset.prefix)), ['21']);
  // A click on the netmask or network row of a column does the same.
  await page.locator('.bit-line.network .cell[data-prefix="24"]').click();
  assert.equal(await input.inputValue(), '10.0.0.5/24');

  // The keyboard: one tab stop, a slider from /0 to /32 that keeps focus as it moves.
  const bits = page.getByRole('slider', { name: 'Network bits' });
  assert.equal(await bits.getAttribute('aria-valuenow'), '24');
  assert.equal(await bits.getAttribute('aria-valuemax'), '32');
  await bits.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await input.inputValue(), '10.0.0.5/26');
  await waitResult(page, 'Network', '10.0.0.0/26');
  assert.equal(await bits.getAttribute('aria-valuenow'), '26');
  assert.match(await bits.getAttribute('aria-valuetext'), /26 network bits, 6 host bits/);
  assert.equal(await bits.evaluate((el) => el === document.activeElement), true, 'focus stays on the bits');
  await page.keyboard.press('PageDown');
  assert.equal(await input.inputValue(), '10.0.0.5/24');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await input.inputValue(), '10.0.0.5/23');
  await page.keyboard.press('End');
  assert.equal(await input.inputValue(), '10.0.0.5/32');
  await page.keyboard.press('Home');
  assert.equal(await input.inputValue(), '10.0.0.5/0');
  await waitResult(page, 'Network', '0.0.0.0/0');
  // The range slider keeps focus too while the arrow keys move it.
  const slider = page.getByRole('slider', { name: 'Prefix length' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await input.inputValue(), '10.0.0.5/2');
  assert.equal(await slider.evaluate((el) => el === document.activeElement), true);
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

/**
 * Types `text` into the input one character at a time, as a person would, and after each
 * character (two frames later, far less than the pause before an incomplete input is called
 * wrong) records what the page shows.
 */
async function typeAndWatch(page, text) {
  return page.evaluate(async (text) => {
    const input = document.querySelector('#calc-input');
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const states = [];
    for (let i = 1; i <= text.length; i++) {
      input.value = text.slice(0, i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await frames();
      states.push({
        typed: input.value,
        alert: document.querySelector('#calc-error[role=alert]')?.innerText ?? null,
        pending: document.querySelector('#calc-pending')?.innerText ?? null,
        invalid: input.getAttribute('aria-invalid'),
        results: document.querySelectorAll('.result-grid .result-row').length,
        stale: document.querySelector('.calc-output[inert]') !== null,
        height: document.documentElement.scrollHeight,
      });
    }
    return states;
  }, text);
}

test('typing: the last result stays (dimmed) while keys come; no error for a half-typed input', T, async () => {
  page = await freshPage(s);
  await waitResult(page, 'Network', '10.0.0.0/16');
  const states = await typeAndWatch(page, '192.168.10.77/27');
  for (const st of states) {
    assert.equal(st.alert, null, `"${st.typed}" is not an error while typing: ${st.alert}`);
    assert.equal(st.invalid, 'false', `"${st.typed}"`);
    assert.ok(st.results > 0, `"${st.typed}": results stay on screen`);
    if (st.stale) assert.match(st.pending ?? '', /Keep typing/, `"${st.typed}" says keep typing`);
  }
  // "1", "19", "192.", "192.168.10.77/" are incomplete; "192.168.10.7" and ".../2" are not.
  assert.deepEqual(states.filter((st) => !st.stale).map((st) => st.typed), ['192.168.10.7', '192.168.10.77', '192.168.10.77/2', '192.168.10.77/27']);
  // While keys come the page shows the last result, so its height does not move; between
  // valid results it changes only as much as their contents differ (a /32 has no reserved
  // list, a /27 an RFC 2317 note), never the collapse to the input alone (228 px of 782).
  const heights = states.map((st) => st.height);
  states.forEach((st, i) => {
    if (i > 0 && st.stale && states[i - 1].stale) {
      assert.ok(Math.abs(st.height - states[i - 1].height) <= 4, `the page keeps its height while typing "${st.typed}": ${heights.join(', ')}`);
    }
  });
  assert.ok(Math.min(...heights) >= 0.75 * Math.max(...heights), `no result collapses the page: ${heights.join(', ')}`);
  await waitResult(page, 'Network', '192.168.10.64/27');
  assert.equal(await page.locator('#calc-pending').count(), 0);
  s.assertClean();
});

test('typing: an incomplete input becomes an error after a pause; a clear mistake at once', T, async () => {
  page = await freshPage(s);
  await waitResult(page, 'Network', '10.0.0.0/16');
  const [half] = await typeAndWatch(page, '192.168').then((st) => st.slice(-1));
  assert.equal(half.alert, null);
  // Then nothing more is typed: the error comes, and the last result stays, labelled.
  const error = page.locator('#calc-error[role=alert]');
  await error.waitFor({ timeout: 10_000 });
  assert.match(await error.innerText(), /Expected 4 octets/);
  assert.equal(await page.locator('#calc-input').getAttribute('aria-invalid'), 'true');
  assert.equal(await resultValue(page, 'Network'), '10.0.0.0/16');
  assert.match(await page.locator('.stale-note').innerText(), /10\.0\.0\.0\/16/);
  // Clear mistakes are errors straight away, even mid-typing.
  for (const typed of ['10.0.0.256', '192.168.1x', '10.0.0.0/33']) {
    await calc('10.0.0.0/16');
    await waitResult(page, 'Network', '10.0.0.0/16');
    const last = (await typeAndWatch(page, typed)).at(-1);
    assert.notEqual(last.alert, null, `"${typed}" is an error at once`);
    assert.equal(last.pending, null);
  }
  s.assertClean();
});

/** The note beside the value of result row `label`. */
async function rowNote(page, label) {
  return page.evaluate((label) => {
    const dt = [...document.querySelectorAll('.result-grid dt')].find((d) => d.textContent.trim() === label);
    return dt?.nextElementSibling.querySelector('.value-note')?.textContent.trim() ?? null;
  }, label);
}

test('the report says what it shows: address vs network numbers, a range\'s covering block, masks typed alone, zones, IPv6 counts, RFC links', T, async () => {
  page = await freshPage(s);
  await calc('10.0.0.5/24');
  await waitResult(page, 'Address integer', '167772165');
  assert.equal(await resultValue(page, 'Network integer'), '167772160');
  assert.equal(await resultValue(page, 'Address hex'), '0x0a000005');
  assert.equal(await resultValue(page, 'Network hex'), '0x0a000000');
  assert.equal(await resultValue(page, 'Integer'), null, 'no unlabelled integer while the host differs');

  await calc('10.0.0.10 - 10.0.0.20');
  await waitResult(page, 'Network', '10.0.0.0/27');
  assert.equal(await rowNote(page, 'Network'), 'smallest block covering the range');
  assert.match(await page.locator('.results .understood').innerText(), /11 addresses; the figures below are for 10\.0\.0\.0\/27, the smallest block that covers it/);

  await calc('255.255.255.0');
  await waitResult(page, 'Network', '255.255.255.0/32');
  assert.match(await page.locator('.results [role=note]').innerText(), /looks like a netmask: it is \/24/);
  await calc('255.0.255.0');
  await waitResult(page, 'Network', '255.0.255.0/32');
  assert.match(await page.locator('.results [role=note]').innerText(), /looks like a netmask but is not one/);
  await calc('10.0.0.1');
  await waitResult(page, 'Network', '10.0.0.1/32');
  assert.equal(await page.locator('.results [role=note]').count(), 0, 'an ordinary address gets no mask hint');

  await calc('fe80::1%eth0');
  await waitResult(page, 'Zone', 'eth0');
  assert.match(await page.locator('.results .understood').innerText(), /zone eth0/);

  await calc('2001:db8::1');
  await waitResult(page, '/64 networks', '1/2⁶⁴ of a /64');
  assert.equal(await resultValue(page, '/48 networks'), '1/2⁸⁰ of a /48');
  await calc('2001:db8::/56');
  await waitResult(page, '/64 networks', '256');
  assert.equal(await resultValue(page, '/48 networks'), '1/256 of a /48');

  await calc('10.1.2.3/8');
  await waitResult(page, 'Network', '10.0.0.0/8');
  const rfc = page.locator('.badges').getByRole('link', { name: 'RFC 1918' });
  assert.equal(await rfc.getAttribute('href'), 'https://www.rfc-editor.org/rfc/rfc1918');
  s.assertClean();
});

test('Copy says "Copied" on its button and in the live region', T, async () => {
  page = await freshPage(s);
  await calc('10.0.0.0/24');
  await waitResult(page, 'Network', '10.0.0.0/24');
  const network = page.getByRole('button', { name: 'Copy Network', exact: true });
  assert.doesNotMatch(await network.innerText(), /Copied/);
  await network.click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === '10.0.0.0/24');
  assert.match(await network.innerText(), /Copied/);
  assert.match(await page.locator('[role=status]').textContent(), /Copied Network: 10\.0\.0\.0\/24/);
  // The next copy moves the feedback to its own button.
  const wildcard = page.getByRole('button', { name: 'Copy Wildcard', exact: true });
  await wildcard.click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === '0.0.0.255');
  assert.match(await wildcard.innerText(), /Copied/);
  assert.doesNotMatch(await network.innerText(), /Copied/);
  // And it goes away by itself.
  await page.waitForFunction(() => ![...document.querySelectorAll('.copy-button')].some((b) => b.innerText.includes('Copied')), null, { timeout: 10_000 });
  s.assertClean();
});

test('phone width (360 px): no sideways scrolling, and the input shows all that was typed', T, async () => {
  page = await freshPage(s, '', { width: 360, height: 800 });
  for (const [typed, network] of [
    ['192.168.10.77/27', '192.168.10.64/27'],
    ['2001:db8:1234::/48', '2001:db8:1234::/48'],
    ['10.0.0.10 - 10.0.0.20', '10.0.0.0/27'],
  ]) {
    await calc(typed);
    await waitResult(page, 'Network', network);
    await settle(page);
    const m = await page.evaluate(() => {
      const input = document.querySelector('#calc-input');
      const outside = [...document.querySelectorAll('.result-row .value, .result-row .value-note, .calc .cell, .badge')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((e) => e.textContent);
      return { scrollWidth: document.scrollingElement.scrollWidth, text: input.scrollWidth, box: input.clientWidth, outside };
    });
    assert.ok(m.scrollWidth <= 360, `${typed}: the page is ${m.scrollWidth} px wide at 360 px`);
    assert.ok(m.text <= m.box, `${typed}: the input shows ${m.box} px of ${m.text} px of text`);
    assert.deepEqual(m.outside, [], `${typed}: cut off at the right`);
  }
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
