//! A teacher's course in one file: every language's text of one lesson, each after a line that
//! names its language. It is what the page's course editor writes, what a course link carries
//! (compressed) and what a teacher downloads, opens again or sends; the page compiles it with this
//! module (built to wasm32 by `crates/author`), with the same checks as the built-in lessons.
//!
//! ````markdown
//! <!-- lang: en -->
//! # Steps downhill
//!
//! An optional summary paragraph.
//!
//! ## One step against the slope
//!
//! ```scene
//! surface=bowl&opt=gd&lr=0.1&view=contour,loss&show=path
//! ```
//!
//! Markdown and TeX as in a lesson, and a `> [!predict]` question if the step has one.
//!
//! <!-- lang: ko -->
//! # 내리막 걸음
//!
//! ## 기울기 반대로 한 걸음
//!
//! 같은 단계의 한국어 글이에요.
//! ````
//!
//! - Each language starts at a line `<!-- lang: <tag> -->` (a tag the scene table's `lang` key
//!   takes: `en`, `ko`, `pt-br`); what follows is a lesson file in that language, as
//!   `lessons/<id>/<lang>.md` is (see the crate's documentation). Only blank lines and comments
//!   may come before the first such line. One language is enough; the first is the one the
//!   others are checked against (the same steps, the same checkpoints and answers).
//! - Each step's scene is written once, in any language's text (or repeated: then the same).
//! - The summary is optional. At most [`MAX_STEPS`] steps and [`MAX_SOURCE`] bytes.
//!
//! Every problem names its line in the whole file; [`step_of`] tells the step it is in.

use crate::course::{assemble, Lesson};
use crate::lesson::{parse_in, LessonText};
use crate::problem::Problems;
use descent_core::scene::is_lang_tag;
use descent_core::Lang;
use serde::Serialize;

/// The name a course file's problems carry (the file itself has none in the page).
pub const PATH: &str = "course.md";
/// The most bytes a course file may hold: ten times a long lesson of the built-in course.
pub const MAX_SOURCE: usize = 100_000;
/// The most steps: the `step` key takes 1–99.
pub const MAX_STEPS: usize = 99;

const MARK_OPEN: &str = "<!-- lang:";
const MARK_CLOSE: &str = "-->";

/// The language a line `<!-- lang: ko -->` names (trimmed), if it is such a line.
fn language_mark(line: &str) -> Option<&str> {
    let t = line.trim();
    Some(t.strip_prefix(MARK_OPEN)?.strip_suffix(MARK_CLOSE)?.trim())
}

/// Whether `line` opens or closes a fenced block (```` ``` ```` or `~~~`, up to three spaces in).
fn fence(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let t = line.trim_start_matches(' ');
    indent < 4 && (t.starts_with("```") || t.starts_with("~~~"))
}

/// One language's part of the file: its tag and its text, with the lines before it left blank (so
/// the lesson reader's lines are the file's).
struct Part {
    lang: String,
    text: String,
}

/// Splits the file at its language marks (outside fenced blocks).
fn parts(source: &str, problems: &mut Problems) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    let mut in_fence = false;
    let mut told_before = false;
    for (i, line) in source.split('\n').enumerate() {
        let n = i + 1;
        if fence(line) {
            in_fence = !in_fence;
        }
        if !in_fence {
            if let Some(tag) = language_mark(line) {
                if !is_lang_tag(tag) {
                    problems.add(
                        PATH,
                        n,
                        format!("`{tag}` is not a language tag: write `<!-- lang: en -->`, `<!-- lang: ko -->`, …"),
                    );
                } else if out.iter().any(|p| p.lang == tag) {
                    problems.add(PATH, n, format!("a second `<!-- lang: {tag} -->`: each language's text comes once"));
                }
                out.push(Part { lang: tag.to_string(), text: "\n".repeat(n) });
                continue;
            }
        }
        match out.last_mut() {
            Some(p) => {
                p.text.push_str(line);
                p.text.push('\n');
            }
            None => {
                let t = line.trim();
                let comment = t.starts_with("<!--") && t.ends_with("-->");
                if !t.is_empty() && !comment && !told_before {
                    told_before = true;
                    problems.add(PATH, n, "text before the first `<!-- lang: en -->` line: a course file starts with the language of the text that follows (`en`, `ko`, …)");
                }
            }
        }
    }
    if out.is_empty() && !told_before {
        problems.add(PATH, 1, "no `<!-- lang: en -->` line: a course file starts with the language of the text that follows (`en`, `ko`, …)");
    }
    out
}

