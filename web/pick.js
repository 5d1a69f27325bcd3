// What the page decides from its address alone, before any lesson text or wasm has loaded:
// the language and which wasm module a scene needs. Shared by early.js (which starts the
// downloads as the HTML is read) and app.js, so the two always agree.

/** The wasm modules, each a build of the same crate doing all the one before it does:
 * `lean` (every 2-D view), `3d` (+ the 3-D surface view, the real models on penguins and their
 * loss landscape), `full` (+ the typed-formula parser). */
export const RANK = { lean: 0, '3d': 1, full: 2 };

/** The surfaces of the real models, which the lean module leaves out. */
const MODELS = ['penguins', 'mlp'];

/**
 * The site's languages: the tags the build found page strings for (lessons/ui/<lang>.toml),
 * written on the page's root element as `data-langs="en ko"` (scripts/page-text.mjs).
 */
export function siteLangs() {
  const l = document.documentElement.dataset.langs;
  return l ? l.split(' ') : ['en'];
}

/**
 * The language to show: the link's (`lang=`) if the site has it, else the browser's first
 * preference the site has (`de-AT` → `de`), else English. The core's scene table checks the
 * link's tag is well formed; which tags exist is the build's to say.
 */
export function pickLang(sceneLang) {
  const langs = siteLangs();
  if (langs.includes(sceneLang)) return sceneLang;
  const prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  for (const p of prefs) {
    const tag = String(p).toLowerCase();
    const found = [tag, tag.split('-')[0]].find((t) => langs.includes(t));
    if (found) return found;
  }
  return 'en';
}

/** The smallest module a scene (URLSearchParams) needs. */
export function moduleFor(q) {
  // A learner's own data (surface=own) is read by the playground's module too.
  if (q.get('lesson') === 'playground' || ['formula', 'own'].includes(q.get('surface'))) return 'full';
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

/** Whether a compiled lesson step's text has a formula (it is then shown in the math font). */
export function hasMath(step) {
  return JSON.stringify(step).includes('<math');
}
