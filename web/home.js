// The course page: every lesson with the learner's progress, and where to continue.

import { courseIndex } from './course.js';
import { postHeight } from './embed.js';
import { fill } from './i18n.js';
import { progress, saveProgress } from './progress.js';
import { fatal, sceneState } from './state.js';
import { el, message } from './ui.js';

/** Shows the course page, with `problem` (why a link could not be followed) if any. */
export function home(app, problem) {
  if (app.stage) { app.stage.dispose(); app.stage = null; }
  app.current = null;
  courseIndex(app).then((idx) => {
    const { S, lang } = app;
    const p = progress(app);
    const next = idx.lessons.find((l) => !(p[l.id] && p[l.id].done)) || idx.lessons[0];
    const list = el('ol', { class: 'course' }, ...idx.lessons.map((l) => {
      const done = p[l.id] && p[l.id].done;
      // A lesson not translated into this language is listed in English, and says so.
      const other = l.lang !== lang ? l.lang : null;
      return el('li', { class: done ? 'done' : null },
        el('a', { href: `?lesson=${l.id}&lang=${lang}` },
          el('span', { class: 'num', text: String(l.n) }),
          el('span', { class: 'ttl', lang: other, text: l.title[l.lang] }),
          el('span', { class: 'sum', lang: other, text: l.summary[l.lang] }),
          other ? el('span', { class: 'badge other-lang', text: S.inEnglish }) : null,
          done ? el('span', { class: 'badge', text: S.finished }) : null));
    }));
    const cont = el('a', { class: 'button primary', href: `?lesson=${next.id}&step=${(p[next.id] && p[next.id].step) || 1}&lang=${lang}` },
      fill(S.continueAt, { title: next.title[next.lang] }));
    // (In a package the learning platform keeps the attempt: nothing to reset here.)
    const reset = app.pkg ? null : el('button', { type: 'button', class: 'button quiet', text: S.resetProgress, onclick: () => { saveProgress({}); home(app, S.progressCleared); } });
    app.main.replaceChildren(
      el('div', { id: 'message', class: 'message', hidden: true, role: 'status' }),
      el('section', { class: 'home' }, el('h1', { text: S.courseTitle }), el('p', { class: 'intro', text: S.courseIntro }),
        el('div', { class: 'home-actions' }, cont, reset,
          // Teachers: a course of their own, from these steps (the editor, teacher.js).
          app.pkg ? null : el('a', { class: 'button quiet', id: 'make-course', href: `?edit&lang=${lang}`, text: S.makeCourse })), list));
    if (problem) message(problem, problem === S.progressCleared ? 'info' : 'error');
    document.title = 'Descent';
    sceneState(app, true);
    postHeight();
  }).catch((e) => fatal(app, e));
}
