// The self-contained build: one HTML file with everything inline (styles and the formulas' font,
// the page's JS modules, the playground's wasm module, every lesson), for a learning platform that only
// accepts file uploads, and that also works when opened from disk (file://).
//
//   node scripts/build-single.mjs [dist] [out]      (defaults: dist, dist-single/descent.html)
//
// Reads the release build in `dist/` (run scripts/build.sh first) and changes nothing in it.
// How the page runs without a server, with the page's code unchanged:
//  - the page's ES modules become data: URLs in an import map, under bare names
//    ("descent/ui.js"), since relative imports cannot resolve from a data: URL;
//  - app.js itself is the inline module script, so its base URL is the document's and the
//    wasm-bindgen module it imports by the tag's data-js ("./descent-full.js"; `data-only="full"`
//    makes the lessons use it too) maps to a data: URL in the same import map, as does the lean
//    glue app.js imports statically (the same full glue: one module instance);
//  - a small classic script wraps window.fetch before anything runs: `lessons/*.json` and
//    `descent-full_bg.wasm` next to the page are answered from inline data blocks (the wasm
//    gzipped and base64-encoded, inflated with DecompressionStream); everything else goes
//    to the real fetch.
// The one module is the full one (with the formula parser), so the playground works too.
// There is no Content-Security-Policy: this file is its own artifact, with inline code.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');

