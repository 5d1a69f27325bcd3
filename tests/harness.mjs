// Shared end-to-end harness: serves dist/ on 127.0.0.1, drives Debian's Chromium with
// playwright-core, and fails a test on any console error, page error, failed request,
// HTTP status ≥ 400 or Content-Security-Policy violation.
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = process.env.DESCENT_DIST || path.join(here, '..', 'dist');
export const SHOTS = path.join(here, 'screenshots');
// The lessons as the page loads them: compiled by scripts/build.sh from lessons/<id>/<lang>.md.
export const LESSONS_DIR = path.join(DIST, 'lessons');
export const LANGS = ['en', 'ko'];

const AXE = path.join(here, '..', 'node_modules', 'axe-core', 'axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--font-render-hinting=none'];

/** Values of the same shape merged: `{ en: 'a' }` and `{ ko: 'b' }` → `{ en: 'a', ko: 'b' }`. */
function merge(a, b) {
  if (Array.isArray(a)) return a.map((x, i) => merge(x, b[i]));
  if (a && typeof a === 'object') return Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, k in a ? (k in b ? merge(a[k], b[k]) : a[k]) : b[k]]));
  return a;
}
/** A compiled file (`index`, `momentum`) in every language, as one object with `{ en, ko }` texts. */
function compiled(name) {
  if (!fs.existsSync(path.join(LESSONS_DIR, `${name}.en.json`))) throw new Error(`no ${name}.en.json in ${LESSONS_DIR}: run scripts/build.sh`);
  return LANGS.map((l) => JSON.parse(fs.readFileSync(path.join(LESSONS_DIR, `${name}.${l}.json`), 'utf8'))).reduce(merge);
}
/** The page strings in `lang` as the page gets them (lessons/ui/<lang>.toml, in index.<lang>.json). */
export function pageStrings(lang, dir = LESSONS_DIR) {
  return JSON.parse(fs.readFileSync(path.join(dir, `index.${lang}.json`), 'utf8')).ui;
}
/** The course map's lessons: { id, n, title: { en, ko }, summary: { en, ko } }. */
export function courseMap() {
  return compiled('index').lessons;
}
export function lessonIds() {
  return courseMap().map((l) => l.id);
}
/** A lesson: { id, n, title, steps: [{ scene, title, body, check }] }, each text as { en, ko }. */
export function lesson(id) {
  return compiled(id);
}

/** Starts the server (of `options.root`, else the build) and the browser once per test file. */
export async function start(options = {}) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`no build in ${DIST}: run scripts/build.sh`);
  const server = await serve(options.root || DIST, 0, options);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
  const base = `http://127.0.0.1:${server.address().port}/`;
  return { server, browser, base, async close() { await browser.close(); server.close(); } };
}

/**
 * A new page that records every problem. `problems()` returns them; tests assert it is empty.
 * Options: width, height, lang (navigator language), reducedMotion, colorScheme, onRequest
 * (called with every request the page makes, from the first).
 */
export async function openPage(env, query, opts = {}) {
  const context = await env.browser.newContext({
    viewport: { width: opts.width || 1280, height: opts.height || 900 },
    deviceScaleFactor: opts.dpr || 1,
    locale: opts.locale || 'en-US',
    reducedMotion: opts.reducedMotion || 'no-preference',
    colorScheme: opts.colorScheme || 'light',
    hasTouch: !!opts.touch,
  });
  const page = await context.newPage();
  const watched = await watch(page);
  if (opts.onRequest) page.on('request', opts.onRequest);
  await page.goto(env.base + (query ? `?${query}` : ''));
  await ready(page);
  return { page, context, problems: watched.problems, async close() { await context.close(); } };
}

/**
 * Records a page's problems from now on (console errors, page errors, failed requests but those a
 * later visit cut off, HTTP ≥ 400, and the CSP violations of every frame, an embedded page's too);
 * `problems()` returns them. A frame whose violations cannot be read (the listener missing, the
 * read failing) is a problem too.
 */
