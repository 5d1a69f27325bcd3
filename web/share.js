// Sharing a step: its link, the code to embed it, and its picture (PNG) and run (CSV).

import { flushURL } from './address.js';
import { el, message } from './ui.js';

/** The address of the step shown, with `extra` keys set. */
function stepURL(app, extra = {}) {
  flushURL(app);
  const u = new URL(location.href);
  for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, v);
  return u.toString();
}

export async function copyLink(app) {
  try { await navigator.clipboard.writeText(stepURL(app)); message(app.S.copied, 'info'); } catch { message(app.S.copyFailed, 'info'); }
}

export function showEmbed(app) {
  const S = app.S;
  const src = stepURL(app, { embed: '1' });
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
  // In the page only for the click: a link without words must not stay in the tab order.
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The first canvas, background and foreground in one picture. */
export function exportPng(app) {
  const v = app.stage.views[0];
  if (!v) return;
  const [bg, fg] = v.box.querySelectorAll('canvas');
  const c = document.createElement('canvas');
  c.width = bg.width; c.height = bg.height;
  const g = c.getContext('2d');
  g.drawImage(bg, 0, 0); g.drawImage(fg, 0, 0);
  const { lesson, step } = app.current;
  c.toBlob((b) => b && download(`descent-${lesson.id}-${step}.png`, b), 'image/png');
}

/**
 * The run on a learner's own data, to keep: each run's cost after every epoch and its final
 * weights, named by the chosen columns (Session.runCsv). The data itself is not in it.
 */
export function downloadRun(app) {
  const { session } = app.current;
  if (!session || !app.own || !app.own.chosen) return;
  const names = [...app.own.chosen.describe.features, 'b'];
  download('descent-run.csv', new Blob([session.runCsv(names)], { type: 'text/csv' }));
}

export function exportCsv(app) {
  const { lesson, step, session } = app.current;
  if (!session) return;
  download(`descent-${lesson.id}-${step}.csv`, new Blob([session.csv()], { type: 'text/csv' }));
}
