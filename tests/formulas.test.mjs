// Formulas: the lessons' TeX compiled to MathML, laid out by Chromium with the page's math font
// (a subset of Latin Modern Math, dist/math.woff2), which a page fetches only when it shows one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, lessonIds, lesson, LANGS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const formulas = (step, lang) => `${step.body[lang]}${step.check ? step.check.explain[lang] : ''}`.split('<math').length - 1;
/** Every step, with its number of formulas in English. */
const steps = () => lessonIds().flatMap((id) => lesson(id).steps.map((s, i) => ({ id, step: i + 1, n: formulas(s, 'en') })));

/** Opens a step and records the page's requests for the math font. */
async function visit(query, opts) {
  const fonts = [];
  const p = await openPage(env, query, { ...opts, onRequest: (r) => { if (/\.woff2$/.test(new URL(r.url()).pathname)) fonts.push(r.url()); } });
  return { ...p, fonts };
}

/** Opens a step's folded text (a narrow screen shows its first paragraph: web/lesson.js, foldedBody) as a learner does, by its "more" button. */
async function unfold(page) {
  const more = page.locator('.body .more[aria-expanded="false"]');
  if (!(await more.count() && await more.isVisible())) return;
  await more.click();
  // Text that was folded away asked for no font: the math font loads as it is shown.
  await page.evaluate(async () => { await document.fonts.load('16px "Descent Math"', '∑'); await document.fonts.ready; });
}

/** The family of the font Chromium drew a node's text with (CDP: CSS.getPlatformFontsForNode). */
async function drawnWith(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  assert.ok(nodeId, `${selector} is on the page`);
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

test('a step without formulas fetches no math font; a step with one fetches it once and draws with it', async () => {
  const plain = steps().find((s) => s.n === 0);
  assert.ok(plain, 'some step has no formula');
  for (const query of ['', `lesson=${plain.id}&step=${plain.step}`]) {
    const p = await visit(query);
    // Laid out and drawn: a font the page needed would be loading or loaded by now.
    const faces = await p.page.evaluate(() => [...document.fonts].map((f) => `${f.family} ${f.status}`));
    assert.deepEqual(faces, ['Descent Math unloaded'], `${query || 'the course map'}: the math font is never asked for`);
    assert.deepEqual(p.fonts, [], `${query || 'the course map'}: no font request`);
    assert.deepEqual(await p.problems(), [], query);
    await p.close();
  }
  for (const lang of LANGS) {
    const p = await visit(`lesson=momentum&step=3&lang=${lang}`);
    await p.page.evaluate(() => document.fonts.ready);
    assert.equal(p.fonts.length, 1, `${lang}: ${p.fonts}`);
    assert.ok(await p.page.evaluate(() => document.fonts.check('16px "Descent Math"')), `${lang}: the math font is loaded`);
    assert.deepEqual(await drawnWith(p.page, '.body math msub mi'), ['Descent Math'], `${lang}: formulas use the math font`);
    assert.deepEqual(await p.problems(), [], lang);
    await p.close();
  }
});

test('formulas are laid out by the math font: subscripts sit alike, aligned equations line up, sums are display size', async () => {
  for (const lang of LANGS) for (const width of [390, 1280]) {
    const where = `${lang} at ${width} px`;
    let p = await visit(`lesson=momentum&step=3&lang=${lang}`, { width });
    await p.page.evaluate(() => document.fonts.ready);
    await unfold(p.page);
    // Every subscript (of V_dW, V_db and β₁): smaller than its base, and lowered by the same
    // amount as the others on the same base (a base with a descender, β, has a deeper box, so
    // drops are compared base by base).
    const subs = await p.page.$$eval('.body math msub', (els) => els.map((e) => {
      const [base, sub] = [...e.children].map((c) => c.getBoundingClientRect());
      return { base: e.firstElementChild.textContent, drop: sub.bottom - base.bottom, ratio: sub.height / base.height };
    }));
    assert.ok(subs.filter((s) => s.base === 'V').length >= 6, `${where}: ${subs.length} subscripts`);
    for (const s of subs) assert.ok(s.drop > 0 && s.ratio < 0.9, `${where}: a subscript lowered and smaller (${JSON.stringify(s)})`);
    for (const base of new Set(subs.map((s) => s.base))) {
      const drops = subs.filter((s) => s.base === base).map((s) => s.drop);
      assert.ok(Math.max(...drops) - Math.min(...drops) < 1, `${where}: subscripts of ${base} drift (${drops})`);
    }
    await p.close();

    // Adam's update: the relations of its four rows (=, =, =, ←) start at one x.
    p = await visit(`lesson=adam&step=1&lang=${lang}`, { width });
    await p.page.evaluate(() => document.fonts.ready);
    await unfold(p.page);
    const xs = await p.page.$$eval('.body mtable.menv-alignlike > mtr > mtd:nth-child(2)', (tds) => tds.map((td) => td.firstElementChild.getBoundingClientRect().left));
    assert.equal(xs.length, 4, where);
    assert.ok(Math.max(...xs) - Math.min(...xs) < 1, `${where}: aligned at the relation (${xs})`);
    await p.close();

    // A displayed sum is taller than the letters beside it (the font's display variant).
    p = await visit(`lesson=batch&step=2&lang=${lang}`, { width });
    await p.page.evaluate(() => document.fonts.ready);
    await unfold(p.page);
    const [sum, letter] = await p.page.evaluate(() => {
      const m = document.querySelector('.body math[display="block"]');
      return [m.querySelector('munderover > mo'), m.querySelector('mfrac mi')].map((e) => e.getBoundingClientRect().height);
    });
    assert.ok(sum > 1.6 * letter, `${where}: ∑ ${sum} px against a letter's ${letter} px`);
    assert.deepEqual(await p.problems(), [], where);
    await p.close();
  }
});
