// Offline use, updates and installing (issue 22): the service worker (web/sw.js, written into
// dist/sw.js with the build's version and files by scripts/offline.mjs) and web/offline.js, which
// registers it. After one visit the course works with the network off; a new build is announced
// and, after the reload, is all the page uses; the single-file build and a SCORM package
// register no worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { start, watch, ready, audit, lessonIds, lesson, pageStrings, DIST, LANGS } from './harness.mjs';
import { makeOffline } from '../scripts/offline.mjs';
import { buildSingle } from '../scripts/build-single.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'descent-offline-'));

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

/** A new context and page on `base` + `query`, watched, ready; waits until a worker keeps this version. */
async function visit(browser, base, query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const watched = await watch(page);
  await page.goto(base + query);
  await ready(page);
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30000 });
  return { context, page, watched };
}

/** The caches the page's origin holds. */
const cacheNames = (page) => page.evaluate(() => caches.keys());
/** What the worker serving the page says its version is. */
const workerVersion = (page) => page.evaluate(() => new Promise((done) => {
  navigator.serviceWorker.addEventListener('message', (e) => done(e.data.version), { once: true });
  navigator.serviceWorker.controller.postMessage('version');
}));
/** The version and file list the build wrote into `dir`/sw.js. */
const built = (dir) => JSON.parse(/(\{"version":.*?\}\})/.exec(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'))[1]);

test('the site has a web app manifest with icons, and a strict policy still', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  assert.ok(sizes.includes('192x192 any') && sizes.includes('512x512 any') && sizes.includes('512x512 maskable'), sizes.join(', '));
  for (const i of manifest.icons) {
    const png = fs.readFileSync(path.join(DIST, i.src));
    assert.equal(png.toString('latin1', 1, 4), 'PNG', i.src);
    assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, i.sizes, i.src);
  }
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  assert.match(html, /<link rel="manifest" href="manifest\.webmanifest">/);
  // The worker's file list: every lesson in every language, every module, not the package code.
  const { files } = built(DIST);
  for (const id of ['index', ...lessonIds()]) for (const l of LANGS) assert.ok(`lessons/${id}.${l}.json` in files, `${id}.${l}`);
  for (const f of ['index.html', 'app.js', 'math.woff2', 'descent-3d.js', 'descent-3d_bg.wasm', 'descent-full.js', 'descent-full_bg.wasm']) assert.ok(f in files, f);
  assert.ok(Object.keys(files).some((f) => /^descent-wasm-[0-9a-f]+_bg\.wasm$/.test(f)));
  assert.ok(!Object.keys(files).some((f) => /package\.js|scorm|preview\.png|\.gz$/.test(f)), Object.keys(files).join(' '));
  // The course editor's files are kept once used, not fetched by every visit's worker.
  const { later } = built(DIST);
  for (const f of ['teacher.js', 'descent-author.js', 'descent-author_bg.wasm', 'lessons/teacher.en.json', 'lessons/teacher.ko.json']) {
    assert.ok(f in later && !(f in files), f);
  }
  // The page installs from the site with its policy unchanged (the harness fails on any violation).
  const { context, page, watched } = await visit(env.browser, env.base, '?lesson=update&lang=en');
  const m = await page.evaluate(async () => (await fetch('manifest.webmanifest')).headers.get('content-type'));
  assert.match(m, /^application\/manifest\+json/);
  assert.deepEqual(await watched.problems(), []);
  await context.close();
});

test('after one visit, every lesson\'s first step and the course page work offline, in both languages', async () => {
  const { context, page, watched } = await visit(env.browser, env.base, '?lesson=update&lang=en');
  // The first visit's page itself is served by the worker once it has the course (same version):
  // the network gone mid-visit, the learner goes on, to a step with another module too.
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15000 });
  await context.setOffline(true);
  for (const [link, id, step] of [['a[rel="next"]', 'update', 2], ['a[data-nav="playground"]', 'playground', 1]]) {
    await page.locator(link).first().click();
    await page.waitForFunction((t) => document.getElementById('step-title')?.textContent === t, lesson(id).steps[step - 1].title.en);
    await ready(page);
  }
  for (const lang of LANGS) {
    await page.goto(`${env.base}?lang=${lang}`);
    await ready(page);
    assert.equal(await page.locator('ol.course > li').count(), lessonIds().length, `course page, ${lang}`);
    for (const id of lessonIds()) {
      await page.goto(`${env.base}?lesson=${id}&lang=${lang}`);
      await ready(page);
      const step = lesson(id).steps[0];
      assert.equal(await page.locator('#step-title').textContent(), step.title[lang] || step.title.en, `${id}, ${lang}`);
      assert.ok(await page.evaluate(() => window.descent.stage().views.length > 0), `${id}, ${lang}: a scene`);
    }
  }
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  assert.deepEqual(await watched.problems(), []);
  await context.close();
});

