// The wasm modules: the lean one (every 2-D view) is bundled with the page; the larger ones
// (`3d`, `full`: see pick.js) are loaded when a scene first needs them.

import { RANK, larger, moduleFiles } from './pick.js';
import { readTable } from './state.js';
// The lean module's wasm-bindgen glue, bundled into app.js by scripts/build.sh (one request,
// and its wasm starts compiling as soon as the page's module runs).
import * as leanGlue from './descent-lean.js';

/**
 * Loads a module that can do what `kind` does, unless the one loaded already can: the one
 * early.js named for the first step if that is large enough, else `kind`. Switching modules drops
 * the stage, whose objects belong to the old one. The script tag names the lean module's
 * wasm (data-wasm); the others' glue sits beside it; `data-only="full"` (the single-file
 * build) makes every page use the full module.
 */
export async function loadModule(app, kind) {
  const tag = document.querySelector('script[data-js]');
  if (tag.dataset.only === 'full') kind = 'full';
  if (app.wasm && RANK[app.moduleKind] >= RANK[kind]) return;
  const early = window.descentEarly;
  if (early && !app.wasm && larger(early.kind, kind) === early.kind) kind = early.kind;
  let mod = leanGlue;
  let bin = tag.dataset.wasm;
  if (kind !== 'lean') {
    // An absolute URL: this module may itself be a data: URL (the single-file build's import map).
    const [glue, wasm] = tag.dataset.only === 'full' ? [tag.dataset.js, tag.dataset.wasm] : moduleFiles(kind);
    const js = new URL(glue, new URL(tag.dataset.js, location.href)).href;
    mod = await import(js);
    bin = tag.dataset.only === 'full' ? wasm : new URL(wasm, js).href;
  }
  // Fetched and compiled as it streams in.
  await mod.default({ module_or_path: bin });
  if (app.stage) { app.stage.dispose(); app.stage = null; }
  app.wasm = mod;
  app.moduleKind = kind;
  if (!app.table) app.table = readTable(mod);
  window.wasmBindings = mod;
}
