// A teacher's course as a SCORM 1.2 package, made in the page: the site's own files fetched from
// this page's origin (the page, its script and styles, the math font, the wasm modules the
// course's scenes need, the compiler that reads the course, package.js, the course maps in every
// language, the schema files) and web/scorm.js, the builder of the built-in packages, which adds
// the course file and zips them. The package reports as the built-in ones do.

import { COURSE_CODE, SCHEMAS, buildPackage, cssRefs, localRefs, withoutSiteTags } from './scorm.js';
import { moduleFiles, moduleFor, siteLangs } from './pick.js';

async function get(name) {
  const r = await fetch(name);
  if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

/** The zip's bytes for the course file `source`, compiled as `lesson` (any language), under `id`. */
export async function coursePackage(source, lesson, id, title) {
  const site = new Map();
  const html = await get('index.html');
  site.set('index.html', html);
  const text = new TextDecoder().decode(html);
  const names = new Set(localRefs(withoutSiteTags(text)));
  names.add('package.js');
  COURSE_CODE.forEach((f) => names.add(f));
  for (const l of siteLangs()) { names.add(`lessons/index.${l}.json`); names.add(`lessons/teacher.${l}.json`); }
  for (const s of lesson.steps) {
    const kind = moduleFor(new URLSearchParams(s.scene));
    if (kind !== 'lean') moduleFiles(kind).forEach((f) => names.add(f));
  }
  names.delete('index.html');
  // The lean module's glue the script tag names is bundled into app.js (scripts/build.sh): no file of its own.
  const tag = document.querySelector('script[data-js]');
  if (tag) names.delete(tag.dataset.js.replace(/^\.?\//, ''));
  await Promise.all([...names].map(async (f) => site.set(f, await get(f))));
  for (const css of [...names].filter((f) => f.endsWith('.css'))) {
    for (const f of cssRefs(css, new TextDecoder().decode(site.get(css)))) if (!site.has(f)) site.set(f, await get(f));
  }
  const schemas = new Map(await Promise.all(SCHEMAS.map(async (s) => [s, await get(`scorm/${s}`)])));
  return buildPackage({ id, title, lessons: [{ ...lesson, id }], site, schemas, course: source }).bytes;
}
