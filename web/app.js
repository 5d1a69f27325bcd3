// Descent's page: boots the wasm module, turns the URL into a lesson step and a scene,
// and wires the controls. Lesson text is data (web/lessons/*.json), loaded on demand.

import { STRINGS } from './i18n.js';
import { RANK, pickLang, moduleFor, larger } from './pick.js';
import { Stage } from './stage.js';
import { el, fmt, richText, renderTable, renderReadout, renderMatrix, renderETable } from './ui.js';
// The lean module's wasm-bindgen glue, bundled into this file by scripts/build.sh (one request,
// and its wasm starts compiling as soon as this module runs). The full module's glue is loaded
// on demand (see loadModule).
import * as leanGlue from './descent-lean.js';

const PAGE_KEYS = ['lesson', 'step', 'lang', 'embed', 'hide'];
const PROGRESS = 'descent.progress.v1';
const main = document.getElementById('main');
const root = document.documentElement;

let wasm;
let lang = 'en';
let S = STRINGS.en;
let stage;
let index = null;
let current = null; // { lesson, step, preset, overrides, page, query, views, answered }

// ---------- failures: never a frozen canvas ----------
function fatal(err) {
  console.error(err);
  const box = document.getElementById('fatal');
  document.getElementById('fatal-text').textContent = S.crashed;
  document.getElementById('fatal-reload').textContent = S.reload;
  box.hidden = false;
  if (stage) stage.stop();
}
window.addEventListener('error', (e) => { if (e.error instanceof WebAssembly.RuntimeError) fatal(e.error); });
window.addEventListener('unhandledrejection', (e) => fatal(e.reason));
document.getElementById('fatal-reload').addEventListener('click', () => location.reload());

// ---------- progress ----------
function progress() {
  try { return JSON.parse(localStorage.getItem(PROGRESS)) || {}; } catch { return {}; }
}
function saveProgress(p) { try { localStorage.setItem(PROGRESS, JSON.stringify(p)); } catch { /* private mode */ } }
function markStep(id, step, total) {
  const p = progress();
  const was = p[id] || {};
  p[id] = { step, done: !!was.done || step >= total, at: Date.now() };
  saveProgress(p);
}

// ---------- data ----------
async function getJSON(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}
// Each file is fetched once; the promise is kept, so a fetch started early (at boot, while the
// wasm module loads) is the one later awaited. The build has one file per language
// (scripts/split-lessons.mjs): `lessons/adam.ko.json` holds the Korean text only.
const files = new Map();
function langFile(name, l) {
  const key = `${name}.${l}`;
  if (!files.has(key)) {
    // early.js may have started this download already.
    const early = window.descentEarly && window.descentEarly.files[key];
    if (early) delete window.descentEarly.files[key];
    files.set(key, (early || getJSON(`lessons/${key}.json`)).catch((e) => { files.delete(key); throw e; }));
  }
  return files.get(key);
}
async function courseIndex() {
  index = await langFile('index', lang);
  return index;
}
function lessonData(id) {
  return langFile(id, lang);
}

// ---------- URL ----------
/** Preset keys that belong to the preset's surface and lapse when the learner picks another one. */
const SURFACE_KEYS = ['start', 'f', 'domain', 'cond', 'angle', 'view', 'show', 'm'];

function merge(preset, overrides, page) {
  const q = new URLSearchParams(preset);
  for (const k of PAGE_KEYS) q.delete(k);
  if (overrides.has('surface') && overrides.get('surface') !== (q.get('surface') || 'line')) {
    for (const k of SURFACE_KEYS) q.delete(k);
  }
  for (const [k, v] of overrides) q.set(k, v);
  for (const [k, v] of page) q.set(k, v);
  return q;
}
/**
 * Puts the step and its changed keys in the address bar, after the next frame: a same-document
 * URL change costs the page a style and layout pass, which would otherwise hold back the redrawn
 * scene. Changes in a row write once; `flushURL` writes now (before a link is copied, before
 * another entry is pushed, when the page is left).
 */
