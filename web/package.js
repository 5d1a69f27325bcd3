// Inside a SCORM package: the course the package holds (the data block its launch page carries,
// written by web/scorm.js), the learner's record in it (record.js: the steps seen, the first
// answer to each checkpoint), what it reports to the learning platform through lms.js
// (completion, score, bookmark, suspend data), where a relaunch resumes, and the package's notes
// in the page. The record is also kept in this browser, which is where it comes from when the
// platform cannot be reached. Loaded only by a package's page (app.js), never by a visit to the site.

import { fill, label } from './i18n.js';
import { connect } from './lms.js';
import { SUSPEND_MAX, VERSION, decode, emptyRecord, encode, missing, score } from './record.js';
import { el } from './ui.js';

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
  const sent = { status: was, raw: lms.get('cmi.core.score.raw'), suspend: text, at: lms.get('cmi.core.lesson_location') };
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
    const at = record.at ? `${record.at.lesson}.${record.at.step}` : '';
    if (suspend.length > SUSPEND_MAX) console.warn(`Descent: the record (${suspend.length} characters) is longer than cmi.suspend_data takes`);
    else if (suspend !== sent.suspend && lms.set('cmi.suspend_data', suspend)) sent.suspend = suspend;
    if (at && at !== sent.at && lms.set('cmi.core.lesson_location', at)) sent.at = at;
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
    /** The one lesson of a one-lesson package (no course map, no links out), else null. */
    only,
    /** A teacher's course: the file its text is read from (web/scorm.js: COURSE_FILE), else null. */
    course: data.course || null,
    /** True while the LMS takes what is sent. */
    get recording() { return lms.recording; },
    has: (id) => !!lessonOf(id),
    /**
     * Before a route: the address the package shows instead of this one, written to the address
     * bar. A first launch resumes at the last step seen (in its language); a one-lesson package
     * shows only its lesson; what a platform adds to the launch address (its own parameters, not
     * scene keys) is dropped rather than refused.
     */
    steer() {
      const q = new URLSearchParams(location.search);
      let change = false;
      for (const k of [...q.keys()]) if (!app.table.spec.has(k)) { q.delete(k); change = true; }
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
    /**
     * How the activity stands, on the package's last step or the step that completed it (else
     * null): finished (recorded by the course site, and the first-try score), or the steps still
     * to see, each a link the page follows.
     */
    closingNote(app) {
      const { lesson, step, page } = app.current;
      const last = data.lessons[data.lessons.length - 1];
      if (!((lesson.id === last.id && step === last.steps) || completedAt === `${lesson.id}.${step}`)) return null;
      const S = app.S.package;
      const box = el('div', { class: 'activity', role: 'status' });
      const left = missing(data, record);
      if (!left.length) {
        const s = score(data, record);
        box.append(el('p', { class: 'activity-done', text: `${S.activityDone}${lms.recording ? ` ${S.activityRecorded}` : ''}` }));
        if (s.total) box.append(el('p', { text: fill(S.firstTry, { right: s.right, questions: s.total }) }));
        return box;
      }
      const number = (id) => ((app.index && app.index.lessons.find((l) => l.id === id)) || { n: '?' }).n;
      const links = left.slice(0, 8).map(([id, k]) => el('a', {
        'data-route': '', href: `?lesson=${id}&step=${k}${page.has('lang') ? `&lang=${app.lang}` : ''}`,
        text: only ? fill(S.stepNumber, { step: k }) : fill(S.lessonStep, { lesson: number(id), step: k }),
      }));
      box.append(el('p', { text: left.length === 1 ? S.activityLeftOne : fill(S.activityLeft, { steps: left.length }) }), el('p', { class: 'activity-left' }, ...links, left.length > 8 ? '…' : null));
      return box;
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
  p.dataset.i18n = kind === 'none' ? 'package.lmsNone' : 'package.lmsFailed';
  const header = document.getElementById('site-header');
  if (header) header.after(p); else document.body.prepend(p);
  // (Before the page's strings arrive, setLang fills it in with the rest: i18n.js, showStrings.)
  if (app.S) p.textContent = label(app.S, p.dataset.i18n);
}
