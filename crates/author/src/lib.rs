//! The course editor's compiler, for the page: a teacher's course file (Markdown + TeX, every
//! language in one file: `descent_lessons::course_file`) compiled by the very code that compiles
//! the built-in lessons, with its checks (the scene table, TeX, the allow-list of lesson text).
//! Built by `scripts/build.sh` into `dist/descent-author*`, a module of its own: only the editor
//! and a page playing a teacher's course load it (`web/author.js`), never a visit to a lesson.

use wasm_bindgen::prelude::*;

/// `compileCourse(source, id, lang)`: the course as JSON, `{"ok":true,"languages":[…],
/// "lessons":{"<lang>":{id,n,lang,title,steps}}}` (each language as a built-in lesson's file),
/// or `{"ok":false,"problems":[{line,step,lang,message}]}`, lines counted in the whole file;
/// refused scenes are explained in `lang` (English or Korean).
#[wasm_bindgen(js_name = compileCourse)]
pub fn compile_course(source: &str, id: &str, lang: &str) -> String {
    descent_lessons::course_file::compile_json(source, id, lang)
}

/// The most bytes a course file may hold.
#[wasm_bindgen(js_name = maxSource)]
pub fn max_source() -> usize {
    descent_lessons::course_file::MAX_SOURCE
}
