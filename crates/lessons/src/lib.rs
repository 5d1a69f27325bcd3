//! Descent's lesson compiler: lesson sources, written as Markdown with TeX formulas, one file per
//! lesson per language, become the JSON the page loads (`momentum.ko.json`: one language, formulas
//! as MathML), so a learner's browser downloads no parser.
//!
//! ```text
//! lessons/course.md           the course map: a numbered list of the lesson folders
//! lessons/momentum/en.md      a lesson in English (every lesson has one)
//! lessons/momentum/ko.md      … in Korean
//! lessons/ui/en.toml          the page's own words in English (buttons, labels, messages)
//! lessons/ui/ko.toml          … in Korean: with it, Korean is one of the site's languages
//! ```
//!
//! A language is a set of files: its page strings ([`ui`]) and the lessons written in it. A
//! lesson or a string a language lacks is shown in English ([`site`]).
//!
//! A lesson file:
//!
//! ````markdown
//! # Momentum
//!
//! Average the gradients: the back-and-forth cancels out. (the summary, shown on the course map)
//!
//! ## A zigzag in a narrow valley
//!
//! ```scene
//! surface=ravine&cond=100&opt=gd&lr=0.18&view=contour,loss&show=path
//! ```
//!
//! The step's text: Markdown (**bold**, *italic*, `code`, lists), formulas in TeX, inline as
//! $V_{dW}$ or displayed as $$V_{dW} = \beta V_{dW} + (1 - \beta)\,dW$$
//!
//! > [!predict] If you average db over the last steps, what do you get?
//! >
//! > - [ ] A large number
//! > - [x] Something close to 0
//! >
//! > The explanation, shown once the learner has chosen.
//! ````
//!
//! - `# Title` once, then one summary paragraph; each step starts with `## Step title`.
//! - A step's scene (a ```` ```scene ```` block, the preset as in a link; its lines are joined
//!   with `&`) belongs to the step, not to a language: write it in `en.md`; another language may
//!   leave it out, and where it gives one, it must be the same scene.
//! - A "predict, then see" checkpoint is a quote that starts with `[!predict]`: the question, the
//!   choices as a task list with the answer marked `[x]`, then the explanation. It comes last in
//!   its step.
//! - Titles, the summary, questions and choices are plain text. Step text may use the HTML tags
//!   of the page's allow-list (`web/rich-text.js`, e.g. `<mark>`), without attributes; `<!-- … -->`
//!   comments are dropped.
//!
//! Every mistake is reported with its file and line ([`Problem`]): an unknown scene key or value
//! (the core's [`descent_core::Scene::parse`]), TeX that does not parse or needs MathML the page
//! would drop, a checkpoint without an answer, languages that disagree on the steps, scenes or
//! checkpoints, HTML outside the allow-list; in the page strings, TOML that does not parse, a key
//! English does not have, placeholders that differ from English's, HTML in a string.
//!
//! A teacher's course is one file holding every language's text of one lesson ([`course_file`]),
//! compiled in the page by the same code (`crates/author`, this library built to wasm32).
//!
//! The library reads no files (so it also compiles to wasm32); `src/main.rs` is the build's tool.

mod allow;
pub mod course;
pub mod course_file;
pub mod lesson;
mod markup;
pub mod problem;
pub mod site;
pub mod tex;
pub mod ui;

pub use course::{course, lesson, Course, File, Lesson, BASE};
pub use lesson::{parse, parse_in, CheckText, LessonText, SceneText, StepText};
pub use problem::{Problem, Problems};
pub use site::{site, Site};
pub use tex::{math_chars, to_mathml};
pub use ui::{ui, Ui};
