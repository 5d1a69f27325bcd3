// The scene of the step shown: its session (built by the stage), its controls, what a changed
// key does, the run's buttons and keys, and the per-frame panels.

import { mergedParams, writeURL } from './address.js';
import { renderCoefs } from './coefs.js';
import { buildControls } from './controls.js';
import { hideLoader, isOwn, ownError, showLoader } from './own-data.js';
import { Stage } from './stage.js';
import { defaultOf, fatal, hidden, sceneState, viewsOf } from './state.js';
import { fmt, message, renderTable, renderReadout, renderMatrix, renderETable } from './ui.js';
import { renderUpdate } from './update.js';

/** What the controls call back (passed explicitly: the controls module does not import this one). */
const HANDLERS = { setKey, act, loadScene };

/** Builds the step's scene anew: session, views, controls. False (with the reason shown) if refused. */
export function loadScene(app) {
  const { current, stage } = app;
  const q = mergedParams(app);
  sceneState(app, false);
  current.pendingReady = true;
  if (isOwn(q)) {
    const panel = showLoader(app, ownHandlers(app));
    if (!panel.isConnected) stage.root.before(panel);
    if (!(app.own && app.own.chosen)) return waitForData(app, q);
  } else hideLoader(app);
  let session;
  try {
    session = stage.load(q.toString(), null);
  } catch (e) {
    // The old scene (if any) stays on screen and stays usable.
    return refused(app, e, q);
  }
  current.session = session;
  // What the per-frame panels and the loop need, read once per scene.
  current.speed = Number(q.get('speed') || defaultOf(app, 'speed'));
  current.secant = (q.get('show') || '').includes('secant');
  current.dataModel = ['linreg', 'cats', 'own'].includes(q.get('surface'));
  const names = viewsOf(q, session);
  // The same panels keep their canvases (and a turned 3-D view its angle); each redraws what changed.
  const built = names.join(',') !== (stage.viewNames || []).join(',');
  if (built) stage.build(names);
  buildControls(app, q, HANDLERS);
  message(null);
  // New views are first drawn at the next frame, in a task of their own (the one that built the
  // page has done enough: at 4× throttling the two together blocked input for over 100 ms); a
  // change to the views there are is drawn now, one frame sooner.
  if (built) stage.kick(); else stage.drawNow();
  narrate(app);
  return true;
}

/**
 * A scene of a learner's own data before any is chosen (a shared link, or the surface just
 * picked): the loader and the pickers, the link's settings kept, no views and no run.
 */
function waitForData(app, q) {
  const { current, stage } = app;
  stage.clear();
  current.session = null;
  current.pendingReady = false;
  buildControls(app, q, HANDLERS);
  message(null);
  sceneState(app, true);
  return true;
}

/** What the loader calls back: train on the chosen columns (a new session), show a refusal. */
function ownHandlers(app) {
  return {
    train: () => {
      // Another choice of columns has other parameters: the link's start point lapses.
      app.current.overrides.delete('start');
      const ok = loadScene(app);
      if (ok) writeURL(app);
      return ok;
    },
    error: (text) => ownError(text),
  };
}

/** The controls again, for the same scene (a checkpoint answered unlocks the run buttons). */
export function rebuildControls(app) {
  buildControls(app, mergedParams(app), HANDLERS);
}

/** Changes one scene key from a control; a bad value keeps the old scene and says why. */
export function setKey(app, key, value) {
  const { current } = app;
  const before = current.overrides.get(key);
  if (value === null) current.overrides.delete(key); else current.overrides.set(key, String(value));
  if (key !== 'start') current.overrides.delete('start');
  const q = mergedParams(app);
  const restore = () => { if (before === undefined) current.overrides.delete(key); else current.overrides.set(key, before); };
  if (key === 'speed') {
    // Only how fast time runs: the run goes on.
    const bad = app.wasm.checkScene(q.toString(), app.lang);
    if (bad) { restore(); message(bad); return; }
    current.speed = Number(q.get('speed') || defaultOf(app, 'speed'));
    message(null);
    writeURL(app);
    return;
  }
  // The scene is built once; only a refusal asks the core again, for the message in the page language.
  const ok = ['surface', 'opt', 'f'].includes(key) ? loadScene(app) : reloadSession(app, q);
  if (ok) writeURL(app); else restore();
}

/** A new session for the same panels and controls; false (with the reason shown) if refused. */
function reloadSession(app, q) {
  sceneState(app, false);
  app.current.pendingReady = true;
  try {
    app.current.session = app.stage.load(q.toString(), app.stage.viewNames);
  } catch (e) {
    return refused(app, e, q);
  }
  message(null);
  app.stage.drawNow();
  return true;
}

