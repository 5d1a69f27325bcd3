// The address bar: a step's scene is its lesson step's preset, then the link's changed keys
// (overrides), then the page keys; the address shows the page keys and the overrides.

import { postHeight } from './embed.js';
import { pageKeys, defaultOf } from './state.js';

/**
 * The scene of a step: `preset` (a query string) ⊕ `overrides` ⊕ `page` (Maps). Picking another
 * surface than the preset's drops the preset's keys that follow the surface (the table's
 * `followsSurface`: its start point, formula, views…).
 */
export function merge(app, preset, overrides, page) {
  const q = new URLSearchParams(preset);
  for (const k of pageKeys(app)) q.delete(k);
  if (overrides.has('surface') && overrides.get('surface') !== (q.get('surface') || defaultOf(app, 'surface'))) {
    for (const k of app.table.keys) if (k.followsSurface) q.delete(k.key);
  }
  for (const [k, v] of overrides) q.set(k, v);
  for (const [k, v] of page) q.set(k, v);
  return q;
}

/** The scene of the step shown. */
export function mergedParams(app) {
  const c = app.current;
  return merge(app, c.preset, c.overrides, c.page);
}

/**
 * Puts the step and its changed keys in the address bar, after the next frame: a same-document
 * URL change costs the page a style and layout pass, which would otherwise hold back the redrawn
 * scene. Changes in a row write once; `flushURL` writes now (before a link is copied, before
 * another entry is pushed, when the page is left).
 */
export function writeURL(app) {
  const u = app.url;
  if (!u.frame && !u.timer) u.frame = requestAnimationFrame(() => { u.frame = 0; u.timer = setTimeout(() => flushURL(app), 0); });
}

/** Forgets a pending write (the address bar already shows where the page is going). */
export function dropURL(app) {
  const u = app.url;
  cancelAnimationFrame(u.frame);
  clearTimeout(u.timer);
  u.frame = u.timer = 0;
}

export function flushURL(app) {
  const pending = app.url.frame || app.url.timer;
  dropURL(app);
  if (!pending || !app.current) return;
  const q = new URLSearchParams();
  for (const [k, v] of app.current.page) q.set(k, v);
  for (const [k, v] of app.current.overrides) q.set(k, v);
  const s = q.toString();
  // A teacher's course keeps its fragment (the course itself).
  const own = app.current.lesson.own;
  history.replaceState(null, '', (s ? `?${s}` : location.pathname) + (own ? own.fragment : ''));
  postHeight();
}
