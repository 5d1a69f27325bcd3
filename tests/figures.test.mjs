// Figures that explain themselves: the layout by importance (and a phone's first screen), the
// update in numbers against the session's own state, values under the pointer by mouse, finger
// and keyboard, the legends' colours on the canvases, the data matrix's rows in sight, and the
// one number format.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, ready, frames, canvasStats, lessonIds, lesson, answer } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const steps = () => lessonIds().flatMap((id) => lesson(id).steps.map((s, i) => [id, i + 1, s]));

async function go(page, query) {
  await page.evaluate((q) => { history.pushState(null, '', `?${q}`); dispatchEvent(new PopStateEvent('popstate')); }, query);
  await ready(page);
}

/**
 * A number as the page shows it (the core's format: a typographic minus, m×10ⁿ with the
 * exponent as superscript digits or, in MathML, as the text of an <msup>), and half a unit of
 * its last digit: how far from the true value its rounding may be.
 */
function shown(text) {
  const SUP = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '−': '-' };
  const t = [...text.replace(/[()\s]/g, '')].map((c) => SUP[c] || c).join('');
  const m = t.match(/^(-?\d+(?:\.(\d+))?)(?:×10(-?\d+))?$/);
  assert.ok(m, `"${text}" is a number in the page's format`);
  const scale = m[3] ? 10 ** Number(m[3]) : 1;
  return { value: Number(m[1]) * scale, tol: 0.5 * 10 ** -(m[2] || '').length * scale * (1 + 1e-9) };
}

/** The main view is at least as wide and as tall as every other canvas view of the step. */
async function mainIsLargest(page) {
  return page.evaluate(() => {
    const figs = [...document.querySelectorAll('.views > figure')];
    const box = (f) => { const c = f.querySelector('.canvas-box') || f.querySelector('.panel-body'); const r = c.getBoundingClientRect(); return [r.width, r.height]; };
    const main = figs[0];
    if (!main || !main.classList.contains('main')) return 'the first view is not the main one';
    const [w, h] = box(main);
    for (const f of figs.slice(1)) {
      if (!f.querySelector('.canvas-box')) continue;
      const [fw, fh] = box(f);
      if (fw > w + 1 || fh > h + 1) return `${f.dataset.view} (${fw.toFixed(0)}×${fh.toFixed(0)}) is larger than the main ${main.dataset.view} (${w.toFixed(0)}×${h.toFixed(0)})`;
    }
    return null;
  });
}

