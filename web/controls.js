// The step's controls, built from the scene table (crates/core/src/scene.rs: KEYS, handed over
// by the wasm module): which controls a scene shows, their kinds, ranges, steps, scales,
// defaults and labels all come from there, in the table's order. Here: how each kind of control
// is drawn, and what a change does for the few keys whose change is more than setting the key.

import { mergedParams, writeURL } from './address.js';
import { label } from './i18n.js';
import { defaultOf, hidden, viewsOf } from './state.js';
import { el, fmt, message } from './ui.js';

/** Kinds drawn in the pickers' row (the playground's), after the sliders. */
const PICKERS = ['choice', 'choices', 'text', 'number'];

/**
 * Fills the step's control box for scene `q`: the run buttons, then every control whose
 * conditions hold (the table's `when` and `hide`). `on` is { setKey, act, loadScene } (scene.js).
 */
export function buildControls(app, q, on) {
  const { current, S } = app;
  const box = current.controls;
  // The rebuilt control keeps the keyboard focus (ids are stable): a surface picked with the
  // arrow keys stays picked-from.
  const focused = box.contains(document.activeElement) && document.activeElement.id;
  box.replaceChildren();
  const x = context(app, q);
  const buttons = el('div', { class: 'run-buttons' });
  if (x.runs && !(x.hidden('step') && x.hidden('play') && x.hidden('reset'))) {
    if (!x.hidden('step')) buttons.append(el('button', { type: 'button', id: 'step', class: 'button', text: S.step, onclick: () => on.act(app, 'step') }));
    if (!x.hidden('play')) buttons.append(el('button', { type: 'button', id: 'play', class: 'button primary', 'aria-pressed': 'false', text: S.play, onclick: () => on.act(app, 'toggle') }));
    if (!x.hidden('reset')) buttons.append(el('button', { type: 'button', id: 'reset', class: 'button', text: S.reset, onclick: () => on.act(app, 'reset') }));
    box.append(buttons);
  }
  const pickers = el('div', { class: 'playground' });
  for (const spec of app.table.keys) {
    for (const c of spec.controls) {
      if (c.kind === 'perOptimizer' || !applies(c, spec.key, x)) continue;
      const made = BUILD[c.kind](app, spec, c, q, x, on);
      if (made) (PICKERS.includes(c.kind) ? pickers : box).append(made);
    }
  }
  if (pickers.firstChild) {
    // A start is picked on a map of one or two parameters; a model's many are not.
    if (x.dim <= 2) pickers.append(el('p', { class: 'hint', text: S.clickStart }));
    box.append(pickers);
  }
  const st = current.lesson.steps[current.step - 1];
  if (st.check && !current.answered) {
    for (const b of buttons.querySelectorAll('button')) b.disabled = true;
    box.append(el('p', { class: 'hint', text: S.checkLocked }));
  }
  const again = focused && document.getElementById(focused);
  if (again) again.focus({ preventScroll: true });
}

/** What the table's conditions are checked against. */
function context(app, q) {
  const session = app.current.session;
  const surface = q.get('surface') || defaultOf(app, 'surface');
  return {
    lesson: app.current.lesson.id,
    surface,
    // (No session: a scene of own data waiting for its data.)
    runs: surface !== 'none' && Boolean(session),
    // A learner's own data, whatever its parameter count, is what the table's offers call ownDim.
    dim: surface === 'own' ? app.table.ownDim : session.dim(),
    opts: (q.get('opt') || defaultOf(app, 'opt')).split(','),
    schedule: q.get('schedule') || defaultOf(app, 'schedule'),
    // Views (the default ones too) and overlays on screen.
    shown: [...viewsOf(q, session), ...(q.get('show') || '').split(',')],
    given: (key) => q.has(key),
    hidden: (name) => hidden(app, name),
  };
}

/** True if control `c` of `key` is shown in context `x` (crates/core/src/control.rs: When). */
function applies(c, key, x) {
  const w = c.when;
  const any = (wanted, have) => !wanted.length || wanted.some((v) => have.includes(v));
  return (!w.runs || x.runs) && (!w.dim || w.dim === x.dim)
    && any(w.lessons, [x.lesson]) && !w.notLessons.includes(x.lesson)
    && any(w.surfaces, [x.surface]) && any(w.opts, x.opts) && any(w.shown, x.shown) && any(w.schedules, [x.schedule])
    && (!w.given || x.given(key)) && !c.hide.some(x.hidden);
}