test('a learner\'s worker downloads none of the editor; a teacher who opened it once has it offline', async () => {
  const { context, page, watched } = await visit(env.browser, env.base, '?lesson=update&lang=en');
  const asked = [];
  context.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15000 });
  const kept = () => page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)))).flat());
  assert.ok(!(await kept()).some((f) => /teacher|author/.test(f)), 'no editor file kept by a learner\'s visit');
  assert.ok(!asked.some((f) => /teacher|author/.test(f)), asked.join(' '));
  // The teacher opens the editor once, online: its files are kept, and it opens offline.
  await page.goto(`${env.base}?edit&lang=en`);
  await ready(page);
  await page.locator('#add-blank').waitFor();
  // The compiler has run (its module whole, not still streaming in when the page goes away).
  await page.locator('#course-problems li').first().waitFor({ timeout: 15000 });
  await page.waitForFunction(async () => {
    const names = (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => r.url)))).flat();
    return ['teacher.js', 'descent-author_bg.wasm'].every((f) => names.some((n) => n.endsWith(`/${f}`)));
  }, null, { timeout: 15000 });
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await page.locator('#add-blank').waitFor();
  await page.click('#add-blank');
  await page.waitForFunction(() => document.querySelectorAll('.editor-step').length >= 1);
  assert.deepEqual(await watched.problems(), []);
  await context.close();
});

test('a new build is announced while the old one serves the page; after the reload only the new one is used', async () => {
  const site = path.join(tmp, 'site');
  fs.cpSync(DIST, site, { recursive: true, preserveTimestamps: true });
  const A = built(site).version;
  const host = await start({ root: site });
  try {
    const { context, page, watched } = await visit(host.browser, host.base, '?lesson=update&lang=en');
    await page.reload();
    await ready(page);
    assert.equal(await workerVersion(page), A);
    assert.deepEqual(await cacheNames(page), [`descent-${A}`]);
    const title = lesson('update').steps[0].title.en;

    // Build B: another first step title and page, the offline step run again (a new version).
    const file = path.join(site, 'lessons', 'update.en.json');
    const text = JSON.parse(fs.readFileSync(file, 'utf8'));
    text.steps[0].title.en = `${title} (B)`;
    fs.writeFileSync(file, JSON.stringify(text));
    const html = path.join(site, 'index.html');
    fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replace('</head>', '<meta name="descent-build" content="B">\n</head>'));
    const B = makeOffline(site).version;
    assert.equal(built(site).version, B);
    assert.notEqual(B, A);

    // The next visit is still A's, whole, from A's cache; B downloads beside it and is announced,
    // taking what did not change (the wasm modules) from A's cache, not the network.
    const fetched = [];
    context.on('request', (r) => { if (r.serviceWorker()) fetched.push(new URL(r.url()).pathname); });
    await page.reload();
    await ready(page);
    assert.equal(await page.locator('#step-title').textContent(), title);
    const note = page.locator('#update-note');
    await note.waitFor({ timeout: 30000 });
    assert.equal(await note.locator('p').textContent(), pageStrings('en').updateReady);
    assert.deepEqual(await audit(page, 'the update note'), []);
    assert.equal(await page.locator('meta[name="descent-build"]').count(), 0);
    assert.equal(await workerVersion(page), A);
    assert.ok(fetched.includes('/lessons/update.en.json') && fetched.includes('/index.html'), fetched.join(' '));
    assert.ok(!fetched.some((f) => /\.wasm$|\/app\.js$|lessons\/adam/.test(f)), fetched.join(' '));

    // The button: B takes over, A's cache goes, the page reloads into B.
    await Promise.all([page.waitForEvent('load'), page.locator('#update-reload').click()]);
    await ready(page);
    assert.equal(await page.locator('#step-title').textContent(), `${title} (B)`);
    assert.equal(await page.locator('meta[name="descent-build"]').count(), 1);
    assert.equal(await workerVersion(page), B);
    assert.deepEqual(await cacheNames(page), [`descent-${B}`]);
    // Every file in the cache is B's (the worker checked each against B's list as it cached it).
    const cached = await page.evaluate(async (v) => (await (await caches.open(`descent-${v}`)).keys()).length, B);
    assert.equal(cached, Object.keys(built(site).files).length);
    assert.equal(await page.locator('#update-note').count(), 0);
    assert.deepEqual(await watched.problems(), []);
    await context.close();
  } finally {
    await host.close();
  }
});

test('the single-file build and a SCORM package register no worker and name no manifest', async () => {
  // The single file as a learner opens it (from disk), made from the finished build.
  const { out } = buildSingle(DIST, path.join(tmp, 'descent.html'));
  // A one-lesson package, unpacked and served as a platform serves it.
  const pkg = path.join(tmp, 'pkg');
  for (const [f, bytes] of Object.entries(unzipSync(new Uint8Array(fs.readFileSync(path.join(here, '..', 'dist-scorm', 'update.zip')))))) {
    fs.mkdirSync(path.dirname(path.join(pkg, f)), { recursive: true });
    fs.writeFileSync(path.join(pkg, f), bytes);
  }
  assert.ok(!fs.existsSync(path.join(pkg, 'sw.js')) && !fs.existsSync(path.join(pkg, 'manifest.webmanifest')), 'no worker or manifest in the package');
  const host = await start({ root: pkg });
  try {
    for (const url of [`${pathToFileURL(out).href}?lesson=update`, `${host.base}index.html`]) {
      const context = await host.browser.newContext();
      const page = await context.newPage();
      const asked = [];
      page.on('request', (r) => asked.push(new URL(r.url()).pathname));
      await page.goto(url);
      await ready(page);
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'none', null, { timeout: 15000 });
      assert.equal(await page.locator('link[rel="manifest"]').count(), 0, url);
      if (url.startsWith('http')) assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0, url);
      assert.ok(!asked.some((p) => /sw\.js|manifest|icon-/.test(p)), asked.join(' '));
      await context.close();
    }
  } finally {
    await host.close();
  }
});
