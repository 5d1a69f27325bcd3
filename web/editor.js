// The course editor (`?edit`): a teacher's course as steps, each with its scene and, in every
// language of the course, its title and text (Markdown + TeX, a "predict, then see" question
// included), added from any lesson step or from a scene on screen ("Add this scene to my course"),
// moved and removed. Every change is kept in this browser at once (teacher-course.js: saveDraft)
// and compiled by the lesson compiler (author.js) a moment later: what to fix, by line and step,
// and a live preview, the course itself played in the lesson view in a frame. The course leaves
// as a link, a .md file or a SCORM package (teacher-package.js).

import { compileCourse } from './author.js';
import { fill } from './i18n.js';
import { siteLangs } from './pick.js';
import { problemText } from './teacher-play.js';
import { BACKUP_KEY, LINK_MAX, SOURCE_MAX, courseFragment, courseId, emptyCourse, fileName, fromSource, isCourseLink, loadDraft, readFragment, saveDraft, toSource } from './teacher-course.js';
import { coursePackage } from './teacher-package.js';
import { el, message } from './ui.js';

/** Milliseconds after the last keystroke before the course is compiled again. */
const COMPILE_AFTER = 250;

/**
 * Shows the editor with the course kept in this browser (or, opened from a course link's
 * "Edit this course", that course; the one kept before is offered back).
 */
export async function openEditor(app) {
  const { S } = app;
  if (app.stage) { app.stage.dispose(); app.stage = null; }
  app.current = null;
  const ed = { app, course: loadDraft(), backup: null, source: '', fragment: '', lesson: null, focus: 0, lang: null, timer: 0, run: 0 };
  app.editor = ed; // (the preview frame's messages go to the editor shown)
  let note = null;
  if (isCourseLink(location.hash)) {
    const got = await readFragment(location.hash);
    if (got.source) replaceCourse(ed, fromSource(got.source));
    else note = S.teacher[{ damaged: 'linkDamaged', tooLarge: 'linkTooLarge' }[got.error] || 'linkGarbled'];
    // The course is in the editor (and kept) now: a reload shows the editor's course, not the link's again.
    history.replaceState(null, '', location.pathname + location.search);
  }
  if (!ed.course) ed.course = emptyCourse([app.lang], { [app.lang]: S.teacher.defaultTitle });
  document.title = `${S.teacher.editorTitle} · Descent`;
  render(ed);
  if (note) message(note);
  else if (ed.backup) offerBackup(ed);
  if (!app.editorHeard) {
    app.editorHeard = true;
    window.addEventListener('message', (e) => {
      const frame = document.getElementById('course-preview');
      if (frame && e.source === frame.contentWindow && e.data && e.data.type === 'descent:height' && Number.isFinite(e.data.height)) {
        frame.style.setProperty('--content-height', `${Math.min(Math.max(e.data.height, 200), 4000)}px`);
        if (app.editor) showPreview(app.editor);
      }
    });
  }
  await compileNow(ed);
}

/** Puts `course` in the editor, keeping the one there before (if it had anything) to bring back. */
function replaceCourse(ed, course) {
  const before = ed.course;
  if (before && before.steps.length && JSON.stringify(before) !== JSON.stringify(course)) {
    ed.backup = before;
    saveDraft(before, BACKUP_KEY); // (kept in this browser too)
  }
  ed.course = course;
  saveDraft(course);
}

/** The message that the course written before was kept, with a button to bring it back. */
function offerBackup(ed) {
  const { S } = ed.app;
  message(S.teacher.backupKept, 'info');
  const box = document.getElementById('message');
  box.append(el('button', { type: 'button', class: 'button quiet', text: S.teacher.backupRestore, onclick: () => {
    const b = ed.backup;
    ed.backup = null;
    replaceCourse(ed, b);
    message(null);
    changed(ed, true);
  } }));
}

/** A language's own name (the site's languages), else its tag. */
function langName(app, tag) {
  const l = app.index.languages.find((x) => x.lang === tag);
  return l ? l.name : tag;
}

