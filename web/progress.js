// The learner's progress, kept in this browser (localStorage): the last step seen of each
// lesson, and whether its last step was reached.

const PROGRESS = 'descent.progress.v1';

/** `{ [lessonId]: { step, done, at } }`; empty when nothing is stored or storage is off. */
export function progress() {
  try { return JSON.parse(localStorage.getItem(PROGRESS)) || {}; } catch { return {}; }
}

export function saveProgress(p) {
  try { localStorage.setItem(PROGRESS, JSON.stringify(p)); } catch { /* private mode */ }
}

/** Records that step `step` of `total` of lesson `id` was shown. */
export function markStep(id, step, total) {
  const p = progress();
  const was = p[id] || {};
  p[id] = { step, done: !!was.done || step >= total, at: Date.now() };
  saveProgress(p);
}
