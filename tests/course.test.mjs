// Made for courses (issue 8): the course map and progress, links that restore a scene,
// copy link and embed snippet, embed=1 and hide=, an embedding page driving a step by
// postMessage, PNG/CSV export, keyboard, reduced motion, touch, narrow screens, dark theme,
// and the single-file build opened from disk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { start, openPage, ready, urlWritten, frames, lessonIds, lesson, courseMap, DIST, answer } from './harness.mjs';
import { buildSingle } from '../scripts/build-single.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const INDEX = courseMap();
const EMBED_PAGE = fs.readFileSync(path.join(here, '..', 'examples', 'embed.html'));

let env;
before(async () => { env = await start({ extra: { '/embed.html': ['text/html; charset=utf-8', EMBED_PAGE] } }); });
after(async () => { await env.close(); });

/** Moves to another scene in the same page, as the page's own links do (no reload). */
async function go(page, query) {
  await page.evaluate((q) => { history.pushState(null, '', `?${q}`); dispatchEvent(new PopStateEvent('popstate')); }, query);
  await ready(page);
}
const iteration = (page) => page.evaluate(() => window.descent.session().iteration());
const param = (page, key) => page.evaluate((k) => new URLSearchParams(location.search).get(k), key);
const overflowX = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const allSteps = () => lessonIds().flatMap((id) => lesson(id).steps.map((_, i) => [id, i + 1]));

