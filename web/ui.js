// DOM helpers: safe element building, the message box, the lesson-text sanitizer, and the HTML panels
// (step table, readout, data matrix, e-table). No scene value ever reaches innerHTML.

import { fill } from './i18n.js';
import ALLOW from './rich-text.js';

/** Formats a number for the page; never shows NaN or Infinity as a number. */
export function fmt(x, digits = 3) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(2).replace('-', '−');
  return x.toFixed(digits).replace(/^-/, '−');
}

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
export function renderTable(fig, session, S) {
  const dim = session.dim();
  const flat = session.stepLog(8);
  const width = 2 + 4 * dim;
  const head = dim === 1 ? S.table : ['t', 'w, b', '∇C', 'Δ', 'new w, b', 'C'];
  const pair = (a) => a.map((x) => fmt(x, 3)).join(', ');
  const rows = [];
  for (let i = 0; i + width <= flat.length; i += width) {
    const r = flat.slice(i, i + width);
    const t = r[0];
    const before = Array.from(r.slice(1, 1 + dim));
    const grad = Array.from(r.slice(1 + dim, 1 + 2 * dim));
    const upd = Array.from(r.slice(1 + 2 * dim, 1 + 3 * dim));
    const after = Array.from(r.slice(1 + 3 * dim, 1 + 4 * dim));
    // α·slope is what was subtracted: −Δw.
    rows.push([String(t), pair(before), pair(grad), pair(upd.map((x) => -x)), pair(after), fmt(r[width - 1], 4)]);
  }
  const table = el('table', { class: 'steps' },
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, ...(rows.length ? rows : [['0', pair(Array.from(session.params())), '', '', '', fmt(session.loss(), 4)]])
      .map((r) => el('tr', {}, ...r.map((c) => el('td', { text: c }))))));
  // One lasting scroll box, so focus and scroll position survive the per-frame redraw.
  let box = fig.querySelector(':scope > .table-scroll');
  if (!box) { box = el('div', { class: 'table-scroll', tabindex: '0' }); fig.replaceChildren(box); }
  box.replaceChildren(table);
}

/** Live numbers: position, cost, slope; the secant's ΔC/Δw when shown. */
export function renderReadout(fig, session, S, { secant = false, stepping = true, examples = false } = {}) {
  const R = S.readout;
  const items = [];
  const runs = session.runs();
  for (let i = 0; i < runs; i++) {
    const p = session.paramsOf(i);
    const name = runs > 1 ? session.labelOf(i) + ' · ' : '';
    if (stepping) items.push([name + R.t, String(session.iterationOf(i))]);
    items.push([R.w, fmt(p[0])]);
    if (p.length > 1) items.push([R.b, fmt(p[1])]);
    items.push([R.cost, fmt(session.lossOf(i), 4)]);
    if (i === 0 && !secant) {
      const g = session.gradient();
      items.push([p.length > 1 ? R.grad : R.slope, Array.from(g).map((x) => fmt(x)).join(', ')]);
    }
  }
  if (secant) {
    const s = session.secant();
    items.push([R.dw, fmt(s[1], 4)], [R.dc, fmt(s[4], 4)], [R.ratio, fmt(s[5], 4)], [R.slope, fmt(s[6], 4)]);
  }
  const state = session.state();
  if (examples) items.push([R.seen, String(state.examplesSeen)]);
  fig.replaceChildren(el('dl', { class: 'readout' }, ...items.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])));
}

/** The data matrix with the rows used by the last step highlighted, and the gradient's sum range. */
export function renderMatrix(fig, session, S, lang) {
  const m = session.dataCount();
  const n = session.dataWidth();
  if (!m) { fig.replaceChildren(); return; }
  const shown = Math.min(m, 40);
  const flat = session.dataRows(shown);
  const used = new Set(Array.from(session.state().lastRows));
  const batch = session.state().batch;
  const rows = [];
  for (let i = 0; i < shown; i++) {
    const r = flat.slice(i * (n + 1), (i + 1) * (n + 1));
    const y = r[n];
    rows.push(el('tr', { class: used.has(i) ? 'used' : null, 'data-row': String(i) },
      el('th', { scope: 'row', text: String(i + 1) }),
      ...Array.from(r.slice(0, n)).map((x) => el('td', { text: fmt(x, 2) })),
      el('td', { text: y > 0.5 ? S.cat : S.dog })));
  }
  const names = S.features.slice(0, n);
  while (names.length < n) names.push(`x${names.length + 1}`);
  const range = batch >= m ? `i = 1 … ${m}` : batch === 1 ? `i = ${[...used][0] + 1}` : `i ∈ B (${batch})`;
  const formula = el('p', { class: 'sum-range' });
  formula.append('∂C/∂w = ', el('span', { class: 'frac', text: `1/${batch >= m ? 'm' : '|B|'}` }), ' Σ', el('mark', { text: range }), ' (ŷᵢ − yᵢ)·xᵢ');
  const caption = el('caption', { text: fill(S.matrixCaption, { used: used.size, rows: m }) + (m > shown ? ` (1–${shown})` : '') });
  const table = el('table', { class: 'matrix' }, caption,
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'i' }), ...names.map((h) => el('th', { scope: 'col', text: h })), el('th', { scope: 'col', text: S.label }))),
    el('tbody', {}, ...rows));
  // The scroll box lasts across frames, so its focus and scroll position survive each step.
  let box = fig.querySelector(':scope > .matrix-scroll');
  if (!box) { box = el('div', { class: 'matrix-scroll', tabindex: '0' }); fig.replaceChildren(formula, box); } else fig.firstChild.replaceWith(formula);
  box.replaceChildren(table);
}

/** The table of β^(1/(1−β)) against 1/e, computed by the core. */
export function renderETable(fig, wasm, S) {
  const betas = [0.5, 0.9, 0.98, 0.999];
  const rows = betas.map((b) => el('tr', { 'data-beta': String(b) },
    el('td', { text: String(b) }), el('td', { text: fmt(1 / (1 - b), 0) }),
    el('td', { class: 'value', text: wasm.betaLimit(b).toFixed(4) }), el('td', { text: Math.exp(-1).toFixed(4) })));
  fig.replaceChildren(el('table', { class: 'etable' },
    el('thead', {}, el('tr', {}, ...S.etable.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, ...rows)));
}
