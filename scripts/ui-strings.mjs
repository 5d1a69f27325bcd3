// Carries page strings written the old way (a `STRINGS = { en: {…}, ko: {…} }` object in
// web/i18n.js, functions for strings with numbers in them) into the translators' files,
// lessons/ui/<lang>.toml. It was used once, to make those files; it stays for branches begun
// before the move that still add strings to web/i18n.js:
//
//   git show <fork point>:web/i18n.js > /tmp/i18n-base.js
//   git show <branch>:web/i18n.js > /tmp/i18n-branch.js
//   node scripts/ui-strings.mjs /tmp/i18n-base.js /tmp/i18n-branch.js
//
// writes into lessons/ui/<lang>.toml every string the branch added or changed (and removes those
// it removed), leaving every other line (and comment) as it is, and prints what it did. With one
// file it writes the TOML files from scratch. A function becomes a template: `(i, n) => \`Step
// ${i} of ${n}\`` → "Step {step} of {steps}" (its parameters' names, or the names in RENAME).
// The compiler then checks the result (cargo run -p descent-lessons -- lessons).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const UI = path.join(here, '..', 'lessons', 'ui');
/** Placeholder names clearer than the old functions' parameters, per string. */
const RENAME = { stepOf: { i: 'step', n: 'steps' }, continueAt: { t: 'title' }, matrixCaption: { rows: 'used', m: 'rows' },
  'package.firstTry': { r: 'right', n: 'questions' }, 'package.activityLeft': { n: 'steps' }, 'package.stepNumber': { k: 'step' },
  'package.lessonStep': { n: 'lesson', k: 'step' } };
/** Each language's own name, for a file made from scratch. */
const NAMES = { en: 'English', ko: '한국어' };

/** The STRINGS object of an old web/i18n.js. */
export function readStrings(file) {
  const src = fs.readFileSync(file, 'utf8');
  if (!/export const STRINGS\s*=/.test(src)) throw new Error(`${file}: no \`export const STRINGS = …\``);
  const ctx = {};
  vm.runInNewContext(src.replace(/export const ([A-Z_]+)\s*=/g, '$1 ='), ctx);
  // A SCORM package's own words (PACKAGE_STRINGS) became the [package] group.
  if (ctx.PACKAGE_STRINGS) for (const l of Object.keys(ctx.STRINGS)) ctx.STRINGS[l].package = ctx.PACKAGE_STRINGS[l];
  return ctx.STRINGS;
}

/** A string's dotted keys and their values (a text, or a list of texts), functions as templates. */
export function flatten(obj, prefix = '') {
  const out = new Map();
  for (const [k, v] of Object.entries(obj)) {
    const key = `${prefix}${k}`;
    if (typeof v === 'function') out.set(key, template(key, v));
    else if (Array.isArray(v) || typeof v === 'string') out.set(key, v);
    else for (const [k2, v2] of flatten(v, `${key}.`)) out.set(k2, v2);
  }
  return out;
}

function template(key, fn) {
  const params = fn.toString().match(/^\s*(?:function\s*\w*)?\(?\s*([^)=]*?)\s*\)?\s*=>/);
  const names = params ? params[1].split(',').map((p) => p.trim()).filter(Boolean) : [];
  return fn(...names.map((n) => `{${(RENAME[key] || {})[n] || n}}`));
}

/** A TOML value on one line. */
export function toml(v) {
  if (Array.isArray(v)) return `[${v.map(toml).join(', ')}]`;
  const escape = (c) => (c === '\\' || c === '"' ? `\\${c}` : c.charCodeAt(0) < 32 || c === '\x7f' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c);
  return `"${[...String(v)].map(escape).join('')}"`;
}

/** A file from scratch: the top-level strings, then one [table] per group. */
function fresh(lang, strings) {
  const top = [], tables = new Map();
  for (const [key, v] of strings) {
    const dot = key.indexOf('.');
    if (dot < 0) top.push(`${key} = ${toml(v)}`);
    else {
      const t = key.slice(0, dot);
      if (!tables.has(t)) tables.set(t, []);
      tables.get(t).push(`${key.slice(dot + 1)} = ${toml(v)}`);
    }
  }
  return [`# Descent's page strings (${NAMES[lang] || lang}): see README, "Translating Descent".`,
    `language = ${toml(NAMES[lang] || lang)}`, '', ...top,
    ...[...tables].flatMap(([t, lines]) => ['', `[${t}]`, ...lines]), ''].join('\n');
}

/** Sets (value) or removes (undefined) a dotted key in a TOML file's lines, keeping the rest. */
export function edit(lines, key, value) {
  const dot = key.lastIndexOf('.');
  const table = dot < 0 ? '' : key.slice(0, dot), name = key.slice(dot + 1);
  let current = '', found = -1, lastInTable = -1, header = -1;
  lines.forEach((line, i) => {
    const h = line.match(/^\s*\[\s*([^\]]+?)\s*\]/);
    if (h) { current = h[1]; if (current === table) header = i; return; }
    const k = line.match(/^\s*([A-Za-z0-9_-]+)\s*=/);
    if (k && current === table) { lastInTable = i; if (k[1] === name) found = i; }
  });
  const line = `${name} = ${toml(value)}`;
  if (value === undefined) { if (found >= 0) lines.splice(found, 1); return found >= 0; }
  if (found >= 0) lines[found] = line;
  else if (lastInTable >= 0) lines.splice(lastInTable + 1, 0, line);
  else if (header >= 0) lines.splice(header + 1, 0, line);
  else if (table) lines.push('', `[${table}]`, line);
  else lines.splice(0, 0, line);
  return true;
}

function main([baseFile, branchFile]) {
  if (!baseFile) throw new Error('usage: node scripts/ui-strings.mjs <old web/i18n.js> [<newer web/i18n.js>]');
  const base = readStrings(baseFile);
  if (!branchFile) {
    fs.mkdirSync(UI, { recursive: true });
    for (const [lang, obj] of Object.entries(base)) {
      fs.writeFileSync(path.join(UI, `${lang}.toml`), fresh(lang, flatten(obj)));
      console.log(`wrote lessons/ui/${lang}.toml`);
    }
    return;
  }
  const branch = readStrings(branchFile);
  for (const lang of Object.keys(branch)) {
    const file = path.join(UI, `${lang}.toml`);
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : fresh(lang, new Map()).split('\n');
    const was = flatten(base[lang] || {}), now = flatten(branch[lang]);
    let n = 0;
    for (const [key, v] of now) {
      if (JSON.stringify(was.get(key)) === JSON.stringify(v)) continue;
      edit(lines, key, v);
      console.log(`lessons/ui/${lang}.toml: ${was.has(key) ? 'changed' : 'added'} ${key} = ${toml(v)}`);
      n++;
    }
    for (const key of was.keys()) {
      if (!now.has(key) && edit(lines, key, undefined)) { console.log(`lessons/ui/${lang}.toml: removed ${key}`); n++; }
    }
    if (n) fs.writeFileSync(file, lines.join('\n'));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
