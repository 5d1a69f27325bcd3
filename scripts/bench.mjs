// Descent's benchmark (issue 9): prints performance figures, never a pass/fail.
//
//   node scripts/bench.mjs [dist-dir] [--runs=5] [--only=load,ready,frames,latency,basin,models,first,own,lighthouse] [--lh-runs=3] [--no-native] [--json=file]
//
// Serves the built page (default dist/) on 127.0.0.1 and drives Debian's Chromium headless
// (playwright-core, the launch arguments of tests/harness.mjs). Every figure is the median of
// `--runs` runs (default 5) with the min and max. CPU throttling is CDP's
// `Emulation.setCPUThrottlingRate` (4 = four times slower main thread). What is measured:
//
// 1. load     bytes of the first load as sent (gzip, scripts/serve.mjs), per kind of file, from CDP
//             Network events: body = loadingFinished.encodedDataLength − the response headers.
// 2. ready    navigation → `data-ready="true"`, → the end of the frame that drew the scene's canvases
//             (the page's first `frameStats()` entry), → the next frame (the drawn frame committed).
// 3. frames   while the Adam race plays and while the 3-D view is dragged: the page's per-frame work
//             (`window.descent.frameStats()`, ms in its rAF callback on frames that drew), the whole
//             main-thread task of each frame (Chrome trace: the top-level task around
//             FireAnimationFrame, i.e. rAF + style + layout + paint + commit), and real frame
//             intervals (a rAF timestamp recorder) for dropped / long frames.
// 4. latency  a control's `change` event → the frame after the one that redrew the scene.
// 5. basin    the basin map in wasm (timed View.draw of a fresh `basins` view in the page) against
//             the native figure of `cargo bench -p descent-core --bench figures`.
// 6. models   the real models on penguins in the page's wasm (Session from window.wasmBindings):
//             an epoch of mini-batch training, and the 41 × 41 landscape slice filled by
//             `landscapeWork(100)` (whole, and the longest slice of 100 cells, at 1× and 4×),
//             and lesson 14's two slice views made in the page (the longest frame's work),
//             against the native figures of the same benchmark program (its section 4).
// 8. own      a learner's own CSV file in the playground: 10⁵ rows of 10 columns (made in the
//             page, picked through the loader): read in slices (rows per second, the longest
//             main-thread task while reading), the session made from the chosen columns, and one
//             epoch trained by the page's own loop (speed 240, batch 1000: 100 steps), with the
//             longest frame interval and task while it trains. At 1× and 4×.
// 9. lighthouse  Lighthouse 12 (npm), its default mobile settings (simulated slow 4G and a 4×
//             slower CPU), performance only: the score, FCP, LCP, TBT and CLS, the median of
//             `--lh-runs` runs (default 3) on every lesson's first step and on local-optima/4,
//             adam/3 and playground/1, in a Chromium of its own (chrome-launcher, /usr/bin/chromium).
//
// Every `View.draw` is timed by wrapping `wasmBindings.View.prototype.draw` from an init script
// (`View.backgrounds()` before and after says whether the cached background was redrawn); the
// page is not changed.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { ARGS } from '../tests/harness.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, def) => { const a = argv.find((x) => x.startsWith(`--${name}=`)); return a ? a.slice(name.length + 3) : def; };
const DIST = path.resolve(argv.find((a) => !a.startsWith('--')) || path.join(ROOT, 'dist'));
const RUNS = Math.max(1, Number(opt('runs', 5)) | 0);
const ONLY = new Set(opt('only', 'load,ready,frames,latency,basin,models,first,own,lighthouse').split(','));
const LH_RUNS = Math.max(1, Number(opt('lh-runs', 3)) | 0);
// One Lighthouse run that gives no result in this long has failed (section 9).
const LH_TIMEOUT_MS = 180000;
const NATIVE = !argv.includes('--no-native');
const JSON_OUT = opt('json', null);
const PLAY_MS = 6000;   // how long the race plays per run
const DRAG_MS = 4000;   // how long the 3-D view is dragged per run
const VSYNC = 1000 / 60;
// The whole benchmark is bounded: a stuck page or browser ends it with an error.
const LIMIT_MS = Number(opt('limit', 40)) * 60_000;
setTimeout(() => { console.error(`bench: over the ${LIMIT_MS / 60000}-minute limit, stopping`); process.exit(2); }, LIMIT_MS).unref();

// ---------- statistics ----------
const asc = (a) => [...a].sort((x, y) => x - y);
function median(a) { const s = asc(a), n = s.length; return !n ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; }
/** Nearest-rank percentile. */
function pct(a, p) { if (!a.length) return NaN; const s = asc(a); return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]; }
const share = (a, over) => (a.length ? a.filter((x) => x > over).length / a.length : NaN);
const sum = (a) => a.reduce((x, y) => x + y, 0);

