// SCORM 1.2 packages (issue 17), played in headless Chromium with scorm-again as the learning
// platform: a host page (tests/lms/host.html) offers window.API and launches the package two
// frames deep, or in a popup. The packages are dist-scorm/*.zip as scripts/build.sh wrote them,
// unpacked and served as a platform serves them; the manifests are validated with xmllint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { unzipSync } from 'fflate';
import { start, watch, ready, frames, lessonIds, lesson, DIST, shot } from './harness.mjs';
import { SCHEMAS } from '../web/scorm.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCORM = path.join(here, '..', 'dist-scorm');
const LMS = path.join(here, 'lms');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'descent-scorm-'));
const SUSPEND = /^D1\|/;
const TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;

/** Each package unpacked as the platform would: root/pkg/<name>/. */
const packages = {};
function unpack(name) {
  const files = unzipSync(new Uint8Array(fs.readFileSync(path.join(SCORM, `${name}.zip`))));
  const dir = path.join(root, 'pkg', name);
  for (const [f, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), bytes);
  }
  packages[name] = { dir, files: Object.keys(files) };
  return packages[name];
}

let env;
before(async () => {
  const js = 'text/javascript; charset=utf-8';
  const extra = {
    '/lms/host.html': ['text/html; charset=utf-8', fs.readFileSync(path.join(LMS, 'host.html'))],
    '/lms/frame.html': ['text/html; charset=utf-8', fs.readFileSync(path.join(LMS, 'frame.html'))],
    '/lms/host.js': [js, fs.readFileSync(path.join(LMS, 'host.js'))],
    '/lms/frame.js': [js, fs.readFileSync(path.join(LMS, 'frame.js'))],
    '/lms/scorm12.js': [js, fs.readFileSync(path.join(here, '..', 'node_modules', 'scorm-again', 'dist', 'scorm12.js'))],
  };
  for (const name of ['descent', ...lessonIds()]) unpack(name);
  env = await start({ root, extra });
});
after(async () => { await env.close(); fs.rmSync(root, { recursive: true, force: true }); });

/**
 * `url` (on the test server) in a browser context of its own, recording its problems. Options:
 * width, colorScheme, `attempt` (a stored attempt the host's LMS resumes), `setup(page)` (before
 * the page loads).
 */
async function open(url, { attempt = null, width = 1280, colorScheme = 'light', setup = null } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height: 1000 }, locale: 'en-US', colorScheme });
  if (attempt) await context.addInitScript((a) => { window.__attempt = a; }, attempt);
  const page = await context.newPage();
  const watched = await watch(page);
  if (setup) await setup(page);
  await page.goto(env.base + url);
  return { page, context, problems: watched.problems, close: () => context.close() };
}
/** The test platform (tests/lms/host.html) with `query`. */
const host = (query, opts) => open(`lms/host.html?${query}`, opts);

/** Another address in the same page, as the page's own links go (no reload), once its scene is shown. */
async function go(frame, query) {
  await frame.evaluate((q) => { history.pushState(null, '', `?${q}`); dispatchEvent(new PopStateEvent('popstate')); }, query);
  await ready(frame);
}

/** The package's launch page inside `page` (its frame), once its first scene is shown. */
async function sco(page) {
  const isSco = (f) => /\/pkg\/[^/]+\/index\.html/.test(f.url());
  const frame = page.frames().find(isSco) || await page.waitForEvent('framenavigated', { predicate: isSco });
  await ready(frame);
  return frame;
}

const calls = (page) => page.evaluate(() => window.calls);
const lmsValue = (page, key) => page.evaluate((k) => k.split('.').slice(1).reduce((o, p) => o[p], window.API.cmi), key);
const stepOf = (frame) => frame.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
/** The values set for `key`, in order. */
const sets = (log, key) => log.filter((c) => c[0] === 'LMSSetValue' && c[1] === key).map((c) => c[2]);

/** Follows the step's Next link and waits for the next step's scene. */
async function next(frame) {
  await frame.locator('a[rel=next]').click();
  await ready(frame);
}

