//! The page's own words (buttons, labels, messages, the course page's title), one TOML file per
//! language beside the lessons: `lessons/ui/en.toml`, `lessons/ui/ko.toml`, …
//!
//! ```toml
//! language = "English"          # the language's own name, shown in the language switch
//! stepOf = "Step {step} of {steps}"
//! table = ["t", "w", "slope ∂C/∂w"]
//!
//! [readout]
//! cost = "cost C"
//! ```
//!
//! A value is plain text (the page shows it as written) or a list of them; a `[table]` groups
//! keys (`readout.cost`). `{name}` is a placeholder the page fills in. English (`en.toml`) has
//! every string; a translation has the same keys with the same placeholders and the same number
//! of items in a list, and may leave keys out: the page then shows the English, and the build
//! names each one (a note, not an error). Everything else wrong stops the build, as
//! `file:line: reason`: TOML that does not parse, a key English does not have, a value of another
//! kind, placeholders that differ, HTML or a character reference in a string.

use crate::course::BASE;
use crate::problem::{Lines, Problems};
use crate::File;
use serde_json::{Map, Value as Json};
use toml_edit::{ImDocument, Item, TableLike, Value};

/// One string of a language's file: its dotted key (`readout.cost`), its value and its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub value: Text,
    pub line: usize,
    /// The line of the `[table]` it is in (1 at the top level).
    pub table_line: usize,
}

/// A value: one text, or a list of texts (a table's column heads).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    One(String),
    List(Vec<String>),
}

impl Text {
    fn kind(&self) -> &'static str {
        match self {
            Text::One(_) => "a text",
            Text::List(_) => "a list of texts",
        }
    }
    fn texts(&self) -> &[String] {
        match self {
            Text::One(s) => std::slice::from_ref(s),
            Text::List(l) => l,
        }
    }
    fn json(&self) -> Json {
        match self {
            Text::One(s) => Json::from(s.as_str()),
            Text::List(l) => Json::from(l.clone()),
        }
    }
}

/// One language's page strings, as written in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strings {
    pub lang: String,
    pub path: String,
    /// Its own name (`language = "한국어"`), shown in the language switch.
    pub name: String,
    pub entries: Vec<Entry>,
}

impl Strings {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

/// The key every file gives itself: the language's own name.
pub const NAME_KEY: &str = "language";

/// Every language's page strings, English first, checked against each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ui {
    pub languages: Vec<Strings>,
    /// What a translation leaves to English (not errors: the page shows the English).
    pub notes: Problems,
}

/// The language a UI file's name gives: `lessons/ui/ko.toml` → `ko`.
pub fn lang_of_ui_file(path: &str) -> Option<&str> {
    let name = path.rsplit(['/', '\\']).next()?;
    name.strip_suffix(".toml").filter(|l| descent_core::scene::is_lang_tag(l))
}

/// Reads and checks every language's file (`ui/<lang>.toml`).
pub fn ui(files: &[File]) -> Result<Ui, Problems> {
    let mut problems = Problems::default();
    let mut languages = Vec::new();
    for f in files {
        let Some(lang) = lang_of_ui_file(&f.path) else {
            problems.add(
                &f.path,
                1,
                "a page-strings file is named after its language: en.toml, ko.toml, pt-br.toml, …",
            );
            continue;
        };
        if let Some(s) = parse(lang, f, &mut problems) {
            languages.push(s);
        }
    }
    languages.sort_by(|a, b| (a.lang != BASE, &a.lang).cmp(&(b.lang != BASE, &b.lang)));
    // (A file with mistakes is still checked against English, as far as it parsed: every mistake
    // is reported at once.)
    let Some(base) = languages.first().filter(|s| s.lang == BASE) else {
        if files.iter().any(|f| lang_of_ui_file(&f.path) == Some(BASE)) {
            return Err(problems);
        }
        let dir = files.first().and_then(|f| f.path.rsplit_once(['/', '\\'])).map(|(d, _)| d).unwrap_or("ui");
        problems.add(
            &format!("{dir}/{BASE}.toml"),
            1,
            "missing: the page's strings in English, which every language falls back to",
        );
        return Err(problems);
    };
    check_base(base, &mut problems);
    let mut notes = Problems::default();
    for other in &languages[1..] {
        agree(base, other, &mut problems, &mut notes);
    }
    problems.or(Ui { languages, notes })
}

