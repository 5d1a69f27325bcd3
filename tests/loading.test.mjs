// Text first (issue 22): a step's text is on screen before its wasm module is ready, and the
// whole step then shows the same text in the same place. The test holds every .wasm response
// back until the text is seen, so "before" is a fact of the page, not a timing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, watch, ready, lesson } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

for (const [query, id, step, lang] of [['lesson=momentum&step=2&lang=ko', 'momentum', 2, 'ko'], ['lesson=local-optima&step=3&lang=en', 'local-optima', 3, 'en'], ['lesson=playground', 'playground', 1, 'en']]) {
  test(`${query}: the step's text is shown while its wasm module is still held back`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const page = await context.newPage();
    const watched = await watch(page);
    let release;
    const held = new Promise((r) => { release = r; });
    let asked;
    const wasm = new Promise((r) => { asked = r; });
    await page.route('**/*.wasm', async (route) => { asked(); await held; await route.continue(); });
    await page.goto(`${env.base}?${query}`);
    const want = lesson(id).steps[step - 1].title[lang];
    await page.waitForFunction((t) => { const h = document.getElementById('step-title'); return h && h.textContent === t; }, want, { timeout: 15000 });
    await wasm; // the module is asked for once the text is painted (and is held back)
    assert.notEqual(await page.evaluate(() => document.documentElement.dataset.ready), 'true');
    const box = await page.locator('#step-title').boundingBox();
    const body = await page.locator('.lesson-text .body').textContent();
    assert.ok(body.trim().length > 20, 'the body is there too');
    release();
    await ready(page);
    // The whole step: the same text, where it was (no layout shift of the text).
    assert.equal(await page.locator('#step-title').textContent(), want);
    assert.deepEqual(await page.locator('#step-title').boundingBox(), box);
    assert.equal(await page.locator('.lesson-text .body').textContent(), body);
    assert.ok(await page.evaluate(() => window.descent.stage().views.length > 0));
    assert.deepEqual(await watched.problems(), []);
    await context.close();
  });
}

// The module waits for the text: it is asked for only after the browser reports the step's text
// painted (its largest-contentful-paint entry), so on a slow line the words do not share it; and
// a step with formulas shows them in their own font from the first paint, so nothing moves when
// the font comes (no layout shift at all while the step loads).
for (const query of ['lesson=update&step=1', 'lesson=adam&step=3&lang=ko', 'lesson=local-optima&step=4']) {
  test(`${query}: the wasm module is asked for after the step's text is painted, and nothing shifts`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const page = await context.newPage();
    const watched = await watch(page);
    await page.addInitScript(() => {
      window.__load = { paints: [], shifts: [] };
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__load.paints.push({ t: e.startTime, text: !!(e.element && e.element.closest('.lesson-text')) }); }).observe({ type: 'largest-contentful-paint', buffered: true });
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__load.shifts.push({ value: e.value, at: Math.round(e.startTime), what: e.sources.map((s) => s.node ? `${s.node.nodeName}.${s.node.className || ''} ${(s.node.textContent || '').slice(0, 30)} ${JSON.stringify(s.previousRect)}→${JSON.stringify(s.currentRect)}` : '?').join('; ') }); }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${env.base}?${query}`);
    await ready(page);
    await page.waitForTimeout(300);
    const got = await page.evaluate(() => ({ ...window.__load, wasm: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).map((r) => r.startTime) }));
    const text = got.paints.find((p) => p.text);
    assert.ok(text, `the step's text was the page's largest paint: ${JSON.stringify(got.paints)}`);
    assert.equal(got.wasm.length, 1, 'one module');
    assert.ok(got.wasm[0] >= text.t, `the module asked for at ${got.wasm[0].toFixed(0)} ms, the text painted at ${text.t.toFixed(0)} ms`);
    assert.deepEqual(got.shifts, [], 'no layout shift while the step loads');
    if (query.startsWith('lesson=update')) assert.ok(await page.evaluate(() => document.fonts.check('1em "Descent Math"')), 'the formulas\' font is in');
    assert.deepEqual(await watched.problems(), []);
    await context.close();
  });
}
