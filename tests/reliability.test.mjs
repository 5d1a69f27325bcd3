// Unbreakable in front of a class (issue 10): garbage and hostile links, numeric blow-ups,
// postMessage from an embedding page, a million steps, and a wasm panic. Every page load also
// fails on console errors, page errors, failed requests, HTTP ≥ 400 and CSP violations (harness).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, ready, urlWritten, canvasStats, answer } from './harness.mjs';

// A parent page for the embedding tests, served from another origin (localhost vs 127.0.0.1).
const EMBED = '/reliability-embed.html';
const EMBED_HTML = `<!doctype html><meta charset="utf-8"><title>course</title><link rel="icon" href="data:,">
<body><iframe id="d" width="900" height="700"></iframe></body>`;

let env;
before(async () => { env = await start({ extra: { [EMBED]: ['text/html; charset=utf-8', EMBED_HTML] } }); });
after(async () => { await env.close(); });

// ---------------------------------------------------------------- helpers

/** Every scene key (crates/core/src/scene.rs KEYS), in table order. */
const KEYS = ['lesson', 'step', 'lang', 'embed', 'hide', 'surface', 'f', 'domain', 'cond', 'angle', 'opt', 'lr', 'beta1',
  'beta2', 'eps', 'batch', 'm', 'noise', 'seed', 'start', 'dw', 'beta', 'bias', 'view', 'show', 'days', 'n', 'speed'];

/** Garbage a careless or hostile link may hold. */
// (Huge values stay under ~8 KB of URL: servers refuse longer request lines before the page runs.)
const GARBAGE = ['', 'NaN', 'Infinity', '-Infinity', '1e308', '-1', '-1e308', '9'.repeat(6000), '١٢٣', '🙂',
  'ü'.repeat(1000), '1,2,3,4,5,6,7,8,9', '\u202e1', '0x1F', '1e999', ' ', 'null', 'undefined', '[object Object]'];

/** Script payloads: in a value, in a key, in the formula box, in a postMessage. */
const PAYLOADS = [
  '<img src=x onerror=window.__pwned=1>',
  '"><script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  "'><svg onload=window.__pwned=1>",
  '<iframe srcdoc="<script>parent.__pwned=1</script>">',
  '</textarea><img src=x onerror=window.__pwned=1>',
  '{{constructor.constructor("window.__pwned=1")()}}',
];

/** (key, value) pairs the scene table rightly accepts (README): not garbage for that key. */
function accepted(key, value) {
  if (value.trim() === '' && ['lesson', 'lang', 'hide', 'view', 'show'].includes(key)) return true;
  if (['-1', '-1e308'].includes(value) && key === 'angle') return value === '-1';
  if (value === '-1' && ['start', 'f'].includes(key)) return true; // start w = −1; the constant cost −1
  return false;
}

/**
 * The page for a link with `key=value`: lesson keys go on the update lesson (the lean module);
 * the formula keys go on the playground with `surface=formula` (the module with the parser).
 */
function linkFor(key, value) {
  const v = encodeURIComponent(value);
  if (key === 'lesson') return `lesson=${v}&lang=en`;
  if (key === 'step') return `lesson=update&step=${v}&lang=en`;
  if (key === 'f') return `lesson=playground&step=2&lang=en&surface=formula&f=${v}`;
  if (key === 'domain') return `lesson=playground&step=2&lang=en&surface=formula&f=w%5E2&domain=${v}`;
  if (key === 'lang') return `lesson=update&step=2&lang=${v}`;
  return `lesson=update&step=2&lang=en&${key}=${v}`;
}

async function visit(p, query) {
  await p.page.goto(env.base + (query ? `?${query}` : ''));
  await ready(p.page);
}

/** Records every address the page writes (a scene a message loaded writes its own), in `window.__urls`. */
function recordURLs() {
  window.__urls = [];
  for (const k of ['replaceState', 'pushState']) {
    const write = history[k].bind(history);
    history[k] = (state, title, url) => { window.__urls.push(String(url)); return write(state, title, url); };
  }
}

/** Text of the page outside the message box (the message may quote the bad value, "NaN" included). */
async function pageText(page) {
  return page.evaluate(() => {
    const m = document.getElementById('message');
    const all = document.body.innerText;
    return m && !m.hidden ? all.replace(m.innerText, '') : all;
  });
}

async function messageText(page) {
  return page.evaluate(() => { const m = document.getElementById('message'); return m && !m.hidden ? m.textContent : ''; });
}

