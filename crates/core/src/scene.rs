//! The scene: one typed table of every setting a lesson step can have.
//!
//! A scene is parsed from, and written back to, a URL query string
//! (`surface=ravine&opt=gd,adam&lr=0.3`). The same string builds a session from
//! JS. Every key is listed once, in [`KEYS`]; an unknown key, or a bad or
//! out-of-range value, gives a [`SceneError`] that names the key, the value and
//! what is accepted. Writing only the keys that differ from their defaults makes
//! [`Scene::to_query`] canonical: parsing it back gives the same scene.

use crate::optim::{Hyper, Method};
use std::fmt;

/// The page language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub fn key(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

/// The lessons, in course order.
pub const LESSONS: [&str; 13] = [
    "cost",
    "derivative",
    "parabola",
    "update",
    "local-optima",
    "batch",
    "ewa",
    "e-limit",
    "bias-correction",
    "momentum",
    "rmsprop",
    "adam",
    "playground",
];

/// The cost surfaces a scene can name.
pub const SURFACES: [&str; 13] = [
    "line",
    "bumpy",
    "bowl",
    "ravine",
    "rosenbrock",
    "beale",
    "himmelblau",
    "saddle",
    "wells",
    "linreg",
    "cats",
    "formula",
    "none",
];

/// The canvases and panels a scene can show.
pub const VIEWS: [&str; 17] = [
    "curve",
    "table",
    "scatter",
    "contour",
    "surface3d",
    "basins",
    "loss",
    "matrix",
    "grads",
    "rates",
    "ewa",
    "weights",
    "compound",
    "elimit",
    "betalimit",
    "etable",
    "readout",
];

/// Overlays a view can draw on top of its canvas.
pub const OVERLAYS: [&str; 10] =
    ["tangent", "secant", "path", "residuals", "squares", "arrows", "minima", "boundary", "compare", "examples"];

/// The controls a classroom view can hide with `hide=`.
pub const CONTROLS: [&str; 16] = [
    "play", "step", "reset", "lr", "beta1", "beta2", "eps", "opt", "surface", "batch", "seed", "start", "beta", "text",
    "nav", "speed",
];

/// One row of the key table: the key, what it accepts, and its default (as written in a URL).
pub struct KeySpec {
    pub key: &'static str,
    pub accepts_en: &'static str,
    pub accepts_ko: &'static str,
    pub default: &'static str,
}

macro_rules! keys {
    ($( $k:literal, $en:literal, $ko:literal, $d:literal; )*) => {
        /// Every scene key, what it accepts and its default.
        pub const KEYS: &[KeySpec] = &[ $( KeySpec { key: $k, accepts_en: $en, accepts_ko: $ko, default: $d }, )* ];
    };
}

