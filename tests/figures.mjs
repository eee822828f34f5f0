// Writes the browser figures document (FIGURES-browser.md at the repository root) from what the
// last browser-test run recorded: tests/artifacts/perf.json (perf.test.mjs),
// tests/artifacts/lighthouse.json (lighthouse.test.mjs) and the gzipped size of each file in
// the dist/ that was tested. `cargo xtask figures` builds dist/, runs the browser tests and then
// this script; run it alone (`node figures.mjs [dist] [out.md]`) to re-render from the artifacts.
//
// Nothing here measures anything: it only lays out recorded figures, so that the document
// always says which run they came from.

import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const out = path.resolve(process.argv[3] ?? path.join(root, 'FIGURES-browser.md'));

const readJson = async (file) => JSON.parse(await readFile(path.join(here, 'artifacts', file), 'utf8'));
const perf = await readJson('perf.json');
const lh = await readJson('lighthouse.json');

const fmt = (n) => (n == null ? '—' : Number(n).toLocaleString('en-US', { maximumFractionDigits: 1 }));
const ms = (key) => (perf[key] == null ? '—' : `${fmt(perf[key])} ms`);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const need = (key) => {
  if (perf[key] == null) throw new Error(`tests/artifacts/perf.json has no "${key}": run the perf browser test first`);
  return perf[key];
};