/** Something in the course changed: kept at once, compiled a moment later; `rebuild` draws the form again. */
function changed(ed, rebuild = false) {
  if (!saveDraft(ed.course)) message(ed.app.S.teacher.notKept, 'warn');
  if (rebuild) render(ed);
  clearTimeout(ed.timer);
  ed.timer = setTimeout(() => compileNow(ed), COMPILE_AFTER);
}

/** The editor's form, preview and buttons, drawn from the course. */
function render(ed) {
  const { app, course } = ed;
  const { S } = app;
  const focusId = document.activeElement && document.activeElement.id;
  const langBoxes = el('fieldset', { class: 'editor-langs' }, el('legend', { text: S.teacher.languages }),
    ...[...new Set([...siteLangs(), ...course.langs])].map((tag) => el('label', {},
      el('input', { type: 'checkbox', id: `course-lang-${tag}`, checked: course.langs.includes(tag), onchange: (e) => {
        if (e.target.checked) course.langs.push(tag);
        else if (course.langs.length > 1) course.langs = course.langs.filter((l) => l !== tag);
        else e.target.checked = true; // (a course has at least one language)
        changed(ed, true);
      } }), ` ${langName(app, tag)}`)));
  const heads = course.langs.map((tag) => el('div', { class: 'editor-head', lang: tag },
    field(`course-title-${tag}`, `${S.teacher.courseTitle} · ${langName(app, tag)}`,
      el('input', { type: 'text', id: `course-title-${tag}`, value: course.title[tag] || '', maxlength: '200', oninput: (e) => { course.title[tag] = e.target.value; changed(ed); } })),
    field(`course-summary-${tag}`, `${S.teacher.summary} · ${langName(app, tag)}`,
      el('textarea', { id: `course-summary-${tag}`, rows: '2', oninput: (e) => { course.summary = course.summary || {}; course.summary[tag] = e.target.value; changed(ed); } }, course.summary && course.summary[tag] ? course.summary[tag] : ''))));
  const steps = el('ol', { class: 'editor-steps' }, ...course.steps.map((s, i) => stepCard(ed, s, i)));
  const form = el('div', {},
    langBoxes, ...heads,
    el('h2', { text: S.teacher.steps }), steps,
    addPanel(ed),
    el('section', { class: 'editor-problems', 'aria-labelledby': 'problems-title' },
      el('h2', { id: 'problems-title', text: S.teacher.problems }),
      el('ul', { id: 'course-problems', 'aria-live': 'polite' })),
    sharePanel(ed));
  // The preview frame stays the same one across redraws: the page in it is not loaded again.
  if (!ed.preview) {
    const frame = el('iframe', { id: 'course-preview', title: S.teacher.preview });
    frame.addEventListener('load', () => { ed.previewAt = frameURL(frame); showPreview(ed); });
    ed.preview = el('aside', { class: 'editor-preview', 'aria-labelledby': 'preview-title' },
      el('h2', { id: 'preview-title', text: S.teacher.preview }), frame);
  }
  const preview = ed.preview;
  // The page around the form is made once: moving the preview's frame in the document would load its page again.
  if (!ed.shell || !ed.shell.isConnected) {
    ed.form = el('div', { class: 'editor-form' });
    ed.shell = el('section', { class: 'editor' },
      el('h1', { text: S.teacher.editorTitle }),
      el('p', { class: 'intro', text: S.teacher.editorIntro }),
      el('div', { id: 'message', class: 'message', hidden: true, role: 'status' }),
      el('div', { class: 'editor-grid' }, ed.form, preview));
    app.main.replaceChildren(ed.shell);
  }
  ed.form.replaceChildren(...form.childNodes);
  app.root.dataset.ready = app.root.dataset.settled = 'true';
  if (focusId && document.getElementById(focusId)) document.getElementById(focusId).focus();
  showPreview(ed);
}

/** A text box's height for its text: its lines and one more, 5 to 24. */
const rowsFor = (text) => String(Math.min(Math.max(String(text || '').split('\n').length + 1, 5), 24));

