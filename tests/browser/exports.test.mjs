// Exports and imports in real Chromium: the designer's CSV (formula guard, quoting) and JSON
// downloads, re-importing that JSON restores the design exactly; a link too long to open is
// refused with its length while the stored design stays; the planner's Export panel
// (Terraform, CloudFormation, CSV, Markdown, JSON), when the app has one: the plan's name
// and NAT setting in the code, downloads named after plan and format, the header's link.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './lib/harness.mjs';
import {
  choosePreset,
  domLeaves,
  downloadOf,
  fragment,
  freshPage,
  load,
  openDesigner,
  openPlanner,
  planField,
  planRows,
  setColour,
  setNote,
  split,
  summaryText,
  waitLeaves,
  waitPlanRows,
} from './lib/app.mjs';

let s;
let page;
before(async () => {
  s = await startSession();
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
const KEY_DESIGN = 'cidrplan.v2.design';
const FORMULA = "=cmd|' /C calc'!A0";
const QUOTED = 'Rack 4, "cold" aisle';
const CSV_HEADER = 'subnet,netmask,first,last,first_usable,last_usable,usable,cidrsubnet,note,color,prefix,parent,path';

/** RFC 4180: records of cells (quoted cells may hold commas, doubled quotes, line breaks). */
function parseCsv(text) {
  const records = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    records.push(row);
  }
  return records;
}

/** A design of three leaves: a formula-like note, a note with a comma and quotes, a colour. */
async function makeDesign() {
  await openDesigner(page);
  await split(page, '10.0.0.0/16');
  await split(page, '10.0.128.0/17');
  await setNote(page, '10.0.0.0/17', FORMULA);
  await setNote(page, '10.0.128.0/18', QUOTED);
  await setColour(page, '10.0.192.0/18', 'Red');
  await setColour(page, '10.0.128.0/18', 'Teal');
  const leaves = await domLeaves(page);
  assert.deepEqual(leaves, [
    { index: 0, cidr: '10.0.0.0/17', note: FORMULA, color: '' },
    { index: 1, cidr: '10.0.128.0/18', note: QUOTED, color: 'teal' },
    { index: 2, cidr: '10.0.192.0/18', note: '', color: 'red' },
  ]);
  return leaves;
}

test('designer "Export CSV": header, one row per leaf, formula guarded, quotes doubled', T, async () => {
  page = await freshPage(s);
  await makeDesign();
  const csv = await downloadOf(page, () => page.getByRole('button', { name: 'Export CSV', exact: true }).click());
  assert.equal(csv.name, 'cidrplan-10.0.0.0_16.csv');
  const lines = csv.text.split('\r\n');
  assert.equal(lines[0], CSV_HEADER);
  assert.equal(lines.at(-1), '', 'ends with CRLF');
  assert.equal(lines.length, 1 + 3 + 1, `a header and one line per leaf: ${JSON.stringify(csv.text)}`);
  assert.ok(!/[^\r]\n/.test(csv.text), 'CRLF line ends only');

  // The raw cells: the formula gets a leading apostrophe (and needs no quotes); the comma
  // and quote note is quoted with its quotes doubled.
  // The last three cells: prefix, parent block, and the path of labels (here the note alone).
  assert.ok(lines[1].endsWith(`,'${FORMULA},,17,10.0.0.0/16,'${FORMULA}`), `formula note guarded: ${lines[1]}`);
  assert.ok(lines[2].endsWith(',"Rack 4, ""cold"" aisle",teal,18,10.0.128.0/17,"Rack 4, ""cold"" aisle"'), `quoted note: ${lines[2]}`);
  assert.ok(lines[3].endsWith(',,red,18,10.0.128.0/17,'), `no note, a colour: ${lines[3]}`);

  const records = parseCsv(csv.text);
  assert.equal(records.length, 4);
  const header = records[0];
  const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  records.forEach((r, i) => assert.equal(r.length, 13, `record ${i} has 13 cells`));
  assert.deepEqual(
    rows.map((r) => [r.subnet, r.netmask, r.first, r.last, r.first_usable, r.last_usable, r.usable, r.note, r.color, r.prefix, r.parent]),
    [
      ['10.0.0.0/17', '255.255.128.0', '10.0.0.0', '10.0.127.255', '10.0.0.1', '10.0.127.254', '32766', `'${FORMULA}`, '', '17', '10.0.0.0/16'],
      ['10.0.128.0/18', '255.255.192.0', '10.0.128.0', '10.0.191.255', '10.0.128.1', '10.0.191.254', '16382', QUOTED, 'teal', '18', '10.0.128.0/17'],
      ['10.0.192.0/18', '255.255.192.0', '10.0.192.0', '10.0.255.255', '10.0.192.1', '10.0.255.254', '16382', '', 'red', '18', '10.0.128.0/17'],
    ],
  );
  for (const r of rows) assert.match(r.cidrsubnet, /^cidrsubnet\("10\.0\.0\.0\/16", \d+, \d+\)$/);
  s.assertClean();
});

test('designer "Export JSON", then "Join all" and "Import JSON": the design comes back exactly', T, async () => {
  page = await freshPage(s);
  const leaves = await makeDesign();
  const link = await fragment(page);
  const json = await downloadOf(page, () => page.getByRole('button', { name: 'Export JSON', exact: true }).click());
  assert.equal(json.name, 'cidrplan-10.0.0.0_16.json');
  const data = JSON.parse(json.text);
  assert.deepEqual(data, {
    format: 'cidrplan-design',
    version: 1,
    base: '10.0.0.0/16',
    mode: 'standard',
    subnets: [
      { subnet: '10.0.0.0/17', note: FORMULA },
      { subnet: '10.0.128.0/18', note: QUOTED, color: 'teal' },
      { subnet: '10.0.192.0/18', color: 'red' },
    ],
  });

  await page.getByRole('button', { name: 'Join all' }).click();
  await waitLeaves(page, 1);
  assert.notDeepEqual(await domLeaves(page), leaves);

  await page.locator('.designer input[type=file]').setInputFiles({
    name: json.name,
    mimeType: 'application/json',
    buffer: json.buffer,
  });
  await waitLeaves(page, 3);
  assert.deepEqual(await domLeaves(page), leaves);
  assert.match(await summaryText(page), /^3 subnets · 49,152 addresses noted/);
  assert.equal(await fragment(page), link, 'the same design, the same link');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY_DESIGN), link, 'autosaved (as its link)');
  // Importing is one undoable step.
  await page.getByRole('button', { name: /Undo/ }).click();
  await waitLeaves(page, 1);
  s.assertClean();
});

