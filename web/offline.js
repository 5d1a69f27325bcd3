// Offline use and updates: registers the service worker (sw.js, written by scripts/offline.mjs),
// once the page is ready and the browser idle, so the first visit's downloads and ready time are
// the page's own; the worker then keeps every file of this version for offline use. When a new
// version has been downloaded and waits, the page says so and offers to reload into it.
// Only the site does this: the single-file build and a SCORM package's page have no manifest
// link (the build adds it to the site's page only) and register no worker.

import { el } from './ui.js';

/**
 * Registers the worker after the page's load, when the browser is idle. Test hook:
 * `<html data-offline>` is "none" where the page registers none, "ready" once a worker keeps
 * every file of a version (this one, or one waiting to replace it).
 */
export function keepOffline(app) {
  const sw = navigator.serviceWorker;
  if (!sw || !document.querySelector('link[rel="manifest"]') || document.getElementById('descent-package')) {
    app.root.dataset.offline = 'none';
    return;
  }
  // A page the worker serves reloads when another version takes over (its own button, or another
  // tab's), so it never goes on with one version's script and the next one's files.
  const served = !!sw.controller;
  sw.addEventListener('controllerchange', () => { if (served) location.reload(); });
  // Offline, an update check can only fail: the worker in charge already has every file.
  if (served && !navigator.onLine) { app.root.dataset.offline = 'ready'; return; }
  const register = () => sw.register('sw.js').then(async (reg) => {
    watchUpdates(app, reg);
    const ready = await sw.ready;
    // A first visit: the worker serves this page from now on if it is of this page's version.
    const version = document.querySelector('meta[name="descent-version"]');
    if (!sw.controller && version && ready.active) ready.active.postMessage({ claim: version.content });
    app.root.dataset.offline = 'ready';
  }).catch((e) => console.warn('offline use unavailable:', e));
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 1000));
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}

/** Announces a version that has finished downloading and waits (while this page is served by another). */
function watchUpdates(app, reg) {
  const announce = (worker) => { if (navigator.serviceWorker.controller) updateNote(app, worker); };
  if (reg.waiting) announce(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const worker = reg.installing;
    if (!worker) return;
    worker.addEventListener('statechange', () => { if (worker.state === 'installed') announce(worker); });
  });
}

/** The note, with a button that lets the waiting version take over (the page then reloads). */
function updateNote(app, worker) {
  if (document.getElementById('update-note')) return;
  const { S } = app;
  const note = el('div', { class: 'update-note', id: 'update-note', role: 'status' },
    el('p', { text: S.updateReady }),
    el('button', { type: 'button', class: 'button primary', id: 'update-reload', text: S.reload, onclick: () => worker.postMessage('activate') }));
  document.body.append(note);
}