/** A labelled field. */
function field(id, text, input) {
  return el('div', { class: 'field' }, el('label', { for: id, text }), input);
}

/** One step's card: its number, the buttons that move or remove it, its scene, its text in each language. */
function stepCard(ed, s, i) {
  const { app, course } = ed;
  const { S } = app;
  const n = i + 1;
  const move = (to) => { const [x] = course.steps.splice(i, 1); course.steps.splice(to, 0, x); ed.focus = to; changed(ed, true); };
  const card = el('li', { class: 'editor-step', 'data-step': String(n), 'aria-labelledby': `step-${n}-head` },
    el('div', { class: 'editor-step-head' },
      el('h3', { id: `step-${n}-head`, text: fill(S.teacher.stepN, { step: n }) }),
      el('button', { type: 'button', class: 'button quiet', id: `step-${n}-up`, text: '↑', title: S.teacher.up, 'aria-label': `${S.teacher.up}: ${fill(S.teacher.stepN, { step: n })}`, disabled: i === 0, onclick: () => move(i - 1) }),
      el('button', { type: 'button', class: 'button quiet', id: `step-${n}-down`, text: '↓', title: S.teacher.down, 'aria-label': `${S.teacher.down}: ${fill(S.teacher.stepN, { step: n })}`, disabled: i === course.steps.length - 1, onclick: () => move(i + 1) }),
      el('button', { type: 'button', class: 'button quiet', id: `step-${n}-remove`, text: S.teacher.remove, 'aria-label': `${S.teacher.remove}: ${fill(S.teacher.stepN, { step: n })}`, onclick: () => { course.steps.splice(i, 1); ed.focus = Math.max(0, Math.min(i, course.steps.length - 1)); changed(ed, true); } })),
    field(`step-${n}-scene`, S.teacher.scene,
      el('input', { type: 'text', id: `step-${n}-scene`, class: 'scene-input', value: s.scene, spellcheck: 'false', autocomplete: 'off', oninput: (e) => { s.scene = e.target.value; changed(ed); } })),
    ...course.langs.map((tag) => el('fieldset', { class: 'editor-text', lang: tag },
      el('legend', { text: langName(app, tag) }),
      field(`step-${n}-title-${tag}`, S.teacher.stepTitle,
        el('input', { type: 'text', id: `step-${n}-title-${tag}`, value: s.title[tag] || '', maxlength: '200', oninput: (e) => { s.title[tag] = e.target.value; changed(ed); } })),
      field(`step-${n}-body-${tag}`, S.teacher.text,
        el('textarea', { id: `step-${n}-body-${tag}`, rows: rowsFor(s.body[tag]), spellcheck: 'true', oninput: (e) => { s.body[tag] = e.target.value; e.target.rows = rowsFor(e.target.value); changed(ed); } }, s.body[tag] || '')),
      el('button', { type: 'button', class: 'button quiet', id: `step-${n}-question-${tag}`, text: S.teacher.addQuestion, onclick: () => {
        const body = (s.body[tag] || '').trimEnd();
        s.body[tag] = `${body}${body ? '\n\n' : ''}${S.teacher.questionTemplate}`;
        changed(ed, true);
      } }))));
  card.addEventListener('focusin', (e) => {
    const lang = e.target.closest && e.target.closest('[lang]');
    const now = lang && course.langs.includes(lang.lang) ? lang.lang : ed.lang;
    if (ed.focus !== i || ed.lang !== now) { ed.focus = i; ed.lang = now; showPreview(ed); }
  });
  return card;
}