keys! {
    "lesson", "a lesson id (cost, derivative, parabola, update, local-optima, batch, ewa, e-limit, bias-correction, momentum, rmsprop, adam, playground)", "레슨 id (cost, derivative, parabola, update, local-optima, batch, ewa, e-limit, bias-correction, momentum, rmsprop, adam, playground)", "";
    "step", "a whole number from 1 to 99", "1부터 99 사이의 정수", "1";
    "lang", "ko or en", "ko 또는 en", "";
    "embed", "0 or 1", "0 또는 1", "0";
    "hide", "a comma list of play, step, reset, lr, beta1, beta2, eps, opt, surface, batch, seed, start, beta, text, nav, speed", "play, step, reset, lr, beta1, beta2, eps, opt, surface, batch, seed, start, beta, text, nav, speed 중 쉼표로 구분한 목록", "";
    "surface", "one of line, bumpy, bowl, ravine, rosenbrock, beale, himmelblau, saddle, wells, linreg, cats, formula, none", "line, bumpy, bowl, ravine, rosenbrock, beale, himmelblau, saddle, wells, linreg, cats, formula, none 중 하나", "line";
    "f", "a formula in w (1-D) or w and b (2-D), at most 300 characters", "w(1차원) 또는 w와 b(2차원)의 수식, 300자 이하", "";
    "domain", "four numbers wlo,whi,blo,bhi (or two for 1-D) with lo < hi, each within ±1000", "wlo,whi,blo,bhi 네 수(1차원은 두 수), lo < hi, 각각 ±1000 이내", "";
    "cond", "a number from 1 to 1000 (the ravine's condition number)", "1부터 1000 사이의 수 (골짜기의 조건수)", "20";
    "angle", "a number of degrees from -180 to 180", "-180부터 180 사이의 각도", "0";
    "opt", "a comma list of gd, sgd, momentum, nesterov, adagrad, rmsprop, adam (one may repeat only with a different batch, e.g. opt=gd,gd&batch=all,8)", "gd, sgd, momentum, nesterov, adagrad, rmsprop, adam 중 쉼표 목록 (같은 것은 batch가 다를 때만 반복, 예: opt=gd,gd&batch=all,8)", "gd";
    "lr", "a number above 0 and at most 100, or one per optimizer", "0보다 크고 100 이하인 수, 또는 옵티마이저마다 하나씩", "0.1";
    "beta1", "a number from 0 up to (not including) 1, or one per optimizer", "0 이상 1 미만의 수, 또는 옵티마이저마다 하나씩", "0.9";
    "beta2", "a number from 0 up to (not including) 1, or one per optimizer", "0 이상 1 미만의 수, 또는 옵티마이저마다 하나씩", "0.999";
    "eps", "a number above 0 (at least 1e-300) and at most 1, or one per optimizer; with ε = 0 a zero gradient would divide 0 by 0", "0보다 크고(1e-300 이상) 1 이하인 수, 또는 옵티마이저마다 하나씩. ε = 0이면 기울기가 0일 때 0을 0으로 나누게 됩니다", "0.00000001";
    "batch", "all, or a whole number of rows from 1 to 100000; one value, or one per optimizer", "all 또는 1부터 100000 사이의 행 수; 하나, 또는 옵티마이저마다 하나씩", "all";
    "m", "a whole number of data rows from 2 to 100000", "2부터 100000 사이의 데이터 행 수", "40";
    "noise", "a number from 0 to 10 (gradient noise of SGD on a formula surface)", "0부터 10 사이의 수 (수식 곡면에서 SGD 기울기 잡음)", "0.5";
    "seed", "a whole number from 0 to 4294967295", "0부터 4294967295 사이의 정수", "1";
    "start", "comma-separated coordinates, one per parameter, each within ±1000", "매개변수마다 하나씩 쉼표로 구분한 좌표, 각각 ±1000 이내", "";
    "dw", "a number above 0 and at most 10 (the nudge Δw)", "0보다 크고 10 이하인 수 (조금 움직인 양 Δw)", "1";
    "beta", "a number from 0 up to (not including) 1 (the average's β)", "0 이상 1 미만의 수 (평균의 β)", "0.9";
    "bias", "0 or 1 (divide by 1 − βᵗ)", "0 또는 1 (1 − βᵗ로 나누기)", "0";
    "view", "a comma list of curve, table, scatter, contour, surface3d, basins, loss, matrix, grads, rates, ewa, weights, compound, elimit, betalimit, etable, readout", "curve, table, scatter, contour, surface3d, basins, loss, matrix, grads, rates, ewa, weights, compound, elimit, betalimit, etable, readout 중 쉼표 목록", "";
    "show", "a comma list of tangent, secant, path, residuals, squares, arrows, minima, boundary, compare, examples", "tangent, secant, path, residuals, squares, arrows, minima, boundary, compare, examples 중 쉼표 목록", "";
    "days", "a whole number of days from 10 to 365 (how much of the series the averages chart shows)", "10부터 365 사이의 일 수 (평균 그래프가 보여 줄 기간)", "365";
    "n", "a whole number from 1 to 1000 (compounding steps)", "1부터 1000 사이의 정수 (복리 나눔 횟수)", "2";
    "speed", "steps per second, a whole number from 1 to 240", "초당 걸음 수, 1부터 240 사이의 정수", "8";
}