/// Parses one file into its entries, each string checked on its own.
fn parse(lang: &str, f: &File, problems: &mut Problems) -> Option<Strings> {
    let lines = Lines::new(&f.text);
    let doc = match ImDocument::parse(f.text.as_str()) {
        Ok(d) => d,
        Err(e) => {
            let line = e.span().map(|s| lines.at(s.start)).unwrap_or(1);
            let why = e.message().trim().trim_end_matches('.').replace('\n', "; ");
            problems.add(&f.path, line, format!("not TOML: {why} (a line is `key = \"text\"`)"));
            return None;
        }
    };
    let mut entries = Vec::new();
    walk(doc.as_table(), "", 1, &lines, &f.path, &mut entries, problems);
    let name = match entries.iter().find(|e| e.key == NAME_KEY) {
        Some(Entry { value: Text::One(n), .. }) => n.clone(),
        _ => {
            problems.add(
                &f.path,
                1,
                format!("no `{NAME_KEY} = \"…\"`: the language's own name (the language switch shows it)"),
            );
            String::new()
        }
    };
    Some(Strings { lang: lang.to_string(), path: f.path.clone(), name, entries })
}

/// Collects a table's strings (and its tables', with dotted keys).
fn walk(
    table: &dyn TableLike,
    prefix: &str,
    table_line: usize,
    lines: &Lines,
    path: &str,
    out: &mut Vec<Entry>,
    problems: &mut Problems,
) {
    for (k, item) in table.iter() {
        let key = format!("{prefix}{k}");
        let line = table
            .key(k)
            .and_then(|k| k.span())
            .or_else(|| item.span())
            .map(|s| lines.at(s.start))
            .unwrap_or(table_line);
        let value = match item {
            Item::Table(t) => {
                walk(t, &format!("{key}."), line, lines, path, out, problems);
                continue;
            }
            Item::Value(Value::InlineTable(t)) => {
                walk(t, &format!("{key}."), line, lines, path, out, problems);
                continue;
            }
            Item::Value(Value::String(s)) => Text::One(s.value().clone()),
            Item::Value(Value::Array(a)) => {
                let texts: Option<Vec<String>> = a.iter().map(|v| v.as_str().map(str::to_string)).collect();
                match texts {
                    Some(t) if !t.is_empty() => Text::List(t),
                    _ => {
                        problems.add(path, line, format!("`{key}`: a list holds texts in quotes: [\"a\", \"b\"]"));
                        continue;
                    }
                }
            }
            _ => {
                problems.add(path, line, format!("`{key}`: a text in quotes (\"…\") or a list of them"));
                continue;
            }
        };
        for s in value.texts() {
            if let Err(why) = plain(s) {
                problems.add(path, line, format!("`{key}`: {why}"));
            }
        }
        out.push(Entry { key, value, line, table_line });
    }
}

/// A string is plain text with `{name}` placeholders: the page shows it as written.
fn plain(s: &str) -> Result<(), String> {
    if s.trim().is_empty() {
        return Err("empty: write the text (a translation may leave the key out to show the English)".into());
    }
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if c == '<' && (next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
            let tag: String = s[i..].chars().take_while(|&c| c != '>').chain(Some('>')).take(24).collect();
            return Err(format!("`{tag}` is HTML; page strings are plain text, shown as written"));
        }
        if c == '&' && (next == b'#' || next.is_ascii_alphabetic()) && s[i..].find(';').is_some_and(|e| e < 12) {
            let r: String = s[i..].chars().take_while(|&c| c != ';').chain(Some(';')).collect();
            return Err(format!("`{r}` is a character reference; write the character itself"));
        }
    }
    placeholders(s).map(|_| ())
}

