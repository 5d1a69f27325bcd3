// The lesson view: one step's text (title, body, checkpoint, step links, sharing) beside its
// scene (controls, canvases, panels).

import { mergedParams, writeURL } from './address.js';
import { postHeight } from './embed.js';
import { fill } from './i18n.js';
import { markStep } from './progress.js';
import { loadScene, moveStart, narrate, rebuildControls, tick } from './scene.js';
import { copyLink, exportCsv, exportPng, showEmbed } from './share.js';
import { Stage } from './stage.js';
import { listedLesson } from './course.js';
import { ownSession } from './own-data.js';
import { hasMath } from './pick.js';
import { fatal, hidden, sceneState, setLang } from './state.js';
import { el, message, richText } from './ui.js';

/**
 * Text first: the step the address names, its text only, shown as soon as its file has arrived,
 * before the wasm module is asked for (route.js then shows the whole step, the same text beside
 * its scene, in the same place). Not in a package, whose page may open another step. The time
 * it was shown (performance.now()), or 0 if it was not.
 */
export async function showTextFirst(app, params) {
  const id = params.get('lesson');
  if (!id || document.getElementById('descent-package')) return 0;
  let lesson;
  try { lesson = await listedLesson(app, id); } catch { return 0; } // route.js says what went wrong
  if (!lesson) return 0;
  const index = app.index;
  if (app.current || !document.getElementById('loading')) return 0; // the whole step is already there
  setLang(app, index);
  const step = Math.min(Math.max(parseInt(params.get('step'), 10) || 1, 1), lesson.steps.length);
  const page = new Map([...params].filter(([k]) => ['lesson', 'step', 'lang', 'embed', 'hide'].includes(k)));
  page.set('step', String(step));
  app.root.classList.toggle('embed', page.get('embed') === '1');
  // Formulas are first shown in their own font (early.js asked for it), so nothing moves when it
  // comes; a font that is slow to come is not waited for past a second.
  if (hasMath(lesson.steps[step - 1])) {
    await Promise.race([document.fonts.load('1em "Descent Math"'), new Promise((r) => setTimeout(r, 1000))]).catch(() => {});
    if (app.current || !document.getElementById('loading')) return 0;
  }
  const shown = { lesson, step, preset: lesson.steps[step - 1].scene, page, preview: true };
  const text = stepText({ ...app, current: shown });
  app.main.replaceChildren(el('div', { class: 'lesson' }, text, el('section', { class: 'scene' })));
  return performance.now();
}

/** The text of the step in `app.current`: title, body, checkpoint and step links. */
function stepText(app) {
  const { current, S } = app;
  const { lesson, step } = current;
  const total = lesson.steps.length;
  const st = lesson.steps[step - 1];
  // The lesson's text is in `lesson.lang`: the page's language, or English for a lesson not yet
  // translated into it (then a note says so, and the text is marked as English).
  const lang = lesson.lang;
  const other = lang !== app.lang ? lang : null;
  document.title = `${lesson.title[lang]} · Descent`;
  const text = el('section', { class: 'lesson-text', 'aria-labelledby': 'step-title' },
    other ? el('p', { class: 'note', id: 'not-translated', text: lesson.own ? lesson.own.note : S.notTranslated }) : null,
    el('p', { class: 'kicker', text: `${lesson.own ? S.teacher.kicker : `${S.lesson} ${lesson.n}`} · ${lesson.title[lang]}` }),
    el('h1', { id: 'step-title', lang: other, text: st.title[lang] }),
    el('p', { class: 'step-of', text: fill(S.stepOf, { step, steps: total }) }),
    foldedBody(S, richText(st.body[lang]), other),
    st.check ? checkpoint(app, st.check, lang, other) : null,
    el('nav', { class: 'step-nav', 'aria-label': S.lesson }, ...stepLinks(app)),
    // In a package, its last step (or the one that completed it) says how the activity stands.
    app.pkg ? app.pkg.closingNote(app) : null);
  if (hidden(app, 'text')) text.hidden = true;
  if (hidden(app, 'nav')) text.querySelector('.step-nav').hidden = true;
  return text;
}