/// How many rows each step's gradient looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Batch {
    /// Every row (batch gradient descent).
    All,
    /// This many rows (mini-batch; 1 is SGD).
    Size(usize),
}

/// A bad scene: which key, which value, and what that key accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SceneError {
    pub key: String,
    pub value: String,
    pub kind: ErrorKind,
    /// What exactly is wrong, when the key's description is not enough (a formula's
    /// parse error, with the position or token). Empty otherwise.
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The key is not in [`KEYS`].
    UnknownKey,
    /// The key appears twice.
    Repeated,
    /// The value is not one the key accepts.
    BadValue,
    /// The value is fine alone but not with the rest of the scene (e.g. `start` with the wrong length).
    Mismatch,
    /// A typed formula (`f=`) that cannot be parsed or differentiated; `detail` says where and why.
    Formula,
}

/// True for characters that would garble a message shown as text: control characters and the
/// invisible bidirectional and zero-width formatting marks (a link could use U+202E to make the
/// rest of the message read backwards).
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Shortens a value for display so an error message stays readable; invisible formatting
/// characters show as U+FFFD.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(60).map(|c| if is_invisible(c) { '\u{FFFD}' } else { c }).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

impl SceneError {
    fn bad(key: &str, value: &str) -> Self {
        SceneError { key: key.into(), value: value.into(), kind: ErrorKind::BadValue, detail: String::new() }
    }
    pub(crate) fn mismatch(key: &str, value: &str) -> Self {
        SceneError { key: key.into(), value: value.into(), kind: ErrorKind::Mismatch, detail: String::new() }
    }
    /// A formula that cannot be used; `detail` points at the problem.
    pub(crate) fn formula(value: &str, detail: String) -> Self {
        SceneError { key: "f".into(), value: value.into(), kind: ErrorKind::Formula, detail }
    }
    /// What the key accepts, in the given language.
    pub fn accepts(&self, lang: Lang) -> &'static str {
        match KEYS.iter().find(|k| k.key == self.key) {
            Some(k) => match lang {
                Lang::En => k.accepts_en,
                Lang::Ko => k.accepts_ko,
            },
            None => "",
        }
    }
    /// The message shown in the page.
    pub fn message(&self, lang: Lang) -> String {
        let k = shorten(&self.key);
        let v = shorten(&self.value);
        let known = KEYS.iter().map(|k| k.key).collect::<Vec<_>>().join(", ");
        match (self.kind, lang) {
            (ErrorKind::UnknownKey, Lang::En) => {
                format!("Unknown scene key \"{k}\" (value \"{v}\"). Known keys: {known}.")
            }
            (ErrorKind::UnknownKey, Lang::Ko) => {
                format!("알 수 없는 장면 키 \"{k}\" (값 \"{v}\"). 쓸 수 있는 키: {known}.")
            }
            (ErrorKind::Repeated, Lang::En) => {
                format!("Scene key \"{k}\" is given more than once (again as \"{v}\"); give it once.")
            }
            (ErrorKind::Repeated, Lang::Ko) => {
                format!("장면 키 \"{k}\"가 두 번 이상 나옵니다 (다시 \"{v}\"). 한 번만 쓰세요.")
            }
            (ErrorKind::BadValue, Lang::En) => {
                format!("Scene key \"{k}\": \"{v}\" is not accepted; it takes {}.", self.accepts(lang))
            }
            (ErrorKind::BadValue, Lang::Ko) => {
                format!("장면 키 \"{k}\": \"{v}\"은(는) 받을 수 없는 값입니다. 받는 값: {}.", self.accepts(lang))
            }
            (ErrorKind::Mismatch, Lang::En) => format!(
                "Scene key \"{k}\": \"{v}\" does not fit the rest of the scene; it takes {}.",
                self.accepts(lang)
            ),
            (ErrorKind::Mismatch, Lang::Ko) => format!(
                "장면 키 \"{k}\": \"{v}\"은(는) 장면의 다른 설정과 맞지 않습니다. 받는 값: {}.",
                self.accepts(lang)
            ),
            (ErrorKind::Formula, Lang::En) => format!(
                "Scene key \"{k}\": the formula \"{v}\" cannot be used: {}. It takes {}.",
                self.detail,
                self.accepts(lang)
            ),
            (ErrorKind::Formula, Lang::Ko) => format!(
                "장면 키 \"{k}\": 수식 \"{v}\"을(를) 쓸 수 없습니다: {}. 받는 값: {}.",
                self.detail,
                self.accepts(lang)
            ),
        }
    }
}

