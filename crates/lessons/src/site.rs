//! The course in every language the build finds, with the page's strings: what the page loads.
//!
//! A language is a set of files: its page strings (`ui/<lang>.toml`, which makes it one of the
//! site's languages) and the lessons written in it (`<id>/<lang>.md`). Every language gets every
//! file the page loads, so a page in it never asks for a file that is not there:
//!
//! - `index.<lang>.json`: the course map (each lesson's title and summary), the languages found
//!   (tag and own name, for the language switch) and the page's strings (English where the
//!   language has none), so a first visit fetches no file more for them;
//! - `<id>.<lang>.json`: the lesson; a lesson not written in that language gets its English
//!   text here, marked `"lang": "en"` (the page shows it with a note);
//! - `teacher.<lang>.json`: the strings' `[teacher]` group (the course editor and a teacher's
//!   course), left out of the course map, so a learner on the built-in lessons does not download
//!   them; the editor's code fetches them (`{ lang, ui }`).

use crate::course::{course, Course, File, Text, BASE};
use crate::problem::Problems;
use crate::ui::{ui, Ui};
use serde::Serialize;

/// The group of page strings only the course editor and a teacher's course use (`teacher.<lang>.json`).
pub const TEACHER_GROUP: &str = "teacher";

/// The course and the page's strings, checked against each other.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub course: Course,
    pub ui: Ui,
    /// What a translation leaves to English: strings and whole lessons. Not errors; the build
    /// prints them.
    pub notes: Problems,
}

/// Reads and checks everything: the course map, every lesson folder's files and every language's
/// page strings (`ui_files`).
pub fn site(map: &File, folders: &[(String, Vec<File>)], ui_files: &[File]) -> Result<Site, Problems> {
    let course = course(map, folders);
    let ui = ui(ui_files);
    let (course, ui) = match (course, ui) {
        (Ok(c), Ok(u)) => (c, u),
        (c, u) => {
            let mut p = Problems::default();
            p.extend(c.err().unwrap_or_default());
            p.extend(u.err().unwrap_or_default());
            return Err(p);
        }
    };
    let mut problems = Problems::default();
    let mut notes = ui.notes.clone();
    let tags = ui.tags();
    for l in &course.lessons {
        for (lang, t) in &l.texts {
            if !tags.iter().any(|(tag, _)| tag == lang) {
                problems.add(
                    &t.path,
                    1,
                    format!("a lesson in `{lang}` needs the page's strings in `{lang}` too: ui/{lang}.toml beside course.md (start from ui/{BASE}.toml)"),
                );
            }
        }
        let base = &l.texts[0].1;
        for (tag, name) in &tags[1..] {
            if l.text(tag).is_none() {
                notes.add(
                    &base.path,
                    1,
                    format!("not translated into {name} yet (no {tag}.md); a page in {tag} shows it in English, with a note"),
                );
            }
        }
    }
    problems.or(Site { course, ui, notes })
}

#[derive(Serialize)]
struct IndexJson<'a> {
    lang: &'a str,
    languages: Vec<LanguageJson<'a>>,
    ui: serde_json::Value,
    lessons: Vec<IndexEntry<'a>>,
}

#[derive(Serialize)]
struct LanguageJson<'a> {
    lang: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct IndexEntry<'a> {
    id: &'a str,
    n: usize,
    /// The language of its title and summary (and of its lesson file).
    lang: &'a str,
    title: Text<'a>,
    summary: Text<'a>,
}

impl Site {
    /// The site's languages, English first.
    pub fn languages(&self) -> Vec<&str> {
        self.ui.tags().into_iter().map(|(t, _)| t).collect()
    }

