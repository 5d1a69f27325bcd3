// Courses teachers make (issue 18): the editor in the page (?edit), a course travelling as a link
// (its file compressed in the address's fragment), as a .md file and as a SCORM package played
// with scorm-again, hostile and broken courses, work in progress across a reload, and a visit to
// the built-in lessons downloading none of it. Every test fails on a console error, page error,
// failed request or CSP violation (harness.mjs: watch).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { start, watch, ready, shot, audit, LESSONS_DIR } from './harness.mjs';
import { fragmentOf } from '../scripts/course-link.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');
const LMS = path.join(here, 'lms');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'descent-editor-'));
/** The editor's strings (lessons/teacher.<lang>.json: the [teacher] group, outside the course map). */
const teacherStrings = (lang) => JSON.parse(fs.readFileSync(path.join(LESSONS_DIR, `teacher.${lang}.json`), 'utf8')).ui;
const EN = teacherStrings('en');
const KO = teacherStrings('ko');

const TYPES = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', wasm: 'application/wasm', json: 'application/json',
  css: 'text/css', woff2: 'font/woff2', xsd: 'application/xml', md: 'text/markdown; charset=utf-8' };
const js = TYPES.js;
/** The test platform's files, and (once unpacked) the packages' files under /pkg/<name>/. */
const extra = {
  '/lms/host.html': [TYPES.html, fs.readFileSync(path.join(LMS, 'host.html'))],
  '/lms/frame.html': [TYPES.html, fs.readFileSync(path.join(LMS, 'frame.html'))],
  '/lms/host.js': [js, fs.readFileSync(path.join(LMS, 'host.js'))],
  '/lms/frame.js': [js, fs.readFileSync(path.join(LMS, 'frame.js'))],
  '/lms/scorm12.js': [js, fs.readFileSync(path.join(repo, 'node_modules', 'scorm-again', 'dist', 'scorm12.js'))],
};

