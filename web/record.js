// A SCORM package's record of one learner: the steps seen and the first answer to each
// checkpoint, its text form (cmi.suspend_data: compact and versioned), and what it is worth (the
// steps still to see, the first-try score). Plain functions of the package's data (package.js).

/** The record's format, first field of cmi.suspend_data. */
export const VERSION = 'D1';
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

