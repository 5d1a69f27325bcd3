// The scene table as the page gets it (crates/core/src/scene.rs: KEYS, through sceneTable()):
// every label it names exists in both languages' strings, and the playground builds its
// pickers from its lists, with translated names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, pageStrings } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const STRINGS = { en: pageStrings('en'), ko: pageStrings('ko') };
const lookup = (S, id) => id.split('.').reduce((o, k) => (o == null ? o : o[k]), S);

test('every label id in the scene table names a string in English and Korean', async () => {
  const p = await openPage(env, 'lesson=update&step=1&lang=en');
  const table = JSON.parse(await p.page.evaluate(() => window.wasmBindings.sceneTable()));
  const ids = [
    ...table.keys.flatMap((k) => k.controls.map((c) => c.label)),
    ...Object.values(table.lists).flatMap((items) => items.map((i) => i.label)),
  ];
  assert.ok(ids.length > 40, `${ids.length} label ids`);
  for (const lang of ['en', 'ko']) {
    for (const id of ids) assert.equal(typeof lookup(STRINGS[lang], id), 'string', `${lang}: ${id}`);
  }
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('the playground lists the surfaces and optimizers of the table, by their translated names', async () => {
  const p = await openPage(env, 'lesson=playground&step=2&lang=ko');
  const { page } = p;
  const table = JSON.parse(await page.evaluate(() => window.wasmBindings.sceneTable()));
  const options = await page.$$eval('#ctl-surface option', (os) => os.map((o) => [o.value, o.textContent]));
  const offered = table.lists.surfaces.filter((s) => s.offer.length);
  assert.deepEqual(options.map(([v]) => v), offered.map((s) => s.key));
  assert.deepEqual(options.find(([v]) => v === 'bowl'), ['bowl', STRINGS.ko.surfaceName.bowl]);
  const opts = await page.$$eval('.control.opts input[id^=opt-]', (cs) => cs.map((c) => c.value));
  assert.deepEqual(opts, table.lists.optimizers.map((o) => o.key));
  assert.equal(await page.locator('label[for=opt-momentum]').textContent(), STRINGS.ko.optName.momentum);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});