/** Nothing from a payload ran or became an element. */
async function assertNoInjection(page, where) {
  await page.waitForTimeout(60); // onerror/onload fire after the failed load
  const found = await page.evaluate(() => {
    // (The page's own SVG is the legends' swatches, each in a legend: web/ui.js, renderLegend.)
    const sel = 'img[src="x"], svg:not(.legend svg.swatch), iframe, object, embed, script:not([src]):not(head > #early), [onerror], [onload], a[href^="javascript:" i], [srcdoc]';
    return { pwned: window.__pwned, elements: [...document.querySelectorAll(sel)].map((e) => e.outerHTML.slice(0, 120)) };
  });
  assert.equal(found.pwned, undefined, `${where}: a payload ran`);
  assert.deepEqual(found.elements, [], `${where}: a payload became an element`);
}

/** The scene is working: ready, and every canvas view has ink. */
async function assertSceneDrawn(page, where) {
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), 'true', where);
  const views = await page.$$eval('[data-view]', (els) => els.map((e) => e.dataset.view));
  assert.ok(views.length > 0, `${where}: no views`);
  let canvases = 0;
  for (const v of views) {
    const s = await canvasStats(page, v);
    if (!s) continue;
    canvases++;
    assert.ok(s.bg.ink > 500 || s.fg.ink > 500, `${where}: canvas ${v} is blank`);
  }
  assert.ok(canvases > 0, `${where}: no canvas drawn`);
}

function assertNoNonFinite(text, where) {
  assert.ok(!/\bNaN\b|Infinity|∞|\binf\b/.test(text), `${where}: shows a non-finite number: ${text.slice(0, 400)}`);
}

/** Records the text the wasm draws on canvases (axis ticks, labels) from the next load on. */
async function watchCanvasText(p) {
  await p.page.addInitScript(() => {
    const seen = new Set();
    window.__canvasText = seen;
    for (const C of [CanvasRenderingContext2D, OffscreenCanvasRenderingContext2D]) {
      for (const name of ['fillText', 'strokeText']) {
        const orig = C.prototype[name];
        C.prototype[name] = function (text, ...rest) { if (seen.size < 20000) seen.add(String(text)); return orig.call(this, text, ...rest); };
      }
    }
  });
}

/** Canvas labels that read NaN or infinity (and a check that labels were recorded at all). */
async function nonFiniteCanvasText(page) {
  const { all, bad } = await page.evaluate(() => {
    const texts = [...(window.__canvasText || [])];
    return { all: texts.length, bad: texts.filter((t) => /NaN|inf|∞/i.test(t)) };
  });
  assert.ok(all > 0, 'no canvas text was recorded: the fillText hook is not working');
  return bad;
}


/** The message `new Session(q)` throws, or null if it builds (then it is freed). */
function sessionError(page, q) {
  return page.evaluate((q) => {
    try {
      new window.wasmBindings.Session(q).free();
      return null;
    } catch (e) {
      return { isError: e instanceof Error, message: String(e && e.message) };
    }
  }, q);
}

// ---------------------------------------------------------------- bad input through the URL

test('every scene key fed garbage through the URL: a message naming the key, and a working scene', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en');
  let i = 0;
  for (const key of KEYS) {
    // Two kinds of garbage per key, rotating through the list so every kind is used.
    const values = GARBAGE.filter((v) => !accepted(key, v));
    for (const value of [values[i % values.length], values[(i + 7) % values.length]]) {
      i++;
      const where = `${key}=${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${value.length})` : value)}`;
      const link = linkFor(key, value);
      await visit(p, link);
      const msg = await messageText(p.page);
      assert.ok(msg.includes(`"${key}"`), `${where}: the message must name the key: ${msg.slice(0, 300)}`);
      assert.ok(msg.length < 1500, `${where}: message too long (${msg.length})`);
      if (key === 'lesson') {
        // No lesson to fall back to: the course map, with the message.
        assert.ok(await p.page.locator('ol.course li').count() > 10, `${where}: the course map`);
      } else {
        await assertSceneDrawn(p.page, where);
      }
      assertNoNonFinite(await pageText(p.page), where);
      // The same scene string through the scripting API: an Error with the same message.
      const err = await sessionError(p.page, link);
      assert.ok(err, `${where}: new Session(q) must throw`);
      assert.ok(err.isError, `${where}: throws an Error`);
      assert.ok(msg.includes(err.message), `${where}: the page shows the Error's message:\n${msg}\n${err.message}`);
      assert.deepEqual(await p.problems(), [], where);
    }
  }
  await p.close();
});

