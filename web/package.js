// Inside a SCORM package: the course the package holds (the data block its launch page carries,
// written by web/scorm.js), the learner's record in it (the steps seen, the first answer to each
// checkpoint), what that record reports to the learning platform through lms.js (completion,
// score, bookmark, suspend data) and where a relaunch resumes. The record is also kept in this
// browser, which is where it comes from when the platform cannot be reached. Loaded only by a
// package's page (app.js), never by a visit to the site.

import { connect } from './lms.js';

/** The record's format, first field of cmi.suspend_data. */
const VERSION = 'D1';
/** cmi.suspend_data is a CMIString4096. */
export const SUSPEND_MAX = 4096;

/**
 * `data`: { id, lessons: [{ id, steps, checks: { [step]: answer } }] } (web/scorm.js: packageData).
 * A record: { lang, at: { lesson, step } | null, marks: { [lessonId]: one mark per step } }, a mark
 * being "-" (not seen), "+" (seen) or a digit (seen, and the checkpoint's first answer).
 */
export function emptyRecord(data) {
  return { lang: '', at: null, marks: Object.fromEntries(data.lessons.map((l) => [l.id, Array(l.steps).fill('-')])) };
}

/** The record as suspend data: `D1|lang|lesson.step|id:marks|…`, lessons never opened left out. */
export function encode(record) {
  const at = record.at ? `${record.at.lesson}.${record.at.step}` : '';
  const lessons = Object.entries(record.marks).filter(([, m]) => m.some((c) => c !== '-')).map(([id, m]) => `${id}:${m.join('')}`);
  return [VERSION, record.lang, at, ...lessons].join('|');
}

/**
 * Reads suspend data written by `encode` for this package: lessons it does not hold and marks past
 * a lesson's steps are dropped, a digit where there is no checkpoint counts as seen. Null when the
 * text is empty, of another format or version.
 */
export function decode(text, data) {
  const parts = typeof text === 'string' ? text.split('|') : [];
  if (parts[0] !== VERSION || parts.length < 3) return null;
  const record = emptyRecord(data);
  if (/^[a-z]{2}$/.test(parts[1])) record.lang = parts[1];
  for (const part of parts.slice(3)) {
    const m = /^([\w-]+):([-+0-9]*)$/.exec(part);
    const lesson = m && data.lessons.find((l) => l.id === m[1]);
    if (!lesson) continue;
    [...m[2]].slice(0, lesson.steps).forEach((c, i) => {
      record.marks[lesson.id][i] = /\d/.test(c) && !(String(i + 1) in lesson.checks) ? '+' : c;
    });
  }
  const at = /^([\w-]+)\.(\d+)$/.exec(parts[2]);
  const lesson = at && data.lessons.find((l) => l.id === at[1]);
  if (lesson && Number(at[2]) >= 1 && Number(at[2]) <= lesson.steps) record.at = { lesson: lesson.id, step: Number(at[2]) };
  return record;
}

/** Checkpoints answered right on the first try, of all the package's checkpoints; raw is a percentage. */
export function score(data, record) {
  let right = 0, total = 0, answered = 0;
  for (const l of data.lessons) {
    for (const [step, answer] of Object.entries(l.checks)) {
      total++;
      const mark = record.marks[l.id][Number(step) - 1];
      if (/\d/.test(mark)) { answered++; if (Number(mark) === answer) right++; }
    }
  }
  return { right, total, answered, raw: total ? Math.round((100 * right) / total) : 0 };
}

/** The steps not seen yet, as [lessonId, step] in course order. */
export function missing(data, record) {
  return data.lessons.flatMap((l) => record.marks[l.id].flatMap((c, i) => (c === '-' ? [[l.id, i + 1]] : [])));
}

/**
 * Opens the package for the page: reads the record (from the LMS, or from this browser when the
 * LMS cannot be reached), tells the LMS the attempt is under way, and closes the LMS session when
 * the page is left. The returned object is `app.pkg`.
 */