let urlFrame = 0;
let urlTimer = 0;
function writeURL() {
  if (!urlFrame && !urlTimer) urlFrame = requestAnimationFrame(() => { urlFrame = 0; urlTimer = setTimeout(flushURL, 0); });
}
function dropURL() {
  cancelAnimationFrame(urlFrame);
  clearTimeout(urlTimer);
  urlFrame = urlTimer = 0;
}
function flushURL() {
  const pending = urlFrame || urlTimer;
  dropURL();
  if (!pending || !current) return;
  const q = new URLSearchParams();
  for (const [k, v] of current.page) q.set(k, v);
  for (const [k, v] of current.overrides) q.set(k, v);
  const s = q.toString();
  history.replaceState(null, '', s ? `?${s}` : location.pathname);
  postHeight();
}
window.addEventListener('pagehide', flushURL);
function setLang(l) {
  lang = l;
  S = STRINGS[l];
  root.lang = l;
  document.querySelectorAll('[data-i18n]').forEach((n) => { const v = S[n.dataset.i18n]; if (typeof v === 'string') n.textContent = v; });
  document.querySelectorAll('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === l)));
}

// ---------- messages ----------
function message(text, kind = 'error') {
  const box = document.getElementById('message');
  if (!box) return;
  box.replaceChildren();
  box.hidden = !text;
  box.className = `message ${kind}`;
  if (text) box.append(el('p', { text }));
}

/**
 * The test hooks on <html>: `data-ready` (every canvas of the scene drawn) and `data-settled`
 * (nothing left to refine or fill in), both cleared while a scene loads (false) or both set for a
 * page with nothing left to draw (true). The stage sets them one by one as it draws.
 */
function sceneState(done) {
  root.dataset.ready = root.dataset.settled = done ? 'true' : '';
}

// ---------- routing ----------
async function route() {
  // The address bar already shows where we are going; a write still pending was for the page left.
  dropURL();
  sceneState(false);
  const raw = location.search;
  const params = new URLSearchParams(raw);
  // A link's own keys may already need a larger module (a typed formula, the 3-D view).
  await loadModule(moduleFor(params));
  setLang(pickLang(params.get('lang')));
  let problem = wasm.checkScene(raw, lang);
  const page = new Map();
  const overrides = new Map();
  if (problem) {
    // Keep only the page keys that are sound on their own.
    for (const k of ['lesson', 'step', 'lang', 'embed', 'hide']) {
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
  root.classList.toggle('embed', page.get('embed') === '1');
  const id = page.get('lesson');
  if (!id) return home(problem);
  let lesson;
  try { lesson = await lessonData(id); } catch (e) { console.warn(e); return home(S.notFound); }
  const total = lesson.steps.length;
  const step = Math.min(Math.max(parseInt(page.get('step') || '1', 10) || 1, 1), total);
  page.set('step', String(step));
  await courseIndex().catch(() => null);
  const preset = lesson.steps[step - 1].scene;
  let query = merge(preset, overrides, page);
  // A preset may need a larger module than the link did (a formula, a model): load it first.
  if (RANK[moduleFor(query)] > RANK[moduleKind]) {
    await loadModule(moduleFor(query));
    problem = problem && wasm.checkScene(raw, lang);
  }
  const bad = wasm.checkScene(query.toString(), lang);
  if (bad) { problem = problem || bad; overrides.clear(); query = merge(preset, overrides, page); }
  else if (overrides.size) problem = null; // the link's scene keys fit this step
  // The 3-D view lives in a larger module, loaded when a step first shows it.
  await loadModule(moduleFor(query));
  current = { lesson, step, preset, overrides, page, answered: false };
  renderLesson(problem ? `${S.badScene} ${problem}` : null);
  if (problem) writeURL();
}

function home(problem) {
  if (stage) { stage.dispose(); stage = null; }
  current = null;
  courseIndex().then((idx) => {
    const p = progress();
    const next = idx.lessons.find((l) => !(p[l.id] && p[l.id].done)) || idx.lessons[0];
    const list = el('ol', { class: 'course' }, ...idx.lessons.map((l) => {
      const done = p[l.id] && p[l.id].done;
      return el('li', { class: done ? 'done' : null },
        el('a', { href: `?lesson=${l.id}&lang=${lang}` },
          el('span', { class: 'num', text: String(l.n) }),
          el('span', { class: 'ttl', text: l.title[lang] }),
          el('span', { class: 'sum', text: l.summary[lang] }),
          done ? el('span', { class: 'badge', text: S.finished }) : null));
    }));
    const cont = el('a', { class: 'button primary', href: `?lesson=${next.id}&step=${(p[next.id] && p[next.id].step) || 1}&lang=${lang}` }, S.continueAt(next.title[lang]));
    const reset = el('button', { type: 'button', class: 'button quiet', text: S.resetProgress, onclick: () => { saveProgress({}); home(S.progressCleared); } });
    main.replaceChildren(
      el('div', { id: 'message', class: 'message', hidden: true, role: 'status' }),
      el('section', { class: 'home' }, el('h1', { text: S.courseTitle }), el('p', { class: 'intro', text: S.courseIntro }),
        el('div', { class: 'home-actions' }, cont, reset), list));
    if (problem) message(problem, problem === S.progressCleared ? 'info' : 'error');
    document.title = 'Descent';
    sceneState(true);
    postHeight();
  }).catch(fatal);
}

// ---------- the lesson view ----------
/** Hidden by the link (`hide=`, a classroom view) or by the lesson step's own preset. */
function hidden(name) {
  const h = `${current.page.get('hide') || ''},${new URLSearchParams(current.preset).get('hide') || ''}`.split(',');
  return h.includes(name);
}

function renderLesson(problem) {
  const { lesson, step } = current;
  const total = lesson.steps.length;
  const st = lesson.steps[step - 1];
  document.title = `${lesson.title[lang]} · Descent`;
  markStep(lesson.id, step, total);
  const nav = (k) => { const q = new URLSearchParams(); q.set('lesson', lesson.id); q.set('step', String(k)); if (current.page.has('lang')) q.set('lang', lang); for (const x of ['embed', 'hide']) if (current.page.has(x)) q.set(x, current.page.get(x)); return `?${q}`; };
  const go = (e) => { e.preventDefault(); flushURL(); history.pushState(null, '', e.currentTarget.getAttribute('href')); route(); };
  const prev = step > 1 ? el('a', { class: 'button', href: nav(step - 1), rel: 'prev', onclick: go, text: `← ${S.prev}` }) : el('span');
  let nextLink;
  if (step < total) nextLink = el('a', { class: 'button primary', href: nav(step + 1), rel: 'next', onclick: go, text: `${S.next} →` });
  else if (index) {
    const i = index.lessons.findIndex((l) => l.id === lesson.id);
    const nl = index.lessons[i + 1];
    nextLink = nl ? el('a', { class: 'button primary', href: `?lesson=${nl.id}${current.page.has('lang') ? `&lang=${lang}` : ''}`, onclick: go, text: `${nl.title[lang]} →` }) : el('span');
  } else nextLink = el('span');

  const text = el('section', { class: 'lesson-text', 'aria-labelledby': 'step-title' },
    el('p', { class: 'kicker', text: `${S.lesson} ${lesson.n} · ${lesson.title[lang]}` }),
    el('h1', { id: 'step-title', text: st.title[lang] }),
    el('p', { class: 'step-of', text: S.stepOf(step, total) }),
    el('div', { class: 'body' }, richText(st.body[lang])),
    st.check ? checkpoint(st.check) : null,
    el('nav', { class: 'step-nav', 'aria-label': S.lesson }, prev, nextLink),
    el('div', { class: 'share' },
      el('button', { type: 'button', class: 'button quiet', text: S.copyLink, onclick: copyLink }),
      el('button', { type: 'button', class: 'button quiet', text: S.embed, onclick: showEmbed }),
      el('button', { type: 'button', class: 'button quiet', text: S.exportPng, onclick: exportPng }),
      el('button', { type: 'button', class: 'button quiet', text: S.exportCsv, onclick: exportCsv })));
  if (hidden('text')) text.hidden = true;
  if (hidden('nav')) text.querySelector('.step-nav').hidden = true;

  const controls = el('div', { class: 'controls', role: 'group', 'aria-label': S.controls });
  const views = el('div', { class: 'views' });
  const scene = el('section', { class: 'scene', 'aria-label': lesson.title[lang] },
    el('div', { id: 'message', class: 'message', hidden: true, role: 'alert' }),
    controls, views,
    el('p', { id: 'narration', class: 'sr-only', 'aria-live': 'polite' }));
  main.replaceChildren(el('div', { class: 'lesson' }, text, scene));
  if (!stage || stage.root !== views) {
    if (stage) stage.dispose();
    stage = new Stage(wasm, views, {
      strings: () => S,
      lang: () => lang,
      speed: () => current.speed,
      onStart: (p, dragging) => { const ws = document.getElementById('ctl-w'); if (ws && p.length === 1) { ws.value = String(p[0]); ws.nextElementSibling.textContent = fmt(p[0], 2); } current.session.setStart(new Float64Array(p)); const kept = new URLSearchParams(current.session.toQuery()).get('start'); if (kept) current.overrides.set('start', kept); else current.overrides.delete('start'); if (!dragging) writeURL(); stage.dirty = true; stage.kick(); },
      onRelease: () => writeURL(),
      onTick: tick,
      onFatal: fatal,
      // `data-ready` turns true once every canvas of the new scene has been drawn;
      // `data-settled` once nothing is left to refine or fill in (coarse maps, basin maps).
      onDrawn: (settled) => {
        if (current && current.pendingReady) { current.pendingReady = false; root.dataset.ready = 'true'; }
        if (settled && root.dataset.settled !== 'true' && root.dataset.ready === 'true') root.dataset.settled = 'true';
      },
      onPlayState: (on) => { const b = document.getElementById('play'); if (b) { b.textContent = on ? S.pause : S.play; b.setAttribute('aria-pressed', String(on)); } if (!on) narrate(); },
    });
  }
  current.controls = controls;
  if (!loadScene()) sceneState(true);
  if (problem) message(problem);
}

function mergedParams() { return merge(current.preset, current.overrides, current.page); }

function viewsOf(q, session) {
  const v = q.get('view');
  if (v) return v.split(',');
  if (q.get('surface') === 'none') return [];
  return session.dim() === 1 ? ['curve', 'readout'] : ['contour', 'loss'];
}

function loadScene() {
  const q = mergedParams();
  sceneState(false);
  current.pendingReady = true;
  let session;
  try {
    session = stage.load(q.toString(), null);
  } catch (e) {
    // The old scene (if any) stays on screen and stays usable.
    return refused(e, q);
  }
  current.session = session;
  // What the per-frame panels and the loop need, read once per scene.
  current.speed = Number(q.get('speed') || 8);
  current.secant = (q.get('show') || '').includes('secant');
  current.dataModel = ['linreg', 'cats'].includes(q.get('surface'));
  const names = viewsOf(q, session);
  // The same panels keep their canvases (and a turned 3-D view its angle); each redraws what changed.
  if (names.join(',') !== (stage.viewNames || []).join(',')) stage.build(names);
  buildControls(q);
  message(null);
  stage.drawNow();
  narrate();
  return true;
}

/** Changes one scene key from a control; a bad value keeps the old scene and says why. */
function setKey(key, value) {
  const before = current.overrides.get(key);
  if (value === null) current.overrides.delete(key); else current.overrides.set(key, String(value));
  if (key !== 'start') current.overrides.delete('start');
  const q = mergedParams();
  const restore = () => { if (before === undefined) current.overrides.delete(key); else current.overrides.set(key, before); };
  if (key === 'speed') {
    // Only how fast time runs: the run goes on.
    const bad = wasm.checkScene(q.toString(), lang);
    if (bad) { restore(); message(bad); return; }
    current.speed = Number(q.get('speed') || 8);
    message(null);
    writeURL();
    return;
  }
  // The scene is built once; only a refusal asks the core again, for the message in the page language.
  const ok = ['surface', 'opt', 'f'].includes(key) ? loadScene() : reloadSession(q);
  if (ok) writeURL(); else restore();
}

/** A new session for the same panels and controls; false (with the reason shown) if refused. */
function reloadSession(q) {
  sceneState(false);
  current.pendingReady = true;
  try {
    current.session = stage.load(q.toString(), stage.viewNames);
  } catch (e) {
    return refused(e, q);
  }
  message(null);
  stage.drawNow();
  return true;
}

/** Shows why a scene was refused (or the crash screen for a trap inside wasm); the old scene stays. */
function refused(e, q) {
  if (e instanceof WebAssembly.RuntimeError) { fatal(e); return false; }
  current.pendingReady = false;
  sceneState(true);
  message(wasm.checkScene(q.toString(), lang) || String(e.message || e));
  return false;
}

// ---------- controls ----------
const SLIDERS = {
  lr: { min: -3, max: 1, log: true, step: 0.01 },
  beta1: { min: 0, max: 0.999, step: 0.001 },
  beta2: { min: 0, max: 0.9999, step: 0.0001 },
  beta: { min: 0, max: 0.999, step: 0.001 },
  dw: { min: -3, max: 0.5, log: true, step: 0.01 },
  n: { min: 1, max: 1000, step: 1 },
  cond: { min: 1, max: 100, step: 1 },
  angle: { min: -90, max: 90, step: 5 },
  batch: { min: 1, max: 64, step: 1 },
  noise: { min: 0, max: 3, step: 0.05 },
  speed: { min: 1, max: 240, step: 1 },
};

function slider(key, q) {
  const spec = SLIDERS[key];
  const raw = q.get(key) || { lr: '0.1', beta1: '0.9', beta2: '0.999', beta: '0.9', dw: '1', n: '2', cond: '20', angle: '0', batch: '8', noise: '0.5', speed: '8' }[key];
  const value = Number(String(raw).split(',')[0]);
  const id = `ctl-${key}`;
  const out = el('output', { for: id, text: key === 'batch' && raw === 'all' ? S.all : fmt(value, value >= 10 || Number.isInteger(value) ? 0 : 3) });
  const pos = spec.log ? Math.log10(value) : value;
  const input = el('input', { type: 'range', id, min: String(spec.min), max: String(spec.max), step: String(spec.step), value: String(pos), 'aria-valuetext': out.textContent });
  input.addEventListener('input', () => {
    const v = spec.log ? Number((10 ** Number(input.value)).toPrecision(3)) : Number(input.value);
    out.textContent = fmt(v, v >= 10 || Number.isInteger(v) ? 0 : 3);
    input.setAttribute('aria-valuetext', out.textContent);
  });
  input.addEventListener('change', () => {
    const v = spec.log ? Number((10 ** Number(input.value)).toPrecision(3)) : Number(input.value);
    setKey(key, v);
  });
  return el('div', { class: 'control slider' }, el('label', { for: id, text: S[key] || key }), input, out);
}

/** The w slider of lessons 1 and 2: moves the point (the scene's start) directly. */
function wSlider(q) {
  const w = current.session.params()[0];
  const out = el('output', { for: 'ctl-w', text: fmt(w, 2) });
  const input = el('input', { type: 'range', id: 'ctl-w', min: '-1', max: '2.6', step: '0.01', value: String(w) });
  input.addEventListener('input', () => {
    const v = Number(input.value);
    out.textContent = fmt(v, 2);
    current.session.setStart(new Float64Array([v]));
    current.overrides.set('start', String(v));
    stage.dirty = true;
    stage.kick();
  });
  input.addEventListener('change', () => writeURL());
  return el('div', { class: 'control slider' }, el('label', { for: 'ctl-w', text: 'w' }), input, out);
}

function buildControls(q) {
  const box = current.controls;
  // The rebuilt control keeps the keyboard focus (ids are stable): a surface picked with the
  // arrow keys stays picked-from.
  const focused = box.contains(document.activeElement) && document.activeElement.id;
  box.replaceChildren();
  const surface = q.get('surface') || 'line';
  const opts = (q.get('opt') || 'gd').split(',');
  const views = viewsOf(q, current.session);
  const runs = surface !== 'none';
  const buttons = el('div', { class: 'run-buttons' });
  if (runs && !(hidden('step') && hidden('play') && hidden('reset'))) {
    if (!hidden('step')) buttons.append(el('button', { type: 'button', id: 'step', class: 'button', text: S.step, onclick: () => act('step') }));
    if (!hidden('play')) buttons.append(el('button', { type: 'button', id: 'play', class: 'button primary', 'aria-pressed': 'false', text: S.play, onclick: () => act('toggle') }));
    if (!hidden('reset')) buttons.append(el('button', { type: 'button', id: 'reset', class: 'button', text: S.reset, onclick: () => act('reset') }));
    box.append(buttons);
  }
  if (surface !== 'none' && current.session.dim() === 1 && (views.includes('scatter') || (q.get('show') || '').includes('secant')) && !hidden('start')) {
    box.append(wSlider(q));
  }
  const add = (key, when) => { if (when && !hidden(key) && !(q.get(key) || '').includes(',')) box.append(slider(key, q)); };
  add('lr', runs && current.lesson.id !== 'playground');
  add('beta1', runs && opts.some((o) => ['momentum', 'nesterov', 'adam'].includes(o)));
  add('beta2', runs && opts.some((o) => ['rmsprop', 'adam'].includes(o)));
  add('batch', runs && ['linreg', 'cats'].includes(surface) && q.get('batch') && q.get('batch') !== 'all');
  add('dw', (q.get('show') || '').includes('secant'));
  add('cond', surface === 'ravine' && current.lesson.id !== 'adam');
  add('angle', surface === 'ravine' && q.get('angle'));
  add('beta', views.some((v) => ['ewa', 'weights', 'betalimit'].includes(v)));
  add('n', views.some((v) => ['compound', 'elimit'].includes(v)));
  add('speed', runs && !hidden('play'));
  if (views.includes('ewa') && !hidden('beta')) {
    const id = 'ctl-bias';
    const cb = el('input', { type: 'checkbox', id, checked: q.get('bias') === '1' });
    cb.addEventListener('change', () => setKey('bias', cb.checked ? 1 : 0));
    box.append(el('div', { class: 'control check' }, cb, el('label', { for: id, text: S.bias })));
  }
  if (current.lesson.id === 'playground') box.append(playgroundControls(q));
  const st = current.lesson.steps[current.step - 1];
  if (st.check && !current.answered) {
    for (const b of buttons.querySelectorAll('button')) b.disabled = true;
    box.append(el('p', { class: 'hint', text: S.checkLocked }));
  }
  const again = focused && document.getElementById(focused);
  if (again) again.focus({ preventScroll: true });
}

const OPTS = ['gd', 'sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'];
const DEFAULTS = { lr: '0.1', beta1: '0.9', beta2: '0.999', eps: '0.00000001' };

/** A per-optimizer key's value for each optimizer in `opts` (a single value applies to all). */
function perOpt(q, key, opts) {
  const vals = (q.get(key) || DEFAULTS[key]).split(',');
  return opts.map((_, i) => (vals.length === 1 ? vals[0] : vals[i]));
}

function playgroundControls(q) {
  const wrap = el('div', { class: 'playground' });
  const surfaces = ['bowl', 'ravine', 'rosenbrock', 'beale', 'himmelblau', 'saddle', 'wells', 'linreg', 'cats', 'line', 'bumpy', 'formula'];
  const sel = el('select', { id: 'ctl-surface' }, ...surfaces.map((s) => el('option', { value: s, text: s, selected: (q.get('surface') || 'line') === s })));
  sel.addEventListener('change', () => {
    current.overrides.delete('start');
    if (sel.value !== 'formula') current.overrides.delete('f');
    setKey('surface', sel.value);
  });
  if (!hidden('surface')) wrap.append(el('div', { class: 'control' }, el('label', { for: 'ctl-surface', text: S.surface }), sel));
  const f = el('input', { type: 'text', id: 'ctl-f', value: q.get('f') || '', spellcheck: 'false', autocomplete: 'off', placeholder: 'w^2 + 3*sin(b)', maxlength: '300' });
  const apply = () => {
    // Check the whole new scene first: a refused formula leaves every override as it was.
    const next = mergedParams();
    next.set('surface', 'formula');
    next.set('f', f.value);
    next.delete('start');
    const bad = wasm.checkScene(next.toString(), lang);
    if (bad) { message(bad); return; }
    current.overrides.set('surface', 'formula');
    current.overrides.delete('start');
    setKey('f', f.value);
  };
  f.addEventListener('keydown', (e) => { if (e.key === 'Enter') apply(); });
  wrap.append(el('div', { class: 'control formula' }, el('label', { for: 'ctl-f', text: S.formula }), f, el('button', { type: 'button', class: 'button', id: 'apply-f', text: S.apply, onclick: apply })));
  // Which optimizers race, each with its own learning rate.
  const chosen = (q.get('opt') || 'gd').split(',');
  const rates = perOpt(q, 'lr', chosen);
  const fs = el('fieldset', { class: 'control opts' }, el('legend', { text: S.opts }));
  for (const o of OPTS) {
    const on = chosen.includes(o);
    const cb = el('input', { type: 'checkbox', id: `opt-${o}`, value: o, checked: on });
    cb.addEventListener('change', () => {
      const now = OPTS.filter((x) => fs.querySelector(`#opt-${x}`).checked);
      if (!now.length) { cb.checked = true; return; }
      // Keep each optimizer's hyper-parameters across the change.
      for (const key of ['lr', 'beta1', 'beta2', 'eps']) {
        const old = perOpt(q, key, chosen);
        const vals = now.map((x) => (chosen.includes(x) ? old[chosen.indexOf(x)] : DEFAULTS[key]));
        current.overrides.set(key, vals.every((v) => v === vals[0]) ? vals[0] : vals.join(','));
      }
      setKey('opt', now.join(','));
    });
    const rate = el('input', { type: 'number', id: `lr-${o}`, min: '0.0001', max: '100', step: 'any', value: on ? rates[chosen.indexOf(o)] : '', disabled: !on, 'aria-label': `${S.lr} (${o})`, class: 'rate' });
    rate.addEventListener('change', () => {
      const vals = chosen.map((x, i) => (x === o ? rate.value : rates[i]));
      setKey('lr', vals.every((v) => v === vals[0]) ? vals[0] : vals.join(','));
    });
    fs.append(el('span', { class: `opt opt-${o}` }, cb, el('label', { for: `opt-${o}`, text: o }), rate));
  }
  if (!hidden('opt')) wrap.append(fs);
  // Views and seed.
  const views = el('fieldset', { class: 'control opts' }, el('legend', { text: S.views }));
  const shown = viewsOf(q, current.session);
  const choices = current.session.dim() === 1 ? ['curve', 'loss', 'table', 'readout'] : ['contour', 'surface3d', 'basins', 'loss', 'rates', 'grads', 'readout'];
  for (const v of choices) {
    const cb = el('input', { type: 'checkbox', id: `view-${v}`, value: v, checked: shown.includes(v) });
    cb.addEventListener('change', () => {
      const now = choices.filter((x) => views.querySelector(`#view-${x}`).checked);
      if (!now.length) { cb.checked = true; return; }
      current.overrides.set('view', now.join(','));
      loadScene();
      writeURL();
    });
    views.append(el('span', { class: 'opt' }, cb, el('label', { for: `view-${v}`, text: S.canvasLabel[v] || v })));
  }
  wrap.append(views);
  if (!hidden('seed')) {
    const seed = el('input', { type: 'number', id: 'ctl-seed', min: '0', max: '4294967295', step: '1', value: q.get('seed') || '1', class: 'rate' });
    seed.addEventListener('change', () => setKey('seed', seed.value));
    wrap.append(el('div', { class: 'control' }, el('label', { for: 'ctl-seed', text: S.seed }), seed));
  }
  wrap.append(el('p', { class: 'hint', text: S.clickStart }));
  return wrap;
}

function checkpoint(check) {
  const box = el('div', { class: 'checkpoint', role: 'group', 'aria-labelledby': 'check-q' });
  const explain = el('div', { class: 'explain', hidden: true, 'aria-live': 'polite' });
  const choices = el('div', { class: 'choices' });
  check.choices.forEach((c, i) => {
    choices.append(el('button', {
      type: 'button', class: 'button choice', 'data-choice': String(i), text: c[lang],
      onclick: (e) => {
        if (current.answered) return;
        current.answered = true;
        const right = i === check.answer;
        for (const b of choices.querySelectorAll('button')) {
          b.disabled = true;
          if (Number(b.dataset.choice) === check.answer) b.classList.add('right');
        }
        if (!right) e.currentTarget.classList.add('wrong');
        explain.replaceChildren(el('p', { class: 'verdict', text: `${right ? S.right : S.wrong} ${S.tryIt}` }), richText(check.explain[lang]));
        explain.hidden = false;
        buildControls(mergedParams());
        postHeight();
      },
    }));
  });
  box.append(el('p', { class: 'check-label', text: S.check }), el('p', { id: 'check-q', class: 'question', text: check.q[lang] }), choices, explain);
  return box;
}

// ---------- actions, keys, per-frame panels ----------
function act(what) {
  if (!current || !current.session) return;
  const st = current.lesson.steps[current.step - 1];
  if (st.check && !current.answered && what !== 'pause') { message(S.checkLocked, 'info'); return; }
  if (what === 'step') { stage.stop(); stage.step(1); narrate(); }
  else if (what === 'toggle') { if (stage.playing) stage.stop(); else if (Stage.reduceMotion()) { stage.step(1); narrate(); } else stage.play(); }
  else if (what === 'play') { if (Stage.reduceMotion()) { stage.step(1); narrate(); } else stage.play(); }
  else if (what === 'pause') stage.stop();
  else if (what === 'reset') { stage.reset(); message(null); narrate(); }
}

document.addEventListener('keydown', (e) => {
  if (!current || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t && (t.closest('input, textarea, select, [contenteditable]') || (e.key === ' ' && t.closest('button, a')))) return;
  if (e.key === ' ') { e.preventDefault(); act('toggle'); }
  else if (e.key === 'ArrowRight') { e.preventDefault(); act('step'); }
  else if (e.key === 'r' || e.key === 'R') { e.preventDefault(); act('reset'); }
});

function narrate() {
  const n = document.getElementById('narration');
  if (n && current && current.session && current.session.dim) n.textContent = current.session.narration(lang);
}

function tick() {
  if (!current || !current.session) return;
  const s = current.session;
  for (const p of stage.panels) {
    if (p.name === 'table') renderTable(p.fig, s, S);
    else if (p.name === 'readout') renderReadout(p.fig, s, S, { secant: current.secant, stepping: !hidden('step'), examples: current.dataModel });
    else if (p.name === 'matrix') renderMatrix(p.fig, s, S, lang);
    else if (p.name === 'etable' && !p.fig.firstChild) renderETable(p.fig, wasm, S);
  }
  let warn = null;
  for (let i = 0; i < s.runs(); i++) { const m = s.divergenceMessage(i, lang); if (m) { warn = m; break; } }
  const box = document.getElementById('message');
  if (warn) message(warn, 'warn');
  else if (box && box.classList.contains('warn')) message(null);
  root.dataset.iteration = String(s.iteration());
}

// ---------- share, embed, export ----------
function stepURL(extra = {}) {
  flushURL();
  const u = new URL(location.href);
  for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, v);
  return u.toString();
}
async function copyLink() {
  try { await navigator.clipboard.writeText(stepURL()); message(S.copied, 'info'); } catch { message(S.copyFailed, 'info'); }
}
function showEmbed() {
  const src = stepURL({ embed: '1' });
  const code = `<iframe src="${src.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" title="Descent" width="100%" height="640" style="border:0" loading="lazy"></iframe>`;
  const ta = el('textarea', { readonly: true, rows: '4', 'aria-label': S.embedTitle });
  ta.value = code;
  const dlg = el('dialog', { class: 'embed-dialog', 'aria-labelledby': 'embed-title' }, el('p', { id: 'embed-title', text: S.embedTitle }), ta,
    el('button', { type: 'button', class: 'button', text: S.close, onclick: () => { dlg.close(); dlg.remove(); } }));
  document.body.append(dlg);
  dlg.showModal();
  ta.select();
}
function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
function exportPng() {
  const v = stage.views[0];
  if (!v) return;
  const [bg, fg] = v.box.querySelectorAll('canvas');
  const c = document.createElement('canvas');
  c.width = bg.width; c.height = bg.height;
  const g = c.getContext('2d');
  g.drawImage(bg, 0, 0); g.drawImage(fg, 0, 0);
  c.toBlob((b) => b && download(`descent-${current.lesson.id}-${current.step}.png`, b), 'image/png');
}
function exportCsv() {
  if (!current.session) return;
  download(`descent-${current.lesson.id}-${current.step}.csv`, new Blob([current.session.csv()], { type: 'text/csv' }));
}

// ---------- embedding: height out, commands in ----------
function postHeight() {
  if (window.parent === window) return;
  // The content's own height: the root's scrollHeight never drops below the iframe's current height.
  const h = Math.ceil(document.body.getBoundingClientRect().height);
  window.parent.postMessage({ type: 'descent:height', height: h }, '*');
}
new ResizeObserver(() => postHeight()).observe(document.body);
window.addEventListener('message', (e) => {
  const d = e.data;
  if (!d || typeof d !== 'object' || typeof d.type !== 'string' || !d.type.startsWith('descent:')) return;
  const cmd = d.type.slice('descent:'.length);
  if (['play', 'pause', 'step', 'reset'].includes(cmd)) act(cmd);
  else if (cmd === 'scene' && typeof d.query === 'string' && d.query.length < 4000) {
    const q = new URLSearchParams(d.query);
    flushURL();
    const now = new URLSearchParams(location.search);
    for (const k of ['embed', 'hide', 'lang']) if (!q.has(k) && now.has(k)) q.set(k, now.get(k));
    loadModule(moduleFor(q)).then(() => {
      if (!wasm.checkScene(q.toString(), lang)) { history.replaceState(null, '', `?${q}`); route(); }
    }).catch(fatal);
  }
});

// ---------- boot ----------
document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => {
  flushURL();
  const u = new URL(location.href);
  u.searchParams.set('lang', b.dataset.lang);
  history.replaceState(null, '', u);
  route();
}));
document.querySelectorAll('[data-nav]').forEach((a) => a.addEventListener('click', (e) => {
  e.preventDefault();
  flushURL();
  const q = new URLSearchParams();
  if (a.dataset.nav === 'playground') q.set('lesson', 'playground');
  const l = new URLSearchParams(location.search).get('lang');
  if (l === 'ko' || l === 'en') q.set('lang', l);
  history.pushState(null, '', `?${q}`);
  route();
}));
window.addEventListener('popstate', route);

