//! A lesson's languages put together and checked against each other, the course map, and the JSON
//! the page loads.

use crate::lesson::{parse, LessonText};
use crate::problem::{Lines, Problems};
use descent_core::Scene;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde::Serialize as DeriveSerialize;

/// Every lesson has its text in this language; it is the one the others are checked against.
pub const BASE: &str = "en";

/// A source file: its path (for messages and for its language, `ko.md` → `ko`) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub text: String,
}

impl File {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        File { path: path.into(), text: text.into() }
    }
    /// The language the file's name gives: `lessons/cost/ko.md` → `ko` (a tag the core's `lang`
    /// key accepts: [`descent_core::scene::is_lang_tag`]).
    pub fn lang(&self) -> Option<&str> {
        let name = self.path.rsplit(['/', '\\']).next()?;
        name.strip_suffix(".md").filter(|l| descent_core::scene::is_lang_tag(l))
    }
}

/// One lesson in every language it has.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    pub id: String,
    /// `(language, text)`, the base language first, then the others by name.
    pub texts: Vec<(String, LessonText)>,
    /// Each step's scene (from whichever languages give it; they agree).
    pub scenes: Vec<String>,
}

/// Reads and checks a lesson's files (one per language, `<lang>.md`).
pub fn lesson(id: &str, files: &[File]) -> Result<Lesson, Problems> {
    let mut problems = Problems::default();
    let mut texts: Vec<(String, LessonText)> = Vec::new();
    for f in files {
        let Some(lang) = f.lang() else {
            problems.add(&f.path, 1, "a lesson file is named after its language: en.md, ko.md, …");
            continue;
        };
        match parse(&f.path, &f.text) {
            Ok(t) => texts.push((lang.to_string(), t)),
            Err(p) => problems.extend(p),
        }
    }
    texts.sort_by(|a, b| (a.0 != BASE, &a.0).cmp(&(b.0 != BASE, &b.0)));
    if !problems.is_empty() {
        return Err(problems);
    }
    let Some((base_lang, base)) = texts.first() else {
        problems.add(id, 1, "a lesson folder without any <lang>.md file");
        return Err(problems);
    };
    if base_lang != BASE {
        let path = base.path.rsplit_once(['/', '\\']).map(|(dir, _)| format!("{dir}/{BASE}.md"));
        problems.add(
            &path.unwrap_or_else(|| format!("{BASE}.md")),
            1,
            "missing: every lesson has its English text, which other languages fall back to",
        );
    }
    assemble(id, texts, problems)
}

/// The lesson its languages' checked texts make (the first is the base, which the others must
/// agree with): each step's scene, given in one of them. A lesson's files and a teacher's course
/// file both end here.
pub(crate) fn assemble(id: &str, texts: Vec<(String, LessonText)>, mut problems: Problems) -> Result<Lesson, Problems> {
    let base = &texts[0].1;
    for (_, other) in &texts[1..] {
        agree(base, other, &mut problems);
    }
    let mut scenes = Vec::new();
    for (i, step) in base.steps.iter().enumerate() {
        let given = texts.iter().find_map(|(_, t)| t.steps.get(i).and_then(|s| s.scene.as_ref()));
        match given {
            Some(s) => scenes.push(s.query.clone()),
            None => problems.add(
                &base.path,
                step.line,
                format!("the step \"{}\" has no scene: put a ```scene block under its title", step.title),
            ),
        }
    }
    problems.or(Lesson { id: id.to_string(), texts, scenes })
}

