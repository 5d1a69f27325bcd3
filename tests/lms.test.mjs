// The SCORM adapter (web/lms.js) and the package's record (web/package.js) in Node, against
// hand-made API objects and window trees: where the API is found, every kind of failure, the
// session closed once, the CMITimespan format, the suspend data's format, bounds and score.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, findAPI, timespan } from '../web/lms.js';
import { SUSPEND_MAX, decode, emptyRecord, encode, missing, score } from '../web/record.js';
import { packageData } from '../web/scorm.js';
import { lessonIds, lesson } from './harness.mjs';

/** An API whose calls are logged; `fail` names calls that return "false" (error 101) or throw. */
function fakeAPI({ fail = {}, log = [] } = {}) {
  let error = '0';
  const api = { log };
  for (const name of ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit']) {
    api[name] = (...args) => {
      log.push([name, ...args]);
      if (fail[name] === 'throw') throw new Error('boom');
      if (fail[name] === 'code') { error = '405'; return 'true'; }
      error = fail[name] ? '101' : '0';
      return fail[name] ? 'false' : name === 'LMSGetValue' ? '' : 'true';
    };
  }
  api.LMSGetLastError = () => error;
  api.LMSGetErrorString = (c) => (c === '0' ? 'No error' : 'General exception');
  api.LMSGetDiagnostic = () => '';
  return api;
}

/** A window tree: `depth` frames below `top`; `crossOrigin` frames whose properties throw. */
function frames(top, depth, { crossOrigin = [] } = {}) {
  let win = top;
  for (let i = 1; i <= depth; i++) {
    const parent = win;
    const w = { parent };
    if (crossOrigin.includes(i)) Object.defineProperty(w, 'API', { get() { throw new Error('SecurityError'); } });
    win = w;
  }
  return win;
}

const quiet = (fn) => { const warn = console.warn; console.warn = () => {}; try { return fn(); } finally { console.warn = warn; } };

test('the API is found in a parent two frames up, through a cross-origin frame, and through the opener and its parents', () => {
  const api = fakeAPI();
  const top = { API: api };
  top.parent = top;
  assert.equal(findAPI(frames(top, 2)), api);
  const middle = frames(top, 3, { crossOrigin: [1, 2] });
  assert.equal(findAPI(middle), api, 'frames of another origin are climbed past');
  // A popup: no parent of its own, the API two frames above its opener.
  const popup = { opener: frames(top, 2) };
  popup.parent = popup;
  assert.equal(findAPI(popup), api);
  // An object named API without the eight functions is not an API; none anywhere is null.
  const fake = { API: { LMSInitialize() {} } };
  fake.parent = fake;
  assert.equal(findAPI(frames(fake, 1)), null);
  const lone = {};
  lone.parent = lone;
  assert.equal(findAPI(lone), null);
  // Deeper than the search goes: not found (and no endless loop).
  assert.equal(findAPI(frames(top, 12)), null);
});

test('connect: initialize, get, set, commit; finish sets exit and session time, commits, and finishes exactly once', () => {
  const api = fakeAPI();
  const top = { API: api };
  top.parent = top;
  let clock = 1000;
  const troubles = [];
  const lms = connect(frames(top, 2), (k) => troubles.push(k), () => clock);
  assert.equal(lms.recording, true);
  assert.equal(lms.get('cmi.suspend_data'), '');
  assert.equal(lms.set('cmi.core.lesson_status', 'incomplete'), true);
  clock += 3723_456;
  lms.finish({ 'cmi.core.exit': 'suspend' });
  lms.finish({ 'cmi.core.exit': 'suspend' });
  assert.equal(lms.set('cmi.core.lesson_status', 'completed'), false, 'nothing after the session closed');
  assert.deepEqual(api.log, [
    ['LMSInitialize', ''], ['LMSGetValue', 'cmi.suspend_data'], ['LMSSetValue', 'cmi.core.lesson_status', 'incomplete'],
    ['LMSSetValue', 'cmi.core.exit', 'suspend'], ['LMSSetValue', 'cmi.core.session_time', '01:02:03.46'], ['LMSCommit', ''], ['LMSFinish', ''],
  ]);
  assert.deepEqual(troubles, []);
  assert.equal(lms.recording, false);
});