// ---------- the table ----------
const rows = [];
const raw = { dist: DIST, runs: RUNS, date: new Date().toISOString(), figures: {} };
function section(title) { rows.push({ title }); }
/** A figure measured once per run: prints median, min, max over the runs. */
function figure(name, unit, values, note = '') {
  const v = values.filter((x) => Number.isFinite(x));
  raw.figures[name] = { unit, values };
  rows.push({ name, unit, med: median(v), min: v.length ? Math.min(...v) : NaN, max: v.length ? Math.max(...v) : NaN, n: v.length, note });
}
function fmt(x, unit) {
  if (!Number.isFinite(x)) return '—';
  if (unit === 'B') return x >= 10000 ? `${(x / 1000).toFixed(1)} kB` : `${Math.round(x)} B`;
  if (unit === '%') return `${(x * 100).toFixed(1)} %`;
  if (unit === 'ms') return x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`;
  if (unit === 'µs') return `${x.toFixed(2)} µs`;
  if (unit === '×') return `${x.toFixed(2)} ×`;
  return `${+x.toFixed(2)}${unit ? ` ${unit}` : ''}`;
}
function printTable() {
  const W = Math.max(...rows.filter((r) => r.name).map((r) => r.name.length), 20);
  const line = (a, b, c, d, e) => `${a.padEnd(W)}  ${b.padStart(10)}  ${c.padStart(10)}  ${d.padStart(10)}  ${e.padStart(3)}`;
  const out = ['', line('figure', 'median', 'min', 'max', 'n')];
  for (const r of rows) {
    if (r.title) { out.push('', `== ${r.title}`); continue; }
    out.push(line(r.name, fmt(r.med, r.unit), fmt(r.min, r.unit), fmt(r.max, r.unit), String(r.n)) + (r.note ? `   ${r.note}` : ''));
  }
  console.log(out.join('\n'));
}
const log = (...a) => console.error('[bench]', ...a);

// ---------- the page ----------
/** Runs in the page before its scripts: timestamps `data-ready`, the first drawn frame, and every View.draw. */
function probe() {
  const B = (window.__bench = { ready: null, settled: null, drawn: null, next: null, firstDraws: null, draws: [], mark: false, raf: [], rafOn: false });
  const isReady = () => document.documentElement && document.documentElement.dataset.ready === 'true';
  new MutationObserver(() => {
    if (B.ready !== null && B.settled === null && document.documentElement.dataset.settled === 'true') { B.settled = performance.now(); console.debug('bench:settled'); }
    if (B.ready !== null || !isReady()) return;
    B.ready = performance.now();
    if (document.documentElement.dataset.settled === 'true') { B.settled = B.ready; console.debug('bench:settled'); }
    // Registered after the stage's own rAF (it kicks before setting data-ready), so this runs after it in the same frame.
    const after = () => {
      const d = window.descent;
      const st = d && d.stage && d.stage();
      if (st && st.views && st.views.length && d.frameStats().length === 0 && performance.now() - B.ready < 60000) { requestAnimationFrame(after); return; }
      B.drawn = performance.now();
      B.firstDraws = B.draws.slice();
      // Told by a console message: polling from the test driver would run its own scripts in
      // the page while it loads and be counted in the figures.
      requestAnimationFrame(() => { B.next = performance.now(); console.debug('bench:next'); });
    };
    requestAnimationFrame(after);
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready', 'data-settled'] });
  let wb;
  const kinds = new WeakMap();
  Object.defineProperty(window, 'wasmBindings', {
    configurable: true,
    get: () => wb,
    set(v) {
      wb = v;
      const P = v && v.View && v.View.prototype;
      if (!P || P.__bench) return;
      const draw = P.draw;
      P.draw = function (s) {
        const b0 = this.backgrounds();
        const t0 = performance.now();
        const out = draw.call(this, s);
        const ms = performance.now() - t0;
        const bg = this.backgrounds() > b0;
        let kind = kinds.get(this);
        if (!kind) { kind = this.kind(); kinds.set(this, kind); }
        B.draws.push({ t: t0, ms, kind, bg });
        if (B.mark) performance.mark('bench:draw');
        return out;
      };
      P.__bench = true;
    },
  });
  B.startRaf = () => {
    B.raf = []; B.rafOn = true;
    const f = (t) => { if (!B.rafOn) return; B.raf.push(t); requestAnimationFrame(f); };
    requestAnimationFrame(f);
  };
  B.stopRaf = () => { B.rafOn = false; return B.raf; };
  // Section 7: main-thread tasks over 50 ms, the largest contentful paint, and when the step's
  // text (its title) entered the page.
  B.long = []; B.lcp = null; B.text = null;
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) B.long.push({ t: e.startTime, ms: e.duration }); }).observe({ type: 'longtask', buffered: true }); } catch { /* not offered */ }
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) B.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true }); } catch { /* not offered */ }
  const seen = new MutationObserver(() => { if (document.getElementById('step-title')) { B.text = performance.now(); seen.disconnect(); } });
  seen.observe(document, { childList: true, subtree: true });
}

let browser, server, base, version, load0;
async function openPage(rate, { network = false, worker = false } = {}) {
  // The service worker (web/sw.js) only where a figure is about it (section 7): elsewhere its
  // download of the whole course after load would run beside the figures measured.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'en-US', reducedMotion: 'no-preference', colorScheme: 'light', serviceWorkers: worker ? 'allow' : 'block' });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(probe);
  const cdp = await context.newCDPSession(page);
  if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  let net = null;
  if (network) {
    net = new Map();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    cdp.on('Network.responseReceived', (e) => {
      const r = net.get(e.requestId) || {};
      net.set(e.requestId, { ...r, fromWorker: !!e.response.fromServiceWorker, url: e.response.url, mime: e.response.mimeType, type: e.type, headerBytes: e.response.encodedDataLength, status: e.response.status, encoding: (e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '') });
    });
    cdp.on('Network.dataReceived', (e) => { const r = net.get(e.requestId); if (r) r.decoded = (r.decoded || 0) + e.dataLength; });
    cdp.on('Network.loadingFinished', (e) => { const r = net.get(e.requestId); if (r) r.total = e.encodedDataLength; });
  }
  return { context, page, cdp, net, errors, async close() { await context.close(); } };
}

async function gotoDrawn(p, query) {
  const next = p.page.waitForEvent('console', { predicate: (m) => m.text() === 'bench:next', timeout: 60000 });
  const settled = p.page.waitForEvent('console', { predicate: (m) => m.text() === 'bench:settled', timeout: 60000 });
  // (A query, or a path of its own: '/empty'.)
  await p.page.goto(query.startsWith('/') ? base + query.slice(1) : base + (query ? `?${query}` : ''), { timeout: 60000, waitUntil: 'commit' });
  await next;
  await settled;
  if (p.errors.length) throw new Error(`page errors on ?${query}: ${p.errors.join('; ')}`);
  return p.page.evaluate(() => {
    const B = window.__bench;
    // When the last response of each kind arrived (ms from navigation start).
    const at = {}, files = [];
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav) { at.html = nav.responseEnd; files.push({ path: '/ (html)', start: nav.startTime, end: nav.responseEnd }); }
    for (const e of performance.getEntriesByType('resource')) {
      const u = new URL(e.name).pathname;
      const k = u.endsWith('.wasm') ? 'wasm' : u.endsWith('.json') ? 'json' : u.endsWith('.js') ? 'js' : 'other';
      at[k] = Math.max(at[k] || 0, e.responseEnd);
      files.push({ path: u, start: e.startTime, end: e.responseEnd });
    }
    return { ready: B.ready, settled: B.settled, drawn: B.drawn, next: B.next, firstDraws: B.firstDraws, at, files };
  });
}

function kindOf(r) {
  const { url, mime = '', type = '' } = r;
  if (/\.wasm($|\?)/.test(url) || mime === 'application/wasm') return 'wasm';
  if (type === 'Document' || mime.startsWith('text/html')) return 'html';
  if (type === 'Script' || /javascript/.test(mime)) return 'js';
  if (type === 'Stylesheet' || mime === 'text/css') return 'css';
  if (/json/.test(mime)) return 'json';
  if (type === 'Font' || /font/.test(mime)) return 'font';
  return 'other';
}
/** Bytes per kind from the CDP network log: body as sent (gzip) and with the response headers. */
function tally(net) {
  const t = { files: [] };
  for (const r of net.values()) {
    if (!r.url || r.url.startsWith('data:') || r.total === undefined) continue;
    if (r.fromWorker) { t.cached = (t.cached || 0) + 1; continue; } // from the service worker's cache: nothing sent
    const k = kindOf(r);
    const body = r.total - (r.headerBytes || 0);
    t[k] = (t[k] || 0) + body;
    t.body = (t.body || 0) + body;
    t.wire = (t.wire || 0) + r.total;
    t.decoded = (t.decoded || 0) + (r.decoded || 0);
    t.files.push({ path: new URL(r.url).pathname, kind: k, body, encoding: r.encoding, decoded: r.decoded || 0 });
  }
  return t;
}

// ---------- Chrome trace: the main-thread task of each frame ----------
const TRACE_CATS = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];
function frameTasks(buf) {
  const ev = JSON.parse(buf.toString()).traceEvents;
  const mains = new Set(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const e of ev) {
    const k = `${e.pid}:${e.tid}`;
    if (!mains.has(k)) continue;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  // The page's main thread: the one that ran the most animation frames.
  let best = [];
  for (const list of byThread.values()) if (list.filter((e) => e.name === 'FireAnimationFrame').length > best.filter((e) => e.name === 'FireAnimationFrame').length) best = list;
  const tasks = best.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  // Keep the outermost tasks only.
  const top = [];
  for (const t of tasks) { const last = top[top.length - 1]; if (!last || t.ts >= last.ts + last.dur) top.push(t); }
  const around = (ts) => { let lo = 0, hi = top.length - 1; while (lo <= hi) { const m = (lo + hi) >> 1; if (top[m].ts + top[m].dur < ts) lo = m + 1; else if (top[m].ts > ts) hi = m - 1; else return top[m]; } return null; };
  const frames = new Set(), drawn = new Set();
  const part = new Map(); // task → { raf, commit } in µs
  const add = (t, k, d) => { const p = part.get(t) || { raf: 0, commit: 0 }; p[k] += d; part.set(t, p); };
  for (const e of best) {
    if (e.name === 'FireAnimationFrame') { const t = around(e.ts); if (t) { frames.add(t); add(t, 'raf', e.dur); } }
    if (e.name === 'Commit' && e.ph === 'X') { const t = around(e.ts); if (t) add(t, 'commit', e.dur); }
    if (e.name === 'bench:draw') { const t = around(e.ts); if (t) drawn.add(t); }
  }
  const d = [...drawn];
  return {
    all: [...frames].map((t) => t.dur / 1000),
    drawn: d.map((t) => t.dur / 1000),
    // Of each drawn frame's task: the rAF callbacks, and cc's commit (where the changed canvases are handed to the compositor).
    raf: d.map((t) => (part.get(t) || { raf: 0 }).raf / 1000),
    commit: d.map((t) => (part.get(t) || { commit: 0 }).commit / 1000),
  };
}

/** Frame intervals from rAF timestamps: long ones and an estimate of dropped vsyncs. */
function intervals(ts) {
  const d = [];
  for (let i = 1; i < ts.length; i++) d.push(ts[i] - ts[i - 1]);
  const dropped = sum(d.map((x) => Math.max(0, Math.round(x / VSYNC) - 1)));
  const span = ts.length > 1 ? ts[ts.length - 1] - ts[0] : 0;
  return { d, dropped, expected: span / VSYNC };
}

// ---------- 1 + 2: first load ----------
async function loadAndReady() {
  const pages = [
    ['home', ''],
    ['lesson update/1', 'lesson=update&step=1'],
    ['lesson adam/3 (race)', 'lesson=adam&step=3'],
    ['lesson local-optima/4 (basins)', 'lesson=local-optima&step=4'],
    ['lesson local-optima/3 (3-D)', 'lesson=local-optima&step=3'],
    ['playground', 'lesson=playground'],
  ];
  const bytes = {}, onDemand = [], onDemand3d = [], ready = {};
  for (const rate of [1, 4]) {
    if (!ONLY.has('ready') && rate !== 1) continue;
    for (const [name, query] of pages) {
      for (let r = 0; r < RUNS; r++) {
        const p = await openPage(rate, { network: rate === 1 });
        try {
          const t = await gotoDrawn(p, query);
          const firstWork = sum((t.firstDraws || []).map((d) => d.ms));
          (ready[`${name}|${rate}`] ||= []).push({ ...t, firstWork, firstDraws: t.firstDraws });
          if (p.net) {
            await p.page.waitForTimeout(300);
            (bytes[name] ||= []).push(tally(p.net));
            // The playground's module on demand: from a lesson, follow the header's Playground link.
            if (name === 'lesson update/1') {
              p.net.clear();
              await p.page.click('a[data-nav="playground"]');
              await p.page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && location.search.includes('playground'), null, { timeout: 60000 });
              await p.page.waitForTimeout(500);
              onDemand.push(tally(p.net));
            }
            // The 3-D module on demand: from the basin-map step, back to the step with the 3-D view.
            if (name === 'lesson local-optima/4 (basins)') {
              p.net.clear();
              await p.page.click('a[rel="prev"]');
              await p.page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && /step=3/.test(location.search), null, { timeout: 60000 });
              await p.page.waitForTimeout(500);
              onDemand3d.push(tally(p.net));
            }
          }
        } finally { await p.close(); }
      }
      log(`load ${name} at ${rate}×: done`);
    }
  }
  raw.load = { bytes, onDemand, onDemand3d, ready };
  if (ONLY.has('load')) {
    section('1. First load: bytes sent (the build\'s Zopfli gzip copies, as scripts/serve.mjs sends them; body only, headers excluded)');
    for (const [name] of pages) {
      const b = bytes[name];
      if (!b) continue;
      for (const k of ['html', 'js', 'wasm', 'css', 'json', 'font', 'other']) if (b.some((x) => x[k])) figure(`${name}: ${k}`, 'B', b.map((x) => x[k] || 0));
      figure(`${name}: total`, 'B', b.map((x) => x.body), `(${fmt(median(b.map((x) => x.wire)), 'B')} with headers, ${fmt(median(b.map((x) => x.decoded)), 'B')} unzipped)`);
    }
    for (const [what, list] of [['lesson → playground', onDemand], ['lesson → a step with the 3-D view', onDemand3d]]) {
      if (!list.length) continue;
      for (const k of ['js', 'wasm', 'json']) if (list.some((x) => x[k])) figure(`${what} on demand: ${k}`, 'B', list.map((x) => x[k] || 0));
      figure(`${what} on demand: total`, 'B', list.map((x) => x.body));
    }
    // Files as served, for the record (first run of each page).
    raw.files = Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, v[0].files]));
  }
  if (ONLY.has('ready')) {
    section('2. Navigation → first scene (performance.now() from navigation start)');
    for (const rate of [1, 4]) {
      for (const [name] of pages) {
        const v = ready[`${name}|${rate}`];
        if (!v) continue;
        const last = (k) => fmt(median(v.map((x) => x.at[k]).filter(Number.isFinite)), 'ms');
        figure(`${name} @${rate}×: data-ready`, 'ms', v.map((x) => x.ready), `(last response: html ${last('html')}, js ${last('js')}, wasm ${last('wasm')}, json ${last('json')})`);
        if (name !== 'home') {
          figure(`${name} @${rate}×: canvases drawn`, 'ms', v.map((x) => x.drawn), `(first frame's View.draw work ${fmt(median(v.map((x) => x.firstWork)), 'ms')})`);
        }
        figure(`${name} @${rate}×: next frame`, 'ms', v.map((x) => x.next));
        if (name !== 'home') figure(`${name} @${rate}×: settled`, 'ms', v.map((x) => x.settled), '(data-settled: coarse maps refined, basin maps filled in)');
      }
    }
    // Where the time goes: each file's request start and response end, for one lesson at 4×.
    const v = ready['lesson adam/3 (race)|4'];
    if (v) {
      section('2b. Load timeline of lesson adam/3 at 4× (each file: response end; note: request start; ms from navigation start)');
      for (const f of v[0].files) {
        const same = v.map((x) => x.files.find((g) => g.path === f.path)).filter(Boolean);
        figure(`adam/3 @4×: ${f.path}`, 'ms', same.map((g) => g.end), `(requested at ${fmt(median(same.map((g) => g.start)), 'ms')})`);
      }
      figure('adam/3 @4×: data-ready', 'ms', v.map((x) => x.ready));
      figure('adam/3 @4×: canvases drawn', 'ms', v.map((x) => x.drawn));
    }
  }
}

