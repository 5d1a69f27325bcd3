//! The build's lesson compiler:
//!
//! ```text
//! descent-lessons <lessons dir>                     check every source, write nothing
//! descent-lessons <lessons dir> <out dir> [--math-chars <file>]
//! ```
//!
//! Reads `<lessons dir>/course.md` and every `<id>/<lang>.md`, and writes `<id>.<lang>.json` and
//! `index.<lang>.json` into `<out dir>`; `--math-chars` also writes every character the formulas
//! show (for the math font's subset). On any mistake it prints each one as `file:line: reason`,
//! writes nothing and exits with status 1.

use descent_lessons::{course, math_chars, File};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;
use std::{fs, io};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let chars_out = match args.iter().position(|a| a == "--math-chars") {
        Some(i) if i + 1 < args.len() => {
            let file = args.remove(i + 1);
            args.remove(i);
            Some(file)
        }
        Some(_) => return usage(),
        None => None,
    };
    let (dir, out) = match &args[..] {
        [dir] => (dir.trim_end_matches('/'), None),
        [dir, out] => (dir.trim_end_matches('/'), Some(out.as_str())),
        _ => return usage(),
    };
    match run(dir, out, chars_out.as_deref()) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprint!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: descent-lessons <lessons dir> [<out dir> [--math-chars <file>]]");
    ExitCode::from(2)
}

fn run(dir: &str, out: Option<&str>, chars_out: Option<&str>) -> Result<String, String> {
    let read = |path: &str| fs::read_to_string(path).map_err(|e| format!("{path}: {e}\n"));
    let map = File::new(format!("{dir}/course.md"), read(&format!("{dir}/course.md"))?);
    let mut folders = Vec::new();
    for entry in sorted(dir).map_err(|e| format!("{dir}: {e}\n"))? {
        let folder = format!("{dir}/{entry}");
        if !Path::new(&folder).is_dir() {
            continue;
        }
        let mut files = Vec::new();
        for name in sorted(&folder).map_err(|e| format!("{folder}: {e}\n"))? {
            if name.ends_with(".md") {
                let path = format!("{folder}/{name}");
                files.push(File::new(path.clone(), read(&path)?));
            }
        }
        folders.push((entry, files));
    }
    let course = course(&map, &folders).map_err(|p| {
        format!("{p}lessons: {} problem{}; nothing written\n", p.0.len(), if p.0.len() == 1 { "" } else { "s" })
    })?;
    let langs = course.languages();
    let steps: usize = course.lessons.iter().map(|l| l.scenes.len()).sum();
    let formulas: usize = course.lessons.iter().flat_map(|l| &l.texts[0].1.steps).map(|s| s.formulas).sum();
    let mut summary = format!(
        "lessons: {} lessons in {}, {steps} steps, {formulas} formulas (in {BASE})",
        course.lessons.len(),
        langs.join(", "),
        BASE = descent_lessons::BASE
    );
    if let Some(out) = out {
        fs::create_dir_all(out).map_err(|e| format!("{out}: {e}\n"))?;
        let files = course.outputs();
        for (name, json) in &files {
            fs::write(format!("{out}/{name}"), json).map_err(|e| format!("{out}/{name}: {e}\n"))?;
        }
        summary.push_str(&format!(" → {out}/ ({} files)", files.len()));
    }
    if let Some(path) = chars_out {
        let mut chars = BTreeSet::new();
        for l in &course.lessons {
            for (_, t) in &l.texts {
                for s in &t.steps {
                    math_chars(&s.body, &mut chars);
                    if let Some(c) = &s.check {
                        math_chars(&c.explain, &mut chars);
                    }
                }
            }
        }
        fs::write(path, chars.iter().collect::<String>()).map_err(|e| format!("{path}: {e}\n"))?;
        summary.push_str(&format!("; {} characters in formulas → {path}", chars.len()));
    }
    Ok(summary)
}

/// The names in a folder, sorted.
fn sorted(dir: &str) -> io::Result<Vec<String>> {
    let mut names: Vec<String> =
        fs::read_dir(dir)?.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    Ok(names)
}
