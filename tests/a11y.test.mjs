// Accessibility audit (WCAG 2.1 A and AA rules of axe-core, run in the page): the course map
// and every step of every lesson, in English and Korean, light and dark, on a desktop and in a
// 320 px embed; plus the page's passing states (messages, dialog, answered checkpoints, playing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, ready, lessonIds, lesson, audit } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

async function go(page, query) {
  await page.evaluate((q) => { history.pushState(null, '', `?${q}`); dispatchEvent(new PopStateEvent('popstate')); }, query);
  await ready(page);
}

/** Gets a step into its fullest state: the checkpoint answered (buttons enabled, explanation shown), one step taken. */
async function settle(page) {
  const c = page.locator('.checkpoint button.choice').first();
  if (await c.count()) { await c.click(); await page.locator('.checkpoint .explain').waitFor({ state: 'visible' }); }
  const step = page.locator('#step');
  if (await step.count() && await step.isEnabled()) await step.click();
}

const steps = () => lessonIds().flatMap((id) => lesson(id).steps.map((_, i) => [id, i + 1]));

/** Audits the course map and every step in one language and colour scheme. */
async function auditAll(lang, scheme, opts = {}) {
  const extra = opts.embed ? '&embed=1' : '';
  const p = await openPage(env, `lang=${lang}${extra}`, { colorScheme: scheme, width: opts.width, height: opts.height });
  const found = [];
  const label = `${lang}, ${scheme}, ${opts.width || 1280} px`;
  found.push(...await audit(p.page, `home (${label})`));
  for (const [id, step] of steps()) {
    await go(p.page, `lesson=${id}&step=${step}&lang=${lang}${extra}`);
    await settle(p.page);
    found.push(...await audit(p.page, `${id} step ${step} (${label})`));
  }
  const problems = await p.problems();
  await p.close();
  return { found, problems };
}

for (const [lang, scheme] of [['en', 'light'], ['en', 'dark'], ['ko', 'light'], ['ko', 'dark']]) {
  test(`no WCAG 2.1 AA violations: course map and every step, ${lang}, ${scheme}`, async () => {
    const { found, problems } = await auditAll(lang, scheme);
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
  });
}

test('no WCAG 2.1 AA violations in a 320 px embed (English light, Korean dark)', async () => {
  for (const [lang, scheme] of [['en', 'light'], ['ko', 'dark']]) {
    const { found, problems } = await auditAll(lang, scheme, { embed: true, width: 320, height: 640 });
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
  }
});

test('no WCAG 2.1 AA violations in the page\'s passing states, light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const found = [];
    const p = await openPage(env, 'lesson=update&step=1&lang=en', { colorScheme: scheme });
    const { page } = p;
    // A wrong answer, then a right one (another step with a checkpoint).
    const check = lesson('update').steps[0].check;
    await page.locator(`.checkpoint button.choice[data-choice="${(check.answer + 1) % check.choices.length}"]`).click();
    found.push(...await audit(page, `wrong answer (${scheme})`));
    await go(page, 'lesson=update&step=5&lang=ko');
    await page.locator(`.checkpoint button.choice[data-choice="${lesson('update').steps[4].check.answer}"]`).click();
    found.push(...await audit(page, `right answer, Korean (${scheme})`));
    // Playing: the Pause button.
    await go(page, 'lesson=momentum&step=1&lang=en');
    await page.locator('#play').click();
    found.push(...await audit(page, `playing (${scheme})`));
    await page.locator('#play').click();
    // A diverged run's warning.
    await go(page, 'lesson=update&step=6&lang=en');
    await page.evaluate(() => { window.descent.session().step(200); });
    await page.locator('#step').click();
    await page.locator('#message.warn').waitFor();
    found.push(...await audit(page, `divergence warning (${scheme})`));
    // A link with a bad value: the error message.
    await go(page, 'lesson=update&step=2&lang=en&lr=-3');
    await page.locator('#message.error').waitFor();
    found.push(...await audit(page, `bad link message (${scheme})`));
    // Copy link's message and the embed dialog.
    await page.getByRole('button', { name: 'Embed' }).click();
    await page.locator('dialog[open]').waitFor();
    found.push(...await audit(page, `embed dialog (${scheme})`));
    await page.locator('dialog[open]').getByRole('button', { name: 'Close' }).click();
    // The course map after a reset, with its message.
    await go(page, 'lang=ko');
    await page.getByRole('button', { name: '진도 초기화' }).click();
    await page.locator('#message.info').waitFor();
    found.push(...await audit(page, `progress cleared, Korean (${scheme})`));
    // The playground with a formula and a bad formula's message.
    await go(page, 'lesson=playground&step=2&lang=en');
    await page.locator('#ctl-f').fill('w^2 +');
    await page.locator('#ctl-f').press('Enter');
    await page.locator('#message:not([hidden])').waitFor();
    found.push(...await audit(page, `bad formula message (${scheme})`));
    assert.deepEqual(found, []);
    assert.deepEqual(await p.problems(), []);
    await p.close();
  }
});