let env;
before(async () => { env = await start({ extra }); });
after(async () => { await env.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

/** A page in a browser context of its own (no storage shared with the others), recording its problems. */
async function fresh(query = '', { width = 1280, lang = 'en-US', context = null } = {}) {
  const ctx = context || await env.browser.newContext({ viewport: { width, height: 900 }, locale: lang, acceptDownloads: true });
  const page = await ctx.newPage();
  const watched = await watch(page);
  page.on('dialog', (d) => { watched.dialogs = (watched.dialogs || 0) + 1; d.dismiss(); });
  if (query !== null) { await page.goto(env.base + query); await ready(page); }
  return { page, context: ctx, problems: watched.problems, dialogs: () => watched.dialogs || 0, close: () => ctx.close() };
}

/** Waits until the editor has compiled the course as it now stands (its problem list is current). */
async function compiled(page, ok = true) {
  await page.waitForFunction((ok) => {
    const li = document.querySelector('#course-problems li');
    return li && (ok ? li.classList.contains('ok') : !li.classList.contains('ok'));
  }, ok, { timeout: 15000 });
}

/** The editor's course link (after "Copy the course link"). */
async function courseLink(page) {
  await compiled(page);
  await page.click('#course-copy');
  await page.locator('#course-link').waitFor({ state: 'visible' });
  return page.inputValue('#course-link');
}

/** What the page shows of the teacher's course step on screen. */
async function stepShown(page) {
  return page.evaluate(() => ({
    kicker: document.querySelector('.kicker').textContent,
    title: document.getElementById('step-title').textContent,
    body: document.querySelector('.lesson-text .body').textContent.replace(/\s+/g, ' ').trim(),
    math: document.querySelectorAll('.lesson-text .body math').length,
    question: (document.getElementById('check-q') || {}).textContent || null,
    choices: [...document.querySelectorAll('.checkpoint button.choice')].map((b) => b.textContent),
    scene: window.descent.session().toQuery(),
    // (The canonical query leaves out a key at its default.)
    defaults: Object.fromEntries(JSON.parse(window.wasmBindings.sceneTable()).keys.map((k) => [k.key, k.default])),
    address: location.search,
  }));
}

/** Every step of the course on screen, following its Next links. */
async function walk(page) {
  const steps = [stepShown(page)];
  steps[0] = await steps[0];
  while (await page.locator('a[rel=next]').count()) {
    await page.click('a[rel=next]');
    await ready(page);
    steps.push(await stepShown(page));
  }
  return steps;
}

/** Scene keys of `query` that the session's canonical query must show with the same values. */
function sceneKeys(query) {
  return Object.fromEntries(new URLSearchParams(query));
}
function assertScene({ scene: shown, defaults }, query, where) {
  const got = { ...defaults, ...Object.fromEntries(new URLSearchParams(shown)) };
  for (const [k, v] of Object.entries(sceneKeys(query))) {
    if (k === 'lr') assert.equal(Number(got[k]), Number(v), `${where}: ${k}`);
    else assert.equal(got[k], v, `${where}: ${k} in ${shown}`);
  }
}

const PLAYGROUND_SCENE = 'surface=himmelblau&opt=adam&lr=0.05&view=contour,loss';

/** Makes the three-step course of the tests in the editor of `page` (a fresh context), in English. */
async function makeCourse(page) {
  // Step from the playground: "Add this scene to my course".
  await page.goto(`${env.base}?lesson=playground&${PLAYGROUND_SCENE}`);
  await ready(page);
  await page.click('#add-to-course');
  await page.locator('#open-editor').waitFor();
  assert.match(await page.locator('#message').innerText(), /Added to your course as step 1\./);
  await page.click('#open-editor');
  await ready(page);
  await compiled(page, false); // the step has no text yet: a problem, at its line, in step 1
  assert.match(await page.locator('#course-problems').innerText(), /Line \d+, step 1: the step ".*" has no text/);
  await page.fill('#course-title-en', 'Three ways down');
  await page.fill('#step-1-title-en', 'Adam on four wells');
  await page.fill('#step-1-body-en', 'Himmelblau\'s function has **four** minima. Which one does Adam find?');
  // Step 2: from a lesson step (update, step 2), its scene and title.
  await page.selectOption('#add-lesson', 'update');
  await page.waitForFunction(() => !document.getElementById('add-step').disabled);
  await page.selectOption('#add-step', '1');
  await page.click('#add-from-lesson');
  await page.fill('#step-2-body-en', 'The rule: $$w \\leftarrow w - \\alpha \\frac{\\partial C}{\\partial w}$$');
  // Step 3: an empty step, its scene typed, with a question.
  await page.click('#add-blank');
  await page.fill('#step-3-scene', 'surface=ravine&cond=30&opt=momentum&lr=0.2&view=contour,loss&show=path');
  await page.fill('#step-3-title-en', 'Momentum in a ravine');
  await page.fill('#step-3-body-en', 'A narrow valley, κ = 30.');
  await page.click('#step-3-question-en');
  await page.fill('#step-3-body-en', [
    'A narrow valley, κ = 30.', '',
    '> [!predict] What does momentum do across the valley?', '>',
    '> - [ ] It zigzags more than plain descent', '> - [x] The zigzag cancels out over the steps', '>',
    '> The averaged steps across the valley point both ways and cancel.'].join('\n'));
  await compiled(page);
}

test('an empty course: the editor says in the page\'s language how to begin, and lists its problems once a step is in', async () => {
  for (const [lang, T] of [['en', EN], ['ko', KO]]) {
    const e = await fresh(`?edit&lang=${lang}`);
    await compiled(e.page, false);
    assert.equal(await e.page.locator('#course-problems').innerText(), T.noStepsYet, lang);
    // A step without text: the compiler's problem, at its line and step.
    await e.page.click('#add-blank');
    await e.page.waitForFunction((hint) => !document.querySelector('#course-problems').innerText.includes(hint), T.noStepsYet, { timeout: 15000 });
    await compiled(e.page, false);
    assert.ok(await e.page.locator('#course-problems button[data-step="1"]').count() > 0, lang);
    assert.deepEqual(await e.problems(), [], lang);
    await e.close();
  }
});

test('a three-step course made in the editor, shared as a link and opened in a fresh browser: the same titles, text, scenes and question', async () => {
  const a = await fresh('');
  await makeCourse(a.page);
  // Reordering and removing: a fourth step added, moved up, then removed; the three stay in order.
  await a.page.click('#add-blank');
  await a.page.click('#step-4-up');
  assert.equal(await a.page.inputValue('#step-3-title-en'), EN.defaultStepTitle);
  await a.page.click('#step-3-remove');
  assert.equal(await a.page.inputValue('#step-3-title-en'), 'Momentum in a ravine');
  assert.equal(await a.page.locator('.editor-step').count(), 3);
  const link = await courseLink(a.page);
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/\?lang=en#course=1\.[A-Za-z0-9_-]+$/);
  await shot(a.page, 'editor-1280-en');
  const updateTitle = JSON.parse(fs.readFileSync(path.join(repo, 'dist', 'lessons', 'update.en.json'), 'utf8')).steps[1];
  assert.deepEqual(await a.problems(), []);
  await a.close();

  const b = await fresh(null);
  await b.page.goto(link);
  await ready(b.page);
  const steps = await walk(b.page);
  assert.equal(steps.length, 3);
  assert.deepEqual(steps.map((s) => s.title), ['Adam on four wells', updateTitle.title.en, 'Momentum in a ravine']);
  assert.ok(steps.every((s) => s.kicker === `${EN.kicker} · Three ways down`), steps[0].kicker);
  assert.equal(steps[0].body, 'Himmelblau\'s function has four minima. Which one does Adam find?');
  assert.equal(steps[1].math, 1);
  assertScene(steps[0], PLAYGROUND_SCENE, 'step 1');
  assertScene(steps[1], updateTitle.scene, 'step 2');
  assertScene(steps[2], 'surface=ravine&cond=30&opt=momentum&lr=0.2&view=contour,loss&show=path', 'step 3');
  assert.equal(steps[2].question, 'What does momentum do across the valley?');
  assert.deepEqual(steps[2].choices, ['It zigzags more than plain descent', 'The zigzag cancels out over the steps']);
  // The links between steps keep the course (the fragment); the address names the step.
  assert.equal(steps[2].address, '?step=3&lang=en');
  // The checkpoint: Play waits, the answer is shown with its explanation.
  assert.equal(await b.page.locator('#play').isDisabled(), true);
  await b.page.click('.checkpoint button.choice[data-choice="1"]');
  assert.match(await b.page.locator('.checkpoint .explain').innerText(), /Right!.*cancel/s);
  // Progress is kept under the course's id (a hash of its file).
  const progress = await b.page.evaluate(() => JSON.parse(localStorage.getItem('descent.progress.v1')));
  const ids = Object.keys(progress).filter((k) => k.startsWith('course-'));
  assert.equal(ids.length, 1);
  assert.match(ids[0], /^course-[0-9a-f]{16}$/);
  assert.deepEqual({ step: progress[ids[0]].step, done: progress[ids[0]].done }, { step: 3, done: true });
  // Previous goes back, a reload stays on the step.
  await b.page.click('a[rel=prev]');
  await ready(b.page);
  await b.page.reload();
  await ready(b.page);
  assert.equal((await stepShown(b.page)).title, updateTitle.title.en);
  await shot(b.page, 'teacher-course-1280-en');
  assert.deepEqual(await b.problems(), []);
  await b.close();
});

test('the course as a .md file: downloaded, opened in another browser\'s editor, it is the same course (the same link)', async () => {
  const a = await fresh('');
  await makeCourse(a.page);
  const link = await courseLink(a.page);
  const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.click('#course-download')]);
  assert.equal(download.suggestedFilename(), 'three-ways-down.md');
  const file = path.join(tmp, 'three-ways-down.md');
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /^<!-- lang: en -->\n# Three ways down\n/);
  assert.match(text, /\n## Momentum in a ravine\n\n```scene\nsurface=ravine&cond=30/);
  assert.deepEqual(await a.problems(), []);
  await a.close();

  const b = await fresh('?edit&lang=en');
  await b.page.setInputFiles('#course-file', file);
  await b.page.waitForFunction(() => document.querySelectorAll('.editor-step').length === 3);
  assert.equal(await b.page.inputValue('#step-3-title-en'), 'Momentum in a ravine');
  assert.equal(await b.page.inputValue('#step-1-scene'), PLAYGROUND_SCENE);
  assert.equal(await courseLink(b.page), link, 'the file opened gives the very same course link');
  // A built-in lesson's file (no language line) opens as a course in the page's language; the
  // course it replaces is kept, and comes back.
  const lessonFile = path.join(repo, 'lessons', 'update', 'en.md');
  const steps = (fs.readFileSync(lessonFile, 'utf8').match(/^## /gm) || []).length;
  await b.page.setInputFiles('#course-file', lessonFile);
  await b.page.waitForFunction((n) => document.querySelectorAll('.editor-step').length === n, steps);
  await compiled(b.page);
  assert.equal(await b.page.locator('#message').innerText().then((t) => t.includes(EN.backupKept)), true);
  await b.page.click('#message button');
  await b.page.waitForFunction(() => document.querySelectorAll('.editor-step').length === 3);
  assert.equal(await b.page.inputValue('#step-3-title-en'), 'Momentum in a ravine');
  assert.deepEqual(await b.problems(), []);
  await b.close();
});

test('work in progress survives a reload, a bad paste and a refused scene', async () => {
  const a = await fresh('?edit&lang=en');
  await a.page.click('#add-blank');
  await a.page.fill('#course-title-en', 'Kept');
  await a.page.fill('#step-1-scene', 'surface=bowl&cnod=3');
  await a.page.fill('#step-1-body-en', 'Some text <script>alert(1)</script>');
  await compiled(a.page, false);
  const problems = await a.page.locator('#course-problems').innerText();
  assert.match(problems, /step 1: Unknown scene key "cnod"/);
  assert.match(problems, /step 1: <script> is not allowed/);
  await a.page.reload();
  await ready(a.page);
  assert.equal(await a.page.inputValue('#course-title-en'), 'Kept');
  assert.equal(await a.page.inputValue('#step-1-scene'), 'surface=bowl&cnod=3');
  assert.equal(await a.page.inputValue('#step-1-body-en'), 'Some text <script>alert(1)</script>');
  assert.equal(a.dialogs(), 0, 'no script of the text ran');
  // The problem's button takes the teacher to the step's text.
  await compiled(a.page, false);
  await a.page.locator('#course-problems button', { hasText: '<script>' }).click();
  assert.equal(await a.page.evaluate(() => document.activeElement.id), 'step-1-body-en');
  assert.deepEqual(await a.problems(), []);
  await a.close();
});

test('the preview is the course played in the lesson view, at the step and in the language being edited, as it is typed', async () => {
  const c = await fresh(`?edit&lang=en${fragmentOf(GOOD)}`);
  await compiled(c.page);
  const preview = c.page.frameLocator('#course-preview');
  await preview.locator('#step-title', { hasText: 'A careful stride' }).waitFor();
  await c.page.locator('#step-2-title-ko').focus();
  await preview.locator('#step-title', { hasText: '아홉 배 크게' }).waitFor();
  assert.equal(await c.page.locator('#preview-title').innerText(), 'Preview of step 2');
  await c.page.fill('#step-2-title-ko', '아홉 배 큰 보폭');
  await preview.locator('#step-title', { hasText: '아홉 배 큰 보폭' }).waitFor();
  await preview.locator('.checkpoint').waitFor();
  // The frame's page was loaded once: the changes came as its own history entries.
  assert.equal(await c.page.evaluate(() => document.getElementById('course-preview').contentWindow.performance.getEntriesByType('navigation').length), 1);
  assert.deepEqual(await c.problems(), []);
  await c.close();
});

/** A course link (relative to the site) for a course file's text. */
const linkTo = (source, lang = 'en') => `?lang=${lang}${fragmentOf(source)}`;
const GOOD = fs.readFileSync(path.join(repo, 'examples', 'course.md'), 'utf8');

test('hostile and broken courses: a message naming the line and step, in the page\'s language; no script runs, no console error', async () => {
  const step = (body, scene = 'surface=bowl') => `<!-- lang: en -->\n# Hostile\n\n## One\n\n\`\`\`scene\n${scene}\n\`\`\`\n\nFine.\n\n## Two\n\n\`\`\`scene\nsurface=bowl\n\`\`\`\n\n${body}\n`;
  const cases = [
    ['script tag', step('<script>window.__pwned = 1</script>'), /Line 18, step 2: <script> is not allowed/],
    ['on* attribute', step('<img src=x onerror="window.__pwned=1">'), /Line 18, step 2: <img> is not allowed/],
    ['mark with onclick', step('<mark onclick="window.__pwned=1">x</mark>'), /Line 18, step 2: .*take no attributes/],
    ['javascript: link', step('[click](javascript:window.__pwned=1)'), /Line 18, step 2: .*a link/],
    ['autolink', step('<javascript:window.__pwned=1>'), /Line 18, step 2:/],
    ['bad TeX', step('A formula $\\frac{a}{b} \\nosuch$ here.'), /Line 18, step 2: TeX does not parse/],
    ['unclosed TeX', step('A formula $\\frac{a$ here.'), /Line 18, step 2: TeX does not parse/],
    ['bad scene key', step('Fine.', 'surface=bowl&cnod=3'), /Line 7, step 1: Unknown scene key "cnod"/],
    ['bad scene value', step('Fine.', 'surface=bowl&lr=1e9'), /Line 7, step 1: .*"lr"/],
    ['page key in a scene', step('Fine.', 'surface=bowl&lesson=cost'), /Line 7, step 1: .*cannot set `lesson`/],
    ['script in a title', step('Fine.').replace('## Two', '## Two <script>window.__pwned=1</script>'), /Line 12, step 2: A step title is plain text/],
    ['html in the course title', step('Fine.').replace('# Hostile', '# <img src=x onerror=alert(1)>'), /Line 2: The lesson title is plain text/],
    ['no language line', '# A course\n\n## One\n\nText.\n', /Line 1: text before the first/],
    ['huge', `${step('Fine.')}\n${'x'.repeat(120000)}`, null],
  ];
  const c = await fresh(null);
  for (const [what, source, expected] of cases) {
    await c.page.goto(env.base + linkTo(source));
    await ready(c.page);
    const text = await c.page.locator('.course-refused').innerText();
    assert.match(text, /This course cannot be shown/, what);
    if (expected) assert.match(text, expected, `${what}: ${text}`);
    else assert.match(text, /unpacks to more than a course may hold/, what);
    assert.equal(await c.page.evaluate(() => window.__pwned), undefined, what);
  }
  await shot(c.page, 'teacher-course-refused-1280-en', false);
  // A link cut short, one with changed characters, one of another format.
  const link = linkTo(GOOD);
  for (const [what, bad, expected] of [
    ['truncated', link.slice(0, Math.floor(link.length * 0.6)), /damaged or cut short/],
    ['garbled', link.replace(/#course=1\.(.{20})/, '#course=1.$1!!**'), /not a Descent course link/],
    ['bytes changed', link.replace(/#course=1\.(.{30})(.)/, (m, a, b) => `#course=1.${a}${b === 'A' ? 'B' : 'A'}`), /damaged|cannot be shown/],
    ['other format', '?lang=en#course=2.abcdef', /not a Descent course link/],
    ['empty', '?lang=en#course=', /not a Descent course link/],
  ]) {
    await c.page.goto(env.base + bad);
    await ready(c.page);
    assert.match(await c.page.locator('main').innerText(), expected, what);
  }
  // In Korean, in the page's words (and the scene table's Korean message).
  await c.page.goto(env.base + linkTo(step('<script>window.__pwned = 1</script>'), 'ko'));
  await ready(c.page);
  const ko = await c.page.locator('.course-refused').innerText();
  assert.ok(ko.includes(KO.cannotShow), ko);
  assert.match(ko, /18번째 줄, 2단계: <script>/);
  await c.page.goto(`${env.base}?lang=ko${link.slice(link.indexOf('#'), link.indexOf('#') + 80)}`);
  await ready(c.page);
  assert.ok((await c.page.locator('main').innerText()).includes(KO.linkDamaged));
  assert.equal(c.dialogs(), 0);
  assert.deepEqual(await c.problems(), []);
  await c.close();
});

test('the README\'s example course link opens its two-step course with one question (examples/course.md), in both languages', async () => {
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  const m = /`(\?lang=en#course=1\.[A-Za-z0-9_-]+)`/.exec(readme);
  assert.ok(m, 'the README has an example course link in a code span');
  assert.equal(m[1], linkTo(GOOD), 'the README\'s link is examples/course.md\'s (node scripts/course-link.mjs examples/course.md --lang=en)');
  const c = await fresh(null);
  await c.page.goto(env.base + m[1]);
  await ready(c.page);
  const steps = await walk(c.page);
  assert.deepEqual(steps.map((s) => s.title), ['A careful stride', 'Nine times larger']);
  assert.equal(steps.filter((s) => s.question).length, 1);
  assert.equal(steps[1].question, 'What does the path do now?');
  assert.ok(steps.every((s) => s.kicker.endsWith('· Too big a step')));
  // The Korean text of the same course; a third language the course lacks shows its first.
  await c.page.goto(env.base + linkTo(GOOD, 'ko'));
  await ready(c.page);
  assert.equal((await stepShown(c.page)).title, '조심스러운 걸음');
  assertScene(await stepShown(c.page), 'surface=bowl&view=contour,loss&show=path', 'ko step 1');
  // A course in Korean only, on an English page: its Korean text, marked so, with a note saying so.
  const koOnly = '<!-- lang: ko -->\n# 한국어 코스\n\n## 하나\n\n```scene\nsurface=bowl\n```\n\n글이에요.\n';
  await c.page.goto(env.base + linkTo(koOnly, 'en'));
  await ready(c.page);
  assert.equal(await c.page.locator('#not-translated').innerText(), 'This course is written in 한국어 only.');
  assert.equal(await c.page.getAttribute('#step-title', 'lang'), 'ko');
  assert.deepEqual(await c.problems(), []);
  await c.close();
});

test('the course as a SCORM package built in the page: played in scorm-again, completed with the score of the first tries', async () => {
  const a = await fresh('');
  await a.page.goto(`${env.base}?edit&lang=en${fragmentOf(GOOD)}`);
  await ready(a.page);
  await compiled(a.page);
  assert.equal(await a.page.locator('.editor-step').count(), 2);
  const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.click('#course-package')]);
  assert.equal(download.suggestedFilename(), 'too-big-a-step.zip');
  const zipPath = path.join(tmp, 'course.zip');
  await download.saveAs(zipPath);
  assert.match(await a.page.locator('#message').innerText(), /SCORM package made \(\d+ kB\)/);
  assert.deepEqual(await a.problems(), []);
  await a.close();
  const files = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
  for (const f of ['imsmanifest.xml', 'index.html', 'app.js', 'package.js', 'teacher.js', 'descent-author.js', 'descent-author_bg.wasm', 'course.md', 'lessons/index.en.json', 'lessons/index.ko.json', 'adlcp_rootv1p2.xsd']) {
    assert.ok(files[f], `the package holds ${f}`);
  }
  assert.equal(Buffer.from(files['course.md']).toString('utf8'), GOOD);
  const manifest = Buffer.from(files['imsmanifest.xml']).toString('utf8');
  for (const f of Object.keys(files).filter((f) => f !== 'imsmanifest.xml' && !f.endsWith('.xsd'))) assert.ok(manifest.includes(`<file href="${f}"/>`), f);
  for (const [f, bytes] of Object.entries(files)) extra[`/pkg/teacher/${f}`] = [TYPES[f.split('.').pop()] || 'application/octet-stream', Buffer.from(bytes)];

  const h = await fresh(null);
  await h.page.goto(`${env.base}lms/host.html?pkg=teacher`);
  const isSco = (f) => /\/pkg\/teacher\/index\.html/.test(f.url());
  const frame = h.page.frames().find(isSco) || await h.page.waitForEvent('framenavigated', { predicate: isSco });
  await ready(frame);
  const lms = (key) => h.page.evaluate((k) => k.split('.').slice(1).reduce((o, p) => o[p], window.API.cmi), key);
  assert.equal(await lms('cmi.core.lesson_status'), 'incomplete');
  assert.equal(await frame.locator('#step-title').innerText(), 'A careful stride');
  assert.equal(await frame.locator('.share button').count(), 2, 'PNG and CSV only, as in the built-in packages');
  await frame.click('a[rel=next]');
  await ready(frame);
  await frame.click('.checkpoint button.choice[data-choice="1"]');
  await frame.locator('.activity').waitFor();
  assert.match(await frame.locator('.activity').innerText(), /You have finished this activity\. Your course site has recorded it\.[\s\S]*1 of 1/);
  assert.equal(await lms('cmi.core.lesson_status'), 'completed');
  assert.equal(await lms('cmi.core.score.raw'), '100');
  assert.match(await lms('cmi.core.lesson_location'), /^course-[0-9a-f]{16}\.2$/);
  assert.match(await lms('cmi.suspend_data'), /^D1\|en\|course-[0-9a-f]{16}\.2\|course-[0-9a-f]{16}:\+1$/);
  assert.deepEqual(await h.problems(), []);
  await h.close();
});

test('a visit to the built-in lessons downloads neither the editor nor the course compiler', async () => {
  const requested = [];
  const c = await fresh(null);
  c.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  for (const q of ['', '?lesson=update&step=3', '?lesson=playground', '?lesson=adam&step=3&lang=ko']) {
    await c.page.goto(env.base + q);
    await ready(c.page);
  }
  assert.ok(!requested.some((p) => /teacher|author/.test(p)), requested.join(' '));
  // The editor loads both.
  await c.page.goto(`${env.base}?edit`);
  await ready(c.page);
  await compiled(c.page, false);
  assert.ok(requested.includes('/teacher.js') && requested.includes('/descent-author_bg.wasm'));
  assert.deepEqual(await c.problems(), []);
  await c.close();
});

test('screenshots: the editor and a played teacher\'s course at 390 and 1280 px, in English and Korean, axe-clean', async () => {
  for (const lang of ['en', 'ko']) {
    for (const width of [390, 1280]) {
      const c = await fresh(null, { width, lang: lang === 'ko' ? 'ko-KR' : 'en-US' });
      await c.page.goto(`${env.base}?edit&lang=${lang}${fragmentOf(GOOD)}`);
      await ready(c.page);
      await compiled(c.page);
      await c.page.locator('#step-2-body-en').focus();
      const preview = c.page.frameLocator('#course-preview');
      await preview.locator('#step-title', { hasText: 'Nine times larger' }).waitFor({ timeout: 15000 });
      await preview.locator('html[data-settled="true"]').waitFor({ timeout: 15000 });
      await shot(c.page, `editor-${width}-${lang}`);
      assert.deepEqual(await audit(c.page, `editor ${width} ${lang}`), []);
      await c.page.goto(env.base + linkTo(GOOD, lang).replace(/^\?/, '?step=2&'));
      await ready(c.page);
      await shot(c.page, `teacher-course-${width}-${lang}`, width === 390 ? false : true);
      assert.deepEqual(await audit(c.page, `course ${width} ${lang}`), []);
      assert.deepEqual(await c.problems(), [], `${lang} ${width}`);
      await c.close();
    }
  }
});
