// The page's state, held in one object made at boot and passed to every function that needs
// it (no module keeps state of its own), and a few readings of it that several parts share.

import { showStrings } from './i18n.js';

/** A fresh state: nothing loaded, nothing shown. */
export function createState() {
  return {
    /** The wasm-bindgen module loaded and its kind (pick.js: RANK). */
    wasm: null,
    moduleKind: null,
    /**
     * The scene table as the module hands it over (crates/core/src/scene.rs: KEYS):
     * `keys` (each with its default, range and controls), `lists` (surfaces, optimizers,
     * views with their label ids), `spec` (a Map from key to its row).
     */
    table: null,
    /** The language shown (pick.js: pickLang), and its strings once its course map has arrived. */
    lang: 'en',
    S: null,
    /** The canvases and animation loop of the step shown (stage.js), if any. */
    stage: null,
    /** The course map, once loaded, and the lesson files, each fetched once (course.js). */
    index: null,
    files: new Map(),
    /**
     * The lesson step shown, or null on the course page: { lesson, step, preset, overrides,
     * page (the page keys), answered, session, controls, speed, secant, dataModel, pendingReady }.
     */
    current: null,
    /**
     * Inside a SCORM package: the package (package.js: its course, the learner's record, the
     * learning platform); null on the site.
     */
    pkg: null,
    /** The course editor shown, if any (editor.js), and whether it listens to its preview frame. */
    editor: null,
    editorHeard: false,
    /**
     * A learner's own data (own-data.js), kept while the page is open: { table (the wasm
     * reader's handle), name, sep, chosen: { label, features, describe } or null }; the loader
     * panel's parts (ownUi) and a reading in progress (ownJob: { cancelled }).
     */
    own: null,
    ownUi: null,
    ownJob: null,
    /** A pending write of the address bar (address.js). */
    url: { frame: 0, timer: 0 },
    root: document.documentElement,
    main: document.getElementById('main'),
  };
}

/** Reads the scene table from a freshly loaded module (every module hands over the same one). */
export function readTable(wasm) {
  const t = JSON.parse(wasm.sceneTable());
  return { ...t, spec: new Map(t.keys.map((k) => [k.key, k])) };
}

/** A key's default, as written in a URL ('' for none). */
export function defaultOf(app, key) {
  return app.table.spec.get(key).default;
}

/** The keys the table marks `page` (lesson, step, lang, embed, hide): about the page, not the scene. */
export function pageKeys(app) {
  return app.table.keys.filter((k) => k.page).map((k) => k.key);
}

/** Shows the page in the language of `index` (a course map, lessons/index.<lang>.json), with its strings. */
export function setLang(app, index) {
  app.lang = index.lang;
  app.S = index.ui;
  app.root.lang = index.lang;
  showStrings(app.S, index.lang);
}

/**
 * The test hooks on <html>: `data-ready` (every canvas of the scene drawn) and `data-settled`
 * (nothing left to refine or fill in), both cleared while a scene loads (false) or both set for a
 * page with nothing left to draw (true). The stage sets them one by one as it draws.
 */
export function sceneState(app, done) {
  app.root.dataset.ready = app.root.dataset.settled = done ? 'true' : '';
}

/**
 * Failures: never a frozen canvas. The crash screen (its words are the page's language's once
 * they have arrived, else the English the build wrote into the page), and the loop stopped.
 */
export function fatal(app, err) {
  console.error(err);
  const box = document.getElementById('fatal');
  box.hidden = false;
  document.documentElement.classList.remove('words-pending'); // the header's links, in English
  if (app.stage) app.stage.stop();
}

/** Hidden by the link (`hide=`, a classroom view) or by the lesson step's own preset. */
export function hidden(app, name) {
  const { page, preset } = app.current;
  const h = `${page.get('hide') || ''},${new URLSearchParams(preset).get('hide') || ''}`.split(',');
  return h.includes(name);
}

/** The views a scene shows: its `view=` list, else a cost curve and numbers (1-D) or a map and the loss (2-D). */
export function viewsOf(q, session) {
  const v = q.get('view');
  if (v) return v.split(',');
  if (q.get('surface') === 'none') return [];
  // A learner's own data: its cost, a classifier's accuracy, the weights by column, the data.
  if (q.get('surface') === 'own') return session && session.accuracyOf(0) !== undefined ? ['loss', 'accuracy', 'coefs', 'matrix'] : ['loss', 'coefs', 'matrix'];
  const dim = session.dim();
  // A real model: its cost and accuracy over time (no map of one or two parameters fits it).
  if (dim > 2) return ['loss', 'accuracy', 'readout'];
  return dim === 1 ? ['curve', 'readout'] : ['contour', 'loss'];
}