/// The placeholders of a string, `{name}`, in order; an unmatched brace is an error.
pub fn placeholders(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        if rest[i..].starts_with('}') {
            return Err("a `}` without its `{`: placeholders are written {name}".into());
        }
        let after = &rest[i + 1..];
        let end = after.find('}').ok_or("a `{` without its `}`: placeholders are written {name}")?;
        let name = &after[..end];
        let ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            return Err(format!("`{{{name}}}` is not a placeholder: a name of letters and digits, as {{step}}"));
        }
        out.push(name.to_string());
        rest = &after[end + 1..];
    }
    Ok(out)
}

/// English's own checks: it names every label the core's scene table asks for.
fn check_base(base: &Strings, problems: &mut Problems) {
    for label in descent_core::control::label_ids() {
        match base.get(label) {
            Some(Entry { value: Text::One(_), .. }) => {}
            Some(e) => problems.add(&base.path, e.line, format!("`{label}` labels a control: a text, not a list")),
            None => problems.add(
                &base.path,
                1,
                format!(
                    "no `{label}`: the scene table (crates/core/src/scene.rs) labels a control or a list item with it"
                ),
            ),
        }
    }
}

/// A translation against English: no key English lacks, the same kinds, list lengths and
/// placeholders. What it leaves out becomes a note.
fn agree(base: &Strings, other: &Strings, problems: &mut Problems, notes: &mut Problems) {
    for e in &other.entries {
        let Some(b) = base.get(&e.key) else {
            problems.add(
                &other.path,
                e.line,
                format!("`{}` is not one of the page's strings ({} has no such key; mistyped?)", e.key, base.path),
            );
            continue;
        };
        let at = format!("{}:{}", base.path, b.line);
        match (&b.value, &e.value) {
            (Text::List(x), Text::List(y)) if x.len() != y.len() => problems.add(
                &other.path,
                e.line,
                format!("`{}`: {} items, but {at} has {} (one per column)", e.key, y.len(), x.len()),
            ),
            (x, y) if x.kind() != y.kind() => {
                problems.add(&other.path, e.line, format!("`{}`: {}, but {at} is {}", e.key, y.kind(), x.kind()))
            }
            _ => {
                for (x, y) in b.value.texts().iter().zip(e.value.texts()) {
                    let (mut want, mut got) =
                        (placeholders(x).unwrap_or_default(), placeholders(y).unwrap_or_default());
                    want.sort();
                    got.sort();
                    if want != got {
                        let list = |v: &[String]| {
                            if v.is_empty() {
                                "none".to_string()
                            } else {
                                v.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(" ")
                            }
                        };
                        problems.add(
                            &other.path,
                            e.line,
                            format!(
                                "`{}`: placeholders {}, but {at} has {}: the same names, in any order",
                                e.key,
                                list(&got),
                                list(&want)
                            ),
                        );
                    }
                }
            }
        }
    }
    for b in &base.entries {
        if other.get(&b.key).is_none() {
            let english = b.value.texts().join(" | ");
            // Where it would go: its table in the translation, else the top.
            let table = b.key.rsplit_once('.').map(|(t, _)| format!("{t}."));
            let line = table
                .and_then(|t| other.entries.iter().find(|e| e.key.starts_with(&t)).map(|e| e.table_line))
                .unwrap_or(1);
            notes.add(
                &other.path,
                line,
                format!(
                    "`{}` not translated yet ({}:{}: \"{english}\"); the page shows the English",
                    b.key, base.path, b.line
                ),
            );
        }
    }
}

impl Ui {
    /// The languages, English first: `(tag, own name)`.
    pub fn tags(&self) -> Vec<(&str, &str)> {
        self.languages.iter().map(|s| (s.lang.as_str(), s.name.as_str())).collect()
    }