/** Adding steps: from any lesson step (its scene and title), or an empty one. */
function addPanel(ed) {
  const { app, course } = ed;
  const { S } = app;
  const lessons = el('select', { id: 'add-lesson' }, el('option', { value: '', text: '—' }),
    ...app.index.lessons.map((l) => el('option', { value: l.id, text: `${l.n}. ${l.title[l.lang]}` })));
  const steps = el('select', { id: 'add-step', disabled: true });
  const add = el('button', { type: 'button', class: 'button', id: 'add-from-lesson', text: S.teacher.add, disabled: true });
  let files = {};
  lessons.addEventListener('change', async () => {
    const id = lessons.value;
    steps.replaceChildren();
    steps.disabled = add.disabled = true;
    if (!id) return;
    const langs = course.langs.filter((l) => siteLangs().includes(l));
    try {
      const got = await Promise.all(langs.map(async (l) => [l, await (await fetch(`lessons/${id}.${l}.json`)).json()]));
      if (lessons.value !== id) return;
      files = Object.fromEntries(got);
    } catch { message(S.notFound); return; }
    const first = files[langs[0]] || Object.values(files)[0];
    if (!first) return;
    steps.replaceChildren(...first.steps.map((st, k) => el('option', { value: String(k), text: `${k + 1}. ${st.title[first.lang]}` })));
    steps.disabled = add.disabled = false;
  });
  add.addEventListener('click', () => {
    const k = Number(steps.value);
    const title = {};
    let scene = '';
    for (const [l, f] of Object.entries(files)) {
      const st = f.steps[k];
      if (!st) continue;
      title[l] = st.title[f.lang];
      scene = st.scene;
    }
    course.steps.push({ scene, title, body: {} });
    ed.focus = course.steps.length - 1;
    changed(ed, true);
    const t = document.getElementById(`step-${course.steps.length}-body-${course.langs[0]}`);
    if (t) t.focus();
  });
  const blank = el('button', { type: 'button', class: 'button quiet', id: 'add-blank', text: S.teacher.addBlank, onclick: () => {
    course.steps.push({ scene: 'surface=bowl&opt=gd&view=contour,loss&show=path', title: Object.fromEntries(course.langs.map((l) => [l, l === app.lang ? S.teacher.defaultStepTitle : ''])), body: {} });
    ed.focus = course.steps.length - 1;
    changed(ed, true);
    const t = document.getElementById(`step-${course.steps.length}-scene`);
    if (t) t.focus();
  } });
  return el('section', { class: 'editor-add', 'aria-labelledby': 'add-title' },
    el('h3', { id: 'add-title', text: S.teacher.addFrom }),
    el('div', { class: 'editor-row' }, field('add-lesson', S.teacher.lessonPick, lessons), field('add-step', S.teacher.stepPick, steps), add),
    el('p', {}, blank));
}

/** Sharing: the link (and playing it), the .md file (to download and to open), the SCORM package, a new course. */
function sharePanel(ed) {
  const { app } = ed;
  const { S } = app;
  const link = el('input', { type: 'text', id: 'course-link', readonly: true, 'aria-label': S.teacher.copyLink, hidden: true });
  const file = el('input', { type: 'file', id: 'course-file', accept: '.md,.markdown,.txt,text/markdown,text/plain', class: 'sr-only', onchange: (e) => openFile(ed, e.target) });
  return el('section', { class: 'editor-share', 'aria-labelledby': 'share-title' },
    el('h2', { id: 'share-title', text: S.teacher.share }),
    el('div', { class: 'editor-row' },
      el('button', { type: 'button', class: 'button primary', id: 'course-copy', text: S.teacher.copyLink, onclick: () => copyCourseLink(ed, link) }),
      el('a', { class: 'button', id: 'course-play', text: S.teacher.play }),
      el('button', { type: 'button', class: 'button', id: 'course-download', text: S.teacher.download, onclick: () => download(fileName(ed.course), new Blob([toSource(ed.course)], { type: 'text/markdown;charset=utf-8' })) }),
      el('label', { class: 'button', for: 'course-file', id: 'course-open' }, S.teacher.open), file,
      el('button', { type: 'button', class: 'button', id: 'course-package', text: S.teacher.package, onclick: () => makePackage(ed) })),
    link,
    el('p', {}, el('button', { type: 'button', class: 'button quiet', id: 'course-new', text: S.teacher.newCourse, onclick: () => {
      if (!ed.course.steps.length || window.confirm(S.teacher.confirmNew)) {
        replaceCourse(ed, emptyCourse([app.lang], { [app.lang]: S.teacher.defaultTitle }));
        changed(ed, true);
        if (ed.backup) offerBackup(ed);
      }
    } })));
}

