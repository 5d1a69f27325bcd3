// Screenshots of lesson steps for review (not a test): node tests/screenshots.mjs [lesson[:step]] ...
// Writes tests/screenshots/<lesson>-<step>-<lang>-<width>.png after answering any checkpoint
// and running STEPS steps (default 25); FIRST=1 takes only what the first screen (900 px, or
// 844 px at 390 px wide, a phone's) shows, as <…>-first.png.
import { start, openPage, shot, lessonIds, lesson } from './harness.mjs';

const wanted = process.argv.slice(2);
const steps = Number(process.env.STEPS || 25);
const widths = (process.env.WIDTHS || '390,1280').split(',').map(Number);
const langs = (process.env.LANGS || 'en,ko').split(',');
const env = await start();
try {
  for (const id of lessonIds()) {
    const sel = wanted.find((w) => w.split(':')[0] === id);
    if (wanted.length && !sel) continue;
    const only = sel && sel.includes(':') ? Number(sel.split(':')[1]) : null;
    const data = lesson(id);
    for (let step = 1; step <= data.steps.length; step++) {
      if (only && step !== only) continue;
      for (const lang of langs) for (const width of widths) {
        const first = process.env.FIRST === '1';
        const p = await openPage(env, `lesson=${id}&step=${step}&lang=${lang}`, { width, height: first && width < 500 ? 844 : 900 });
        const choice = p.page.locator('.checkpoint button.choice').first();
        if (await choice.count()) await choice.click();
        if (steps && await p.page.locator('#step').count()) {
          await p.page.evaluate((n) => { const s = window.descent.session(); if (s) s.step(n); const st = window.descent.stage(); if (st) { st.dirty = true; st.kick(); } }, steps);
          await p.page.waitForTimeout(150);
        }
        await shot(p.page, `${id}-${step}-${lang}-${width}${first ? '-first' : ''}`, !first);
        const problems = await p.problems();
        if (problems.length) console.log(id, step, lang, width, problems);
        await p.close();
      }
    }
  }
} finally {
  await env.close();
}
