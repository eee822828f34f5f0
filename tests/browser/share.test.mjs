// Share links and persistence in real Chromium: the URL fragment, opening a link in a fresh
// browser, plain calculator links, damaged links (banner, local work untouched), autosave
// across reloads, the "Open shared design" / "Keep mine" prompt, the Share button and the
// clipboard, and notes that look like HTML.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startSession } from './lib/harness.mjs';
import {
  domLeaves,
  fragment,
  freshPage,
  load,
  openDesigner,
  setColour,
  setNote,
  settle,
  split,
  summaryText,
  waitLeaves,
  waitMounted,
  waitResult,
} from './lib/app.mjs';

let s;
let page;
before(async () => {
  s = await startSession();
  // Share writes to the clipboard; let the tests read it back.
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
// Designs autosave as JSON (no link-length limit), so storage is compared with storage.
const KEY_DESIGN = 'cidrplan.v2.design';

/** A designer with three leaves, two notes and a colour; returns its leaves. */
async function makeDesign() {
  await openDesigner(page);
  await split(page, '10.0.0.0/16');
  await split(page, '10.0.128.0/17');
  await setNote(page, '10.0.0.0/17', 'office LAN');
  await setNote(page, '10.0.192.0/18', 'datacenter');
  await setColour(page, '10.0.192.0/18', 'Red');
  const leaves = await domLeaves(page);
  assert.equal(leaves.length, 3);
  return leaves;
}

const storedDesign = () => page.evaluate((k) => localStorage.getItem(k), KEY_DESIGN);

/** The reason shown in the "could not be opened" banner (waits for it). */
async function linkBanner(p = page) {
  const banner = p.locator('.banner-error[role=alert]');
  await banner.waitFor({ timeout: 10_000 });
  return (await banner.innerText()).replace(/\s+/g, ' ').trim();
}

/** Damaged variants of a v2 link: characters flipped in the middle, cut short, a bad char. */
function damage(link) {
  assert.match(link, /^v2\./);
  const body = link.slice(3);
  const mid = Math.floor(body.length / 2);
  const flip = (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase());
  return {
    flipped: `v2.${body.slice(0, mid - 2)}${[...body.slice(mid - 2, mid + 2)].map(flip).join('')}${body.slice(mid + 2)}`,
    truncated: `v2.${body.slice(0, Math.floor(body.length * 0.6))}`,
    badChar: `v2.${body.slice(0, mid)}*${body.slice(mid + 1)}`,
  };
}

test('a design is in the URL (#v2.…) and opens in a fresh browser with the same leaves and notes', T, async () => {
  page = await freshPage(s);
  const leaves = await makeDesign();
  const frag = await fragment(page);
  assert.match(frag, /^v2\.[A-Za-z0-9_-]+$/);
  const link = page.url();
  const summary = await summaryText(page);

  // A calculator link in a cloud mode is a v2 link too.
  await page.locator('#tab-calculator').click();
  await page.locator('#calc-input').fill('172.16.8.0/22');
  await page.locator('.calc select.mode-select').selectOption({ label: 'AWS' });
  await waitResult(page, 'Usable hosts', '1,019');
  const calcLink = page.url();
  assert.match(new URL(calcLink).hash, /^#v2\./);

  // A second browser: its own profile, so no autosaved work.
  const other = await startSession();
  try {
    const p2 = await other.open(new URL(link).hash);
    await p2.locator('#base-input').waitFor();
    assert.equal(await p2.locator('#tab-subnets').getAttribute('aria-selected'), 'true');
    await waitLeaves(p2, 3);
    assert.deepEqual(await domLeaves(p2), leaves);
    assert.equal(await summaryText(p2), summary);
    assert.equal(await p2.locator('.banner').count(), 0, 'a fresh browser opens the design without asking');
    assert.equal(await p2.evaluate((k) => localStorage.getItem(k), KEY_DESIGN), await page.evaluate((k) => localStorage.getItem(k), KEY_DESIGN));

    await load(other, p2, new URL(calcLink).hash);
    assert.equal(await p2.locator('#tab-calculator').getAttribute('aria-selected'), 'true');
    assert.equal(await p2.locator('#calc-input').inputValue(), '172.16.8.0/22');
    assert.equal(await p2.locator('.calc select.mode-select').inputValue(), 'aws');
    await waitResult(p2, 'Usable hosts', '1,019');
    other.assertClean();
  } finally {
    await other.close();
  }
  s.assertClean();
});

test('#10.0.0.0/16 opens the calculator with that input', T, async () => {
  page = await freshPage(s);
  // Leave the app on the Subnets tab (remembered), then open a plain calculator link.
  await openDesigner(page);
  await load(s, page, '#10.0.0.0/16');
  assert.equal(await page.locator('#tab-calculator').getAttribute('aria-selected'), 'true');
  assert.equal(await page.locator('#calc-input').inputValue(), '10.0.0.0/16');
  await waitResult(page, 'Broadcast', '10.0.255.255');

  // Another plain link, fully loaded, and one pasted into the open page (hashchange).
  await load(s, page, '#192.168.7.0/24');
  assert.equal(await page.locator('#calc-input').inputValue(), '192.168.7.0/24');
  await waitResult(page, 'Broadcast', '192.168.7.255');
  await openDesigner(page);
  await page.goto(new URL('#172.16.0.0/12', s.url).href);
  await page.locator('#calc-input').waitFor();
  assert.equal(await page.locator('#calc-input').inputValue(), '172.16.0.0/12');
  await waitResult(page, 'Broadcast', '172.31.255.255');
  // Percent-encoding: a range with spaces.
  await load(s, page, '#10.0.0.10%20-%2010.0.0.20');
  assert.equal(await page.locator('#calc-input').inputValue(), '10.0.0.10 - 10.0.0.20');
  await page.locator('.range-cidrs').waitFor();
  s.assertClean();
});

test('damaged links: a banner with the reason, the autosaved design untouched', T, async () => {
  page = await freshPage(s);
  const leaves = await makeDesign();
  const good = await fragment(page);
  const saved = await storedDesign();
  assert.ok(saved && saved.includes('"leaves"') || saved.length > 10, 'the design is autosaved');
  const bad = damage(good);

  // Pasted into the open page (hashchange).
  await page.goto(new URL(`#${bad.flipped}`, s.url).href);
  const reason1 = await linkBanner();
  assert.match(reason1, /could not be opened/);
  assert.match(reason1, /damaged|truncated|invalid/i, `a reason is given: ${reason1}`);
  assert.deepEqual(await domLeaves(page), leaves);
  assert.equal(await storedDesign(), saved);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.locator('.banner-error').waitFor({ state: 'detached' });

  // Opened by a full page load: local work is loaded first, the link is refused.
  for (const [kind, link] of [
    ['truncated', bad.truncated],
    ['bad character', bad.badChar],
    ['flipped', bad.flipped],
  ]) {
    await load(s, page, `#${link}`);
    const reason = await linkBanner();
    assert.match(reason, /This link could not be opened\. \S/, `${kind}: ${reason}`);
    assert.match(reason, /Your own work is unchanged/);
    await openDesigner(page);
    assert.deepEqual(await domLeaves(page), leaves, `${kind}: the design is unchanged`);
    assert.equal(await storedDesign(), saved, `${kind}: the autosave is unchanged`);
  }
  assert.match(await linkBanner(), /'\*'|damaged|truncated|invalid/);

  // A link from a newer version says so.
  await load(s, page, '#v9.AAAA');
  assert.match(await linkBanner(), /newer/);
  assert.equal(await storedDesign(), saved);
  s.assertClean();
});

test('the damaged-link banner reads as sentences', T, async () => {
  page = await freshPage(s);
  await makeDesign();
  const bad = damage(await fragment(page)).flipped;
  await load(s, page, `#${bad}`);
  const text = await linkBanner();
  // "This link could not be opened. <reason>. Your own work is unchanged."
  assert.match(text, /[.!?] Your own work is unchanged\./, `the reason runs into the next sentence: "${text}"`);
  s.assertClean();
});

test('after a damaged link, Share copies the design in view, not the damaged link', T, async () => {
  page = await freshPage(s);
  await makeDesign();
  const good = await fragment(page);
  const bad = damage(good).flipped;
  // The damaged link is pasted into the address bar of the open page.
  await page.goto(new URL(`#${bad}`, s.url).href);
  await linkBanner();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('button', { name: 'Share' }).click();
  await page.locator('.toast.show').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // Expected: "Copy a link to what you see", i.e. the design; the damaged link cannot open.
  assert.equal(new URL(copied).hash, `#${good}`, 'Share copied the damaged link instead of the design in view');
  s.assertClean();
});

test('reload restores the autosaved design and tab', T, async () => {
  page = await freshPage(s);
  const leaves = await makeDesign();
  const link = await fragment(page);
  await page.reload();
  await waitMounted(page);
  await page.locator('#base-input').waitFor();
  assert.deepEqual(await domLeaves(page), leaves);
  // No fragment at all: everything comes from localStorage.
  await load(s, page, '');
  await page.locator('#base-input').waitFor();
  assert.equal(await page.locator('#tab-subnets').getAttribute('aria-selected'), 'true');
  assert.deepEqual(await domLeaves(page), leaves);
  assert.equal(await fragment(page), link, 'the fragment is written back');
  // The calculator input is autosaved too.
  await page.locator('#tab-calculator').click();
  await page.locator('#calc-input').fill('192.168.0.0/23');
  await waitResult(page, 'Usable hosts', '510');
  await load(s, page, '');
  assert.equal(await page.locator('#calc-input').inputValue(), '192.168.0.0/23');
  s.assertClean();
});

test('a shared design over local work asks: "Keep mine" and "Open shared design"', T, async () => {
  page = await freshPage(s);
  const shared = await makeDesign();
  const sharedLink = await fragment(page);
  const sharedSaved = await storedDesign();

  // Local work: a different design.
  await page.getByRole('button', { name: 'Join all' }).click();
  await waitLeaves(page, 1);
  await setNote(page, '10.0.0.0/16', 'my own plan');
  const mine = await domLeaves(page);
  const mineLink = await fragment(page);
  const mineSaved = await storedDesign();
  assert.notEqual(mineLink, sharedLink);

  // Full load of the shared link: asked, nothing replaced yet.
  await load(s, page, `#${sharedLink}`);
  const prompt = page.getByRole('alertdialog');
  await prompt.waitFor();
  assert.match(await prompt.innerText(), /10\.0\.0\.0\/16 with 3 subnets/);
  assert.deepEqual(await domLeaves(page), mine);
  assert.equal(await storedDesign(), mineSaved);

  await page.getByRole('button', { name: 'Keep mine' }).click();
  await prompt.waitFor({ state: 'detached' });
  assert.deepEqual(await domLeaves(page), mine);
  assert.equal(await storedDesign(), mineSaved);
  assert.equal(await fragment(page), mineLink, 'the address bar shows my design again');

  // The same link pasted into the open page: asked again; this time open it.
  await page.goto(new URL(`#${sharedLink}`, s.url).href);
  await prompt.waitFor();
  await page.getByRole('button', { name: 'Open shared design' }).click();
  await prompt.waitFor({ state: 'detached' });
  await waitLeaves(page, 3);
  assert.deepEqual(await domLeaves(page), shared);
  assert.equal(await storedDesign(), sharedSaved);
  assert.equal(await fragment(page), sharedLink);

  // "You can undo": my design comes back.
  await page.getByRole('button', { name: /Undo/ }).click();
  await waitLeaves(page, 1);
  assert.deepEqual(await domLeaves(page), mine);

  // A link to exactly the design already here does not ask.
  await load(s, page, `#${mineLink}`);
  await page.locator('#base-input').waitFor();
  await settle(page);
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  s.assertClean();
});

test('Share: "Link copied", and the clipboard holds the link', T, async () => {
  page = await freshPage(s);
  await makeDesign();
  await page.getByRole('button', { name: 'Share' }).click();
  const toast = page.locator('.toast.show');
  await toast.waitFor();
  assert.match(await toast.innerText(), /Link copied/);
  assert.match(await page.locator('[role=status].visually-hidden').innerText(), /Link copied/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(new URL(copied).hash, /^#v2\./);
  // The toast goes away by itself.
  await toast.waitFor({ state: 'detached', timeout: 5_000 });

  // On the calculator tab, the calculator's plain link.
  await page.locator('#tab-calculator').click();
  await page.locator('#calc-input').fill('10.20.0.0/14');
  await page.getByRole('button', { name: 'Share' }).click();
  await page.locator('.toast.show').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), new URL('#10.20.0.0/14', s.url).href);
  s.assertClean();
});

/** Imports (Import JSON) a design of 4,096 /28s with distinct, incompressible 40-character
 * notes: its v2 encoding is ~170,000 characters, far beyond the 64K a link may hold. */
async function importHugeDesign() {
  const subnets = [];
  for (let i = 0; i < 4096; i++) {
    const note = createHash('sha256').update(`note ${i}`).digest('base64url').slice(0, 40);
    subnets.push({ subnet: `10.0.${i >> 4}.${(i & 15) * 16}/28`, note });
  }
  const json = JSON.stringify({ format: 'cidrplan-design', version: 1, base: '10.0.0.0/16', mode: 'standard', subnets });
  await page.locator('input[type=file]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await waitLeaves(page, 4096, 30_000);
  return subnets;
}

test('a status toast is shown in full even right after another one', T, async () => {
  page = await freshPage(s);
  await makeDesign();
  await page.getByRole('button', { name: /Undo/ }).click();
  await page.locator('.toast.show').waitFor();
  // "Undone" is showing; 1.5 s later, Share.
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Share' }).click();
  const t0 = Date.now();
  await page.locator('.toast.show', { hasText: 'Link copied' }).waitFor();
  await page.locator('.toast.show').waitFor({ state: 'detached', timeout: 5_000 });
  const shown = Date.now() - t0;
  // A toast on its own stays 1.8 s; allow slack for a loaded machine.
  assert.ok(shown >= 1200, `"Link copied" was visible for only ${shown} ms (the earlier toast's timer hid it)`);
  s.assertClean();
});

test('a design too large for a link: no broken link, Share says to export JSON', { timeout: 90_000 }, async () => {
  page = await freshPage(s);
  await openDesigner(page);
  await importHugeDesign();
  const frag = await fragment(page);
  assert.equal(frag.length, 0, `no link that would be refused is written (got ${frag.length} characters)`);
  await page.getByRole('button', { name: 'Share' }).click();
  await page.waitForFunction(() => /too large|too long|at most/i.test(document.querySelector('[role=status].visually-hidden')?.textContent ?? ''));
  const status = await page.locator('[role=status].visually-hidden').innerText();
  assert.match(status, /Export JSON/);
  assert.doesNotMatch(status, /Link copied/);
  s.assertClean();
});

test('a design too large for a link survives a reload (autosave)', { timeout: 90_000 }, async () => {
  page = await freshPage(s);
  await openDesigner(page);
  const subnets = await importHugeDesign();
  const saved = await storedDesign();
  assert.ok(saved.length > 64 * 1024, `autosaved (${saved.length} characters)`);
  // Reload with no fragment: the design can only come from localStorage.
  await load(s, page, '');
  await page.locator('#base-input').waitFor();
  await settle(page);
  const after = await summaryText(page);
  const stored = await storedDesign();
  assert.match(after, /^4096 subnets/, `the autosaved design was not restored; the page shows: ${after}; storage now holds ${stored.length} characters`);
  assert.equal((await domLeaves(page))[0].note, subnets[0].note);
  s.assertClean();
});

test('a note that looks like HTML is shown as text', T, async () => {
  const evil = '<img src=x onerror=alert(1)>';
  const dialogs = [];
  page = await freshPage(s);
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await openDesigner(page);
  await split(page, '10.0.0.0/16');
  await setNote(page, '10.0.128.0/17', evil);
  assert.equal(await page.locator('main img').count(), 0, 'no <img> element');
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.equal((await domLeaves(page))[1].note, evil);
  assert.match(await summaryText(page), /^2 subnets · 32,768 addresses noted/);

  // Through a share link, opened in another page of the same browser (same design: no prompt),
  // and through the prompt of a design that differs.
  const link = await fragment(page);
  await load(s, page, `#${link}`);
  await page.locator('#base-input').waitFor();
  assert.equal((await domLeaves(page))[1].note, evil);
  await page.getByRole('button', { name: 'Join all' }).click();
  await waitLeaves(page, 1);
  await setNote(page, '10.0.0.0/16', 'local');
  await load(s, page, `#${link}`);
  await page.getByRole('alertdialog').waitFor();
  await page.getByRole('button', { name: 'Open shared design' }).click();
  await waitLeaves(page, 2);
  assert.equal((await domLeaves(page))[1].note, evil);
  await settle(page);
  assert.equal(await page.locator('img').count(), 0, 'no <img> anywhere');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.ok(!s.requests.some((u) => new URL(u).pathname === '/x'), 'no request for the injected image');
  s.assertClean();
});
