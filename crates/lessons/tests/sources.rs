//! The real lesson sources (`lessons/` at the top of the repository), compiled by the build's tool
//! as scripts/build.sh runs it.
//!
//! `before-16.json` is what the lessons were before they became Markdown: for every step of the
//! 13 bilingual JSON files (commit d2eec6a, `web/lessons/*.json`), its scene, the number of
//! formulas in each language and its checkpoint's number of choices and answer. Nothing of that
//! may be lost; the text itself was compared once, at the conversion, and may change since.
//! Deliberate changes since are listed in [`ADDED`], [`FORMULAS`] and [`CHANGED_SINCE`], each
//! with its reason; everything else must still match. The tests' third language
//! (tests/fixtures/de) compiles beside them, and its mistakes stop the build.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

const LANGS: [&str; 2] = ["en", "ko"];

/// Steps added since `before-16.json`: (lesson, step number from 1). They have no entry there;
/// every other step keeps its place.
const ADDED: &[(&str, usize)] = &[
    // Issue 24: saddles and plateaus, the trap of many dimensions (the saddle surface).
    ("local-optima", 6),
];

/// Steps whose number of formulas changed since: (lesson, step, formulas in en, in ko).
const FORMULAS: &[(&str, usize, usize, usize)] = &[
    // Issue 24: batch/1 writes out the sigmoid, batch/2 the log loss (and x_ij in a sentence).
    ("batch", 1, 1, 1),
    ("batch", 2, 3, 3),
];
/// Scenes changed on purpose since the conversion, (lesson, step, view list before, after): the
/// update in numbers on the momentum, RMSprop and Adam lessons, and the data matrix after the
/// figure it explains (the first view is a step's main one).
const CHANGED_SINCE: [(&str, usize, &str, &str); 8] = [
    ("momentum", 3, "view=contour,grads,loss&", "view=contour,grads,loss,update&"),
    ("rmsprop", 1, "view=contour,loss&", "view=contour,loss,update&"),
    ("adam", 1, "view=contour,loss&", "view=contour,loss,update&"),
    ("adam", 2, "view=contour,readout&", "view=contour,readout,update&"),
    ("batch", 1, "view=matrix,scatter&", "view=scatter,matrix&"),
    ("batch", 2, "view=matrix,scatter,loss&", "view=scatter,matrix,loss&"),
    ("batch", 3, "view=matrix,contour,loss&", "view=contour,matrix,loss&"),
    ("batch", 4, "view=matrix,contour,loss&", "view=contour,matrix,loss&"),
];