/** Answers the step's checkpoint with choice `i`. */
async function choose(frame, i) {
  await frame.locator(`.checkpoint button.choice[data-choice="${i}"]`).click();
  await frame.locator('.checkpoint .explain').waitFor({ state: 'visible' });
}

/** Closes the package as a platform does when the learner leaves the activity (its player frame unloaded). */
async function leave(page) {
  await page.evaluate(() => { document.getElementById('outer').src = 'about:blank'; });
  await page.waitForFunction(() => window.calls.some((c) => c[0] === 'LMSFinish'));
  await frames(page, 10); // anything more would arrive now
}

test('a one-lesson package in a platform: every step seen and every question answered → completed, the score of the first tries, LMSCommit and LMSFinish once', async () => {
  const id = 'update';
  const { steps } = lesson(id);
  const h = await host(`pkg=${id}`);
  const frame = await sco(h.page);
  // Opened: the session is under way, the page shows the lesson's first step and nothing of the site.
  assert.deepEqual((await calls(h.page)).filter((c) => c[0] === 'LMSInitialize').length, 1);
  assert.equal(await lmsValue(h.page, 'cmi.core.lesson_status'), 'incomplete');
  assert.deepEqual(await stepOf(frame), { lesson: id });
  assert.equal(await frame.locator('.site-nav, a.brand, a[data-nav]').count(), 0, 'no course map or site links in a one-lesson package');
  assert.equal(await frame.locator('.share button').count(), 2, 'PNG and CSV only: no link or embed code out of the platform');
  assert.equal(await frame.locator('#lms-note').count(), 0, 'no note while the platform records');

  // The learner answers right, then wrong (alternating), and sees every step.
  const expected = { right: 0, total: 0 };
  for (let k = 1; k <= steps.length; k++) {
    const check = steps[k - 1].check;
    if (check) {
      const right = expected.total % 2 === 0;
      await choose(frame, right ? check.answer : (check.answer + 1) % check.choices.length);
      expected.total++;
      if (right) expected.right++;
    }
    if (k < steps.length) {
      assert.equal(await frame.locator('.activity').count(), 0, `step ${k}: no activity note before the end`);
      await next(frame);
    }
  }
  assert.equal(await frame.locator('a[rel=next]').count(), 0, 'the last step has no link to another lesson');
  const note = await frame.locator('.activity').innerText();
  assert.match(note, /You have finished this activity\. Your course site has recorded it\./);
  assert.match(note, new RegExp(`right on the first try: ${expected.right} of ${expected.total}\\.`));
  assert.equal(await lmsValue(h.page, 'cmi.core.lesson_status'), 'completed');
  const raw = String(Math.round((100 * expected.right) / expected.total));
  assert.equal(await lmsValue(h.page, 'cmi.core.score.raw'), raw);
  assert.equal(await lmsValue(h.page, 'cmi.core.score.min'), '0');
  assert.equal(await lmsValue(h.page, 'cmi.core.score.max'), '100');
  const suspend = await lmsValue(h.page, 'cmi.suspend_data');
  assert.match(suspend, SUSPEND);
  assert.ok(suspend.length <= 4096);
  assert.equal(await lmsValue(h.page, 'cmi.core.lesson_location'), `${id}.${steps.length}`);
  await shot(h.page, 'scorm-lesson-complete');

  // A second answer to a checkpoint already answered changes nothing: back to its step, it shows the first answer.
  const first = steps.findIndex((s) => s.check) + 1;
  await go(frame, `lesson=update&step=${first}`);
  assert.equal(await frame.locator('.checkpoint button.choice:disabled').count(), steps[first - 1].check.choices.length);
  assert.equal(await frame.locator('.checkpoint button.right').count(), 1);

  // Leaving: exit, session time, one commit, one finish; nothing after.
  const before = (await calls(h.page)).length;
  await leave(h.page);
  const log = await calls(h.page);
  const tail = log.slice(before);
  assert.equal(log.filter((c) => c[0] === 'LMSFinish').length, 1, 'LMSFinish once');
  assert.deepEqual(tail.map((c) => c[0] === 'LMSSetValue' ? c[1] : c[0]), ['cmi.core.exit', 'cmi.core.session_time', 'LMSCommit', 'LMSFinish']);
  assert.deepEqual(sets(log, 'cmi.core.exit'), ['suspend']);
  assert.match(sets(log, 'cmi.core.session_time')[0], TIMESPAN);
  // The status went incomplete → completed once, and was committed when it did.
  assert.deepEqual(sets(log, 'cmi.core.lesson_status'), ['incomplete', 'completed']);
  const done = log.findIndex((c) => c[1] === 'cmi.core.lesson_status' && c[2] === 'completed');
  assert.equal(log[done + 1][0], 'LMSCommit');
  assert.deepEqual(await h.problems(), []);
  await h.close();

  // Relaunched with the stored attempt: the last step, completed kept, the answers shown as given.
  const again = await host(`pkg=${id}`, { attempt: { suspend_data: suspend, core: { lesson_status: 'completed', lesson_location: `${id}.${steps.length}`, entry: 'resume', score: { raw } } } });
  const f2 = await sco(again.page);
  assert.deepEqual(await stepOf(f2), { lesson: id, step: String(steps.length), lang: 'en' });
  assert.match(await f2.locator('.activity').innerText(), /You have finished this activity/);
  assert.equal(await lmsValue(again.page, 'cmi.core.lesson_status'), 'completed');
  assert.deepEqual(sets(await calls(again.page), 'cmi.core.lesson_status'), [], 'a completed attempt is not set back to incomplete');
  assert.deepEqual(await again.problems(), []);
  await again.close();
});

