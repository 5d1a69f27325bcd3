// The real models (lesson 14, real-model, and the playground): every step draws its views in
// both languages; the accuracy chart reads what the session says; the decision boundary is
// redrawn as the network trains; a landscape slice is made when the runs are at rest, for the
// step the page reports, with the explained variance a fresh session gives at that step, and is
// remade (deterministically) at the next pause; the playground offers a model's views.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, ready, canvasStats, lesson, answer, LANGS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const STEPS = lesson('real-model').steps.length;

/** The figure attributes a view reports (View.status) and the page's step count. */
const state = (page, view) => page.evaluate((v) => {
  const f = document.querySelector(`[data-view="${v}"]`);
  return { ...f.dataset, iteration: Number(document.documentElement.dataset.iteration), runs: window.descent.session().runs() };
}, view);

/** The most steps any run has taken. */
const steps = (page) => page.evaluate(() => { const s = window.descent.session(); let m = 0; for (let i = 0; i < s.runs(); i++) m = Math.max(m, s.iterationOf(i)); return m; });

/** Waits until `view`'s slice is the one of step `n`, its whole lattice filled (what the figure reports). */
const sliceMade = (page, view, n) => page.waitForFunction(({ view, n }) => {
  const d = document.querySelector(`[data-view="${view}"]`).dataset;
  return d.sliceStep === String(n) && d.sliceDone === '1681';
}, { view, n }, { timeout: 20000 });

/** Plays until some run has taken at least `n` steps, then pauses (the run button, as a learner). */
async function playTo(page, n) {
  await page.click('#play');
  await page.waitForFunction((k) => { const s = window.descent.session(); return s.iterationOf(0) >= k; }, n, { timeout: 30000 });
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#play').getAttribute('aria-pressed') === 'false');
}

test('every real-model step draws each of its views, in both languages', async () => {
  assert.equal(STEPS, 7);
  for (const lang of LANGS) {
    const { page, problems, close } = await openPage(env, `lesson=real-model&lang=${lang}`);
    for (let step = 1; step <= STEPS; step++) {
      await page.evaluate((q) => { history.pushState(null, '', `?${q}`); dispatchEvent(new PopStateEvent('popstate')); }, `lesson=real-model&step=${step}&lang=${lang}`);
      await ready(page);
      const views = await page.$$eval('.views > figure', (fs) => fs.map((f) => ({ view: f.dataset.view, canvas: !!f.querySelector('canvas'), title: f.querySelector('.fig-title').textContent, caption: f.querySelector('figcaption').textContent })));
      assert.ok(views.length >= 2, `${lang} step ${step}: views ${JSON.stringify(views)}`);
      for (const v of views) {
        assert.ok(v.title && v.caption && v.title !== v.view, `${lang} step ${step}: ${v.view} has a title and caption of its own`);
        if (!v.canvas) continue;
        const st = await canvasStats(page, v.view);
        assert.ok(st.bg.ink > 2000, `${lang} step ${step}: ${v.view} draws (${st.bg.ink} pixels)`);
      }
      // Show the run's first steps too: nothing breaks and the charts move.
      await answer(page);
      await page.click('#step');
      await ready(page);
    }
    assert.deepEqual(await problems(), []);
    await close();
  }
});

test('the data matrix outlines feature j\'s column, the one weight j reads, with the value the last step used; a name picks another', async () => {
  const { page, problems, close } = await openPage(env, 'lesson=real-model&step=1&lang=en');
  const matrix = () => page.evaluate(() => {
    const f = document.querySelector('[data-view="matrix"]');
    const heads = [...f.querySelectorAll('thead th')];
    const picked = heads.findIndex((h) => h.classList.contains('col'));
    const cols = [...f.querySelectorAll('tbody tr[data-row]')].map((tr) => [...tr.children].findIndex((c) => c.classList.contains('col')));
    const crossed = f.querySelectorAll('tbody tr.used td.col').length;
    return { picked, cols, crossed, used: f.querySelectorAll('tbody tr.used').length, line: f.querySelector('.sum-range').textContent, caption: f.querySelector('caption').textContent };
  });
  let m = await matrix();
  assert.equal(m.picked, 1, 'bill length, the first feature (after the row number)');
  assert.ok(m.cols.length > 0 && m.cols.every((c) => c === 1), JSON.stringify(m.cols));
  assert.match(m.line, /^∂C\/∂w₁ = /);
  assert.doesNotMatch(m.line, /last step/, 'no value before a step');
  assert.match(m.caption, /the column of bill length, which w₁ reads/);
  await answer(page);
  await page.click('#step');
  await ready(page);
  m = await matrix();
  assert.equal(m.used, 16);
  assert.equal(m.crossed, 16, 'the column meets the 16 lit rows');
  // The value shown is the gradient the first run's step used for w₁ (its last update's g).
  const lastG = (j) => page.evaluate((k) => {
    const g = window.descent.session().updateOf(0).terms[k].g;
    return { g, text: window.wasmBindings.formatNumber(g, 3, 'sig') };
  }, j);
  const g = await lastG(0);
  assert.ok(Number.isFinite(g.g) && g.g !== 0, String(g.g));
  assert.ok(m.line.endsWith(`(last step: ${g.text})`), `${m.line} against ${g.g}`);
  // Picking body mass by its name (a button) moves the outline and the sum to w₄.
  await page.click('[data-view="matrix"] button.col-pick >> text=body mass');
  m = await matrix();
  assert.equal(m.picked, 4);
  assert.ok(m.cols.every((c) => c === 4));
  assert.match(m.line, /^∂C\/∂w₄ = /);
  const g4 = await lastG(3);
  assert.ok(g4.g !== g.g && m.line.endsWith(`(last step: ${g4.text})`), `${m.line} against ${g4.g}`);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'body mass', 'the picked name keeps the focus');
  assert.deepEqual(await problems(), []);
  await close();
});

