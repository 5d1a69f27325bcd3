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
    let wasm = 0;
    await page.route('**/*.wasm', async (route) => { wasm++; await held; await route.continue(); });
    await page.goto(`${env.base}?${query}`);
    const want = lesson(id).steps[step - 1].title[lang];
    await page.waitForFunction((t) => { const h = document.getElementById('step-title'); return h && h.textContent === t; }, want, { timeout: 15000 });
    assert.ok(wasm >= 1, 'the module was asked for (and is held back)');
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
