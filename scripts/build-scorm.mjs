// The SCORM 1.2 packages of the built-in course, made from the release build with web/scorm.js:
// `descent.zip` (the whole course: every lesson, the course map, the playground) and
// `<lesson-id>.zip` for each lesson (that lesson only). A teacher uploads one as an activity to
// Moodle, Canvas or any platform that takes SCORM 1.2 (README: "Teaching with Descent").
//
//   node scripts/build-scorm.mjs [dist] [out]      (defaults: dist, dist-scorm)
//
// Reads `dist/` (run scripts/build.sh first) and changes nothing in it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMAS, buildPackage } from '../web/scorm.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');

/** Every file of the build but the gzip copies, by its path in the site. */
function siteFiles(dist) {
  const site = new Map();
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(dist, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (!rel.endsWith('.gz')) site.set(rel, fs.readFileSync(path.join(dist, rel)));
    }
  };
  walk('');
  return site;
}

/** A title in both languages, as a platform shows one line: "English / 한국어". */
const both = (t) => (t.en === t.ko ? t.en : `${t.en} / ${t.ko}`);

/** Builds every package; returns [{ name, bytes, files }]. */
export function buildScorm(dist = path.join(repo, 'dist'), out = path.join(repo, 'dist-scorm')) {
  const site = siteFiles(dist);
  const json = (f) => {
    if (!site.has(f)) throw new Error(`build-scorm: no ${f} in ${dist} (run scripts/build.sh first)`);
    return JSON.parse(site.get(f).toString('utf8'));
  };
  // The schema files, as the build copied them from web/scorm/ (where a page building a package fetches them too).
  const schemas = new Map(SCHEMAS.map((s) => [s, site.get(`scorm/${s}`)]).filter(([, b]) => b));
  const index = { en: json('lessons/index.en.json'), ko: json('lessons/index.ko.json') };
  const lessons = index.en.lessons.map((l) => json(`lessons/${l.id}.en.json`));
  const titleOf = (i) => ({ en: index.en.lessons[i].title.en, ko: index.ko.lessons[i].title.ko });
  const made = [
    { name: 'descent', id: 'descent', title: `Descent: ${both({ en: index.en.ui.courseTitle, ko: index.ko.ui.courseTitle })}`, lessons },
    ...lessons.map((l, i) => ({ name: l.id, id: `descent-${l.id}`, title: `Descent ${index.en.lessons[i].n}. ${both(titleOf(i))}`, lessons: [l] })),
  ].map((p) => ({ name: p.name, ...buildPackage({ ...p, site, schemas }) }));
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const p of made) fs.writeFileSync(path.join(out, `${p.name}.zip`), p.bytes);
  return made;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dist, out] = process.argv.slice(2);
  const made = buildScorm(dist && path.resolve(dist), out && path.resolve(out));
  const kb = (n) => `${(n / 1000).toFixed(0)} kB`;
  const lessonSizes = made.slice(1).map((p) => p.bytes.length);
  console.log(`built ${made.length} SCORM 1.2 packages in ${out || 'dist-scorm'}/: descent.zip ${kb(made[0].bytes.length)}; `
    + `one lesson ${kb(Math.min(...lessonSizes))}–${kb(Math.max(...lessonSizes))}`);
}
