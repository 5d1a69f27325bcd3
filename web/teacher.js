// Courses teachers make: the editor (editor.js), playing a teacher's course (teacher-play.js),
// and adding a scene on screen to the course being written. One file of its own (dist/teacher.js,
// loaded by route.js and lesson.js only when one of these is asked for), with the course
// compiler (author.js) behind it, so a learner on the built-in lessons downloads neither.
export { addToCourse, openEditor } from './editor.js';
export { playCourse } from './teacher-play.js';
