// A learner's own CSV data in the playground (surface=own): a shared link shows the loader and
// keeps its settings; a pasted or picked file is read in the browser, previewed with its
// columns' types, trained on; every bad file gets a message naming its row and column, in the
// page's language, and what the learner had is kept; the run downloads as CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPage, pageStrings, audit, urlWritten, shot } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const GOLDEN = fs.readFileSync(path.join(here, '..', 'crates', 'core', 'tests', 'golden', 'own.csv'), 'utf8');
const OWN = 'lesson=playground&step=2&surface=own&opt=adam,gd&lr=0.05,0.3&batch=8';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

/** Pastes `text` into the loader and reads it; resolves when the reading is over. */
async function paste(page, text) {
  const box = page.locator('.own-paste');
  if (!(await box.evaluate((d) => d.open))) await page.locator('.own-paste summary').click();
  await page.locator('#own-paste').fill(text);
  await page.locator('#own-read').click();
  await page.waitForFunction(() => document.querySelector('.own-progress').hidden);
}

/** Picks label column `label` and the feature columns `features` (indices), and trains. */
async function train(page, label, features) {
  await page.locator(`#own-label-${label}`).check();
  const boxes = await page.locator('.own-preview input[type="checkbox"]').count();
  for (let j = 0; j < boxes; j++) await page.locator(`#own-feature-${j}`).setChecked(features.includes(j));
  await page.locator('#own-use').click();
}

const errorText = (page) => page.locator('#own-error').innerText();