// ---------- 3: frames ----------
async function framesRun(rate, sc) {
  const p = await openPage(rate);
  try {
    await gotoDrawn(p, sc.query);
    await sc.prepare(p.page);
    await p.page.waitForTimeout(300);
    await browser.startTracing(p.page, { categories: TRACE_CATS });
    const L0 = await p.page.evaluate(() => { const B = window.__bench; B.draws = []; B.mark = true; B.startRaf(); return window.descent.frameStats().length; });
    await sc.act(p.page);
    const res = await p.page.evaluate((l0) => {
      const B = window.__bench;
      B.mark = false;
      const raf = B.stopRaf();
      const fs = window.descent.frameStats();
      return { raf, work: fs.slice(l0), capped: fs.length >= 600, draws: B.draws, iteration: document.documentElement.dataset.iteration };
    }, L0);
    const trace = frameTasks(await browser.stopTracing());
    if (res.capped) log(`warning: frameStats() hit its 600-frame cap in ${sc.name}`);
    if (p.errors.length) throw new Error(`page errors in ${sc.name}: ${p.errors.join('; ')}`);
    return { ...res, trace };
  } finally { await p.close(); }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function answerCheckpoint(page) {
  const choice = await page.$('.checkpoint button.choice:not([disabled])');
  if (choice) { await choice.click(); await page.waitForSelector('#play:not([disabled])', { timeout: 30000 }); }
}
async function playRace(page) {
  await page.click('#play');
  await sleep(PLAY_MS);
  await page.click('#play');
}
async function drag3d(page) {
  const box = await page.locator('.view-surface3d .canvas-box').boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const t0 = Date.now();
  for (let i = 1; Date.now() - t0 < DRAG_MS; i++) {
    const t = Date.now();
    await page.mouse.move(cx + 90 * Math.sin(i / 20), cy + 30 * Math.sin(i / 47));
    await sleep(Math.max(0, VSYNC - (Date.now() - t)));
  }
  await page.mouse.up();
}

async function frames() {
  const scenarios = [
    { name: 'adam race (speed 8)', query: 'lesson=adam&step=3', prepare: answerCheckpoint, act: playRace },
    { name: 'adam race at speed=60', query: 'lesson=adam&step=3&speed=60', prepare: answerCheckpoint, act: playRace },
    { name: '3-D view drag', query: 'lesson=local-optima&step=3', prepare: async () => {}, act: drag3d },
  ];
  section(`3. Frames (${PLAY_MS / 1000} s of play / ${DRAG_MS / 1000} s of drag per run; per run p50/p95, then median, min, max over runs)`);
  raw.frames = {};
  for (const sc of scenarios) {
    for (const rate of [1, 4]) {
      const runs = [];
      for (let r = 0; r < RUNS; r++) runs.push(await framesRun(rate, sc));
      raw.frames[`${sc.name}|${rate}`] = runs.map((x) => ({ work: x.work, raf: x.raf, trace: x.trace, draws: x.draws }));
      log(`frames ${sc.name} at ${rate}×: done`);
      const k = `${sc.name} @${rate}×`;
      figure(`${k}: frames drawn`, '', runs.map((x) => x.work.length));
      figure(`${k}: page work/frame p50`, 'ms', runs.map((x) => pct(x.work, 50)), '(frameStats: rAF callback, frames that drew)');
      figure(`${k}: page work/frame p95`, 'ms', runs.map((x) => pct(x.work, 95)));
      figure(`${k}: page work > 20 ms`, '%', runs.map((x) => share(x.work, 20)));
      figure(`${k}: main-thread task/drawn frame p50`, 'ms', runs.map((x) => pct(x.trace.drawn, 50)), '(trace: rAF + style + layout + paint + commit)');
      figure(`${k}: main-thread task/drawn frame p95`, 'ms', runs.map((x) => pct(x.trace.drawn, 95)));
      figure(`${k}:   of which rAF callbacks p50`, 'ms', runs.map((x) => pct(x.trace.raf, 50)));
      figure(`${k}:   of which compositor commit p50`, 'ms', runs.map((x) => pct(x.trace.commit, 50)), '(canvas layers handed to the compositor)');
      figure(`${k}: main-thread task > 20 ms (all frames)`, '%', runs.map((x) => share(x.trace.all, 20)));
      const iv = runs.map((x) => intervals(x.raf));
      figure(`${k}: frame interval p50`, 'ms', iv.map((x) => pct(x.d, 50)), '(rAF timestamps, every frame)');
      figure(`${k}: frame interval p95`, 'ms', iv.map((x) => pct(x.d, 95)));
      figure(`${k}: frame intervals > 20 ms`, '%', iv.map((x) => share(x.d, 20)));
      figure(`${k}: dropped frames`, '%', iv.map((x) => (x.expected ? x.dropped / x.expected : NaN)), '(missed vsyncs / vsyncs elapsed)');
      // Which views redrew their cached background while nothing but the foreground should change.
      const bgs = {};
      for (const x of runs) for (const d of x.draws) { const b = (bgs[d.kind] ||= { n: 0, bg: 0, ms: [] }); b.n++; if (d.bg) b.bg++; b.ms.push(d.ms); }
      for (const [kind, b] of Object.entries(bgs)) {
        figure(`${k}: ${kind}.draw p95`, 'ms', runs.map((x) => pct(x.draws.filter((d) => d.kind === kind).map((d) => d.ms), 95)), `(background redrawn in ${b.bg} of ${b.n} draws)`);
      }
    }
  }
}

// ---------- 4: latency ----------
/** Sets a control, dispatches `change`, and times: handler returned, redraw done, next frame, settled. */
async function changeLatency(page, selector, value) {
  return page.evaluate(({ selector, value }) => new Promise((resolve) => {
    const B = window.__bench;
    const el = document.querySelector(selector);
    const n0 = B.draws.length;
    const t0 = performance.now();
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
    const t1 = performance.now();
    const check = () => {
      const now = performance.now();
      if (B.draws.length > n0) {
        const next = () => {
          const t = performance.now() - t0;
          const draws = B.draws.slice(n0);
          // Then until nothing is left to refine or fill in (data-settled).
          const settle = () => {
            if (document.documentElement.dataset.settled === 'true' || performance.now() - t0 > 60000) resolve({ handler: t1 - t0, drawn: now - t0, next: t, settled: performance.now() - t0, draws });
            else requestAnimationFrame(settle);
          };
          settle();
        };
        requestAnimationFrame(next);
      } else if (now - t0 > 60000) resolve(null);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }), { selector, value });
}

async function latency() {
  const scenarios = [
    { name: 'lr slider (update/4: curve, table, loss)', query: 'lesson=update&step=4', selector: '#ctl-lr', values: ['-0.5', '-0.8', '-0.6', '-1', '-0.7', '-0.9', '-0.55'] },
    { name: 'surface select (playground/2: contour, loss)', query: 'lesson=playground&step=2', selector: '#ctl-surface', values: ['wells', 'rosenbrock', 'himmelblau', 'beale', 'ravine', 'bowl', 'wells'] },
    { name: 'surface select (playground/3: basins, contour, 3-D)', query: 'lesson=playground&step=3', selector: '#ctl-surface', values: ['himmelblau', 'wells'], split: true },
  ];
  section('4. Control change → redrawn scene (one page per row, one change per run; `next frame` = the frame after the redraw)');
  raw.latency = {};
  for (const rate of [4, 1]) {
    for (const sc of scenarios) {
      const p = await openPage(rate);
      const out = [];
      try {
        await gotoDrawn(p, sc.query);
        await answerCheckpoint(p.page);
        await p.page.waitForTimeout(300);
        for (let r = 0; r < (sc.split ? sc.values.length : 1) * RUNS; r++) {
          const value = sc.values[r % sc.values.length];
          const res = await changeLatency(p.page, sc.selector, value);
          if (!res) throw new Error(`no redraw after ${sc.selector} changed`);
          out.push({ ...res, value });
          await p.page.waitForTimeout(200);
        }
        if (p.errors.length) throw new Error(`page errors in ${sc.name}: ${p.errors.join('; ')}`);
      } finally { await p.close(); }
      raw.latency[`${sc.name}|${rate}`] = out;
      log(`latency ${sc.name} at ${rate}×: done`);
      for (const value of sc.split ? sc.values : [null]) {
        const o = out.filter((x) => value === null || x.value === value);
        const k = `${sc.name}${value ? ` → ${value}` : ''} @${rate}×`;
        figure(`${k}: → next frame`, 'ms', o.map((x) => x.next), `(handler ${fmt(median(o.map((x) => x.handler)), 'ms')}, redraw done ${fmt(median(o.map((x) => x.drawn)), 'ms')})`);
        figure(`${k}: → settled`, 'ms', o.map((x) => x.settled), '(coarse maps refined, basin maps filled in)');
        const kinds = [...new Set(o.flatMap((x) => x.draws.map((d) => d.kind)))];
        for (const kind of kinds) figure(`${k}: ${kind}.draw`, 'ms', o.map((x) => sum(x.draws.filter((d) => d.kind === kind).map((d) => d.ms))));
      }
    }
  }
}

// ---------- 5: basin map, wasm vs native ----------
async function basin() {
  section('5. Basin map on wells, gd, lr 0.1, ≤ 500 steps per start');
  raw.basin = {};
  const p = await openPage(1);
  let inPage;
  try {
    const t = await gotoDrawn(p, 'lesson=local-optima&step=4');
    raw.basin.firstDraws = t.firstDraws;
    const first = (t.firstDraws || []).find((d) => d.kind === 'basins' && d.bg);
    // Fresh `basins` views on detached canvases, 560 × 560 CSS px at dpr 1, drawn and then worked
    // until done (the page spreads that work over frames): the whole 100 × 100 map. The
    // baseline is the same view on `saddle`, which has no documented minimum, so basin_map returns
    // at once and the time is everything but the map (fill, contour lines, axes).
    inPage = await p.page.evaluate((runs) => {
      const { Session, View } = window.wasmBindings;
      const out = { wells: [], saddle: [], warmup: [] };
      // Two unreported rounds first: V8 runs a wasm function's first call in its baseline tier
      // (Liftoff) and optimizes it for later calls, and one basin map is one call.
      for (let r = -2; r < runs; r++) {
        for (const surface of ['wells', 'saddle']) {
          const s = new Session(`surface=${surface}&opt=gd&lr=0.1`);
          const v = new View('basins', document.createElement('canvas'), document.createElement('canvas'), false);
          v.resize(560, 560, 1);
          const t0 = performance.now();
          let more = v.draw(s);
          while (more) more = v.work(s, 1e9);
          (r < 0 ? out.warmup : out[surface]).push(performance.now() - t0);
          v.free();
          s.free();
        }
      }
      return out;
    }, RUNS);
    const size = await p.page.evaluate(() => { const c = document.querySelector('.view-basins canvas'); return c ? `${c.width}×${c.height}` : '?'; });
    raw.basin.inPage = inPage;
    if (first) figure(`wasm: page's first basins.draw (canvas ${size} px)`, 'ms', [first.ms], '(local-optima/4, first frame, cold module; one load)');
    figure('wasm: basins view drawn and worked to the end, wells, 100×100 (2nd call)', 'ms', [inPage.warmup[0]], '(one load)');
  } finally { await p.close(); }
  figure('wasm: basins view, wells, 100×100 starts', 'ms', inPage.wells, '(map + fill + contour lines + axes; warm)');
  figure('wasm: basins view, saddle (no map)', 'ms', inPage.saddle, '(baseline: fill + contour lines + axes)');
  const map = inPage.wells.map((b, i) => b - inPage.saddle[i]);
  figure('wasm: basin map 100×100 ≈ wells − saddle', 'ms', map);
  figure('wasm: basin map per start point', 'µs', map.map((x) => (x * 1000) / (100 * 100)));
  if (!NATIVE) return;
  const stdout = nativeFigures();
  if (!stdout) return;
  raw.basin.native = stdout;
  const m = /^\s*gd\s+lr\s+0\.1\s+([\d.]+)\s*ms/m.exec(stdout.slice(stdout.indexOf('3. Basin map')));
  if (!m) { log('native bench: no gd line in section 3'); return; }
  const ms = Number(m[1]);
  figure('native: gd, 200×200 starts (bench, best of 3)', 'ms', [ms], '(cargo bench -p descent-core --bench figures)');
  figure('native: per start point', 'µs', [(ms * 1000) / (200 * 200)]);
  figure('wasm / native, per start point', '×', map.map((x) => ((x * 1000) / (100 * 100)) / ((ms * 1000) / (200 * 200))), '(same surface, rule and steps; grids of 100² and 200² starts over the same domain)');
}

/** The output of `cargo bench -p descent-core --bench figures`, run once for sections 5 and 6 (null if it failed). */
let native;
function nativeFigures() {
  if (native !== undefined) return native;
  log('native: cargo bench -p descent-core --bench figures (compiles once)');
  const r = spawnSync('cargo', ['bench', '-q', '-p', 'descent-core', '--bench', 'figures', '--locked', '--offline'], { cwd: ROOT, encoding: 'utf8', timeout: 15 * 60_000, env: { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` } });
  if (r.status !== 0) log(`native bench failed: ${(r.stderr || '').slice(-2000)}`);
  native = r.status === 0 ? r.stdout : null;
  return native;
}

// ---------- 6: the real models, wasm vs native ----------
async function models() {
  section('6. The real models on penguins: an epoch of mini-batch training, the 41×41 landscape slice');
  raw.models = {};
  const EPOCHS = [['penguins', 'gd'], ['penguins', 'adam'], ['mlp', 'gd'], ['mlp', 'adam']];
  const SLICES = [['penguins', 'pca'], ['penguins', 'random'], ['mlp', 'pca'], ['mlp', 'random']];
  for (const rate of [1, 4]) {
    const p = await openPage(rate);
    let inPage;
    try {
      // A step that shows the 3-D view: its module has the models.
      await gotoDrawn(p, 'lesson=adam&step=5');
      inPage = await p.page.evaluate(({ runs, epochs, slices, rate }) => {
        const { Session } = window.wasmBindings;
        const out = { epoch: {}, slice: {}, worst: {} };
        // One unreported round first, so V8 has optimized the module's code (see section 5).
        for (let r = -1; r < runs; r++) {
          if (rate === 1) {
            for (const [surface, opt] of epochs) {
              const s = new Session(`surface=${surface}&opt=${opt}&lr=0.01&batch=32`);
              s.step(11);
              const t0 = performance.now();
              for (let e = 0; e < 20; e++) s.step(11); // 11 batches of ≤ 32 rows: one epoch of 342
              const ms = (performance.now() - t0) / 20;
              s.free();
              if (r >= 0) (out.epoch[`${surface} ${opt}`] ||= []).push(ms);
            }
          }
          for (const [surface, plane] of slices) {
            const s = new Session(`surface=${surface}&opt=gd,adam&lr=0.5,0.02`);
            s.step(200);
            if (s.startLandscape(plane, 99, 'en') !== undefined) throw new Error(`no ${plane} slice on ${surface}`);
            let worst = 0;
            const t0 = performance.now();
            for (let more = true; more;) {
              const a = performance.now();
              more = s.landscapeWork(100);
              worst = Math.max(worst, performance.now() - a);
            }
            const ms = performance.now() - t0;
            s.free();
            if (r >= 0) {
              (out.slice[`${surface} ${plane}`] ||= []).push(ms);
              (out.worst[`${surface} ${plane}`] ||= []).push(worst);
            }
          }
        }
        return out;
      }, { runs: RUNS, epochs: EPOCHS, slices: SLICES, rate });
      // The slice views in the page: both slices of lesson 14's landscape step made at a pause
      // after 110 steps (ten epochs), filled within the frames' work budget. The frames' work
      // from the step until both lattices are full, and how many frames it took.
      await gotoDrawn(p, 'lesson=real-model&step=5');
      inPage.frames = await p.page.evaluate(async () => {
        const st = window.descent.stage();
        const n0 = st.frameStats().length;
        const t0 = performance.now();
        st.step(110);
        const full = () => [...document.querySelectorAll('[data-view$="slice"]')].every((f) => f.dataset.sliceDone === '1681' && f.dataset.sliceStep === '110');
        while (!full()) await new Promise((r) => requestAnimationFrame(r));
        const fs = st.frameStats().slice(n0);
        return { worst: Math.max(...fs), frames: fs.length, ms: performance.now() - t0 };
      });
    } finally { await p.close(); }
    raw.models[`${rate}x`] = inPage;
    figure(`page @${rate}×: slice + randomslice after 110 steps, longest frame's work`, 'ms', [inPage.frames.worst], '(target ≤ 20 ms)');
    figure(`page @${rate}×: both slices made and filled`, 'ms', [inPage.frames.ms], `(${inPage.frames.frames} frames)`);
    if (rate === 1) {
      for (const [k, v] of Object.entries(inPage.epoch)) figure(`wasm: ${k}, one epoch (batch 32, 11 steps)`, 'ms', v, '(target ≤ 1 ms)');
    }
    for (const [k, v] of Object.entries(inPage.slice)) figure(`wasm @${rate}×: ${k} slice, 41×41`, 'ms', v, rate === 1 ? '(target ≤ 100 ms at 1×)' : '');
    for (const [k, v] of Object.entries(inPage.worst)) figure(`wasm @${rate}×: ${k}, longest landscapeWork(100)`, 'ms', v, '(a frame\'s share; the page sizes it to its budget)');
  }
  if (!NATIVE) return;
  const stdout = nativeFigures();
  if (!stdout) return;
  const part = stdout.slice(stdout.indexOf('4. The real models'));
  raw.models.native = part;
  const one = raw.models['1x'];
  for (const [surface, opt] of EPOCHS) {
    const m = new RegExp(`^\\s*${surface}\\s+${opt}\\s+([\\d.]+)\\s*µs per epoch`, 'm').exec(part);
    if (!m) continue;
    const ms = Number(m[1]) / 1000;
    figure(`native: ${surface} ${opt}, one epoch`, 'ms', [ms], '(cargo bench, best of 3)');
    figure(`wasm / native: ${surface} ${opt} epoch`, '×', one.epoch[`${surface} ${opt}`].map((x) => x / ms));
  }
  for (const [surface, plane] of SLICES) {
    const m = new RegExp(`^\\s*${surface}\\s+${plane}\\s+([\\d.]+)\\s*ms whole`, 'm').exec(part);
    if (!m) continue;
    const ms = Number(m[1]);
    figure(`native: ${surface} ${plane} slice, 41×41`, 'ms', [ms], '(cargo bench, best of 3)');
    figure(`wasm / native: ${surface} ${plane} slice`, '×', one.slice[`${surface} ${plane}`].map((x) => x / ms));
  }
}

// ---------- 7: fast from the first byte, and repeat visits ----------
// A near-empty page (one canvas, one tiny script), served beside the site: what any page costs
// on this machine in this run, which the page's ready time is divided by.
const EMPTY = ['text/html; charset=utf-8', '<!doctype html><html><head><meta charset="utf-8"><title>empty</title><link rel="icon" href="data:,"></head><body><canvas id="c" width="300" height="150"></canvas><script src="empty.js"></script></body></html>'];
const EMPTY_JS = ['text/javascript; charset=utf-8', "requestAnimationFrame(()=>{const g=document.getElementById('c').getContext('2d');g.fillRect(10,10,100,50);document.documentElement.dataset.settled='true';document.documentElement.dataset.ready='true';});"];

async function firstByte() {
  const steps = [['update/1', 'lesson=update&step=1'], ['adam/3', 'lesson=adam&step=3'], ['local-optima/4 (basins)', 'lesson=local-optima&step=4'], ['playground/1', 'lesson=playground']];
  const got = {};
  const put = (k, v) => (got[k] ||= []).push(v);
  for (const rate of [1, 4]) {
    for (let r = 0; r < RUNS; r++) {
      // Interleaved: the near-empty page, then each step, in every run.
      const e = await openPage(rate);
      try { const t = await gotoDrawn(e, '/empty'); put(`empty|${rate}`, t.ready); } finally { await e.close(); }
      for (const [name, query] of steps) {
        const p = await openPage(rate);
        try {
          const t = await gotoDrawn(p, query);
          const b = await p.page.evaluate(() => {
            const B = window.__bench;
            const fcp = performance.getEntriesByName('first-contentful-paint')[0];
            return { text: B.text, lcp: B.lcp, fcp: fcp ? fcp.startTime : null, long: B.long.filter((x) => x.t <= B.settled) };
          });
          put(`${name}|${rate}`, { ...t, ...b });
        } finally { await p.close(); }
      }
    }
    log(`first ${rate}×: done`);
  }
  section('7. Fast from the first byte (navigation → …; ratio: data-ready ÷ the near-empty page\'s, same run; long tasks: main-thread tasks over 50 ms until data-settled)');
  for (const rate of [1, 4]) {
    const empty = got[`empty|${rate}`];
    figure(`near-empty page @${rate}×: ready`, 'ms', empty);
    for (const [name] of steps) {
      const v = got[`${name}|${rate}`];
      figure(`${name} @${rate}×: step text in the page`, 'ms', v.map((x) => x.text), `(FCP ${fmt(median(v.map((x) => x.fcp)), 'ms')}, LCP ${fmt(median(v.map((x) => x.lcp)), 'ms')})`);
      figure(`${name} @${rate}×: data-ready`, 'ms', v.map((x) => x.ready));
      figure(`${name} @${rate}×: ready ÷ near-empty`, '×', v.map((x, i) => x.ready / empty[i]), '(budget ≤ 2×)');
      figure(`${name} @${rate}×: long tasks during load`, '', v.map((x) => x.long.length), `(longest ${fmt(Math.max(0, ...v.flatMap((x) => x.long.map((l) => l.ms))), 'ms')})`);
      figure(`${name} @${rate}×: blocking time during load`, 'ms', v.map((x) => x.long.reduce((sum, l) => sum + Math.max(0, l.ms - 50), 0)), '(each long task\'s time past 50 ms, summed)');
    }
  }
  // Long tasks while the race plays (after the checkpoint is answered).
  const play = [];
  for (const rate of [1, 4]) {
    for (let r = 0; r < RUNS; r++) {
      const p = await openPage(rate);
      try {
        await gotoDrawn(p, 'lesson=adam&step=3');
        await answerCheckpoint(p.page);
        const t0 = await p.page.evaluate(() => performance.now());
        await playRace(p.page);
        play.push({ rate, long: await p.page.evaluate((t) => window.__bench.long.filter((x) => x.t >= t), t0) });
      } finally { await p.close(); }
    }
  }
  for (const rate of [1, 4]) {
    const v = play.filter((x) => x.rate === rate);
    figure(`adam/3 race @${rate}×: long tasks while playing`, '', v.map((x) => x.long.length), `(${PLAY_MS / 1000} s; longest ${fmt(Math.max(0, ...v.flatMap((x) => x.long.map((l) => l.ms))), 'ms')})`);
  }
  // Every lesson step's first visit, as sent (one run each): the budgets are per kind of step.
  const sizes = { lean: [], '3d': [], full: [] };
  const stepList = JSON.parse(fs.readFileSync(path.join(DIST, 'lessons', 'index.en.json'), 'utf8')).lessons
    .flatMap((l) => JSON.parse(fs.readFileSync(path.join(DIST, 'lessons', `${l.id}.en.json`), 'utf8')).steps.map((_, i) => `lesson=${l.id}&step=${i + 1}`));
  const worst = { lean: '', '3d': '', full: '' };
  for (const query of stepList) {
    const p = await openPage(1, { network: true });
    try {
      await gotoDrawn(p, query);
      await p.page.waitForTimeout(200);
      const t = tally(p.net);
      const kind = t.files.some((f) => /descent-full_bg/.test(f.path)) ? 'full' : t.files.some((f) => /descent-3d_bg/.test(f.path)) ? '3d' : 'lean';
      if (!sizes[kind].length || t.body > Math.max(...sizes[kind])) worst[kind] = query;
      sizes[kind].push(t.body);
    } finally { await p.close(); }
  }
  log('first: every step sized');
  section(`7b. First visit, as sent, over every lesson step (${stepList.length}; n = steps of that kind; one run each)`);
  figure('steps with the lean module', 'B', sizes.lean, `(largest: ${worst.lean}; budget ≤ 120 kB)`);
  figure('steps with the 3-D module', 'B', sizes['3d'], `(largest: ${worst['3d']}; budget ≤ 180 kB)`);
  figure('steps with the playground module', 'B', sizes.full, `(largest: ${worst.full}; budget ≤ 180 kB)`);
  // Repeat visits: one visit, the worker keeps the course; then a new visit to another step.
  const repeat = [];
  if (!fs.existsSync(path.join(DIST, 'sw.js'))) { log('first: no sw.js in this build, no repeat-visit figures'); raw.first = { got, play, sizes }; return; }
  for (let r = 0; r < RUNS; r++) {
    const p = await openPage(1, { network: true, worker: true });
    try {
      const first = await gotoDrawn(p, 'lesson=update&step=1');
      await p.page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 120000 });
      p.net.clear();
      // A new navigation: fresh probe, the page and its files from the worker's cache.
      const again = await gotoDrawn(p, 'lesson=adam&step=3');
      await p.page.waitForTimeout(200);
      const t = tally(p.net);
      repeat.push({ first: first.ready, ready: again.ready, sent: t.body || 0, cached: t.cached || 0 });
    } finally { await p.close(); }
  }
  section('7c. Repeat visit, served by the service worker (after one visit to update/1, a visit to adam/3, 1×)');
  figure('repeat visit: bytes sent by the server', 'B', repeat.map((x) => x.sent), `(${median(repeat.map((x) => x.cached))} files from the worker's cache)`);
  figure('repeat visit: data-ready', 'ms', repeat.map((x) => x.ready), `(the first visit to update/1 in the same runs: ${fmt(median(repeat.map((x) => x.first)), 'ms')})`);
  raw.first = { got, play, sizes, repeat };
}

// ---------- 8: a learner's own CSV data ----------
async function ownData() {
  section('8. Your own data: a 10⁵-row, 10-column CSV read in slices, one epoch trained by the page (speed 240, batch 1000)');
  raw.own = {};
  for (const rate of [1, 4]) {
    const got = [];
    for (let r = 0; r < RUNS; r++) {
      const p = await openPage(rate);
      try {
        await gotoDrawn(p, 'lesson=playground&step=2&speed=240&batch=1000&opt=adam&lr=0.05');
        await p.page.selectOption('#ctl-surface', 'own');
        await p.page.locator('#own-data').waitFor();
        const m = await p.page.evaluate(async () => {
          const B = window.__bench;
          const row = (k) => `${k % 97}.5,${(k * 7) % 13},${k % 5}.25,${k % 11},${(k * 3) % 17}.75,${k % 2},${(k * 5) % 19}.5,${k % 23},${(k * 11) % 29},${((k % 7) * 1.5 + (k % 97) * 0.125).toFixed(3)}\n`;
          const parts = ['a,b,c,d,e,f,g,h,i,y\n'];
          for (let k = 0; k < 1e5; k++) parts.push(row(k));
          const file = new File(parts, 'bench.csv', { type: 'text/csv' });
          const longest = (t0) => Math.max(0, ...B.long.filter((e) => e.t >= t0).map((e) => e.ms));
          // Read: from the pick to the preview shown.
          const t0 = performance.now();
          const shown = new Promise((done) => { const o = new MutationObserver(() => { if (document.querySelector('.own-preview')) { o.disconnect(); done(); } }); o.observe(document.body, { childList: true, subtree: true }); });
          const input = document.getElementById('own-file');
          const dt = new DataTransfer();
          dt.items.add(file);
          input.files = dt.files;
          input.dispatchEvent(new Event('change'));
          await shown;
          const readMs = performance.now() - t0;
          await new Promise((done) => setTimeout(done, 100));
          const readLong = longest(t0);
          // Train: the session from the chosen columns (label y, nine features), then one epoch played.
          const t1 = performance.now();
          document.getElementById('own-use').click();
          // The choice checked (its data set prepared), its model built, the session made: three tasks.
          await new Promise((done) => { const f = () => (window.descent.session() && window.descent.session().dataCount() === 1e5 ? done() : setTimeout(f, 1)); f(); });
          const sessionMs = performance.now() - t1;
          const s = window.descent.session();
          await new Promise((done) => setTimeout(done, 100));
          const sessionLong = longest(t1);
          // The new views laid out and drawn first: what is timed next is training alone.
          await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 200))));
          const t2 = performance.now();
          B.startRaf();
          document.getElementById('play').click();
          await new Promise((done) => { const f = () => (s.epochsOf(0) >= 1 ? done() : requestAnimationFrame(f)); requestAnimationFrame(f); });
          document.getElementById('play').click();
          const epochMs = performance.now() - t2;
          const raf = B.stopRaf();
          await new Promise((done) => setTimeout(done, 100));
          const gaps = raf.slice(1).map((t, i) => t - raf[i]);
          return { rows: 1e5, bytes: file.size, readMs, readLong, sessionMs, sessionLong, epochMs, frameMax: Math.max(...gaps), trainLong: longest(t2), rowsRead: s.dataCount() };
        });
        got.push(m);
      } finally { await p.close(); }
    }
    raw.own[`${rate}x`] = got;
    const at = `@${rate}×`;
    figure(`${at} read 10⁵ rows × 10 columns (${(got[0].bytes / 1e6).toFixed(1)} MB), pick → preview`, 'ms', got.map((g) => g.readMs));
    figure(`${at} rows per second read`, 'rows/s', got.map((g) => g.rows / (g.readMs / 1000)));
    figure(`${at} longest task while reading`, 'ms', got.map((g) => g.readLong), '(0: none over 50 ms; target: none)');
    figure(`${at} columns chosen → session made (three tasks)`, 'ms', got.map((g) => g.sessionMs));
    figure(`${at} longest task in it`, 'ms', got.map((g) => g.sessionLong), '(0: none over 50 ms)');
    figure(`${at} one epoch (100 steps of 1000 rows) played at speed 240`, 'ms', got.map((g) => g.epochMs));
    figure(`${at} longest frame interval while training`, 'ms', got.map((g) => g.frameMax), '(target ≤ 50 ms)');
    figure(`${at} longest task while training`, 'ms', got.map((g) => g.trainLong), '(0: none over 50 ms)');
  }
}