// Every file under dist/ (sub-folders too, e.g. wasm-bindgen snippets) but the build's
// precompressed `.br`/`.gz` copies, gzipped by Node's zlib at level 9 (`cargo xtask dist`,
// which enforces the budget, uses flate2; the two differ by about 1 %), and its brotli copy's
// size when it has one: what nginx with deploy/nginx.conf sends a current browser.
const files = [];
for (const entry of (await readdir(dist, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !/\.(br|gz)$/.test(e.name))) {
  const full = path.join(entry.parentPath ?? entry.path, entry.name);
  const bytes = await readFile(full);
  const br = await stat(`${full}.br`).then((st) => st.size).catch(() => bytes.length);
  const gz = gzipSync(bytes, { level: 9 }).length;
  // The build's own .gz copy (flate2), what the per-tool budget counts.
  const gzCopy = await stat(`${full}.gz`).then((st) => st.size).catch(() => gz);
  files.push({ name: path.relative(dist, full), raw: bytes.length, gz, gzCopy, br });
}
files.sort((a, b) => a.name.localeCompare(b.name));
const total = files.reduce((a, f) => ({ raw: a.raw + f.raw, gz: a.gz + f.gz, br: a.br + f.br }), { raw: 0, gz: 0, br: 0 });

const lines = [];
const p = (s = '') => lines.push(s);
p('# cidrplan in the browser: measured figures');
p();
p(
  `Recorded by the browser tests on the release build: perf figures at ${perf.recordedAt}, Lighthouse at ` +
    `${lh.recordedAt}, in headless Chromium (${perf.environment?.userAgent?.match(/HeadlessChrome\/[\d.]+/)?.[0] ?? 'unknown'}), ` +
    `Node ${perf.environment?.node ?? lh.node}, viewport ${perf.environment?.viewport ?? '?'}. Regenerate with ` +
    '`cargo xtask figures` (release build, browser tests, then `tests/figures.mjs`). Do not edit by hand.',
);
p();
p(
  'Times are **recorded, never asserted**: the machine is shared and noisy, so read them as orders of magnitude. ' +
    'Each is a median over repetitions where the test repeats (the count is given). What the tests do assert is ' +
    'deterministic: leaf and row counts, the DOM staying windowed, the diagram showing the right zones, no request ' +
    'leaving 127.0.0.1, axe and Lighthouse accessibility.',
);
p();
p('## Bundle (`dist/`)');
p();
p(
  'Each file compressed by Node\'s zlib at level 9, as a compressing static host would send it (`cargo xtask dist`, ' +
    'which enforces the size budget, compresses with flate2 at its best level; the two differ by about 1 %), and the ' +
    'size of the build\'s brotli copy, which nginx with deploy/nginx.conf sends a current browser.',
);
p();
p('| File | Raw | gzip -9 | brotli 11 (served) |');
p('|---|---:|---:|---:|');
for (const f of files) p(`| \`${f.name.replace(/-[0-9a-f]{16}(?=[._])/, '-…')}\` | ${kib(f.raw)} | ${kib(f.gz)} | ${kib(f.br)} |`);
p(`| **Total** | ${kib(total.raw)} | **${kib(total.gz)}** (${fmt(total.gz)} bytes) | **${kib(total.br)}** (${fmt(total.br)} bytes) |`);
p();
// What a visitor downloads before a tool's first result: the page, the CSS, the loader and
// that tool's module (its JS glue and wasm) — the per-tool budget `cargo xtask dist` enforces.
const TOOLS = ['calculator', 'subnets', 'planner'];
// A tool's own stylesheet (xtask/src/modules.rs STYLES), loaded with its module.
const STYLE_OF = { subnets: 'designer', planner: 'planner' };
const isStyleOf = (name, style) => new RegExp(`^${style}-[0-9a-f]{16}\\.css$`).test(name);
const shared = files.filter(
  (f) => f.name === 'index.html' || (f.name.endsWith('.css') && !Object.values(STYLE_OF).some((st) => isStyleOf(f.name, st))) || /^boot-[0-9a-f]{16}\.js$/.test(f.name),
);
p('## First load per tool');
p();
p('The page, the CSS every page loads, the loader (`boot-….js`) and the tool\'s own module and stylesheet: what arrives before that tool\'s first result. Other tools\' modules load when their tab is first chosen.');
p();
p('| Tool | Files | gzip -9 (the build\'s .gz copies, as the budget counts) | brotli 11 (served) |');
p('|---|---:|---:|---:|');
for (const tool of TOOLS) {
  const module = files.filter((f) => new RegExp(`^${tool}-[0-9a-f]{16}(_bg\\.wasm|\\.js)$`).test(f.name));
  if (module.length !== 2) throw new Error(`dist/ has ${module.length} files of ${tool}'s module, not its .js and _bg.wasm`);
  const own = [...module, ...files.filter((f) => STYLE_OF[tool] && isStyleOf(f.name, STYLE_OF[tool]))];
  const sum = [...shared, ...own].reduce((a, f) => ({ gz: a.gz + f.gzCopy, br: a.br + f.br }), { gz: 0, br: 0 });
  p(`| ${tool} | ${shared.length + own.length} | **${kib(sum.gz)}** | **${kib(sum.br)}** |`);
}
// Modules of functions a tool loads after its first result (the planner's export writers).
for (const library of ['exports']) {
  const module = files.filter((f) => new RegExp(`^${library}-[0-9a-f]{16}(_bg\\.wasm|\\.js)$`).test(f.name));
  const sum = module.reduce((a, f) => ({ gz: a.gz + f.gzCopy, br: a.br + f.br }), { gz: 0, br: 0 });
  p(`| then ${library} (after the planner's first result, not in its first load) | ${module.length} | ${kib(sum.gz)} | ${kib(sum.br)} |`);
}
p();
p('## Loading and typing');
p();
p('| Measure | Median | Min | Max | Notes |');
p('|---|---:|---:|---:|---|');
need('cold-load-to-calculator-result median');
p(
  `| Navigation → calculator's first result, cold (10 loads, each in a fresh context: no cache, no storage) | ` +
    `**${ms('cold-load-to-calculator-result median')}** | ${ms('cold-load-to-calculator-result min')} | ` +
    `${ms('cold-load-to-calculator-result max')} | next frame ${ms('cold-load-to-calculator-result (next frame) median')}; ` +
    `wasm received ${ms('cold-load wasm-received median')}; first contentful paint ${ms('cold-load first-contentful-paint median')}; ` +
    `served by nginx with deploy/nginx.conf (${fmt(perf['cold-load total transfer'])} bytes) from 127.0.0.1 |`,
);
for (const tool of ['subnets', 'planner']) {
  const k = `cold-load-to-${tool}-result`;
  p(
    `| Navigation with a ${tool === 'subnets' ? 'design' : 'plan'} link → ${tool === 'subnets' ? 'the designer\'s leaf count' : 'the planner\'s diagram'}, cold (10 loads, fresh contexts) | ` +
      `**${ms(`${k} median`)}** | ${ms(`${k} min`)} | ${ms(`${k} max`)} | next frame ${ms(`${k} (next frame) median`)}; ` +
      `wasm received ${ms(`cold-load ${tool} wasm-received median`)}; ${fmt(perf[`cold-load ${tool} total transfer`])} bytes |`,
  );
}
for (const tool of ['subnets', 'planner']) {
  p(
    `| Calculator → ${tool} tab, its module not loaded yet (click → ${tool} shown; the loading state is on screen the frame after the click; 5 fresh contexts) | ` +
      `**${ms(`tab-switch-first ${tool} median`)}** | | ${ms(`tab-switch-first ${tool} max`)} | once loaded, back and forth: ${ms(`tab-switch-again ${tool} median`)} |`,
  );
}
const offline = await readJson('offline.json').catch(() => ({}));
p(
  `| Reload offline (after one visit: the service worker serves this build) → calculator's result | ` +
    `**${offline['offline-reload-to-calculator-result'] == null ? '—' : `${fmt(offline['offline-reload-to-calculator-result'])} ms`}** | | | one reload (offline.test.mjs) |`,
);
p(`| Keystroke → calculator result updated | **${ms('keystroke-to-result median')}** | | ${ms('keystroke-to-result max')} | DOM changed ${ms('keystroke-to-dom median')}; ↑ on the input (prefix − 1) ${ms('arrowup-to-result median')} |`);
p();
p('## Subnet designer');
p();
p('| Measure | Figure | Notes |');
p('|---|---:|---|');
p(`| Split to 1,024 leaves (click → table redrawn) | **${ms('split-to-1024')}** | summary updated ${ms('split-to-1024 (summary updated)')} |`);
p(`| Split to 16,384 leaves | **${ms('split-to-16384')}** | summary ${ms('split-to-16384 (summary updated)')}; click handler ${ms('split-to-16384 (click handler)')}; ${fmt(perf['dom-rows-at-16384'])} rows in the DOM |`);
p(`| Undo 16,384 → 1 / redo | ${ms('undo-16384-to-1')} / ${ms('redo-1-to-16384')} | |`);
p(`| Join all from 16,384 | ${ms('join-all-from-16384')} | |`);
p(
  `| Scroll through 16,384 leaves in ${fmt(perf['scroll-16384 frames'])} jumps of ${fmt(perf['scroll-16384 step'])} px ` +
    `(a whole new window of rows each frame: the scrollbar dragged end to end) | **${fmt(perf['scroll-16384 frames>50ms'])} frames > 50 ms** | ` +
    `worst ${ms('scroll-16384 worst-frame')}; blank frames ${fmt(perf['scroll-16384 blank-frames'])}; at most ${fmt(perf['scroll-16384 max-dom-rows'])} rows in the DOM; ` +
    `script per jump ${ms('scroll-16384 scroll-handler script per frame')} |`,
);
p();
p('## VPC planner');
p();
p('| Measure | Median | Min | Max | Notes |');
p('|---|---:|---:|---:|---|');
need('planner-6x8 zone-change-to-diagram median');
p(
  `| 6 zones × 8 tiers: zone count 6 → 5 → 6, ten times (click → the frame after the diagram shows the new zones) | ` +
    `**${ms('planner-6x8 zone-change-to-diagram median')}** | ${ms('planner-6x8 zone-change-to-diagram min')} | ` +
    `${ms('planner-6x8 zone-change-to-diagram max')} | DOM updated ${ms('planner-6x8 zone-change-to-diagram (dom) median')} |`,
);
p();
p(`## Lighthouse ${lh.lighthouseVersion}`);
p();
p(`${lh.throttling}. Responses ${lh.compression}. Runtime ${fmt(lh.runtimeMs / 1000)} s for ${lh.runs.length} runs.`);
p();
p('| Tab | Preset | Performance | Accessibility | Best practices | FCP | LCP | TBT | CLS | Bytes |');
p('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of lh.runs) {
  const m = r.metrics ?? {};
  p(
    `| ${r.tab} | ${r.preset} | ${r.scores.performance} | ${r.scores.accessibility} | ${r.scores['best-practices']} | ` +
      `${fmt(m.fcpMs)} ms | ${fmt(m.lcpMs)} ms | ${fmt(m.tbtMs)} ms | ${fmt(m.cls)} | ${fmt(m.totalByteWeight)} |`,
  );
}
const lost = [...new Set(lh.runs.flatMap((r) => Object.values(r.failing ?? {}).flat().map((a) => a.id)))];
p();
p(`Audits below full marks in some run: ${lost.length ? lost.map((id) => `\`${id}\``).join(', ') : 'none'}.`);
p();

await writeFile(out, `${lines.join('\n')}`);
console.log(`figures: wrote ${path.relative(process.cwd(), out)} (dist ${kib(total.gz)} gzipped)`);
