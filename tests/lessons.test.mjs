// Every step of every lesson, in both languages: loads from its URL, draws its canvases,
// steps (state and pixels change), and raises no error of any kind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, canvasStats, lessonIds, lesson, answer, pageStrings, LANGS } from './harness.mjs';

const STRINGS = Object.fromEntries(LANGS.map((l) => [l, pageStrings(l)]));

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
        // The step's own scene: its preset with the page keys (its own `hide=` is a page key,
        // merged with the link's), nothing lost, nothing added; canonical as the scene table
        // writes it (defaults left out, keys in table order).
        const preset = new URLSearchParams(data.steps[step - 1].scene);
        const hide = (preset.get('hide') || '').split(',').filter(Boolean);
        preset.delete('hide');
        const { got, want } = await page.evaluate((q) => {
          const s = new window.wasmBindings.Session(q);
          const want = s.toQuery();
          s.free();
          return { got: window.descent.session().toQuery(), want };
        }, `lesson=${id}&step=${step}&lang=${lang}&${preset}`);
        assert.equal(got, want, `${where}: the loaded scene`);
        // Exactly the step's views, and each canvas view drawn (a view that lost its canvases fails).
        const views = await page.$$eval('[data-view]', (els) => els.map((e) => e.dataset.view));
        // (A step without view= shows its surface's own: none, curve and readout in 1-D, else contour and loss.)
        const own = preset.get('surface') === 'none' ? [] : (await page.evaluate(() => window.descent.session().dim())) === 1 ? ['curve', 'readout'] : ['contour', 'loss'];
        assert.deepEqual(views, preset.has('view') ? preset.get('view').split(',') : own, `${where}: views`);
        for (const v of views) {
          if (!(await page.evaluate((v) => window.wasmBindings.View.isCanvas(v), v))) continue;
          const s = await canvasStats(page, v);
          assert.ok(s, `${where}: canvas view ${v} has no canvases`);
          assert.ok(s.bg.ink > 500 || s.fg.ink > 500, `${where}: canvas ${v} is blank`);
        }
        // Every view is a figure with its title and a one-line caption in the page's language
        // (lessons/ui/<lang>.toml: figure.<view>), and every canvas on screen sits in one.
        const figs = await page.$$eval('.views > figure', (fs) => fs.map((f) => ({
          view: f.dataset.view, title: f.querySelector('.fig-title').textContent, caption: f.querySelector(':scope > figcaption').textContent,
          labelled: f.getAttribute('aria-labelledby') === f.querySelector('.fig-title').id,
        })));
        assert.deepEqual(figs.map((f) => f.view), views, `${where}: one figure per view`);
        for (const f of figs) {
          const F = STRINGS[lang].figure[f.view];
          // A chart over examples seen or epochs says so in its title and caption, the others their own.
          const over = ['examples', 'epochs'].find((k) => (preset.get('show') || '').split(',').includes(k) && F[`${k}Title`]);
          assert.equal(f.title, over ? F[`${over}Title`] : F.title, `${where}: ${f.view}'s title`);
          assert.ok(f.caption.trim() && (over ? [F[over]] : [F.caption, F.classify]).includes(f.caption), `${where}: ${f.view}'s caption "${f.caption}"`);
          assert.ok(f.labelled, `${where}: ${f.view} is named by its title`);
        }
        const loose = await page.$$eval('canvas', (cs) => cs.filter((c) => c.getClientRects().length && !(c.closest('figure') && c.closest('figure').querySelector('figcaption').textContent.trim())).length);
        assert.equal(loose, 0, `${where}: a canvas outside a captioned figure`);
        // The run buttons the step's own hide= leaves (none without a run).
        const runs = preset.get('surface') !== 'none';
        for (const b of ['step', 'play', 'reset']) {
          assert.equal(await page.locator(`#${b}`).count(), runs && !hide.includes(b) ? 1 : 0, `${where}: #${b} (hide=${hide})`);
        }
        if (runs && !hide.includes('step')) {
          await answer(page);
          const before = await page.evaluate(() => window.descent.session().iteration());
          const firstView = views.find((v) => v !== 'table' && v !== 'readout' && v !== 'matrix' && v !== 'etable');
          const pix0 = firstView ? await canvasStats(page, firstView) : null;
          await page.locator('#step').click();
          await page.waitForFunction((b) => window.descent.session().iteration() > b || window.descent.session().diverged(), before);
          const after = await page.evaluate(() => window.descent.session().iteration());
          const diverged = await page.evaluate(() => window.descent.session().diverged());
          assert.ok(after === before + 1 || diverged, `${where}: Step must advance the run`);
          // At a minimum the gradient is zero and a step rightly changes nothing.
          const still = await page.evaluate(() => Array.from(window.descent.session().gradient()).every((g) => Math.abs(g) < 1e-9));
          if (pix0 && !diverged && !still) {
            // The page reports the step it drew (data-iteration): the canvas shows it by then.
            await page.waitForFunction((n) => document.documentElement.dataset.iteration === String(n), after);
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
