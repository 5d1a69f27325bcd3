// A language is a set of files (issue 16): the page strings (lessons/ui/<lang>.toml) and the
// lessons written in it. The shipped site has English and Korean; the tests build their own copy
// with a third language, a partial German (tests/fixtures/de: most page strings and one lesson,
// ewa), which is never shipped. Its language switch, its lesson, a lesson it lacks (English, with
// a note), a string it lacks (English) and a link to a language the site lacks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, openPage, ready, audit, lesson, courseMap, pageStrings, DIST, LESSONS_DIR } from './harness.mjs';
import { fixtureDist, FIXTURE } from './fixture.mjs';

let env, de, fixture;
before(async () => {
  fixture = fixtureDist().dir;
  [env, de] = await Promise.all([start(), start({ root: fixture })]);
});
after(async () => { await Promise.all([env.close(), de.close()]); });

const DE = () => pageStrings('de', path.join(fixture, 'lessons'));
const EN = pageStrings('en');
const deLesson = (id) => JSON.parse(fs.readFileSync(path.join(fixture, 'lessons', `${id}.de.json`), 'utf8'));
const fixtureToml = fs.readFileSync(path.join(FIXTURE, 'ui', 'de.toml'), 'utf8');

async function go(page, query) {
  await page.evaluate((q) => { history.pushState(null, '', `?${q}`); dispatchEvent(new PopStateEvent('popstate')); }, query);
  await ready(page);
}
const switchButtons = (page) => page.$$eval('.lang-switch [data-lang]', (bs) => bs.map((b) => [b.dataset.lang, b.lang, b.textContent]));
const text = (page, sel) => page.locator(sel).textContent();

test('the shipped site has English and Korean only: its switch, its languages, no fixture file', async () => {
  assert.deepEqual(fs.readdirSync(LESSONS_DIR).filter((f) => /\.de\.json/.test(f)), [], 'no German in dist/');
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(LESSONS_DIR, 'index.ko.json'), 'utf8')).languages,
    [{ lang: 'en', name: 'English' }, { lang: 'ko', name: '한국어' }]);
  assert.ok(!fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').includes('Deutsch'));
  const p = await openPage(env, 'lesson=ewa&step=1&lang=ko');
  assert.deepEqual(await switchButtons(p.page), [['en', 'en', 'English'], ['ko', 'ko', '한국어']]);
  assert.equal(await p.page.getAttribute('.lang-switch', 'aria-label'), pageStrings('ko').languageSwitch);
  assert.equal(await p.page.locator('#not-translated').count(), 0, 'every shipped lesson is in Korean');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('a link to a language the site lacks: a message, the page in the browser\'s language, the tag dropped', async () => {
  const p = await openPage(env, 'lesson=update&step=2&lang=de');
  const { page } = p;
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const msg = await text(page, '#message');
  assert.match(msg, /not available in "de", so it is shown in English\. Languages: English, 한국어\./);
  assert.equal(await text(page, '#step-title'), lesson('update').steps[1].title.en);
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('lang'));
  // The browser's language (Korean), in Korean; a well-formed tag is not a bad scene.
  await p.close();
  const k = await openPage(env, 'lang=fr', { locale: 'ko-KR' });
  assert.equal(await k.page.evaluate(() => document.documentElement.lang), 'ko');
  const km = await text(k.page, '#message');
  assert.match(km, /"fr"\(으\)로 볼 수 없어 한국어\(으\)로/);
  assert.doesNotMatch(km, /장면 키/);
  assert.equal(await k.page.locator('ol.course li').count(), courseMap().length);
  // A tag the scene table refuses: its own message, naming the key.
  await go(k.page, 'lesson=update&step=2&lang=Deutsch');
  assert.match(await text(k.page, '#message'), /"lang": "Deutsch"/);
  assert.deepEqual(await k.problems(), []);
  await k.close();
});

