// Makes web/preview.png, the picture a link to Descent unfurls with (Open Graph and Twitter
// cards: 1200×630): the real page, lesson 12's optimizer race, a few dozen steps in.
// Run after scripts/build.sh; commit the picture (scripts/link-preview.mjs puts its address
// in the built page's metadata).
//
//   node scripts/make-preview.mjs [dist] [out]      (defaults: dist, web/preview.png)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [dist = path.join(here, '..', 'dist'), out = path.join(here, '..', 'web', 'preview.png')] = process.argv.slice(2);
const SCENE = '?lesson=adam&step=3&lang=en&hide=speed';
const STEPS = 40;

const server = await serve(dist, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
});
try {
  const page = await browser.newPage({ viewport: { width: 960, height: 504 }, deviceScaleFactor: 1.25, colorScheme: 'light', reducedMotion: 'reduce' });
  const settled = () => page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && document.documentElement.dataset.settled === 'true');
  await page.goto(`http://127.0.0.1:${server.address().port}/${SCENE}`);
  await settled();
  for (let i = 0; i < STEPS; i++) await page.locator('#step').click();
  await page.waitForFunction((n) => window.descent.session().iteration() === n, STEPS);
  await settled();
  await page.screenshot({ path: out });
  console.log(`wrote ${out} (${SCENE}, ${STEPS} steps)`);
} finally {
  await browser.close();
  server.close();
}
