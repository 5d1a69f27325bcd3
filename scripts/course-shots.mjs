// The README's pictures of a teacher's course (section "Making your own course"), made from the
// real page: the editor with examples/course.md open, its second step in the preview, and that
// step played from the course link, at 1280 px. Run after scripts/build.sh:
//
//   node scripts/course-shots.mjs      writes examples/course-editor.png, examples/course-played.png
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { fragmentOf } from './course-link.mjs';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = fs.readFileSync(path.join(repo, 'examples', 'course.md'), 'utf8');
const server = await serve(path.join(repo, 'dist'), 0, {});
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'] });
const ready = (page) => page.waitForFunction(() => document.documentElement.dataset.settled === 'true', null, { timeout: 20000 });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${base}?edit&lang=en${fragmentOf(source)}`);
  await ready(page);
  await page.waitForSelector('#course-problems li.ok');
  await page.locator('#step-2-body-en').focus();
  await page.frameLocator('#course-preview').locator('html[data-settled="true"]').waitFor({ timeout: 20000 });
  await page.waitForFunction(() => /step=2/.test(document.getElementById('course-preview').contentWindow.location.search));
  await page.frameLocator('#course-preview').locator('html[data-settled="true"]').waitFor({ timeout: 20000 });
  await page.evaluate(() => document.querySelector('.editor-step[data-step="2"]').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(repo, 'examples', 'course-editor.png') });
  await page.goto(`${base}?step=2&lang=en${fragmentOf(source)}`);
  await ready(page);
  await page.screenshot({ path: path.join(repo, 'examples', 'course-played.png') });
  await context.close();
} finally {
  await browser.close();
  server.close();
}
