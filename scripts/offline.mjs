// Makes the site installable and offline-capable, from the finished dist/ (scripts/build.sh runs
// it after the page is complete and before the gzip copies):
//   - the app icons, drawn here (the header's ↘ on the accent blue; no image files to fetch),
//   - manifest.webmanifest and its <link> in index.html,
//   - sw.js: web/sw.js with BUILD written in: the build's version (a content hash of every file
//     it lists) and each file's own hash, the editor's files apart (kept once used) (web/sw.js checks every file it caches against it),
//   - the version in index.html (<meta name="descent-version">, left out of the version's hash).
// Run again on a changed copy of dist (as tests/offline.test.mjs does) it writes a new version.
// The single-file build and the SCORM packages get no manifest link and register no worker.
//
//   node scripts/offline.mjs [dist]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const SW_SOURCE = path.join(here, '..', 'web', 'sw.js');
export const MANIFEST_LINK = '<link rel="manifest" href="manifest.webmanifest">';
const VERSION_TAG = /\s*<meta name="descent-version" content="[0-9a-f]*">/;
const ACCENT = [0x00, 0x57, 0xb8];
const BG = '#f7f7f5';

/** Not cached for offline use: the SCORM package code and schemas, the link-preview picture, the worker itself. */
const OFFLINE_SKIP = /^(?:package\.js|scorm\/.*|preview\.png|sw\.js)$|\.gz$/;
/**
 * Cached the first time a page uses them, not on install: the course editor and the course
 * compiler (teacher.js, the author module, the editor's strings). A learner who never opens the
 * editor downloads none of them; a teacher who has opened it once has it offline.
 */
const OFFLINE_LATER = /^(?:teacher\.js|descent-author(?:\.js|_bg\.wasm)|lessons\/teacher\.[^/]+\.json)$/;

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
/** An RGBA image (`px`, size × size) as a PNG file. */
function png(size, px) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Distance from (x, y) to the segment a–b. */
function toSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

/**
 * The icon: a white ↘ (a stroke down to the right and its arrowhead) on the accent blue, 4×4
 * samples a pixel. `maskable`: the blue fills the square and the arrow keeps to the middle 60 %
 * (a platform's mask may cut anything outside the middle 80 %); otherwise a rounded square.
 */
export function icon(size, maskable = false) {
  const px = Buffer.alloc(size * size * 4);
  const k = maskable ? 0.6 : 0.78; // the arrow's box, as a share of the side
  const o = (1 - k) / 2;
  const P = (u, v) => [o + u * k, o + v * k];
  const strokes = [[P(0.12, 0.12), P(0.86, 0.86)], [P(0.86, 0.86), P(0.86, 0.38)], [P(0.86, 0.86), P(0.38, 0.86)]];
  const width = 0.075 * k / 0.78;
  const radius = 0.2;
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inBox = 0, inArrow = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size, v = (y + (sy + 0.5) / S) / size;
          const cx = Math.max(radius - u, 0, u - (1 - radius)), cy = Math.max(radius - v, 0, v - (1 - radius));
          if (!maskable && Math.hypot(cx, cy) > radius) continue;
          inBox++;
          if (strokes.some(([a, b]) => toSegment(u, v, a, b) <= width / 2)) inArrow++;
        }
      }
      const i = (y * size + x) * 4;
      const w = inBox ? inArrow / inBox : 0;
      for (let c = 0; c < 3; c++) px[i + c] = Math.round(ACCENT[c] * (1 - w) + 255 * w);
      px[i + 3] = Math.round((255 * inBox) / (S * S));
    }
  }
  return png(size, px);
}

const ICONS = [
  { src: 'icon-192.png', sizes: '192x192', size: 192, purpose: 'any' },
  { src: 'icon-512.png', sizes: '512x512', size: 512, purpose: 'any' },
  { src: 'icon-maskable-512.png', sizes: '512x512', size: 512, purpose: 'maskable' },
];

/** Every file of `dist` (paths in the site), sorted. */
function siteFiles(dist, dir = '') {
  return fs.readdirSync(path.join(dist, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? siteFiles(dist, `${dir}${e.name}/`) : [`${dir}${e.name}`])).sort();
}

const sha = (data) => crypto.createHash('sha256').update(data).digest('hex');

export function makeOffline(dist) {
  const index = JSON.parse(fs.readFileSync(path.join(dist, 'lessons', 'index.en.json'), 'utf8'));
  for (const i of ICONS) fs.writeFileSync(path.join(dist, i.src), icon(i.size, i.purpose === 'maskable'));
  const manifest = {
    name: `Descent: ${index.ui.courseTitle}`,
    short_name: 'Descent',
    description: index.ui.courseIntro,
    lang: 'en',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: BG,
    theme_color: `#${ACCENT.map((c) => c.toString(16).padStart(2, '0')).join('')}`,
    icons: ICONS.map(({ src, sizes, purpose }) => ({ src, sizes, type: 'image/png', purpose })),
  };
  fs.writeFileSync(path.join(dist, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The page without its version (a run on a build that already has one), with the manifest link.
  const page = path.join(dist, 'index.html');
  let html = fs.readFileSync(page, 'utf8').replace(VERSION_TAG, '');
  if (!html.includes('</head>')) throw new Error('offline: index.html has no </head>');
  if (!html.includes(MANIFEST_LINK)) html = html.replace('</head>', `  ${MANIFEST_LINK}\n</head>`);
  fs.writeFileSync(page, html);
  const files = {};
  const later = {};
  const all = crypto.createHash('sha256');
  for (const f of siteFiles(dist).filter((f) => !OFFLINE_SKIP.test(f))) {
    const data = fs.readFileSync(path.join(dist, f));
    const into = OFFLINE_LATER.test(f) ? later : files;
    into[f] = sha(data).slice(0, 16);
    all.update(`${f}\0${into[f]}\0`);
  }
  const version = all.digest('hex').slice(0, 16);
  // The page says which version it is (web/offline.js tells a first visit's worker, which then
  // serves that page too); its own hash is of the page as sent, with the tag.
  html = html.replace('</head>', `  <meta name="descent-version" content="${version}">\n</head>`);
  fs.writeFileSync(page, html);
  files['index.html'] = sha(html).slice(0, 16);
  const { code } = transformSync(fs.readFileSync(SW_SOURCE, 'utf8'), { minify: true, define: { BUILD: JSON.stringify(JSON.stringify({ version, files, later })) } });
  fs.writeFileSync(path.join(dist, 'sw.js'), code);
  return { version, files, later };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] || 'dist';
  const { version, files, later } = makeOffline(dist);
  const kB = (list) => (Object.keys(list).reduce((n, f) => n + fs.statSync(path.join(dist, f)).size, 0) / 1000).toFixed(0);
  console.log(`offline: version ${version}, ${Object.keys(files).length} files (${kB(files)} kB before gzip) for the worker to keep, ${Object.keys(later).length} more (${kB(later)} kB, the course editor) kept once used`);
}
