// SCORM 1.2 packages made from a built site: the manifest (imsmanifest.xml), the launch page (the
// site's index.html with the package's course in a data block, package.js reading it), the files
// the page needs, the schema files, and the zip. A plain ES module with one small dependency
// (fflate, for the zip): it runs the same in Node (scripts/build-scorm.mjs, the built-in course
// and each lesson) and in a browser (a course a teacher makes in the page).
//
// A package: imsmanifest.xml at the root, one SCO (a webcontent resource, adlcp:scormtype="sco",
// launched at index.html), the four SCORM 1.2 schema files beside it (web/scorm/), and the
// site's files the lessons need, all relative, nothing fetched from elsewhere. A teacher's course
// (made in the page's editor) travels as its course file, course.md, beside the code that plays it.
import { strToU8, zipSync } from 'fflate';
import { moduleFor, moduleFiles } from './pick.js';

/** The SCORM 1.2 schema files a package carries at its root (ADL's, unchanged: web/scorm/). */
export const SCHEMAS = ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd'];

/** The launch page's name, and the lazily loaded module that makes it a package. */
export const LAUNCH = 'index.html';
const PACKAGE_JS = 'package.js';
/** A teacher's course in a package: its course file, and the site's files that compile and play it. */
export const COURSE_FILE = 'course.md';
export const COURSE_CODE = ['teacher.js', 'descent-author.js', 'descent-author_bg.wasm'];

/**
 * What the launch page tells package.js: the package's id (which keys its record in the browser)
 * and, for each lesson, its number of steps and the right answer of each checkpoint by step.
 * `lessons` are lesson files ({ id, steps: [{ scene, check: { answer } }] }, any language).
 * `course`: the package holds a teacher's course (its one lesson), to be read from COURSE_FILE.
 */
export function packageData(id, lessons, course = false) {
  return {
    id,
    ...(course ? { course: COURSE_FILE } : {}),
    lessons: lessons.map((l) => ({
      id: l.id,
      steps: l.steps.length,
      checks: Object.fromEntries(l.steps.flatMap((s, i) => (s.check ? [[String(i + 1), s.check.answer]] : []))),
    })),
  };
}

const xml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A manifest identifier (an XML NCName) from `id`. */
function ident(id) {
  const s = String(id).replace(/[^\w.-]/g, '-');
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}

/**
 * imsmanifest.xml for one SCO: an organization with one item, the item's resource launched at
 * index.html and listing every file of the package but the manifest and the schema files.
 */
