// DOM helpers: safe element building, the message box, the lesson-text sanitizer, and the HTML panels
// (step table, readout, data matrix, e-table). No scene value ever reaches innerHTML.

import { fill } from './i18n.js';
import ALLOW from './rich-text.js';

/**
 * A number in the page's one format, made by the core (crates/core/src/format.rs, through the
 * wasm module `wasm`): `decimals` decimals, or m×10ⁿ for tiny and huge magnitudes, a typographic
 * minus, "—" for anything that is not a finite number. The canvases use the same function.
 */
export const fmt = (wasm, x, decimals = 3) => wasm.formatNumber(x, decimals, 'fixed');

/** The same format without trailing zeros (a setting: α = 0.18, ε = 1×10⁻⁸). */
export const fmtShort = (wasm, x, decimals = 4) => wasm.formatNumber(x, decimals, 'short');

/** The same format to `digits` significant digits (0.00123 beside 3.05). */
export const fmtSig = (wasm, x, digits = 3) => wasm.formatNumber(x, digits, 'sig');

export function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An element in another namespace (SVG, MathML) with attributes and children. */
export function elNS(ns, tag, attrs = {}, ...kids) {
  const e = document.createElementNS(ns, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : String(v));
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

/**
 * A view's legend (View.legend: the canvas's own colours, marker shapes and line styles): one
 * item per series, a drawn sample and its name. Hidden when the view draws one series only.
 */
export function renderLegend(list, entries) {
  list.replaceChildren(...entries.map((e) => {
    const swatch = elNS(SVG, 'svg', { class: 'swatch', viewBox: '0 0 30 16', width: 30, height: 16, 'aria-hidden': 'true', focusable: 'false' });
    if (e.stroke !== 'none') {
      swatch.append(elNS(SVG, 'line', { x1: 1, y1: 8, x2: 29, y2: 8, stroke: e.color, 'stroke-width': 2.5, 'stroke-dasharray': e.stroke === 'dashed' ? '5 3' : null }));
    }
    if (e.marker) {
      swatch.append(elNS(SVG, 'path', { d: e.marker, transform: 'translate(15 8) scale(5)', fill: e.color, stroke: e.edge, 'stroke-width': 1.5, 'vector-effect': 'non-scaling-stroke' }));
    }
    return el('li', { 'data-color': e.color, 'data-shape': e.shape, 'data-stroke': e.stroke }, swatch, el('span', { text: e.label }));
  }));
  list.hidden = entries.length === 0;
}

/** Shows `text` in the page's message box (kind: error, warn or info), or clears it. */
export function message(text, kind = 'error') {
  const box = document.getElementById('message');
  if (!box) return;
  box.replaceChildren();
  box.hidden = !text;
  box.className = `message ${kind}`;
  if (text) box.append(el('p', { text }));
}

/** Scroll boxes take keyboard focus only while their content is wider than they are. */
const scrollers = new ResizeObserver((entries) => {
  for (const { target: box } of entries) {
    if (box.scrollWidth > box.clientWidth + 1) box.setAttribute('tabindex', '0'); else box.removeAttribute('tabindex');
  }
});

const HTML_TAGS = new Set(ALLOW.html);
const MATH_TAGS = new Set(ALLOW.math);
const CLASSES = new Set(ALLOW.classes);
const MATHML = 'http://www.w3.org/1998/Math/MathML';

/** Whether a MathML tag keeps this attribute with this value (web/rich-text.js). */
function mathAttr(tag, name, value) {
  const own = (o, k) => (o && Object.hasOwn(o, k) ? o[k] : undefined);
  const rule = own(own(ALLOW.attributes, tag), name) || own(ALLOW.attributes['*'], name);
  if (Array.isArray(rule)) return rule.includes(value);
  if (rule === 'length') return /^-?(\d+\.?\d*|\.\d+)([a-z]{2}|%)?$/.test(value);
  if (rule === 'classes') return value.split(' ').every((c) => CLASSES.has(c));
  return false;
}

const inert = document.createElement('template'); // parses without running or loading anything
/**
 * Lesson text is our own data (compiled from its Markdown source by crates/lessons, which
 * checks it against the same list), but it still passes through an allow-list: only the tags
 * and MathML attributes of web/rich-text.js. Anything else becomes text or is dropped.
 */
export function richText(html) {
  inert.innerHTML = html;
  const frag = document.createDocumentFragment();
  const copy = (node, into) => {
    for (const n of node.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) { into.append(n.textContent); continue; }
      if (n.nodeType !== Node.ELEMENT_NODE) continue;
      const tag = n.localName;
      let out;
      if (MATH_TAGS.has(tag)) {
        out = document.createElementNS(MATHML, tag);
        for (const a of n.attributes) if (mathAttr(tag, a.name, a.value)) out.setAttribute(a.name, a.value);
      } else if (HTML_TAGS.has(tag)) {
        out = document.createElement(tag);
      } else {
        into.append(n.textContent);
        continue;
      }
      copy(n, out);
      if (tag === 'math' && out.getAttribute('display') === 'block') {
        // A wide formula scrolls sideways in its own box.
        const box = document.createElement('div');
        box.className = 'math-scroll';
        box.append(out);
        scrollers.observe(box);
        into.append(box);
      } else into.append(out);
    }
  };
  copy(inert.content, frag);
  inert.innerHTML = '';
  return frag;
}

