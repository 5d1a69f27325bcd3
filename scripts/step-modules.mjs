// Prints, as JSON, the lesson steps whose preset scene needs a wasm module larger than the
// lean one: { "adam.5": "3d", "local-optima.5": "full", … }. scripts/build.sh compiles it
// into early.js (STEP_MODULES), which then starts the right download for such a step before
// any lesson text has arrived. The rule is web/pick.js's moduleFor, the one app.js uses.
//
//   node scripts/step-modules.mjs [dist/lessons]     (the compiled lessons: a step's scene is the
//                                                   same in every language, so English is read)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleFor } from '../web/pick.js';

export function stepModules(dir) {
  const table = {};
  for (const f of fs.readdirSync(dir).sort()) {
    if (!/^[a-z-]+\.en\.json$/.test(f) || f === 'index.en.json') continue;
    const id = f.replace(/\.en\.json$/, '');
    const lesson = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    (lesson.steps || []).forEach((step, i) => {
      const kind = moduleFor(new URLSearchParams(`lesson=${id}&${step.scene}`));
      // Only what the address alone would not tell (every playground step is `full` anyway).
      if (kind !== moduleFor(new URLSearchParams(`lesson=${id}`))) table[`${id}.${i + 1}`] = kind;
    });
  }
  return table;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  process.stdout.write(JSON.stringify(stepModules(process.argv[2] || path.join(here, '..', 'dist', 'lessons'))));
}