test('the course package: the course map inside the platform, and a relaunch resumes at the last step seen, in its language, with the answers given', async () => {
  const h = await host('pkg=descent');
  let frame = await sco(h.page);
  // First launch: the course map (no reset: the platform keeps the attempt), the site's own links stay inside.
  assert.equal(await frame.locator('ol.course > li').count(), lessonIds().length);
  assert.equal(await frame.getByRole('button', { name: 'Reset progress' }).count(), 0);
  assert.equal(await frame.locator('a[data-nav=playground]').count(), 1);
  await shot(h.page, 'scorm-course-map');
  // Lesson "update" in Korean: step 1 answered (right), then on to step 3.
  await go(frame, 'lesson=update&step=1&lang=ko');
  const check = lesson('update').steps[0].check;
  await choose(frame, check.answer);
  await next(frame);
  await next(frame);
  assert.deepEqual(await stepOf(frame), { lesson: 'update', step: '3', lang: 'ko' });
  await leave(h.page);
  const log = await calls(h.page);
  const suspend = await lmsValue(h.page, 'cmi.suspend_data');
  assert.equal(suspend, `D1|ko|update.3|update:${check.answer}++---`);
  const total = lessonIds().reduce((n, id) => n + lesson(id).steps.filter((s) => s.check).length, 0);
  assert.equal(await lmsValue(h.page, 'cmi.core.score.raw'), String(Math.round(100 / total)));
  assert.equal(await lmsValue(h.page, 'cmi.core.lesson_status'), 'incomplete');
  assert.equal(log.filter((c) => c[0] === 'LMSFinish').length, 1);
  await h.close();

  const again = await host('pkg=descent', { attempt: { suspend_data: suspend, core: { lesson_status: 'incomplete', lesson_location: 'update.3', entry: 'resume' } } });
  frame = await sco(again.page);
  assert.deepEqual(await stepOf(frame), { lesson: 'update', step: '3', lang: 'ko' });
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'ko');
  // Step 1's checkpoint shows the answer given, and its run buttons are unlocked.
  await frame.locator('a[rel=prev]').click();
  await ready(frame);
  await frame.locator('a[rel=prev]').click();
  await ready(frame);
  assert.equal(await frame.locator(`.checkpoint button.right[data-choice="${check.answer}"]`).count(), 1);
  assert.equal(await frame.locator('#play').isDisabled(), false);
  // The course map shows where to continue.
  await go(frame, 'lang=ko');
  assert.match(await frame.locator('.home-actions a.primary').getAttribute('href'), /lesson=cost&step=1\b/);
  assert.deepEqual(await again.problems(), []);
  await again.close();
});