export function openPackage(app, data, win = window) {
  const only = data.lessons.length === 1 ? data.lessons[0].id : null;
  const key = `descent.package.v1.${data.id}`;
  const lms = connect(win, (kind) => troubleNote(app, kind));
  let text = lms.get('cmi.suspend_data');
  if (!lms.recording) {
    try { text = win.localStorage.getItem(key); } catch { text = null; }
  }
  const record = decode(text, data) || emptyRecord(data);
  if (!record.at && lms.recording) {
    // No suspend data: the bookmark, if the platform kept one.
    const at = decode(`${VERSION}||${lms.get('cmi.core.lesson_location') || ''}`, data);
    if (at) record.at = at.at;
  }
  const was = lms.get('cmi.core.lesson_status');
  /** What the LMS has been told (only changes are sent). */
  const sent = { status: was, raw: lms.get('cmi.core.score.raw') };
  let resumeAt = record.at;
  let completedAt = null;

  const lessonOf = (id) => data.lessons.find((l) => l.id === id);
  const isComplete = () => missing(data, record).length === 0;

  /** Keeps the record here and reports it to the LMS; a milestone (completion) is committed at once. */
  const save = () => {
    const suspend = encode(record);
    try { win.localStorage.setItem(key, suspend); } catch { /* storage off: the LMS has it */ }
    const s = score(data, record);
    const status = ['completed', 'passed'].includes(sent.status) ? sent.status : isComplete() ? 'completed' : 'incomplete';
    if (suspend.length <= SUSPEND_MAX) lms.set('cmi.suspend_data', suspend);
    else console.warn(`Descent: the record (${suspend.length} characters) is longer than cmi.suspend_data takes`);
    if (record.at) lms.set('cmi.core.lesson_location', `${record.at.lesson}.${record.at.step}`);
    if (s.answered && String(s.raw) !== sent.raw) {
      lms.set('cmi.core.score.min', '0');
      lms.set('cmi.core.score.max', '100');
      if (lms.set('cmi.core.score.raw', String(s.raw))) sent.raw = String(s.raw);
    }
    if (status !== sent.status) {
      if (lms.set('cmi.core.lesson_status', status)) sent.status = status;
      if (status === 'completed') lms.commit();
    }
  };

  const pkg = {
    data,
    /** The one lesson of a one-lesson package (no course map, no links out), else null. */
    only,
    /** True while the LMS takes what is sent. */
    get recording() { return lms.recording; },
    has: (id) => !!lessonOf(id),
    /**
     * Before a route: the address the package shows instead of this one, written to the address
     * bar. A first launch resumes at the last step seen (in its language); a one-lesson package
     * shows only its lesson.
     */
    steer() {
      const q = new URLSearchParams(location.search);
      let change = false;
      if (resumeAt && !q.has('lesson')) {
        q.set('lesson', resumeAt.lesson);
        q.set('step', String(resumeAt.step));
        if (record.lang && !q.has('lang')) q.set('lang', record.lang);
        change = true;
      }
      resumeAt = null;
      if (only && q.get('lesson') !== only) { q.set('lesson', only); q.delete('step'); change = true; }
      if (change) history.replaceState(null, '', `?${q}`);
    },
    /** Step `step` of lesson `id` was shown (in `lang`). */
    visit(id, step, lang) {
      const l = lessonOf(id);
      if (!l || step < 1 || step > l.steps) return;
      const marks = record.marks[id];
      const before = isComplete();
      if (marks[step - 1] === '-') marks[step - 1] = '+';
      record.at = { lesson: id, step };
      record.lang = lang;
      if (!before && isComplete()) completedAt = `${id}.${step}`;
      save();
    },
    /** The learner's choice at a checkpoint; only the first one counts. */
    answer(id, step, choice) {
      const marks = record.marks[id];
      if (!marks || !(String(step) in lessonOf(id).checks) || /\d/.test(marks[step - 1]) || !(choice >= 0 && choice <= 9)) return;
      marks[step - 1] = String(choice);
      save();
    },
    /** The first answer given at this checkpoint, or null. */
    answerOf(id, step) {
      const mark = record.marks[id] && record.marks[id][step - 1];
      return /\d/.test(mark || '') ? Number(mark) : null;
    },
    /** As progress.js gives it: { [lessonId]: { step (the first not seen, else the last seen), done } }. */
    progress() {
      return Object.fromEntries(data.lessons.map((l) => {
        const marks = record.marks[l.id];
        const first = marks.indexOf('-') + 1;
        const step = record.at && record.at.lesson === l.id ? record.at.step : first || l.steps;
        return [l.id, { step, done: first === 0 }];
      }));
    },
    missing: () => missing(data, record),
    score: () => score(data, record),
    complete: isComplete,
    /** Whether this step says how the activity stands: the package's last step, or the step that completed it. */
    closing(id, step) {
      const last = data.lessons[data.lessons.length - 1];
      return (id === last.id && step === last.steps) || completedAt === `${id}.${step}`;
    },
  };

  if (only) oneLesson();
  save();
  // Leaving (closing the page, the platform unloading its frame): the session ends, once.
  win.addEventListener('pagehide', () => lms.finish({ 'cmi.core.exit': 'suspend' }));
  // Back from the back-forward cache after that: nothing is recorded any more, so say so.
  win.addEventListener('pageshow', (e) => { if (e.persisted && !lms.recording) troubleNote(app, 'failed'); });
  return pkg;
}

/** A one-lesson package: the site's links (the course map, the playground) leave the header. */
function oneLesson() {
  const nav = document.querySelector('.site-nav');
  if (nav) nav.remove();
  const brand = document.querySelector('a.brand');
  if (brand) {
    const plain = document.createElement('span');
    plain.className = 'brand';
    plain.append(...brand.childNodes);
    brand.replaceWith(plain);
  }
}

/** The quiet note, once, under the header: progress is not being recorded (no LMS, or it failed). */
function troubleNote(app, kind) {
  if (document.getElementById('lms-note')) return;
  const p = document.createElement('p');
  p.id = 'lms-note';
  p.className = 'lms-note';
  p.setAttribute('role', 'status');
  p.dataset.i18n = kind === 'none' ? 'lmsNone' : 'lmsFailed';
  const header = document.getElementById('site-header');
  if (header) header.after(p); else document.body.prepend(p);
  p.textContent = app.S[p.dataset.i18n];
}