    /// The course map in `lang` (`index.<lang>.json`).
    pub fn index_json(&self, lang: &str) -> String {
        let lessons = self
            .course
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let (lang, t) = l.texts.iter().find(|(k, _)| k == lang).unwrap_or(&l.texts[0]);
                let summary = t.summary.as_deref().unwrap_or("");
                IndexEntry { id: &l.id, n: i + 1, lang, title: Text(lang, &t.title), summary: Text(lang, summary) }
            })
            .collect();
        let languages = self.ui.tags().into_iter().map(|(lang, name)| LanguageJson { lang, name }).collect();
        let mut ui = self.ui.json(lang);
        if let Some(m) = ui.as_object_mut() {
            m.remove(TEACHER_GROUP);
        }
        let index = IndexJson { lang, languages, ui, lessons };
        serde_json::to_string(&index).expect("course map JSON")
    }

    /// The strings of the course editor and a teacher's course in `lang` (`teacher.<lang>.json`).
    pub fn teacher_json(&self, lang: &str) -> String {
        let ui = self.ui.json(lang).get(TEACHER_GROUP).cloned().unwrap_or_else(|| serde_json::json!({}));
        serde_json::json!({ "lang": lang, "ui": ui }).to_string()
    }

    /// Every file the page loads: `(name, JSON)`, e.g. `("momentum.ko.json", …)`, `("index.en.json", …)`.
    pub fn outputs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for lang in self.languages() {
            out.push((format!("index.{lang}.json"), self.index_json(lang)));
            out.push((format!("{TEACHER_GROUP}.{lang}.json"), self.teacher_json(lang)));
            for (i, l) in self.course.lessons.iter().enumerate() {
                let json =
                    l.json(lang, i + 1).or_else(|| l.json(BASE, i + 1)).expect("every lesson has its English text");
                out.push((format!("{}.{lang}.json", l.id), json));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const EN: &str = "# Title\n\nSummary.\n\n## One\n\n```scene\nsurface=bowl\n```\n\nText.\n";
    const DE: &str = "# Titel\n\nZusammenfassung.\n\n## Eins\n\nText.\n";

    fn strings(lang: &str, name: &str) -> File {
        File::new(format!("l/ui/{lang}.toml"), crate::ui::tests::with_labels(&format!("language = \"{name}\"\n")))
    }
    fn map() -> File {
        File::new("l/course.md", "1. cost\n2. update\n")
    }
    fn folders(de: bool) -> Vec<(String, Vec<File>)> {
        let mut cost = vec![File::new("l/cost/en.md", EN)];
        if de {
            cost.push(File::new("l/cost/de.md", DE));
        }
        vec![("cost".into(), cost), ("update".into(), vec![File::new("l/update/en.md", EN)])]
    }
    fn json(outputs: &[(String, String)], name: &str) -> Value {
        serde_json::from_str(&outputs.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1).unwrap()
    }

    #[test]
    fn every_language_gets_every_file_with_english_where_it_has_none() {
        let s = site(&map(), &folders(true), &[strings("de", "Deutsch"), strings("en", "English")]).unwrap();
        assert_eq!(s.languages(), ["en", "de"]);
        let out = s.outputs();
        let names: Vec<&str> = out.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "index.en.json",
                "teacher.en.json",
                "cost.en.json",
                "update.en.json",
                "index.de.json",
                "teacher.de.json",
                "cost.de.json",
                "update.de.json"
            ]
        );
        // The editor's strings are a file of their own, not in the course map.
        assert_eq!(json(&out, "teacher.de.json")["lang"], "de");
        assert!(json(&out, "index.de.json")["ui"].get(TEACHER_GROUP).is_none());
        let index = json(&out, "index.de.json");
        assert_eq!(index["lang"], "de");
        assert_eq!(
            index["languages"],
            serde_json::json!([{ "lang": "en", "name": "English" }, { "lang": "de", "name": "Deutsch" }])
        );
        assert_eq!(index["ui"]["language"], "Deutsch");
        assert_eq!(index["lessons"][0]["lang"], "de");
        assert_eq!(index["lessons"][0]["title"]["de"], "Titel");
        assert_eq!(index["lessons"][1]["lang"], "en", "not translated: the English entry");
        assert_eq!(index["lessons"][1]["n"], 2);
        assert_eq!(index["lessons"][1]["summary"]["en"], "Summary.");
        assert_eq!(json(&out, "cost.de.json")["lang"], "de");
        let fallback = json(&out, "update.de.json");
        assert_eq!(fallback, json(&out, "update.en.json"));
        assert_eq!(fallback["lang"], "en");
        let notes: Vec<String> = s.notes.0.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            notes,
            ["l/update/en.md:1: not translated into Deutsch yet (no de.md); a page in de shows it in English, with a note"]
        );
    }

    #[test]
    fn a_language_needs_its_page_strings_and_english_its_own() {
        let m = site(&map(), &folders(true), &[strings("en", "English")]).unwrap_err();
        assert_eq!(
            m.to_string(),
            "l/cost/de.md:1: a lesson in `de` needs the page's strings in `de` too: ui/de.toml beside course.md (start from ui/en.toml)\n"
        );
        // The course's and the strings' problems come together.
        let broken = File::new("l/ui/en.toml", "language = \"English\"\nx = \n");
        let m = site(&File::new("l/course.md", "1. nosuch\n"), &[], &[broken]).unwrap_err().to_string();
        assert!(m.contains("l/course.md:1: `nosuch` is not a lesson") && m.contains("l/ui/en.toml:2: not TOML"), "{m}");
        // Languages with page strings and no lessons yet: every lesson in English.
        let s = site(&map(), &folders(false), &[strings("en", "English"), strings("ko", "한국어")]).unwrap();
        assert_eq!(s.notes.0.len(), 2);
        assert_eq!(json(&s.outputs(), "index.ko.json")["lessons"][0]["lang"], "en");
    }
}