test('epochs: the charts count passes over the data, and their titles say so', async () => {
  const { page, problems, close } = await openPage(env, 'lesson=real-model&step=2');
  const titles = await page.$$eval('.views > figure .fig-title', (ts) => ts.map((t) => t.textContent));
  assert.deepEqual(titles, ['Cost against epochs', 'Accuracy against epochs']);
  await answer(page);
  for (let i = 0; i < 22; i++) await page.click('#step');
  await ready(page);
  // The accuracy chart's newest point of the first run, read by the keyboard, is the session's.
  await page.focus('[data-view="accuracy"] .canvas-box');
  await page.keyboard.press('Enter');
  const read = await page.textContent('[data-view="accuracy"] .probe');
  const want = await page.evaluate(() => {
    const s = window.descent.session(), w = window.wasmBindings;
    return { acc: w.formatNumber(100 * s.accuracyOf(0), 1, 'fixed'), epochs: w.formatNumber(s.epochsOf(0), 2, 'fixed'), label: s.labelOf(0) };
  });
  assert.equal(want.epochs, '22.00', 'full batch: one epoch a step');
  assert.ok(read.includes(`${want.label}, step 22: right ${want.acc} %, epoch ${want.epochs}`), read);
  assert.deepEqual(await problems(), []);
  await close();
});

test('the decision boundary is redrawn as the network trains', async () => {
  const { page, problems, close } = await openPage(env, 'lesson=real-model&step=4');
  const first = await state(page, 'boundary');
  assert.equal(first.boundaryStep, '0');
  assert.equal(first.boundaryMaps, '1');
  const before = await canvasStats(page, 'boundary');
  await playTo(page, 60);
  // The last map asked for is finished (none in progress when the boundary's step is reached).
  await page.waitForFunction(() => Number(document.querySelector('[data-view="boundary"]').dataset.boundaryMaps) >= 2);
  const now = await state(page, 'boundary');
  assert.ok(Number(now.boundaryMaps) >= 2, `maps drawn: ${now.boundaryMaps}`);
  assert.ok(Number(now.boundaryStep) > 0 && Number(now.boundaryStep) <= now.iteration, JSON.stringify(now));
  const after = await canvasStats(page, 'boundary');
  assert.notEqual(after.bg.hash, before.bg.hash, 'the map changed');
  // The legend shows both classes by colour and by marker shape.
  const shapes = await page.$$eval('[data-view="boundary"] .legend li', (li) => li.map((l) => l.textContent));
  assert.deepEqual(shapes, ['Chinstrap', 'Adélie or Gentoo', 'P = ½']);
  assert.deepEqual(await problems(), []);
  await close();
});

