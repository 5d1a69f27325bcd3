// The course compiler in the page: crates/author (the lesson compiler, crates/lessons, built to
// wasm32), a module of its own (dist/descent-author.js and its .wasm), imported only here, so only
// the editor and a page playing a teacher's course download it. A source that traps the compiler
// (it should not: its tests feed it random text) gives a message, and the next compile starts
// from a fresh instance.

let loading = null;
let generation = 0;

function load() {
  if (!loading) {
    // Beside the page (the site's folder, or a SCORM package's); a fresh instance gets its own address.
    const url = new URL(`descent-author.js${generation ? `?${generation}` : ''}`, document.baseURI).href;
    loading = import(url).then(async (m) => { await m.default(); return m; });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/**
 * A teacher's course file compiled: `{ ok: true, languages, lessons: { <lang>: lesson } }` (each
 * lesson as a built-in lesson's file), or `{ ok: false, problems: [{ line, step, lang, message }] }`,
 * or `{ ok: false, failed }` when the compiler itself could not run (`failed`: why).
 */
export async function compileCourse(source, id, lang) {
  let m;
  try { m = await load(); } catch (e) { return { ok: false, failed: String((e && e.message) || e) }; }
  try {
    return JSON.parse(m.compileCourse(source, id, lang));
  } catch (e) {
    generation++;
    loading = null;
    return { ok: false, failed: String((e && e.message) || e) };
  }
}