test('every kind of failure is trouble once, never an exception, and the page carries on', () => {
  // Once the session is open, every later call is still tried (a platform may recover), and it is closed once.
  const AFTER_INIT = ['LMSInitialize', 'LMSSetValue', 'LMSSetValue', 'LMSSetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish'];
  const cases = [
    [null, 'none', []],
    [{ LMSInitialize: true }, 'failed', ['LMSInitialize']],
    [{ LMSInitialize: 'throw' }, 'failed', ['LMSInitialize']],
    [{ LMSSetValue: true }, 'failed', AFTER_INIT],
    [{ LMSSetValue: 'code' }, 'failed', AFTER_INIT],
    [{ LMSCommit: 'throw', LMSFinish: 'throw' }, 'failed', AFTER_INIT],
  ];
  for (const [fail, kind, names] of cases) {
    const api = fail && fakeAPI({ fail });
    const top = api ? { API: api } : {};
    top.parent = top;
    const troubles = [];
    quiet(() => {
      const lms = connect(frames(top, 1), (k) => troubles.push(k));
      lms.set('cmi.core.lesson_status', 'incomplete');
      lms.set('cmi.core.lesson_status', 'completed');
      lms.finish({ 'cmi.core.exit': 'suspend' });
      lms.finish();
      assert.equal(lms.recording, false, JSON.stringify(fail));
    });
    assert.deepEqual(troubles, [kind], `${JSON.stringify(fail)}: one trouble`);
    assert.deepEqual(api ? api.log.map((c) => c[0]) : [], names, JSON.stringify(fail));
  }
});

test('CMITimespan: HHHH:MM:SS.SS, rounded to hundredths, never negative, at most 9999 hours', () => {
  assert.equal(timespan(0), '00:00:00.00');
  assert.equal(timespan(59_994), '00:00:59.99');
  assert.equal(timespan(59_996), '00:01:00.00');
  assert.equal(timespan(3_723_456), '01:02:03.46');
  assert.equal(timespan(123 * 3_600_000), '123:00:00.00');
  assert.equal(timespan(-5), '00:00:00.00');
  assert.equal(timespan(NaN), '00:00:00.00');
  assert.equal(timespan(1e15), '9999:59:59.99');
  for (const ms of [0, 1, 999, 61_000, 36_000_000]) assert.match(timespan(ms), /^\d{2,4}:\d{2}:\d{2}\.\d{2}$/);
});

const course = packageData('descent', lessonIds().map((id) => ({ id, ...lesson(id) })));

test('the record: encoded compactly and versioned, read back the same; the whole course fully answered fits cmi.suspend_data', () => {
  const r = emptyRecord(course);
  assert.equal(encode(r), 'D1||');
  assert.deepEqual(decode(encode(r), course), r);
  // Everything seen, every checkpoint answered with choice 2.
  for (const l of course.lessons) r.marks[l.id] = r.marks[l.id].map((_, i) => (String(i + 1) in l.checks ? '2' : '+'));
  r.lang = 'ko';
  r.at = { lesson: 'adam', step: 3 };
  const text = encode(r);
  assert.ok(text.length <= SUSPEND_MAX && text.length < 400, `${text.length} characters`);
  assert.deepEqual(decode(text, course), r);
  assert.deepEqual(missing(course, r), []);
  const s = score(course, r);
  const twos = course.lessons.reduce((n, l) => n + Object.values(l.checks).filter((a) => a === 2).length, 0);
  assert.deepEqual(s, { right: twos, total: s.total, answered: s.total, raw: Math.round((100 * twos) / s.total) });
  assert.equal(s.total, lessonIds().reduce((n, id) => n + lesson(id).steps.filter((x) => x.check).length, 0));
});

test('the record read defensively: another version, garbage, unknown lessons, too many marks, an answer where no checkpoint is', () => {
  const data = packageData('descent-update', [{ id: 'update', ...lesson('update') }]);
  for (const bad of [null, '', 'D2|en|update.1|update:++', 'hello', '{"json":1}']) assert.equal(decode(bad, data), null, String(bad));
  const r = decode('D1|en|update.9|cost:+++|update:+1+++++++++|x', data);
  assert.equal(r.at, null, 'a step past the lesson is no bookmark');
  assert.deepEqual(Object.keys(r.marks), ['update']);
  // Step 2 has no checkpoint: its "1" counts as seen; marks past the 6 steps are dropped.
  assert.deepEqual(r.marks.update, ['+', '+', '+', '+', '+', '+']);
  const ok = decode('D1|ko|update.2|update:0+', data);
  assert.deepEqual(ok.at, { lesson: 'update', step: 2 });
  assert.equal(ok.lang, 'ko');
  assert.deepEqual(missing(data, ok).map(([, k]) => k), [3, 4, 5, 6]);
  const answer = data.lessons[0].checks['1'];
  assert.deepEqual(score(data, ok), { right: answer === 0 ? 1 : 0, total: 2, answered: 1, raw: answer === 0 ? 50 : 0 });
});

test('the adapter and the record are modules of their own: they import nothing', () => {
  const web = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
  const imports = (f) => [...fs.readFileSync(path.join(web, f), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
  assert.deepEqual(imports('lms.js'), []);
  assert.deepEqual(imports('record.js'), []);
});
