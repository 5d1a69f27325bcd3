// Starts the first scene's text downloads while the HTML is still being read, and names the
// wasm module the step needs (app.js fetches it once the step's text is on screen: on a slow
// network the words come first, not sharing the line with the module). Without this, the text
// would wait for app.js (the larger script) to be fetched, compiled and run. The build inlines it at the top of the
// page's head (scripts/inline-early.mjs), so it runs as the parser reaches it; app.js takes
// what it started from `window.descentEarly`, and fetches for itself where this did not run
// (the single-file build) or guessed otherwise.
//
// The lesson steps whose preset needs a larger module than the address shows (a step with
// the 3-D view, a typed formula) come from the lesson files at build time (STEP_MODULES,
// scripts/step-modules.mjs), so a first visit to such a step downloads only its module (its
// glue preloaded here).
import { hasMath, pickLang, moduleFor, moduleFiles, larger } from './pick.js';

/* global STEP_MODULES, LESSON_IDS */
const steps = typeof STEP_MODULES === 'object' ? STEP_MODULES : {};
// The lessons the build made (a link to another gets the page's message, and no request that fails).
const known = typeof LESSON_IDS === 'object' ? LESSON_IDS : null;
const tag = document.currentScript;
const q = new URLSearchParams(location.search);
const lang = pickLang(q.get('lang'));
const quiet = (p) => { p.catch(() => {}); return p; }; // app.js reports failures, if it uses them
const json = (name) => quiet(fetch(`lessons/${name}.${lang}.json`).then((r) => {
  if (!r.ok) throw new Error(`lessons/${name}.${lang}.json: HTTP ${r.status}`);
  return r.json();
}));

const base = new URL(tag.dataset.wasm, location.href);
const preload = (attrs) => document.head.append(Object.assign(document.createElement('link'), attrs));
// The header's links are written in English; in another language they wait, unseen, for their
// words (i18n.js: showStrings), so the header does not move when they come.
if (lang !== 'en') document.documentElement.classList.add('words-pending');
const files = { [`index.${lang}`]: json('index') };
const id = q.get('lesson');
const step = parseInt(q.get('step') || '1', 10) || 1;
if (id && (known ? known.includes(id) : /^[a-z-]{1,20}$/.test(id))) {
  files[`${id}.${lang}`] = json(id);
  // A step with formulas: their font, so its text is first shown in it (no shift when it comes).
  files[`${id}.${lang}`].then((lesson) => {
    const st = lesson.steps && lesson.steps[Math.min(step, lesson.steps.length) - 1];
    if (st && hasMath(st)) loadMathFont();
  }, () => {});
}
/**
 * Asks for the formulas' font through the stylesheet's own @font-face, once its rules are in: the
 * one route by which the font is ever fetched. (A `<link rel="preload">` beside it is a second
 * route: when both ask at the same moment, Chromium can fetch the font twice.)
 */
function loadMathFont() {
  const css = document.querySelector('link[rel="stylesheet"]');
  const load = () => quiet(document.fonts.load('1em "Descent Math"'));
  if (css && !css.sheet) css.addEventListener('load', load, { once: true });
  else load();
}

const kind = larger(moduleFor(q), steps[`${id}.${step}`] || 'lean');
if (kind !== 'lean') preload({ rel: 'modulepreload', href: new URL(moduleFiles(kind)[0], base).href });
window.descentEarly = { lang, kind, files };
