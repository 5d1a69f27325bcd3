// Descent's page, at boot: the page's state, the page-wide events, and the first route. Each
// part of the page is a module of its own; they share one state object (state.js), passed in:
//   route.js     the address → the course page (home.js) or a lesson step (lesson.js)
//   lesson.js    a step's text, checkpoint and links, beside its scene
//   scene.js     the step's session, what a changed key does, the run's buttons, per-frame panels
//   controls.js  every control, built from the core's scene table
//   address.js   the step's scene (preset ⊕ link) and the address bar
//   progress.js, course.js, module.js, share.js, embed.js: progress, lesson files, wasm modules,
//                links/exports, embedding messages
//   offline.js   the service worker (sw.js: every file of this version, for offline use) and updates
//   package.js + lms.js  inside a SCORM package only: its course, the learner's record, the LMS
// Lesson text is data (lessons/<id>/<lang>.md, compiled to JSON by crates/lessons), loaded on demand.

import { flushURL } from './address.js';
import { listenForCommands } from './embed.js';
import { courseIndex, listedLesson } from './course.js';
import { showTextFirst } from './lesson.js';
import { loadModule } from './module.js';
import { keepOffline } from './offline.js';
import { moduleFor, pickLang } from './pick.js';
import { followLinks, openScene, route, siteLink, switchLang } from './route.js';
import { act, onKey } from './scene.js';
import { createState, fatal } from './state.js';

const app = createState();

// Failures: never a frozen canvas.
window.addEventListener('error', (e) => { if (e.error instanceof WebAssembly.RuntimeError) fatal(app, e.error); });
window.addEventListener('unhandledrejection', (e) => fatal(app, e.reason));
document.getElementById('fatal-reload').addEventListener('click', () => location.reload());

window.addEventListener('pagehide', () => flushURL(app));
window.addEventListener('popstate', () => route(app));
// A course link whose fragment changed (the editor's preview frame, a pasted link): the new course.
window.addEventListener('hashchange', () => { if (location.hash.startsWith('#course=')) route(app); });
document.addEventListener('keydown', (e) => onKey(app, e));
listenForCommands({ act: (what) => act(app, what), scene: (query) => openScene(app, query) });
followLinks(app);
document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => switchLang(app, b.dataset.lang)));
document.querySelectorAll('[data-nav]').forEach((a) => a.addEventListener('click', (e) => siteLink(app, a, e)));

async function boot() {
  const q = new URLSearchParams(location.search);
  // Start the text downloads now, alongside the wasm module, not after it (where early.js ran,
  // these pick up the downloads it started).
  app.lang = pickLang(q.get('lang'));
  const first = q.get('lesson');
  courseIndex(app).catch(() => {});
  if (first) listedLesson(app, first).catch(() => {});
  // A SCORM package's page carries its course as a data block; only then is package.js loaded
  // (a separate file: a visit to the site never downloads it).
  const pkg = document.getElementById('descent-package');
  const opening = pkg && import('./package.js').then((m) => m.openPackage(app, JSON.parse(pkg.textContent)));
  // Text first: the step's text is shown as soon as it arrives, and painted with the fonts it
  // asked for (a formula's), before the wasm module is even asked for: on a slow network the
  // words do not share the line with it.
  const shownAt = await showTextFirst(app, q);
  if (shownAt) {
    await painted(shownAt);
    if (document.fonts.status === 'loading') { await document.fonts.ready; await nextFrame(); }
  }
  await loadModule(app, moduleFor(q));
  if (opening) app.pkg = await opening;
  // Test and benchmark hooks.
  window.descent = { stage: () => app.stage, session: () => app.current && app.current.session, frameStats: () => (app.stage ? app.stage.frameStats() : []) };
  await route(app);
  // After one visit, the course works offline (not in a package or the single-file build).
  keepOffline(app);
}
boot().catch((e) => fatal(app, e));

/**
 * Resolves once the step's text shown at `since` is on screen: the browser's own report of the
 * page's largest text paint, where it makes one, once that is the step's (a frame's callbacks
 * run before its paint is shown), else the next frame; never later than 300 ms.
 */
function painted(since) {
  return new Promise((resolve) => {
    let watch = null;
    const done = () => { clearTimeout(late); if (watch) watch.disconnect(); resolve(); };
    const late = setTimeout(done, 300);
    if ((PerformanceObserver.supportedEntryTypes || []).includes('largest-contentful-paint') && !app.root.classList.contains('embed')) {
      const text = (e) => e.startTime >= since && e.element && e.element.closest('.lesson-text');
      watch = new PerformanceObserver((list) => { if (list.getEntries().some(text)) done(); });
      watch.observe({ type: 'largest-contentful-paint', buffered: true });
    } else nextFrame().then(done);
  });
}

/** Resolves after the next frame's callbacks and paint. */
function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
