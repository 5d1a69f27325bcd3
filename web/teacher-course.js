// A teacher's course as it travels and as it is kept: the course file (one Markdown file with
// every language's text, crates/lessons/src/course_file.rs) written from the editor's steps and
// read back into them; the course link (the file deflated and base64url-encoded in the address's
// fragment, which a browser never sends to a server); the course's id (a hash of its file, which
// keys its progress); the work in progress in localStorage. No DOM here but what the browser's
// streams and storage give.

/** The fragment of a course link: `#course=1.<base64url of the deflated file>`. */
export const LINK_PREFIX = '#course=1.';
/** The longest course link fragment the editor gives (characters); past it, the .md file. */
export const LINK_MAX = 32000;
/** The most bytes a course file holds (crates/lessons: course_file::MAX_SOURCE, checked there too). */
export const SOURCE_MAX = 100000;
/** Where the editor keeps the course being written, and the one it replaced last (opening a file or a link). */
export const DRAFT_KEY = 'descent.draft.v1';
export const BACKUP_KEY = 'descent.draft.v1.before';

const enc = new TextEncoder();

/** True when `hash` (location.hash) is a course link's fragment, whole or not. */
export function isCourseLink(hash) {
  return typeof hash === 'string' && hash.startsWith('#course=');
}

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  // A length base64 cannot have is a link cut short: its whole characters are read (and do not inflate).
  const s = atob(text.slice(0, text.length - (text.length % 4 === 1 ? 1 : 0)).replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** The course link's fragment for a course file (`#course=1.…`). */
export async function courseFragment(source) {
  return LINK_PREFIX + toBase64url(await pipe(enc.encode(source), new CompressionStream('deflate-raw')));
}

/** Inflates at most `max` bytes; throws 'tooLarge' past that, 'damaged' if the stream is broken. */
async function inflate(bytes, max) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) { reader.cancel().catch(() => {}); throw new Error('tooLarge'); }
      parts.push(value);
    }
  } catch (e) {
    throw new Error(e.message === 'tooLarge' ? 'tooLarge' : 'damaged');
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/**
 * A course link's fragment read back: `{ source }`, or `{ error }` with what is wrong:
 * `garbled` (not a course link of this format, or characters that base64url has not),
 * `damaged` (does not inflate: cut short or changed), `tooLarge` (inflates past SOURCE_MAX),
 * `notText` (not UTF-8 text).
 */
export async function readFragment(hash) {
  let body = hash;
  try { body = decodeURIComponent(hash); } catch { /* keep it as it came */ }
  if (!body.startsWith(LINK_PREFIX)) return { error: 'garbled' };
  const bytes = fromBase64url(body.slice(LINK_PREFIX.length));
  if (!bytes || !bytes.length) return { error: 'garbled' };
  let raw;
  try { raw = await inflate(bytes, SOURCE_MAX); } catch (e) { return { error: e.message }; }
  try { return { source: new TextDecoder('utf-8', { fatal: true }).decode(raw) }; } catch { return { error: 'notText' }; }
}

/**
 * The course's id: `course-` and a 64-bit FNV-1a hash of its file (hex). Its progress, and a
 * package's record, are kept under it, so a changed course starts afresh.
 */
export function courseId(source) {
  let h = 0xcbf29ce484222325n;
  for (const b of enc.encode(source)) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return `course-${h.toString(16).padStart(16, '0')}`;
}

// The editor's course: { langs: ['en', 'ko'], title: { en, ko }, summary: { en, ko },
// steps: [{ scene, title: { en, ko }, body: { en, ko } }] }. A step's body is its Markdown
// (a "predict, then see" question included); texts of a language taken out of `langs` stay in it.

/** An empty course in the languages `langs`. */
export function emptyCourse(langs, title) {
  const t = Object.fromEntries(langs.map((l) => [l, title[l] || '']));
  return { langs: [...langs], title: t, summary: {}, steps: [] };
}

const MARK = (lang) => `<!-- lang: ${lang} -->`;
const MARK_LINE = /^\s*<!--\s*lang:\s*(\S*)\s*-->\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const oneLine = (s) => String(s || '').replace(/\s+/g, ' ').trim();

/** The course file of the editor's course (crates/lessons: course_file). */
export function toSource(course) {
  const out = [];
  course.langs.forEach((lang, li) => {
    out.push(MARK(lang), `# ${oneLine(course.title[lang])}`, '');
    const summary = String((course.summary || {})[lang] || '').trim();
    if (summary) out.push(summary, '');
    for (const s of course.steps) {
      out.push(`## ${oneLine(s.title[lang])}`, '');
      if (li === 0) out.push('```scene', oneLine(s.scene), '```', '');
      const body = String(s.body[lang] || '').trim();
      if (body) out.push(body, '');
    }
  });
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * A course file read into the editor's course, loosely: whatever is not a title, a step heading
 * or a step's first scene block stays in the text around it (so the compiler still sees it, and
 * says what is wrong with it). Never throws.
 */
export function fromSource(source) {
  const course = { langs: [], title: {}, summary: {}, steps: [] };
  const text = String(source).replace(/\r\n?/g, '\n');
  let lang = null;
  let step = -1; // the step being read in this language (-1: before its first)
  let fence = null; // the lines of an open fenced block, and whether it is a scene
  const lines = text.split('\n');
  const add = (field, l) => {
    if (step < 0) { course.summary[lang] = course.summary[lang] ? `${course.summary[lang]}\n${l}` : l; return; }
    const s = course.steps[step];
    s[field][lang] = s[field][lang] !== undefined ? `${s[field][lang]}\n${l}` : l;
  };
  for (const l of lines) {
    if (fence) {
      fence.lines.push(l);
      if (FENCE.test(l)) {
        // A step's scene, written once (or the same again in another language); anything else stays text.
        const s = step >= 0 ? course.steps[step] : null;
        const scene = fence.lines.slice(1, -1).map((x) => x.trim()).filter(Boolean).join('&');
        if (fence.scene && s && (!s.scene || s.scene === scene)) s.scene = scene;
        else for (const x of fence.lines) add('body', x);
        fence = null;
      }
      continue;
    }
    const mark = MARK_LINE.exec(l);
    if (mark) {
      lang = mark[1];
      if (!course.langs.includes(lang)) course.langs.push(lang);
      step = -1;
      continue;
    }
    if (lang === null) continue; // (only blank lines and comments belong here)
    if (/^# /.test(l) && step < 0 && course.title[lang] === undefined) { course.title[lang] = l.slice(2).trim(); continue; }
    if (/^## /.test(l) || l.trim() === '##') {
      step++;
      if (!course.steps[step]) course.steps[step] = { scene: '', title: {}, body: {} };
      course.steps[step].title[lang] = l.slice(3).trim();
      continue;
    }
    if (FENCE.test(l)) { fence = { lines: [l], scene: /^ {0,3}(```|~~~)\s*scene\s*$/.test(l) }; continue; }
    add('body', l);
  }
  if (fence) for (const x of fence.lines) add('body', x);
  for (const s of course.steps) {
    for (const k of Object.keys(s.body)) s.body[k] = s.body[k].trim();
  }
  for (const k of Object.keys(course.summary)) course.summary[k] = course.summary[k].trim();
  return course;
}

/** Texts by language from whatever was stored: strings only. */
const texts = (o) => Object.fromEntries(Object.entries(o && typeof o === 'object' ? o : {}).filter(([, v]) => typeof v === 'string'));

/** The course kept in this browser (its shape checked: storage can be changed by hand), or null. */
export function loadDraft() {
  let d;
  try { d = JSON.parse(localStorage.getItem(DRAFT_KEY)); } catch { return null; }
  if (!d || !Array.isArray(d.langs) || !Array.isArray(d.steps)) return null;
  const langs = d.langs.filter((l) => typeof l === 'string' && /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(l));
  if (!langs.length) return null;
  return {
    langs,
    title: texts(d.title),
    summary: texts(d.summary),
    steps: d.steps.filter((s) => s && typeof s === 'object').map((s) => ({ scene: typeof s.scene === 'string' ? s.scene : '', title: texts(s.title), body: texts(s.body) })),
  };
}

/** Keeps the course in this browser (under `key`); false when storage is off or full. */
export function saveDraft(course, key = DRAFT_KEY) {
  try { localStorage.setItem(key, JSON.stringify(course)); return true; } catch { return false; }
}

/** A file name for the course: its title in letters and digits (`my-course.md`). */
export function fileName(course) {
  const t = oneLine(course.title[course.langs[0]]).toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${t || 'course'}.md`;
}
