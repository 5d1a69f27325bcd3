// The weights panel of a model on a learner's own data (`view=coefs`): each feature's weight as
// a bar, named by its column, one bar per run in the run's colour, and each run's fit (R² for a
// regression, the share right for a classifier). Redrawn after each frame.

import { fill } from './i18n.js';
import { el, fmt } from './ui.js';

const dark = () => window.matchMedia('(prefers-color-scheme: dark)').matches;

/** Fills `fig` with run-by-run bars of the weights of `session` (names from the chosen columns). */
export function renderCoefs(fig, session, app) {
  const { S, wasm, own } = app;
  const T = S.own;
  const names = own && own.chosen ? own.chosen.describe.features : [];
  const runs = session.runs();
  const params = Array.from({ length: runs }, (_, i) => Array.from(session.paramsOf(i)));
  const n = params[0].length - 1;
  // The bars share one scale: the largest weight (the bias, on the label's scale, has no bar).
  let top = 0;
  for (const p of params) for (let k = 0; k < n; k++) top = Math.max(top, Math.abs(p[k]));
  const colors = Array.from({ length: runs }, (_, i) => session.styleOf(i, dark()).color);
  const fit = Array.from({ length: runs }, (_, i) => {
    const r2 = session.rSquaredOf(i);
    if (r2 !== undefined) return fill(T.r2, { r2: fmt(wasm, r2, 3) });
    const a = session.accuracyOf(i);
    return a === undefined ? '' : fill(T.accuracy, { acc: fmt(wasm, 100 * a, 1) });
  });
  // Sizes and colours through the CSSOM (the page's Content-Security-Policy allows no style attribute).
  const bar = (w, i) => {
    const b = el('span', { class: 'coef-bar' });
    b.style.width = `${top > 0 ? (50 * Math.abs(w)) / top : 0}%`;
    b.style[w >= 0 ? 'left' : 'right'] = '50%';
    b.style.background = colors[i];
    return el('span', { class: 'coef-track', 'aria-hidden': 'true' }, b);
  };
  // Each run's name, colour and fit once above; under it, one row per parameter with a bar per run.
  const fits = el('ul', { class: 'coef-fits' }, ...params.map((_, i) => {
    const swatch = el('span', { class: 'coef-swatch', 'aria-hidden': 'true' });
    swatch.style.background = colors[i];
    return el('li', {}, swatch, el('span', { class: 'coef-run', text: session.labelOf(i) }), ' ', el('span', { class: 'coef-fit', text: fit[i] }));
  }));
  const rows = [];
  for (let k = 0; k <= n; k++) {
    const name = k < n ? (names[k] || `w${k + 1}`) : T.bias;
    const cell = el('td', {}, ...params.map((p, i) => el('span', { class: 'coef-line' }, k < n ? bar(p[k], i) : null,
      el('span', { class: 'coef-value', text: runs > 1 ? `${session.labelOf(i)}: ${fmt(wasm, p[k], 3)}` : fmt(wasm, p[k], 3) }))));
    rows.push(el('tr', { class: k === n ? 'bias' : null }, el('th', { scope: 'row', text: name }), cell));
  }
  const table = el('table', { class: 'coefs' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: T.feature }), el('th', { scope: 'col', text: T.weight }))),
    el('tbody', {}, ...rows));
  let box = fig.querySelector(':scope > .table-scroll');
  if (!box) { box = el('div', { class: 'table-scroll', tabindex: '0' }); fig.replaceChildren(fits, box); } else fig.firstChild.replaceWith(fits);
  box.replaceChildren(table);
}