/** The step table: the last steps of run 0 (1-D: t, w, slope, α·slope, new w, C). */
export function renderTable(fig, session, S, wasm) {
  const dim = session.dim();
  const flat = session.stepLog(8);
  const width = 2 + 4 * dim;
  const head = dim === 1 ? S.table : ['t', 'w, b', '∇C', 'Δ', 'new w, b', 'C'];
  const pair = (a) => a.map((x) => fmt(wasm, x, 3)).join(', ');
  const rows = [];
  for (let i = 0; i + width <= flat.length; i += width) {
    const r = flat.slice(i, i + width);
    const t = r[0];
    const before = Array.from(r.slice(1, 1 + dim));
    const grad = Array.from(r.slice(1 + dim, 1 + 2 * dim));
    const upd = Array.from(r.slice(1 + 2 * dim, 1 + 3 * dim));
    const after = Array.from(r.slice(1 + 3 * dim, 1 + 4 * dim));
    // α·slope is what was subtracted: −Δw.
    rows.push([String(t), pair(before), pair(grad), pair(upd.map((x) => -x)), pair(after), fmt(wasm, r[width - 1], 4)]);
  }
  const table = el('table', { class: 'steps' },
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, ...(rows.length ? rows : [['0', pair(Array.from(session.params())), '', '', '', fmt(wasm, session.loss(), 4)]])
      .map((r) => el('tr', {}, ...r.map((c) => el('td', { text: c }))))));
  // One lasting scroll box, so focus and scroll position survive the per-frame redraw.
  let box = fig.querySelector(':scope > .table-scroll');
  if (!box) { box = el('div', { class: 'table-scroll', tabindex: '0' }); fig.replaceChildren(box); }
  box.replaceChildren(table);
}

/** Live numbers: position, cost, slope; the secant's ΔC/Δw when shown. */
export function renderReadout(fig, session, S, wasm, { secant = false, stepping = true, examples = false } = {}) {
  const R = S.readout;
  const items = [];
  const runs = session.runs();
  for (let i = 0; i < runs; i++) {
    const p = session.paramsOf(i);
    const name = runs > 1 ? session.labelOf(i) + ' · ' : '';
    if (stepping) items.push([name + R.t, String(session.iterationOf(i))]);
    if (p.length > 2) {
      // A real model: its cost, the share it gets right and the passes over the data, not 33 numbers.
      items.push([R.cost, fmt(wasm, session.lossOf(i), 4)]);
      const a = session.accuracyOf(i);
      if (a !== undefined) items.push([R.accuracy, `${fmt(wasm, 100 * a, 1)} %`]);
      items.push([R.epochs, fmt(wasm, session.epochsOf(i), 2)]);
      continue;
    }
    items.push([R.w, fmt(wasm, p[0])]);
    if (p.length > 1) items.push([R.b, fmt(wasm, p[1])]);
    items.push([R.cost, fmt(wasm, session.lossOf(i), 4)]);
    if (i === 0 && !secant) {
      const g = session.gradient();
      items.push([p.length > 1 ? R.grad : R.slope, Array.from(g).map((x) => fmt(wasm, x)).join(', ')]);
    }
  }
  if (secant) {
    const s = session.secant();
    items.push([R.dw, fmt(wasm, s[1], 4)], [R.dc, fmt(wasm, s[4], 4)], [R.ratio, fmt(wasm, s[5], 4)], [R.slope, fmt(wasm, s[6], 4)]);
  }
  const state = session.state();
  if (examples) items.push([R.seen, String(state.examplesSeen)]);
  fig.replaceChildren(el('dl', { class: 'readout' }, ...items.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])));
}

