// Writes one file per language beside each bilingual lesson file of a build:
// `lessons/adam.json` → `lessons/adam.en.json` and `lessons/adam.ko.json`, where every
// `{ "en": …, "ko": … }` text keeps its shape with only its own language in it. The page
// fetches the file of the language it shows (half the bytes); the bilingual files stay the
// source (web/lessons/) and stay in the build for anyone who wants both.
//
//   node scripts/split-lessons.mjs [dist/lessons]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LANGS = ['en', 'ko'];

/** `value` with each { en, ko } object cut down to { [lang] }. */
export function only(value, lang) {
  if (Array.isArray(value)) return value.map((v) => only(v, lang));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === LANGS.length && LANGS.every((l) => keys.includes(l))) return { [lang]: value[lang] };
    return Object.fromEntries(keys.map((k) => [k, only(value[k], lang)]));
  }
  return value;
}

export function splitLessons(dir) {
  const made = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (!/^[a-z-]+\.json$/.test(f)) continue;
    const data = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    for (const lang of LANGS) {
      const out = f.replace(/\.json$/, `.${lang}.json`);
      fs.writeFileSync(path.join(dir, out), JSON.stringify(only(data, lang)));
      made.push(out);
    }
  }
  return made;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || 'dist/lessons';
  console.log(`split ${dir}: ${splitLessons(dir).length} files`);
}