test('a file that is not a design is refused with a reason; the design stays', T, async () => {
  page = await freshPage(s);
  const leaves = await makeDesign();
  await page.locator('.designer input[type=file]').setInputFiles({
    name: 'plan.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"something-else","base":"10.0.0.0/16","subnets":[]}'),
  });
  const error = page.locator('.designer p.error[role=alert]');
  await error.waitFor();
  assert.match(await error.innerText(), /Could not import that file/);
  assert.match(await error.innerText(), /something-else/);
  assert.deepEqual(await domLeaves(page), leaves);
  s.assertClean();
});

test('a 70,000-character link: "could not be opened", the reason gives the length, the stored design stays', T, async () => {
  page = await freshPage(s);
  const leaves = await makeDesign();
  const good = await fragment(page);
  const stored = await page.evaluate((k) => localStorage.getItem(k), KEY_DESIGN);
  assert.ok(stored, 'the design is autosaved');
  const huge = `v1.${'A'.repeat(70_000)}`;

  const checkBanner = async () => {
    const banner = page.locator('.banner-error[role=alert]');
    await banner.waitFor({ timeout: 10_000 });
    const text = (await banner.innerText()).replace(/\s+/g, ' ').trim();
    assert.match(text, /could not be opened/, text);
    assert.match(text, /too long/, text);
    assert.match(text, /70,?003/, `the length is given: ${text}`);
    assert.match(text, /65,?536/, `the limit is given: ${text}`);
    assert.match(text, /Your own work is unchanged/);
    return text;
  };

  // Opened by a full page load.
  await load(s, page, `#${huge}`);
  await checkBanner();
  await openDesigner(page);
  assert.deepEqual(await domLeaves(page), leaves);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY_DESIGN), stored);
  assert.equal(await fragment(page), good, 'the address bar holds the design again, not the refused link');

  // Pasted into the open page (hashchange).
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.locator('.banner-error').waitFor({ state: 'detached' });
  await page.goto(new URL(`#${huge}`, s.url).href);
  await checkBanner();
  assert.deepEqual(await domLeaves(page), leaves);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY_DESIGN), stored);
  assert.equal(await fragment(page), good);
  s.assertClean();
});

