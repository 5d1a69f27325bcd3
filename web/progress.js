// The learner's progress: the last step seen of each lesson, and whether its last step was
// reached, kept in this browser (localStorage). Inside a SCORM package the package's own record
// (package.js: the steps seen, reported to the learning platform) is the progress instead.

const PROGRESS = 'descent.progress.v1';

/** `{ [lessonId]: { step, done } }`; empty when nothing is stored or storage is off. */
export function progress(app) {
  if (app.pkg) return app.pkg.progress();
  try { return JSON.parse(localStorage.getItem(PROGRESS)) || {}; } catch { return {}; }
}

export function saveProgress(p) {
  try { localStorage.setItem(PROGRESS, JSON.stringify(p)); } catch { /* private mode */ }
}

/** Records that step `step` of `total` of lesson `id` was shown. */
export function markStep(app, id, step, total) {
  if (app.pkg) { app.pkg.visit(id, step, app.lang); return; }
  const p = progress(app);
  const was = p[id] || {};
  p[id] = { step, done: !!was.done || step >= total, at: Date.now() };
  saveProgress(p);
}
