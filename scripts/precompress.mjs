// Writes a gzip copy (`<file>.gz`) beside every text and wasm file of a build, compressed with
// Zopfli: the same gzip format any browser reads, ~7 % smaller than gzip -9, made once at build
// time instead of on every request. scripts/serve.mjs sends these copies; a static host can
// too (nginx `gzip_static on`, Caddy `precompressed gzip`, Netlify and most CDNs do it by
// themselves from the originals).
//
//   node scripts/precompress.mjs [dist]
import { gzipAsync } from '@gfx/zopfli';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const EXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.webmanifest']);

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : EXT.has(path.extname(e.name)) ? [p] : [];
  });
}

export async function precompress(dist) {
  let before = 0, after = 0;
  for (const f of files(dist)) {
    const data = fs.readFileSync(f);
    // More iterations buy a few hundred bytes on the big module at seconds each.
    const z = Buffer.from(await gzipAsync(data, { numiterations: data.length > 500_000 ? 5 : 15 }));
    if (!zlib.gunzipSync(z).equals(data)) throw new Error(`precompress: ${f} does not round-trip`);
    fs.writeFileSync(`${f}.gz`, z);
    before += zlib.gzipSync(data, { level: 9, memLevel: 9 }).length;
    after += z.length;
  }
  return { before, after };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] || 'dist';
  const { before, after } = await precompress(dist);
  console.log(`precompressed ${dist}: ${after} B with zopfli (gzip -9 would send ${before} B)`);
}
