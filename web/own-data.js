// A learner's own CSV data, in the playground (`surface=own`): the loader panel (drop a file,
// pick one or paste text), reading it in slices with a progress bar and a Cancel button, and
// the session made from the chosen columns. The file is read in the browser only: its bytes go
// to the wasm module's reader (crates/core/src/table.rs) and never into the address.

import { fill } from './i18n.js';
import { nextTask, showColumns } from './own-columns.js';
import { el, message } from './ui.js';

/** Bytes read from the file at a time. */
const BLOCK = 1 << 20;
/** Bytes handed to the reader per call: well under a millisecond of parsing. */
const SLICE = 16 * 1024;
/** Parsing time per task (ms), after which the page draws and takes input again. */
const BUDGET = 8;



/** True if the scene (URLSearchParams) is of a learner's own data. */
export const isOwn = (q) => q.get('surface') === 'own';

/**
 * The session of the learner's data for scene string `query`, or null when the scene is not of
 * own data (the stage then builds it from the string alone). Throws the reason a choice cannot be
 * used, in the page's language; `undefined` when no data is chosen yet.
 */
export function ownSession(app, query) {
  if (!isOwn(new URLSearchParams(query))) return null;
  const o = app.own;
  if (!o || !o.chosen) return undefined;
  return app.wasm.Session.withData(query, o.table, o.chosen.label, Uint32Array.from(o.chosen.features), app.lang);
}

/**
 * The loader panel above the views, for a scene of own data (made once a step, kept while the
 * scene changes); removed for any other scene. `linked`: the page was opened on such a scene
 * (a shared link), without data.
 */
export function showLoader(app, on) {
  const { S } = app;
  const T = S.own;
  let panel = document.getElementById('own-data');
  if (panel) return panel;
  const status = el('p', { class: 'own-status', id: 'own-status', 'aria-live': 'polite' });
  const bar = el('progress', { max: '1', value: '0', 'aria-labelledby': 'own-status' });
  const cancel = el('button', { type: 'button', class: 'button quiet', id: 'own-cancel', text: T.cancel });
  const progress = el('div', { class: 'own-progress', hidden: true }, bar, cancel);
  const file = el('input', { type: 'file', id: 'own-file', accept: '.csv,.tsv,.txt,text/csv,text/plain', class: 'sr-only' });
  const pick = el('label', { for: 'own-file', class: 'button', text: T.pick });
  const drop = el('div', { class: 'own-drop', id: 'own-drop' }, el('span', { text: T.drop }), ' ', pick, file);
  const paste = el('textarea', { id: 'own-paste', rows: '4', spellcheck: 'false', autocomplete: 'off', 'aria-label': T.pasteLabel });
  const readPaste = el('button', { type: 'button', class: 'button', id: 'own-read', text: T.read });
  const pasteBox = el('details', { class: 'own-paste' }, el('summary', { text: T.paste }), paste, readPaste);
  const columns = el('div', { class: 'own-columns', id: 'own-columns' });
  panel = el('section', { class: 'own', id: 'own-data', 'aria-labelledby': 'own-title' },
    el('h2', { id: 'own-title', text: T.title }),
    el('p', { class: 'note', id: 'own-private', text: T.private }),
    app.own && app.own.chosen ? null : el('p', { class: 'note', id: 'own-linked', text: T.linked }),
    drop, pasteBox, progress, status,
    el('div', { id: 'own-error', class: 'message error', role: 'alert', hidden: true }),
    columns,
    el('p', { class: 'hint', text: T.rules }));
  const ui = { panel, status, bar, cancel, progress, columns, on };
  file.addEventListener('change', () => { if (file.files[0]) readFile(app, ui, file.files[0]); file.value = ''; });
  readPaste.addEventListener('click', () => readText(app, ui, paste.value));
  // A file dropped anywhere on the panel.
  for (const t of ['dragenter', 'dragover']) panel.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add('over'); });
  panel.addEventListener('dragleave', (e) => { if (!panel.contains(e.relatedTarget)) drop.classList.remove('over'); });
  panel.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer && e.dataTransfer.files[0];
    if (f) readFile(app, ui, f);
  });
  app.ownUi = ui;
  if (app.own && app.own.table) showColumns(app, ui);
  return panel;
}