/** The kind of wasm module loaded (see pick.js: RANK). */
let moduleKind = null;
/**
 * Loads a module that can do what `kind` does, unless the one loaded already can: the one
 * early.js started compiling if that is large enough, else `kind`. Switching modules drops
 * the stage, whose objects belong to the old one. The script tag names the lean module's
 * wasm (data-wasm); the others' glue sits beside it; `data-only="full"` (the single-file
 * build) makes every page use the full module.
 */
async function loadModule(kind) {
  const tag = document.querySelector('script[data-js]');
  if (tag.dataset.only === 'full') kind = 'full';
  if (wasm && RANK[moduleKind] >= RANK[kind]) return;
  const early = window.descentEarly;
  let compiled = null;
  if (early && early.module && !wasm && larger(early.kind, kind) === early.kind) {
    kind = early.kind;
    compiled = early.module;
  }
  if (early) early.module = null;
  let mod = leanGlue;
  let bin = tag.dataset.wasm;
  if (kind !== 'lean') {
    const js = tag.dataset.only === 'full' ? tag.dataset.js : new URL(`descent-${kind}.js`, new URL(tag.dataset.js, location.href)).href;
    mod = await import(js);
    bin = tag.dataset.only === 'full' ? tag.dataset.wasm : js.replace(/\.js$/, '_bg.wasm');
  }
  // If the early compile failed, fetch again (and report that fetch's error, if any).
  await mod.default({ module_or_path: compiled ? compiled.catch(() => fetch(bin)) : bin });
  if (stage) { stage.dispose(); stage = null; }
  wasm = mod;
  moduleKind = kind;
  window.wasmBindings = wasm;
}

async function boot() {
  const q = new URLSearchParams(location.search);
  // Start the text downloads now, alongside the wasm module, not after it (where early.js ran,
  // these pick up the downloads it started).
  lang = pickLang(q.get('lang'));
  courseIndex().catch(() => {});
  const first = q.get('lesson');
  if (first && /^[a-z-]{1,20}$/.test(first)) lessonData(first).catch(() => {});
  await loadModule(moduleFor(q));
  window.descent = { stage: () => stage, session: () => current && current.session, frameStats: () => (stage ? stage.frameStats() : []) };
  await route();
}
boot().catch(fatal);
