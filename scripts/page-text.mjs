// Writes the page strings the HTML itself shows into a build's index.html, so the first paint,
// the crash screen and a browser without JavaScript have words before any file has loaded:
//  - the site's languages, `<html data-langs="en ko">` (pick.js: the languages a link may ask for);
//  - the language switch: one button per language, with its own name;
//  - the English text of every `data-i18n="key"` element and `data-i18n-label="key"` aria-label
//    (the page puts its language's in once its strings arrive: web/i18n.js, showStrings);
//  - `data-i18n-every="key"`: that string in every language, side by side (the no-script line).
// All of it comes from the compiled course maps (lessons/index.<lang>.json, from
// lessons/ui/<lang>.toml), and writing it again replaces what an earlier run wrote.
//
//   node scripts/page-text.mjs [dist]      (run by scripts/build.sh after the lesson compiler)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The string a dotted key names in a language's strings. */
function lookup(ui, key, where) {
  const v = key.split('.').reduce((o, k) => (o == null ? o : o[k]), ui);
  if (typeof v !== 'string') throw new Error(`page-text: ${where}: no page string "${key}" (lessons/ui/en.toml)`);
  return v;
}

/** index.html with the page strings written in; `indexes` are the course maps, English first. */
export function pageText(html, indexes) {
  const en = indexes[0];
  const langs = en.languages;
  const count = (re) => (html.match(re) || []).length;
  const need = (re, what) => { if (!count(re)) throw new Error(`page-text: no ${what} in index.html`); };

  need(/<html\b/, '<html>');
  html = html.replace(/<html\b([^>]*?)(\s+data-langs="[^"]*")?>/, (_, attrs) => `<html${attrs} data-langs="${esc(langs.map((l) => l.lang).join(' '))}">`);

  const sw = /(<div class="lang-switch"[^>]*>)[\s\S]*?(<\/div>)/;
  need(sw, 'language switch (<div class="lang-switch">)');
  const buttons = langs.map((l) => `<button type="button" data-lang="${esc(l.lang)}" lang="${esc(l.lang)}">${esc(l.name)}</button>`).join('');
  html = html.replace(sw, (_, open, close) => `${open}${buttons}${close}`);

  html = html.replace(/(<([a-z]+)\b[^>]*\bdata-i18n="([^"]+)"[^>]*>)[^<]*(<\/\2>)/g,
    (_, open, tag, key, close) => `${open}${esc(lookup(en.ui, key, `<${tag} data-i18n="${key}">`))}${close}`);
  html = html.replace(/<([a-z]+)\b([^>]*\bdata-i18n-label="([^"]+)"[^>]*)>/g, (_, tag, attrs, key) => {
    const rest = attrs.replace(/\s+aria-label="[^"]*"/, '');
    return `<${tag}${rest} aria-label="${esc(lookup(en.ui, key, `<${tag} data-i18n-label="${key}">`))}">`;
  });
  html = html.replace(/(<([a-z]+)\b[^>]*\bdata-i18n-every="([^"]+)"[^>]*>)[\s\S]*?(<\/\2>)/g, (_, open, tag, key, close) => {
    const each = indexes.map((ix) => `<span lang="${esc(ix.lang)}">${esc(lookup(ix.ui, key, `<${tag} data-i18n-every="${key}">`))}</span>`);
    return `${open}${each.join(' / ')}${close}`;
  });
  return html;
}

/** Rewrites `dist/index.html` from `dist/lessons/index.<lang>.json`. */
export function writePageText(dist) {
  const dir = path.join(dist, 'lessons');
  const en = JSON.parse(fs.readFileSync(path.join(dir, 'index.en.json'), 'utf8'));
  const indexes = en.languages.map((l) => (l.lang === 'en' ? en : JSON.parse(fs.readFileSync(path.join(dir, `index.${l.lang}.json`), 'utf8'))));
  const file = path.join(dist, 'index.html');
  fs.writeFileSync(file, pageText(fs.readFileSync(file, 'utf8'), indexes));
  return en.languages.map((l) => l.lang);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] || 'dist';
  console.log(`page text: ${writePageText(dist).join(', ')} → ${path.join(dist, 'index.html')}`);
}