/// Reads and checks a course file; refused scenes are explained in `lang`. The lesson it gives
/// has the id `id` (the page's: a hash of the file).
pub fn compile(source: &str, id: &str, lang: Lang) -> Result<Lesson, Problems> {
    let mut problems = Problems::default();
    if source.len() > MAX_SOURCE {
        problems.add(
            PATH,
            1,
            format!("the course is {} bytes long; a course file holds at most {MAX_SOURCE}", source.len()),
        );
        return Err(problems);
    }
    let parts = parts(source, &mut problems);
    let mut texts: Vec<(String, LessonText)> = Vec::new();
    for p in &parts {
        match parse_in(PATH, &p.text, lang) {
            Ok(t) => texts.push((p.lang.clone(), t)),
            Err(e) => problems.extend(e),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let Some((_, base)) = texts.first() else {
        return Err(problems);
    };
    if let Some(s) = base.steps.get(MAX_STEPS) {
        problems.add(PATH, s.line, format!("more than {MAX_STEPS} steps: a course has at most {MAX_STEPS}"));
    }
    assemble(id, texts, problems)
}

/// The step a line of the file is in: the number of `## ` headings of its language's text
/// above it, counting the heading's own line (0: above the first step).
pub fn step_of(source: &str, line: usize) -> usize {
    let mut step = 0;
    let mut in_fence = false;
    for l in source.split('\n').take(line) {
        if fence(l) {
            in_fence = !in_fence;
        }
        if in_fence {
            continue;
        }
        if language_mark(l).is_some() {
            step = 0;
        } else if l.starts_with("## ") || l.trim_end() == "##" {
            step += 1;
        }
    }
    step
}

/// The language whose text holds a line of the file, if any.
fn lang_of(source: &str, line: usize) -> Option<String> {
    let mut lang = None;
    let mut in_fence = false;
    for l in source.split('\n').take(line) {
        if fence(l) {
            in_fence = !in_fence;
        }
        if !in_fence {
            if let Some(t) = language_mark(l) {
                lang = Some(t.to_string());
            }
        }
    }
    lang
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    line: usize,
    step: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    message: &'a str,
}

/// What the page gets: `{"ok":true,"languages":[…],"lessons":{"<lang>":<the lesson's JSON>}}`
/// (each as a built-in lesson's file, `lessons/<id>.<lang>.json`), or
/// `{"ok":false,"problems":[{"line","step","lang","message"}]}`.
pub fn compile_json(source: &str, id: &str, lang: &str) -> String {
    match compile(source, id, Lang::for_tag(lang)) {
        Ok(lesson) => {
            let mut lessons = serde_json::Map::new();
            for (l, _) in &lesson.texts {
                let json = lesson.json(l, 0).expect("a language the lesson has");
                lessons.insert(l.clone(), serde_json::from_str(&json).expect("lesson JSON"));
            }
            let languages: Vec<&str> = lesson.texts.iter().map(|(l, _)| l.as_str()).collect();
            serde_json::json!({ "ok": true, "languages": languages, "lessons": lessons }).to_string()
        }
        Err(p) => {
            let problems: Vec<ProblemJson> =
                p.0.iter()
                    .map(|p| ProblemJson {
                        line: p.line,
                        step: step_of(source, p.line),
                        lang: lang_of(source, p.line),
                        message: &p.message,
                    })
                    .collect();
            serde_json::json!({ "ok": false, "problems": problems }).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "<!-- lang: en -->\n# A course\n\n## One\n\n```scene\nsurface=bowl&opt=gd\n```\n\nText $x$.\n\n## Two\n\n```scene\nsurface=ravine\n```\n\nMore.\n\n> [!predict] Which?\n>\n> - [ ] A\n> - [x] B\n>\n> Because.\n";
    const KO: &str = "\n<!-- lang: ko -->\n# 강의\n\n## 하나\n\n글이에요.\n\n## 둘\n\n더 있어요.\n\n> [!predict] 어느 쪽이에요?\n>\n> - [ ] 가\n> - [x] 나\n>\n> 그래서요.\n";

    fn problems(source: &str) -> Vec<(usize, usize, String)> {
        let v: serde_json::Value = serde_json::from_str(&compile_json(source, "c", "en")).unwrap();
        assert_eq!(v["ok"], false, "{v}");
        v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (p["line"].as_u64().unwrap() as usize, p["step"].as_u64().unwrap() as usize, p["message"].to_string())
            })
            .collect()
    }

    #[test]
    fn one_language_or_two_with_the_scenes_written_once() {
        let l = compile(TWO, "c-1", Lang::En).unwrap();
        assert_eq!(l.scenes, ["surface=bowl&opt=gd", "surface=ravine"]);
        let both = format!("{TWO}{KO}");
        let v: serde_json::Value = serde_json::from_str(&compile_json(&both, "c-1", "ko")).unwrap();
        assert_eq!(v["ok"], true);
        assert_eq!(v["languages"], serde_json::json!(["en", "ko"]));
        assert_eq!(v["lessons"]["ko"]["id"], "c-1");
        assert_eq!(v["lessons"]["ko"]["title"]["ko"], "강의");
        assert_eq!(v["lessons"]["ko"]["steps"][1]["scene"], "surface=ravine");
        assert_eq!(v["lessons"]["ko"]["steps"][1]["check"]["answer"], 1);
        assert!(v["lessons"]["en"]["steps"][0]["body"]["en"].as_str().unwrap().contains("<math"));
        // Korean alone is a course too.
        let ko_only = KO
            .replace("## 하나\n", "## 하나\n\n```scene\nsurface=bowl\n```\n")
            .replace("## 둘\n", "## 둘\n\n```scene\nsurface=ravine\n```\n");
        assert_eq!(compile(&ko_only, "c", Lang::Ko).unwrap().texts[0].0, "ko");
    }

    #[test]
    fn problems_name_the_files_line_and_step() {
        let bad = TWO.replace("surface=ravine", "surface=ravine&cnod=3");
        let p = problems(&bad);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!((p[0].0, p[0].1), (15, 2));
        assert!(p[0].2.contains("Unknown scene key \\\"cnod\\\""), "{p:?}");
        // In Korean, the scene table's own Korean message.
        let v: serde_json::Value = serde_json::from_str(&compile_json(&bad, "c", "ko")).unwrap();
        assert!(!v["problems"][0]["message"].as_str().unwrap().starts_with("Unknown"), "{v}");
        // A problem in the second language: its line in the whole file, its step in that language.
        let both = format!("{TWO}{}", KO.replace("더 있어요.", "더 <script>alert(1)</script>"));
        let p = problems(&both);
        assert_eq!((p[0].0, p[0].1), (36, 2), "{p:?}");
        assert!(p[0].2.contains("<script> is not allowed"), "{p:?}");
        let tex = TWO.replace("Text $x$.", "Text $\\frac{a}{b} \\nosuch$.");
        assert_eq!(problems(&tex)[0].0, 10);
    }

    #[test]
    fn the_languages_must_agree_and_every_step_needs_a_scene() {
        let fewer = format!("{TWO}{}", KO.split("## 둘").next().unwrap());
        assert!(problems(&fewer)[0].2.contains("every language has the same steps"));
        let answer = format!("{TWO}{}", KO.replace("- [ ] 가\n> - [x] 나", "- [x] 가\n> - [ ] 나"));
        assert!(problems(&answer)[0].2.contains("answer is choice 1"));
        let no_scene = TWO.replace("```scene\nsurface=bowl&opt=gd\n```\n", "");
        let p = problems(&no_scene);
        assert_eq!((p[0].0, p[0].1), (4, 1));
        assert!(p[0].2.contains("has no scene"));
    }

    #[test]
    fn marks_tags_size_and_steps() {
        assert!(problems("# A course\n\n## One\n\nText.\n")[0].2.contains("text before the first"));
        assert!(problems("")[0].2.contains("no `<!-- lang: en -->` line"));
        assert!(problems(&TWO.replace("lang: en", "lang: English"))[0].2.contains("not a language tag"));
        assert!(problems(&format!("{TWO}\n<!-- lang: en -->\n# Again\n\n## One\n\nText.\n"))[0].2.contains("a second"));
        let huge = format!("{TWO}{}", "x".repeat(MAX_SOURCE));
        assert!(problems(&huge)[0].2.contains("at most 100000"));
        let mut many = String::from("<!-- lang: en -->\n# Many\n\n");
        for i in 0..=MAX_STEPS {
            many.push_str(&format!("## Step {i}\n\n```scene\nsurface=bowl\n```\n\nText.\n\n"));
        }
        let p = problems(&many);
        assert_eq!(p[0].1, 100);
        assert!(p[0].2.contains("more than 99 steps"));
        // A mark inside a fenced block is the block's text (the block is then refused as code).
        let fenced = TWO.replace("More.\n", "More.\n\n```\n<!-- lang: ko -->\n```\n");
        assert!(problems(&fenced).iter().all(|p| !p.2.contains("steps, but")), "{:?}", problems(&fenced));
        // Comments may come first.
        assert!(compile(&format!("<!-- A Descent course -->\n\n{TWO}"), "c", Lang::En).is_ok());
    }

    #[test]
    fn step_of_counts_headings_per_language() {
        let both = format!("{TWO}{KO}");
        assert_eq!(step_of(&both, 2), 0);
        assert_eq!(step_of(&both, 4), 1);
        assert_eq!(step_of(&both, 12), 2);
        assert_eq!(step_of(&both, 28), 0);
        assert_eq!(step_of(&both, 30), 1);
        assert_eq!(step_of(&both, 36), 2);
    }
}