impl fmt::Display for SceneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SceneError {}

/// Every setting of a scene. Fields hold parsed, range-checked values.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub lesson: Option<String>,
    pub step: u32,
    /// `None`: follow the browser.
    pub lang: Option<Lang>,
    pub embed: bool,
    pub hide: Vec<String>,
    pub surface: String,
    pub formula: String,
    pub domain: Option<Vec<f64>>,
    pub cond: f64,
    pub angle: f64,
    pub opts: Vec<Method>,
    pub lr: Vec<f64>,
    pub beta1: Vec<f64>,
    pub beta2: Vec<f64>,
    pub eps: Vec<f64>,
    /// Rows per step: one value for every run, or one per optimizer.
    pub batch: Vec<Batch>,
    pub m: usize,
    pub noise: f64,
    pub seed: u32,
    /// `None`: the surface's own start point.
    pub start: Option<Vec<f64>>,
    pub dw: f64,
    pub beta: f64,
    pub bias: bool,
    pub views: Vec<String>,
    pub show: Vec<String>,
    pub days: u32,
    pub n: u32,
    pub speed: u32,
}

impl Default for Scene {
    fn default() -> Self {
        Scene::parse("").expect("the defaults parse")
    }
}

/// Decodes `%XX` escapes and `+` (as a space) in a query component. Bad escapes stay as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes a value for a query string: keeps `A–Z a–z 0–9 - _ . ~ ,` and escapes the rest.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Formats a number the shortest way that parses back to the same f64.
pub fn fmt_num(x: f64) -> String {
    let s = format!("{x}");
    let e = format!("{x:e}");
    if e.len() < s.len() {
        e
    } else {
        s
    }
}

/// Formats a number for a message a learner reads: at most four decimals, no trailing zeros
/// (1.8000000000000007 → "1.8"), or scientific notation for very small or large magnitudes.
pub fn show_num(x: f64) -> String {
    let a = x.abs();
    if a != 0.0 && !(1e-3..1e6).contains(&a) {
        return format!("{x:.3e}");
    }
    trimmed(x, 4)
}

/// `x` with `decimals` decimals, less its trailing zeros (and point): 2.500 → "2.5", −0.0001 → "0".
pub fn trimmed(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

fn num(key: &str, v: &str, ok: impl Fn(f64) -> bool) -> Result<f64, SceneError> {
    let t = v.trim();
    // Rust accepts "inf" and "NaN"; a scene never does.
    let x: f64 = t.parse().map_err(|_| SceneError::bad(key, v))?;
    if x.is_finite() && ok(x) && t.len() <= 40 {
        Ok(x)
    } else {
        Err(SceneError::bad(key, v))
    }
}

fn whole(key: &str, v: &str, lo: u64, hi: u64) -> Result<u64, SceneError> {
    let t = v.trim();
    if t.is_empty() || t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SceneError::bad(key, v));
    }
    let x: u64 = t.parse().map_err(|_| SceneError::bad(key, v))?;
    if (lo..=hi).contains(&x) {
        Ok(x)
    } else {
        Err(SceneError::bad(key, v))
    }
}

fn flag(key: &str, v: &str) -> Result<bool, SceneError> {
    match v.trim() {
        "0" | "false" => Ok(false),
        "1" | "true" => Ok(true),
        _ => Err(SceneError::bad(key, v)),
    }
}