test('a slice is made when the runs pause, for the step the page reports, and remade at the next pause', async () => {
  for (const lang of LANGS) {
    const { page, problems, close } = await openPage(env, `lesson=real-model&step=5&lang=${lang}`);
    // At the start the runs have not moved: no slice, and the figures say why.
    assert.equal((await state(page, 'slice')).sliceStep, '');
    for (const round of [1, 2]) {
      await playTo(page, round * 60);
      const n = await steps(page);
      for (const [view, plane] of [['slice', 'pca'], ['randomslice', 'random']]) {
        await sliceMade(page, view, n);
        const st = await state(page, view);
        assert.equal(st.sliceStep, String(n), `${view}, pause ${round}: made at the step the runs stopped at`);
        assert.equal(st.sliceDone, '1681', `${view}: the whole 41 × 41 lattice`);
        assert.equal(st.slicePlane, plane);
        // The same scene, stepped as far in a fresh session, gives the same slice.
        const fresh = await page.evaluate(({ plane, n }) => {
          const s = new window.wasmBindings.Session(window.descent.session().toQuery());
          s.step(n);
          const why = s.startLandscape(plane, 99, 'en');
          const out = { why, explained: Array.from(s.explainedVariance()).join(','), captured: String(s.landscapeCaptured()), origin: String(s.landscapeOrigin()) };
          s.free();
          return out;
        }, { plane, n });
        assert.equal(fresh.why, undefined);
        assert.equal(st.sliceExplained, fresh.explained, `${view}: explained variance`);
        assert.equal(st.sliceCaptured, fresh.captured, `${view}: captured share`);
        assert.equal(st.sliceOrigin, fresh.origin);
        const pix = await canvasStats(page, view);
        assert.ok(pix.bg.ink > 5000, `${view}: drawn (${pix.bg.ink})`);
      }
      if (round === 1) {
        // While the runs play, the slice stays the one of the pause, marked as older.
        const made = (await state(page, 'slice')).sliceStep;
        await page.click('#play');
        await page.waitForFunction((k) => window.descent.session().iterationOf(0) >= k + 10, Number(made));
        assert.equal((await state(page, 'slice')).sliceStep, made, 'not remade while playing');
        const fg = await canvasStats(page, 'slice');
        assert.ok(fg.fg.ink > 200, 'the stale note is drawn');
        await page.click('#play');
        await page.waitForFunction(() => document.querySelector('#play').getAttribute('aria-pressed') === 'false');
      }
    }
    // Reset: the runs are back at the start, and no slice can be made there.
    await page.click('#reset');
    await ready(page);
    assert.equal((await state(page, 'slice')).sliceStep, '');
    assert.deepEqual(await problems(), []);
    await close();
  }
});

test('one step at a time remakes the slice at every step, the same as a pause would', async () => {
  const { page, problems, close } = await openPage(env, 'lesson=real-model&step=7');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await sliceMade(page, 'slice', 3);
  assert.equal((await state(page, 'slice')).iteration, 3);
  assert.deepEqual(await problems(), []);
  await close();
});

test('the playground offers the models and only the views that fit them', async () => {
  const { page, problems, close } = await openPage(env, 'lesson=playground');
  const offered = () => page.$$eval('fieldset.opts input[id^="view-"]', (cs) => cs.map((c) => c.value));
  const surfaces = await page.$$eval('#ctl-surface option', (os) => os.map((o) => o.value));
  assert.ok(surfaces.includes('penguins') && surfaces.includes('mlp'), surfaces.join());
  await page.selectOption('#ctl-surface', 'penguins');
  await ready(page);
  assert.equal(await page.evaluate(() => window.descent.session().dim()), 5);
  assert.deepEqual(await offered(), ['loss', 'accuracy', 'slice', 'randomslice', 'rates', 'readout', 'update', 'matrix']);
  // The default views of a model: its cost, its accuracy and its numbers.
  assert.deepEqual(await page.$$eval('.views > figure', (fs) => fs.map((f) => f.dataset.view)), ['loss', 'accuracy', 'readout']);
  // No "click the canvas to set the start" on a model: its start has five numbers, no map to click.
  assert.equal(await page.locator('.playground .hint').count(), 0);
  // The surface picker still offers every surface on a model.
  assert.ok((await page.$$eval('#ctl-surface option', (os) => os.length)) === surfaces.length);
  await page.selectOption('#ctl-surface', 'mlp');
  await ready(page);
  assert.equal(await page.evaluate(() => window.descent.session().dim()), 33);
  assert.deepEqual(await offered(), ['loss', 'accuracy', 'boundary', 'slice', 'randomslice', 'readout', 'update']);
  await page.check('#view-boundary');
  await ready(page);
  assert.ok((await canvasStats(page, 'boundary')).bg.ink > 5000);
  // Back to a bowl: the map of two parameters again, no model view.
  await page.selectOption('#ctl-surface', 'bowl');
  await ready(page);
  assert.ok(!(await offered()).includes('accuracy'));
  assert.equal(await page.locator('.playground .hint').count(), 1, 'the map of a bowl takes a click for its start');
  assert.deepEqual(await problems(), []);
  await close();
});

test('a model step loads the 3-D module; a model view on a surface it does not fit is refused in the page', async () => {
  const got = [];
  const { page, problems, close } = await openPage(env, 'lesson=real-model&step=4', { onRequest: (r) => got.push(r.url()) });
  assert.ok(got.some((u) => u.includes('descent-3d_bg')), 'the 3-D module');
  assert.ok(!got.some((u) => u.includes('descent-full_bg')), 'not the formula module');
  for (const lang of LANGS) {
    // Logistic regression on four features has no boundary over two: the link is refused, the step's own scene stays.
    await page.evaluate((q) => { history.pushState(null, '', `?${q}`); dispatchEvent(new PopStateEvent('popstate')); }, `lesson=real-model&step=1&view=boundary&lang=${lang}`);
    await page.waitForFunction(() => /boundary/.test((document.querySelector('#message') || {}).textContent || ''));
    await ready(page);
    assert.deepEqual(await page.$$eval('.views > figure', (fs) => fs.map((f) => f.dataset.view)), ['matrix', 'loss', 'accuracy']);
  }
  assert.deepEqual(await problems(), []);
  await close();
});