test('a popup launch finds the API through the opener', async () => {
  const h = await host('pkg=cost&launch=popup');
  const [popup] = await Promise.all([h.page.waitForEvent('popup'), h.page.click('#open')]);
  await ready(popup);
  assert.equal((await calls(h.page)).filter((c) => c[0] === 'LMSInitialize').length, 1);
  assert.equal(await lmsValue(h.page, 'cmi.core.lesson_status'), 'incomplete');
  assert.equal(await popup.locator('#lms-note').count(), 0);
  await next(popup);
  await popup.goto('about:blank');
  await h.page.waitForFunction(() => window.calls.some((c) => c[0] === 'LMSFinish'));
  assert.equal(await lmsValue(h.page, 'cmi.suspend_data'), 'D1|en|cost.2|cost:++---');
  assert.deepEqual(await h.problems(), []);
  await h.close();
});

for (const [api, words] of [
  ['none', /Not opened from a course site/],
  ['fail-init', /not recording your progress right now/],
  ['fail-set', /not recording your progress right now/],
  ['throw', /not recording your progress right now/],
]) {
  test(`a platform that fails (${api}) leaves the lesson working, says so once, quietly, and keeps progress in the browser`, async () => {
    const h = await host(`pkg=momentum&api=${api}`);
    const frame = await sco(h.page);
    const note = frame.locator('#lms-note');
    assert.equal(await note.count(), 1);
    assert.match(await note.textContent(), words);
    assert.equal(await note.getAttribute('role'), 'status');
    // The lesson works: a question answered, the run played, steps followed; the note is still the one note.
    const steps = lesson('momentum').steps;
    await next(frame);
    await choose(frame, steps[1].check.answer);
    await frame.locator('#step').click();
    await frame.waitForFunction(() => window.descent.session().iteration() === 1);
    await next(frame);
    assert.equal(await frame.locator('#lms-note').count(), 1);
    assert.equal(await frame.locator('.message.error:not([hidden])').count(), 0);
    // Kept in the browser: a reload (the platform's frame reloaded) comes back to step 3 with the answer.
    const key = 'descent.package.v1.descent-momentum';
    assert.equal(await frame.evaluate((k) => localStorage.getItem(k), key), 'D1|en|momentum.3|momentum:+' + steps[1].check.answer + '+----');
    await frame.goto(frame.url().split('?')[0]);
    await ready(frame);
    assert.deepEqual(await stepOf(frame), { lesson: 'momentum', step: '3', lang: 'en' });
    assert.equal(await frame.locator('.checkpoint').count(), 0);
    assert.equal(await frame.locator('#lms-note').count(), 1);
    if (api === 'throw') await shot(h.page, 'scorm-lms-failed');
    assert.deepEqual(await h.problems(), []);
    await h.close();
  });
}

test('a platform that serves .wasm and .js with generic types (application/octet-stream, application/x-javascript) still plays the package', async () => {
  const warnings = [];
  const h = await host('pkg=adam', {
    setup: async (page) => {
      page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
      await page.route(/\/pkg\/.*\.(wasm|js)$/, async (route) => {
        const response = await route.fetch();
        const type = route.request().url().endsWith('.wasm') ? 'application/octet-stream' : 'application/x-javascript';
        await route.fulfill({ response, headers: { ...response.headers(), 'content-type': type } });
      });
    },
  });
  const frame = await sco(h.page);
  assert.equal(await frame.locator('#lms-note').count(), 0);
  // Step 5 shows the 3-D view: a second module, fetched and compiled the slow way too.
  await go(frame, 'lesson=adam&step=5');
  assert.equal(await frame.locator('[data-view="surface3d"] canvas').count(), 2);
  assert.ok(warnings.some((w) => /application\/wasm/.test(w)), 'the slow path (no streaming compile) was taken');
  assert.deepEqual(await h.problems(), []);
  await h.close();
});

test('without a platform the package is a plain page: its lesson, the quiet note, no error', async () => {
  // (A platform may add parameters of its own to the launch address: dropped, not refused.)
  const { page, problems, close } = await open('pkg/adam/index.html?sid=4f2a&launch_id=7', { width: 390 });
  await ready(page);
  assert.deepEqual(await stepOf(page), { lesson: 'adam' });
  assert.equal(await page.locator('#message').isHidden(), true);
  assert.equal(await page.locator('.step-of').textContent(), `Step 1 of ${lesson('adam').steps.length}`);
  assert.match(await page.locator('#lms-note').textContent(), /Not opened from a course site/);
  await shot(page, 'scorm-plain-390');
  assert.deepEqual(await problems(), []);
  await close();
});