/// The checks between two languages of one lesson: the same steps, scenes and checkpoints.
fn agree(base: &LessonText, other: &LessonText, problems: &mut Problems) {
    let (b, o) = (&base.steps, &other.steps);
    if b.len() != o.len() {
        let line = o.get(b.len()).map(|s| s.line).unwrap_or(other.title_line);
        problems.add(
            &other.path,
            line,
            format!("{} steps, but {} has {}: every language has the same steps", o.len(), base.path, b.len()),
        );
        return;
    }
    for (i, (bs, os)) in b.iter().zip(o).enumerate() {
        let n = i + 1;
        if let (Some(x), Some(y)) = (&bs.scene, &os.scene) {
            if x.scene != y.scene {
                problems.add(
                    &other.path,
                    y.line,
                    format!(
                        "step {n}'s scene differs from {}:{}'s ({}); a step has one scene",
                        base.path, x.line, x.query
                    ),
                );
            }
        }
        match (&bs.check, &os.check) {
            (Some(x), Some(y)) => {
                if x.choices.len() != y.choices.len() {
                    problems.add(
                        &other.path,
                        y.line,
                        format!(
                            "step {n}'s checkpoint has {} choices, {}:{}'s has {}",
                            y.choices.len(),
                            base.path,
                            x.line,
                            x.choices.len()
                        ),
                    );
                } else if x.answer != y.answer {
                    problems.add(
                        &other.path,
                        y.line,
                        format!(
                            "step {n}'s answer is choice {}, {}:{}'s is choice {}",
                            y.answer + 1,
                            base.path,
                            x.line,
                            x.answer + 1
                        ),
                    );
                }
            }
            (Some(x), None) => problems.add(
                &other.path,
                os.line,
                format!("step {n} has no checkpoint, but {}:{} has one", base.path, x.line),
            ),
            (None, Some(y)) => problems.add(
                &other.path,
                y.line,
                format!("step {n} has a checkpoint, but {}:{} has none", base.path, bs.line),
            ),
            (None, None) => {}
        }
    }
}

/// The built-in course: its lessons in the course map's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Course {
    pub lessons: Vec<Lesson>,
}

/// Reads the course map (`course.md`: a numbered list of lesson folders) and every lesson in it.
/// `folders` holds each folder of the lessons directory with its `.md` files.
pub fn course(map: &File, folders: &[(String, Vec<File>)]) -> Result<Course, Problems> {
    let mut problems = Problems::default();
    let order = course_map(map, &mut problems);
    let mut lessons = Vec::new();
    for (id, line) in &order {
        match folders.iter().find(|(f, _)| f == id) {
            None => problems.add(&map.path, *line, format!("no folder {id}/ beside the course map")),
            Some((_, files)) => match lesson(id, files) {
                Ok(l) => lessons.push(l),
                Err(p) => problems.extend(p),
            },
        }
    }
    for (folder, _) in folders {
        if !order.iter().any(|(id, _)| id == folder) {
            problems.add(&map.path, 1, format!("the folder {folder}/ is not on the course map: add it to the list"));
        }
    }
    for (_, t) in lessons.iter().flat_map(|l| &l.texts) {
        if t.summary.is_none() {
            problems.add(
                &t.path,
                t.title_line,
                "no summary: write one sentence under the title (the course map shows it)",
            );
        }
    }
    problems.or(Course { lessons })
}

/// The lesson ids of the map's numbered list, with their lines.
fn course_map(map: &File, problems: &mut Problems) -> Vec<(String, usize)> {
    let lines = Lines::new(&map.text);
    let mut order: Vec<(String, usize)> = Vec::new();
    let mut in_list = false;
    let mut lists = 0;
    let mut item: Option<(String, usize)> = None;
    for (e, range) in Parser::new_ext(&map.text, Options::empty()).into_offset_iter() {
        let line = lines.at(range.start);
        match e {
            Event::Start(Tag::List(Some(_))) => {
                lists += 1;
                in_list = lists == 1;
            }
            Event::End(TagEnd::List(true)) => in_list = false,
            Event::Start(Tag::Item) if in_list => item = Some((String::new(), line)),
            Event::Text(t) | Event::Code(t) if in_list => {
                if let Some((s, _)) = item.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Item) if in_list => {
                let (id, line) = item.take().unwrap_or_default();
                let id = id.trim().to_string();
                if Scene::parse(&format!("lesson={id}")).is_err() {
                    problems.add(
                        &map.path,
                        line,
                        format!("`{id}` is not a lesson the scene table knows (crates/core/src/scene.rs: LESSONS); add it there too"),
                    );
                } else if order.iter().any(|(o, _)| *o == id) {
                    problems.add(&map.path, line, format!("{id} is on the course map twice"));
                } else {
                    order.push((id, line));
                }
            }
            _ => {}
        }
    }
    if lists == 0 {
        problems.add(&map.path, 1, "no numbered list of lessons (`1. cost`, `2. derivative`, …)");
    }
    order
}