    /// The page's strings in `lang`, English where it has none, as the JSON object the page reads
    /// (tables as objects: `readout.cost` → `{"readout": {"cost": …}}`).
    pub fn json(&self, lang: &str) -> Json {
        let base = &self.languages[0];
        let own = self.languages.iter().find(|s| s.lang == lang).unwrap_or(base);
        let mut root = Map::new();
        for b in &base.entries {
            let e = own.get(&b.key).unwrap_or(b);
            let mut parts: Vec<&str> = b.key.split('.').collect();
            let last = parts.pop().expect("a key");
            let mut at = &mut root;
            for p in parts {
                at = at.entry(p).or_insert_with(|| Json::Object(Map::new())).as_object_mut().expect("a table");
            }
            at.insert(last.to_string(), e.value.json());
        }
        Json::Object(root)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    const EN: &str = "language = \"English\"\nstepOf = \"Step {step} of {steps}\"\ntable = [\"t\", \"w\"]\n\n[tally]\ncost = \"cost C\"\nw = \"w\"\n";

    /// `text` with a string for every label the scene table names (top-level ones before its
    /// first table, so its first lines keep their numbers).
    pub(crate) fn with_labels(text: &str) -> String {
        let (top, rest) = text.split_at(text.find("\n[").unwrap_or(text.len()));
        let mut s = top.to_string();
        let mut tables: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
        for l in descent_core::control::label_ids() {
            match l.split_once('.') {
                Some((t, k)) => tables.entry(t).or_default().push(k),
                None => s.push_str(&format!("{l} = \"{l}\"\n")),
            }
        }
        s.push_str(rest);
        for (t, keys) in tables {
            s.push_str(&format!("\n[{t}]\n"));
            for k in keys {
                s.push_str(&format!("{k} = \"{k}\"\n"));
            }
        }
        s
    }
    fn en() -> File {
        File::new("l/ui/en.toml", with_labels(EN))
    }
    fn messages(r: Result<Ui, Problems>) -> Vec<String> {
        r.expect_err("problems").0.iter().map(|p| p.to_string()).collect()
    }
    fn line_of(text: &str, needle: &str) -> usize {
        text[..text.find(needle).unwrap()].matches('\n').count() + 1
    }

    #[test]
    fn a_translation_may_leave_strings_to_english() {
        let de = "language = \"Deutsch\"\nstepOf = \"Schritt {step} von {steps}\"\n\n[tally]\ncost = \"Kosten C\"\n";
        let ui = ui(&[File::new("l/ui/de.toml", de), en()]).unwrap();
        assert_eq!(ui.tags(), [("en", "English"), ("de", "Deutsch")]);
        let j = ui.json("de");
        assert_eq!(j["stepOf"], "Schritt {step} von {steps}");
        assert_eq!(j["tally"]["cost"], "Kosten C");
        assert_eq!(j["tally"]["w"], "w", "English where the translation has none");
        assert_eq!(j["table"], serde_json::json!(["t", "w"]));
        assert_eq!(j["language"], "Deutsch");
        assert_eq!(ui.json("en")["tally"]["cost"], "cost C");
        let notes: Vec<String> = ui.notes.0.iter().map(|p| p.to_string()).collect();
        assert!(
            notes.contains(
                &"l/ui/de.toml:1: `table` not translated yet (l/ui/en.toml:3: \"t | w\"); the page shows the English"
                    .to_string()
            ),
            "{notes:?}"
        );
        assert!(notes.iter().any(|n| n.starts_with("l/ui/de.toml:4: `tally.w` not translated yet")), "{notes:?}");
    }

    #[test]
    fn mistakes_in_a_translation_name_their_line() {
        let check = |de: &str| messages(ui(&[en(), File::new("l/ui/de.toml", de)]));
        let base = "language = \"Deutsch\"\n";
        assert_eq!(
            check(&format!("{base}stepOf = \"Schritt {{i}} von {{steps}}\"\n")),
            ["l/ui/de.toml:2: `stepOf`: placeholders {i} {steps}, but l/ui/en.toml:2 has {step} {steps}: the same names, in any order"]
        );
        assert_eq!(
            check(&format!("{base}\n[tally]\ncots = \"Kosten\"\n")),
            ["l/ui/de.toml:4: `tally.cots` is not one of the page's strings (l/ui/en.toml has no such key; mistyped?)"]
        );
        assert_eq!(
            check(&format!("{base}table = [\"t\"]\n")),
            ["l/ui/de.toml:2: `table`: 1 items, but l/ui/en.toml:3 has 2 (one per column)"]
        );
        assert_eq!(
            check(&format!("{base}stepOf = [\"a\"]\n")),
            ["l/ui/de.toml:2: `stepOf`: a list of texts, but l/ui/en.toml:2 is a text"]
        );
        assert_eq!(
            check(&format!("{base}stepOf = 3\n")),
            ["l/ui/de.toml:2: `stepOf`: a text in quotes (\"…\") or a list of them"]
        );
        assert_eq!(
            check(&format!("{base}\nstepOf = \"<b>Schritt</b> {{step}} von {{steps}}\"\n")),
            ["l/ui/de.toml:3: `stepOf`: `<b>` is HTML; page strings are plain text, shown as written"]
        );
        assert!(check(&format!("{base}stepOf = \"Schritt&nbsp;{{step}} {{steps}}\"\n"))[0]
            .contains("`&nbsp;` is a character reference"));
        assert!(
            check(&format!("{base}stepOf = \"Schritt {{step von {{steps}}\"\n"))[0].contains("is not a placeholder")
        );
        assert!(
            check(&format!("{base}stepOf = \"Schritt step}} von {{steps}}\"\n"))[0].contains("a `}` without its `{`")
        );
        assert!(check(&format!("{base}stepOf = \"\"\n"))[0].contains("empty"));
        let broken = format!("{base}\nstepOf = \"Schritt {{step}} von {{steps}}\n");
        let m = check(&broken);
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("l/ui/de.toml:3: not TOML: "), "{m:?}");
        assert_eq!(
            check("stepOf = \"a {step} {steps}\"\n"),
            ["l/ui/de.toml:1: no `language = \"…\"`: the language's own name (the language switch shows it)"]
        );
    }

