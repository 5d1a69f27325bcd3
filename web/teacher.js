// Courses teachers make: the editor (editor.js), playing a teacher's course (teacher-play.js),
// and adding a scene on screen to the course being written. One file of its own (dist/teacher.js,
// loaded by route.js and lesson.js only when one of these is asked for), with the course
// compiler (author.js) behind it, so a learner on the built-in lessons downloads neither.
import { lessonData } from './course.js';
import { addToCourse as add, openEditor as edit } from './editor.js';
import { playCourse as play } from './teacher-play.js';

/**
 * The `[teacher]` page strings in the page's language (lessons/teacher.<lang>.json, which the
 * course map leaves out), into `app.S.teacher`.
 */
async function strings(app) {
  app.S.teacher = (await lessonData(app, 'teacher')).ui;
}

export async function openEditor(app) { await strings(app); return edit(app); }
export async function playCourse(app, params, page) { await strings(app); return play(app, params, page); }
export async function addToCourse(app, scene) { await strings(app); return add(app, scene); }