fn nums(key: &str, v: &str, max_len: usize, ok: impl Fn(f64) -> bool + Copy) -> Result<Vec<f64>, SceneError> {
    let parts: Vec<&str> = v.split(',').collect();
    if v.trim().is_empty() || parts.len() > max_len {
        return Err(SceneError::bad(key, v));
    }
    parts.iter().map(|p| num(key, p, ok).map_err(|_| SceneError::bad(key, v))).collect()
}

fn names(key: &str, v: &str, allowed: &[&str], allow_empty: bool) -> Result<Vec<String>, SceneError> {
    if v.trim().is_empty() {
        return if allow_empty { Ok(vec![]) } else { Err(SceneError::bad(key, v)) };
    }
    let mut out: Vec<String> = Vec::new();
    for p in v.split(',') {
        let p = p.trim();
        if !allowed.contains(&p) || out.iter().any(|o| o == p) {
            return Err(SceneError::bad(key, v));
        }
        out.push(p.to_string());
    }
    Ok(out)
}

/// A comma list of names from `allowed`, repeats allowed, at most `max` entries.
fn names_repeating(key: &str, v: &str, allowed: &[&str], max: usize) -> Result<Vec<String>, SceneError> {
    let parts: Vec<&str> = v.split(',').map(str::trim).collect();
    if v.trim().is_empty() || parts.len() > max || parts.iter().any(|p| !allowed.contains(p)) {
        return Err(SceneError::bad(key, v));
    }
    Ok(parts.into_iter().map(String::from).collect())
}

impl Scene {
    /// Parses a query string (with or without a leading `?`).
    pub fn parse(query: &str) -> Result<Scene, SceneError> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut seen: Vec<String> = Vec::new();
        let mut raw: Vec<(&'static str, String)> = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (percent_decode(k), percent_decode(v));
            let Some(spec) = KEYS.iter().find(|s| s.key == k) else {
                return Err(SceneError { key: k, value: v, kind: ErrorKind::UnknownKey, detail: String::new() });
            };
            if seen.contains(&k) {
                return Err(SceneError { key: k, value: v, kind: ErrorKind::Repeated, detail: String::new() });
            }
            seen.push(k);
            raw.push((spec.key, v));
        }
        let get = |key: &str| -> Option<&str> {
            match raw.iter().find(|(k, _)| *k == key) {
                Some((_, v)) => Some(v.as_str()),
                None => KEYS.iter().find(|s| s.key == key).map(|s| s.default).filter(|d| !d.is_empty()),
            }
        };

