// Starts the first scene's downloads while the HTML is still being read: the lesson text
// and the wasm module, compiled as it arrives. Without this, both would wait for app.js
// (the larger script) to be fetched, compiled and run. The build inlines it at the top of the
// page's head (scripts/inline-early.mjs), so it runs as the parser reaches it; app.js takes
// what it started from `window.descentEarly`, and fetches for itself where this did not run
// (the single-file build) or guessed otherwise.
//
// The lesson steps whose preset needs a larger module than the address shows (a step with
// the 3-D view, a typed formula) come from the lesson files at build time (STEP_MODULES,
// scripts/step-modules.mjs), so a first visit to such a step downloads only its module.
import { pickLang, moduleFor, moduleFiles, larger } from './pick.js';

/* global STEP_MODULES */
const steps = typeof STEP_MODULES === 'object' ? STEP_MODULES : {};
const tag = document.currentScript;
const q = new URLSearchParams(location.search);
const lang = pickLang(q.get('lang'));
const quiet = (p) => { p.catch(() => {}); return p; }; // app.js reports failures, if it uses them
const json = (name) => quiet(fetch(`lessons/${name}.${lang}.json`).then((r) => {
  if (!r.ok) throw new Error(`lessons/${name}.${lang}.json: HTTP ${r.status}`);
  return r.json();
}));

const files = { [`index.${lang}`]: json('index') };
const id = q.get('lesson');
if (id && /^[a-z-]{1,20}$/.test(id)) files[`${id}.${lang}`] = json(id);
const kind = larger(moduleFor(q), steps[`${id}.${parseInt(q.get('step') || '1', 10) || 1}`] || 'lean');

const lean = new URL(tag.dataset.wasm, location.href);
const [glueFile, wasmFile] = kind === 'lean' ? [] : moduleFiles(kind);
const wasm = kind === 'lean' ? lean : new URL(wasmFile, lean);
if (kind !== 'lean') {
  const glue = document.createElement('link');
  glue.rel = 'modulepreload';
  glue.href = new URL(glueFile, lean).href;
  document.head.append(glue);
}
window.descentEarly = { lang, kind, files, module: quiet(WebAssembly.compileStreaming(fetch(wasm))) };
