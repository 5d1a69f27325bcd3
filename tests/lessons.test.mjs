// Every step of every lesson, in both languages: loads from its URL, draws its canvases,
// steps (state and pixels change), and raises no error of any kind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, canvasStats, lessonIds, lesson, answer } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

for (const id of lessonIds()) {
  const data = lesson(id);
  for (const lang of ['en', 'ko']) {
    test(`${id} in ${lang}: every step loads, draws and steps`, async () => {
      for (let step = 1; step <= data.steps.length; step++) {
        const p = await openPage(env, `lesson=${id}&step=${step}&lang=${lang}`);
        const { page } = p;
        const where = `${id} step ${step} (${lang})`;
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang, where);
        const title = await page.locator('#step-title').textContent();
        assert.equal(title, data.steps[step - 1].title[lang], where);
        const views = await page.$$eval('[data-view]', (els) => els.map((e) => e.dataset.view));
        const canvases = await page.$$eval('.canvas-box', (els) => els.length);
        for (const v of views) {
          const s = await canvasStats(page, v);
          if (s) assert.ok(s.bg.ink > 500 || s.fg.ink > 500, `${where}: canvas ${v} is blank`);
        }
        const stepButton = page.locator('#step');
        if (canvases && await stepButton.count()) {
          await answer(page);
          const before = await page.evaluate(() => window.wasmBindings && window.descent.session().iteration());
          const firstView = views.find((v) => v !== 'table' && v !== 'readout' && v !== 'matrix' && v !== 'etable');
          const pix0 = firstView ? await canvasStats(page, firstView) : null;
          await stepButton.click();
          await page.waitForFunction((b) => window.descent.session().iteration() > b || window.descent.session().diverged(), before);
          const after = await page.evaluate(() => window.descent.session().iteration());
          const diverged = await page.evaluate(() => window.descent.session().diverged());
          assert.ok(after === before + 1 || diverged, `${where}: Step must advance the run`);
          // At a minimum the gradient is zero and a step rightly changes nothing.
          const still = await page.evaluate(() => Array.from(window.descent.session().gradient()).every((g) => Math.abs(g) < 1e-9));
          if (pix0 && !diverged && !still) {
            await page.waitForTimeout(50);
            const pix1 = await canvasStats(page, firstView);
            assert.notEqual(pix1.fg.hash, pix0.fg.hash, `${where}: Step must change the ${firstView} canvas`);
          }
        }
        // Nothing on the page reads NaN or Infinity.
        const text = await page.locator('main').innerText();
        assert.ok(!/\bNaN\b|Infinity/.test(text), `${where}: shows NaN/Infinity`);
        assert.deepEqual(await p.problems(), [], where);
        await p.close();
      }
    });
  }
}
