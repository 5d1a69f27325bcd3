// Playing a teacher's course: its file comes from the address's fragment (a course link) or, in a
// SCORM package, from the package's course.md; it is compiled in the page (author.js) and shown
// as a lesson in the same lesson view as the built-in course (previous and next, checkpoints,
// progress kept under the course's id). A course that cannot be shown gets a page that says what
// is wrong and where (line, step), in the page's language.

import { compileCourse } from './author.js';
import { fill } from './i18n.js';
import { moduleFor } from './pick.js';
import { courseId, readFragment } from './teacher-course.js';
import { el } from './ui.js';

/** The keys a teacher's course takes from the address for the page (`lesson` only names it in a package). */
const PAGE_KEYS = ['lesson', 'step', 'lang', 'embed', 'hide'];

/** What a link's fragment was refused for, as the page string's name. */
const LINK_ERRORS = { garbled: 'linkGarbled', damaged: 'linkDamaged', tooLarge: 'linkTooLarge', notText: 'linkGarbled' };

/** Each course compiled once per language shown (app.files: `course:<id>.<lang>`). */
function compiled(app, source, id) {
  const key = `course:${id}.${app.lang}`;
  if (!app.files.has(key)) app.files.set(key, compileCourse(source, id, app.lang));
  return app.files.get(key);
}

/** A problem of the compiler, in the page's words: line, step, what is wrong. */
export function problemText(S, p) {
  return p.step ? fill(S.teacher.problemAt, { line: p.line, step: p.step, message: p.message }) : fill(S.teacher.problemHead, { line: p.line, message: p.message });
}

/** The course file this page plays (the fragment's, or the package's), or `{ error }`. */
async function courseSource(app) {
  if (app.pkg && app.pkg.course) {
    try {
      const r = await fetch(app.pkg.course);
      if (!r.ok) throw new Error(`${app.pkg.course}: HTTP ${r.status}`);
      return { source: await r.text() };
    } catch (e) { return { failed: String(e.message || e) }; }
  }
  return readFragment(location.hash);
}

/**
 * Shows the step the address names of the teacher's course the page holds. `page` holds the
 * page's functions this module uses (route.js passes them, so they are not bundled twice).
 */
export async function playCourse(app, params, page) {
  const { S } = app;
  const got = await courseSource(app);
  if (got.error) return cannotShow(app, [S.teacher[LINK_ERRORS[got.error]]]);
  if (got.failed) return cannotShow(app, [fill(S.teacher.compilerFailed, { reason: got.failed })]);
  const id = courseId(got.source);
  const c = await compiled(app, got.source, id);
  if (!c.ok) return cannotShow(app, c.failed ? [fill(S.teacher.compilerFailed, { reason: c.failed })] : c.problems.map((p) => problemText(S, p)), !app.pkg);
  // The page's language if the course has it, else the course's first.
  const lesson = { ...(c.lessons[app.lang] || c.lessons[c.languages[0]]) };
  // (Its note, when the page's language is not one of the course's.)
  const name = (app.index.languages.find((l) => l.lang === lesson.lang) || { name: lesson.lang }).name;
  lesson.own = { fragment: app.pkg ? '' : location.hash, note: fill(S.teacher.otherLanguage, { language: name }) };
  const total = lesson.steps.length;
  const keys = new Map();
  for (const k of PAGE_KEYS.slice(1)) if (params.has(k)) keys.set(k, params.get(k));
  const step = Math.min(Math.max(parseInt(keys.get('step'), 10) || 1, 1), total);
  keys.set('step', String(step));
  app.root.classList.toggle('embed', keys.get('embed') === '1');
  const overrides = new Map([...params].filter(([k]) => !PAGE_KEYS.includes(k)));
  const preset = lesson.steps[step - 1].scene;
  let query = page.merge(app, preset, overrides, keys);
  await page.loadModule(app, moduleFor(query));
  let problem = null;
  const bad = app.wasm.checkScene(query.toString(), app.lang);
  if (bad) {
    problem = `${S.badScene} ${bad}`;
    overrides.clear();
    query = page.merge(app, preset, overrides, keys);
    await page.loadModule(app, moduleFor(query));
  }
  app.current = { lesson, step, preset, overrides, page: keys, answered: false };
  page.renderLesson(app, problem);
  if (problem) page.writeURL(app);
}

/** The page for a course that cannot be shown: each problem on a line, and the way to the editor. */
function cannotShow(app, lines, editable = false) {
  const { S } = app;
  if (app.stage) { app.stage.dispose(); app.stage = null; }
  app.current = null;
  document.title = `${S.teacher.cannotShow} · Descent`;
  const list = el('ul', { class: 'course-problems', role: 'alert' }, ...lines.slice(0, 20).map((t) => el('li', { text: t })),
    lines.length > 20 ? el('li', { text: '…' }) : null);
  app.main.replaceChildren(el('section', { class: 'home course-refused' },
    el('h1', { text: S.teacher.cannotShow }),
    list,
    editable ? el('p', {}, el('a', { class: 'button', href: `?edit${location.hash}`, text: S.teacher.edit })) : null));
  app.root.dataset.ready = app.root.dataset.settled = 'true';
}