test('at 390 px every step shows its scene and controls without all of its text first; the main view is the largest', async () => {
  const p = await openPage(env, 'lang=en', { width: 390, height: 844 });
  const { page } = p;
  for (const lang of ['en', 'ko']) {
    for (const [id, step, s] of steps()) {
      const where = `${id} step ${step} (${lang}, 390 px)`;
      await go(page, `lesson=${id}&step=${step}&lang=${lang}`);
      const bad = await mainIsLargest(page);
      assert.equal(bad, null, where);
      // The text folds to its first paragraph: the rest waits behind "Read more".
      const folded = await page.evaluate(() => {
        const rest = document.querySelector('.body-rest');
        const more = document.querySelector('.body .more');
        return { rest: !!rest, hidden: rest ? getComputedStyle(rest).display === 'none' : null, more: more ? more.getBoundingClientRect().height > 0 : false };
      });
      if (folded.rest) assert.ok(folded.hidden && folded.more, `${where}: the text is not folded`);
      // The controls (or, first, the question that unlocks them) begin on the first screen, and
      // the main view comes straight after the controls. Without a question to answer first, the
      // main view begins on the first screen too (but in the playground, whose pickers are its
      // lesson and fill a phone's screen themselves).
      const at = await page.evaluate(() => ({
        first: (document.querySelector('.checkpoint') || document.querySelector('.controls')).getBoundingClientRect().top,
        controls: document.querySelector('.controls').getBoundingClientRect().bottom,
        main: document.querySelector('.views > .main').getBoundingClientRect().top,
      }));
      assert.ok(at.first < 844 - 60, `${where}: the ${s.check ? 'question' : 'controls'} begin at ${at.first.toFixed(0)} px`);
      assert.ok(at.main - at.controls < 60, `${where}: ${(at.main - at.controls).toFixed(0)} px between the controls and the main view`);
      if (!s.check && id !== 'playground') assert.ok(at.main < 844, `${where}: the main view begins at ${at.main.toFixed(0)} px, below the first screen`);
    }
  }
  // "Read more" unfolds the rest, and says so.
  await go(page, 'lesson=momentum&step=3&lang=en');
  const more = page.locator('.body .more');
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  await more.click();
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('.body-rest').isVisible());
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('at 1280 px the text is whole and the main view is the largest on every step', async () => {
  const p = await openPage(env, 'lang=en');
  const { page } = p;
  for (const [id, step] of steps()) {
    await go(page, `lesson=${id}&step=${step}&lang=en`);
    assert.equal(await mainIsLargest(page), null, `${id} step ${step}`);
    const rest = page.locator('.body-rest');
    if (await rest.count()) assert.ok(await rest.isVisible(), `${id} step ${step}: the text is folded at 1280 px`);
    assert.equal(await page.locator('.body .more:visible').count(), 0);
  }
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

/**
 * Checks every number of the update panel against the session: the state before the step
 * (`before`, read by the test) and after it, the scene's settings, the step count, an
 * independent gradient and bias corrections worked out here. Returns how many were checked.
 */
async function checkUpdate(page, before, where) {
  const after = await readRuns(page);
  const query = new URLSearchParams(await page.evaluate(() => window.descent.session().toQuery()));
  const list = (key, def) => { const v = (query.get(key) || def).split(',').map(Number); return (i) => v[Math.min(i, v.length - 1)]; };
  const lr = list('lr', '0.1'), beta1 = list('beta1', '0.9'), beta2 = list('beta2', '0.999'), eps = list('eps', '1e-8'), wd = list('wd', '0.01');
  // The rate of step t: α, or with step decay α·drop^⌊(t − 1)/every⌋ (optax counts from 0).
  const every = Number(query.get('every') || 100), drop = Number(query.get('drop') || 0.5);
  const rate = (i, t) => (query.get('schedule') === 'step' ? lr(i) * drop ** Math.floor((t - 1) / every) : lr(i));
  const blocks = await page.$$eval('.panel-update .update-run', (els) => els.map((e) => ({
    run: Number(e.dataset.run), coord: Number(e.dataset.coord), t: Number(e.dataset.t),
    nums: [...e.querySelectorAll('.n')].map((n) => [n.dataset.term, n.textContent]),
  })));
  assert.equal(blocks.length, after.length, `${where}: one line per optimizer`);
  let checked = 0;
  for (const b of blocks) {
    const i = b.run, k = b.coord, was = before[i], now = after[i];
    const t = now.t;
    // The gradient the step used, worked out again from the parameters before the step (every
    // run but SGD's, whose noise only the session knows).
    const grad = now.method === 'sgd' ? null : await page.evaluate(([q, p]) => {
      const s = new window.wasmBindings.Session(q.replace(/(^|&)start=[^&]*/, '') + `&start=${p.join(',')}`);
      const g = Array.from(s.gradient());
      s.free();
      return g;
    }, [`surface=${query.get('surface') || 'line'}${query.get('cond') ? `&cond=${query.get('cond')}` : ''}${query.get('angle') ? `&angle=${query.get('angle')}` : ''}`, was.params]);
    const want = {
      p: was.params[k], pNew: now.params[k], vPrev: was.velocity[k], v: now.velocity[k], sPrev: was.squares[k], s: now.squares[k],
      lr: rate(i, t), beta1: beta1(i), beta2: beta2(i), eps: eps(i), wd: wd(i), t,
      vHat: now.velocity[k] / (1 - beta1(i) ** t), sHat: now.squares[k] / (1 - beta2(i) ** t), g: grad ? grad[k] : null,
    };
    assert.ok(b.nums.length > 0, `${where}: run ${i} shows numbers`);
    for (const [term, text] of b.nums) {
      assert.ok(term in want, `${where}: unknown term ${term}`);
      if (want[term] === null) continue;
      const { value, tol } = shown(text);
      assert.ok(Math.abs(value - want[term]) <= tol + 1e-12 * Math.abs(want[term]), `${where}: run ${i} (${now.method}) ${term} shows ${text}, the session has ${want[term]}`);
      checked++;
    }
  }
  return checked;
}

/** Every run's state as the session reports it. */
const readRuns = (page) => page.evaluate(() => {
  const s = window.descent.session();
  return Array.from({ length: s.runs() }, (_, i) => {
    const st = s.stateOf(i);
    return { method: st.method, t: st.t, params: Array.from(s.paramsOf(i)), velocity: Array.from(st.velocity), squares: Array.from(st.squares) };
  });
});

test('the update in numbers shows, for every optimizer, the numbers of its last step as the session has them', async () => {
  const scenes = [
    ['lesson=momentum&step=3', 4],
    ['lesson=rmsprop&step=1', 3],
    ['lesson=adam&step=1', 3],
    ['lesson=adam&step=2', 1],
    // Every rule at once, in the playground (SGD with its noise, Nesterov, AdaGrad too).
    ['lesson=playground&step=4&opt=gd,sgd,momentum,nesterov,adagrad,rmsprop,adam&lr=0.05,0.05,0.5,0.5,0.5,0.05,0.1&beta2=0.999&view=contour,update', 5],
    // AdamW's decay, and a schedule that halves α every two steps (αₜ the step's own rate).
    ['lesson=playground&step=4&opt=adam,adamw&lr=0.1&beta2=0.999&wd=0,0.2&schedule=step&every=2&drop=0.5&view=contour,update', 5],
    // A model's five parameters, picked by name.
    ['lesson=playground&step=2&surface=penguins&opt=momentum,adamw&lr=0.5,0.05&batch=all&view=loss,update', 3],
  ];
  for (const lang of ['en', 'ko']) {
    for (const [scene, n] of scenes) {
      const p = await openPage(env, `${scene}&lang=${lang}`);
      const { page } = p;
      const where = `${scene} (${lang})`;
      await answer(page);
      // Before any step: the rules, and no numbers yet.
      assert.equal(await page.locator('.panel-update .n').count(), 0, `${where}: numbers before the first step`);
      assert.ok(await page.locator('.panel-update .update-run .rule math').count() > 0, `${where}: the rules before the first step`);
      let total = 0;
      for (let k = 1; k <= n; k++) {
        const before = await readRuns(page);
        await page.locator('#step').click();
        await page.waitForFunction((it) => document.documentElement.dataset.iteration === String(it), k);
        total += await checkUpdate(page, before, `${where}, step ${k}`);
      }
      // In 2-D the other parameter: the same runs, b's numbers.
      const other = page.locator('.panel-update .coord button[data-coord="1"]');
      if (await other.count()) {
        const before = await readRuns(page);
        await page.locator('#step').click();
        await page.waitForFunction((it) => document.documentElement.dataset.iteration === String(it), n + 1);
        const mid = await readRuns(page);
        await other.click();
        assert.equal(await other.getAttribute('aria-pressed'), 'true');
        await page.waitForFunction(() => document.querySelector('.panel-update .update-run').dataset.coord === '1');
        total += await checkUpdate(page, before, `${where}, b`);
        assert.deepEqual(await readRuns(page), mid, 'picking a parameter does not step');
      }
      // A model's parameters by name: the fourth one's numbers.
      const list = page.locator('.panel-update .coord select');
      if (await list.count()) {
        assert.deepEqual(await list.locator('option').allTextContents(), await page.evaluate(() => window.descent.session().paramNames()));
        const before = await readRuns(page);
        await page.locator('#step').click();
        await page.waitForFunction((it) => document.documentElement.dataset.iteration === String(it), n + 1);
        await list.selectOption('3');
        await page.waitForFunction(() => document.querySelector('.panel-update .update-run').dataset.coord === '3');
        total += await checkUpdate(page, before, `${where}, parameter 4`);
      }
      assert.ok(total >= 10, `${where}: ${total} numbers checked`);
      assert.deepEqual(await p.problems(), [], where);
      await p.close();
    }
  }
});

test('values under the pointer: the mouse on a map and a chart, a finger, and the keyboard, with the screen reader told', async () => {
  const p = await openPage(env, 'lesson=momentum&step=4&lang=en');
  const { page } = p;
  await answer(page);
  await page.locator('#step').click();
  for (let k = 2; k <= 10; k++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.documentElement.dataset.iteration === '10');
  const contour = page.locator('.view-contour .canvas-box');
  const bgBefore = await page.evaluate(() => window.descent.stage().views.map((v) => v.view.backgrounds()));
  const fg0 = (await canvasStats(page, 'contour')).fg.hash;
  // The mouse over the map: the place, its cost, and the nearest run's point.
  const c = await contour.boundingBox();
  await page.mouse.move(c.x + c.width * 0.3, c.y + c.height * 0.4);
  const readout = page.locator('.view-contour .probe');
  await readout.waitFor({ state: 'visible' });
  const text = await readout.textContent();
  const m = text.match(/^w = (\S+), b = (\S+): C = (\S+)/);
  assert.ok(m, text);
  // The cost there, worked out by a session of its own started at that place.
  const [w, b, cost] = m.slice(1).map((x) => shown(x).value);
  const there = await page.evaluate(([w, b]) => { const s = new window.wasmBindings.Session(`surface=ravine&cond=100&start=${w},${b}`); const c = s.loss(); s.free(); return c; }, [w, b]);
  assert.ok(Math.abs(there - cost) < 0.02 * Math.max(1, Math.abs(cost)), `C(${w}, ${b}) = ${there}, shown ${cost}`);
  // Resting there tells the screen reader.
  await page.waitForFunction(() => document.getElementById('probe-live').textContent.length > 0);
  assert.equal(await page.locator('#probe-live').textContent(), text);
  // The mark is drawn on the foreground only: no background is redrawn.
  await frames(page, 3);
  assert.notEqual((await canvasStats(page, 'contour')).fg.hash, fg0, 'the mark shows');
  assert.deepEqual(await page.evaluate(() => window.descent.stage().views.map((v) => v.view.backgrounds())), bgBefore);
  // Over a run's path, its point and its step, as the session has them.
  const pathAt = await page.evaluate(() => {
    const s = window.descent.session();
    return { p: Array.from(s.paramsOf(1)), label: s.labelOf(1), t: s.iterationOf(1) };
  });
  const at = await page.evaluate(([w, b]) => {
    const v = window.descent.stage().views.find((x) => x.name === 'contour');
    const box = v.box.getBoundingClientRect();
    // Find the run's last point on the canvas: the pixel the probe reports nearest.
    for (let y = 0; y < box.height; y += 3) for (let x = 0; x < box.width; x += 3) {
      const words = v.view.probe(window.descent.session(), x, y);
      if (words && words.includes(`step ${window.descent.session().iterationOf(1)}:`) && words.includes('Momentum')) return { x: box.left + x, y: box.top + y };
    }
    return null;
  }, pathAt.p);
  assert.ok(at, 'the probe finds momentum\'s newest point');
  await page.mouse.move(at.x, at.y);
  await page.waitForFunction(() => /Momentum, step 10:/.test(document.querySelector('.view-contour .probe').textContent));
  const near = (await readout.textContent()).split('\n')[1];
  const nm = near.match(/^Momentum, step 10: w = (\S+), b = (\S+), C = (\S+)$/);
  assert.ok(nm, near);
  assert.ok(Math.abs(shown(nm[1]).value - pathAt.p[0]) <= shown(nm[1]).tol && Math.abs(shown(nm[2]).value - pathAt.p[1]) <= shown(nm[2]).tol, `${near} vs ${pathAt.p}`);
  // Leaving takes the readout along.
  await page.mouse.move(c.x - 30, c.y - 30);
  await readout.waitFor({ state: 'hidden' });
  // The loss chart: t and C of the nearest run, by time.
  const l = await page.locator('.view-loss .canvas-box').boundingBox();
  await page.mouse.move(l.x + l.width * 0.45, l.y + l.height * 0.5);
  const lossText = await page.locator('.view-loss .probe').textContent();
  const lm = lossText.match(/^(GD|Momentum), step (\d+): .*C = (\S+)$/);
  assert.ok(lm, lossText);
  // The keyboard: on the chart the arrows read point by point, and the screen reader hears each.
  await page.locator('.view-loss .canvas-box').focus();
  await page.keyboard.press('ArrowLeft');
  let said = await page.locator('#probe-live').textContent();
  assert.match(said, /^GD, step 10: /);
  await page.keyboard.press('ArrowLeft');
  said = await page.locator('#probe-live').textContent();
  assert.match(said, /^GD, step 9: /);
  const cost9 = Number(shown(said.match(/C = (\S+)$/)[1]).value);
  const gd9 = await page.evaluate(() => { const s = new window.wasmBindings.Session('surface=ravine&cond=100&opt=gd&lr=0.18&start=-4.5,1'); s.step(9); const c = s.loss(); s.free(); return c; });
  assert.ok(Math.abs(cost9 - gd9) < 1e-3 * Math.max(1, gd9), `GD's cost at step 9: ${cost9} vs ${gd9}`);
  await page.keyboard.press('ArrowDown');
  assert.match(await page.locator('#probe-live').textContent(), /^Momentum, step 9: /);
  await page.keyboard.press('Home');
  assert.match(await page.locator('#probe-live').textContent(), /^Momentum, step 0: /);
  // On the map the arrows move the start point; Enter switches them to reading, Escape back.
  await contour.focus();
  const start0 = await page.evaluate(() => Array.from(window.descent.session().startPoint()));
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#probe-live').textContent(), /^GD, step 10: /);
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.locator('#probe-live').textContent(), /^GD, step 9: /);
  assert.deepEqual(await page.evaluate(() => Array.from(window.descent.session().startPoint())), start0, 'reading does not move the start');
  await page.keyboard.press('Escape');
  await readout.waitFor({ state: 'hidden' });
  await page.keyboard.press('ArrowLeft');
  assert.ok((await page.evaluate(() => window.descent.session().startPoint()[0])) < start0[0], 'after Escape the arrows move the start again');
  assert.deepEqual(await p.problems(), []);
  await p.close();

  // A finger on a chart: the readout stays after the finger lifts, and the screen reader hears it at once.
  const t = await openPage(env, 'lesson=momentum&step=4&lang=ko', { touch: true });
  await answer(t.page);
  await t.page.locator('#step').click();
  await t.page.locator('#step').click();
  const lb = await t.page.locator('.view-loss .canvas-box').boundingBox();
  await t.page.touchscreen.tap(lb.x + lb.width * 0.6, lb.y + lb.height * 0.5);
  const touchText = await t.page.locator('.view-loss .probe').textContent();
  assert.match(touchText, /^(GD|Momentum), \d+번째 걸음: /);
  assert.equal(await t.page.locator('#probe-live').textContent(), touchText);
  assert.ok(await t.page.locator('.view-loss .probe').isVisible());
  assert.deepEqual(await t.problems(), []);
  await t.close();
});

test('every legend entry is drawn on its canvas in exactly its colour, light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const p = await openPage(env, 'lesson=playground&step=4&lang=en&opt=gd,sgd,momentum,nesterov,adagrad,rmsprop,adam&lr=0.09,0.05,0.9,0.5,0.8,0.08,0.2&beta2=0.999&view=contour,loss', { colorScheme: scheme });
    const { page } = p;
    await answer(page);
    await page.evaluate(() => { window.descent.session().step(40); const st = window.descent.stage(); st.dirty = true; st.kick(); });
    await frames(page, 3);
    const labels = await page.evaluate(() => { const s = window.descent.session(); return Array.from({ length: s.runs() }, (_, i) => s.labelOf(i)); });
    for (const view of ['contour', 'loss']) {
      const legend = await page.$$eval(`[data-view="${view}"] .legend li`, (lis) => lis.map((li) => ({ color: li.dataset.color, shape: li.dataset.shape, label: li.textContent, fill: li.querySelector('path') && li.querySelector('path').getAttribute('fill') })));
      assert.deepEqual(legend.map((e) => e.label), labels, `${view} (${scheme}): one entry per run, in order`);
      assert.equal(new Set(legend.map((e) => e.color)).size, legend.length, 'colours differ');
      assert.equal(new Set(legend.map((e) => e.shape)).size, legend.length, 'shapes differ');
      const counts = await page.evaluate(([name, colors]) => {
        const fg = document.querySelector(`[data-view="${name}"] canvas.fg`);
        const d = fg.getContext('2d').getImageData(0, 0, fg.width, fg.height).data;
        const want = colors.map((c) => c.match(/\d+/g).map(Number));
        const n = want.map(() => 0);
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] !== 255) continue;
          want.forEach((w, k) => { if (d[i] === w[0] && d[i + 1] === w[1] && d[i + 2] === w[2]) n[k]++; });
        }
        return n;
      }, [view, legend.map((e) => e.color)]);
      legend.forEach((e, k) => {
        assert.equal(e.fill, e.color, `${view}: ${e.label}'s swatch is its colour`);
        assert.ok(counts[k] >= 20, `${view} (${scheme}): ${e.label}'s colour ${e.color} covers ${counts[k]} pixels of the canvas`);
      });
    }
    assert.deepEqual(await p.problems(), []);
    await p.close();
  }
});