// ---------- 9. Lighthouse ----------
async function lighthouseRuns() {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const lessons = JSON.parse(fs.readFileSync(path.join(DIST, 'lessons', 'index.en.json'), 'utf8')).lessons.map((l) => l.id);
  const pages = [...lessons.map((id) => [`${id}/1`, `lesson=${id}&step=1`]),
    ['local-optima/4', 'lesson=local-optima&step=4'], ['adam/3', 'lesson=adam&step=3']];
  if (!lessons.includes('playground')) pages.push(['playground/1', 'lesson=playground']);
  const got = {};
  const launch = () => chromeLauncher.launch({ chromePath: process.env.CHROMIUM || '/usr/bin/chromium', chromeFlags: ['--headless=new', ...ARGS] });
  let chrome = await launch();
  // A run that gives no result in LH_TIMEOUT_MS counts as failed (no figure; its browser is
  // replaced), so one stuck page cannot hold the whole section up.
  const audit = async (url) => {
    let timer;
    const late = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`no result in ${LH_TIMEOUT_MS / 1000} s`)), LH_TIMEOUT_MS); });
    try {
      const { lhr } = await Promise.race([lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' }), late]);
      const a = lhr.audits;
      return { score: lhr.categories.performance.score * 100, fcp: a['first-contentful-paint'].numericValue, lcp: a['largest-contentful-paint'].numericValue, tbt: a['total-blocking-time'].numericValue, cls: a['cumulative-layout-shift'].numericValue };
    } catch (e) {
      log(`lighthouse: ${url}: ${e.message}`);
      await chrome.kill();
      chrome = await launch();
      return { score: NaN, fcp: NaN, lcp: NaN, tbt: NaN, cls: NaN };
    } finally { clearTimeout(timer); }
  };
  try {
    // Interleaved: every page once per round.
    for (let r = 0; r < LH_RUNS; r++) {
      for (const [name, query] of pages) (got[name] ||= []).push(await audit(`${base}?${query}`));
      log(`lighthouse: round ${r + 1} of ${LH_RUNS}`);
    }
  } finally { await chrome.kill(); }
  section(`9. Lighthouse ${JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version}, mobile defaults (simulated slow 4G, 4× CPU), performance; median of ${LH_RUNS} (budgets: score 100, LCP ≤ 1.5 s, TBT ≤ 50 ms, CLS 0)`);
  for (const [name] of pages) {
    const v = got[name];
    const m = (k) => median(v.map((x) => x[k]).filter(Number.isFinite));
    const failed = v.filter((x) => !Number.isFinite(x.score)).length;
    const cls = Number.isFinite(m('cls')) ? m('cls').toFixed(3) : '—';
    figure(`${name}: performance score`, '', v.map((x) => x.score), `(FCP ${fmt(m('fcp'), 'ms')}, LCP ${fmt(m('lcp'), 'ms')}, TBT ${fmt(m('tbt'), 'ms')}, CLS ${cls}${failed ? `; runs without a result: ${failed}` : ''})`);
  }
  raw.lighthouse = got;
}

// ---------- main ----------
async function main() {
  load0 = os.loadavg();
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`no build in ${DIST}: run scripts/build.sh`);
  server = await serve(DIST, 0, { extra: { '/empty': EMPTY, '/empty.js': EMPTY_JS } });
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
  version = browser.version();
  log(`${DIST} on ${base}, ${RUNS} runs, Chromium ${version}`);
  try {
    if (ONLY.has('load') || ONLY.has('ready')) await loadAndReady();
    if (ONLY.has('frames')) await frames();
    if (ONLY.has('latency')) await latency();
    if (ONLY.has('basin')) await basin();
    if (ONLY.has('models')) await models();
    if (ONLY.has('first')) await firstByte();
    if (ONLY.has('own')) await ownData();
    if (ONLY.has('lighthouse')) await lighthouseRuns();
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`Descent benchmark: ${DIST}, Chromium ${version} headless, ${RUNS} runs, 1280×900 at dpr 1; kB = 1000 B`);
  console.log(`${os.cpus().length} CPUs (${os.cpus()[0].model}); load average ${load0.map((x) => x.toFixed(1)).join(' ')} at start, ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at end`);
  printTable();
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify(raw, null, 1));
}
main().catch((e) => { console.error(e); process.exit(1); });
