//! Any text at all: the compiler answers with a lesson (or page strings) or with problems, and
//! never panics (it also runs in the browser, on a teacher's text, where a panic would stop the
//! page).

use descent_lessons::{course_file, lesson, parse, to_mathml, ui, File};
use proptest::prelude::*;

/// Pieces that mean something to Markdown, TeX, HTML or the lesson format.
const PIECES: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "\n",
    "\n\n",
    "> ",
    "> [!predict] ",
    "- [ ] ",
    "- [x] ",
    "- ",
    "1. ",
    "```scene\n",
    "```\n",
    "surface=bowl",
    "&",
    "=",
    "cond=",
    "opt=gd,adam",
    "lr=",
    "0.5",
    "$",
    "$$",
    "\\frac{",
    "}{",
    "}",
    "{",
    "\\alpha",
    "^",
    "_",
    "\\begin{aligned}",
    "\\end{aligned}",
    "&=",
    "\\\\",
    "\\left(",
    "\\right)",
    "\\sqrt",
    "\\text{",
    "<",
    ">",
    "<mark>",
    "</mark>",
    "<!--",
    "-->",
    "<math>",
    "**",
    "*",
    "`",
    "[",
    "](x)",
    "!",
    "\\",
    "ü",
    "한",
    "𝑥",
    "\u{202E}",
    "word ",
    "Title",
    "\t",
    "    ",
    "---",
    "&amp;",
    "&#",
    ";",
    "\\color{red}",
    "\\big(",
    "\\hat",
    "'",
];

/// Pieces that mean something to TOML or to the page strings.
const TOML_PIECES: &[&str] = &[
    "language = \"Deutsch\"\n",
    "stepOf = ",
    "table = ",
    "\"",
    "\"\"\"",
    "'",
    "[",
    "]",
    "[readout]\n",
    "[[x]]\n",
    "{",
    "}",
    "{step}",
    "{steps}",
    "= ",
    "\n",
    "# ",
    ", ",
    "\\",
    "\\u00",
    "3",
    "true",
    "1979-05-27",
    "<b>",
    "&amp;",
    "x.y = ",
    "한",
    "\u{202E}",
    "word ",
];

fn toml() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOML_PIECES), 0..60).prop_map(|p| p.concat())
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn any_source_gives_a_lesson_or_problems(en in text(), ko in text()) {
        let _ = parse("x/en.md", &en);
        let _ = lesson("x", &[File::new("x/en.md", en.clone()), File::new("x/ko.md", ko)]);
        let with_frame = format!("# T\n\nS.\n\n## One\n\n```scene\nsurface=bowl\n```\n\n{en}\n");
        if let Err(p) = parse("x/en.md", &with_frame) {
            for problem in &p.0 {
                prop_assert!(problem.line >= 1 && problem.line <= with_frame.lines().count().max(1) + 1, "{problem}");
            }
        }
    }

    #[test]
    fn any_course_file_gives_json_with_a_course_or_problems_at_its_lines(en in text(), ko in text(), lang in prop::sample::select(&["en", "ko"][..])) {
        // A teacher's course, compiled in the page on anyone's text: never a panic, always JSON,
        // every problem at a line of the file and in a step no further than its headings.
        for source in [format!("<!-- lang: en -->\n{en}"), format!("<!-- lang: en -->\n{en}\n<!-- lang: ko -->\n{ko}"), en.clone()] {
            let v: serde_json::Value = serde_json::from_str(&course_file::compile_json(&source, "course-x", lang)).unwrap();
            if v["ok"] == false {
                let lines = source.split('\n').count();
                for p in v["problems"].as_array().unwrap() {
                    let line = p["line"].as_u64().unwrap() as usize;
                    prop_assert!(line >= 1 && line <= lines + 1, "{p} in {source:?}");
                    prop_assert!(p["step"].as_u64().unwrap() as usize <= source.matches("## ").count(), "{p}");
                }
            } else {
                prop_assert!(!v["lessons"].as_object().unwrap().is_empty());
            }
        }
    }

    #[test]
    fn any_page_strings_give_strings_or_problems(de in toml()) {
        let en = "language = \"English\"\nstepOf = \"Step {step} of {steps}\"\ntable = [\"t\", \"w\"]\n[readout]\nw = \"w\"\n";
        if let Err(p) = ui(&[File::new("u/en.toml", en), File::new("u/de.toml", de.clone())]) {
            for problem in &p.0 {
                prop_assert!(problem.line >= 1 && problem.line <= de.lines().count().max(1) + 1 || problem.path == "u/en.toml", "{problem}");
            }
        }
    }

    #[test]
    fn any_tex_gives_mathml_or_a_reason(tex in text(), display: bool) {
        if let Ok(m) = to_mathml(&tex, display) {
            prop_assert!(m.starts_with("<math") && m.ends_with("</math>"), "{m}");
            prop_assert!(!m.contains("<mark") && !m.contains("style="), "{m}");
        }
    }
}