/** Shows a slider's value: whole numbers and values from 10 up without decimals. */
const shownValue = (wasm, v) => fmt(wasm, v, v >= 10 || Number.isInteger(v) ? 0 : 3);

/** One builder per kind of control: (app, key's row, control, scene, context, handlers) → element or null. */
const BUILD = {
  slider(app, spec, c, q, x, on) {
    const key = spec.key;
    const raw = q.get(key) || spec.default;
    // One number only: a value per optimizer, or a word (`batch=all`), has no slider.
    const value = Number(raw);
    if (raw.includes(',') || !Number.isFinite(value)) return null;
    const log = c.scale === 'log';
    const id = `ctl-${key}`;
    const out = el('output', { for: id, text: shownValue(app.wasm, value) });
    const at = (pos) => (log ? Number((10 ** Number(pos)).toPrecision(3)) : Number(pos));
    const input = el('input', {
      type: 'range', id, min: String(log ? Math.log10(c.min) : c.min), max: String(log ? Math.log10(c.max) : c.max),
      step: String(c.step), value: String(log ? Math.log10(value) : value), 'aria-valuetext': out.textContent,
    });
    input.addEventListener('input', () => {
      out.textContent = shownValue(app.wasm, at(input.value));
      input.setAttribute('aria-valuetext', out.textContent);
    });
    input.addEventListener('change', () => on.setKey(app, key, at(input.value)));
    return el('div', { class: 'control slider' }, el('label', { for: id, text: label(app.S, c.label) }), input, out);
  },

  /** The w slider of a 1-D run: moves the point (the scene's start) as it is dragged. */
  point(app, spec, c) {
    const { current, stage } = app;
    const w = current.session.params()[0];
    const out = el('output', { for: 'ctl-w', text: fmt(app.wasm, w, 2) });
    const input = el('input', { type: 'range', id: 'ctl-w', min: String(c.min), max: String(c.max), step: String(c.step), value: String(w) });
    input.addEventListener('input', () => {
      const v = Number(input.value);
      out.textContent = fmt(app.wasm, v, 2);
      current.session.setStart(new Float64Array([v]));
      current.overrides.set(spec.key, String(v));
      stage.dirty = true;
      stage.kick();
    });
    input.addEventListener('change', () => writeURL(app));
    return el('div', { class: 'control slider' }, el('label', { for: 'ctl-w', text: label(app.S, c.label) }), input, out);
  },

  checkbox(app, spec, c, q, x, on) {
    const id = `ctl-${spec.key}`;
    const cb = el('input', { type: 'checkbox', id, checked: (q.get(spec.key) || spec.default) === '1' });
    cb.addEventListener('change', () => on.setKey(app, spec.key, cb.checked ? 1 : 0));
    return el('div', { class: 'control check' }, cb, el('label', { for: id, text: label(app.S, c.label) }));
  },

  number(app, spec, c, q, x, on) {
    const id = `ctl-${spec.key}`;
    const box = el('input', { type: 'number', id, min: String(c.min), max: String(c.max), step: c.step ? String(c.step) : 'any', value: q.get(spec.key) || spec.default, class: 'rate' });
    box.addEventListener('change', () => on.setKey(app, spec.key, box.value));
    return el('div', { class: 'control' }, el('label', { for: id, text: label(app.S, c.label) }), box);
  },

  /** A drop-down (the surface picker). Another surface starts from its own start point, and leaves the typed formula. */
  choice(app, spec, c, q, x, on) {
    const id = `ctl-${spec.key}`;
    const now = q.get(spec.key) || spec.default;
    const sel = el('select', { id }, ...offered(app, c, x).map((it) => el('option', { value: it.key, text: label(app.S, it.label), selected: now === it.key })));
    sel.addEventListener('change', () => {
      const { overrides } = app.current;
      if (spec.key === 'surface') {
        overrides.delete('start');
        if (sel.value !== 'formula') overrides.delete('f');
        // Views picked for one surface may not fit another (a model's boundary on a bowl): they
        // lapse with the surface, and the new one shows its own.
        overrides.delete('view');
      }
      on.setKey(app, spec.key, sel.value);
    });
    return el('div', { class: 'control' }, el('label', { for: id, text: label(app.S, c.label) }), sel);
  },

  /** The typed formula: checked as a whole new scene first, so a refused one changes nothing. */
  text(app, spec, c, q, x, on) {
    const id = `ctl-${spec.key}`;
    const f = el('input', { type: 'text', id, value: q.get(spec.key) || '', spellcheck: 'false', autocomplete: 'off', placeholder: 'w^2 + 3*sin(b)', maxlength: String(spec.maxChars) });
    const apply = () => {
      const next = mergedParams(app);
      next.set('surface', 'formula');
      next.set(spec.key, f.value);
      next.delete('start');
      const bad = app.wasm.checkScene(next.toString(), app.lang);
      if (bad) { message(bad); return; }
      app.current.overrides.set('surface', 'formula');
      app.current.overrides.delete('start');
      on.setKey(app, spec.key, f.value);
    };
    f.addEventListener('keydown', (e) => { if (e.key === 'Enter') apply(); });
    return el('div', { class: 'control formula' }, el('label', { for: id, text: label(app.S, c.label) }), f,
      el('button', { type: 'button', class: 'button', id: 'apply-f', text: app.S.apply, onclick: apply }));
  },

  /** Checkboxes picking several: which optimizers race (each with its own boxes), or which views show. */
  choices(app, spec, c, q, x, on) {
    const items = offered(app, c, x);
    const chosen = spec.key === 'view' ? viewsOf(q, app.current.session) : (q.get(spec.key) || spec.default).split(',');
    const fs = el('fieldset', { class: 'control opts' }, el('legend', { text: label(app.S, c.label) }));
    for (const it of items) {
      const id = `${spec.key}-${it.key}`;
      const cb = el('input', { type: 'checkbox', id, value: it.key, checked: chosen.includes(it.key) });
      cb.addEventListener('change', () => {
        const now = items.map((i) => i.key).filter((k) => fs.querySelector(`#${spec.key}-${k}`).checked);
        if (!now.length) { cb.checked = true; return; }
        CHOSEN[spec.key](app, q, chosen, now, on);
      });
      const name = label(app.S, it.label);
      const row = el('span', { class: c.list === 'optimizers' ? `opt opt-${it.key}` : 'opt' }, cb, el('label', { for: id, text: name }));
      if (c.list === 'optimizers') row.append(...perOptimizer(app, q, x, chosen, it.key, name, on));
      fs.append(row);
    }
    return fs;
  },
};

