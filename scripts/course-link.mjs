// A teacher's course file (crates/lessons/src/course_file.rs) as a course link, the way the
// editor makes one (web/teacher-course.js: the file deflated, base64url, in the fragment), for the
// README's example and the tests:
//
//   node scripts/course-link.mjs examples/course.md [--lang=en]     prints ?lang=en#course=1.…
import fs from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** The fragment (`#course=1.…`) of a course file's text. */
export function fragmentOf(source) {
  return `#course=1.${zlib.deflateRawSync(Buffer.from(source, 'utf8'), { level: 9 }).toString('base64url')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) { console.error('usage: node scripts/course-link.mjs <course.md> [--lang=en]'); process.exit(2); }
  const lang = (process.argv.find((a) => a.startsWith('--lang=')) || '').slice(7);
  console.log(`${lang ? `?lang=${lang}` : ''}${fragmentOf(fs.readFileSync(file, 'utf8'))}`);
}