/// A text in one language, written as `{ "<lang>": "<text>" }` (the shape the page reads).
pub(crate) struct Text<'a>(pub &'a str, pub &'a str);

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(self.0, self.1)?;
        m.end()
    }
}

#[derive(DeriveSerialize)]
struct LessonJson<'a> {
    id: &'a str,
    n: usize,
    /// The language of its text.
    lang: &'a str,
    title: Text<'a>,
    steps: Vec<StepJson<'a>>,
}

#[derive(DeriveSerialize)]
struct StepJson<'a> {
    scene: &'a str,
    title: Text<'a>,
    body: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<CheckJson<'a>>,
}

#[derive(DeriveSerialize)]
struct CheckJson<'a> {
    q: Text<'a>,
    choices: Vec<Text<'a>>,
    answer: usize,
    explain: Text<'a>,
}

impl Lesson {
    /// The lesson's text in `lang`, if it has it.
    pub fn text(&self, lang: &str) -> Option<&LessonText> {
        self.texts.iter().find(|(l, _)| l == lang).map(|(_, t)| t)
    }

    /// The page's JSON of this lesson in `lang` (`n`: its place on the course map), or `None`
    /// without a text in that language.
    pub fn json(&self, lang: &str, n: usize) -> Option<String> {
        let t = self.text(lang)?;
        let steps = t
            .steps
            .iter()
            .zip(&self.scenes)
            .map(|(s, scene)| StepJson {
                scene,
                title: Text(lang, &s.title),
                body: Text(lang, &s.body),
                check: s.check.as_ref().map(|c| CheckJson {
                    q: Text(lang, &c.question),
                    choices: c.choices.iter().map(|x| Text(lang, x)).collect(),
                    answer: c.answer,
                    explain: Text(lang, &c.explain),
                }),
            })
            .collect();
        let json = LessonJson { id: &self.id, n, lang, title: Text(lang, &t.title), steps };
        Some(serde_json::to_string(&json).expect("lesson JSON"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "# Title\n\nSummary.\n\n## One\n\n```scene\nsurface=bowl\n```\n\nText.\n\n> [!predict] Q?\n>\n> - [ ] a\n> - [x] b\n>\n> Why.\n\n## Two\n\n```scene\nsurface=ravine&cond=50\n```\n\nMore.\n";
    const KO: &str = "# 제목\n\n요약.\n\n## 하나\n\n글.\n\n> [!predict] 질문?\n>\n> - [ ] 가\n> - [x] 나\n>\n> 이유.\n\n## 둘\n\n글.\n";

    fn files(en: &str, ko: &str) -> Vec<File> {
        vec![File::new("l/x/ko.md", ko), File::new("l/x/en.md", en)]
    }
    fn messages(r: Result<Lesson, Problems>) -> Vec<String> {
        r.expect_err("problems").0.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn languages_share_the_scenes_written_once() {
        let l = lesson("x", &files(EN, KO)).unwrap();
        assert_eq!(l.texts.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["en", "ko"]);
        assert_eq!(l.scenes, ["surface=bowl", "surface=ravine&cond=50"]);
        let ko: serde_json::Value = serde_json::from_str(&l.json("ko", 3).unwrap()).unwrap();
        assert_eq!(ko["n"], 3);
        assert_eq!(ko["lang"], "ko");
        assert_eq!(ko["title"]["ko"], "제목");
        assert_eq!(ko["steps"][1]["scene"], "surface=ravine&cond=50");
        assert_eq!(ko["steps"][0]["check"]["choices"][1]["ko"], "나");
        assert_eq!(ko["steps"][0]["check"]["answer"], 1);
        assert!(ko["steps"][1].get("check").is_none());
        assert_eq!(l.json("fr", 3), None);
        // A language may repeat a scene if it is the same scene (written in another order).
        let same = KO.replace("## 둘\n", "## 둘\n\n```scene\ncond=50&surface=ravine\n```\n");
        assert!(lesson("x", &files(EN, &same)).is_ok());
    }

    #[test]
    fn languages_that_disagree_are_refused() {
        let fewer = KO.split("## 둘").next().unwrap();
        assert_eq!(
            messages(lesson("x", &files(EN, fewer))),
            ["l/x/ko.md:1: 1 steps, but l/x/en.md has 2: every language has the same steps"]
        );
        let other = KO.replace("## 둘\n", "## 둘\n\n```scene\nsurface=ravine&cond=60\n```\n");
        let m = messages(lesson("x", &files(EN, &other)));
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("l/x/ko.md:19: step 2's scene differs from l/x/en.md:23's"), "{m:?}");
        let answer = KO.replace("- [ ] 가\n> - [x] 나", "- [x] 가\n> - [ ] 나");
        assert!(messages(lesson("x", &files(EN, &answer)))[0]
            .contains("step 1's answer is choice 1, l/x/en.md:13's is choice 2"));
        let choices = KO.replace("> - [x] 나\n", "> - [x] 나\n> - [ ] 다\n");
        assert!(messages(lesson("x", &files(EN, &choices)))[0].contains("checkpoint has 3 choices"));
        let none = KO.replace("> [!predict] 질문?\n>\n> - [ ] 가\n> - [x] 나\n>\n> 이유.\n", "");
        assert!(messages(lesson("x", &files(EN, &none)))[0].contains("step 1 has no checkpoint"));
    }

    #[test]
    fn every_step_needs_a_scene_and_every_lesson_english() {
        let m = messages(lesson("x", &files(&EN.replace("```scene\nsurface=bowl\n```\n", ""), KO)));
        assert_eq!(m, ["l/x/en.md:5: the step \"One\" has no scene: put a ```scene block under its title"]);
        let m = messages(lesson("x", &[File::new("l/x/ko.md", EN)]));
        assert!(m[0].starts_with("l/x/en.md:1: missing"), "{m:?}");
        let m = messages(lesson("x", &[File::new("l/x/en.md", EN), File::new("l/x/English.md", EN)]));
        assert!(m[0].starts_with("l/x/English.md:1: a lesson file is named after its language"), "{m:?}");
    }

    #[test]
    fn the_course_map_lists_known_lessons_that_exist() {
        let map = |text: &str| File::new("l/course.md", text);
        let cost = vec![File::new("l/cost/en.md", EN)];
        let c = course(&map("# Map\n\nNotes.\n\n1. cost\n"), &[("cost".into(), cost.clone())]).unwrap();
        assert_eq!(c.lessons.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["cost"]);

        let problems = |text: &str, folders: &[(String, Vec<File>)]| -> Vec<String> {
            course(&map(text), folders).expect_err("problems").0.iter().map(|p| p.to_string()).collect()
        };
        let m = problems("1. cost\n2. nosuch\n", &[("cost".into(), cost.clone())]);
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("l/course.md:2: `nosuch` is not a lesson the scene table knows"), "{m:?}");
        assert_eq!(
            problems("1. cost\n2. update\n", &[("cost".into(), cost.clone())]),
            ["l/course.md:2: no folder update/ beside the course map"]
        );
        let two = [("cost".into(), cost.clone()), ("update".into(), cost.clone())];
        assert_eq!(
            problems("1. cost\n", &two),
            ["l/course.md:1: the folder update/ is not on the course map: add it to the list"]
        );
        assert!(problems("1. cost\n2. cost\n", &two)[0].contains("on the course map twice"));
        assert!(problems("- cost\n", &two)[0].contains("no numbered list"));
        let ko_without = vec![File::new("l/cost/en.md", EN), File::new("l/cost/ko.md", KO.replace("요약.\n\n", ""))];
        assert_eq!(
            problems("1. cost\n", &[("cost".into(), ko_without)]),
            ["l/cost/ko.md:1: no summary: write one sentence under the title (the course map shows it)"]
        );
        let no_summary = vec![File::new("l/cost/en.md", EN.replace("Summary.\n\n", ""))];
        assert_eq!(
            problems("1. cost\n", &[("cost".into(), no_summary)]),
            ["l/cost/en.md:1: no summary: write one sentence under the title (the course map shows it)"]
        );
    }
}
