// The tests' own copy of the site with a third language, which is never shipped: dist/ copied to
// target/dist-de, its lessons compiled again with tests/fixtures/de (a partial German translation:
// some page strings and one lesson) and its page text written again. Used by
// tests/languages.test.mjs; for a look at it:
//
//   node tests/fixture.mjs && DESCENT_DIST=target/dist-de LANGS=de node tests/screenshots.mjs ewa update:2
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePageText } from '../scripts/page-text.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');
export const FIXTURE = path.join(here, 'fixtures', 'de');

/** Builds the copy from `dist` into `out`: `{ dir, log }` (the compiler's summary line). */
export function fixtureDist(dist = process.env.DESCENT_DIST || path.join(repo, 'dist'), out = path.join(repo, 'target', 'dist-de')) {
  if (!fs.existsSync(path.join(dist, 'lessons', 'index.en.json'))) throw new Error(`no build in ${dist}: run scripts/build.sh`);
  fs.rmSync(out, { recursive: true, force: true });
  // (Without the build's gzip copies: the files the fixture changes would have stale ones.)
  fs.cpSync(dist, out, { recursive: true, filter: (src) => !src.endsWith('.gz') });
  const run = execFileSync('cargo', ['run', '--locked', '--offline', '-q', '-p', 'descent-lessons', '--',
    path.join(repo, 'lessons'), path.join(out, 'lessons'), '--with', FIXTURE], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  writePageText(out);
  return { dir: out, log: run };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { dir, log } = fixtureDist();
  console.log(`${log.trim()}\nbuilt ${path.relative(process.cwd(), dir)}`);
}
