// cidrplan's loader: each tool is its own wasm module (web/calculator, web/subnets,
// web/planner), and this file picks the one to load first and loads the others when their tab
// is first chosen, so a visitor downloads only the tool they opened.
//
// - First tool: the kind of the link in the address bar (a plain `#10.0.0.0/16` is the
//   calculator; `#v1.`/`#v2.` links carry a kind byte as the first byte of their deflated
//   payload: 0 calculator, 1 design, 2 plan — see core/src/share), else the tab saved in
//   localStorage, else the calculator. This peek is only a routing hint: every module decodes
//   the link itself with the core and hands it to the right tool if this guessed wrong (an old
//   browser without DecompressionStream, a damaged link).
// - A module exports start(how), stop() and load_failed(tool, reason); the shell crate
//   (web/shell/src/host.rs) calls `cidrplanBoot.open(tool, how)` to switch tools. A module,
//   once loaded, stays loaded: switching back keeps its state (undo history included).
// - A module of functions (web/exports: the planner's export writers) has no page: a tool
//   loads it after its first result with `cidrplanBoot.library(name)` (web/shell/src/library.rs).
// - `cargo xtask dist` replaces MODULES and STYLES below with the content-hashed file names of
//   the build (trunk names these modules without a hash) and this file's own name with a
//   hashed one.

const MODULES = { calculator: 'calculator', subnets: 'subnets', planner: 'planner', exports: 'exports' };
// A tool's own stylesheet, added to the page with its module (main.css and calculator.css,
// which every page needs, are in index.html).
const STYLES = { subnets: 'designer.css', planner: 'planner.css' };
// The tools, by the kind byte of their links; every other module is a library.
const KINDS = ['calculator', 'subnets', 'planner'];
const TAB_KEY = 'cidrplan.v1.tab';

const loading = {};
let current = null;
let wanted = null;

/** The module `tool` (a tool or a library), loaded and initialised once. */
function load(tool) {
  loading[tool] ??= (async () => {
    const name = MODULES[tool];
    const [module] = await Promise.all([import(`./${name}.js`), stylesheet(STYLES[tool])]);
    await module.default({ module_or_path: new URL(`./${name}_bg.wasm`, import.meta.url) });
    return module;
  })();
  // A failed load is tried again next time.
  loading[tool].catch(() => delete loading[tool]);
  return loading[tool];
}

/** Adds the stylesheet `name` (if any) to the page; resolves once it applies. */
function stylesheet(name) {
  if (!name) return Promise.resolve();
  const href = new URL(`./${name}`, import.meta.url).href;
  let link = [...document.querySelectorAll('link[rel=stylesheet]')].find((l) => l.href === href);
  if (link?.sheet) return Promise.resolve();
  if (!link) {
    link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
    document.head.append(link);
  }
  return new Promise((resolve, reject) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => {
      link.remove();
      reject(new Error(`${name} did not load`));
    }, { once: true });
  });
}

/** Show `tool`: load its module, take the page from the current one, start it with `how`. */
async function open(tool, how) {
  if (!KINDS.includes(tool)) return;
  wanted = tool;
  let module;
  try {
    module = await load(tool);
  } catch (e) {
    if (current) current.load_failed(tool, String(e && e.message ? e.message : e));
    else document.body.textContent = `cidrplan could not load its ${tool} (${e}). Check the connection and reload.`;
    return;
  }
  // Another tab was chosen while this one loaded: that one wins.
  if (wanted !== tool) return;
  if (current && current !== module) current.stop();
  current = module;
  module.start(how);
  // For the browser tests' timings (tests/browser/perf.test.mjs).
  dispatchEvent(new CustomEvent('cidrplan-started', { detail: { tool, how } }));
}

/** The tool a link is for, from its header, or null when the peek cannot tell. */
async function linkTool(fragment) {
  const versioned = /^v(\d+)\.(.*)$/.exec(fragment);
  if (!versioned) return 'calculator';
  if (!/^[12]$/.test(versioned[1]) || typeof DecompressionStream !== 'function') return null;
  try {
    const base64 = versioned[2].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    let first;
    while (first === undefined) {
      const { value, done } = await reader.read();
      if (done) break;
      if (value.length) first = value[0];
    }
    reader.cancel().catch(() => {});
    return KINDS[first] ?? null;
  } catch {
    return null;
  }
}

function savedTool() {
  try {
    const saved = localStorage.getItem(TAB_KEY);
    return KINDS.includes(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** After the first tool is up: the service worker (static/sw.js) makes every tool work offline. */
function registerServiceWorker() {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('./sw.js').catch(() => {});
}

/** The library module `name` (not a tool), loaded once; rejects with why it did not load. */
function library(name) {
  if (!MODULES[name] || KINDS.includes(name)) return Promise.reject(new Error(`no library ${name}`));
  return load(name);
}

globalThis.cidrplanBoot = { open: (tool, how) => void open(tool, how), library };

const first = (location.hash.length > 1 && (await linkTool(location.hash.slice(1)))) || savedTool() || 'calculator';
await open(first, 'boot');
registerServiceWorker();