/** Shows why a scene was refused (or the crash screen for a trap inside wasm); the old scene stays. */
function refused(app, e, q) {
  if (e instanceof WebAssembly.RuntimeError) { fatal(app, e); return false; }
  app.current.pendingReady = false;
  sceneState(app, true);
  message(app.wasm.checkScene(q.toString(), app.lang) || String(e.message || e));
  return false;
}

/** A new start point from a press, a drag or the arrow keys on a canvas (`dragging`: more to come). */
export function moveStart(app, p, dragging) {
  const { current, stage } = app;
  const ws = document.getElementById('ctl-w');
  if (ws && p.length === 1) { ws.value = String(p[0]); ws.nextElementSibling.textContent = fmt(app.wasm, p[0], 2); }
  current.session.setStart(new Float64Array(p));
  const kept = new URLSearchParams(current.session.toQuery()).get('start');
  if (kept) current.overrides.set('start', kept); else current.overrides.delete('start');
  if (!dragging) writeURL(app);
  stage.dirty = true;
  stage.kick();
}

/** The run's buttons and keys: `step`, `toggle`, `play`, `pause`, `reset`. */
export function act(app, what) {
  const { current, stage } = app;
  if (!current || !current.session) return;
  const st = current.lesson.steps[current.step - 1];
  if (st.check && !current.answered && what !== 'pause') { message(app.S.checkLocked, 'info'); return; }
  if (what === 'step') { stage.stop(); stage.step(1); narrate(app); }
  else if (what === 'toggle') { if (stage.playing) stage.stop(); else if (Stage.reduceMotion()) { stage.step(1); narrate(app); } else stage.play(); }
  else if (what === 'play') { if (Stage.reduceMotion()) { stage.step(1); narrate(app); } else stage.play(); }
  else if (what === 'pause') stage.stop();
  else if (what === 'reset') { stage.reset(); message(null); narrate(app); }
}

/** The keyboard: space plays or pauses, → steps, R resets (not while typing or on a button). */
export function onKey(app, e) {
  if (!app.current || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t && (t.closest('input, textarea, select, [contenteditable]') || (e.key === ' ' && t.closest('button, a')))) return;
  if (e.key === ' ') { e.preventDefault(); act(app, 'toggle'); }
  else if (e.key === 'ArrowRight') { e.preventDefault(); act(app, 'step'); }
  else if (e.key === 'r' || e.key === 'R') { e.preventDefault(); act(app, 'reset'); }
}

/** One sentence for screen readers: where each run is now. */
export function narrate(app) {
  const n = document.getElementById('narration');
  const c = app.current;
  if (n && c && c.session && c.session.dim) n.textContent = c.session.narration(app.lang);
}

/**
 * While playing, the HTML panels follow at most this often (ms): rebuilding and laying out their
 * rows is most of a frame's work on a large data set. At rest every change shows at once.
 */
const PANEL_EVERY = 100;

/** After each drawn frame: the HTML panels, a run's blow-up message, the iteration hook. */
export function tick(app) {
  const { current, stage, S, lang } = app;
  if (!current || !current.session) return;
  const s = current.session;
  const now = performance.now();
  const panels = !stage.playing || !(now - (current.panelsAt || 0) < PANEL_EVERY);
  if (panels) current.panelsAt = now;
  for (const p of panels ? stage.panels : []) {
    if (p.name === 'table') renderTable(p.fig, s, S, app.wasm);
    else if (p.name === 'readout') renderReadout(p.fig, s, S, app.wasm, { secant: current.secant, stepping: !hidden(app, 'step'), examples: current.dataModel });
    else if (p.name === 'matrix') renderMatrix(p.fig, s, S, app.wasm, app.own && app.own.chosen ? app.own.chosen.describe : null);
    else if (p.name === 'coefs') renderCoefs(p.fig, s, app);
    else if (p.name === 'etable' && !p.fig.firstChild) renderETable(p.fig, app.wasm, S);
    else if (p.name === 'update') renderUpdate(p.fig, s, S, app.wasm, lang, () => { stage.dirty = true; stage.kick(); });
  }
  let warn = null;
  for (let i = 0; i < s.runs(); i++) { const m = s.divergenceMessage(i, lang); if (m) { warn = m; break; } }
  const box = document.getElementById('message');
  if (warn) message(warn, 'warn');
  else if (box && box.classList.contains('warn')) message(null);
  app.root.dataset.iteration = String(s.iteration());
}