/// The scene a step should have now: the old one with its change since, if any.
fn scene_now(id: &str, step: usize, old: &Value) -> Value {
    let old = old.as_str().unwrap();
    match CHANGED_SINCE.iter().find(|c| c.0 == id && c.1 == step) {
        Some((_, _, from, to)) => {
            assert!(old.contains(from), "{id} step {step}: the change since starts from {from}");
            Value::from(old.replacen(from, to, 1))
        }
        None => Value::from(old),
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh folder under the target dir, for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `descent-lessons <lessons> <out> [extra args]`: (success, stdout, stderr).
fn compile_with(lessons: &Path, out: &Path, extra: &[&Path]) -> (bool, String, String) {
    let run = Command::new(env!("CARGO_BIN_EXE_descent-lessons")).arg(lessons).arg(out).args(extra).output().unwrap();
    (run.status.success(), String::from_utf8_lossy(&run.stdout).into(), String::from_utf8_lossy(&run.stderr).into())
}

fn compile(lessons: &Path, out: &Path) -> (bool, String, String) {
    compile_with(lessons, out, &[])
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

#[test]
fn every_lesson_compiles_and_nothing_is_lost() {
    let out = scratch("compiled");
    let (ok, stdout, stderr) = compile(&repo().join("lessons"), &out);
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("lessons: 14 lessons in en, ko, 75 steps"), "{stdout}");
    // Nothing shipped is left to English: every lesson and every page string is in Korean too.
    assert_eq!(stderr, "", "the shipped languages are complete");
    let before = read_json(&repo().join("crates/lessons/tests/before-16.json"));
    let lessons = before["lessons"].as_array().unwrap();
    assert_eq!(lessons.len(), 13);
    for lang in LANGS {
        let index = read_json(&out.join(format!("index.{lang}.json")));
        let ids: Vec<&Value> = index["lessons"].as_array().unwrap().iter().map(|l| &l["id"]).collect();
        // The lessons from before, in their order, then the ones added since (lesson 14, real-model).
        let (old_ids, added) = ids.split_at(lessons.len().min(ids.len()));
        assert_eq!(old_ids, lessons.iter().map(|l| &l["id"]).collect::<Vec<_>>(), "the course map's order ({lang})");
        assert_eq!(added, [&Value::from("real-model")], "the lessons added since ({lang})");
        for entry in index["lessons"].as_array().unwrap() {
            assert!(
                !entry["title"][lang].as_str().unwrap().is_empty()
                    && !entry["summary"][lang].as_str().unwrap().is_empty()
            );
        }
    }
    for old in lessons {
        let id = old["id"].as_str().unwrap();
        for lang in LANGS {
            let new = read_json(&out.join(format!("{id}.{lang}.json")));
            let at = format!("{id} ({lang})");
            assert_eq!(new["id"], old["id"], "{at}");
            assert_eq!(new["n"], old["n"], "{at}");
            let (old_steps, all_steps) = (old["steps"].as_array().unwrap(), new["steps"].as_array().unwrap());
            let added: Vec<usize> = ADDED.iter().filter(|a| a.0 == id).map(|a| a.1).collect();
            for &k in &added {
                let s = all_steps.get(k - 1).unwrap_or_else(|| panic!("{at}: the added step {k} is missing"));
                assert!(s["scene"].as_str().is_some_and(|q| !q.is_empty()), "{at}: step {k}'s scene");
                assert!(!s["title"][lang].as_str().unwrap().is_empty(), "{at}: step {k}'s title");
                assert!(!s["body"][lang].as_str().unwrap().contains("**"), "{at}: step {k}: bold left unconverted");
            }
            // The old steps, at their new numbers.
            let new_steps: Vec<(usize, &Value)> =
                all_steps.iter().enumerate().map(|(i, s)| (i + 1, s)).filter(|(k, _)| !added.contains(k)).collect();
            assert_eq!(new_steps.len(), old_steps.len(), "{at}: steps");
            for (o, &(k, n)) in old_steps.iter().zip(&new_steps) {
                let at = format!("{id} step {k} ({lang})");
                assert_eq!(n["scene"], scene_now(id, k, &o["scene"]), "{at}: scene");
                assert!(!n["title"][lang].as_str().unwrap().is_empty(), "{at}: title");
                let html = format!(
                    "{}{}",
                    n["body"][lang].as_str().unwrap(),
                    n["check"]["explain"][lang].as_str().unwrap_or("")
                );
                let formulas = match FORMULAS.iter().find(|f| f.0 == id && f.1 == k) {
                    Some(&(_, _, en, ko)) => {
                        let now = Value::from(if lang == "en" { en } else { ko });
                        assert_ne!(now, o["formulas"][lang], "{at}: listed in FORMULAS, but unchanged");
                        now
                    }
                    None => o["formulas"][lang].clone(),
                };
                assert_eq!(Value::from(html.matches("<math").count()), formulas, "{at}: formulas");
                assert!(!html.contains("merror") && !html.contains('$'), "{at}: a formula left unconverted");
                // `**잔차(residual)**예요` stays literal (a closing `**` after punctuation and
                // before a letter cannot close): the gloss goes after the bold, `**잔차**(residual)예요`.
                assert!(!html.contains("**"), "{at}: bold left unconverted");
                match (&o["check"], &n["check"]) {
                    (Value::Null, Value::Null) => {}
                    (Value::Null, _) => panic!("{at}: a checkpoint that was not there"),
                    (_, Value::Null) => panic!("{at}: the checkpoint is lost"),
                    (oc, nc) => {
                        assert_eq!(nc["answer"], oc["answer"], "{at}: answer");
                        assert_eq!(
                            Value::from(nc["choices"].as_array().unwrap().len()),
                            oc["choices"],
                            "{at}: choices"
                        );
                        assert!(!nc["q"][lang].as_str().unwrap().is_empty(), "{at}: question");
                    }
                }
            }
        }
    }
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Copies the lesson sources, so a test can break one.
fn copy_of_lessons(name: &str) -> PathBuf {
    let dir = scratch(name).join("lessons");
    copy(&repo().join("lessons"), &dir);
    dir
}

/// The tests' third language (a partial German: page strings and one lesson; never shipped).
fn fixture() -> PathBuf {
    repo().join("tests/fixtures/de")
}

/// Replaces the first `from` in a source with `to`; returns the line it is on.
fn break_source(file: &Path, from: &str, to: &str) -> usize {
    let text = fs::read_to_string(file).unwrap();
    let at = text.find(from).unwrap_or_else(|| panic!("{from} in {}", file.display()));
    fs::write(file, text.replacen(from, to, 1)).unwrap();
    text[..at].matches('\n').count() + 1
}

#[test]
fn a_bad_scene_key_stops_the_build_at_its_file_and_line() {
    let lessons = copy_of_lessons("bad-scene");
    let line = break_source(&lessons.join("momentum/en.md"), "cond=100", "cnod=100");
    let out = lessons.parent().unwrap().join("out");
    let (ok, _, stderr) = compile(&lessons, &out);
    assert!(!ok);
    let want = format!("{}/momentum/en.md:{line}: Unknown scene key \"cnod\"", lessons.display());
    assert!(stderr.starts_with(&want), "{stderr}");
    assert!(stderr.ends_with("lessons: 1 problem; nothing written\n"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn broken_tex_stops_the_build_at_its_file_and_line() {
    let lessons = copy_of_lessons("bad-tex");
    let line =
        break_source(&lessons.join("update/ko.md"), r"\frac{\partial C}{\partial w}", r"\frac{\partial C}{\partail w}");
    let (ok, _, stderr) = compile(&lessons, &lessons.parent().unwrap().join("out"));
    assert!(!ok);
    let want =
        format!("{}/update/ko.md:{line}: TeX does not parse: unknown primitive command found", lessons.display());
    assert!(stderr.starts_with(&want), "{stderr}");
}

#[test]
fn a_translation_with_a_step_missing_stops_the_build() {
    let lessons = copy_of_lessons("missing-step");
    let file = lessons.join("ewa/ko.md");
    let text = fs::read_to_string(&file).unwrap();
    let last = text.rfind("\n## ").unwrap();
    fs::write(&file, &text[..last]).unwrap();
    let (ok, _, stderr) = compile(&lessons, &lessons.parent().unwrap().join("out"));
    assert!(!ok);
    assert!(stderr.contains("/ewa/ko.md:1: 3 steps, but "), "{stderr}");
    assert!(stderr.contains("/ewa/en.md has 4: every language has the same steps"), "{stderr}");
}

#[test]
fn the_readmes_example_lesson_compiles() {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let (_, rest) = readme.split_once("<!-- example lesson").expect("the example's marker in README.md");
    let (_, rest) = rest.split_once("````markdown\n").expect("its ````markdown block");
    let (source, _) = rest.split_once("\n````").expect("the block's end");
    let lesson = descent_lessons::lesson("example", &[descent_lessons::File::new("example/en.md", source)])
        .unwrap_or_else(|p| panic!("README.md's example lesson: {p}"));
    let text = lesson.text("en").unwrap();
    assert_eq!(text.steps.len(), 2, "two steps");
    assert_eq!(text.steps.iter().map(|s| s.formulas).sum::<usize>(), 1, "one formula");
    let checks: Vec<_> = text.steps.iter().filter_map(|s| s.check.as_ref()).collect();
    assert_eq!(checks.len(), 1, "one checkpoint");
    assert_eq!((checks[0].choices.len(), checks[0].answer), (3, 1));
}

#[test]
fn the_readmes_course_file_and_the_example_course_compile() {
    use descent_core::Lang;
    use descent_lessons::course_file::compile;
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let (_, rest) = readme.split_once("**The course file.**").expect("the course file's paragraph in README.md");
    let (_, rest) = rest.split_once("````markdown\n").expect("its ````markdown block");
    let (source, _) = rest.split_once("\n````").expect("the block's end");
    let course = compile(source, "course-x", Lang::En).unwrap_or_else(|p| panic!("README.md's course file: {p}"));
    assert_eq!(course.texts.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(), ["en", "ko"]);
    assert_eq!(course.scenes.len(), 1);
    let example = fs::read_to_string(repo().join("examples/course.md")).unwrap();
    let course = compile(&example, "course-x", Lang::En).unwrap_or_else(|p| panic!("examples/course.md: {p}"));
    let en = &course.texts[0].1;
    assert_eq!(en.steps.len(), 2, "two steps");
    assert_eq!(en.steps.iter().filter(|s| s.check.is_some()).count(), 1, "one question");
}

#[test]
fn the_test_fixtures_third_language_compiles_beside_the_lessons_with_notes() {
    let out = scratch("fixture");
    let (ok, stdout, stderr) = compile_with(&repo().join("lessons"), &out, &[Path::new("--with"), &fixture()]);
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("lessons: 14 lessons in en, de, ko, 75 steps"), "{stdout}");
    // What the fixture leaves to English is named (not an error): strings and lessons.
    let de = fixture().join("ui/de.toml");
    assert!(stderr.contains(&format!("note: {}:1: `exportCsv` not translated yet (", de.display())), "{stderr}");
    assert!(stderr.contains("/lessons/update/en.md:1: not translated into Deutsch yet (no de.md)"), "{stderr}");
    assert!(!stderr.contains("/lessons/ewa/en.md:1: not translated"), "{stderr}");
    let index = read_json(&out.join("index.de.json"));
    assert_eq!(index["languages"][1], serde_json::json!({ "lang": "de", "name": "Deutsch" }));
    assert_eq!(index["ui"]["copyLink"], "Link zu diesem Schritt kopieren");
    assert_eq!(index["ui"]["exportCsv"], "Save run (CSV)", "English where the fixture has none");
    assert_eq!(read_json(&out.join("ewa.de.json"))["lang"], "de");
    assert_eq!(read_json(&out.join("update.de.json")), read_json(&out.join("update.en.json")));
}

/// A copy of the fixture with one line changed, compiled beside the lessons: (stderr, the line).
fn broken_fixture(name: &str, from: &str, to: &str) -> (String, PathBuf, usize) {
    let dir = scratch(name).join("de");
    copy(&fixture(), &dir);
    let file = dir.join("ui/de.toml");
    let line = break_source(&file, from, to);
    let out = dir.parent().unwrap().join("out");
    let (ok, _, stderr) = compile_with(&repo().join("lessons"), &out, &[Path::new("--with"), &dir]);
    assert!(!ok, "{name}: the build goes on");
    assert!(stderr.ends_with("nothing written\n"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
    (stderr, file, line)
}

#[test]
fn a_bad_language_file_stops_the_build_at_its_file_and_line() {
    let (stderr, file, line) = broken_fixture("bad-placeholder", "Schritt {step} von", "Schritt {i} von");
    let want = format!(
        "{}:{line}: `stepOf`: placeholders {{i}} {{steps}}, but {}:",
        file.display(),
        repo().join("lessons/ui/en.toml").display()
    );
    assert!(stderr.starts_with(&want), "{stderr}");
    let (stderr, file, line) = broken_fixture("bad-toml", "close = \"Schließen\"", "close = \"Schließen");
    assert!(stderr.starts_with(&format!("{}:{line}: not TOML: ", file.display())), "{stderr}");
    let (stderr, file, line) = broken_fixture("bad-html", "right = \"Richtig!\"", "right = \"<b>Richtig!</b>\"");
    assert!(stderr.starts_with(&format!("{}:{line}: `right`: `<b>` is HTML", file.display())), "{stderr}");
    let (stderr, file, line) = broken_fixture("bad-key", "home = ", "hmoe = ");
    assert!(
        stderr.starts_with(&format!("{}:{line}: `hmoe` is not one of the page's strings", file.display())),
        "{stderr}"
    );
    let (stderr, file, _) = broken_fixture("no-name", "language = \"Deutsch\"\n", "");
    assert!(stderr.starts_with(&format!("{}:1: no `language = \"…\"`", file.display())), "{stderr}");
}