test('the data matrix keeps the rows of the last batch in sight', async () => {
  for (const [scene, rows] of [['lesson=batch&step=4', 40], ['lesson=batch&step=3&m=400', 400]]) {
    const p = await openPage(env, `${scene}&lang=en`);
    const { page } = p;
    await answer(page);
    for (let k = 1; k <= 12; k++) {
      await page.locator('#step').click();
      await page.waitForFunction((it) => document.documentElement.dataset.iteration === String(it), k);
      const r = await page.evaluate(() => {
        const box = document.querySelector('.matrix-scroll').getBoundingClientRect();
        const head = document.querySelector('table.matrix thead').getBoundingClientRect();
        const used = [...document.querySelectorAll('table.matrix tr.used')];
        const last = Array.from(window.descent.session().state().lastRows).sort((a, b) => a - b);
        const first = used[0] && used[0].getBoundingClientRect();
        return { shown: used.map((u) => Number(u.dataset.row)).sort((a, b) => a - b), last, inView: !!first && first.top >= head.bottom - 1 && first.bottom <= box.bottom + 1 };
      });
      assert.deepEqual(r.shown, r.last, `${scene}, step ${k}: every row of the batch is in the table`);
      assert.ok(r.inView, `${scene}, step ${k}: the first highlighted row is out of sight`);
    }
    assert.equal(await page.evaluate(() => window.descent.session().dataCount()), rows);
    assert.deepEqual(await p.problems(), []);
    await p.close();
  }
});