/** Per matrix panel: its session and the words of the rows shown so far. */
const matrixText = new WeakMap();

/** Per matrix panel of several features: the feature column picked (j, from 0), highlighted with its weight's sum. */
const matrixColumn = new WeakMap();

/** Subscript digits, for w₁ … w₃₂. */
const sub = (k) => String(k).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d]);

/** How many rows of the data matrix are shown at most. */
const MATRIX_ROWS = 40;

/**
 * The data matrix with the rows used by the last step highlighted, and the gradient's sum range.
 * The highlighted rows are always in sight: a mini-batch's rows are among the rows shown (with
 * the first rows of the data around them, and a marked gap where rows are left out), and the
 * box scrolls to the first of them when it is out of view. With several features, one feature's
 * column is highlighted too (the first, or the one the learner picks by its name): weight j reads
 * column j of the highlighted rows, and the line above gives that sum and, after a step, the value
 * the first run's last step used.
 */
export function renderMatrix(fig, session, S, wasm, own = null) {
  const m = session.dataCount();
  const n = session.dataWidth();
  if (!m) { fig.replaceChildren(); return; }
  const state = session.state();
  // The label's words: a learner's own classes (or number), penguins' species, cats and dogs.
  const penguins = !own && session.paramNames().length > 2;
  const classes = own ? own.classes : penguins ? [S.otherSpecies, S.chinstrap] : [S.dog, S.cat];
  const labelText = (y) => (classes ? classes[y > 0.5 ? 1 : 0] : fmt(wasm, y, 2));
  const usedRows = Array.from(state.lastRows);
  const used = new Set(usedRows);
  const batch = state.batch;
  // The rows to show: all (up to MATRIX_ROWS), or the batch's rows and the first rows besides.
  let shown = Array.from({ length: Math.min(m, MATRIX_ROWS) }, (_, i) => i);
  if (m > MATRIX_ROWS && used.size < m) {
    const picked = new Set(usedRows.slice(0, MATRIX_ROWS));
    for (let i = 0; picked.size < MATRIX_ROWS && i < m; i++) picked.add(i);
    shown = [...picked].sort((a, b) => a - b);
  }
  // A row's words are the same every frame: formatted once per session (a wide data set has
  // many cells, and each number is formatted by the module).
  let cache = matrixText.get(fig);
  if (!cache || cache.session !== session || cache.own !== own) { cache = { session, own, rows: new Map() }; matrixText.set(fig, cache); }
  const missing = shown.filter((i) => !cache.rows.has(i));
  if (missing.length) {
    const flat = session.dataRowsAt(new Uint32Array(missing));
    const words = wasm.formatNumbers(flat, 2, 'fixed');
    missing.forEach((i, k) => {
      const at = k * (n + 1);
      cache.rows.set(i, [...words.slice(at, at + n), labelText(flat[at + n])]);
    });
  }
  // With several features, one column is picked (the first until the learner picks another).
  const col = n > 1 ? Math.min(matrixColumn.get(fig) ?? 0, n - 1) : -1;
  const rows = [];
  shown.forEach((i, k) => {
    if (k > 0 && i > shown[k - 1] + 1) rows.push(el('tr', { class: 'gap' }, el('td', { colspan: String(n + 2), text: fill(S.rowsLeftOut, { k: i - shown[k - 1] - 1 }) })));
    rows.push(el('tr', { class: used.has(i) ? 'used' : null, 'data-row': String(i) },
      el('th', { scope: 'row', text: String(i + 1) }), ...cache.rows.get(i).map((text, j) => el('td', { class: j === col ? 'col' : null, text }))));
  });
  // A learner's own data (own: the chosen columns, Table.describe) names its own columns and classes.
  const names = (own ? own.features : penguins ? S.penguinFeatures : S.features).slice(0, n);
  while (names.length < n) names.push(`x${names.length + 1}`);
  // (One row a step: its number once a step has picked it; before the first step, the batch.)
  const range = batch >= m ? `i = 1 … ${m}` : batch === 1 && usedRows.length ? `i = ${usedRows[0] + 1}` : `i ∈ B (${batch})`;
  const formula = el('p', { class: 'sum-range' });
  const w = col >= 0 ? `w${sub(col + 1)}` : 'w';
  // The sum is one unbroken piece: a narrow panel breaks the line after "=", not inside it.
  const sum = el('span', { class: 'sum' }, el('span', { class: 'frac', text: `1/${batch >= m ? 'm' : '|B|'}` }), ' Σ', el('mark', { text: range }), col >= 0 ? ' (ŷᵢ − yᵢ)·' : ' (ŷᵢ − yᵢ)·xᵢ');
  formula.append(`∂C/∂${w} = `, sum);
  if (col >= 0) {
    sum.append(el('mark', { class: 'col', text: `xᵢ${sub(col + 1)}` }));
    // The value the first run's last step used (its gradient on those rows, before it moved).
    const last = session.updateOf(0);
    const g = last.t > 0 && last.terms[col] ? last.terms[col].g : NaN;
    if (Number.isFinite(g)) formula.append(' ', el('span', { class: 'sum-value', text: fill(S.matrixLast, { value: fmtSig(wasm, g, 3) }) }));
  }
  const usedText = used.size === 0 ? S.matrixUsedNone : used.size === 1 ? S.matrixUsedOne : fill(S.matrixUsedMany, { used: used.size });
  const caption = el('caption', { text: `${fill(S.matrixCaption, { rows: m })} ${usedText}` + (m > shown.length ? ` (${fill(S.rowsShown, { k: shown.length })})` : '') + (col >= 0 ? ` ${fill(S.matrixColumn, { name: names[col], w })}` : '') });
  // Each feature's name picks its column (a button, so the keyboard can too).
  const head = (h, j) => (col < 0 ? el('th', { scope: 'col', text: h })
    : el('th', { scope: 'col', class: j === col ? 'col' : null }, el('button', { type: 'button', class: 'col-pick', 'aria-pressed': String(j === col), text: h,
      onclick: () => { matrixColumn.set(fig, j); renderMatrix(fig, session, S, wasm, own); fig.querySelector(`button.col-pick[aria-pressed="true"]`)?.focus(); } })));
  const table = el('table', { class: 'matrix' }, caption,
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'i' }), ...names.map(head), el('th', { scope: 'col', text: own ? own.label : S.label }))),
    el('tbody', {}, ...rows));
  // The scroll box lasts across frames, so its focus and scroll position survive each step.
  let box = fig.querySelector(':scope > .matrix-scroll');
  if (!box) { box = el('div', { class: 'matrix-scroll', tabindex: '0' }); fig.replaceChildren(formula, box); } else fig.firstChild.replaceWith(formula);
  box.replaceChildren(table);
  // Keep the highlighted rows in sight: scroll to the first one if it is out of view (a full
  // batch lights every row and leaves the box where the learner put it).
  if (used.size < m) {
    const first = box.querySelector('tr.used');
    if (first) {
      // Where the row sits in the box's scrolled content, below the sticky column names.
      const at = first.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
      const head = table.tHead ? table.tHead.getBoundingClientRect().height : 0;
      if (at - head < box.scrollTop || at + first.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, at - head - 4);
    }
  }
}

/** The table of β^(1/(1−β)) against 1/e, computed by the core. */
export function renderETable(fig, wasm, S) {
  const betas = [0.5, 0.9, 0.98, 0.999];
  const rows = betas.map((b) => el('tr', { 'data-beta': String(b) },
    el('td', { text: fmtShort(wasm, b) }), el('td', { text: fmt(wasm, 1 / (1 - b), 0) }),
    el('td', { class: 'value', text: fmt(wasm, wasm.betaLimit(b), 4) }), el('td', { text: fmt(wasm, Math.exp(-1), 4) })));
  fig.replaceChildren(el('table', { class: 'etable' },
    el('thead', {}, el('tr', {}, ...S.etable.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, ...rows)));
}