test('the fixture language appears in the switch, and switching to it shows the page in it', async () => {
  const p = await openPage(de, 'lesson=ewa&step=1&lang=en');
  const { page } = p;
  assert.deepEqual(await switchButtons(page), [['en', 'en', 'English'], ['de', 'de', 'Deutsch'], ['ko', 'ko', '한국어']]);
  await page.locator('[data-lang="de"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'de' && document.documentElement.dataset.ready === 'true');
  assert.match(page.url(), /lang=de/);
  assert.equal(await page.locator('[data-lang="de"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await text(page, '[data-nav="home"][data-i18n]'), 'Kurs');
  assert.equal(await page.getAttribute('.lang-switch', 'aria-label'), 'Sprache');
  assert.equal(await page.getAttribute('.site-nav', 'aria-label'), 'Website');
  assert.equal(await text(page, '#step-title'), deLesson('ewa').steps[0].title.de);
  assert.deepEqual(await p.problems(), []);
  await p.close();
  // A German browser gets German without asking.
  const b = await openPage(de, '', { locale: 'de-AT' });
  assert.equal(await b.page.evaluate(() => document.documentElement.lang), 'de');
  assert.equal(await text(b.page, '.home h1'), DE().courseTitle);
  assert.deepEqual(await b.problems(), []);
  await b.close();
});

test('its lesson shows in it: text, step count, checkpoint, no note', async () => {
  const p = await openPage(de, 'lesson=ewa&step=3&lang=de');
  const { page } = p;
  const l = deLesson('ewa');
  assert.equal(l.lang, 'de');
  assert.equal(await text(page, '#step-title'), l.steps[2].title.de);
  assert.equal(await text(page, '.step-of'), 'Schritt 3 von 4');
  assert.equal(await text(page, '#check-q'), l.steps[2].check.q.de);
  assert.equal(await page.locator('#not-translated').count(), 0);
  assert.equal(await page.locator('.lesson-text [lang]').count(), 0, 'nothing marked as another language');
  assert.equal(await page.locator('.checkpoint button.choice').first().textContent(), l.steps[2].check.choices[0].de);
  assert.deepEqual(await audit(page, 'ewa 3 (de)'), []);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('a lesson missing in the chosen language falls back to English, with a note in that language', async () => {
  const p = await openPage(de, 'lesson=update&step=2&lang=de');
  const { page } = p;
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  const note = page.locator('#not-translated');
  assert.ok(await note.isVisible());
  assert.equal(await note.textContent(), 'Diese Lektion gibt es noch nicht auf Deutsch, deshalb steht sie hier auf Englisch.');
  const en = lesson('update').steps[1];
  assert.equal(await text(page, '#step-title'), en.title.en);
  assert.equal(await page.getAttribute('#step-title', 'lang'), 'en');
  assert.equal(await page.getAttribute('.lesson-text .body', 'lang'), 'en');
  assert.equal(await text(page, '.step-of'), `Schritt 2 von ${lesson('update').steps.length}`, 'the page around it stays German');
  assert.equal(await text(page, '#step'), DE().step);
  // The step links keep the language; the next lesson's title is its own language's.
  assert.match(await page.locator('a[rel=next]').getAttribute('href'), /lang=de/);
  assert.deepEqual(await audit(page, 'update 2 (de, in English)'), []);
  // The course map lists every lesson: the German one in German, the others in English, marked.
  await go(page, 'lang=de');
  const cards = await page.$$eval('ol.course li a', (as) => as.map((a) => ({ title: a.querySelector('.ttl').textContent, lang: a.querySelector('.ttl').lang, tag: (a.querySelector('.other-lang') || {}).textContent || null })));
  const map = courseMap();
  assert.equal(cards.length, map.length);
  for (const [i, c] of cards.entries()) {
    if (map[i].id === 'ewa') assert.deepEqual(c, { title: deLesson('ewa').title.de, lang: '', tag: null });
    else assert.deepEqual(c, { title: map[i].title.en, lang: 'en', tag: 'auf Englisch' }, map[i].id);
  }
  assert.deepEqual(await audit(page, 'course map (de)'), []);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('a page string missing in the chosen language falls back to English', async () => {
  // The fixture leaves exportCsv and exportPng out (and says so in its header); copyLink is German.
  assert.ok(!/^export(Csv|Png)\s*=/m.test(fixtureToml) && /^copyLink\s*=/m.test(fixtureToml));
  const p = await openPage(de, 'lesson=ewa&step=1&lang=de');
  const { page } = p;
  const buttons = await page.$$eval('.share button', (bs) => bs.map((b) => b.textContent));
  assert.deepEqual(buttons, [DE().copyLink, DE().embed, EN.exportPng, EN.exportCsv, EN.addToCourse]);
  assert.equal(DE().copyLink, 'Link zu diesem Schritt kopieren');
  assert.equal(EN.exportCsv, 'Save run (CSV)');
  // A figure title the fixture has (its caption left to English), and ones it leaves to English
  // (beside its German hint).
  const canvasLabel = (view) => page.getAttribute(`[data-view="${view}"] .canvas-box`, 'aria-label');
  const caption = (view) => page.textContent(`[data-view="${view}"] figcaption`);
  assert.equal(await canvasLabel('ewa'), `Verrauschte Reihe und ihr Mittel (${DE().readHint})`);
  assert.equal(await caption('ewa'), EN.figure.ewa.caption);
  await go(page, 'lesson=momentum&step=1&lang=de');
  assert.equal(await canvasLabel('contour'), `${EN.figure.contour.title} (${DE().arrowsHint})`);
  assert.equal(await canvasLabel('loss'), `${EN.figure.loss.title} (${DE().readHint})`);
  assert.equal(DE().readHint, 'Pfeiltasten lesen die Werte ab');
  assert.equal(DE().arrowsHint, 'Pfeiltasten verschieben den Startpunkt');
  assert.deepEqual(await p.problems(), []);
  await p.close();
});