export function manifest({ id, title, files }) {
  const m = ident(id);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${m}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${m}-org">
    <organization identifier="${m}-org">
      <title>${xml(title)}</title>
      <item identifier="${m}-item" identifierref="${m}-sco" isvisible="true">
        <title>${xml(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${m}-sco" type="webcontent" adlcp:scormtype="sco" href="${LAUNCH}">
${files.map((f) => `      <file href="${xml(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

/** The site's local files that `html` names (src, href, data-js, data-wasm), without a leading "/". */
export function localRefs(html) {
  const refs = [];
  for (const m of html.matchAll(/\s(?:src|href|data-js|data-wasm)="([^"]*)"/g)) {
    const v = m[1].replace(/^\.?\//, '');
    if (v && !/^(?:[a-z][\w+.-]*:|\/\/|[?#])/i.test(v)) refs.push(v);
  }
  return refs;
}

/** The local files a stylesheet names with url(…) (fonts), as paths in the site beside `css`. */
export function cssRefs(css, text) {
  const dir = css.includes('/') ? css.slice(0, css.lastIndexOf('/') + 1) : '';
  const refs = [];
  for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
    const v = m[1].trim();
    if (!/^(?:[a-z][\w+.-]*:|\/\/|#)/i.test(v)) refs.push(v.startsWith('/') ? v.slice(1) : dir + v.replace(/^\.\//, ''));
  }
  return refs;
}

/**
 * The site's page without what belongs to the site alone: the link-preview tags, the web app
 * manifest's link and the version for the service worker (a package is not installed, and
 * registers no worker).
 */
export const withoutSiteTags = (html) => html.replace(/\s*<meta (?:property="og:|name="twitter:)[^>]*>/g, '').replace(/\s*<(?:link rel="manifest"|meta name="descent-version")[^>]*>/g, '');

/**
 * The launch page: the site's index.html with its file references made relative (the package
 * is served from wherever the platform unpacks it), the site's own tags dropped (link previews,
 * the manifest), and the course as a JSON data block (not a script: the Content-Security-Policy is the
 * site's, unchanged).
 */
export function launchPage(siteHtml, data) {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  let html = withoutSiteTags(siteHtml).replace(/(\s(?:src|href|data-js|data-wasm)=")\/(?!\/)/g, '$1');
  const head = html.indexOf('</head>');
  if (head < 0) throw new Error('scorm: the site\'s index.html has no </head>');
  html = `${html.slice(0, head)}  <script type="application/json" id="descent-package">${json}</script>\n${html.slice(head)}`;
  return html;
}

/**
 * The site's files a package of `lessons` needs: what the page names, package.js, the wasm
 * modules its steps' scenes load (web/pick.js: moduleFor, the page's own rule), and the course
 * map and each lesson's text in every language the site has, and what the page's stylesheets
 * name (the math font). `site` maps the site's files to their bytes. With `course` (a teacher's
 * course, whose text is its course file), the code that compiles and plays it instead of lesson files.
 */
export function neededFiles(siteHtml, lessons, site, course = false) {
  const names = [...site.keys()];
  const have = new Set(names);
  const need = new Set(localRefs(withoutSiteTags(siteHtml)).filter((f) => have.has(f)));
  for (const css of [...need].filter((f) => f.endsWith('.css'))) {
    const body = site.get(css);
    for (const f of cssRefs(css, typeof body === 'string' ? body : new TextDecoder().decode(body))) need.add(f);
  }
  need.add(LAUNCH);
  need.add(PACKAGE_JS);
  for (const l of lessons) {
    for (const s of l.steps) {
      const kind = moduleFor(new URLSearchParams(`lesson=${l.id}&${s.scene}`));
      if (kind !== 'lean') moduleFiles(kind).forEach((f) => need.add(f));
    }
  }
  const langs = names.map((n) => /^lessons\/index\.([a-z]{2})\.json$/.exec(n)).filter(Boolean).map((m) => m[1]);
  for (const lang of langs) for (const id of ['index', ...(course ? [] : lessons.map((l) => l.id))]) need.add(`lessons/${id}.${lang}.json`);
  if (course) {
    COURSE_CODE.forEach((f) => need.add(f));
    for (const lang of langs) need.add(`lessons/teacher.${lang}.json`);
  }
  const absent = [...need].filter((f) => !have.has(f));
  if (absent.length) throw new Error(`scorm: the site has no ${absent.join(', ')} (is it a complete build?)`);
  return [...need].sort();
}

/**
 * Zips `entries` (a list of [path, Uint8Array | string]) in that order, deflated, with one fixed
 * date, so the same contents always give the same bytes (in Node and in a browser alike).
 */
export function zip(entries) {
  const files = {};
  for (const [name, body] of entries) files[name] = typeof body === 'string' ? strToU8(body) : body;
  return zipSync(files, { level: 9, mtime: new Date(2025, 0, 1) });
}

/**
 * A whole package. `site` is a Map from a site file's path to its bytes (Uint8Array) or text,
 * with `index.html` among them; `schemas` a Map from each of SCHEMAS to its bytes; `lessons` the
 * package's lesson files; `id` and `title` name it; `course`, for a teacher's course, its course
 * file (text), with `lessons` its compiled lesson. Returns { bytes, files } (files: the listing).
 */
export function buildPackage({ id, title, lessons, site, schemas, course = null }) {
  const text = (v) => (typeof v === 'string' ? v : new TextDecoder().decode(v));
  if (!site.has(LAUNCH)) throw new Error(`scorm: the site has no ${LAUNCH}`);
  const siteHtml = text(site.get(LAUNCH));
  const own = typeof course === 'string';
  const files = neededFiles(siteHtml, lessons, site, own);
  if (own) files.push(COURSE_FILE);
  for (const s of SCHEMAS) if (!schemas.has(s)) throw new Error(`scorm: schema file ${s} missing`);
  const page = launchPage(siteHtml, packageData(id, lessons, own));
  const entries = [
    ['imsmanifest.xml', manifest({ id, title, files })],
    ...SCHEMAS.map((s) => [s, schemas.get(s)]),
    ...files.map((f) => [f, f === LAUNCH ? page : f === COURSE_FILE && own ? course : site.get(f)]),
  ];
  return { bytes: zip(entries), files: entries.map(([f]) => f) };
}
