// The page's own words. Translators write them in lessons/ui/<lang>.toml; the lesson compiler
// (crates/lessons) checks them and puts them into the course map it writes for each language
// (lessons/index.<lang>.json: `ui`, with English for any string a translation lacks), so they
// arrive with the first file the page fetches. Before that, the page shows the English the
// build wrote into its HTML (scripts/page-text.mjs). Here: using them.

/**
 * A string with its placeholders filled in: `fill('Step {step} of {steps}', { step: 2, steps: 6 })`.
 * A placeholder without a value stays as written and is reported (a string and the page disagree).
 */
export function fill(template, values) {
  return template.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (all, name) => {
    if (Object.hasOwn(values, name)) return String(values[name]);
    console.error(`page string "${template}": nothing fills {${name}}`);
    return all;
  });
}

/** The string a dotted id names (`lr`, `canvasLabel.curve`), or the id itself if there is none. */
export function label(S, id) {
  const v = id.split('.').reduce((o, k) => (o === undefined || o === null ? o : o[k]), S);
  return typeof v === 'string' ? v : id;
}

/**
 * Puts the strings into the page's fixed parts: every `data-i18n` element's text, every
 * `data-i18n-label` element's aria-label, and which language button is pressed.
 */
export function showStrings(S, lang) {
  document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = label(S, n.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((n) => n.setAttribute('aria-label', label(S, n.dataset.i18nLabel)));
  document.querySelectorAll('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === lang)));
  document.documentElement.classList.remove('words-pending'); // see early.js
}