test('the course map lists the 14 lessons in order with a summary each, in both languages', async () => {
  assert.equal(INDEX.length, 14);
  const p = await openPage(env, 'lang=en');
  for (const lang of ['en', 'ko']) {
    await go(p.page, `lang=${lang}`);
    const cards = await p.page.$$eval('ol.course > li > a', (as) => as.map((a) => ({
      href: a.getAttribute('href'), title: a.querySelector('.ttl').textContent, summary: a.querySelector('.sum').textContent,
    })));
    assert.equal(cards.length, 14, lang);
    cards.forEach((c, i) => {
      assert.equal(c.title, INDEX[i].title[lang]);
      assert.equal(c.summary, INDEX[i].summary[lang]);
      assert.ok(c.summary.length > 10);
      assert.equal(new URLSearchParams(c.href.slice(1)).get('lesson'), INDEX[i].id);
    });
    assert.equal(await p.page.evaluate(() => document.documentElement.lang), lang);
  }
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('finishing a lesson marks its card, "continue" points at the next one, and reset clears it', async () => {
  const p = await openPage(env, 'lang=en');
  const { page } = p;
  const card = (id) => page.locator(`ol.course > li:has(a[href*="lesson=${id}&"])`);
  const cont = () => page.locator('.home-actions a.primary').getAttribute('href');
  assert.equal(await page.locator('ol.course > li.done').count(), 0);
  assert.match(await cont(), /lesson=cost&step=1\b/);
  // The last step of lesson 1 finishes it; a visit to step 3 of lesson 2 is where to continue.
  const first = INDEX[0].id;
  await go(page, `lesson=${first}&step=${lesson(first).steps.length}&lang=en`);
  await go(page, `lesson=${INDEX[1].id}&step=3&lang=en`);
  await go(page, 'lang=en');
  assert.equal(await card(first).getAttribute('class'), 'done');
  assert.equal(await card(first).locator('.badge').textContent(), 'Finished');
  assert.equal(await page.locator('ol.course > li.done').count(), 1);
  const next = new URLSearchParams((await cont()).slice(1));
  assert.equal(next.get('lesson'), INDEX[1].id);
  assert.equal(next.get('step'), '3');
  // Progress survives a reload (localStorage) and shows in Korean too.
  await page.goto(`${env.base}?lang=ko`);
  await ready(page);
  assert.equal(await card(first).locator('.badge').textContent(), '완료');
  await page.getByRole('button', { name: '진도 초기화' }).click();
  await page.waitForFunction(() => !document.querySelector('ol.course > li.done'));
  assert.match(await page.locator('#message').textContent(), /진도를 지웠어요/);
  assert.match(await cont(), /lesson=cost&step=1\b/);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

/** One control per kind and key: [scene, selector, scene key, how to change it]. */
const CONTROLS = [
  ['lesson=update&step=3', '#ctl-lr', 'lr', 'range'],
  ['lesson=derivative&step=1', '#ctl-w', 'start', 'range'],
  ['lesson=derivative&step=1', '#ctl-dw', 'dw', 'range'],
  ['lesson=momentum&step=3', '#ctl-beta1', 'beta1', 'range'],
  ['lesson=momentum&step=1', '#ctl-cond', 'cond', 'range'],
  ['lesson=momentum&step=6', '#ctl-angle', 'angle', 'range'],
  ['lesson=rmsprop&step=1', '#ctl-beta2', 'beta2', 'range'],
  ['lesson=batch&step=3', '#ctl-batch', 'batch', 'range'],
  ['lesson=ewa&step=1', '#ctl-beta', 'beta', 'range'],
  ['lesson=ewa&step=1', '#ctl-bias', 'bias', 'click'],
  ['lesson=e-limit&step=1', '#ctl-n', 'n', 'range'],
  ['lesson=playground&step=2', '#ctl-surface', 'surface', 'select'],
  ['lesson=playground&step=2', '#opt-sgd', 'opt', 'click'],
  ['lesson=playground&step=2', '#lr-adam', 'lr', 'number'],
  ['lesson=playground&step=2', '#view-basins', 'view', 'click'],
  ['lesson=playground&step=2', '#ctl-seed', 'seed', 'number'],
  ['lesson=playground&step=2', '#ctl-f', 'f', 'formula'],
];

test('every control change lands in the URL, and a reload restores the same scene', async () => {
  const p = await openPage(env, 'lang=en');
  const { page } = p;
  const value = (sel) => page.locator(sel).evaluate((e) => (e.type === 'checkbox' ? String(e.checked) : e.value));
  for (const [scene, sel, key, how] of CONTROLS) {
    const where = `${scene}: ${sel}`;
    await page.goto(`${env.base}?${scene}&lang=en`);
    await ready(page);
    const ctl = page.locator(sel);
    const before = { url: await param(page, key), value: await value(sel) };
    if (how === 'range') {
      const atMax = await ctl.evaluate((e) => Number(e.value) >= Number(e.max));
      await ctl.focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press(atMax ? 'ArrowLeft' : 'ArrowRight');
    } else if (how === 'click') await ctl.click();
    else if (how === 'select') await ctl.selectOption('bowl');
    else if (how === 'number') { await ctl.fill(key === 'seed' ? '7' : '0.05'); await ctl.blur(); }
    else if (how === 'formula') { await ctl.fill('w^2 + 2*b^2'); await ctl.press('Enter'); }
    await page.waitForFunction(([k, b]) => new URLSearchParams(location.search).get(k) !== b, [key, before.url], { timeout: 5000 })
      .catch(() => assert.fail(`${where}: the URL did not change (${page.url()})`));
    await ready(page);
    // Three key presses are three changes: the address bar shows the last one a frame later.
    await urlWritten(page);
    const changed = { url: page.url(), value: await value(sel), query: await page.evaluate(() => window.descent.session().toQuery()) };
    assert.notEqual(changed.value, before.value, `${where}: the control did not move`);
    await page.reload();
    await ready(page);
    assert.equal(page.url(), changed.url, where);
    assert.equal(await value(sel), changed.value, `${where}: the control after a reload`);
    assert.equal(await page.evaluate(() => window.descent.session().toQuery()), changed.query, `${where}: the scene after a reload`);
  }
  // A tap on the canvas sets the start, which lands in the URL too (see the touch test for fingers).
  await page.goto(`${env.base}?lesson=momentum&step=1&lang=en`);
  await ready(page);
  const box = await page.locator('.view-contour .canvas-box').boundingBox();
  await page.mouse.click(box.x + box.width * 0.62, box.y + box.height * 0.3);
  await page.waitForFunction(() => new URLSearchParams(location.search).has('start'));
  const q = await page.evaluate(() => window.descent.session().toQuery());
  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => window.descent.session().toQuery()), q);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('the same seed gives the same trajectory, step for step; another seed another one', async () => {
  const p = await openPage(env, 'lesson=momentum&step=7&lang=en&seed=5');
  const { page } = p;
  const run = async () => {
    await page.locator('#step-title').click();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await iteration(page), 30);
    return page.evaluate(() => {
      const s = window.descent.session();
      const runs = [];
      for (let i = 0; i < s.runs(); i++) runs.push(Array.from(s.paramsOf(i)));
      return { runs, params: Array.from(s.params()), csv: s.csv() };
    });
  };
  const first = await run();
  await page.reload();
  await ready(page);
  const again = await run();
  assert.deepEqual(again.params, first.params);
  assert.deepEqual(again.runs, first.runs);
  assert.equal(again.csv, first.csv, 'the whole path, every run');
  await go(page, 'lesson=momentum&step=7&lang=en&seed=6');
  const other = await run();
  assert.notDeepEqual(other.params, first.params, 'the seed matters (mini-batches)');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('"Copy link to this step" copies the scene URL; "Embed" gives an iframe snippet', async () => {
  const p = await openPage(env, 'lesson=update&step=3&lang=en');
  const { page, context } = p;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.base).origin });
  await page.locator('#ctl-lr').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => new URLSearchParams(location.search).has('lr'));
  await page.getByRole('button', { name: 'Copy link to this step' }).click();
  await page.locator('#message', { hasText: 'Link copied.' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  // The copied link opens the same scene.
  const q = await page.evaluate(() => window.descent.session().toQuery());
  await page.goto(copied);
  await ready(page);
  assert.equal(await page.evaluate(() => window.descent.session().toQuery()), q);

  const embed = page.getByRole('button', { name: 'Embed' });
  await embed.click();
  const dialog = page.locator('dialog.embed-dialog[open]');
  await dialog.waitFor();
  const snippet = await dialog.locator('textarea').inputValue();
  assert.match(snippet, /^<iframe src="[^"]+" title="[^"]+"[^>]*><\/iframe>$/);
  const src = new URL(snippet.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
  const here = new URL(page.url());
  assert.equal(src.origin + src.pathname, here.origin + here.pathname);
  assert.equal(src.searchParams.get('embed'), '1');
  for (const k of ['lesson', 'step', 'lang', 'lr']) assert.equal(src.searchParams.get(k), here.searchParams.get(k), k);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('embed=1 shows only the scene, its controls and its text, and fits 320 px without horizontal scrolling', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en&embed=1', { width: 320, height: 640 });
  const { page } = p;
  for (const sel of ['#site-header', '.share', '.skip']) assert.equal(await page.locator(sel).isVisible(), false, sel);
  for (const sel of ['.lesson-text', '.controls', '#step', '.view-curve .canvas-box', '.panel-table']) assert.ok(await page.locator(sel).isVisible(), sel);
  assert.ok((await page.locator('.view-curve .canvas-box').boundingBox()).width > 250);
  // The step links stay embedded.
  assert.equal(new URLSearchParams((await page.locator('a[rel=next]').getAttribute('href')).slice(1)).get('embed'), '1');
  for (const lang of ['en', 'ko']) {
    for (const [id, step] of allSteps()) {
      await go(page, `lesson=${id}&step=${step}&lang=${lang}&embed=1`);
      assert.ok(await overflowX(page) <= 0, `${id} step ${step} (${lang}) scrolls sideways at 320 px`);
    }
  }
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('hide= hides the listed controls and stays in the step links', async () => {
  const p = await openPage(env, 'lesson=update&step=3&lang=en&hide=lr,play');
  const { page } = p;
  assert.equal(await page.locator('#ctl-lr').count(), 0);
  assert.equal(await page.locator('#play').count(), 0);
  assert.ok(await page.locator('#step').isVisible());
  assert.ok(await page.locator('#reset').isVisible());
  assert.equal(new URLSearchParams((await page.locator('a[rel=next]').getAttribute('href')).slice(1)).get('hide'), 'lr,play');
  await go(page, 'lesson=update&step=3&lang=en&hide=text,step,reset');
  assert.equal(await page.locator('.lesson-text').isVisible(), false);
  assert.equal(await page.locator('#step').count() + await page.locator('#reset').count(), 0);
  assert.ok(await page.locator('#play').isVisible());
  assert.ok(await page.locator('#ctl-lr').isVisible());
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

/** Every `hide=` name (README), a step that has what it hides, and the elements that go. */
const HIDDEN = [
  // Without Play there is no speed to set: its slider goes too.
  ['play', 'lesson=update&step=3', ['#play', '#ctl-speed']],
  ['step', 'lesson=update&step=3', ['#step']],
  ['reset', 'lesson=update&step=3', ['#reset']],
  ['lr', 'lesson=update&step=3', ['#ctl-lr']],
  ['speed', 'lesson=update&step=3', ['#ctl-speed']],
  ['beta1', 'lesson=momentum&step=3', ['#ctl-beta1']],
  ['beta2', 'lesson=rmsprop&step=1', ['#ctl-beta2']],
  // The optimizers' fieldset: each one's box and learning rate.
  ['opt', 'lesson=playground&step=2', ['gd', 'sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw'].flatMap((o) => [`#opt-${o}`, `#lr-${o}`])],
  ['surface', 'lesson=playground&step=2', ['#ctl-surface']],
  ['seed', 'lesson=playground&step=2', ['#ctl-seed']],
  ['batch', 'lesson=batch&step=3', ['#ctl-batch']],
  ['start', 'lesson=derivative&step=1', ['#ctl-w']],
  ['beta', 'lesson=ewa&step=1', ['#ctl-beta', '#ctl-bias']],
  // No step has an ε control (ε is set by the link only): hide=eps is accepted and hides nothing.
  ['eps', 'lesson=adam&step=2', []],
  // The step links sit in the text: they go with it.
  ['text', 'lesson=update&step=3', ['.lesson-text', '.step-nav']],
  ['nav', 'lesson=update&step=3', ['.step-nav']],
];

test('every hide= name hides its control and nothing else', async () => {
  assert.equal(HIDDEN.length, 16);
  const p = await openPage(env, 'lang=en');
  const { page } = p;
  // What shows: every control by id, and the lesson text and its step links.
  const shown = () => page.evaluate(() => {
    const visible = (e) => e && !e.closest('[hidden]') && e.getClientRects().length > 0;
    const ids = [...document.querySelectorAll('.controls [id]')].filter(visible).map((e) => `#${e.id}`);
    return [...ids, ...['.lesson-text', '.step-nav'].filter((sel) => visible(document.querySelector(sel)))].sort();
  });
  for (const [name, scene, gone] of HIDDEN) {
    await go(page, `${scene}&lang=en`);
    await answer(page);
    const all = await shown();
    for (const sel of gone) assert.ok(all.includes(sel), `${scene}: ${sel} shows without hide=`);
    await go(page, `${scene}&lang=en&hide=${name}`);
    await answer(page);
    assert.equal(await page.locator('#message').isVisible(), false, `hide=${name} is accepted`);
    assert.deepEqual(await shown(), all.filter((sel) => !gone.includes(sel)), `hide=${name} on ${scene}`);
  }
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('a course page on 127.0.0.1 sizes the iframe from the posted height and drives the step by postMessage', async () => {
  const p = await openPage(env, 'lang=en', { width: 900, height: 700 });
  const { page } = p;
  await page.goto(`${env.base}embed.html`);
  const frame = () => page.frames().find((f) => f !== page.mainFrame());
  await page.waitForFunction(() => document.getElementById('descent').dataset.height);
  await ready(frame());
  const fitted = async () => {
    await page.waitForFunction(() => {
      const f = document.getElementById('descent');
      return f.dataset.height && Math.abs(f.clientHeight - Number(f.dataset.height)) <= 1;
    });
    // No inner scrollbar and no empty tail: the iframe is as tall as the content.
    const [inner, outer] = await Promise.all([
      frame().evaluate(() => Math.ceil(document.body.getBoundingClientRect().height)),
      page.evaluate(() => document.getElementById('descent').clientHeight),
    ]);
    assert.ok(Math.abs(inner - outer) <= 2, `iframe ${outer} px for content ${inner} px`);
    return outer;
  };
  const h1 = await fitted();
  assert.ok(h1 > 480, 'grew from the 480 px it starts with');
  assert.equal(await frame().evaluate(() => document.getElementById('site-header').offsetParent), null, 'embedded: no site chrome');
  const it = () => frame().evaluate(() => window.descent.session().iteration());
  const click = (name) => page.locator('.remote').getByRole('button', { name, exact: true }).click();
  await click('Step');
  await frame().waitForFunction(() => window.descent.session().iteration() === 1);
  await click('Step');
  await frame().waitForFunction(() => window.descent.session().iteration() === 2);
  await click('Reset');
  await frame().waitForFunction(() => window.descent.session().iteration() === 0);
  await click('Play');
  await frame().waitForFunction(() => window.descent.session().iteration() >= 3);
  await click('Pause');
  await frame().waitForFunction(() => !window.descent.stage().playing);
  const paused = await it();
  await frames(frame());
  assert.equal(await it(), paused, 'pause stops the run');
  // Unknown and malformed messages change nothing.
  await page.evaluate(() => {
    const w = document.getElementById('descent').contentWindow;
    for (const m of ['descent:step', null, 42, {}, { type: 'descent:jump' }, { type: 'step' }, { type: 'descent:scene' },
      { type: 'descent:scene', query: 7 }, { type: 'descent:scene', query: 'lesson=update&lr=-1' }, { type: 'descent:scene', query: 'x'.repeat(5000) }]) w.postMessage(m, '*');
    // Handled in order: once this one has stepped, every message above has been looked at.
    w.postMessage({ type: 'descent:step' }, '*');
  });
  await frame().waitForFunction((n) => window.descent.session().iteration() === n + 1, paused);
  assert.match(frame().url(), /lesson=update&step=2\b/);
  // A scene that leaves out embed= and lang= keeps the page's: it stays embedded, in English.
  await page.evaluate(() => document.getElementById('descent').contentWindow.postMessage({ type: 'descent:scene', query: 'lesson=cost&step=2' }, '*'));
  await frame().waitForFunction(() => /lesson=cost/.test(location.search) && document.documentElement.dataset.ready === 'true');
  assert.match(frame().url(), /embed=1/);
  assert.equal(await frame().evaluate(() => document.getElementById('site-header').offsetParent), null);
  assert.equal(await frame().locator('#step-title').textContent(), lesson('cost').steps[1].title.en);
  await fitted();
  // A new scene, and the iframe follows its height (down as well as up).
  await page.locator('#scene').fill('lesson=e-limit&step=1&embed=1&lang=en');
  await page.getByRole('button', { name: 'Load scene' }).click();
  await frame().waitForFunction(() => /lesson=e-limit/.test(location.search) && document.documentElement.dataset.ready === 'true');
  assert.equal(await frame().locator('#step-title').textContent(), lesson('e-limit').steps[0].title.en);
  const h2 = await fitted();
  assert.ok(h2 < h1, `a shorter step shrinks the iframe: ${h1} → ${h2} px`);
  await page.locator('#scene').fill('lesson=update&step=6&embed=1&lang=en');
  await page.getByRole('button', { name: 'Load scene' }).click();
  await frame().waitForFunction(() => /step=6/.test(location.search) && document.documentElement.dataset.ready === 'true');
  const h3 = await fitted();
  assert.ok(h3 > h2, `a taller step (curve, table, loss) grows it: ${h2} → ${h3} px`);
  await click('Step');
  await frame().waitForFunction(() => window.descent.session().iteration() === 1);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('PNG and CSV export download the canvas and the run', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en');
  const { page } = p;
  for (let i = 0; i < 3; i++) await page.locator('#step').click();
  const save = async (name) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
  };
  const png = await save('Save picture (PNG)');
  assert.equal(png.name, 'descent-update-2.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.bytes.length > 2000, 'a real picture');
  const width = png.bytes.readUInt32BE(16);
  assert.equal(width, await page.locator('.view-curve canvas.bg').evaluate((c) => c.width));
  const csv = await save('Save run (CSV)');
  assert.equal(csv.name, 'descent-update-2.csv');
  const lines = csv.bytes.toString('utf8').trim().split('\n');
  assert.equal(lines[0], 'optimizer,step,w,gradient_w,loss');
  // The run worked out by hand. Lesson 1's six points (x = 0.5 … 3, y = 0.6, 0.7, 1.5, 1.4, 2.1,
  // 2.3) give Σx² = 22.75, Σxy = 18.2, Σy² = 14.76, m = 6: C(w) = (22.75·w² − 36.4·w + 14.76)/12
  // and C'(w) = (22.75·w − 18.2)/6. The step (update/2) starts at w = −0.6 with α = 0.1: the
  // first row is w = −0.6 − 0.1·(−31.85/6) = −0.0691666…, with the slope where it stood.
  const cost = (w) => (22.75 * w * w - 36.4 * w + 14.76) / 12;
  const slope = (w) => (22.75 * w - 18.2) / 6;
  const want = [];
  for (let t = 1, w = -0.6; t <= 3; t++) { const g = slope(w); w -= 0.1 * g; want.push([t, w, g, cost(w)]); }
  assert.ok(Math.abs(want[0][1] - -0.0691666666666667) < 1e-15 && Math.abs(want[0][2] - -5.308333333333333) < 1e-15);
  assert.equal(lines.length, 4, lines.join('\n'));
  lines.slice(1).forEach((line, i) => {
    const [opt, ...nums] = line.split(',');
    assert.equal(opt, 'gd', line);
    const got = nums.map(Number);
    assert.equal(got.length, 4, line);
    got.forEach((x, k) => assert.ok(Math.abs(x - want[i][k]) <= 1e-12 * Math.max(1, Math.abs(want[i][k])), `row ${i + 1}, column ${k + 2}: ${line} vs ${want[i]}`));
  });
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

/** Tabs through the page; returns the focusable elements never reached and those without a visible ring. */
async function tabThrough(page) {
  const total = await page.evaluate(() => {
    const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    const all = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
      .filter((e) => !e.disabled && e.tabIndex >= 0 && (visible(e) || e.classList.contains('skip')));
    all.forEach((e, i) => { e.dataset.kbd = String(i); });
    document.activeElement && document.activeElement.blur();
    window.scrollTo(0, 0);
    return all.length;
  });
  const reached = new Set();
  const noRing = [];
  for (let i = 0; i < total + 3; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || !a.dataset.kbd) return null;
      const s = getComputedStyle(a);
      const lum = (c) => {
        const m = c.match(/[\d.]+/g).map(Number);
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]);
      };
      let bg = 'rgb(255,255,255)';
      for (let e = a.parentElement; e; e = e.parentElement) {
        const c = getComputedStyle(e).backgroundColor;
        if (!/rgba\(.*,\s*0\)|transparent/.test(c)) { bg = c; break; }
      }
      const [x, y] = [lum(s.outlineColor), lum(bg)].sort((p, q) => q - p);
      return { k: a.dataset.kbd, what: `${a.tagName.toLowerCase()}#${a.id}.${a.className} "${(a.textContent || a.getAttribute('aria-label') || '').trim().slice(0, 30)}"`,
        ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, contrast: (x + 0.05) / (y + 0.05) };
    });
    if (!r) continue;
    reached.add(r.k);
    if (!r.ring || r.contrast < 3) noRing.push(`${r.what} (contrast ${r.contrast.toFixed(2)})`);
  }
  const missed = await page.evaluate((seen) => [...document.querySelectorAll('[data-kbd]')]
    .filter((e) => !seen.includes(e.dataset.kbd)).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`), [...reached]);
  return { total, missed, noRing };
}

test('keyboard: Tab reaches every control with a visible focus ring; Space, → and R run the scene', async () => {
  for (const [scheme, scenes] of [['light', ['lesson=update&step=1', 'lesson=playground&step=2', 'lesson=ewa&step=1', '']], ['dark', ['lesson=adam&step=2', '']]]) {
    const p = await openPage(env, 'lang=en', { colorScheme: scheme });
    const { page } = p;
    for (const scene of scenes) {
      await go(page, `${scene}${scene ? '&' : ''}lang=en`);
      await answer(page);
      const r = await tabThrough(page);
      assert.ok(r.total >= 5, `${scene}: ${r.total} focusable elements`);
      assert.deepEqual(r.missed, [], `${scene} (${scheme}): not reached by Tab`);
      assert.deepEqual(r.noRing, [], `${scene} (${scheme}): no visible focus ring`);
    }
    if (scheme === 'light') {
      await go(page, 'lesson=update&step=2&lang=en');
      await page.locator('#step-title').click();
      await page.keyboard.press('ArrowRight');
      assert.equal(await iteration(page), 1);
      await page.keyboard.press(' ');
      await page.waitForFunction(() => window.descent.session().iteration() >= 3);
      await page.keyboard.press(' ');
      await page.waitForFunction(() => !window.descent.stage().playing);
      await page.keyboard.press('r');
      assert.equal(await iteration(page), 0);
    }
    assert.deepEqual(await p.problems(), []);
    await p.close();
  }
});

test('prefers-reduced-motion: Play takes one step instead of running', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en', { reducedMotion: 'reduce' });
  const { page } = p;
  await page.locator('#play').click();
  assert.equal(await iteration(page), 1);
  await frames(page);
  assert.equal(await iteration(page), 1, 'no auto-play');
  assert.equal(await page.evaluate(() => window.descent.stage().playing), false);
  assert.equal(await page.locator('#play').getAttribute('aria-pressed'), 'false');
  await page.locator('#step-title').click();
  await page.keyboard.press(' ');
  await frames(page);
  assert.equal(await iteration(page), 2, 'Space steps once too');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('prefers-reduced-motion: descent:play from an embedding page takes one step', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en&embed=1', { reducedMotion: 'reduce' });
  const { page } = p;
  await page.evaluate(() => window.postMessage({ type: 'descent:play' }, '*'));
  await page.waitForFunction(() => window.descent.session().iteration() === 1);
  assert.equal(await page.evaluate(() => window.descent.stage().playing), false, 'not playing');
  // Thirty animation frames later (a run at 8 steps a second would have taken about four more):
  // still one step.
  await frames(page);
  assert.equal(await iteration(page), 1);
  assert.equal(await page.locator('#play').getAttribute('aria-pressed'), 'false');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('touch: a tap on a canvas sets the start point (contour and curve)', async () => {
  const p = await openPage(env, 'lesson=momentum&step=1&lang=en', { touch: true, width: 390, height: 844 });
  const { page } = p;
  for (const [scene, sel, dims] of [['lesson=momentum&step=1', '.view-contour .canvas-box', 2], ['lesson=local-optima&step=1', '.view-curve .canvas-box', 1]]) {
    await go(page, `${scene}&lang=en`);
    const before = await page.evaluate(() => Array.from(window.descent.session().params()));
    const box = await page.locator(sel).boundingBox();
    await page.locator(sel).scrollIntoViewIfNeeded();
    const b = await page.locator(sel).boundingBox();
    await page.touchscreen.tap(b.x + b.width * 0.6, b.y + b.height * 0.35);
    await page.waitForFunction(() => new URLSearchParams(location.search).has('start'));
    const start = (await param(page, 'start')).split(',').map(Number);
    const now = await page.evaluate(() => Array.from(window.descent.session().params()));
    assert.equal(start.length, dims, scene);
    assert.notDeepEqual(now, before, `${scene}: the tap moved the start`);
    start.forEach((x, i) => assert.ok(Math.abs(now[i] - x) < 1e-3, `${scene}: start ${start} vs params ${now}`));
    assert.ok(box.width > 0);
  }
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('no horizontal scrolling at 390 px on any lesson step, in either language', async () => {
  const p = await openPage(env, 'lang=en', { width: 390, height: 844 });
  const { page } = p;
  for (const lang of ['en', 'ko']) {
    await go(page, `lang=${lang}`);
    assert.ok(await overflowX(page) <= 0, `home (${lang})`);
    for (const [id, step] of allSteps()) {
      await go(page, `lesson=${id}&step=${step}&lang=${lang}`);
      await answer(page);
      assert.ok(await overflowX(page) <= 0, `${id} step ${step} (${lang}) scrolls sideways at 390 px`);
    }
  }
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('dark theme: dark page and canvases, light text; switching the scheme redraws', async () => {
  const p = await openPage(env, 'lesson=momentum&step=1&lang=en', { colorScheme: 'dark' });
  const { page } = p;
  const lum = (rgb) => { const [r, g, b] = rgb.match(/\d+/g).map(Number); return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };
  const look = () => page.evaluate(() => {
    const c = document.querySelector('.view-contour canvas.bg');
    const d = c.getContext('2d').getImageData(2, 2, 1, 1).data;
    return { page: getComputedStyle(document.body.parentElement).backgroundColor, text: getComputedStyle(document.querySelector('#step-title')).color,
      panel: getComputedStyle(document.querySelector('.controls')).backgroundColor, canvas: `rgb(${d[0]},${d[1]},${d[2]})` };
  });
  const dark = await look();
  assert.ok(lum(dark.page) < 0.15 && lum(dark.panel) < 0.15, JSON.stringify(dark));
  assert.ok(lum(dark.text) > 0.8, JSON.stringify(dark));
  assert.ok(lum(dark.canvas) < 0.2, `canvas background ${dark.canvas}`);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => {
    const d = document.querySelector('.view-contour canvas.bg').getContext('2d').getImageData(2, 2, 1, 1).data;
    return d[0] > 200 && d[1] > 200;
  });
  const light = await look();
  assert.ok(lum(light.page) > 0.9 && lum(light.text) < 0.2, JSON.stringify(light));
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('the narration live region tells each step in the page language', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=en');
  const { page } = p;
  const n = page.locator('#narration');
  assert.equal(await n.getAttribute('aria-live'), 'polite');
  // The numbers narrated are the session's: w and the slope to 3 decimals, the cost to 4.
  const told = async () => page.evaluate(() => {
    const s = window.descent.session();
    const f = (x, d) => x.toFixed(d).replace('-', '−');
    const g = s.gradient()[0];
    return { text: document.getElementById('narration').textContent, w: f(s.params()[0], 3), slope: `${g >= 0 ? '+' : ''}${f(g, 3)}`, cost: f(s.loss(), 4), t: s.iteration() };
  });
  await page.locator('#step').click();
  let r = await told();
  assert.equal(r.t, 1);
  assert.equal(r.text, `step 1: w = ${r.w}, slope ${r.slope}, cost ${r.cost}`);
  assert.equal(r.w, '−0.069', 'w after the first step, by hand: −0.6 − 0.1·(−31.85/6)');
  await go(page, 'lesson=update&step=2&lang=ko');
  await page.locator('#step').click();
  await page.locator('#step').click();
  r = await told();
  assert.equal(r.text, `2번째 걸음: w = ${r.w}, 기울기 ${r.slope}, 비용 ${r.cost}`);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('the single-file build works opened from disk: lessons, steps, the playground and its formulas', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'descent-single-'));
  const { out, bytes } = buildSingle(DIST, path.join(dir, 'descent.html'));
  assert.ok(bytes < 3e6, `${bytes} bytes`);
  const html = fs.readFileSync(out, 'utf8');
  assert.ok(!/<(script|link)[^>]+(src|href)="(?!data:)[^"]+"/.test(html), 'nothing loaded from another file');
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) problems.push(`request: ${r.url()}`); });
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url().slice(0, 80)}`));
  const url = pathToFileURL(out).href;
  await page.goto(`${url}?lang=ko`);
  await ready(page);
  assert.equal(await page.locator('ol.course > li').count(), 14);
  assert.equal(await page.locator('ol.course > li .sum').first().textContent(), INDEX[0].summary.ko);
  // A lesson step from a link, then its page links.
  await page.goto(`${url}?lesson=update&step=2&lang=en`);
  await ready(page);
  assert.equal(await page.locator('#step-title').textContent(), lesson('update').steps[1].title.en);
  await page.locator('#step').click();
  assert.equal(await iteration(page), 1);
  await page.locator('a[rel=next]').click();
  await ready(page);
  assert.match(page.url(), /step=3/);
  await page.locator('#ctl-lr').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => new URLSearchParams(location.search).has('lr'));
  // The playground, with a typed formula (the full module).
  await page.goto(`${url}?lesson=playground&step=2&lang=en`);
  await ready(page);
  await page.locator('#ctl-f').fill('(w-1)^2 + (b+2)^2');
  await page.locator('#ctl-f').press('Enter');
  await page.waitForFunction(() => /surface=formula/.test(window.descent.session().toQuery()));
  await page.locator('#step').click();
  assert.equal(await iteration(page), 1);
  assert.equal(await page.evaluate(() => window.DESCENT_INLINE), true);
  assert.deepEqual(problems, []);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