/** The address that plays the course: this page, the course's language if it has one only, the fragment. */
function playLink(ed) {
  const { langs } = ed.course;
  const q = langs.length === 1 && siteLangs().includes(langs[0]) ? `?lang=${langs[0]}` : '';
  return `${location.origin}${location.pathname}${q}${ed.fragment}`;
}

async function copyCourseLink(ed, box) {
  const { S } = ed.app;
  await compileNow(ed);
  if (!ed.fragment) { message(S.teacher.fixFirst); return; }
  const url = playLink(ed);
  if (url.length > LINK_MAX) { message(fill(S.teacher.linkTooLong, { chars: url.length, max: LINK_MAX }), 'warn'); box.hidden = true; return; }
  box.value = url;
  box.hidden = false;
  box.select();
  try { await navigator.clipboard.writeText(url); message(fill(S.teacher.linkCopied, { chars: url.length }), 'info'); } catch { message(S.copyFailed, 'info'); }
}

/** Opens a course file into the editor; the course there before is kept to bring back. */
async function openFile(ed, input) {
  const { S } = ed.app;
  const f = input.files && input.files[0];
  input.value = '';
  if (!f) return;
  if (f.size > SOURCE_MAX) { message(fill(S.teacher.fileTooLong, { size: Math.ceil(f.size / 1000), max: SOURCE_MAX / 1000 })); return; }
  let text;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(await f.arrayBuffer()); } catch { message(S.teacher.fileNotText); return; }
  // A file without a language line (a lesson file, say) is read as written in the page's language.
  if (!/^\s*<!--\s*lang:/m.test(text)) text = `<!-- lang: ${ed.app.lang} -->\n${text}`;
  replaceCourse(ed, fromSource(text));
  ed.focus = 0;
  changed(ed, true);
  if (ed.backup) offerBackup(ed); else message(null);
}

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

/** The SCORM 1.2 package of the course, made here from the site's own files, downloaded. */
async function makePackage(ed) {
  const { S } = ed.app;
  await compileNow(ed);
  if (!ed.lesson) { message(S.teacher.fixFirst); return; }
  const button = document.getElementById('course-package');
  button.disabled = true;
  try {
    const { course } = ed;
    const title = course.langs.map((l) => String(course.title[l] || '').trim()).filter(Boolean).join(' / ') || S.teacher.defaultTitle;
    const bytes = await coursePackage(ed.source, ed.lesson, ed.id, title);
    download(fileName(course).replace(/\.md$/, '.zip'), new Blob([bytes], { type: 'application/zip' }));
    message(fill(S.teacher.packageMade, { size: Math.round(bytes.length / 1000) }), 'info');
  } catch (e) {
    message(fill(S.teacher.packageFailed, { reason: String(e.message || e) }));
  } finally { button.disabled = false; }
}

/** Compiles the course now: the problems listed, the link and the preview brought up to date. */
async function compileNow(ed) {
  clearTimeout(ed.timer);
  const { app } = ed;
  const { S } = app;
  const run = ++ed.run;
  const source = toSource(ed.course);
  let result;
  if (new TextEncoder().encode(source).length > SOURCE_MAX) result = { ok: false, problems: [], failed: fill(S.teacher.fileTooLong, { size: Math.ceil(source.length / 1000), max: SOURCE_MAX / 1000 }) };
  else result = await compileCourse(source, courseId(source), app.lang);
  if (run !== ed.run) return; // a later change is being compiled
  const list = document.getElementById('course-problems');
  // A course with no step yet gets a word in the page's language, not the compiler's message.
  const items = result.ok ? [el('li', { class: 'ok', text: S.teacher.noProblems })]
    : !ed.course.steps.length ? [el('li', { class: 'empty', text: S.teacher.noStepsYet })]
    : result.failed ? [el('li', { text: fill(S.teacher.compilerFailed, { reason: result.failed }) })]
      : result.problems.slice(0, 30).map((p) => el('li', {}, el('button', { type: 'button', class: 'link', 'data-line': String(p.line), 'data-step': String(p.step), text: problemText(S, p), onclick: () => goTo(ed, p) })));
  if (list) list.replaceChildren(...items);
  const play = document.getElementById('course-play');
  if (!result.ok) {
    ed.lesson = null;
    ed.fragment = '';
    if (play) play.removeAttribute('href'); // (nothing to play until it compiles)
    return;
  }
  ed.source = source;
  ed.id = courseId(source);
  ed.lesson = result.lessons[result.languages[0]];
  ed.fragment = await courseFragment(source);
  if (run !== ed.run) return;
  if (play && playLink(ed).length <= LINK_MAX) play.href = playLink(ed);
  else if (play) play.removeAttribute('href');
  showPreview(ed);
}

