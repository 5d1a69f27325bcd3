//! What the page needs to build a key's controls: the kind of control, what it offers, its
//! label and when it is shown. Each [`crate::scene::KeySpec`] lists its controls; the page gets
//! the whole table at once as JSON ([`table_json`]) and builds every control from it, so a key's
//! range, default and control are written once, in `scene.rs`.

use crate::optim::Method;
use crate::scene::{KeySpec, Range, KEYS, OVERLAYS, SCHEDULE_ITEMS, SURFACE_ITEMS, VIEW_ITEMS};

/// One control of a key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Control {
    /// The id of its label in the page's strings (`lessons/ui/<lang>.toml`): `lr`, or a dotted path such as `readout.w`.
    pub label: &'static str,
    pub kind: Kind,
    /// What it offers, `lo ..= hi`, when that differs from what the key accepts (its `range`); for a
    /// log slider, the values at its ends.
    pub span: Option<(f64, f64)>,
    /// The step between the values it offers (a log slider's in powers of ten); 0: any value.
    pub step: f64,
    pub scale: Scale,
    /// When the page shows it.
    pub when: When,
    /// The `hide=` names that hide it (a classroom view).
    pub hide: &'static [&'static str],
}

impl Control {
    /// A control with nothing set: linear, any step, always shown, never hidden. Entries in
    /// [`KEYS`] start from it (`..Control::BLANK`).
    pub const BLANK: Control = Control {
        label: "",
        kind: Kind::Slider,
        span: None,
        step: 0.0,
        scale: Scale::Linear,
        when: When::ALWAYS,
        hide: &[],
    };
}

/// The kinds of control the page can build.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A range slider showing the value beside it. A key holding several values (one per
    /// optimizer) or a word (`batch=all`) has no slider.
    Slider,
    /// A slider that moves the start point of a 1-D run as it is dragged (the key `start`).
    Point,
    /// A checkbox for a `0`/`1` key.
    Checkbox,
    /// A number box.
    Number,
    /// A text box with an Apply button (the typed formula); as long as the key allows.
    Text,
    /// A drop-down picking one entry of a list.
    Choice(List),
    /// One checkbox per entry of a list, picking several.
    Choices(List),
    /// A number box beside each optimizer of the optimizer picker (`Choices(List::Optimizers)`):
    /// that optimizer's own value of the key.
    PerOptimizer,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Slider => "slider",
            Kind::Point => "point",
            Kind::Checkbox => "checkbox",
            Kind::Number => "number",
            Kind::Text => "text",
            Kind::Choice(_) => "choice",
            Kind::Choices(_) => "choices",
            Kind::PerOptimizer => "perOptimizer",
        }
    }
    fn list(self) -> Option<List> {
        match self {
            Kind::Choice(l) | Kind::Choices(l) => Some(l),
            _ => None,
        }
    }
}

/// How a slider maps its position to a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Linear,
    /// Equal steps multiply the value: the slider moves along log₁₀ of it.
    Log,
}

/// When a control is shown: every condition given must hold. An empty list is no condition.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct When {
    /// Only when the scene has runs to step (a surface, not `none`).
    pub runs: bool,
    /// Only on a surface with this many parameters (0: any).
    pub dim: usize,
    /// Only in these lessons.
    pub lessons: &'static [&'static str],
    /// Never in these lessons.
    pub not_lessons: &'static [&'static str],
    /// Only on these surfaces.
    pub surfaces: &'static [&'static str],
    /// Only when one of these optimizers runs.
    pub opts: &'static [&'static str],
    /// Only with one of these learning-rate schedules (`schedule=`).
    pub schedules: &'static [&'static str],
    /// Only when one of these views or overlays is on screen (the views shown by default count).
    pub shown: &'static [&'static str],
    /// Only when the scene gives the key itself (its lesson step's preset or the link).
    pub given: bool,
}

impl When {
    /// No condition.
    pub const ALWAYS: When = When {
        runs: false,
        dim: 0,
        lessons: &[],
        not_lessons: &[],
        surfaces: &[],
        opts: &[],
        schedules: &[],
        shown: &[],
        given: false,
    };
}

/// The lists the page shows by name: surfaces, optimizers, views, learning-rate schedules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Surfaces,
    Optimizers,
    Views,
    Schedules,
}

impl List {
    pub const ALL: [List; 4] = [List::Surfaces, List::Optimizers, List::Views, List::Schedules];
    pub fn name(self) -> &'static str {
        match self {
            List::Surfaces => "surfaces",
            List::Optimizers => "optimizers",
            List::Views => "views",
            List::Schedules => "schedules",
        }
    }
    pub fn items(self) -> &'static [Item] {
        match self {
            List::Surfaces => &SURFACE_ITEMS,
            List::Optimizers => &OPTIMIZER_ITEMS,
            List::Views => &VIEW_ITEMS,
            List::Schedules => &SCHEDULE_ITEMS,
        }
    }
}

