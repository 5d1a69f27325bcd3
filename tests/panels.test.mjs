// HTML panels against the session and the core: the highlighted rows of the data matrix,
// the e-table, and the bias-correction toggle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, canvasStats, lesson, answer, pageStrings } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });


for (const lang of ['en', 'ko']) {
  test(`the highlighted rows are exactly the rows the last step used (${lang})`, async () => {
    const steps = lesson('batch').steps;
    for (const k of [2, 3, 4]) {
      assert.match(steps[k - 1].scene, /view=[^&]*matrix/);
      const p = await openPage(env, `lesson=batch&step=${k}&lang=${lang}`);
      const { page } = p;
      await answer(page);
      // Before the first step no row is picked yet: the sum's range names the batch, never NaN.
      const first = await page.locator('.sum-range').textContent();
      assert.doesNotMatch(first, /NaN|undefined/, `step ${k} before a step: ${first}`);
      assert.match(await page.locator('.sum-range mark').textContent(), k === 2 ? /1 … 40/ : k === 3 ? /B \(8\)/ : /B \(1\)/);
      const S = pageStrings(lang);
      const caption = () => page.locator('table.matrix caption').textContent();
      assert.ok((await caption()).includes(S.matrixUsedNone), `step ${k} before a step: ${await caption()}`);
      // The sum is never broken across lines, in the narrow panel beside the map too.
      const lines = await page.locator('.sum-range .sum').evaluate((s) => s.getBoundingClientRect().height / s.querySelector('.frac').getBoundingClientRect().height);
      assert.ok(lines < 1.5, `step ${k}: the sum on one line (${lines.toFixed(2)} lines high)`);
      for (let i = 0; i < 3; i++) {
        await page.locator('#step').click();
        // The panels are filled in the frame that reports the step (data-iteration).
        await page.waitForFunction((n) => document.documentElement.dataset.iteration === String(n), i + 1);
        const used = await page.$$eval('table.matrix tr.used', (rows) => rows.map((r) => Number(r.dataset.row)).sort((a, b) => a - b));
        const rows = await page.evaluate(() => Array.from(window.descent.session().state().lastRows).sort((a, b) => a - b));
        assert.deepEqual(used, rows.filter((r) => r < 40), `step ${k}, after ${i + 1} steps`);
        const expected = k === 2 ? 40 : k === 3 ? 8 : 1;
        assert.equal(rows.length, expected, `step ${k}: batch size`);
        assert.ok((await caption()).includes(expected === 1 ? S.matrixUsedOne : S.matrixUsedMany.replace('{used}', expected)), `step ${k}: ${await caption()}`);
      }
      assert.match(await page.locator('.sum-range mark').textContent(), k === 2 ? /1 … 40/ : k === 3 ? /B \(8\)/ : /i = \d+/);
      assert.deepEqual(await p.problems(), []);
      await p.close();
    }
  });
}

test('the e-table shows β^(1/(1−β)) as the core computes it, to 4 decimals', async () => {
  const k = lesson('e-limit').steps.findIndex((s) => /etable/.test(s.scene)) + 1;
  for (const lang of ['en', 'ko']) {
    const p = await openPage(env, `lesson=e-limit&step=${k}&lang=${lang}`);
    const rows = await p.page.$$eval('table.etable tbody tr', (trs) => trs.map((tr) => [Number(tr.dataset.beta), tr.querySelector('.value').textContent]));
    assert.deepEqual(rows.map((r) => r[0]), [0.5, 0.9, 0.98, 0.999]);
    for (const [b, shown] of rows) {
      // An independent computation: β^(1/(1−β)) by Math.pow.
      assert.equal(shown, (b ** (1 / (1 - b))).toFixed(4), `β = ${b}`);
      assert.equal(shown, (await p.page.evaluate((x) => window.wasmBindings.betaLimit(x), b)).toFixed(4));
    }
    assert.deepEqual(await p.problems(), []);
    await p.close();
  }
});

test('the bias-correction toggle redraws the average and lands in the URL', async () => {
  const p = await openPage(env, 'lesson=bias-correction&step=1&lang=en');
  const { page } = p;
  await answer(page);
  const before = await canvasStats(page, 'ewa');
  await page.locator('#ctl-bias').check();
  await page.waitForFunction(() => /bias=1/.test(location.search) && document.documentElement.dataset.ready === 'true');
  assert.notEqual((await canvasStats(page, 'ewa')).bg.hash, before.bg.hash);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});