// The planner's Export panel ("Format" select, the text in <pre>, Copy and Download).

/** The planner's export section, or null when this build has none. */
async function exportsPanel() {
  const panel = page.locator('.planner section.exports');
  return (await panel.count()) > 0 ? panel : null;
}

async function chooseFormat(panel, label) {
  const select = panel.getByRole('combobox', { name: 'Format' });
  const current = await select.evaluate((el) => el.selectedOptions[0]?.textContent.trim());
  if (current !== label) {
    const before = await panel.locator('pre').innerText().catch(() => '');
    await select.selectOption({ label });
    await page.waitForFunction(
      (before) => {
        const t = document.querySelector('.planner section.exports pre')?.textContent ?? '';
        return t !== '' && t !== before;
      },
      before,
      { timeout: 10_000 },
    );
  }
  return panel.locator('pre').innerText();
}

test('planner Export panel: Terraform, CloudFormation, CSV, Markdown and JSON of the AWS preset', T, async (t) => {
  page = await freshPage(s);
  await openPlanner(page);
  await choosePreset(page, 'aws-3az');
  await waitPlanRows(page, 9);
  const panel = await exportsPanel();
  if (!panel) {
    t.skip('this build has no Export panel on the planner');
    return;
  }
  const rows = await planRows(page);
  const formats = await panel.getByRole('combobox', { name: 'Format' }).locator('option').allInnerTexts();

  // Terraform for AWS is offered first for an AWS plan.
  const tfLabel = formats.find((f) => /Terraform.*AWS/.test(f));
  assert.ok(tfLabel, `a Terraform (AWS) format: ${formats.join(', ')}`);
  assert.equal(
    await panel.getByRole('combobox', { name: 'Format' }).evaluate((el) => el.selectedOptions[0]?.textContent.trim()),
    tfLabel,
    'an AWS plan starts on Terraform (AWS)',
  );
  const tf = await chooseFormat(panel, tfLabel);
  assert.match(tf, /resource "aws_subnet"/);
  assert.match(tf, /resource "aws_vpc"/);
  // Every subnet, by name and by its cidrsubnet() of the VPC CIDR (the table's newbits, netnum).
  const exprs = await page.locator('.plan-table tbody tr td.mono.small').allInnerTexts();
  assert.equal(exprs.length, rows.length);
  rows.forEach((r, i) => {
    const [, newbits, netnum] = /cidrsubnet\((?:"[^"]+"|var\.vpc_cidr), (\d+), (\d+)\)/.exec(exprs[i]) ?? [];
    assert.ok(tf.includes(r.name), `Terraform names ${r.name}`);
    assert.ok(tf.includes(`cidrsubnet(var.vpc_cidr, ${newbits}, ${netnum})`), `Terraform places ${r.name} (${r.cidr}) at ${exprs[i]}`);
  });
  assert.match(tf, /"10\.0\.0\.0\/16"/, 'the VPC CIDR');

  const cfLabel = formats.find((f) => /CloudFormation/.test(f));
  assert.ok(cfLabel, `a CloudFormation format: ${formats.join(', ')}`);
  const cf = await chooseFormat(panel, cfLabel);
  assert.match(cf, /AWS::EC2::Subnet/);
  assert.match(cf, /AWS::EC2::VPC/);
  for (const r of rows) assert.ok(cf.includes(r.cidr), `CloudFormation has ${r.cidr}`);

  // The download holds what is shown.
  const dl = await downloadOf(page, () => panel.getByRole('button', { name: 'Download', exact: true }).click());
  assert.equal(dl.name, 'aws-3az.cfn.yaml');
  assert.equal(dl.text.trim(), cf.trim());

  const csvLabel = formats.find((f) => f === 'CSV');
  if (csvLabel) {
    const csv = await chooseFormat(panel, csvLabel);
    const records = parseCsv(csv.replace(/\r?\n/g, '\r\n'));
    const data = records.filter((r) => r.length > 1 && r.some((c) => c !== ''));
    assert.deepEqual(data[0].slice(0, 5), ['name', 'zone', 'tier', 'kind', 'cidr']);
    assert.equal(data.length, 1 + rows.length, `a header and a line per subnet:\n${csv}`);
    for (const r of rows) assert.ok(data.some((rec) => rec.includes(r.cidr) && rec.includes(r.name)), `CSV row for ${r.name}`);
  }
  const mdLabel = formats.find((f) => f === 'Markdown');
  if (mdLabel) {
    const md = await chooseFormat(panel, mdLabel);
    assert.match(md, /^\|.*\|$/m);
    assert.match(md, /^\|\s*:?-{3,}/m, 'a header separator');
    for (const r of rows) assert.ok(md.includes(r.cidr), `Markdown has ${r.cidr}`);
  }
  const jsonLabel = formats.find((f) => f === 'JSON');
  if (jsonLabel) {
    const text = await chooseFormat(panel, jsonLabel);
    const data = JSON.parse(text);
    const cidrs = JSON.stringify(data);
    for (const r of rows) assert.ok(cidrs.includes(r.cidr), `JSON has ${r.cidr}`);
  }

  // Copy puts the text on the clipboard.
  const shown = await panel.locator('pre').innerText();
  await panel.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.waitForFunction(async (shown) => (await navigator.clipboard.readText()).trim() === shown.trim(), shown);
  s.assertClean();
});

test('planner Export panel follows the plan (a fourth zone appears in Terraform)', T, async (t) => {
  page = await freshPage(s);
  await openPlanner(page);
  await choosePreset(page, 'aws-3az');
  await waitPlanRows(page, 9);
  const panel = await exportsPanel();
  if (!panel) {
    t.skip('this build has no Export panel on the planner');
    return;
  }
  const formats = await panel.getByRole('combobox', { name: 'Format' }).locator('option').allInnerTexts();
  const tf3 = await chooseFormat(panel, formats.find((f) => /Terraform.*AWS/.test(f)));
  assert.ok(!tf3.includes('10.0.96.0/20'));
  await page.getByRole('button', { name: 'One more zone', exact: true }).click();
  await waitPlanRows(page, 12);
  await page.waitForFunction(() => document.querySelector('.planner section.exports pre')?.textContent.includes('10.0.96.0/20'));
  const tf4 = await panel.locator('pre').innerText();
  assert.ok(tf4.includes('us-east-1d'), 'the new zone is in the Terraform');
  s.assertClean();
});

/** The Terraform (AWS) text once it satisfies `test` (the export follows the form). */
async function waitExport(panel, test, what) {
  await page.waitForFunction(
    ([src, flags]) => new RegExp(src, flags).test(document.querySelector('.planner section.exports pre')?.textContent ?? ''),
    [test.source, test.flags],
    { timeout: 10_000 },
  );
  const text = await panel.locator('pre').innerText();
  assert.match(text, test, what);
  return text;
}

test('planner: a typed plan name names the VPC and the downloads; the three Terraform targets download under distinct names', T, async (t) => {
  page = await freshPage(s);
  await openPlanner(page);
  await choosePreset(page, 'aws-3az');
  await waitPlanRows(page, 9);
  const panel = await exportsPanel();
  if (!panel) {
    t.skip('this build has no Export panel on the planner');
    return;
  }
  const name = planField(page, 'Plan name');
  assert.equal(await name.inputValue(), 'aws-3az', 'the preset names the plan');
  await name.fill('prod-vpc');
  const formats = await panel.getByRole('combobox', { name: 'Format' }).locator('option').allInnerTexts();
  const tf = await waitExport(panel, /\n  name = "prod-vpc"\n/, 'locals.name is the typed name');
  // The VPC's Name tag is that name; the route tables and NAT gateways are named after it.
  assert.match(tf, /resource "aws_vpc" "this" \{[^}]*tags = merge\(var\.tags, \{\n    Name = local\.name\n/);
  assert.match(tf, /name = "prod-vpc-public"/);
  assert.match(tf, /name   = "prod-vpc-nat-a"/);
  assert.ok(!tf.includes('aws-3az'), 'the preset name is gone from the file');

  // The header's link is this page's address with the plan's link, which opens this plan.
  const link = /^# The plan in cidrplan: (\S+)$/m.exec(tf)?.[1];
  assert.ok(link, 'a plan link in the header');
  const here = await page.evaluate(() => location.href.split('#')[0]);
  assert.ok(link.startsWith(`${here}#v2.`), `${link} is on ${here}`);
  await page.waitForFunction((l) => location.href === l, link, { timeout: 10_000 });

  const names = [];
  for (const [label, file] of [
    [/Terraform.*AWS/, 'prod-vpc.aws.tf'],
    [/Terraform.*Azure/, 'prod-vpc.azure.tf'],
    [/Terraform.*GCP/, 'prod-vpc.gcp.tf'],
    [/CloudFormation/, 'prod-vpc.cfn.yaml'],
    [/^CSV$/, 'prod-vpc.csv'],
  ]) {
    const text = await chooseFormat(panel, formats.find((f) => label.test(f)));
    const dl = await downloadOf(page, () => panel.getByRole('button', { name: 'Download', exact: true }).click());
    assert.equal(dl.name, file);
    assert.equal(dl.text.trim(), text.trim(), `${file} holds what is shown`);
    names.push(dl.name);
  }
  assert.equal(new Set(names).size, names.length, `distinct file names: ${names}`);
  s.assertClean();
});

test('planner: the NAT setting shapes the Terraform and survives a reload', T, async (t) => {
  page = await freshPage(s);
  await openPlanner(page);
  await choosePreset(page, 'aws-3az');
  await waitPlanRows(page, 9);
  const panel = await exportsPanel();
  if (!panel) {
    t.skip('this build has no Export panel on the planner');
    return;
  }
  const nat = page.getByRole('combobox', { name: 'NAT for private tiers' });
  assert.equal(await nat.evaluate((el) => el.selectedOptions[0].textContent), 'One NAT gateway per zone (resilient)');
  let tf = await waitExport(panel, /resource "aws_nat_gateway" "this"/, 'NAT gateways by default');
  assert.equal((tf.match(/^      subnet = "public-[abc]"$/gm) ?? []).length, 3, 'one NAT gateway per zone');
  assert.match(tf, /resource "aws_route" "public_internet" \{\n  route_table_id         = aws_route_table\.this\["public"\]\.id/);

  await nat.selectOption({ label: 'One shared NAT gateway (cheaper)' });
  tf = await waitExport(panel, /nat_routes = \{\n    "private" = "shared"\n  \}/, 'one shared NAT gateway');
  assert.equal((tf.match(/^      subnet = "public-a"$/gm) ?? []).length, 1);

  await nat.selectOption({ label: 'No NAT gateway' });
  tf = await waitExport(panel, /# NAT: none \(the plan's choice\)/, 'no NAT');
  assert.ok(!tf.includes('resource "aws_nat_gateway"'));

  // Autosaved and in the link: a reload keeps it.
  await page.reload({ waitUntil: 'load' });
  await openPlanner(page);
  await waitPlanRows(page, 9);
  assert.equal(await nat.evaluate((el) => el.selectedOptions[0].textContent), 'No NAT gateway');
  const again = await exportsPanel();
  await waitExport(again, /# NAT: none \(the plan's choice\)/, 'still no NAT after a reload');
  s.assertClean();
});