for (const lang of ['en', 'ko']) {
  const S = pageStrings(lang);

  test(`a link to own data shows the loader and keeps its settings (${lang})`, async () => {
    const p = await openPage(env, `${OWN}&lang=${lang}`);
    const { page } = p;
    await page.locator('#own-data').waitFor();
    assert.equal(await page.locator('#own-title').innerText(), S.own.title);
    assert.equal(await page.locator('#own-private').innerText(), S.own.private);
    assert.equal(await page.locator('#own-linked').innerText(), S.own.linked);
    // No data: no views, no run; the optimizers and their rates from the link are in the pickers.
    assert.equal(await page.locator('.views > figure').count(), 0);
    assert.equal(await page.locator('#step').count(), 0);
    assert.ok(await page.locator('#opt-adam').isChecked());
    assert.ok(await page.locator('#opt-gd').isChecked());
    assert.equal(await page.locator('#lr-adam').inputValue(), '0.05');
    assert.equal(await page.locator('#ctl-surface').inputValue(), 'own');
    assert.deepEqual(await audit(page, 'loader'), []);
    assert.deepEqual(await p.problems(), []);
    await p.close();
  });

  test(`own data: read, previewed, trained, downloaded, never in the address (${lang})`, async () => {
    const p = await openPage(env, `${OWN}&lang=${lang}`);
    const { page } = p;
    await paste(page, GOLDEN);
    assert.equal(await errorText(page), '');
    // The preview: column names and inferred types.
    const heads = await page.$$eval('.own-preview thead tr:first-child th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(heads, ['hours', 'sleep', 'coffee', 'score', 'passed']);
    const types = await page.$$eval('.own-preview .types td', (tds) => tds.map((t) => t.textContent));
    assert.deepEqual(types, [S.own.number, S.own.number, S.own.number, S.own.number, S.own.text]);
    assert.equal(await page.locator('.own-preview tbody tr').count(), 8);
    // The score, a number: linear regression on the three features, standardized.
    await train(page, 3, [0, 1, 2]);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && window.descent.session());
    assert.ok((await page.locator('#own-model').innerText()).includes('score'));
    assert.ok((await page.locator('#own-model').innerText()).includes(S.own.regression.split('{')[0].trim().slice(0, 6)));
    const stats = await page.$$eval('#own-stats tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.deepEqual(stats.map((r) => r[0]), ['hours', 'sleep', 'coffee']);
    // The means and spreads numpy gives (crates/core/tests/golden/own.txt), as the page writes them.
    const golden = Object.fromEntries(fs.readFileSync(path.join(here, '..', 'crates', 'core', 'tests', 'golden', 'own.txt'), 'utf8')
      .trim().split('\n').map((l) => { const [k, ...xs] = l.split(' '); return [k, xs.map(Number)]; }));
    const shown = await page.evaluate((g) => g.map((x) => window.wasmBindings.formatNumber(x, 4, 'sig')), golden.means);
    assert.deepEqual(stats.map((r) => r[1]), shown);
    const views = await page.$$eval('.views > figure', (fs) => fs.map((f) => f.dataset.view));
    assert.deepEqual(views, ['loss', 'coefs', 'matrix']);
    assert.equal(await page.evaluate(() => window.descent.session().dim()), 4);
    // The weights panel names the columns; the matrix too.
    const names = await page.$$eval('table.coefs tbody th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(names, ['hours', 'sleep', 'coffee', S.own.bias]);
    const matrixHead = await page.$$eval('table.matrix thead th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(matrixHead, ['i', 'hours', 'sleep', 'coffee', 'score']);
    // Training: steps run, the panels follow, R² shows for each run.
    await page.locator('#step').click();
    await page.waitForFunction(() => window.descent.session().iteration() === 1);
    await page.waitForFunction(() => document.querySelectorAll('.panel-matrix tr.used').length === 8);
    const fits = await page.$$eval('.coef-fit', (s) => s.map((x) => x.textContent));
    assert.equal(fits.length, 2);
    assert.ok(fits.every((f) => f.startsWith('R² = ')), fits.join());
    // Nothing of the data is in the address: the settings are.
    await urlWritten(page);
    const address = await page.evaluate(() => location.search);
    assert.ok(address.includes('surface=own') && address.includes('opt=adam'), address);
    for (const bit of ['hours', 'score', '2.8', '75.1']) assert.ok(!address.includes(bit), `${bit} in ${address}`);
    // The run: the cost per epoch and the final weights, named by column.
    await page.evaluate(() => window.descent.session().step(200));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#own-download').click()]);
    const run = fs.readFileSync(await download.path(), 'utf8');
    const [costs, weights] = run.split('\n\n');
    const costRows = costs.trim().split('\n');
    assert.equal(costRows[0], 'optimizer,epoch,cost');
    assert.ok(costRows.some((r) => r.startsWith('Adam (8),5,')), costs.slice(0, 200));
    const w = weights.trim().split('\n');
    assert.equal(w[0], 'optimizer,parameter,value');
    assert.deepEqual(w.slice(1, 5).map((r) => r.split(',').slice(0, 2).join(',')), ['Adam (8),hours', 'Adam (8),sleep', 'Adam (8),coffee', 'Adam (8),b']);
    assert.ok(w.slice(1).every((r) => Number.isFinite(Number(r.split(',')[2]))));
    // A shared link of this scene shows the loader again, with the note, and trains with its settings.
    const shared = await openPage(env, address.slice(1));
    await shared.page.locator('#own-linked').waitFor();
    assert.equal(await shared.page.locator('.views > figure').count(), 0);
    await shared.close();
    // The passed column, two values: logistic regression, accuracy shown.
    await train(page, 4, [0, 1]);
    await page.waitForFunction(() => window.descent.session() && window.descent.session().dim() === 3);
    assert.ok((await page.locator('#own-model').innerText()).includes('yes'));
    await page.locator('#step').click();
    await page.waitForFunction(() => window.descent.session().iteration() === 1);
    const fit = await page.locator('.coef-fit').first().innerText();
    assert.ok(fit.includes('%'), fit);
    const labels = await page.$$eval('table.matrix tbody td:last-child', (tds) => [...new Set(tds.map((t) => t.textContent))].sort());
    assert.deepEqual(labels, ['no', 'yes']);
    await shot(page, `own-trained-${lang}-1280`);
    assert.deepEqual(await audit(page, 'trained'), []);
    assert.ok(!/\bNaN\b|Infinity/.test(await page.locator('main').innerText()));
    assert.deepEqual(await p.problems(), []);
    await p.close();
  });

  test(`every bad file gets a message naming its row and column, and keeps what was there (${lang})`, async () => {
    const p = await openPage(env, `${OWN}&lang=${lang}`);
    const { page } = p;
    await paste(page, GOLDEN);
    await train(page, 3, [0, 1, 2]);
    await page.waitForFunction(() => window.descent.session());
    await page.locator('#step').click();
    await page.waitForFunction(() => window.descent.session().iteration() === 1);
    const model = await page.locator('#own-model').innerText();
    const ko = lang === 'ko';
    const at = (row, col) => (ko ? `${row}행, 열 "${col}"` : `Row ${row}, column "${col}"`);
    const rowOnly = (row) => (ko ? `${row}행` : `Row ${row}`);
    // Refused while reading.
    const reading = [
      ['a,b\n1,2\n3\n', rowOnly(3)],
      ['a,b\n', ko ? '데이터 행이 없어요' : 'no data rows'],
      ['', ko ? '비어 있어요' : 'empty'],
      ['a,b\n1,"2\n3,4\n', at(2, 'b')],
      ['a,b\n"1"x,2\n', at(2, 'a')],
    ];
    for (const [text, want] of reading) {
      await paste(page, text);
      const got = await errorText(page);
      assert.ok(got.includes(want), `${JSON.stringify(text)}: "${got}" lacks "${want}"`);
      // What the learner had is kept: the session, its step, the chosen columns.
      assert.equal(await page.evaluate(() => window.descent.session().iteration()), 1);
      assert.equal(await page.locator('#own-model').innerText(), model);
    }
    // A binary file renamed .csv, picked.
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    await page.locator('#own-file').setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: png });
    await page.waitForFunction(() => !document.getElementById('own-error').hidden);
    assert.ok((await errorText(page)).includes(rowOnly(1)), await errorText(page));
    assert.equal(await page.evaluate(() => window.descent.session().iteration()), 1);
    // Refused when the columns are chosen: the file is read, the message names row and column.
    const choosing = [
      ['age,y\n3,1\n4,2\nn/a,3\n5,4\n', 1, [0], at(4, 'age')],
      ['x,y\n1,yes\n2,yes\n3,yes\n', 1, [0], '"y"'],
      ['x,c,y\n1,7,1\n2,7,2\n3,7,4\n', 2, [0, 1], '"c"'],
      ['x,z,y\n1,,1\n2,5,2\n3,6,3\n', 2, [1], at(2, 'z')],
      // With commas separating, a decimal comma is text.
      ['a,b\n"1,5",1\n2,3\n3,4\n', 1, [0], at(2, 'a')],
    ];
    for (const [text, label, features, want] of choosing) {
      await paste(page, text);
      assert.equal(await errorText(page), '', JSON.stringify(text));
      await train(page, label, features);
      await page.waitForFunction(() => !document.getElementById('own-error').hidden);
      const got = await errorText(page);
      assert.ok(got.includes(want), `${JSON.stringify(text)}: "${got}" lacks "${want}"`);
      assert.equal(await page.evaluate(() => window.descent.session().iteration()), 1, 'the old run is kept');
    }
    // Read: a byte-order mark, semicolons with decimal commas, quoted commas and line breaks.
    await paste(page, '\ufeffx;"note; with ; semicolons";y\n1,5;"two\nlines";1\n2,5;b;2\n4;c;2,5\n');
    assert.equal(await errorText(page), '');
    const heads = await page.$$eval('.own-preview thead tr:first-child th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(heads, ['x', 'note; with ; semicolons', 'y']);
    assert.equal(await page.locator('.own-preview tbody tr:first-child td').nth(1).textContent(), 'two\nlines');
    await train(page, 2, [0]);
    await page.waitForFunction(() => window.descent.session() && window.descent.session().dim() === 2 && window.descent.session().dataCount() === 3);
    assert.deepEqual(Array.from(await page.evaluate(() => Array.from(window.descent.session().dataRowsAt(new Uint32Array([0, 1, 2]))).filter((_, i) => i % 2 === 1))), [1, 2, 2.5]);
    assert.deepEqual(await p.problems(), []);
    await p.close();
  });
}

test('a long file: read in slices with a progress bar, stopped at 100 000 rows with a note, cancellable', async () => {
  const p = await openPage(env, OWN);
  const { page } = p;
  // 10⁶ rows of 10 columns (about 50 MB), made in the page: reading never blocks the page.
  const size = await page.evaluate(() => {
    const head = 'a,b,c,d,e,f,g,h,i,y\n';
    const row = (k) => `${k % 97}.0625,${(k * 7) % 13}.125,${k % 5}.5,${k % 11}.375,${(k * 3) % 17}.25,${k % 2}.25,${(k * 5) % 19}.75,${k % 23},${(k * 11) % 29},${(k % 7) * 1.5 + (k % 97) * 0.125}\n`;
    const parts = [head];
    for (let k = 0; k < 1e6; k++) parts.push(row(k));
    window.__big = new File(parts, 'big.csv', { type: 'text/csv' });
    return window.__big.size;
  });
  assert.ok(size > 50e6, `${size} bytes`);
  // Longest task while reading, observed by the page.
  await page.evaluate(() => {
    window.__long = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration); }).observe({ type: 'longtask' });
  });
  const pick = async (cancel) => page.evaluate((cancel) => {
    const input = document.getElementById('own-file');
    const dt = new DataTransfer();
    dt.items.add(window.__big);
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    // The reading has started (its first slice is on its way): Cancel is shown, and pressed.
    const button = document.getElementById('own-cancel');
    if (cancel && button.checkVisibility()) button.click();
    return button.checkVisibility();
  }, cancel);
  // Cancel: stops, says so, and nothing is loaded.
  assert.equal(await pick(true), true, 'Cancel is shown while reading');
  await page.waitForFunction(() => document.querySelector('.own-progress').hidden);
  assert.equal(await page.locator('#own-status').innerText(), pageStrings('en').own.cancelled);
  assert.equal(await page.locator('.own-preview').count(), 0);
  // Read to the end: the first 100 000 rows, and the note.
  await pick(false);
  await page.waitForFunction(() => document.querySelector('.own-preview'), null, { timeout: 60000 });
  const status = await page.locator('#own-status').innerText();
  assert.ok(status.includes('100000 rows') && status.includes('the rest is not read'), status);
  await train(page, 9, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  await page.waitForFunction(() => window.descent.session() && window.descent.session().dataCount() === 100000, null, { timeout: 30000 });
  assert.deepEqual(await p.problems(), []);
  await p.close();
});

test('the loader, the preview and the trained panels have no WCAG 2.1 AA violations in the dark (ko)', async () => {
  const p = await openPage(env, `${OWN}&lang=ko`, { colorScheme: 'dark', width: 390 });
  const { page } = p;
  assert.deepEqual(await audit(page, 'loader, dark'), []);
  await paste(page, GOLDEN);
  await train(page, 4, [0, 1, 2]);
  await page.waitForFunction(() => window.descent.session() && document.documentElement.dataset.ready === 'true');
  await page.locator('#step').click();
  await page.waitForFunction(() => window.descent.session().iteration() === 1);
  assert.deepEqual(await audit(page, 'trained, dark'), []);
  assert.deepEqual(await p.problems(), []);
  await p.close();
});
