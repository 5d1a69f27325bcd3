// Compares two folders of screenshots (tests/screenshots.mjs, before and after a change), pixel by
// pixel: prints each pair that differs with how many pixels do, and writes a picture of the
// difference for each into the third folder, to look at by eye.
//
//   node scripts/compare-shots.mjs <before> <after> [diffs]     (diffs default: <after>-diff)
//
// Exits 1 when a pair differs or a file is missing on one side.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';

const [before, after, out = `${after}-diff`] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: node scripts/compare-shots.mjs <before> <after> [diffs]');
  process.exit(2);
}
const pngs = (dir) => new Set(fs.readdirSync(dir).filter((f) => f.endsWith('.png')));
const a = pngs(before);
const b = pngs(after);
const names = [...new Set([...a, ...b])].sort();
fs.mkdirSync(out, { recursive: true });
let differ = 0;
for (const name of names) {
  if (!a.has(name) || !b.has(name)) {
    console.log(`${name}: only ${a.has(name) ? 'before' : 'after'}`);
    differ++;
    continue;
  }
  const x = PNG.sync.read(fs.readFileSync(path.join(before, name)));
  const y = PNG.sync.read(fs.readFileSync(path.join(after, name)));
  if (x.width !== y.width || x.height !== y.height) {
    console.log(`${name}: size ${x.width}×${x.height} → ${y.width}×${y.height}`);
    differ++;
    continue;
  }
  const diff = new PNG({ width: x.width, height: x.height });
  const n = pixelmatch(x.data, y.data, diff.data, x.width, x.height, { threshold: 0.1 });
  if (n) {
    console.log(`${name}: ${n} pixels differ`);
    fs.writeFileSync(path.join(out, name), PNG.sync.write(diff));
    differ++;
  }
}
console.log(`${names.length} pairs, ${differ} differ${differ ? ` (pictures of the differences in ${out})` : ''}`);
process.exit(differ ? 1 : 0);