test('the package\'s notes in both languages, light and dark, at 390 and 1280 px: translated with the page, linked to the steps still to see, and axe-clean', async () => {
  const AXE = fs.readFileSync(path.join(here, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  for (const [scheme, width] of [['light', 1280], ['dark', 390]]) {
    // Outside a platform, the last step of "update" with steps 2–5 not seen yet.
    const { page, problems, close } = await open('pkg/update/index.html?lesson=update&step=1', { width, colorScheme: scheme });
    await ready(page);
    await go(page, 'lesson=update&step=6');
    const left = page.locator('.activity .activity-left a');
    assert.deepEqual(await left.allTextContents(), ['Step 2', 'Step 3', 'Step 4', 'Step 5']);
    assert.match(await page.locator('.activity').innerText(), /To finish this activity, see these 4 steps too:/);
    await page.getByRole('button', { name: '한국어' }).click();
    await ready(page);
    assert.match(await page.locator('#lms-note').textContent(), /진도가 기록되지 않아요/);
    assert.match(await page.locator('.activity').innerText(), /아직 보지 않은 4개 단계/);
    assert.deepEqual(await left.allTextContents(), ['2단계', '3단계', '4단계', '5단계']);
    await shot(page, `scorm-notes-ko-${width}-${scheme}`);
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
    const violations = await page.evaluate(async () => (await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }))
      .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(violations, [], `${scheme} ${width}`);
    // A link to a step still to see is followed in the page.
    await left.first().click();
    await ready(page);
    assert.deepEqual(await stepOf(page), { lesson: 'update', step: '2', lang: 'ko' });
    assert.deepEqual(await problems(), []);
    await close();
  }
});

test('every package: manifest at the root, valid against the SCORM 1.2 schemas it carries (xmllint), every file listed, nothing from elsewhere, the site\'s CSP', () => {
  const siteHtml = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const csp = (html) => html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  const wrapper = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
  <xsd:import namespace="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" schemaLocation="imsmd_rootv1p2p1.xsd"/>
</xsd:schema>`;
  const ids = lessonIds();
  assert.deepEqual(Object.keys(packages).sort(), ['descent', ...ids].sort());
  for (const [name, { dir, files }] of Object.entries(packages)) {
    assert.equal(files[0], 'imsmanifest.xml', name);
    for (const s of SCHEMAS) assert.ok(files.includes(s), `${name}: ${s}`);
    // Validated against the package's own schema files (a wrapper schema imports the three namespaces).
    const xsd = path.join(dir, '..', `${name}.check.xsd`);
    fs.writeFileSync(xsd, wrapper.replace(/schemaLocation="/g, `schemaLocation="${name}/`));
    const out = execFileSync('xmllint', ['--noout', '--schema', xsd, path.join(dir, 'imsmanifest.xml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.equal(out, '', name);
    const man = fs.readFileSync(path.join(dir, 'imsmanifest.xml'), 'utf8');
    assert.equal((man.match(/<resource /g) || []).length, 1, `${name}: one SCO`);
    assert.match(man, /<resource identifier="[^"]+" type="webcontent" adlcp:scormtype="sco" href="index\.html">/);
    assert.match(man, /<schema>ADL SCORM<\/schema>\s*<schemaversion>1\.2<\/schemaversion>/);
    const listed = [...man.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => m[1]).sort();
    assert.deepEqual(listed, files.filter((f) => f !== 'imsmanifest.xml' && !SCHEMAS.includes(f)).sort(), `${name}: every file listed, and only those`);
    // The launch page: the site's policy, relative references that exist, no address elsewhere.
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    assert.equal(csp(html), csp(siteHtml), `${name}: CSP`);
    for (const m of html.matchAll(/\s(?:src|href|data-js|data-wasm)="([^"]*)"/g)) {
      if (/^(data:|\?|#)/.test(m[1]) || m[1] === '') continue;
      assert.ok(!/^(\/|[a-z]+:)/i.test(m[1]), `${name}: ${m[1]} is not relative`);
    }
    assert.ok(!/https?:\/\/(?!www\.w3\.org\/)/.test(html), `${name}: the page names no other site`);
    assert.ok(files.includes('package.js') && files.includes('app.js'));
    const lessonsIn = files.filter((f) => /^lessons\/[^/]+\.en\.json$/.test(f)).map((f) => f.slice(8, -8)).filter((f) => f !== 'index').sort();
    assert.deepEqual(lessonsIn, name === 'descent' ? [...ids].sort() : [name], `${name}: its lessons' text only`);
    assert.ok(!files.some((f) => f.endsWith('.gz')), `${name}: no gzip copies`);
  }
  // A lesson without a 3-D step or a formula carries only the lean module; the course all three.
  assert.ok(!packages.update.files.some((f) => /descent-(3d|full)/.test(f)));
  assert.ok(packages.descent.files.includes('descent-3d_bg.wasm') && packages.descent.files.includes('descent-full_bg.wasm'));
  assert.ok(packages.adam.files.includes('descent-3d_bg.wasm') && !packages.adam.files.includes('descent-full_bg.wasm'));
});

test('every step of every one-lesson package loads from the package alone (no missing file)', async () => {
  for (const id of lessonIds()) {
    const { page, problems, close } = await open(`pkg/${id}/index.html`);
    await ready(page);
    for (let k = 2; k <= lesson(id).steps.length; k++) await go(page, `lesson=${id}&step=${k}`);
    assert.deepEqual(await problems(), [], id);
    await close();
  }
});

test('a visit to the site never downloads the package code; the package builder gives the same zip in the browser as in Node', async () => {
  const site = await start({ extra: {} });
  try {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    const watched = await watch(page);
    for (const q of ['', '?lesson=update&step=5', '?lesson=playground']) {
      await page.goto(site.base + q);
      await ready(page);
    }
    assert.ok(!requested.some((p) => /package\.js|lms\.js|scorm|preview\.png/.test(p)), requested.join(' '));
    assert.equal(await page.evaluate(() => document.getElementById('descent-package')), null);

    // web/scorm.js bundled for the browser: the one-lesson package of "update" built in the page
    // from the site's own files equals the build's, byte for byte.
    const bundle = await build({ entryPoints: [path.join(here, '..', 'web', 'scorm.js')], bundle: true, format: 'esm', write: false });
    const names = [];
    const walk = (d) => { for (const e of fs.readdirSync(path.join(DIST, d), { withFileTypes: true })) { const r = d ? `${d}/${e.name}` : e.name; if (e.isDirectory()) walk(r); else if (!r.endsWith('.gz')) names.push(r); } };
    walk('');
    await page.route('**/scorm-builder.js', (r) => r.fulfill({ contentType: 'text/javascript', body: bundle.outputFiles[0].text }));
    await page.goto(`${site.base}?lesson=update`);
    await ready(page);
    const b64 = await page.evaluate(async ({ names, SCHEMAS }) => {
      const { buildPackage } = await import('/scorm-builder.js');
      const get = async (f) => new Uint8Array(await (await fetch(`/${f}`)).arrayBuffer());
      const site = new Map();
      for (const f of names) site.set(f, await get(f));
      const schemas = new Map();
      for (const s of SCHEMAS) schemas.set(s, await get(`scorm/${s}`));
      const lessonFile = await (await fetch('/lessons/update.en.json')).json();
      const { bytes } = buildPackage({ id: 'descent-update', title: 'Descent 4. The update rule / 업데이트 규칙', lessons: [lessonFile], site, schemas });
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    }, { names, SCHEMAS });
    const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
    assert.equal(sha(Buffer.from(b64, 'base64')), sha(fs.readFileSync(path.join(SCORM, 'update.zip'))));
    assert.deepEqual((await watched.problems()).filter((p) => !/scorm-builder/.test(p)), []);
    await context.close();
  } finally {
    site.server.close();
    await site.browser.close();
  }
});