test('one number format on every step: a typographic minus, m×10ⁿ, never e-notation', async () => {
  const p = await openPage(env, 'lang=en');
  const { page } = p;
  for (const [id, step] of steps()) {
    await go(page, `lesson=${id}&step=${step}&lang=en`);
    await answer(page);
    if (await page.locator('#step').count()) { await page.locator('#step').click(); await page.locator('#step').click(); }
    await frames(page, 2);
    const text = await page.locator('.views').innerText();
    assert.ok(!/\d[eE][-+]?\d/.test(text), `${id} step ${step}: e-notation in ${text.match(/.{0,20}\d[eE][-+]?\d.{0,10}/)}`);
    assert.ok(!/(^|[\s(=,:])-\d/m.test(text), `${id} step ${step}: a hyphen for a minus in ${text.match(/.{0,20}-\d.{0,10}/)}`);
  }
  // A tiny number: the exponent form (the canvases' labels are made by the same function).
  await go(page, 'lesson=playground&step=2&surface=bowl&opt=gd&lr=0.5&view=loss,readout');
  for (let k = 0; k < 40; k++) await page.keyboard.press('ArrowRight');
  const readout = await page.locator('.panel-readout').innerText();
  assert.match(readout, /cost C\n\d\.\d\d×10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+\n/, 'a tiny cost in the exponent form');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});
