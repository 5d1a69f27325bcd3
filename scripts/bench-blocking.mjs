// Blocking time during load, builds side by side: each build served on its own port, each step
// loaded from each build in turn (interleaved, so the VM's drift hits both alike), navigation to
// `data-settled`. Per build and step it prints the medians of the blocking time (each main-thread
// task's time past 50 ms, summed, from the page's own long-task entries), of the longest task, and
// of the number of tasks over 50 ms, then every run's blocking time. `--device=` picks the screen:
// `desktop` (the default: 1280×900 at 1 device pixel per CSS pixel), `phone` (412×823 at 2.625,
// touch, as many phones are) or `lighthouse` (412×823 at 1.75, Lighthouse 12's mobile screen).
//
//   node scripts/bench-blocking.mjs BUILD_A BUILD_B … [--runs=7] [--rate=4] [--device=desktop|phone|lighthouse] [--steps=update/1,adam/3,local-optima/4,playground/1]
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { ARGS } from '../tests/harness.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const a = argv.find((x) => x.startsWith(`--${name}=`)); return a ? a.slice(name.length + 3) : dflt; };
const builds = argv.filter((a) => !a.startsWith('--'));
const RUNS = Math.max(1, Number(opt('runs', 7)) | 0);
const RATE = Number(opt('rate', 4));
const STEPS = opt('steps', 'update/1,adam/3,local-optima/4,playground/1').split(',');
const DEVICES = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true },
  lighthouse: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
};
const DEVICE = opt('device', 'desktop');
if (!builds.length || !(RATE >= 1) || !DEVICES[DEVICE]) {
  console.error('usage: node scripts/bench-blocking.mjs BUILD_A [BUILD_B …] [--runs=7] [--rate=4] [--device=desktop|phone|lighthouse] [--steps=update/1,adam/3]');
  process.exit(2);
}
const query = (s) => { const [id, step] = s.split('/'); return `lesson=${id}&step=${step || 1}`; };
const median = (a) => { const s = [...a].sort((x, y) => x - y), n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

const servers = await Promise.all(builds.map((b) => serve(b, 0, {})));
const bases = servers.map((s) => `http://127.0.0.1:${s.address().port}/`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
const got = new Map();
try {
  for (let r = 0; r < RUNS; r++) {
    for (const step of STEPS) {
      for (let b = 0; b < builds.length; b++) {
        // No service worker: every load is a first visit.
        const context = await browser.newContext({ ...DEVICES[DEVICE], serviceWorkers: 'block' });
        const page = await context.newPage();
        await page.addInitScript(() => {
          window.__long = [];
          new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
        });
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
        await page.goto(`${bases[b]}?${query(step)}`);
        await page.waitForFunction(() => document.documentElement.dataset.settled === 'true', null, { timeout: 60000 });
        const long = await page.evaluate(() => window.__long);
        const key = `${step}|${b}`;
        if (!got.has(key)) got.set(key, []);
        got.get(key).push({ blocking: long.reduce((s, x) => s + Math.max(0, x - 50), 0), longest: Math.max(0, ...long), n: long.length });
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.close();
}
console.log(`Blocking time during load at ${RATE}× CPU on the ${DEVICE} profile, ${RUNS} loads of each step from each build, interleaved; medians`);
for (const step of STEPS) {
  for (let b = 0; b < builds.length; b++) {
    const v = got.get(`${step}|${b}`);
    const m = (k) => median(v.map((x) => x[k])).toFixed(0);
    console.log(`${step.padEnd(16)} ${builds[b].padEnd(24)} blocking ${m('blocking').padStart(5)} ms   longest ${m('longest').padStart(4)} ms   tasks over 50 ms ${m('n')}   (runs: ${v.map((x) => x.blocking.toFixed(0)).join(' ')})`);
  }
}