/** The entries of a control's list that its picker offers on a surface of this dimension. */
function offered(app, c, x) {
  return app.table.lists[c.list].filter((it) => it.offer.includes(x.dim));
}

/** A key's value for each optimizer in `opts` (a single value applies to all). */
function perOpt(q, spec, opts) {
  const vals = (q.get(spec.key) || spec.default).split(',');
  return opts.map((_, i) => (vals.length === 1 ? vals[0] : vals[i]));
}

/** The number boxes beside optimizer `o` in the optimizer picker: one per key with a shown `perOptimizer` control. */
function perOptimizer(app, q, x, chosen, o, name, on) {
  const boxes = [];
  for (const spec of app.table.keys) {
    for (const c of spec.controls) {
      if (c.kind !== 'perOptimizer' || !applies(c, spec.key, x)) continue;
      const vals = perOpt(q, spec, chosen);
      const racing = chosen.includes(o);
      const box = el('input', {
        type: 'number', id: `${spec.key}-${o}`, min: String(c.min), max: String(c.max), step: c.step ? String(c.step) : 'any',
        value: racing ? vals[chosen.indexOf(o)] : '', disabled: !racing, 'aria-label': `${label(app.S, c.label)} (${name})`, class: 'rate',
      });
      box.addEventListener('change', () => {
        const next = chosen.map((k, i) => (k === o ? box.value : vals[i]));
        on.setKey(app, spec.key, next.every((v) => v === next[0]) ? next[0] : next.join(','));
      });
      boxes.push(box);
    }
  }
  return boxes;
}

/** What a new choice does, per key of a `choices` control. */
const CHOSEN = {
  /** Other optimizers race; each keeps its own hyper-parameters (the table's per-optimizer keys). */
  opt(app, q, chosen, now, on) {
    for (const spec of app.table.keys) {
      if (!spec.perOptimizer) continue;
      const old = perOpt(q, spec, chosen);
      const vals = now.map((o) => (chosen.includes(o) ? old[chosen.indexOf(o)] : spec.default));
      app.current.overrides.set(spec.key, vals.every((v) => v === vals[0]) ? vals[0] : vals.join(','));
    }
    on.setKey(app, 'opt', now.join(','));
  },
  /** Other views: the same runs, drawn in other panels (the start point stays). */
  view(app, q, chosen, now, on) {
    app.current.overrides.set('view', now.join(','));
    on.loadScene(app);
    writeURL(app);
  },
};