/** A problem's step: its card's first field for that language in view and focused. */
function goTo(ed, p) {
  const n = Math.min(Math.max(p.step, 1), ed.course.steps.length);
  const lang = p.lang && ed.course.langs.includes(p.lang) ? p.lang : ed.course.langs[0];
  const target = p.step ? document.getElementById(`step-${n}-body-${lang}`) : document.getElementById(`course-title-${lang}`);
  if (target) { target.focus(); target.scrollIntoView({ block: 'center' }); }
}

/** The preview: the step being edited, played by the page itself in a frame (embedded), in the language being written. */
function showPreview(ed) {
  const frame = document.getElementById('course-preview');
  const title = document.getElementById('preview-title');
  if (!frame || !ed.fragment) return;
  const { langs } = ed.course;
  const lang = ed.lang && langs.includes(ed.lang) ? ed.lang : langs.includes(ed.app.lang) ? ed.app.lang : langs[0];
  const step = Math.min(ed.focus + 1, Math.max(ed.course.steps.length, 1));
  title.textContent = fill(ed.app.S.teacher.previewOf, { step });
  const q = `?embed=1&step=${step}${siteLangs().includes(lang) ? `&lang=${lang}` : ''}`;
  const url = `${location.pathname}${q}${ed.fragment}`;
  if (ed.previewAt === url) return;
  if (!frame.getAttribute('src')) { ed.previewAt = null; frame.src = url; return; }
  const win = frame.contentWindow;
  // Still loading its page, or showing it: brought up to date once it is shown.
  let shown = false;
  try { shown = !!ed.previewAt && win.document.documentElement.dataset.ready === 'true'; } catch { /* not this site's page */ }
  if (!shown) {
    clearTimeout(ed.previewRetry);
    ed.previewRetry = setTimeout(() => showPreview(ed), 150);
    return;
  }
  // Another step or new text: the page in the frame goes there as its own links do, without reloading.
  ed.previewAt = url;
  win.history.replaceState(null, '', url);
  win.dispatchEvent(new win.PopStateEvent('popstate'));
}

/** The address the preview frame shows (path, query, fragment), or null before it has one of this site. */
function frameURL(frame) {
  try { const l = frame.contentWindow.location; return `${l.pathname}${l.search}${l.hash}`; } catch { return null; }
}

/**
 * "Add this scene to my course", under a step of a lesson or the playground: the scene on screen
 * (its preset and the learner's changes) and its title become the course's next step.
 */
export function addToCourse(app, scene) {
  const { S } = app;
  const course = loadDraft() || emptyCourse([app.lang], { [app.lang]: S.teacher.defaultTitle });
  const { lesson, step } = app.current;
  const t = lesson.steps[step - 1].title[lesson.lang];
  course.steps.push({ scene, title: Object.fromEntries(course.langs.map((l) => [l, l === lesson.lang ? t : ''])), body: {} });
  if (!saveDraft(course)) { message(S.teacher.notKept, 'warn'); return; }
  message(fill(S.teacher.added, { step: course.steps.length }), 'info');
  const box = document.getElementById('message');
  if (box) box.append(el('a', { class: 'button quiet', href: `?edit&lang=${app.lang}`, id: 'open-editor', text: S.teacher.openEditor }));
}
