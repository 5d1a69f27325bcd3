// A learner's own data, once read (own-data.js): the preview of its first rows with each
// column's inferred type, the choice of the label and the features, what the choice gives (the
// model the label asks for, the features' means and spreads) and the run to download.

import { fill } from './i18n.js';
import { downloadRun } from './share.js';
import { el, fmtSig } from './ui.js';

/** A column a model can learn from: numbers in every row, not all the same. */
const usable = (c) => c.kind === 'number' && c.empty === undefined && c.distinct > 1;

/** The column types' words ("number", "numbers, text in row 5", …). */
function typeOf(T, c) {
  const kind = c.kind === 'mixed' ? fill(T.mixed, { row: c.row }) : T[c.kind];
  return c.empty === undefined ? kind : `${kind}, ${fill(T.gaps, { row: c.empty })}`;
}

/** The preview and the column choice of the data in `app.own`, into the loader's `ui.columns`. */
export function showColumns(app, ui) {
  const { S, own } = app;
  const T = S.own;
  const cols = Array.from(own.table.columns());
  const rows = Array.from(own.table.preview(), (r) => Array.from(r));
  // What was chosen before (the same file read again keeps it), else: the last column is the
  // label, every other usable column a feature.
  const last = cols.length - 1;
  const label = own.chosen ? own.chosen.label : last;
  const features = own.chosen ? own.chosen.features : cols.map((c, j) => j).filter((j) => j !== last && usable(cols[j]));
  const head = (text) => el('th', { scope: 'row', text });
  const names = el('tr', {}, el('td'), ...cols.map((c) => el('th', { scope: 'col', text: c.name })));
  const types = el('tr', { class: 'types' }, head(T.type), ...cols.map((c) => el('td', { text: typeOf(T, c), class: `type-${c.kind}` })));
  const pickLabel = el('tr', {}, head(T.labelPick), ...cols.map((c, j) => el('td', {},
    el('input', { type: 'radio', name: 'own-label', id: `own-label-${j}`, value: String(j), checked: j === label, 'aria-label': `${T.labelPick}: ${c.name}` }))));
  const pickFeature = el('tr', {}, head(T.featurePick), ...cols.map((c, j) => el('td', {},
    el('input', { type: 'checkbox', id: `own-feature-${j}`, value: String(j), checked: features.includes(j), 'aria-label': `${T.featurePick}: ${c.name}` }))));
  const body = rows.map((r, i) => el('tr', {}, head(String(i + 2)), ...r.map((v) => el('td', { text: v }))));
  const table = el('table', { class: 'own-preview', 'aria-labelledby': 'own-choose' },
    el('thead', {}, names, types, pickLabel, pickFeature), el('tbody', {}, ...body));
  const use = el('button', { type: 'button', class: 'button primary', id: 'own-use', text: T.use });
  use.addEventListener('click', () => {
    const l = Number(table.querySelector('input[name="own-label"]:checked')?.value ?? last);
    const f = [...table.querySelectorAll('input[type="checkbox"]:checked')].map((b) => Number(b.value)).filter((j) => j !== l);
    choose(app, ui, l, f);
  });
  // A label picked is no feature.
  table.addEventListener('change', (e) => {
    if (e.target.name !== 'own-label') return;
    const f = document.getElementById(`own-feature-${e.target.value}`);
    if (f) f.checked = false;
  });
  const summary = el('div', { class: 'own-summary', id: 'own-summary' });
  ui.columns.replaceChildren(el('p', { id: 'own-choose', class: 'own-choose', text: T.choose }),
    el('div', { class: 'table-scroll own-scroll', tabindex: '0', 'aria-labelledby': 'own-choose' }, table), use, summary);
  if (own.chosen) showSummary(app, summary);
}

/** Lets the browser draw and take input: a new task (a message, which setTimeout's 4 ms clamp does not delay). */
export const nextTask = () => new Promise((resolve) => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve();
  ch.port2.postMessage(0);
});

/**
 * Checks the choice with the reader (which prepares its data set); if it can be used, builds its
 * model in the next task and trains on it in the one after (a new session): three shorter tasks.
 */
async function choose(app, ui, label, features) {
  const d = app.own.table.describe(label, Uint32Array.from(features), app.lang);
  if (d.error) { ui.on.error(d.error); return; }
  await nextTask();
  const bad = app.own.table.buildModel(label, Uint32Array.from(features), app.lang);
  if (bad) { ui.on.error(bad); return; }
  await nextTask();
  const before = app.own.chosen;
  app.own.chosen = { label, features, describe: d };
  if (!ui.on.train()) { app.own.chosen = before; return; }
  ui.on.error(null);
  showSummary(app, document.getElementById('own-summary'));
}

/** The model the choice gives, the features' means and spreads, and the run to download. */
function showSummary(app, box) {
  const { S, wasm } = app;
  const T = S.own;
  const d = app.own.chosen.describe;
  const model = d.task === 'regression'
    ? fill(T.regression, { label: d.label })
    : fill(T.classification, { label: d.label, one: d.classes[1], zero: d.classes[0] });
  const rows = d.features.map((name, k) => el('tr', {}, el('th', { scope: 'row', text: name }),
    el('td', { text: fmtSig(wasm, d.means[k], 4) }), el('td', { text: fmtSig(wasm, d.spreads[k], 4) })));
  box.replaceChildren(
    el('p', { class: 'own-model', id: 'own-model', text: model }),
    el('p', { text: T.standardized }),
    el('div', { class: 'table-scroll', tabindex: '0' }, el('table', { class: 'own-stats', id: 'own-stats' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: T.feature }), el('th', { scope: 'col', text: T.mean }), el('th', { scope: 'col', text: T.spread }))),
      el('tbody', {}, ...rows))),
    el('button', { type: 'button', class: 'button', id: 'own-download', text: T.download, onclick: () => downloadRun(app) }));
}