test('new Session(q) throws an Error naming the key for every key × every garbage value', async () => {
  const p = await openPage(env, 'lesson=playground&step=2&lang=en');
  const cases = [];
  for (const key of KEYS) for (const value of [...GARBAGE, ...PAYLOADS]) if (!accepted(key, value)) cases.push([key, value]);
  const out = await p.page.evaluate((cases) => {
    const { Session, checkScene } = window.wasmBindings;
    const bad = [];
    for (const [key, value] of cases) {
      // `f` only matters on a formula surface; `domain` on a formula.
      const pre = key === 'f' ? 'surface=formula&' : key === 'domain' ? 'surface=formula&f=w&' : '';
      const q = `${pre}${key}=${encodeURIComponent(value)}`;
      let err = null;
      try { new Session(q).free(); } catch (e) { err = e; }
      const expected = checkScene(q, 'en');
      if (!(err instanceof Error)) bad.push(`${q.slice(0, 80)}: did not throw an Error`);
      else if (!err.message.includes(`"${key}"`)) bad.push(`${q.slice(0, 80)}: ${err.message.slice(0, 120)}`);
      else if (err.message !== expected) bad.push(`${q.slice(0, 80)}: checkScene differs: ${expected}`);
      else if (/\u202e|\u0000/.test(err.message)) bad.push(`${q.slice(0, 80)}: invisible characters in the message`);
    }
    // Repeated and unknown keys, hostile key names.
    for (const [q, key] of [['lr=0.1&lr=0.1', 'lr'], ['surface=bowl&seed=1&seed=2', 'seed'], ['colour=red', 'colour'],
      ['__proto__=1', '__proto__'], ['constructor=1', 'constructor'], ['LR=0.1', 'LR'], [`${'k'.repeat(5000)}=1`, 'k'.repeat(60)]]) {
      let err = null;
      try { new Session(q).free(); } catch (e) { err = e; }
      if (!(err instanceof Error) || !err.message.includes(`"${key}`)) bad.push(`${q.slice(0, 60)}: ${err && err.message}`);
    }
    return { bad, n: cases.length };
  }, cases);
  assert.deepEqual(out.bad, [], `${out.bad.length} of ${out.n} cases`);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('repeated, unknown and hostile keys in the URL are named in the message', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en');
  for (const [tail, key] of [['lr=0.1&lr=0.2', 'lr'], ['colour=red', 'colour'], ['__proto__=1', '__proto__'],
    ['step=2', 'step'], [`${encodeURIComponent(PAYLOADS[0])}=1`, PAYLOADS[0]], [`${'k'.repeat(3000)}=1`, 'k'.repeat(60)]]) {
    await visit(p, `lesson=update&step=2&lang=en&${tail}`);
    const msg = await messageText(p.page);
    assert.ok(msg.includes(`"${key}`), `${tail.slice(0, 40)}: ${msg.slice(0, 200)}`);
    await assertSceneDrawn(p.page, tail.slice(0, 40));
    await assertNoInjection(p.page, tail.slice(0, 40));
    assert.deepEqual(await p.problems(), [], tail.slice(0, 40));
  }
  await p.close();
});

// ---------------------------------------------------------------- hostile links

test('script payloads in every key never run and never become elements', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en');
  let i = 0;
  for (const key of KEYS) {
    const payload = PAYLOADS[i++ % PAYLOADS.length];
    const where = `${key}=${payload}`;
    await visit(p, linkFor(key, payload));
    const msg = await messageText(p.page);
    // Shown as text: the message quotes the payload literally (`f` on a non-formula surface is
    // not used, and `lang` falls back to the browser's; both still end in a message).
    assert.ok(msg.includes(`"${key}"`), `${where}: ${msg.slice(0, 200)}`);
    assert.ok(msg.includes(payload.slice(0, 30)), `${where}: the payload is shown as text: ${msg.slice(0, 300)}`);
    await assertNoInjection(p.page, where);
    assert.deepEqual(await p.problems(), [], where);
  }
  // A payload that is a sound value for its key is kept (`f` off a formula surface) and still
  // reaches only the URL and the formula box's value, never markup.
  await visit(p, `lesson=playground&step=2&lang=en&f=${encodeURIComponent(PAYLOADS[0])}`);
  await assertNoInjection(p.page, 'f off a formula surface');
  assert.equal(await p.page.locator('#ctl-f').inputValue(), PAYLOADS[0], 'the formula box holds it as a value');
  // The embed code quotes the link: it must stay one <iframe> with the payload escaped.
  await p.page.getByRole('button', { name: 'Embed' }).click();
  const code = await p.page.locator('dialog textarea').inputValue();
  assert.equal(code.match(/</g).length, 2, code);
  const src = code.match(/src="([^"]*)"/)[1];
  assert.ok(!/[<>"']/.test(src), `the link in the embed code is escaped: ${code}`);
  await p.close();
});

test('the playground formula box: payloads typed and applied with Enter never run', async () => {
  const p = await openPage(env, 'lesson=playground&step=2&lang=en');
  const { page } = p;
  await answer(page);
  const box = page.locator('#ctl-f');
  for (const payload of [...PAYLOADS, 'w^2 + b^2 <img src=x onerror=window.__pwned=1>', 'w'.repeat(400), '\u202ew^2']) {
    await box.fill(payload);
    await box.press('Enter');
    const msg = page.locator('#message');
    await msg.waitFor({ state: 'visible' });
    const text = await msg.textContent();
    assert.match(text, /"f"/, `${payload}: names the key`);
    assert.ok(!text.includes('\u202e'), `${payload}: an invisible override reached the message`);
    await assertNoInjection(page, `formula box: ${payload}`);
    // The box keeps what was typed (up to its 300 characters), as a value.
    assert.equal(await box.inputValue(), payload.slice(0, 300));
    assertNoNonFinite(await pageText(page), payload);
  }
  // A good formula after all that still works.
  await box.fill('(w-1)^2 + (b+2)^2');
  await box.press('Enter');
  await page.waitForFunction(() => /w-1/.test(decodeURIComponent(location.search)));
  await assertSceneDrawn(page, 'good formula');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('a formula refused in the box leaves the scene as it was: other controls still apply', async () => {
  const p = await openPage(env, 'lesson=playground&step=2&lang=en');
  const { page } = p;
  const box = page.locator('#ctl-f');
  await box.fill(PAYLOADS[0]);
  await box.press('Enter');
  await page.locator('#message').waitFor({ state: 'visible' });
  const it = await page.evaluate(() => window.descent.session().iteration());
  await page.locator('#step').click();
  assert.equal(await page.evaluate(() => window.descent.session().iteration()), it + 1, 'Step still works');
  await page.locator('#ctl-seed').fill('7');
  await page.locator('#ctl-seed').dispatchEvent('change');
  // A refused formula left no `surface=formula` behind: the seed applies to the scene as it was.
  assert.equal(await messageText(page), '', 'after a refused formula, another control must apply without a message');
  await page.waitForFunction(() => /seed=7\b/.test(location.search), null, { timeout: 5000 }).catch(() => assert.fail('the seed change reaches the URL'));
  assert.match(await page.evaluate(() => window.descent.session().toQuery()), /surface=himmelblau/, 'the scene is still the one before the refused formula');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

// ---------------------------------------------------------------- numbers

test('numbers: α far too large runs and stops with "diverged at step …", never NaN', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en&lr=100');
  await watchCanvasText(p);
  for (const [link, where] of [
    ['lesson=update&step=2&lang=en&lr=100', '1-D, α = 100'],
    ['lesson=playground&step=2&lang=en&surface=rosenbrock&opt=gd,momentum,rmsprop,adam&lr=100&start=1000,-1000&view=contour,loss,readout,grads,rates', 'race, α = 100, start at ±1000'],
    ['lesson=playground&step=2&lang=ko&surface=bowl&opt=gd,nesterov,adagrad&lr=100&view=contour,surface3d,loss,readout', 'Korean race, α = 100'],
  ]) {
    await visit(p, link);
    const { page } = p;
    assert.equal(await messageText(page), '', `${where}: a sound link shows no message`);
    await answer(page);
    await page.evaluate(() => { window.descent.session().step(5000); });
    await page.locator('#step').click();
    await page.waitForFunction(() => window.descent.session().divergedOf(0));
    // The message comes with the next drawn frame.
    await page.waitForFunction(() => /diverged|발산/.test(document.getElementById('message').textContent), null, { timeout: 5000 })
      .catch(() => assert.fail(`${where}: no divergence message`));
    const msg = await messageText(page);
    assert.match(msg, /diverged at step \d+|\d+번째 걸음에서 발산/, `${where}: ${msg}`);
    const n = await page.evaluate(() => window.descent.session().runs());
    for (let i = 0; i < n; i++) {
      const r = await page.evaluate((i) => {
        const s = window.descent.session();
        return { p: Array.from(s.paramsOf(i)), loss: s.lossOf(i), diverged: s.divergedOf(i), state: s.stateOf(i) };
      }, i);
      assert.ok(r.p.every(Number.isFinite), `${where}: run ${i} params ${r.p}`);
      assert.ok(Number.isFinite(r.loss), `${where}: run ${i} loss ${r.loss}`);
      for (const k of ['velocity', 'squares', 'lastUpdate']) assert.ok(Array.from(r.state[k]).every(Number.isFinite), `${where}: run ${i} ${k}`);
    }
    await assertSceneDrawn(page, where);
    assertNoNonFinite(await pageText(page), where);
    assertNoNonFinite(await page.locator('#narration').textContent(), `${where} (narration)`);
    assert.deepEqual(await nonFiniteCanvasText(page), [], `${where}: canvas labels`);
    assert.deepEqual(await p.problems(), [], where);
  }
  await p.close();
});

test('numbers: ε = 0, β = 1, β > 1, α and start out of range are refused with a message', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en');
  for (const [tail, key] of [
    ['surface=bowl&opt=adam&eps=0', 'eps'],
    ['surface=bowl&opt=adam&beta1=1', 'beta1'],
    ['surface=bowl&opt=rmsprop&beta2=1.5', 'beta2'],
    ['beta=1', 'beta'],
    ['lr=101', 'lr'],
    ['lr=1e309', 'lr'],
    ['surface=bowl&start=1001,0', 'start'],
    ['surface=bowl&start=1e308,1e308', 'start'],
  ]) {
    const link = `lesson=playground&step=2&lang=en&${tail}`;
    await visit(p, link);
    const msg = await messageText(p.page);
    assert.ok(msg.includes(`"${key}"`), `${tail}: ${msg}`);
    await assertSceneDrawn(p.page, tail);
    assertNoNonFinite(await pageText(p.page), tail);
    const err = await sessionError(p.page, link);
    assert.ok(err && err.isError && msg.includes(err.message), `${tail}: ${JSON.stringify(err)}`);
    assert.deepEqual(await p.problems(), [], tail);
  }
  // ε = 0 says why.
  await visit(p, 'lesson=playground&step=2&lang=en&opt=adam&eps=0');
  assert.match(await messageText(p.page), /0 by 0/);
  // A typed formula with no value at its start is refused, not run into NaN.
  await visit(p, 'lesson=playground&step=2&lang=en&surface=formula&f=ln(w)&start=-1');
  assert.match(await messageText(p.page), /"f".*start/s);
  await assertSceneDrawn(p.page, 'ln(w) from w = -1');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('numbers: a start far outside the domain and a gradient that overflows stop cleanly', async () => {
  const p = await openPage(env, 'lesson=playground&step=2&lang=en&surface=ravine&opt=gd,adam&lr=1.1&start=1000,-1000&view=contour,loss,readout');
  const { page } = p;
  await watchCanvasText(p);
  const steep = encodeURIComponent(`sin(${'9'.repeat(160)}*w) + b^2`);
  // Each link with the runs that must stop, and the message the first stopped run gives.
  for (const [link, stops, said] of [
    // The ravine's steep curvature is 0.1·κ = 2, so GD's α·curvature = 2.2 > 2: it flies off the
    // map (from far outside it); Adam's steps are at most about α: it does not.
    ['lesson=playground&step=2&lang=en&surface=ravine&opt=gd,adam&lr=1.1&start=1000,-1000&view=contour,loss,readout', [true, false],
      /^GD diverged at step \d+: the parameters flew far off the map.*α × curvature = 2\.20 > 2/],
    // A gradient near 1e160: its square overflows in the first step of both.
    [`lesson=playground&step=2&lang=en&surface=formula&f=${steep}&opt=adam,rmsprop&lr=0.1&view=contour,loss,readout,rates`, [true, true],
      /^Adam diverged at step 1: the numbers grew too large to compute/],
    // w = 2 − 5·(1/2) = −0.5: ln has no value there.
    [`lesson=playground&step=2&lang=en&surface=formula&f=${encodeURIComponent('ln(w) + b^2')}&domain=0.01,3,-1,1&opt=gd&lr=5&start=2,0&view=contour,loss,readout`, [true],
      /^GD diverged at step 1: the step landed where the cost has no value/],
    // Undefined on half the plot: the canvases draw the defined half; both runs step into it.
    [`lesson=playground&step=2&lang=en&surface=formula&f=${encodeURIComponent('sqrt(w) + b^2')}&domain=-3,3,-3,3&opt=gd,adam&lr=1&start=2,1&view=contour,surface3d,basins,loss,readout`, [true, true],
      /^GD diverged at step \d+: the step landed where the cost has no value/],
    // w = 2 − 3·(1/2) = 0.5, then 0.5 − 3·2 = −5.5: no value at step 2.
    [`lesson=playground&step=2&lang=en&surface=formula&f=${encodeURIComponent('ln(w)')}&domain=-3,3&opt=gd&lr=3&start=2&view=curve,table,readout,loss`, [true],
      /^GD diverged at step 2: the step landed where the cost has no value/],
  ]) {
    await visit(p, link);
    assert.equal(await messageText(page), '', `${link}: a sound link shows no message`);
    await page.evaluate(() => window.descent.session().step(20000));
    await page.locator('#step').click();
    const stopped = await page.evaluate(() => { const s = window.descent.session(); return Array.from({ length: s.runs() }, (_, i) => s.divergedOf(i)); });
    assert.deepEqual(stopped, stops, `${link}: the runs that stop`);
    // The message comes with the frame the click drew.
    await page.waitForFunction(() => /diverged/.test(document.getElementById('message').textContent), null, { timeout: 5000 })
      .catch(() => assert.fail(`${link}: no divergence message`));
    assert.match(await messageText(page), said, link);
    await assertSceneDrawn(page, link);
    assertNoNonFinite(await pageText(page), link);
    assert.deepEqual(await nonFiniteCanvasText(page), [], `${link}: canvas labels`);
    assert.deepEqual(await p.problems(), [], link);
  }
  await p.close();
});

test('a start clicked where a typed formula is undefined: the link written stays loadable', async () => {
  const link = `lesson=playground&step=2&lang=en&surface=formula&f=${encodeURIComponent('ln(w) + b^2')}&domain=-1,3,-1,1&start=2,0&view=contour,loss`;
  const p = await openPage(env, link);
  const { page } = p;
  const box = await page.locator('[data-view="contour"] .canvas-box').boundingBox();
  // Left of w = 0 (inside the plot, past its margin), where ln(w) has no value.
  for (const fx of [0.12, 0.16, 0.2, 0.24]) {
    await page.mouse.click(box.x + box.width * fx, box.y + box.height * 0.5);
    await urlWritten(page);
    const s = await page.evaluate(() => Array.from(window.descent.session().params()));
    assert.ok(s.every(Number.isFinite) && s[0] > 0, `the start stays where the cost is defined: ${s}`);
    assertNoNonFinite(await pageText(page), 'after the click');
    // The address bar gets the start the session kept, not the one clicked.
    const search = await page.evaluate(() => location.search);
    const bad = await page.evaluate((q) => window.wasmBindings.checkScene(q, 'en'), search);
    assert.equal(bad, undefined, `the URL written after a click at ${fx} of the width must load: ${search}`);
  }
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('a run that steps to where a typed formula has no value says so (not "grew too large")', async () => {
  const p = await openPage(env, `lesson=playground&step=2&lang=en&surface=formula&f=${encodeURIComponent('ln(w) + b^2')}&domain=0.01,3,-1,1&opt=gd&lr=5&start=2,0&view=contour,loss,readout`);
  const { page } = p;
  await page.locator('#step').click();
  await page.waitForFunction(() => window.descent.session().divergedOf(0));
  await page.waitForFunction(() => /diverged/.test(document.getElementById('message').textContent), null, { timeout: 5000 })
    .catch(() => assert.fail('no divergence message'));
  const msg = await messageText(page);
  assert.match(msg, /diverged at step 1\b/, msg);
  assert.match(msg, /no value/, `the explanation names the cause: ${msg}`);
  assert.doesNotMatch(msg, /too large/, msg);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

// ---------------------------------------------------------------- postMessage

/**
 * Messages an embedding page (or anyone) might post, none of them sound: each can be sent (posting
 * one that cannot would throw in the sender and test nothing) and each must be ignored. The
 * non-string queries hold a scene that would load if the page coerced them to a string.
 */
const MESSAGES = [
  { type: 'descent:scene', query: PAYLOADS[0] },
  { type: 'descent:scene', query: `lesson=update&step=2&lr=${encodeURIComponent(PAYLOADS[1])}` },
  { type: 'descent:scene', query: ['lesson=update&step=5'] },
  { type: 'descent:scene', query: { toString: 'lesson=update&step=5', valueOf: 'lesson=update&step=5' } },
  { type: 'descent:scene', query: 5 },
  { type: 'descent:scene', query: 'x'.repeat(200_000) },
  { type: 'descent:scene' },
  { type: 'descent:html', html: PAYLOADS[0] },
  { type: 'descent:message', text: PAYLOADS[0] },
  { type: `descent:${PAYLOADS[0]}` },
  { type: 'descent:__proto__' },
  { type: 'descent:constructor' },
  { type: ['descent:play'] },
  { type: 'x'.repeat(200_000) },
  PAYLOADS[0],
  'descent:play',
  42,
  null,
  [1, 2, 3],
  { length: 1e9 },
  new Array(1000).fill(PAYLOADS[0]),
];
/** A sound scene whose value is a payload (`f` off a formula surface is kept): sent last, it shows
 * that the messages before it were handled, and that a payload reaches only the scene string. */
const SOUND = { type: 'descent:scene', query: `lesson=update&step=2&f=${encodeURIComponent(PAYLOADS[0])}` };

test('postMessage inside the page: malformed and hostile messages are ignored, nothing reaches HTML', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en');
  const { page } = p;
  const before = await page.evaluate(() => ({ search: location.search, query: window.descent.session().toQuery() }));
  await page.evaluate(recordURLs);
  // Messages are handled in the order posted: once the sound one, posted last, has loaded, every
  // one before it has been looked at.
  await page.evaluate(([ms, last]) => { for (const m of [...ms, last]) window.postMessage(m, '*'); }, [MESSAGES, SOUND]);
  await page.waitForFunction(() => new URLSearchParams(location.search).has('f'), null, { timeout: 5000 })
    .catch(() => assert.fail('the sound scene posted last did not load'));
  await ready(page);
  await assertNoInjection(page, 'postMessage');
  assertNoNonFinite(await pageText(page), 'postMessage');
  // Exactly the sound scene: the step it names, with the page's language, and nothing else.
  const after = await page.evaluate(() => ({ search: location.search, query: window.descent.session().toQuery(), it: window.descent.session().iteration() }));
  assert.equal(before.search, '?lesson=update&step=2&lang=en');
  assert.deepEqual([...new URLSearchParams(after.search)], [['lesson', 'update'], ['step', '2'], ['f', PAYLOADS[0]], ['lang', 'en']], after.search);
  // No other scene was shown on the way, even for a moment.
  const urls = await page.evaluate(() => window.__urls);
  assert.ok(urls.length > 0 && urls.every((u) => u === after.search), `addresses written: ${urls.join(' ')}`);
  const entries = (q) => [...new URLSearchParams(q)].map(String).sort();
  assert.deepEqual(entries(after.query), entries(`${before.query}&f=${encodeURIComponent(PAYLOADS[0])}`), 'the step\'s scene plus the kept formula');
  assert.equal(after.it, 0, 'no message started a run');
  assert.equal(await messageText(page), '');
  await assertSceneDrawn(page, 'after the messages');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('postMessage from an embedding page on another origin: commands work, hostile ones are ignored', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en');
  const { page } = p;
  const port = new URL(env.base).port;
  const heights = [];
  await page.exposeFunction('__height', (h) => heights.push(h));
  await page.goto(`http://localhost:${port}${EMBED}`);
  await page.evaluate(() => window.addEventListener('message', (e) => { if (e.data && e.data.type === 'descent:height') window.__height(e.data.height); }));
  await page.evaluate((src) => { document.getElementById('d').src = src; }, `${env.base}?lesson=update&step=2&lang=en&embed=1`);
  const frame = await (await page.waitForSelector('#d')).contentFrame();
  await frame.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const post = (m) => page.evaluate((m) => document.getElementById('d').contentWindow.postMessage(m, '*'), m);
  // A sound command from the course page works.
  await post({ type: 'descent:step' });
  await frame.waitForFunction(() => window.descent.session().iteration() === 1);
  // Hostile and malformed ones do nothing: the sound scene posted after them is the only one shown.
  await frame.evaluate(recordURLs);
  for (const m of [...MESSAGES, SOUND]) await post(m);
  await frame.waitForFunction(() => new URLSearchParams(location.search).has('f') && document.documentElement.dataset.ready === 'true', null, { timeout: 5000 })
    .catch(() => assert.fail('the sound scene posted last did not load'));
  const urls = await frame.evaluate(() => window.__urls);
  assert.ok(urls.length > 0 && urls.every((u) => u === urls[0]), `addresses written: ${urls.join(' ')}`);
  assert.deepEqual([...new URLSearchParams(await frame.evaluate(() => location.search))],
    [['lesson', 'update'], ['step', '2'], ['f', PAYLOADS[0]], ['embed', '1'], ['lang', 'en']]);
  assert.equal(await frame.evaluate(() => window.descent.session().iteration()), 0, 'no message started a run');
  const inFrame = await frame.evaluate(() => ({
    pwned: window.__pwned,
    csp: window.__csp,
    bad: [...document.querySelectorAll('img[src="x"], svg, iframe, script:not([src]):not(head > #early), [onerror], [onload]')].length,
    text: document.body.innerText,
  }));
  assert.equal(inFrame.pwned, undefined);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(inFrame.bad, 0);
  assert.deepEqual(inFrame.csp, []);
  assertNoNonFinite(inFrame.text, 'embedded');
  // The page tells its parent its height, a plain number.
  assert.ok(heights.length > 0 && heights.every((h) => Number.isFinite(h) && h > 0 && h < 100000), `heights ${heights}`);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

// ---------------------------------------------------------------- long runs

test('a million steps keep the wasm memory bounded', async (t) => {
  const p = await openPage(env, 'lesson=playground&step=2&lang=en&surface=ravine&opt=gd,momentum,nesterov,adagrad,rmsprop,adam,sgd&lr=0.05&view=contour,loss,grads,rates');
  const { page } = p;
  const memory = () => page.evaluate(async () => (await window.wasmBindings.default()).memory.buffer.byteLength);
  const run = (chunks) => page.evaluate(async (chunks) => {
    const s = window.descent.session();
    for (let k = 0; k < chunks; k++) {
      s.step(10000);
      // Redraw now and then, so the views' own buffers are exercised too.
      if (k % 10 === 9) {
        const st = window.descent.stage();
        st.dirty = true; st.kick();
        await new Promise(requestAnimationFrame);
        await new Promise(requestAnimationFrame);
      }
    }
    return s.iteration();
  }, chunks);
  await run(10); // warm up: the first 100 000 steps fill the capped path and log
  const m0 = await memory();
  const steps = await run(90);
  const m1 = await memory();
  assert.equal(steps, 1_000_000);
  const growth = m1 - m0;
  t.diagnostic(`wasm memory ${(m0 / 1048576).toFixed(2)} MB after 100 000 steps, ${(m1 / 1048576).toFixed(2)} MB after 1 000 000`);
  assert.ok(growth <= 4 * 1024 * 1024, `wasm memory grew by ${(growth / 1048576).toFixed(1)} MB over 900 000 steps (${m0} → ${m1} bytes)`);
  await assertSceneDrawn(page, 'after a million steps');
  assertNoNonFinite(await pageText(page), 'after a million steps');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

// ---------------------------------------------------------------- panics

test('a wasm panic shows the friendly message with a reload button, and the panic text goes to the console', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en');
  const { page } = p;
  assert.equal(await page.evaluate(() => typeof window.wasmBindings.crashForTest), 'function', 'the page exports crashForTest()');
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  const expected = (x) => /deliberate panic|crashForTest|RuntimeError|unreachable/.test(x);

  // 1. A panic inside the animation loop (the common case: a frame that traps).
  await answer(page);
  await page.evaluate(() => {
    const s = window.descent.session();
    s.step = () => window.wasmBindings.crashForTest();
    document.getElementById('play').click();
  });
  await page.locator('#fatal').waitFor({ state: 'visible' });
  assert.ok((await page.locator('#fatal-text').textContent()).length > 20);
  assert.equal(await page.locator('#fatal-reload').isVisible(), true);
  assert.ok(consoleLines.some((l) => l.startsWith('error') && /deliberate panic/.test(l)), `panic text in the console: ${consoleLines}`);
  assert.equal(await page.evaluate(() => window.descent.stage() ? window.descent.stage().playing : false), false, 'the loop stopped');
  assert.deepEqual((await p.problems()).filter((x) => !expected(x)), []);

  // Reload brings the same step back, working.
  await Promise.all([page.waitForEvent('load'), page.locator('#fatal-reload').click()]);
  await ready(page);
  assert.equal(await page.locator('#fatal').isVisible(), false);
  assert.match(page.url(), /lesson=update&step=2/);
  await assertSceneDrawn(page, 'after reload');

  // 2. A panic outside the loop (an event handler, a timer): uncaught, still the friendly box.
  await page.evaluate(() => setTimeout(() => window.wasmBindings.crashForTest(), 0));
  await page.locator('#fatal').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#fatal-reload').isVisible(), true);
  const problems = await p.problems();
  assert.ok(problems.some((x) => /deliberate panic/.test(x)), 'the panic text went to the console');
  assert.deepEqual(problems.filter((x) => !expected(x)), []);
  await p.close();
});

test('a wasm panic while building a scene (a control change) also shows the friendly message, not a scene error', async () => {
  const p = await openPage(env, 'lesson=playground&step=2&lang=en');
  const { page } = p;
  assert.equal(await page.evaluate(() => typeof window.wasmBindings.crashForTest), 'function', 'the page exports crashForTest()');
  // As if Session::new panicked on this scene: the stage's load traps.
  await page.evaluate(() => { window.descent.stage().load = () => window.wasmBindings.crashForTest(); });
  await page.locator('#ctl-seed').fill('7');
  await page.locator('#ctl-seed').dispatchEvent('change');
  // A WebAssembly.RuntimeError caught while loading the scene is fatal, not shown as if the
  // scene were bad ("unreachable").
  await page.locator('#fatal').waitFor({ state: 'visible', timeout: 3000 });
  assert.ok(!/unreachable|RuntimeError/.test(await messageText(page)), 'the trap is not shown as a scene message');
  const expected = (x) => /deliberate panic|crashForTest|RuntimeError|unreachable/.test(x);
  assert.deepEqual((await p.problems()).filter((x) => !expected(x)), []);
  await p.close();
});
