//! The build's lesson compiler:
//!
//! ```text
//! descent-lessons <lessons dir>                     check every source, write nothing
//! descent-lessons <lessons dir> <out dir> [--math-chars <file>] [--with <dir>]
//! ```
//!
//! Reads `<lessons dir>/course.md`, every `<id>/<lang>.md` and every `ui/<lang>.toml` (the page's
//! strings), and writes `<id>.<lang>.json` and `index.<lang>.json` for every language into
//! `<out dir>`; `--math-chars` also writes every character the formulas show (for the math
//! font's subset); `--with <dir>` adds the files of another folder laid out the same way (the
//! tests' third language, which is not shipped). On any mistake it prints each one as
//! `file:line: reason`, writes nothing and exits with status 1. What a translation leaves to
//! English is printed as notes (the build goes on).

use descent_lessons::{math_chars, site, File};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;
use std::{fs, io};

/// The folder of the page's strings, beside the lesson folders.
const UI_DIR: &str = "ui";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let (Ok(chars_out), Ok(with)) = (option(&mut args, "--math-chars"), option(&mut args, "--with")) else {
        return usage();
    };
    let (dir, out) = match &args[..] {
        [dir] => (dir.trim_end_matches('/'), None),
        [dir, out] => (dir.trim_end_matches('/'), Some(out.as_str())),
        _ => return usage(),
    };
    let dirs: Vec<&str> = std::iter::once(dir).chain(with.as_deref().map(|w| w.trim_end_matches('/'))).collect();
    match run(&dirs, out, chars_out.as_deref()) {
        Ok((summary, notes)) => {
            eprint!("{notes}");
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprint!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Takes `--name <value>` out of the arguments: `Ok(None)` if absent, `Err` without a value.
fn option(args: &mut Vec<String>, name: &str) -> Result<Option<String>, ()> {
    match args.iter().position(|a| a == name) {
        Some(i) if i + 1 < args.len() => {
            let value = args.remove(i + 1);
            args.remove(i);
            Ok(Some(value))
        }
        Some(_) => Err(()),
        None => Ok(None),
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: descent-lessons <lessons dir> [<out dir> [--math-chars <file>] [--with <dir>]]");
    ExitCode::from(2)
}

fn read(path: &str) -> Result<File, String> {
    fs::read_to_string(path).map(|text| File::new(path, text)).map_err(|e| format!("{path}: {e}\n"))
}

/// The files of a folder whose names end with `ext`, sorted (none if there is no such folder).
fn files_in(folder: &str, ext: &str) -> Result<Vec<File>, String> {
    if !Path::new(folder).is_dir() {
        return Ok(Vec::new());
    }
    sorted(folder)
        .map_err(|e| format!("{folder}: {e}\n"))?
        .into_iter()
        .filter(|name| name.ends_with(ext))
        .map(|name| read(&format!("{folder}/{name}")))
        .collect()
}

fn run(dirs: &[&str], out: Option<&str>, chars_out: Option<&str>) -> Result<(String, String), String> {
    let map = read(&format!("{}/course.md", dirs[0]))?;
    let mut folders: Vec<(String, Vec<File>)> = Vec::new();
    let mut ui_files = Vec::new();
    for dir in dirs {
        for entry in sorted(dir).map_err(|e| format!("{dir}: {e}\n"))? {
            let folder = format!("{dir}/{entry}");
            if !Path::new(&folder).is_dir() {
                continue;
            }
            if entry == UI_DIR {
                ui_files.extend(files_in(&folder, ".toml")?);
                continue;
            }
            let files = files_in(&folder, ".md")?;
            match folders.iter_mut().find(|(id, _)| *id == entry) {
                Some((_, have)) => have.extend(files),
                None => folders.push((entry, files)),
            }
        }
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let site = site(&map, &folders, &ui_files)
        .map_err(|p| format!("{p}lessons: {} problem{}; nothing written\n", p.0.len(), plural(p.0.len())))?;
    let lessons = &site.course.lessons;
    let steps: usize = lessons.iter().map(|l| l.scenes.len()).sum();
    let formulas: usize = lessons.iter().flat_map(|l| &l.texts[0].1.steps).map(|s| s.formulas).sum();
    let mut summary = format!(
        "lessons: {} lessons in {}, {steps} steps, {formulas} formulas (in {BASE}); {} page strings",
        lessons.len(),
        site.languages().join(", "),
        site.ui.languages[0].entries.len(),
        BASE = descent_lessons::BASE
    );
    if let Some(out) = out {
        fs::create_dir_all(out).map_err(|e| format!("{out}: {e}\n"))?;
        let files = site.outputs();
        for (name, json) in &files {
            fs::write(format!("{out}/{name}"), json).map_err(|e| format!("{out}/{name}: {e}\n"))?;
        }
        summary.push_str(&format!(" → {out}/ ({} files)", files.len()));
    }
    if let Some(path) = chars_out {
        let mut chars = BTreeSet::new();
        for l in lessons {
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
    let n = site.notes.0.len();
    let notes = if n == 0 {
        String::new()
    } else {
        let each: String = site.notes.0.iter().map(|p| format!("note: {p}\n")).collect();
        format!(
            "{each}lessons: {n} note{}: text a translation leaves to English (the page shows the English)\n",
            plural(n)
        )
    };
    Ok((summary, notes))
}

/// The names in a folder, sorted.
fn sorted(dir: &str) -> io::Result<Vec<String>> {
    let mut names: Vec<String> =
        fs::read_dir(dir)?.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    Ok(names)
}
