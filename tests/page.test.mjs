// The page's contracts: language, keys, the divergence message, the formula box.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, watch, ready, frames, canvasStats, lesson, answer } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const iteration = (page) => page.evaluate(() => window.descent.session().iteration());

test('a URL opens exactly its step, in its language', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=ko');
  assert.equal(await p.page.locator('#step-title').textContent(), lesson('update').steps[1].title.ko);
  assert.equal(await p.page.evaluate(() => document.documentElement.lang), 'ko');
  assert.match(await p.page.locator('.step-of').textContent(), /6단계 중 2단계/);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('the language follows the browser and can be switched', async () => {
  const p = await openPage(env, 'lesson=parabola', { locale: 'ko-KR' });
  assert.equal(await p.page.evaluate(() => document.documentElement.lang), 'ko');
  await p.page.locator('[data-lang="en"]').click();
  await p.page.waitForFunction(() => document.documentElement.lang === 'en' && document.documentElement.dataset.ready === 'true');
  assert.equal(await p.page.locator('#step-title').textContent(), lesson('parabola').steps[0].title.en);
  assert.match(p.page.url(), /lang=en/);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('Step changes the state, the table and the curve; keys work', async () => {
  const p = await openPage(env, 'lesson=update&step=1&lang=en');
  const { page } = p;
  await answer(page);
  const before = await canvasStats(page, 'curve');
  const w0 = await page.evaluate(() => window.descent.session().params()[0]);
  await page.locator('#step').click();
  assert.equal(await iteration(page), 1);
  const w1 = await page.evaluate(() => window.descent.session().params()[0]);
  assert.ok(w1 < w0, 'a positive slope moves w left');
  assert.equal(await page.locator('table.steps tbody tr').count(), 1);
  const cells = await page.locator('table.steps tbody tr td').allTextContents();
  assert.equal(cells[0], '1');
  assert.equal(Number(cells[4].replace('−', '-')), Number(w1.toFixed(3)));
  // The page reports the step it drew.
  await page.waitForFunction(() => document.documentElement.dataset.iteration === '1');
  assert.notEqual((await canvasStats(page, 'curve')).fg.hash, before.fg.hash);
  // Keys: → steps, R resets, Space plays and pauses.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press('ArrowRight');
  assert.equal(await iteration(page), 2);
  await page.keyboard.press('r');
  assert.equal(await iteration(page), 0);
  await page.keyboard.press(' ');
  await page.waitForFunction(() => window.descent.session().iteration() >= 2);
  await page.keyboard.press(' ');
  const paused = await iteration(page);
  await frames(page);
  assert.equal(await iteration(page), paused, 'Space pauses');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('too big a learning rate diverges with a message, never NaN', async () => {
  const steps = lesson('update').steps;
  const k = steps.findIndex((s) => /lr=0\.6/.test(s.scene)) + 1;
  assert.ok(k > 0, 'the update lesson has a diverging step');
  for (const lang of ['en', 'ko']) {
    const p = await openPage(env, `lesson=update&step=${k}&lang=${lang}`);
    await answer(p.page);
    await p.page.evaluate(() => { window.descent.session().step(500); window.descent.stage().dirty = true; window.descent.stage().kick(); });
    await p.page.locator('#step').click();
    const msg = await p.page.locator('#message').textContent();
    assert.match(msg, lang === 'en' ? /diverged at step \d+/ : /발산/);
    assert.match(msg, /> 2/);
    assert.equal(await p.page.evaluate(() => window.descent.session().diverged()), true);
    const text = await p.page.locator('main').innerText();
    assert.ok(!/NaN|Infinity/.test(text));
    assert.deepEqual(await p.problems(), []);
    await p.close();
  }
});

test('a slider change rebuilds the scene and lands in the URL', async () => {
  const p = await openPage(env, 'lesson=update&step=3&lang=en');
  const { page } = p;
  await answer(page);
  await page.locator('#ctl-lr').evaluate((e) => { e.value = String(Math.log10(0.2)); e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change')); });
  await page.waitForFunction(() => /lr=0\.2\b/.test(location.search));
  assert.equal(await page.evaluate(() => window.descent.session().toQuery().match(/lr=([^&]+)/)[1]), '0.2');
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.match(await page.locator('#ctl-lr + output').textContent(), /0\.200/);
  // The address bar is written a frame after a change; leaving the step at once (here, switching
  // the language in the same task) still keeps the change, and so do Next and Back.
  await page.evaluate(() => {
    const e = document.getElementById('ctl-lr');
    e.value = '-0.5'; // α = 10^−0.5 ≈ 0.316
    e.dispatchEvent(new Event('change'));
    document.querySelector('[data-lang="ko"]').click();
  });
  await page.waitForFunction(() => /lang=ko/.test(location.search) && document.documentElement.dataset.ready === 'true');
  assert.match(page.url(), /lr=0\.316\b/);
  await page.locator('#ctl-lr').evaluate((e) => { e.value = '-0.4'; e.dispatchEvent(new Event('change')); }); // α ≈ 0.398
  await page.locator('a[rel="next"]').click();
  await page.waitForFunction(() => /step=4/.test(location.search) && document.documentElement.dataset.ready === 'true');
  await page.goBack();
  await page.waitForFunction(() => /step=3/.test(location.search) && document.documentElement.dataset.ready === 'true');
  assert.match(page.url(), /lr=0\.398\b/);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('the playground formula box takes good formulas and points at bad ones', async () => {
  const p = await openPage(env, 'lesson=playground&lang=en');
  const { page } = p;
  await answer(page);
  const box = page.locator('#ctl-f');
  await box.fill('(w-1)^2 + 2*(b+0.5)^2');
  await box.press('Enter');
  await page.waitForFunction(() => /f=/.test(location.search) && /w-1/.test(decodeURIComponent(location.search)));
  await page.locator('#step').click();
  // The session runs the typed formula: its gradient at the current point is the formula's own,
  // (2(w − 1), 4(b + 0.5)), worked out by hand (the surface before, Himmelblau's, has another).
  const { g, at, query } = await page.evaluate(() => {
    const s = window.descent.session();
    return { g: Array.from(s.gradient()), at: Array.from(s.params()), query: s.toQuery() };
  });
  assert.match(query, /surface=formula/);
  const [w, b] = at;
  assert.equal(g.length, 2);
  assert.ok(Math.abs(g[0] - 2 * (w - 1)) < 1e-9 && Math.abs(g[1] - 4 * (b + 0.5)) < 1e-9, `gradient ${g} at ${at}`);
  // Each bad formula: the message changes to the one for it, with the pointer the core computes.
  for (const [bad, pointer] of [['w^2 + ', 'the formula ends with "+"'], ['sin(w', '1 parenthesis opened but not closed'],
    ['x + w', 'unknown variable "x" at character 1'], ['2w', 'an operator is missing between "2" and "w" at character 2']]) {
    await box.fill(bad);
    await box.press('Enter');
    await page.waitForFunction(([f, ptr]) => {
      const m = document.getElementById('message');
      return !m.hidden && m.textContent.includes(`"${f}"`) && m.textContent.includes(ptr);
    }, [bad, pointer], { timeout: 5000 }).catch(async () => assert.fail(`${bad}: ${await page.locator('#message').textContent()}`));
    assert.match(await page.locator('#message').textContent(), /^[^"]*"f"/, `${bad}: names the key`);
    // The last good formula still runs.
    assert.match(decodeURIComponent(await page.evaluate(() => window.descent.session().toQuery())), /w-1/);
  }
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('pressing and dragging on canvases: start points, the line, the 3-D turn', async () => {
  // 1-D: a click on the curve chooses the start.
  let p = await openPage(env, 'lesson=local-optima&step=1&lang=en');
  let { page } = p;
  const box = await page.locator('.view-curve .canvas-box').boundingBox();
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.5);
  const w = await page.evaluate(() => window.descent.session().params()[0]);
  // The address bar follows a frame later (web/app.js: writeURL).
  await page.waitForFunction(() => /start=/.test(location.search));
  assert.ok(w < 0, `a click on the left quarter starts left: ${w}`);
  assert.deepEqual(await p.problems(), []);
  await p.close();

  // 2-D: a click on the contour map moves the start; a finger does the same.
  p = await openPage(env, 'lesson=adam&step=5&lang=en', { touch: true });
  page = p.page;
  const c = await page.locator('.view-contour .canvas-box').boundingBox();
  await page.touchscreen.tap(c.x + c.width * 0.3, c.y + c.height * 0.7);
  const [w2, b2] = await page.evaluate(() => Array.from(window.descent.session().params()));
  assert.ok(w2 < 0 && b2 < 0, `tap lower-left: ${w2}, ${b2}`);
  // The 3-D surface turns when dragged: its cached layer is redrawn.
  const before = await canvasStats(page, 'surface3d');
  const backgrounds = () => page.evaluate(() => window.descent.stage().views.find((v) => v.name === 'surface3d').view.backgrounds());
  const drawn = await backgrounds();
  const s = await page.locator('.view-surface3d .canvas-box').boundingBox();
  await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
  await page.mouse.down();
  await page.mouse.move(s.x + s.width / 2 + 80, s.y + s.height / 2 + 10, { steps: 5 });
  await page.mouse.up();
  // Redrawn after the release (full detail again): its cached layer counts one more drawing.
  await page.waitForFunction((n) => window.descent.stage().views.find((v) => v.name === 'surface3d').view.backgrounds() > n, drawn);
  await ready(page);
  assert.notEqual((await canvasStats(page, 'surface3d')).bg.hash, before.bg.hash);
  assert.deepEqual(await p.problems(), []);
  await p.close();

  // Lesson 1: dragging on the data tilts the line (w = y/x at the pointer) and moves the w slider.
  p = await openPage(env, 'lesson=cost&step=2&lang=en');
  page = p.page;
  const sc = await page.locator('.view-scatter .canvas-box').boundingBox();
  await page.mouse.move(sc.x + sc.width * 0.5, sc.y + sc.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(sc.x + sc.width * 0.5, sc.y + sc.height * 0.1, { steps: 4 });
  await page.mouse.up();
  const w3 = await page.evaluate(() => window.descent.session().params()[0]);
  assert.equal(Number(await page.locator('#ctl-w').inputValue()).toFixed(2), w3.toFixed(2));
  assert.ok(w3 > 0.8, `dragging up steepens the line: ${w3}`);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('the keyboard moves the start point on a focused canvas', async () => {
  const p = await openPage(env, 'lesson=adam&step=5&lang=en');
  const { page } = p;
  const before = await page.evaluate(() => Array.from(window.descent.session().startPoint()));
  await page.locator('.view-contour .canvas-box').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  const after = await page.evaluate(() => Array.from(window.descent.session().startPoint()));
  assert.ok(after[0] < before[0] && after[1] > before[1], `${before} → ${after}`);
  assert.equal(await page.evaluate(() => window.descent.session().iteration()), 0, 'arrows on a canvas do not step');
  // The address bar follows a frame later (web/app.js: writeURL).
  await page.waitForFunction(() => /start=/.test(location.search));
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('the speed slider changes how fast time runs, not the run', async () => {
  const p = await openPage(env, 'lesson=update&step=3&lang=en');
  const { page } = p;
  await answer(page);
  await page.locator('#step').click();
  await page.locator('#ctl-speed').evaluate((e) => { e.value = '120'; e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change')); });
  await page.waitForFunction(() => /speed=120/.test(location.search));
  assert.equal(await iteration(page), 1, 'the run goes on from where it was');
  // The rate by the page's own clock (the loop steps speed × the time between frames), over 30
  // frames while it plays.
  await page.locator('#play').click();
  const rate = await page.evaluate(() => new Promise((done) => {
    const s = window.descent.session();
    requestAnimationFrame((t0) => {
      const it0 = s.iteration();
      let k = 0;
      const f = (t) => { if (++k < 30) requestAnimationFrame(f); else done((s.iteration() - it0) / ((t - t0) / 1000)); };
      requestAnimationFrame(f);
    });
  }));
  await page.locator('#play').click();
  assert.ok(rate > 60 && rate <= 130, `about 120 steps a second: ${rate.toFixed(1)}`);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('a control changed from the keyboard keeps the focus while the scene is rebuilt', async () => {
  const p = await openPage(env, 'lesson=playground&step=2&lang=en');
  const { page } = p;
  await answer(page);
  const before = await page.locator('#ctl-surface').inputValue();
  await page.locator('#ctl-surface').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((b) => new URLSearchParams(location.search).get('surface') !== b && document.documentElement.dataset.ready === 'true', before);
  assert.notEqual(await page.locator('#ctl-surface').inputValue(), before);
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'ctl-surface');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('a first visit downloads only the wasm module its step needs, and its text once', async () => {
  // early.js picks the module from the address and the build's table of steps (3-D view:
  // `descent-3d`, typed formula: `descent-full`, else the lean one) before app.js runs.
  for (const [query, want] of [['lesson=update&step=1', /descent-wasm-[0-9a-f]+_bg\.wasm$/], ['lesson=local-optima&step=3', /descent-3d_bg\.wasm$/],
    ['lesson=local-optima&step=5', /descent-full_bg\.wasm$/], ['lesson=update&step=1&view=contour,surface3d', /descent-3d_bg\.wasm$/]]) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const watched = await watch(page);
    const got = [];
    page.on('request', (r) => { if (/\.(wasm|json)$/.test(r.url())) got.push(new URL(r.url()).pathname); });
    await page.goto(`${env.base}?${query}&lang=en`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const wasm = got.filter((u) => u.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `${query}: ${wasm.join(', ')}`);
    assert.match(wasm[0], want, query);
    const id = new URLSearchParams(query).get('lesson');
    assert.equal(got.filter((u) => u === `/lessons/${id}.en.json`).length, 1, `${query}: ${got.join(', ')}`);
    assert.equal(got.filter((u) => u === '/lessons/index.en.json').length, 1, `${query}: ${got.join(', ')}`);
    assert.ok(await page.evaluate(() => window.descent.stage().views.length > 0), query);
    assert.deepEqual(await watched.problems(), [], query);
    await context.close();
  }
});

test('an open "predict, then see" question blocks play, step and reset: buttons, keys and postMessage', async () => {
  const p = await openPage(env, 'lesson=update&step=1&lang=en');
  const { page } = p;
  const locked = 'Answer the question above first, then run it.';
  const state = () => page.evaluate(() => ({ it: window.descent.session().iteration(), playing: window.descent.stage().playing }));
  // The buttons are disabled, with the reason next to them.
  for (const b of ['#step', '#play', '#reset']) assert.equal(await page.locator(b).isDisabled(), true, b);
  assert.equal(await page.locator('.controls .hint', { hasText: locked }).count(), 1);
  // A run already under way (as by a script) is not reset either.
  await page.evaluate(() => { window.descent.session().step(3); });
  // Each command, by key and by message, is refused with the reason in the message box.
  const refused = async (what, send) => {
    await page.evaluate(() => { const m = document.getElementById('message'); m.hidden = true; m.textContent = ''; });
    await send();
    await page.waitForFunction((t) => { const m = document.getElementById('message'); return !m.hidden && m.textContent === t; }, locked, { timeout: 5000 })
      .catch(() => assert.fail(`${what}: no "answer first" message`));
    assert.deepEqual(await state(), { it: 3, playing: false }, what);
  };
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  for (const key of ['ArrowRight', ' ', 'r']) await refused(`key ${JSON.stringify(key)}`, () => page.keyboard.press(key));
  for (const type of ['descent:step', 'descent:play', 'descent:reset']) {
    await refused(type, () => page.evaluate((type) => window.postMessage({ type }, '*'), type));
  }
  // Answered, everything runs.
  await answer(page);
  for (const b of ['#step', '#play', '#reset']) assert.equal(await page.locator(b).isDisabled(), false, b);
  await page.locator('#reset').click();
  assert.equal((await state()).it, 0);
  await page.evaluate(() => window.postMessage({ type: 'descent:step' }, '*'));
  await page.waitForFunction(() => window.descent.session().iteration() === 1);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('a bad link shows the step\'s own scene with a message in the page language naming the key, the value and what it takes', async () => {
  const p = await openPage(env, 'lesson=update&step=4&lang=en');
  const { page } = p;
  for (const [link, step, lang, parts] of [
    ['lesson=update&step=4&lang=en&lr=banana', 4, 'en', ['This link has a setting that cannot be used', '"lr"', '"banana"', 'a number above 0 and at most 100']],
    ['lesson=update&step=4&lang=ko&lr=banana', 4, 'ko', ['이 링크에 쓸 수 없는 설정이 있어서', '"lr"', '"banana"', '0보다 크고 100 이하인 수']],
    ['lesson=momentum&step=3&lang=ko&beta1=1.5', 3, 'ko', ['강의의 원래 장면', '"beta1"', '"1.5"', '받는 값']],
    ['lesson=momentum&step=3&lang=en&opt=lbfgs', 3, 'en', ['"opt"', '"lbfgs"', 'adam']],
  ]) {
    const id = new URLSearchParams(link).get('lesson');
    await page.goto(`${env.base}?lesson=${id}&step=${step}&lang=${lang}`);
    await ready(page);
    const clean = await page.evaluate(() => window.descent.session().toQuery());
    await page.goto(`${env.base}?${link}`);
    await ready(page);
    const msg = await page.locator('#message').textContent();
    for (const part of parts) assert.ok(msg.includes(part), `${link}: ${JSON.stringify(part)} in ${msg}`);
    if (lang === 'ko') assert.doesNotMatch(msg, /cannot be used|is not accepted|it takes/, `${link}: Korean only: ${msg}`);
    assert.equal(await page.locator('#step-title').textContent(), lesson(id).steps[step - 1].title[lang], link);
    const query = await page.evaluate(() => window.descent.session().toQuery());
    assert.equal(query, clean, `${link}: the clean step's scene`);
  }
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('a link to a lesson the course does not have says so on the course map, and asks for no lesson file', async () => {
  for (const [lang, words] of [['en', ['"lesson"', '"nope"', 'adam']], ['ko', ['"lesson"', '"nope"', '받는 값']]]) {
    const asked = [];
    const p = await openPage(env, `lesson=nope&step=2&lang=${lang}`, { onRequest: (r) => { if (r.url().includes('/lessons/')) asked.push(r.url().split('/').pop()); } });
    const msg = await p.page.locator('#message').textContent();
    for (const w of words) assert.ok(msg.includes(w), `${lang}: ${JSON.stringify(w)} in ${msg}`);
    // The course map, with its lessons' links.
    assert.ok(await p.page.locator('a[href*="lesson=adam"]').count() > 0, `${lang}: the course map`);
    assert.deepEqual(asked, [`index.${lang}.json`], `${lang}: only the course map is fetched`);
    assert.deepEqual(await p.problems(), [], lang);
    await p.close();
  }
});

test('step is clamped to the lesson\'s steps; out of 1–99 it is refused', async () => {
  const p = await openPage(env, 'lesson=update&step=99&lang=en');
  const { page } = p;
  const steps = lesson('update').steps;
  assert.equal(await page.locator('#step-title').textContent(), steps[steps.length - 1].title.en);
  assert.equal(await page.locator('.step-of').textContent(), `Step ${steps.length} of ${steps.length}`);
  assert.equal(await page.locator('#message').isVisible(), false, 'clamping is not an error');
  assert.equal(new URLSearchParams((await page.locator('a[rel=prev]').getAttribute('href')).slice(1)).get('step'), String(steps.length - 1));
  assert.match(await page.evaluate(() => window.descent.session().toQuery()), new RegExp(`step=${steps.length}\\b`));
  await page.goto(`${env.base}?lesson=update&step=0&lang=en`);
  await ready(page);
  assert.match(await page.locator('#message').textContent(), /"step"/);
  assert.equal(await page.locator('#step-title').textContent(), steps[0].title.en);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('canvases are sized by devicePixelRatio, at most 2 (dpr 1, 2 and 3)', async () => {
  for (const dpr of [1, 2, 3]) {
    const drawn = Math.min(dpr, 2);
    const p = await openPage(env, 'lesson=adam&step=5&lang=en', { dpr });
    const sizes = await p.page.$$eval('.canvas-box', (boxes) => boxes.map((b) => {
      const r = b.getBoundingClientRect();
      return { css: [r.width, r.height], px: [...b.querySelectorAll('canvas')].map((c) => [c.width, c.height]) };
    }));
    assert.ok(sizes.length >= 3, `${sizes.length} canvas views`);
    for (const { css, px } of sizes) {
      assert.equal(px.length, 2);
      for (const [w, h] of px) assert.ok(Math.abs(w - css[0] * drawn) <= 1 && Math.abs(h - css[1] * drawn) <= 1, `dpr ${dpr}: ${w}×${h} for ${css}`);
    }
    // Drawn at that resolution: the ink scales with the pixel count.
    const s = await canvasStats(p.page, 'contour');
    assert.ok(s.bg.ink > 0.5 * s.bg.w * s.bg.h, `dpr ${dpr}: the contour map fills its canvas`);
    assert.deepEqual(await p.problems(), []);
    await p.close();
  }
});

test('on a focused canvas Shift+arrows move the start five times as far; the 3-D view turns from the keyboard', async () => {
  const p = await openPage(env, 'lesson=adam&step=5&lang=en');
  const { page } = p;
  const read = () => page.evaluate(() => { const s = window.descent.session(); return { start: Array.from(s.startPoint()), dom: Array.from(s.domain()), it: s.iteration() }; });
  const { start: s0, dom } = await read();
  const [spanW, spanB] = [dom[1] - dom[0], dom[3] - dom[2]];
  const near = (a, b) => Math.abs(a - b) < 1.5e-3; // the start is kept to three decimals
  await page.locator('.view-contour .canvas-box').focus();
  await page.keyboard.press('ArrowRight');
  let { start } = await read();
  assert.ok(near(start[0], s0[0] + 0.02 * spanW) && start[1] === s0[1], `→: ${s0} → ${start}`);
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowDown');
  const s1 = start;
  ({ start } = await read());
  assert.ok(near(start[0], s1[0] - 0.1 * spanW) && near(start[1], s1[1] - 0.1 * spanB), `Shift: ${s1} → ${start}`);
  // The 3-D view: the arrows turn it (its cached layer is redrawn), and leave the start alone.
  const view3d = () => page.evaluate(() => window.descent.stage().views.find((v) => v.name === 'surface3d').view.backgrounds());
  const before = { pix: await canvasStats(page, 'surface3d'), bgs: await view3d(), start };
  await page.locator('.view-surface3d .canvas-box').focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((n) => window.descent.stage().views.find((v) => v.name === 'surface3d').view.backgrounds() > n, before.bgs, { timeout: 5000 })
    .catch(() => assert.fail('the 3-D view was not redrawn after an arrow key'));
  await ready(page);
  assert.notEqual((await canvasStats(page, 'surface3d')).bg.hash, before.pix.bg.hash, 'turned');
  const after = await read();
  assert.deepEqual(after.start, before.start, 'turning does not move the start');
  assert.equal(after.it, 0, 'nor step');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('the problem watcher: a failed request and a request aborted on the page are problems; one cut off by leaving the page is not', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const watched = await watch(page);
  await page.route('**/held-*.bin', () => {}); // never answered: under way until aborted
  await page.route('**/gone.bin', (r) => r.abort('failed'));
  await page.goto(`${env.base}?lesson=update&step=1`);
  await ready(page);
  const asked = (name) => page.waitForRequest(`**/${name}`);
  let seen = asked('held-1.bin');
  await page.evaluate(() => {
    window.ask = new AbortController();
    fetch('held-1.bin', { signal: window.ask.signal }).catch(() => {});
  });
  await seen;
  await page.evaluate(() => window.ask.abort());
  await page.evaluate(() => fetch('gone.bin').catch(() => {}));
  seen = asked('held-2.bin');
  await page.evaluate(() => { fetch('held-2.bin').catch(() => {}); });
  await seen;
  await page.goto(`${env.base}?lesson=update&step=2`);
  await ready(page);
  const failed = (await watched.problems()).filter((p) => p.startsWith('requestfailed'));
  assert.equal(failed.length, 2, failed.join('\n'));
  assert.ok(failed.some((p) => /gone\.bin net::ERR_FAILED/.test(p)), failed.join('\n'));
  assert.ok(failed.some((p) => /held-1\.bin net::ERR_ABORTED/.test(p)), failed.join('\n'));
  await context.close();
});
