// Routing: from the address to a shown page (the course, or a lesson step with its scene), and
// the page's own ways of going somewhere else (step links, the site's links, the language).

import { dropURL, flushURL, merge, writeURL } from './address.js';
import { courseIndex, lessonData } from './course.js';
import { home } from './home.js';
import { renderLesson } from './lesson.js';
import { loadModule } from './module.js';
import { fill } from './i18n.js';
import { RANK, moduleFor, pickLang, siteLangs } from './pick.js';
import { fatal, pageKeys, sceneState, setLang } from './state.js';

/**
 * A teacher's course (a course link's fragment, or a package holding one) and the course editor
 * (`?edit`) are shown by teacher.js, a file of its own, loaded only then; it gets the page's
 * functions it uses from here.
 */
const teacher = (app) => import('./teacher.js').catch((e) => { console.warn(e); home(app, app.S.noEditor); return null; });
const PAGE = { merge, writeURL, loadModule, renderLesson: (app, problem) => renderLesson(app, problem) };

/** Shows what the address names. A bad scene key gets a message and the step's own scene. */
export async function route(app) {
  // The address bar already shows where we are going; a write still pending was for the page left.
  dropURL(app);
  sceneState(app, false);
  // A package may show another address: where a relaunch resumes, or its one lesson.
  if (app.pkg) app.pkg.steer();
  const raw = location.search;
  const params = new URLSearchParams(raw);
  // A link's own keys may already need a larger module (a typed formula, the 3-D view).
  await loadModule(app, moduleFor(params));
  // The page's strings come with the course map, in the language shown.
  app.lang = pickLang(params.get('lang'));
  setLang(app, await courseIndex(app));
  const own = (location.hash.startsWith('#course=') && !params.has('edit')) || (app.pkg && app.pkg.course);
  if (own || (params.has('edit') && !app.pkg)) {
    const t = await teacher(app);
    return t && (own ? t.playCourse(app, params, PAGE) : t.openEditor(app));
  }
  const { wasm, lang, S } = app;
  const PAGE_KEYS = pageKeys(app);
  let problem = wasm.checkScene(raw, lang);
  const page = new Map();
  const overrides = new Map();
  if (problem) {
    // Keep only the page keys that are sound on their own.
    for (const k of PAGE_KEYS) {
      const v = params.get(k);
      if (v !== null && !wasm.checkScene(`${k}=${encodeURIComponent(v)}`, lang)) page.set(k, v);
    }
    // The scene keys may only need the step's preset around them (a 2-D start, one rate per
    // optimizer): they get a second look below, unless a page key or a repeated key is the trouble.
    const keys = [...params.keys()];
    if (keys.every((k) => !PAGE_KEYS.includes(k) || page.has(k)) && new Set(keys).size === keys.length) {
      for (const [k, v] of params) if (!PAGE_KEYS.includes(k)) overrides.set(k, v);
    }
  } else {
    for (const [k, v] of params) (PAGE_KEYS.includes(k) ? page : overrides).set(k, v);
  }
  // A language tag the scene table takes but this site has no strings for: said, and dropped.
  const missing = page.has('lang') && page.get('lang') !== lang ? noLanguage(app, page.get('lang')) : null;
  if (missing) page.delete('lang');
  app.root.classList.toggle('embed', page.get('embed') === '1');
  const id = page.get('lesson');
  if (!id) return home(app, [problem, missing].filter(Boolean).join(' ') || null);
  let lesson;
  try { lesson = await lessonData(app, id); } catch (e) { console.warn(e); return home(app, S.notFound); }
  const total = lesson.steps.length;
  const step = Math.min(Math.max(parseInt(page.get('step'), 10) || 1, 1), total);
  page.set('step', String(step));
  const preset = lesson.steps[step - 1].scene;
  let query = merge(app, preset, overrides, page);
  // A preset may need a larger module than the link did (a formula, a model): load it first.
  if (RANK[moduleFor(query)] > RANK[app.moduleKind]) {
    await loadModule(app, moduleFor(query));
    problem = problem && app.wasm.checkScene(raw, lang);
  }
  const bad = app.wasm.checkScene(query.toString(), lang);
  if (bad) { problem = problem || bad; overrides.clear(); query = merge(app, preset, overrides, page); }
  else if (overrides.size) problem = null; // the link's scene keys fit this step
  // The 3-D view lives in a larger module, loaded when a step first shows it.
  await loadModule(app, moduleFor(query));
  app.current = { lesson, step, preset, overrides, page, answered: false };
  renderLesson(app, [problem && `${S.badScene} ${problem}`, missing].filter(Boolean).join(' ') || null);
  if (problem || missing) writeURL(app);
}

/** The message for a link asking for a language the site does not have. */
function noLanguage(app, tag) {
  const names = app.index.languages;
  const name = (l) => (names.find((x) => x.lang === l) || { name: l }).name;
  return fill(app.S.noLanguage, { lang: tag, language: name(app.lang), languages: names.map((x) => x.name).join(', ') });
}

/** Goes to `href` (a query string) as a new history entry, without reloading the page. */
export function navigate(app, href) {
  flushURL(app);
  history.pushState(null, '', href);
  return route(app);
}

/** Follows the page's own links (`a[data-route]`: step and lesson links) without reloading. */
export function followLinks(app) {
  app.main.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-route]');
    if (!a) return;
    e.preventDefault();
    navigate(app, a.getAttribute('href'));
  });
}

/** The site's header links: the course or the playground, in the language the address asks for. */
export function siteLink(app, a, e) {
  e.preventDefault();
  flushURL(app);
  const q = new URLSearchParams();
  if (a.dataset.nav === 'playground') q.set('lesson', 'playground');
  const l = new URLSearchParams(location.search).get('lang');
  if (siteLangs().includes(l)) q.set('lang', l);
  navigate(app, `?${q}`);
}

/** The same page in another language. */
export function switchLang(app, l) {
  flushURL(app);
  const u = new URL(location.href);
  u.searchParams.set('lang', l);
  history.replaceState(null, '', u);
  route(app);
}

/** An embedding page's `descent:scene` command: that scene, keeping this frame's embedding, hidden controls and language. */
export function openScene(app, query) {
  const q = new URLSearchParams(query);
  flushURL(app);
  const now = new URLSearchParams(location.search);
  for (const k of ['embed', 'hide', 'lang']) if (!q.has(k) && now.has(k)) q.set(k, now.get(k));
  loadModule(app, moduleFor(q)).then(() => {
    if (!app.wasm.checkScene(q.toString(), app.lang)) { history.replaceState(null, '', `?${q}`); route(app); }
  }).catch((e) => fatal(app, e));
}