    #[test]
    fn english_is_there_and_names_every_control_label() {
        assert_eq!(
            messages(ui(&[File::new("l/ui/ko.toml", "language = \"한국어\"\n")])),
            ["l/ui/en.toml:1: missing: the page's strings in English, which every language falls back to"]
        );
        let without = with_labels(EN).replace("bowl = \"bowl\"\n", "");
        let m = messages(ui(&[File::new("l/ui/en.toml", without)]));
        assert_eq!(m, ["l/ui/en.toml:1: no `surfaceName.bowl`: the scene table (crates/core/src/scene.rs) labels a control or a list item with it"]);
        let text = with_labels(EN);
        let listed = text.replace("lr = \"lr\"", "lr = [\"lr\"]");
        assert_eq!(
            messages(ui(&[File::new("l/ui/en.toml", listed.clone())])),
            [format!("l/ui/en.toml:{}: `lr` labels a control: a text, not a list", line_of(&listed, "lr = ["))]
        );
        assert!(messages(ui(&[en(), File::new("l/ui/German.toml", "")]))[0].contains("named after its language"));
    }

    #[test]
    fn placeholders_in_order() {
        assert_eq!(placeholders("Step {step} of {steps}").unwrap(), ["step", "steps"]);
        assert_eq!(placeholders("none").unwrap(), Vec::<String>::new());
        assert!(placeholders("{}").is_err() && placeholders("{a b}").is_err() && placeholders("{1}").is_err());
    }
}
