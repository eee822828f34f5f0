// The four workflows of issue 9, walked in the release build as their users would, with
// screenshots of each step (light and dark at 1280 px, light at 360 px) written to
// docs/walkthrough/. Not a test: it asserts nothing a test does not already; it leaves
// pictures for people to look at before a release, and prints what it saw (values, file
// headers, the link) so the run can be read without them.
//
//   cargo xtask dist && (cd tests && node walkthrough.mjs)

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, startSession } from './browser/lib/harness.mjs';
import { choosePreset, downloadOf, freshPage, load, openDesigner, openPlanner, setBase, setNote, setPlanField, split, splitAllTo, waitResult } from './browser/lib/app.mjs';

const outDir = path.join(repoRoot, 'docs', 'walkthrough');
const VARIANTS = [
  { scheme: 'light', width: 1280, height: 800 },
  { scheme: 'dark', width: 1280, height: 800 },
  { scheme: 'light', width: 360, height: 780 },
];

/** Screenshots of `page` as it is now, in every variant; the state survives the reloads through autosave. */
async function shots(page, name) {
  for (const { scheme, width, height } of VARIANTS) {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: scheme });
    await page.reload({ waitUntil: 'load' });
    await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(300);
    const file = path.join(outDir, `${name}-${scheme}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    console.log(`  ${path.relative(repoRoot, file)}${sideways ? '  (!) the page scrolls sideways' : ''}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload({ waitUntil: 'load' });
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
}

const text = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();

async function student(s) {
  console.log('A CCNA student checks 192.168.10.77/27');
  const page = await freshPage(s);
  const input = page.locator('#calc-input');
  await input.fill('');
  await input.pressSequentially('192.168.10.77/27', { delay: 40 });
  await waitResult(page, 'Network', '192.168.10.64/27');
  for (const label of ['Network', 'Broadcast', 'Usable hosts']) {
    const v = await page.evaluate((l) => [...document.querySelectorAll('.result-grid dt')].find((d) => d.textContent.trim() === l)?.nextElementSibling?.innerText.replace(/\s+/g, ' '), label);
    console.log(`  ${label}: ${v}`);
  }
  await shots(page, '1-student-calculator');
  await page.close();
}

async function engineer(s) {
  console.log('A DevOps engineer plans a 3-AZ VPC next to on-prem and exports it');
  const page = await freshPage(s);
  await openPlanner(page);
  await choosePreset(page, 'gcp-regional');
  await choosePreset(page, 'aws-3az');
  await setPlanField(page, 'Primary', '10.20.0.0/16');
  await setPlanField(page, 'Tier 2 size', '/19');
  await page.locator('.plan-form textarea').fill('10.20.128.0/17 on-prem # DC1');
  await page.locator('.plan-error').waitFor();
  console.log(`  without room: ${(await text(page.locator('.plan-error'))).slice(0, 220)}…`);
  await shots(page, '2-engineer-does-not-fit');
  await page.getByRole('button', { name: '+ Secondary block', exact: true }).click();
  await setPlanField(page, 'Secondary 1', '100.64.0.0/16');
  await page.locator('.plan-error').waitFor({ state: 'detached' });
  const rows = await page.evaluate(() => [...document.querySelectorAll('.plan-table tbody tr')].map((tr) => `${tr.children[0].textContent.trim()} ${tr.children[3].textContent.trim()}`));
  console.log(`  subnets: ${rows.join(', ')}`);
  const panel = page.locator('.planner section.exports');
  const select = panel.getByRole('combobox', { name: 'Format' });
  const tfLabel = (await select.locator('option').allInnerTexts()).find((f) => /Terraform.*AWS/.test(f));
  await select.selectOption({ label: tfLabel });
  const tf = await downloadOf(page, () => panel.getByRole('button', { name: 'Download', exact: true }).click());
  console.log(`  download ${tf.name}: ${tf.text.split('\n').filter((l) => l.startsWith('#')).slice(0, 8).join(' | ')}`);
  await shots(page, '2-engineer-planner');
  const link = await page.evaluate(() => location.href);
  const other = await freshPage(s, new URL(link).hash);
  await openPlanner(other);
  console.log(`  the link opens in a fresh browser with ${(await other.locator('.plan-table tbody tr').count())} subnets`);
  await other.close();
  await page.close();
}

async function architect(s) {
  console.log('A network architect carves 10.0.0.0/8 with labels and notes');
  const page = await freshPage(s);
  await openDesigner(page);
  await setBase(page, '10.0.0.0/8');
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '10.0.0.0/8');
  await splitAllTo(page, 12);
  await split(page, '10.16.0.0/12');
  await split(page, '10.16.0.0/13');
  for (const [node, label] of [['10.16.0.0/12', 'us-east'], ['10.16.0.0/13', 'prod']]) {
    await page.getByRole('button', { name: `Label ${node}`, exact: true }).focus();
    await page.keyboard.press('Enter');
    const input = page.getByRole('textbox', { name: `Label for ${node}`, exact: true });
    await input.fill(label);
    await input.press('Enter');
  }
  await setNote(page, '10.16.0.0/14', 'web');
  await setNote(page, '10.20.0.0/14', 'db');
  await setNote(page, '10.24.0.0/13', 'staging');
  console.log(`  summary: ${await text(page.locator('.summary'))}`);
  await shots(page, '3-architect-designer');
  await page.getByRole('button', { name: 'Join 10.16.0.0/13', exact: true }).click();
  console.log(`  after joining the /13: note "${await page.getByRole('textbox', { name: 'Note for 10.16.0.0/13', exact: true }).inputValue()}"`);
  await page.keyboard.press('Control+z');
  await load(s, page, '');
  await openDesigner(page);
  console.log(`  after undo and reload: note of 10.16.0.0/14 is "${await page.getByRole('textbox', { name: 'Note for 10.16.0.0/14', exact: true }).inputValue()}"`);
  const link = await page.evaluate(() => location.hash);
  const other = await freshPage(s, link);
  await openDesigner(other);
  console.log(`  shared into a fresh browser: ${await text(other.locator('.summary'))}`);
  await other.close();
  await page.close();
}

async function ipv6(s) {
  console.log('An IPv6 user goes /48 → /56 → /64');
  const page = await freshPage(s);
  await openDesigner(page);
  await setBase(page, '2001:db8:1234::/48');
  await page.waitForFunction(() => document.querySelector('#base-input')?.value === '2001:db8:1234::/48');
  await page.getByRole('button', { name: 'Split 2001:db8:1234::/48 into 16', exact: true }).click();
  await page.getByRole('button', { name: 'Split 2001:db8:1234::/52 into 16', exact: true }).click();
  await page.getByRole('button', { name: 'Split 2001:db8:1234::/56 into 16', exact: true }).click();
  await page.getByRole('button', { name: 'Split 2001:db8:1234::/60 into 16', exact: true }).click();
  await setNote(page, '2001:db8:1234::/64', 'servers');
  console.log(`  summary: ${await text(page.locator('.summary'))}`);
  await shots(page, '4-ipv6-designer');
  await page.close();
}

await mkdir(outDir, { recursive: true });
const s = await startSession();
try {
  for (const walk of [student, engineer, architect, ipv6]) {
    try {
      await walk(s);
    } catch (err) {
      console.log(`  (!) ${walk.name}: ${err.message.split('\n')[0]}`);
    }
  }
} finally {
  await s.close();
}