/** Removes the loader (a scene of another surface). */
export function hideLoader(app) {
  const p = document.getElementById('own-data');
  if (p) p.remove();
  app.ownUi = null;
}

/** Shows why the data cannot be used (in the panel, and in the page's message box), or clears it. */
export function ownError(text) {
  const box = document.getElementById('own-error');
  if (box) { box.hidden = !text; box.replaceChildren(text ? el('p', { text }) : ''); }
  if (text) message(text);
}

/** Reads a picked or dropped file in slices. */
function readFile(app, ui, file) {
  return readSlices(app, ui, file.name, file.size, (at, end) => file.slice(at, end).arrayBuffer());
}

/** Reads pasted text in slices, as a file's bytes. */
function readText(app, ui, text) {
  const bytes = new TextEncoder().encode(text);
  return readSlices(app, ui, app.S.own.pasted, bytes.length, async (at, end) => bytes.subarray(at, end));
}

/**
 * Feeds the bytes `[0, size)` (from `slice(at, end)`, a block at a time) to a new reader in
 * slices, a few milliseconds of them per task, with the progress bar and Cancel. The data the learner had (app.own) is replaced only once the new
 * file has been read without an error.
 */
async function readSlices(app, ui, name, size, slice) {
  const T = app.S.own;
  if (app.ownJob) app.ownJob.cancelled = true;
  const job = { cancelled: false };
  app.ownJob = job;
  const table = new app.wasm.Table();
  ownError(null);
  ui.progress.hidden = false;
  ui.bar.value = 0;
  ui.status.textContent = fill(T.reading, { rows: '0' });
  ui.cancel.onclick = () => { job.cancelled = true; };
  let at = 0;
  let failed = null;
  try {
    let more = true;
    while (more && at < size) {
      const block = new Uint8Array(await slice(at, Math.min(size, at + BLOCK)));
      if (job.cancelled || !block.length) break;
      // The block a slice at a time, BUDGET ms of it per task.
      let t0 = performance.now();
      for (let k = 0; more && k < block.length; k += SLICE) {
        more = table.feed(block.subarray(k, k + SLICE));
        if (performance.now() - t0 > BUDGET) {
          ui.bar.value = size ? (at + k) / size : 1;
          ui.status.textContent = fill(T.reading, { rows: String(table.rows()) });
          await nextTask();
          if (job.cancelled) break;
          t0 = performance.now();
        }
      }
      if (job.cancelled) break;
      at += block.length;
      ui.bar.value = size ? at / size : 1;
      ui.status.textContent = fill(T.reading, { rows: String(table.rows()) });
    }
    if (!job.cancelled) failed = table.finish(app.lang) || null;
  } catch (e) {
    failed = String(e.message || e);
  }
  if (app.ownJob === job) { app.ownJob = null; ui.progress.hidden = true; }
  if (job.cancelled || failed) {
    table.free();
    if (job.cancelled) { if (app.ownJob === null) ui.status.textContent = T.cancelled; return; }
    ui.status.textContent = '';
    ownError(failed);
    return;
  }
  if (app.own && app.own.table) app.own.table.free();
  const sep = { ',': T.commas, ';': T.semicolons, '\t': T.tabs }[table.separator()] || T.commas;
  app.own = { table, name, chosen: null, sep };
  const note = table.note(app.lang);
  ui.status.textContent = fill(T.loaded, { name, rows: String(table.rows()), cols: String(table.columns().length), sep }) + (note ? ` ${note}` : '');
  const linked = document.getElementById('own-linked');
  if (linked) linked.remove();
  const pasteBox = ui.panel.querySelector('.own-paste');
  if (pasteBox) pasteBox.open = false;
  showColumns(app, ui);
}
