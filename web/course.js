// The course's text: the course map and each lesson's file, in the page's language, fetched
// on demand. The build compiles one file per language (crates/lessons, from lessons/<id>/<lang>.md):
// `lessons/adam.ko.json` holds the Korean text only.

async function getJSON(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

/**
 * Each file is fetched once; the promise is kept (in `app.files`), so a fetch started early (at
 * boot, while the wasm module loads, or by early.js as the HTML is read) is the one later awaited.
 */
function langFile(app, name) {
  const key = `${name}.${app.lang}`;
  if (!app.files.has(key)) {
    const early = window.descentEarly && window.descentEarly.files[key];
    if (early) delete window.descentEarly.files[key];
    app.files.set(key, (early || getJSON(`lessons/${key}.json`)).catch((e) => { app.files.delete(key); throw e; }));
  }
  return app.files.get(key);
}

/** The course map (`lessons/index.<lang>.json`), kept in `app.index`. */
export async function courseIndex(app) {
  app.index = await langFile(app, 'index');
  return app.index;
}

/**
 * The lesson `id` if the course map lists it, else null: a link's lesson, checked before its file
 * is asked for (a link to no such lesson asks for none).
 */
export async function listedLesson(app, id) {
  const index = await courseIndex(app);
  return index.lessons.some((l) => l.id === id) ? lessonData(app, id) : null;
}

export function lessonData(app, id) {
  return langFile(app, id);
}
