// Lighthouse (performance, accessibility, best practices) on every tab, with the desktop preset
// and Lighthouse's default mobile emulation, through tests/lighthouse/run.mjs: it writes
// tests/artifacts/lighthouse.json (scores, metrics, the audits that cost points) and an HTML
// report per run under tests/artifacts/lighthouse/. Scores and timings are recorded, not
// asserted: the performance figures are simulated estimates that move from run to run. Asserted
// are the deterministic facts: each run finished with a numeric score per category, opened the
// tab it was meant to, requested nothing beyond 127.0.0.1, and passed every accessibility audit
// (except the known failures listed below, and only those).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, formatTable, PRESETS, runLighthouse, TABS } from '../lighthouse/run.mjs';

/**
 * Accessibility audits that fail today, per "tab/preset", with the reason. Such a run's score is
 * not asserted, but no other audit may fail there. Remove an entry once the app is fixed (the
 * test says when one passes).
 */
const KNOWN_A11Y_FAILURES = {
  // None today. (The bit view's prefix gaps failed `target-size` on mobile until they stopped
  // being buttons: the slider is their accessible equivalent.)
};

test('Lighthouse: Calculator, Subnets and VPC planner, desktop and mobile', { timeout: 300_000 }, async () => {
  const results = await runLighthouse();
  console.log(`\n${formatTable(results.runs)}\n`);
  assert.equal(results.runs.length, TABS.length * PRESETS.length);

  for (const r of results.runs) {
    const what = `${r.tab} (${r.preset})`;
    assert.equal(r.runtimeError, null, `${what}: Lighthouse ran: ${JSON.stringify(r.runtimeError)}`);
    for (const c of CATEGORIES) {
      const score = r.scores[c];
      assert.ok(Number.isInteger(score) && score >= 0 && score <= 100, `${what}: ${c} score is a number 0–100 (${score})`);
    }
    // The app writes the link of the tab it opened into the address bar: the calculator's for
    // the bare URL (empty storage), the same #v2.… link for the designer and the planner.
    if (r.tab === 'calculator') assert.ok(r.finalUrl.endsWith('#10.0.0.0/16'), `${what}: opened the calculator (${r.finalUrl})`);
    else assert.equal(r.finalUrl, r.url, `${what}: opened the tab of its link`);
    assert.deepEqual(r.foreignRequests, [], `${what}: nothing requested beyond 127.0.0.1`);

    const known = KNOWN_A11Y_FAILURES[`${r.tab}/${r.preset}`] ?? {};
    const failing = r.failing.accessibility;
    const unexpected = failing.filter((a) => !(a.id in known));
    assert.deepEqual(
      unexpected.map((a) => a.id),
      [],
      `${what}: accessibility audits failing:\n${unexpected
        .map((a) => `  ${a.id} (${a.title}): ${a.items.map((i) => `${i.selector ?? i.url ?? ''} ${i.explanation ?? ''}`.trim()).join('; ')}`)
        .join('\n')}`,
    );
    if (Object.keys(known).length === 0) assert.equal(r.scores.accessibility, 100, `${what}: accessibility 100`);
    for (const [id, why] of Object.entries(known)) {
      if (failing.some((a) => a.id === id)) console.log(`known accessibility failure, ${what}: ${id}: ${why}`);
      else console.log(`note: ${what}: ${id} passes now; remove it from KNOWN_A11Y_FAILURES`);
    }
  }
  console.log(`lighthouse: ${results.runs.length} runs in ${(results.runtimeMs / 1000).toFixed(1)} s`);
});