/** Shows the step in `app.current`, with `problem` (why the link's own scene was not used) if any. */
export function renderLesson(app, problem) {
  const { current, S } = app;
  const { lesson, step } = current;
  markStep(app, lesson.id, step, lesson.steps.length);
  const text = stepText(app);
  // Sharing is about the scene: under its figures.
  const share = el('div', { class: 'share' },
    // A package's own address only works inside its learning platform: no link or embed code from there.
    app.pkg ? null : el('button', { type: 'button', class: 'button quiet', text: S.copyLink, onclick: () => copyLink(app) }),
    app.pkg ? null : el('button', { type: 'button', class: 'button quiet', text: S.embed, onclick: () => showEmbed(app) }),
    el('button', { type: 'button', class: 'button quiet', text: S.exportPng, onclick: () => exportPng(app) }),
    el('button', { type: 'button', class: 'button quiet', text: S.exportCsv, onclick: () => exportCsv(app) }),
    // Into the course a teacher is writing (the editor's file, loaded on the click only).
    app.pkg ? null : el('button', { type: 'button', class: 'button quiet', id: 'add-to-course', text: S.addToCourse, onclick: () => addThisScene(app) }));
  if (hidden(app, 'text')) share.hidden = true;

  const controls = el('div', { class: 'controls', role: 'group', 'aria-label': S.controls });
  const views = el('div', { class: 'views' });
  const scene = el('section', { class: 'scene', 'aria-label': lesson.title[lesson.lang] },
    el('div', { id: 'message', class: 'message', hidden: true, role: 'alert' }),
    controls, views, share,
    el('p', { id: 'narration', class: 'sr-only', 'aria-live': 'polite' }),
    el('p', { id: 'probe-live', class: 'sr-only', 'aria-live': 'polite' }));
  app.main.replaceChildren(el('div', { class: 'lesson' }, text, scene));
  if (!app.stage || app.stage.root !== views) {
    if (app.stage) app.stage.dispose();
    app.stage = newStage(app, views);
  }
  current.controls = controls;
  if (!loadScene(app)) sceneState(app, true);
  if (problem) message(problem);
}

/** The scene on screen (its preset and the learner's changes, without the page's keys) into the teacher's course. */
function addThisScene(app) {
  const q = mergedParams(app);
  for (const k of ['lesson', 'step', 'lang', 'embed']) q.delete(k);
  import('./teacher.js').then((m) => m.addToCourse(app, q.toString().replace(/%2C/g, ','))).catch((e) => message(String((e && e.message) || e)));
}

/**
 * The step's text. On a narrow screen (text above the scene) only its first paragraph shows (with
 * the formula it introduces, if it ends on a colon), with a button for the rest, so the scene and
 * its controls come into view without scrolling past all of it; on a wide screen (text beside the scene) all of it shows and the button does not.
 */
function foldedBody(S, frag, other) {
  const body = el('div', { class: 'body', lang: other });
  const nodes = [...frag.childNodes];
  const elements = nodes.filter((n) => n.nodeType === Node.ELEMENT_NODE);
  if (!elements.length) { body.append(frag); return body; }
  // The first paragraph, and what it introduces when it ends on a colon (its formula).
  let shown = 0;
  while (shown + 1 < elements.length && /[:：]\s*$/.test(elements[shown].textContent)) shown++;
  const cut = nodes.indexOf(elements[shown]) + 1;
  const rest = nodes.slice(cut);
  body.append(...nodes.slice(0, cut));
  if (!rest.some((n) => n.nodeType === Node.ELEMENT_NODE || n.textContent.trim())) { body.append(...rest); return body; }
  const more = el('div', { class: 'body-rest', id: 'body-rest' }, ...rest);
  const toggle = el('button', { type: 'button', class: 'button quiet more', 'aria-expanded': 'false', 'aria-controls': 'body-rest', text: S.more });
  toggle.addEventListener('click', () => {
    const open = body.classList.toggle('unfolded');
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? S.less : S.more;
    postHeight();
  });
  body.classList.add('foldable');
  body.append(more, toggle);
  return body;
}

/**
 * The previous and next links: the step before, the step after or the next lesson. They keep
 * the link's language, embedding and hidden controls; the page follows them without reloading
 * (`data-route`, see route.js: followLinks).
 */