export async function watch(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // A request still under way when the page goes to another address is cut off by the leaving
  // (net::ERR_ABORTED): the test's doing, not the page's (the math font, say, when a test moves on
  // while it downloads). Every other failed request is a problem, an abort on the same page too.
  let visits = 0;
  const visit = new WeakMap();
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) visits++;
    visit.set(r, visits);
  });
  const leftBehind = (r) => r.failure() && r.failure().errorText === 'net::ERR_ABORTED' && visit.get(r) < visits;
  page.on('requestfailed', (r) => { if (!leftBehind(r)) problems.push(`requestfailed: ${r.url()} ${r.failure() && r.failure().errorText}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return {
    async problems() {
      const csp = [];
      for (const frame of page.frames()) {
        if (!/^https?:/.test(frame.url())) continue; // about:blank before an iframe's src is set
        const got = await frame.evaluate(() => window.__csp).catch((e) => `read failed: ${e.message}`);
        if (!Array.isArray(got)) csp.push(`${frame.url()}: violations not readable (${typeof got === 'string' ? got : 'no listener'})`);
        else csp.push(...got.map((c) => (frame === page.mainFrame() ? c : `${frame.url()}: ${c}`)));
      }
      return [...problems, ...csp.map((c) => `csp: ${c}`)];
    },
  };
}

/** Waits for `data-ready="true"` on <html>. */
export async function ready(page) {
  // Drawn (data-ready) and settled: coarse maps refined, basin maps filled in, so pixels are final.
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && document.documentElement.dataset.settled === 'true', null, { timeout: 15000 });
}

/**
 * Waits until the address bar has caught up: the page writes it a frame after a change
 * (web/app.js: writeURL → requestAnimationFrame → setTimeout), so a later frame's timeout
 * comes after every write already asked for.
 */
export async function urlWritten(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)))));
}

/**
 * Waits `n` animation frames of `page` (a page or a frame). A running loop steps on frames, so
 * "nothing happened for n frames" is a state the page reports, not a guess at how long to sleep.
 */
export async function frames(page, n = 30) {
  await page.evaluate((n) => new Promise((done) => { let k = 0; const f = () => (++k < n ? requestAnimationFrame(f) : done()); requestAnimationFrame(f); }), n);
}

/** Counts non-background pixels of a view's two canvases, and a cheap hash of the foreground. */
export async function canvasStats(page, view) {
  return page.evaluate((name) => {
    const fig = document.querySelector(`[data-view="${name}"]`);
    if (!fig) return null;
    const [bg, fg] = fig.querySelectorAll('canvas');
    if (!bg || !fg) return null;
    const count = (c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let ink = 0, hash = 0;
      const [r0, g0, b0, a0] = [d[0], d[1], d[2], d[3]];
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] !== r0 || d[i + 1] !== g0 || d[i + 2] !== b0 || d[i + 3] !== a0) { ink++; hash = (hash * 31 + d[i] + d[i + 1] * 7 + d[i + 3] * 13 + i) >>> 0; }
      }
      return { ink, hash, w: c.width, h: c.height };
    };
    return { bg: count(bg), fg: count(fg) };
  }, view);
}

/** A screenshot of the whole page (or, with `fullPage` false, of what the first screen shows). */
export async function shot(page, name, fullPage = true) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/** Answers a step's "predict, then see" question (if any) with its first choice, so Play and Step unlock. */
export async function answer(page) {
  const choice = page.locator('.checkpoint button.choice').first();
  if (await choice.count()) {
    await choice.click();
    await page.locator('.checkpoint .explain').waitFor({ state: 'visible' });
  }
}

/** Runs axe-core (the WCAG 2.1 A and AA rules) on the page as it is; returns one line per violation and element. */
export async function audit(page, where) {
  // Injected through the DevTools protocol, so the page's strict CSP needs no exception.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`) }));
  }, AXE_TAGS);
  return violations.flatMap((v) => v.nodes.slice(0, 3).map((n) => `${where}: ${v.id} (${v.impact}) ${n.slice(0, 300)}`));
}