/** Builds the single file from `dist`; returns { out, bytes }. */
export function buildSingle(dist = path.join(repo, 'dist'), out = path.join(repo, 'dist-single', 'descent.html')) {
  const fail = (why) => { throw new Error(`build-single: ${why} (is ${dist} a complete build from scripts/build.sh?)`); };
  const read = (f) => { try { return fs.readFileSync(path.join(dist, f)); } catch (e) { return fail(`cannot read ${f}: ${e.code || e.message}`); } };
  const text = (f) => read(f).toString('utf8');
  let html = text('index.html');

  // Styles: the hashed stylesheet Trunk wrote, inline.
  const css = html.match(/<link rel="stylesheet" href="\/?([^"]+\.css)"[^>]*>/);
  if (!css) fail('no stylesheet link in index.html');
  // The formulas' font too, as a data: URL (a file opened from disk cannot fetch one beside it).
  const font = `url("data:font/woff2;base64,${read('math.woff2').toString('base64')}")`;
  const style = text(css[1]).replace(/url\("?math\.woff2"?\)/g, () => font);
  if (!style.includes(font)) fail('the stylesheet no longer loads math.woff2; update build-single.mjs');
  html = html.replace(css[0], () => `<style>\n${style.replace(/<\/style/gi, '<\\/style')}\n</style>`);

  // Drop what only makes sense next to a server: the CSP, the module tag, the preloads, the web
  // app manifest (one file installs no app and registers no service worker), and early.js (its
  // downloads are the inline data here).
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  // (Trunk's tag for it, or the inline copy scripts/build.sh makes of it, and its CSP hash.)
  html = html.replace(/<script async src="\/?early\.js"[^>]*><\/script>/, '').replace(/<script id="early"[^>]*>[\s\S]*?<\/script>\s*/, '');
  const tag = html.match(/<script type="module" src="\/?app\.js"[^>]*><\/script>/);
  if (!tag) fail('no app.js module tag in index.html');
  html = html.replace(/<link rel="(modulepreload|preload|manifest)"[^>]*>/g, '').replace(/\n\s*\n(\s*\n)+/g, '\n');

  // The page's modules, from app.js down its static imports, each a data: URL under a bare name.
  const map = {};
  const rewrite = (src, from) => src.replace(/(\bfrom\s*|\bimport\s*)(['"])\.\/([\w.-]+\.js)\2/g, (_, kw, q, name) => {
    if (!(`descent/${name}` in map)) {
      map[`descent/${name}`] = null; // taken, so cycles stop here
      // The lean module's glue (bundled into app.js on the server build) is the full module's here.
      map[`descent/${name}`] = name === 'descent-lean.js' ? dataURL(text('descent-full.js')) : dataURL(rewrite(text(name), name));
    }
    return `${kw}${q}descent/${name}${q}`;
  });
  const dataURL = (src) => `data:text/javascript;base64,${Buffer.from(src, 'utf8').toString('base64')}`;
  const app = rewrite(text('app.js'), 'app.js');
  for (const [name, src] of [['app.js', app], ...Object.keys(map).map((k) => [k, Buffer.from(map[k].split(',')[1], 'base64').toString('utf8')])]) {
    if (/\bfrom\s*['"]\.{1,2}\/|\bimport\s*['"]\.{1,2}\//.test(src)) fail(`${name} has a relative import this build does not handle`);
  }
  // (app.js may be the plain module or esbuild's minified bundle: look for what survives both,
  // in app.js or the modules it imports.)
  const page = [app, ...Object.values(map).map((u) => Buffer.from(u.split(',')[1], 'base64').toString('utf8'))].join('\n');
  if (!/\bimport\(/.test(page) || !/script\[data-js\]/.test(page)) {
    fail('app.js no longer loads the wasm-bindgen module by the script tag\'s data-js; update build-single.mjs');
  }

  // The wasm-bindgen glue of the full module (lessons and playground alike).
  const glue = text('descent-full.js');
  if (/^\s*import\b/m.test(glue)) fail('descent-full.js imports other files (snippets); inline them too');
  map['./descent-full.js'] = dataURL(glue);
  const wasm = zlib.gzipSync(read('descent-full_bg.wasm'), { level: 9 }).toString('base64');

  // Every lesson (and the course map, with the page strings) in every language, keyed by the path the page fetches.
  const lessons = {};
  for (const f of fs.readdirSync(path.join(dist, 'lessons')).sort()) {
    if (/^[a-z-]+\.[a-z0-9-]+\.json$/.test(f)) lessons[`lessons/${f}`] = JSON.parse(text(`lessons/${f}`));
  }
  if (!lessons['lessons/index.en.json']) fail('no lessons/index.en.json (compiled by crates/lessons)');
  const json = (v) => JSON.stringify(v).replace(/</g, '\\u003c');

  const shim = `
// Descent, single-file build: answers the page's own fetches from the data blocks below.
(() => {
  const realFetch = window.fetch.bind(window);
  const dir = () => new URL('./', location.href).href;
  const data = (id) => document.getElementById(id).textContent;
  let lessons = null;
  const local = (rel) => {
    if (rel === 'descent-full_bg.wasm') {
      const b64 = data('descent-wasm').trim();
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const body = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Response(body, { headers: { 'content-type': 'application/wasm' } });
    }
    if (rel.startsWith('lessons/')) {
      lessons = lessons || JSON.parse(data('descent-lessons'));
      const l = lessons[rel];
      return l ? new Response(JSON.stringify(l), { headers: { 'content-type': 'application/json' } })
        : new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    return null;
  };
  window.fetch = function fetch(input, init) {
    try {
      const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
      const base = dir();
      if (url.href.startsWith(base)) {
        const r = local(decodeURIComponent(url.href.slice(base.length).split(/[?#]/)[0]));
        if (r) return Promise.resolve(r);
      }
    } catch (e) { return Promise.reject(e); }
    return realFetch(input, init);
  };
  window.DESCENT_INLINE = true; // marks the single-file build (for scripts and tests)
})();
`;
  const head = [
    `<script>${shim}</script>`,
    `<script type="importmap">\n${JSON.stringify({ imports: map }, null, 0)}\n</script>`,
    `<script type="module" data-js="./descent-full.js" data-wasm="./descent-full_bg.wasm" data-only="full">\n${inlineScript(app)}\n</script>`,
  ].join('\n');
  html = html.replace(tag[0], () => head);
  const blocks = `<script type="application/json" id="descent-lessons">${json(lessons)}</script>\n`
    + `<script type="application/octet-stream" id="descent-wasm">\n${wasm.replace(/.{1,120}/g, '$&\n')}</script>\n`;
  // The document's own </body>: the last one (the inline code may hold one in a string).
  const end = html.lastIndexOf('</body>');
  if (end < 0) fail('no </body> in index.html');
  html = `${html.slice(0, end)}${blocks}${html.slice(end)}`;
  html = html.replace('<!doctype html>', '<!doctype html>\n<!-- Descent: gradient descent, step by step. Single-file build (scripts/build-single.mjs); open it from disk or upload it as is. -->');

  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, html);
  return { out, bytes: Buffer.byteLength(html) };
}

/**
 * JS made safe inside an inline <script>: no "</script" to end it early and no "<!--" or
 * "<script" to put the HTML parser in its escaped states. The escapes mean the same in JS
 * strings, template literals and regular expressions.
 */
function inlineScript(js) {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<(!--|script)/gi, '\\x3C$1');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dist, out] = process.argv.slice(2);
  const r = buildSingle(dist && path.resolve(dist), out && path.resolve(out));
  console.log(`built ${path.relative(process.cwd(), r.out) || r.out} (${(r.bytes / 1e6).toFixed(2)} MB, one file)`);
}
