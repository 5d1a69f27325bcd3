// What the page decides from its address alone, before any lesson text or wasm has loaded:
// the language and which wasm module a scene needs. Shared by early.js (which starts the
// downloads as the HTML is read) and app.js, so the two always agree.

/** The wasm modules, each a build of the same crate doing all the one before it does:
 * `lean` (every 2-D view), `3d` (+ the 3-D surface view, the real models on penguins and their
 * loss landscape), `full` (+ the typed-formula parser). */
export const RANK = { lean: 0, '3d': 1, full: 2 };

/** The surfaces of the real models, which the lean module leaves out. */
const MODELS = ['penguins', 'mlp'];

/** The language to use: the scene's, else the browser's (Korean when it starts with "ko"). */
export function pickLang(sceneLang) {
  if (sceneLang === 'ko' || sceneLang === 'en') return sceneLang;
  const nav = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return nav.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** The smallest module a scene (URLSearchParams) needs. */
export function moduleFor(q) {
  if (q.get('lesson') === 'playground' || q.get('surface') === 'formula') return 'full';
  if (MODELS.includes(q.get('surface'))) return '3d';
  return (q.get('view') || '').split(',').includes('surface3d') ? '3d' : 'lean';
}

/** The larger of two module kinds. */
export function larger(a, b) {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The files of a module larger than the lean one (whose glue is in app.js): its glue and its wasm. */
export function moduleFiles(kind) {
  return [`descent-${kind}.js`, `descent-${kind}_bg.wasm`];
}
