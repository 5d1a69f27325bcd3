// A small static server for dist/: right MIME types, gzip, and the page's security headers.
// Used by scripts/serve.sh and by the end-to-end tests (which import `serve`).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json; charset=utf-8',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** The policy a page states in its own <meta> (the build adds the hash of its one inline script), else CSP. */
function cspOf(html) {
  const m = html.toString('utf8', 0, 4096).match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  return m ? m[1] : CSP;
}

/**
 * The gzip body for `file`: the build's Zopfli copy (`file.gz`, scripts/precompress.mjs) when it
 * is at least as new as the file, else gzip -9 made once and kept until the file changes.
 */
const cache = new Map();
function gzipped(file, data) {
  const mtime = fs.statSync(file).mtimeMs;
  try {
    if (fs.statSync(`${file}.gz`).mtimeMs >= mtime) return fs.readFileSync(`${file}.gz`);
  } catch { /* no precompressed copy */ }
  const hit = cache.get(file);
  if (hit && hit.mtime === mtime) return hit.body;
  const body = zlib.gzipSync(data, { level: 9, memLevel: 9 });
  cache.set(file, { mtime, body });
  return body;
}

/** Serves `root` on 127.0.0.1:`port` (0 = any free port). Resolves to the http.Server. */
export function serve(root, port = 0, { log = false, extra = {} } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let url;
    try { url = new URL(req.url, 'http://x'); } catch { res.writeHead(400).end(); return; }
    if (extra[url.pathname]) {
      const [type, body] = extra[url.pathname];
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      return;
    }
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); if (log) console.log(404, url.pathname); return; }
      const type = TYPES[path.extname(file)] || 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', vary: 'accept-encoding' };
      if (type.startsWith('text/html')) headers['content-security-policy'] = cspOf(data);
      const gz = /\bgzip\b/.test(req.headers['accept-encoding'] || '') && !type.startsWith('image/png');
      if (gz) { headers['content-encoding'] = 'gzip'; data = gzipped(file, data); }
      res.writeHead(200, headers).end(data);
      if (log) console.log(200, url.pathname);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = 'dist', port = '8080'] = process.argv.slice(2);
  serve(root, Number(port)).then((s) => {
    console.log(`Descent is served at http://127.0.0.1:${s.address().port}/  (Ctrl+C to stop)`);
  });
}