        let lesson = match get("lesson") {
            Some(v) if LESSONS.contains(&v.trim()) => Some(v.trim().to_string()),
            Some(v) if v.trim().is_empty() => None,
            Some(v) => return Err(SceneError::bad("lesson", v)),
            None => None,
        };
        let lang = match get("lang").map(str::trim) {
            None | Some("") => None,
            Some("en") => Some(Lang::En),
            Some("ko") => Some(Lang::Ko),
            Some(_) => return Err(SceneError::bad("lang", get("lang").unwrap_or(""))),
        };
        let surface = get("surface").unwrap_or("line").trim().to_string();
        if !SURFACES.contains(&surface.as_str()) {
            return Err(SceneError::bad("surface", get("surface").unwrap_or("")));
        }
        let formula = get("f").unwrap_or("").to_string();
        if formula.chars().count() > 300 || formula.chars().any(|c| c.is_control()) {
            return Err(SceneError::bad("f", &formula));
        }
        if surface == "formula" && formula.trim().is_empty() {
            return Err(SceneError::mismatch("f", &formula));
        }
        let opts: Vec<Method> =
            names_repeating("opt", get("opt").unwrap_or("gd"), &Method::ALL.map(|m| m.key()), Method::ALL.len() + 2)?
                .iter()
                .filter_map(|s| Method::from_key(s))
                .collect();
        let per_opt = |key: &str, ok: fn(f64) -> bool| -> Result<Vec<f64>, SceneError> {
            let v = get(key).unwrap_or("");
            let xs = nums(key, v, Method::ALL.len(), ok)?;
            if xs.len() != 1 && xs.len() != opts.len() {
                return Err(SceneError::mismatch(key, v));
            }
            Ok(xs)
        };
        let batch: Vec<Batch> = {
            let v = get("batch").unwrap_or("all");
            let parts: Vec<&str> = v.split(',').collect();
            if parts.len() > Method::ALL.len() {
                return Err(SceneError::bad("batch", v));
            }
            let b = parts
                .iter()
                .map(|p| match p.trim() {
                    "all" => Ok(Batch::All),
                    x => whole("batch", x, 1, 100_000)
                        .map(|k| Batch::Size(k as usize))
                        .map_err(|_| SceneError::bad("batch", v)),
                })
                .collect::<Result<Vec<_>, _>>()?;
            if b.len() != 1 && b.len() != opts.len() {
                return Err(SceneError::mismatch("batch", v));
            }
            b
        };
        // An optimizer may repeat only with a different batch (batch vs mini-batch GD on one map).
        let pick = |i: usize| if batch.len() == 1 { batch[0] } else { batch[i] };
        for i in 0..opts.len() {
            for j in 0..i {
                if opts[i] == opts[j] && pick(i) == pick(j) {
                    return Err(SceneError::bad("opt", get("opt").unwrap_or("")));
                }
            }
        }
        let start = match get("start") {
            Some(v) => Some(nums("start", v, 2, |x| x.abs() <= 1000.0)?),
            None => None,
        };
        let domain = match get("domain") {
            Some(v) => {
                let d = nums("domain", v, 4, |x| x.abs() <= 1000.0)?;
                if !(d.len() == 2 || d.len() == 4) || d.chunks(2).any(|c| c[0] >= c[1]) {
                    return Err(SceneError::bad("domain", v));
                }
                Some(d)
            }
            None => None,
        };
        let scene = Scene {
            lesson,
            step: whole("step", get("step").unwrap_or("1"), 1, 99)? as u32,
            lang,
            embed: flag("embed", get("embed").unwrap_or("0"))?,
            hide: names("hide", get("hide").unwrap_or(""), &CONTROLS, true)?,
            surface,
            formula,
            domain,
            cond: num("cond", get("cond").unwrap_or("20"), |x| (1.0..=1000.0).contains(&x))?,
            angle: num("angle", get("angle").unwrap_or("0"), |x| (-180.0..=180.0).contains(&x))?,
            lr: per_opt("lr", |x| x > 0.0 && x <= 100.0)?,
            beta1: per_opt("beta1", |x| (0.0..1.0).contains(&x))?,
            beta2: per_opt("beta2", |x| (0.0..1.0).contains(&x))?,
            // ε keeps α·g/(√s + ε) defined where g = s = 0, and α/ε finite (α ≤ 100).
            eps: per_opt("eps", |x| (1e-300..=1.0).contains(&x))?,
            opts,
            batch,
            m: whole("m", get("m").unwrap_or("40"), 2, 100_000)? as usize,
            noise: num("noise", get("noise").unwrap_or("0.5"), |x| (0.0..=10.0).contains(&x))?,
            seed: whole("seed", get("seed").unwrap_or("1"), 0, u32::MAX as u64)? as u32,
            start,
            dw: num("dw", get("dw").unwrap_or("1"), |x| x > 0.0 && x <= 10.0)?,
            beta: num("beta", get("beta").unwrap_or("0.9"), |x| (0.0..1.0).contains(&x))?,
            bias: flag("bias", get("bias").unwrap_or("0"))?,
            views: names("view", get("view").unwrap_or(""), &VIEWS, true)?,
            show: names("show", get("show").unwrap_or(""), &OVERLAYS, true)?,
            days: whole("days", get("days").unwrap_or("365"), 10, 365)? as u32,
            n: whole("n", get("n").unwrap_or("2"), 1, 1000)? as u32,
            speed: whole("speed", get("speed").unwrap_or("8"), 1, 240)? as u32,
        };
        Ok(scene)
    }

    /// The rows per step of run `i` (a single value applies to every run).
    pub fn batch_of(&self, i: usize) -> Batch {
        if self.batch.len() == 1 {
            self.batch[0]
        } else {
            self.batch[i]
        }
    }

    /// The hyper-parameters of run `i` (a single value applies to every run).
    pub fn hyper(&self, i: usize) -> Hyper {
        let pick = |xs: &Vec<f64>| if xs.len() == 1 { xs[0] } else { xs[i] };
        Hyper { lr: pick(&self.lr), beta1: pick(&self.beta1), beta2: pick(&self.beta2), eps: pick(&self.eps) }
    }

    /// The canonical query string: only keys that differ from their defaults, in table order.
    pub fn to_query(&self) -> String {
        let d = Scene::default();
        let list = |xs: &[f64]| xs.iter().map(|x| fmt_num(*x)).collect::<Vec<_>>().join(",");
        let mut out: Vec<(&str, String)> = Vec::new();
        let mut put = |k: &'static str, v: String, dv: String| {
            if v != dv {
                out.push((k, v));
            }
        };
        put("lesson", self.lesson.clone().unwrap_or_default(), String::new());
        put("step", self.step.to_string(), d.step.to_string());
        put("lang", self.lang.map(|l| l.key().to_string()).unwrap_or_default(), String::new());
        put("embed", (self.embed as u8).to_string(), "0".into());
        put("hide", self.hide.join(","), String::new());
        put("surface", self.surface.clone(), d.surface.clone());
        put("f", self.formula.clone(), String::new());
        put("domain", self.domain.as_deref().map(list).unwrap_or_default(), String::new());
        put("cond", fmt_num(self.cond), fmt_num(d.cond));
        put("angle", fmt_num(self.angle), fmt_num(d.angle));
        put("opt", self.opts.iter().map(|m| m.key()).collect::<Vec<_>>().join(","), "gd".into());
        put("lr", list(&self.lr), list(&d.lr));
        put("beta1", list(&self.beta1), list(&d.beta1));
        put("beta2", list(&self.beta2), list(&d.beta2));
        put("eps", list(&self.eps), list(&d.eps));
        put(
            "batch",
            self.batch
                .iter()
                .map(|b| match b {
                    Batch::All => "all".to_string(),
                    Batch::Size(n) => n.to_string(),
                })
                .collect::<Vec<_>>()
                .join(","),
            "all".into(),
        );
        put("m", self.m.to_string(), d.m.to_string());
        put("noise", fmt_num(self.noise), fmt_num(d.noise));
        put("seed", self.seed.to_string(), d.seed.to_string());
        put("start", self.start.as_deref().map(list).unwrap_or_default(), String::new());
        put("dw", fmt_num(self.dw), fmt_num(d.dw));
        put("beta", fmt_num(self.beta), fmt_num(d.beta));
        put("bias", (self.bias as u8).to_string(), "0".into());
        put("view", self.views.join(","), String::new());
        put("show", self.show.join(","), String::new());
        put("days", self.days.to_string(), d.days.to_string());
        put("n", self.n.to_string(), d.n.to_string());
        put("speed", self.speed.to_string(), d.speed.to_string());
        out.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect::<Vec<_>>().join("&")
    }

    /// The canonical query restricted to `keys`: a cheap fingerprint of part of the scene
    /// (what a cached canvas layer depends on).
    pub fn key_of(&self, keys: &[&str]) -> String {
        self.to_query()
            .split('&')
            .filter(|kv| keys.iter().any(|k| kv.split('=').next() == Some(k)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// True if overlay `name` is listed in `show=`.
    pub fn shows(&self, name: &str) -> bool {
        self.show.iter().any(|h| h == name)
    }

    /// True if `control` is hidden by `hide=`.
    pub fn hides(&self, control: &str) -> bool {
        self.hide.iter().any(|h| h == control)
    }
}