/// One entry of a list: its name in a scene, the id of its label in the page's strings, and
/// where a picker offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub key: &'static str,
    pub label: &'static str,
    /// A picker shown for a surface with this many parameters offers it (empty: never offered).
    pub offer: &'static [usize],
}

/// Either surface dimension, and a learner's own data (its pickers: optimizers, schedules).
pub const ANY_DIM: &[usize] = &[1, 2, crate::scene::OWN_DIM];

/// The optimizers, in [`Method::ALL`]'s order, each labelled `optName.<key>`.
pub const OPTIMIZER_ITEMS: [Item; Method::ALL.len()] = {
    let mut out = [Item { key: "", label: "", offer: ANY_DIM }; Method::ALL.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = Item { key: Method::ALL[i].key(), label: Method::ALL[i].label_id(), offer: ANY_DIM };
        i += 1;
    }
    out
};

/// The names of a list of items, in order (for the parser, which checks names).
pub const fn keys<const N: usize>(items: &[Item; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = items[i].key;
        i += 1;
    }
    out
}

/// Every label id the table names (each control's, each list item's), in table order, each
/// once: the page's strings must have a text for each (`lessons/ui/en.toml`, checked by the
/// lesson compiler).
pub fn label_ids() -> Vec<&'static str> {
    let controls = KEYS.iter().flat_map(|k| k.controls.iter().map(|c| c.label));
    let items = List::ALL.into_iter().flat_map(|l| l.items().iter().map(|i| i.label));
    let mut out: Vec<&'static str> = Vec::new();
    for id in controls.chain(items) {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// The whole table for the page, as JSON:
/// `{ "keys": [{ key, default, range, maxChars, page, perOptimizer, followsSurface, controls }],
///    "lists": { surfaces, optimizers, views, schedules: [{ key, label, offer }] }, "ownDim", "overlays": [...] }`.
/// A control's `min` and `max` are what it offers: its span, else the key's range (`null` if neither).
pub fn table_json() -> String {
    let mut j = Json::default();
    j.raw("{\"keys\":[");
    for (i, k) in KEYS.iter().enumerate() {
        j.sep(i);
        key_json(&mut j, k);
    }
    j.raw("],\"lists\":{");
    for (i, l) in List::ALL.iter().enumerate() {
        j.sep(i);
        j.str(l.name());
        j.raw(":[");
        for (n, it) in l.items().iter().enumerate() {
            j.sep(n);
            j.raw("{\"key\":");
            j.str(it.key);
            j.raw(",\"label\":");
            j.str(it.label);
            j.raw(",\"offer\":[");
            j.raw(&it.offer.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(","));
            j.raw("]}");
        }
        j.raw("]");
    }
    // What the pickers read a session of a learner's own data as (see `scene::OWN_DIM`).
    j.raw(&format!("}},\"ownDim\":{},\"overlays\":", crate::scene::OWN_DIM));
    j.strs(&OVERLAYS);
    j.raw("}");
    j.0
}

fn key_json(j: &mut Json, k: &KeySpec) {
    j.raw("{\"key\":");
    j.str(k.key);
    j.raw(",\"default\":");
    j.str(k.default);
    j.raw(",\"range\":");
    match k.range {
        Some(r) => {
            j.raw(&format!(
                "{{\"lo\":{},\"hi\":{},\"loOpen\":{},\"hiOpen\":{},\"whole\":{}}}",
                plain(r.lo),
                plain(r.hi),
                r.lo_open,
                r.hi_open,
                r.whole
            ));
        }
        None => j.raw("null"),
    }
    j.raw(&format!(
        ",\"maxChars\":{},\"page\":{},\"perOptimizer\":{},\"followsSurface\":{},\"controls\":[",
        k.max_chars, k.page, k.per_optimizer, k.follows_surface
    ));
    for (i, c) in k.controls.iter().enumerate() {
        j.sep(i);
        control_json(j, c, k.range);
    }
    j.raw("]}");
}

fn control_json(j: &mut Json, c: &Control, range: Option<Range>) {
    let (min, max) = match (c.span, range) {
        (Some((lo, hi)), _) => (plain(lo), plain(hi)),
        (None, Some(r)) => (plain(r.lo), plain(r.hi)),
        (None, None) => ("null".into(), "null".into()),
    };
    j.raw("{\"label\":");
    j.str(c.label);
    j.raw(",\"kind\":");
    j.str(c.kind.name());
    j.raw(",\"list\":");
    match c.kind.list() {
        Some(l) => j.str(l.name()),
        None => j.raw("null"),
    }
    let scale = match c.scale {
        Scale::Linear => "linear",
        Scale::Log => "log",
    };
    j.raw(&format!(",\"min\":{min},\"max\":{max},\"step\":{},\"scale\":\"{scale}\",\"hide\":", plain(c.step)));
    j.strs(c.hide);
    let w = &c.when;
    j.raw(&format!(",\"when\":{{\"runs\":{},\"dim\":{},\"lessons\":", w.runs, w.dim));
    j.strs(w.lessons);
    j.raw(",\"notLessons\":");
    j.strs(w.not_lessons);
    j.raw(",\"surfaces\":");
    j.strs(w.surfaces);
    j.raw(",\"opts\":");
    j.strs(w.opts);
    j.raw(",\"schedules\":");
    j.strs(w.schedules);
    j.raw(",\"shown\":");
    j.strs(w.shown);
    j.raw(&format!(",\"given\":{}}}}}", w.given));
}

/// A number as people write it (`0.001`, `100000`), or with an exponent when that would be long (`1e-300`).
fn plain(x: f64) -> String {
    let s = format!("{x}");
    if s.len() <= 24 {
        s
    } else {
        format!("{x:e}")
    }
}

/// A small JSON writer: the table holds only our own strings, numbers and flags.
#[derive(Default)]
struct Json(String);

impl Json {
    fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }
    fn sep(&mut self, i: usize) {
        if i > 0 {
            self.0.push(',');
        }
    }
    fn str(&mut self, s: &str) {
        self.0.push('"');
        for c in s.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                c if (c as u32) < 0x20 => self.0.push_str(&format!("\\u{:04x}", c as u32)),
                c => self.0.push(c),
            }
        }
        self.0.push('"');
    }
    fn strs(&mut self, xs: &[&str]) {
        self.0.push('[');
        for (i, x) in xs.iter().enumerate() {
            self.sep(i);
            self.str(x);
        }
        self.0.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Scene, CONTROLS, LESSONS, SCHEDULES, SURFACES, VIEWS};

    fn controls() -> impl Iterator<Item = (&'static KeySpec, &'static Control)> {
        KEYS.iter().flat_map(|k| k.controls.iter().map(move |c| (k, c)))
    }

    #[test]
    fn every_condition_names_what_exists() {
        let opts = Method::ALL.map(|m| m.key());
        for (k, c) in controls() {
            let w = &c.when;
            let what = format!("{}'s {:?}", k.key, c.kind);
            assert!(!c.label.is_empty(), "{what}: no label");
            assert!(c.hide.iter().all(|h| CONTROLS.contains(h)), "{what}: hide {:?}", c.hide);
            assert!(w.lessons.iter().chain(w.not_lessons).all(|l| LESSONS.contains(l)), "{what}: lessons");
            assert!(w.surfaces.iter().all(|s| SURFACES.contains(s)), "{what}: surfaces");
            assert!(w.opts.iter().all(|o| opts.contains(o)), "{what}: opts");
            assert!(w.schedules.iter().all(|o| SCHEDULES.contains(o)), "{what}: schedules");
            assert!(w.shown.iter().all(|v| VIEWS.contains(v) || OVERLAYS.contains(v)), "{what}: shown");
            assert!([0, 1, 2].contains(&w.dim), "{what}: dim");
        }
    }

    #[test]
    fn what_a_control_offers_the_key_accepts() {
        for (k, c) in controls() {
            let what = format!("{}'s {:?}", k.key, c.kind);
            match c.kind {
                Kind::Slider | Kind::Point | Kind::Number | Kind::PerOptimizer => {
                    let r = k.range.unwrap_or_else(|| panic!("{what}: a number control on a key without a range"));
                    let (lo, hi) = c.span.unwrap_or((r.lo, r.hi));
                    assert!(lo < hi && r.contains(lo) && r.contains(hi), "{what}: offers {lo}..{hi}, accepts {r:?}");
                    if c.kind != Kind::PerOptimizer {
                        assert!(c.step > 0.0, "{what}: no step");
                    }
                    if c.scale == Scale::Log {
                        assert!(lo > 0.0, "{what}: a log slider from {lo}");
                    }
                    if r.whole {
                        assert_eq!(c.step.fract(), 0.0, "{what}: steps between whole numbers");
                    }
                    // The slider starts at the default when the scene does not give the key.
                    if let (Kind::Slider, Ok(d)) = (c.kind, k.default.parse::<f64>()) {
                        assert!((lo..=hi).contains(&d), "{what}: default {d} outside {lo}..{hi}");
                    }
                }
                Kind::Checkbox => {
                    assert!(["0", "1"].contains(&k.default), "{what}: a checkbox for a default of {:?}", k.default)
                }
                Kind::Text => assert!(k.max_chars > 0, "{what}: a text box with no length"),
                Kind::Choice(l) | Kind::Choices(l) => {
                    assert!(l.items().iter().any(|i| !i.offer.is_empty()), "{what}: offers nothing");
                    for i in l.items() {
                        // `<kind>.<key>` (surfaceName.bowl), or a view's `figure.<key>.title`.
                        let parts: Vec<&str> = i.label.split('.').collect();
                        assert!(parts.len() >= 2 && parts[1] == i.key, "{what}: label {:?}", i.label);
                    }
                }
            }
        }
    }

    /// Each key's default is one it accepts, and the sentence telling learners what it accepts
    /// names its bounds (so the words and the range cannot drift apart).
    #[test]
    fn defaults_and_words_agree_with_the_ranges() {
        for k in KEYS {
            if !k.default.is_empty() {
                assert!(Scene::parse(&format!("{}={}", k.key, k.default)).is_ok(), "{}", k.key);
            }
            let Some(r) = k.range else { continue };
            if let Ok(d) = k.default.parse::<f64>() {
                assert!(r.contains(d), "{}: default {d} outside {r:?}", k.key);
            }
            for end in [r.lo, r.hi] {
                let s = plain(end.abs());
                for words in [k.accepts_en, k.accepts_ko] {
                    assert!(words.contains(&s), "{}: {words:?} does not say {s}", k.key);
                }
            }
        }
    }

    /// A slider's value reaches the scene and its canonical query: a key added to the table
    /// without its field in `Scene` (read in `parse`, written in `to_query`) fails here.
    #[test]
    fn every_slider_value_survives_the_round_trip() {
        for (k, c) in controls().filter(|(_, c)| c.kind == Kind::Slider) {
            let r = k.range.unwrap();
            // The span's low end, or its high end where the low end is the default (which the
            // canonical query leaves out).
            let (lo, hi) = c.span.unwrap_or((r.lo, r.hi));
            let lo = if k.default.parse::<f64>() == Ok(lo) { hi } else { lo };
            let q = format!("{}={}", k.key, plain(lo));
            let back = Scene::parse(&q).unwrap_or_else(|e| panic!("{q}: {e}")).to_query();
            let same = back.split_once('=').is_some_and(|(key, v)| key == k.key && v.parse::<f64>() == Ok(lo));
            assert!(same, "{q} came back as {back:?}");
        }
    }

    #[test]
    fn the_lists_are_the_names_the_parser_accepts() {
        assert_eq!(OPTIMIZER_ITEMS.map(|i| i.key), Method::ALL.map(|m| m.key()));
        for s in SURFACES {
            assert!(Scene::parse(&format!("surface={s}&f=w^2")).is_ok(), "{s}");
        }
        for v in VIEWS {
            // Each view on a surface it fits (the model views on the network, which fits them all).
            let surface = if crate::scene::view_fits(v, "line") { "line" } else { "mlp" };
            assert!(Scene::parse(&format!("surface={surface}&view={v}")).is_ok(), "{v}");
        }
        // A model view where it does not fit is refused.
        assert!(Scene::parse("surface=penguins&view=boundary").is_err());
        assert!(Scene::parse("surface=bowl&view=slice").is_err());
        assert!(KEYS.iter().filter(|k| k.page).map(|k| k.key).eq(["lesson", "step", "lang", "embed", "hide"]));
    }

    #[test]
    fn the_table_as_json() {
        let j = table_json();
        assert!(j.starts_with("{\"keys\":[{\"key\":\"lesson\"") && j.ends_with("]}"), "{j}");
        assert!(
            j.contains(
                r#""key":"lr","default":"0.1","range":{"lo":0,"hi":100,"loOpen":true,"hiOpen":false,"whole":false}"#
            ),
            "{j}"
        );
        assert!(j.contains(r#"{"label":"lr","kind":"slider","list":null,"min":0.001,"max":10,"step":0.01,"scale":"log","hide":["lr"]"#), "{j}");
        assert!(j.contains(r#"{"key":"bowl","label":"surfaceName.bowl","offer":[1,2,5,33,34]}"#), "{j}");
        assert!(j.contains(r#""kind":"choices","list":"optimizers""#), "{j}");
        // Balanced brackets, outside strings.
        let (mut depth, mut inside, mut escaped) = (0i32, false, false);
        for c in j.chars() {
            match (inside, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (_, false, '"') => inside = !inside,
                (false, _, '{' | '[') => depth += 1,
                (false, _, '}' | ']') => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0);
        }
        assert_eq!((depth, inside), (0, false));
    }
}
