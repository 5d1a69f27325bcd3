// The service worker: after one visit, the whole course works offline. The build
// (scripts/offline.mjs) writes BUILD in, as JSON: the build's version (a content hash of its files) and
// every file a page can ask for, each with its own hash: the page, app.js, the CSS, every wasm
// module and its glue, every lesson's text in every language, the math font, the manifest and
// icons. Not the SCORM package code (package.js, scorm/) nor the link-preview picture. The course
// editor's files (`later`: teacher.js, the course compiler, the editor's strings) are kept the
// first time a page asks for one, checked by the same hashes: a learner never downloads them, a
// teacher who has opened the editor once has it offline.
//
// One version, one cache (`descent-<version>`), filled completely before the worker takes over
// (each file checked against its hash, so a server mid-update cannot slip another version's file
// in); a page it serves gets every file from that cache, so a page never runs one version's
// script with another's module or text. A new version waits until the page asks for it (the
// page's "reload" button, web/offline.js), then deletes the old cache in the same step.

/* global BUILD */
const { version, files, later } = JSON.parse(BUILD);
const CACHE = `descent-${version}`;
const scope = new URL(self.registration.scope);
const inScope = (name) => new URL(name, scope).href;
const FILES = new Map(Object.entries(files).map(([name, hash]) => [inScope(name), hash]));
const LATER = new Map(Object.entries(later).map(([name, hash]) => [inScope(name), hash]));
const PAGE = inScope('index.html');

const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const hashOf = async (r, n) => hex(await crypto.subtle.digest('SHA-256', await r.clone().arrayBuffer())).slice(0, n);

/**
 * `url` as this build has it: from an older version's cache when that file is the same (an
 * update downloads only what changed), else fetched past the HTTP cache and checked.
 */
async function fileOf(url, hash, older) {
  for (const cache of older) {
    const r = await cache.match(url);
    if (r && (await hashOf(r, hash.length)) === hash) return r;
  }
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  if ((await hashOf(r, hash.length)) !== hash) throw new Error(`${url}: not this version's file (the site is being updated?)`);
  return r;
}

self.addEventListener('install', (e) => {
  e.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const older = await Promise.all((await caches.keys()).filter((k) => k.startsWith('descent-') && k !== CACHE).map((k) => caches.open(k)));
    // A few at a time: the page that registered this is still being used.
    const todo = [...FILES];
    const worker = async () => {
      for (let next = todo.shift(); next; next = todo.shift()) {
        const [url, hash] = next;
        if (!(await cache.match(url))) await cache.put(url, await fileOf(url, hash, older));
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    // The editor's files an older version kept and this one has unchanged come along.
    for (const [url, hash] of LATER) {
      for (const old of older) {
        const r = await old.match(url);
        if (r && (await hashOf(r, hash.length)) === hash) { await cache.put(url, r); break; }
      }
    }
  })());
});

self.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    for (const k of await caches.keys()) if (k.startsWith('descent-') && k !== CACHE) await caches.delete(k);
  })());
});

// The page's "reload" button: the waiting version takes over (the old cache goes in activate).
// A first visit's page, of this very version (it says so), is served from now on too: a learner
// whose network goes mid-visit goes on to any step. (A page of another version is not: it would
// get this version's files.)
self.addEventListener('message', (e) => {
  if (e.data === 'activate') self.skipWaiting();
  else if (e.data && e.data.claim === version) e.waitUntil(self.clients.claim());
  else if (e.data === 'version' && e.source) e.source.postMessage({ version });
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  url.hash = '';
  // A page of the site (any address: ?lesson=…) is the one page; other queries name no file.
  const page = req.mode === 'navigate' && (url.href.split('?')[0] === scope.href || url.href.split('?')[0] === PAGE);
  const key = page ? PAGE : url.search ? null : url.href;
  if (key && LATER.has(key)) {
    e.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(key);
      if (hit) return hit;
      const r = await fetch(key, { cache: 'no-store' });
      if (r.ok && (await hashOf(r, LATER.get(key).length)) === LATER.get(key)) await cache.put(key, r.clone());
      return r;
    })());
    return;
  }
  if (!key || !FILES.has(key)) return; // not this build's (package.js, the preview picture): the network's
  e.respondWith((async () => {
    const hit = await caches.match(key, { cacheName: CACHE });
    return hit || fetch(req);
  })());
});