function stepLinks(app) {
  const { current, S, lang, index } = app;
  const { lesson, step, page } = current;
  // (`lang` is the page's: a link keeps it even through lessons shown in English.)
  const total = lesson.steps.length;
  const nav = (k) => {
    const q = new URLSearchParams();
    // (A teacher's course is named by the address's fragment, which its links keep; in a package, by its id.)
    if (!lesson.own || app.pkg) q.set('lesson', lesson.id);
    q.set('step', String(k));
    if (page.has('lang')) q.set('lang', lang);
    for (const x of ['embed', 'hide']) if (page.has(x)) q.set(x, page.get(x));
    return `?${q}${lesson.own ? lesson.own.fragment : ''}`;
  };
  const link = (attrs) => el('a', { 'data-route': '', ...attrs });
  const prev = step > 1 ? link({ class: 'button', href: nav(step - 1), rel: 'prev', text: `← ${S.prev}` }) : el('span');
  let next = el('span');
  if (step < total) next = link({ class: 'button primary', href: nav(step + 1), rel: 'next', text: `${S.next} →` });
  else if (index && !lesson.own) {
    const nl = index.lessons[index.lessons.findIndex((l) => l.id === lesson.id) + 1];
    if (nl && (!app.pkg || app.pkg.has(nl.id))) next = link({ class: 'button primary', href: `?lesson=${nl.id}${page.has('lang') ? `&lang=${lang}` : ''}`, text: `${nl.title[nl.lang]} →` });
  }
  return [prev, next];
}

/** The stage for a lesson's views: time and pointer events in JS, state and drawing in wasm. */
function newStage(app, views) {
  return new Stage(app.wasm, views, {
    strings: () => app.S,
    lang: () => app.lang,
    speed: () => app.current.speed,
    onStart: (p, dragging) => moveStart(app, p, dragging),
    onRelease: () => writeURL(app),
    onTick: () => tick(app),
    onFatal: (e) => fatal(app, e),
    // A learner's own data is handed to its session here; the scene string never holds it.
    session: (query) => ownSession(app, query),
    // What is under the pointer (or the keyboard's point), for screen readers.
    announce: (text) => { const n = document.getElementById('probe-live'); if (n) n.textContent = text; },
    // `data-ready` turns true once every canvas of the new scene has been drawn;
    // `data-settled` once nothing is left to refine or fill in (coarse maps, basin maps).
    onDrawn: (settled) => {
      const root = app.root;
      if (app.current && app.current.pendingReady) { app.current.pendingReady = false; root.dataset.ready = 'true'; }
      if (settled && root.dataset.settled !== 'true' && root.dataset.ready === 'true') root.dataset.settled = 'true';
    },
    onPlayState: (playing) => {
      const b = document.getElementById('play');
      if (b) { b.textContent = playing ? app.S.pause : app.S.play; b.setAttribute('aria-pressed', String(playing)); }
      if (!playing) narrate(app);
    },
  });
}

/**
 * "Predict, then see": the run buttons stay locked until a choice is made. Its text is in `lang`
 * (`other`: the same, when that is not the page's language).
 */
function checkpoint(app, check, lang, other) {
  const { S } = app;
  const box = el('div', { class: 'checkpoint', role: 'group', 'aria-labelledby': 'check-q' });
  const explain = el('div', { class: 'explain', hidden: true, 'aria-live': 'polite' });
  const choices = el('div', { class: 'choices', lang: other });
  const { lesson, step } = app.current;
  /** Shows choice `i` as the answer given: the right one marked, the explanation, the run unlocked. */
  const reveal = (i) => {
    app.current.answered = true;
    const right = i === check.answer;
    for (const b of choices.querySelectorAll('button')) {
      b.disabled = true;
      if (Number(b.dataset.choice) === check.answer) b.classList.add('right');
      if (!right && Number(b.dataset.choice) === i) b.classList.add('wrong');
    }
    explain.replaceChildren(el('p', { class: 'verdict', text: `${right ? S.right : S.wrong} ${S.tryIt}` }),
      other ? el('div', { lang: other }, richText(check.explain[lang])) : richText(check.explain[lang]));
    explain.hidden = false;
  };
  check.choices.forEach((c, i) => {
    choices.append(el('button', {
      type: 'button', class: 'button choice', 'data-choice': String(i), text: c[lang],
      onclick: () => {
        if (app.current.answered || app.current.preview) return; // (the text shown first: no scene yet)
        reveal(i);
        if (app.pkg) {
          app.pkg.answer(lesson.id, step, i);
          // The closing note of a last step with a question counts this answer too.
          const note = document.querySelector('.lesson-text .activity');
          if (note) note.replaceWith(app.pkg.closingNote(app) || '');
        }
        rebuildControls(app);
        postHeight();
      },
    }));
  });
  box.append(el('p', { class: 'check-label', text: S.check }), el('p', { id: 'check-q', class: 'question', lang: other, text: check.q[lang] }), choices, explain);
  // In a package the first answer is the one that counts: a step seen again shows it, answered.
  const first = app.pkg ? app.pkg.answerOf(lesson.id, step) : null;
  if (first !== null && first < check.choices.length) reveal(first);
  return box;
}
