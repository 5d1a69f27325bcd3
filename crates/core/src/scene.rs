//! The scene: one typed table of every setting a lesson step can have.
//!
//! A scene is parsed from, and written back to, a URL query string
//! (`surface=ravine&opt=gd,adam&lr=0.3`). The same string builds a session from
//! JS. Every key is listed once, in [`KEYS`]; an unknown key, or a bad or
//! out-of-range value, gives a [`SceneError`] that names the key, the value and
//! what is accepted. Writing only the keys that differ from their defaults makes
//! [`Scene::to_query`] canonical: parsing it back gives the same scene.

use crate::control::{keys, Control, Item, Kind, List, Scale, When, ANY_DIM};
use crate::optim::{Hyper, Method, Schedule};
use crate::surfaces::FormulaError;
use std::fmt;

/// A language the core's own messages are written in (a refused scene, a diverging run, the
/// screen-reader narration). A page in another language gets them in English.
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
    /// The messages for a page in the language `tag` (`ko`, `ko-kr` → Korean; any other → English).
    pub fn for_tag(tag: &str) -> Lang {
        if tag == "ko" || tag.starts_with("ko-") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

/// Whether `s` is a language tag the `lang` key accepts and a lesson file may be named after
/// (`lessons/<id>/<tag>.md`): two or three small letters, optionally one subtag of two to eight
/// small letters or digits (`en`, `ko`, `pt-br`, `zh-hant`). Which languages a site has is the
/// build's to say (the lesson files it finds); the page checks a link's tag against that list.
pub fn is_lang_tag(s: &str) -> bool {
    let (primary, sub) = s.split_once('-').unwrap_or((s, "ok"));
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && (2..=8).contains(&sub.len())
        && sub.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The lessons, in course order.
pub const LESSONS: [&str; 14] = [
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
    "real-model",
];

/// A surface the picker offers, labelled `surfaceName.<key>` in the page's strings.
macro_rules! surface {
    ($k:literal) => {
        Item { key: $k, label: concat!("surfaceName.", $k), offer: EVERY_DIM }
    };
}

/// The parameter counts of the real models (`penguins`: 4 weights + b; `mlp`: 33).
const MODEL_DIMS: &[usize] = &[5, 33];
/// Every surface's parameter count: a picker shown on any of them (the surface picker) offers it.
const EVERY_DIM: &[usize] = &[1, 2, 5, 33, OWN_DIM];
/// The small surfaces and the models: a view of the runs over time fits either.
const RUN_DIMS: &[usize] = &[1, 2, 5, 33, OWN_DIM];

/// A view, labelled by its figure's title, `figure.<key>.title` (its name for screen readers
/// too), offered by the playground's picker on surfaces of the dimensions listed.
macro_rules! view {
    ($k:literal, $offer:expr) => {
        Item { key: $k, label: concat!("figure.", $k, ".title"), offer: $offer }
    };
}

/// The cost surfaces a scene can name, in the order the playground's picker lists them.
pub const SURFACE_ITEMS: [Item; 16] = [
    surface!("bowl"),
    surface!("ravine"),
    surface!("rosenbrock"),
    surface!("beale"),
    surface!("himmelblau"),
    surface!("saddle"),
    surface!("wells"),
    surface!("linreg"),
    surface!("cats"),
    surface!("line"),
    surface!("bumpy"),
    surface!("formula"),
    // A scene that draws no cost: a lesson may use it; the picker does not offer it.
    Item { key: "none", label: "surfaceName.none", offer: &[] },
    // The real models on Palmer penguins (logistic regression, 5 parameters; the MLP, 33).
    surface!("penguins"),
    surface!("mlp"),
    // A learner's own CSV file (crates/core/src/table.rs): its data is never in the scene string;
    // the playground offers it on any surface and shows the loader in place of the views.
    surface!("own"),
];

/// The most parameters a model of a learner's own data has: 32 weights (one a feature) and b.
pub const OWN_PARAMS: usize = 33;

/// What the pickers' offers (`Item::offer`) name for a learner's own data, whatever its number
/// of parameters (the page reads a session on `surface=own` as this many; see `table_json`).
pub const OWN_DIM: usize = OWN_PARAMS + 1;

/// The largest number of parameters (`start=` coordinates) of a surface: a model's own count
/// (4 weights + b; the MLP's 33, `surfaces::mlp::PARAMS`, checked by a test), else 2. Written out
/// so a module without the models still reads their scenes (and says which module they need).
pub fn max_params(surface: &str) -> usize {
    match surface {
        "penguins" => 5,
        "mlp" => 33,
        "own" => OWN_PARAMS,
        _ => 2,
    }
}

/// The views that draw a cost over its one or two parameters (or the data's one feature): a
/// model with more parameters cannot be shown in them.
pub const PLANE_VIEWS: [&str; 5] = ["curve", "contour", "surface3d", "basins", "scatter"];

/// A learning-rate schedule, labelled `scheduleName.<key>` in the page's strings.
macro_rules! schedule {
    ($k:literal) => {
        Item { key: $k, label: concat!("scheduleName.", $k), offer: ANY_DIM }
    };
}

/// The learning-rate schedules (`schedule=`; see [`Schedule`]).
pub const SCHEDULE_ITEMS: [Item; 3] = [schedule!("constant"), schedule!("step"), schedule!("cosine")];

/// The names of [`SCHEDULE_ITEMS`].
pub const SCHEDULES: [&str; SCHEDULE_ITEMS.len()] = keys(&SCHEDULE_ITEMS);

/// The names of [`SURFACE_ITEMS`].
pub const SURFACES: [&str; SURFACE_ITEMS.len()] = keys(&SURFACE_ITEMS);

/// The canvases and panels a scene can show, in the order the playground's picker lists the
/// ones it offers.
pub const VIEW_ITEMS: [Item; 23] = [
    view!("curve", &[1]),
    view!("contour", &[2]),
    view!("surface3d", &[2]),
    view!("basins", &[2]),
    view!("loss", RUN_DIMS),
    view!("accuracy", &[5, 33, OWN_DIM]),
    // The decision boundary is drawn over two features: the MLP's (bill length × depth); logistic
    // regression here has four (`MODEL_VIEWS` says which surfaces each model view fits).
    view!("boundary", &[33]),
    view!("slice", MODEL_DIMS),
    view!("randomslice", MODEL_DIMS),
    view!("table", &[1]),
    view!("rates", &[2, 5]),
    view!("grads", &[2]),
    view!("readout", RUN_DIMS),
    view!("update", RUN_DIMS),
    view!("scatter", &[]),
    view!("matrix", &[5, OWN_DIM]),
    view!("ewa", &[]),
    view!("weights", &[]),
    view!("compound", &[]),
    view!("elimit", &[]),
    view!("betalimit", &[]),
    view!("etable", &[]),
    // A model's weights as bars, each named by its feature (a learner's own data).
    view!("coefs", &[OWN_DIM]),
];

/// The names of [`VIEW_ITEMS`].
pub const VIEWS: [&str; VIEW_ITEMS.len()] = keys(&VIEW_ITEMS);

/// The views of a trained model and the surfaces each fits: accuracy needs a classifier, the
/// decision boundary a classifier on two features (the MLP), a slice a model of many parameters.
/// A scene naming one elsewhere is refused; the canvas itself draws a note if it is ever asked.
pub const MODEL_VIEWS: [(&str, &[&str]); 4] = [
    ("accuracy", &["penguins", "mlp", "cats", "own"]),
    ("boundary", &["mlp"]),
    ("slice", &["penguins", "mlp"]),
    ("randomslice", &["penguins", "mlp"]),
];

/// True if view `view` can be drawn on `surface` (every view but [`MODEL_VIEWS`] fits any surface
/// as far as this table goes; [`PLANE_VIEWS`] are checked by the parameter count).
pub fn view_fits(view: &str, surface: &str) -> bool {
    MODEL_VIEWS.iter().find(|(v, _)| *v == view).is_none_or(|(_, on)| on.contains(&surface))
}

/// Overlays a view can draw on top of its canvas.
pub const OVERLAYS: [&str; 11] = [
    "tangent",
    "secant",
    "path",
    "residuals",
    "squares",
    "arrows",
    "minima",
    "boundary",
    "compare",
    "examples",
    "epochs",
];

/// The controls a classroom view can hide with `hide=`.
pub const CONTROLS: [&str; 18] = [
    "play", "step", "reset", "lr", "beta1", "beta2", "eps", "opt", "surface", "batch", "seed", "start", "beta", "text",
    "nav", "speed", "wd", "schedule",
];

/// The numbers a key accepts (each of them, for a list): `lo` to `hi`, each end included unless open.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub lo: f64,
    pub hi: f64,
    pub lo_open: bool,
    pub hi_open: bool,
    /// Whole numbers only (written without a point or exponent).
    pub whole: bool,
}

impl Range {
    /// `lo ..= hi`.
    pub const fn closed(lo: f64, hi: f64) -> Range {
        Range { lo, hi, lo_open: false, hi_open: false, whole: false }
    }
    /// `lo < x ≤ hi`.
    pub const fn above(lo: f64, hi: f64) -> Range {
        Range { lo, hi, lo_open: true, hi_open: false, whole: false }
    }
    /// `lo ≤ x < hi`.
    pub const fn below(lo: f64, hi: f64) -> Range {
        Range { lo, hi, lo_open: false, hi_open: true, whole: false }
    }
    /// The whole numbers `lo ..= hi`.
    pub const fn whole(lo: u32, hi: u32) -> Range {
        Range { lo: lo as f64, hi: hi as f64, lo_open: false, hi_open: false, whole: true }
    }
    pub fn contains(&self, x: f64) -> bool {
        (if self.lo_open { x > self.lo } else { x >= self.lo })
            && (if self.hi_open { x < self.hi } else { x <= self.hi })
    }
}

/// One row of the key table: what the key accepts, its default, and the controls the page builds for it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeySpec {
    pub key: &'static str,
    pub accepts_en: &'static str,
    pub accepts_ko: &'static str,
    /// The default, as written in a URL; empty: none.
    pub default: &'static str,
    /// The numbers it accepts, checked by [`Scene::parse`]; `None` for a key that is not a number.
    pub range: Option<Range>,
    /// The longest value it accepts, in characters (0: no limit of its own).
    pub max_chars: usize,
    /// About the page (the step shown, its language, embedding), not the scene the session runs.
    pub page: bool,
    /// An optimizer's hyper-parameter: one value for every run or one per optimizer. The
    /// playground keeps each optimizer's own value when the set of optimizers changes.
    pub per_optimizer: bool,
    /// Belongs to the surface: a lesson step's value lapses when the learner picks another surface.
    pub follows_surface: bool,
    /// The controls that change it.
    pub controls: &'static [Control],
}

impl KeySpec {
    /// A key with nothing set; entries in [`KEYS`] start from it (`..KeySpec::BLANK`).
    pub const BLANK: KeySpec = KeySpec {
        key: "",
        accepts_en: "",
        accepts_ko: "",
        default: "",
        range: None,
        max_chars: 0,
        page: false,
        per_optimizer: false,
        follows_surface: false,
        controls: &[],
    };
}

/// The table row of `key`. Panics on a key that is not in [`KEYS`] (a bug in this crate).
pub fn spec(key: &str) -> &'static KeySpec {
    KEYS.iter().find(|k| k.key == key).unwrap_or_else(|| panic!("no scene key {key:?} in KEYS"))
}

/// Shown only in the playground.
const PLAYGROUND: When = When { lessons: &["playground"], ..When::ALWAYS };
/// A schedule's parameters: shown with its schedule, wherever the schedule is offered.
const STEP_DECAY: When = When { runs: true, schedules: &["step"], ..When::ALWAYS };
const COSINE: When = When { runs: true, schedules: &["cosine"], ..When::ALWAYS };

/// Every scene key: what it accepts, its default and its controls. The page shows the controls
/// in this order (the playground's pickers in a row of their own, after the sliders).
pub const KEYS: &[KeySpec] = &[
    KeySpec {
        key: "lesson",
        accepts_en: "a lesson id (cost, derivative, parabola, update, local-optima, batch, ewa, e-limit, bias-correction, momentum, rmsprop, adam, playground, real-model)",
        accepts_ko: "강의 id (cost, derivative, parabola, update, local-optima, batch, ewa, e-limit, bias-correction, momentum, rmsprop, adam, playground, real-model)",
        page: true,
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "step",
        accepts_en: "a whole number from 1 to 99",
        accepts_ko: "1부터 99 사이의 정수",
        default: "1",
        range: Some(Range::whole(1, 99)),
        page: true,
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "lang",
        accepts_en: "a language tag such as en, ko or pt-br (small letters)",
        accepts_ko: "en, ko, pt-br 같은 언어 태그 (영문 소문자)",
        page: true,
        ..KeySpec::BLANK
    },
    KeySpec { key: "embed", accepts_en: "0 or 1", accepts_ko: "0 또는 1", default: "0", page: true, ..KeySpec::BLANK },
    KeySpec {
        key: "hide",
        accepts_en: "a comma list of play, step, reset, lr, beta1, beta2, eps, opt, surface, batch, seed, start, beta, text, nav, speed, wd, schedule",
        accepts_ko: "play, step, reset, lr, beta1, beta2, eps, opt, surface, batch, seed, start, beta, text, nav, speed, wd, schedule 중 쉼표로 구분한 목록",
        page: true,
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "surface",
        accepts_en: "one of line, bumpy, bowl, ravine, rosenbrock, beale, himmelblau, saddle, wells, linreg, cats, penguins, mlp, own, formula, none",
        accepts_ko: "line, bumpy, bowl, ravine, rosenbrock, beale, himmelblau, saddle, wells, linreg, cats, penguins, mlp, own, formula, none 중 하나",
        default: "line",
        controls: &[Control {
            label: "surface",
            kind: Kind::Choice(List::Surfaces),
            when: PLAYGROUND,
            hide: &["surface"],
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "f",
        accepts_en: "a formula in w (1-D) or w and b (2-D), at most 300 characters",
        accepts_ko: "w(1차원) 또는 w와 b(2차원)의 수식, 300자 이하",
        max_chars: 300,
        follows_surface: true,
        controls: &[Control { label: "formula", kind: Kind::Text, when: PLAYGROUND, ..Control::BLANK }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "domain",
        accepts_en: "four numbers wlo,whi,blo,bhi (or two for 1-D) with lo < hi, each within ±1000",
        accepts_ko: "wlo,whi,blo,bhi 네 수(1차원은 두 수), lo < hi, 각각 ±1000 이내",
        range: Some(Range::closed(-1000.0, 1000.0)),
        follows_surface: true,
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "opt",
        accepts_en: "a comma list of gd, sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw (one may repeat only with a different batch, e.g. opt=gd,gd&batch=all,8)",
        accepts_ko: "gd, sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw 중 쉼표 목록 (같은 것은 batch가 다를 때만 반복, 예: opt=gd,gd&batch=all,8)",
        default: "gd",
        controls: &[Control {
            label: "opts",
            kind: Kind::Choices(List::Optimizers),
            when: PLAYGROUND,
            hide: &["opt"],
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "start",
        accepts_en: "comma-separated coordinates, one per parameter (5 for penguins, 33 for mlp, else 1 or 2), each within ±1000",
        accepts_ko: "매개변수마다 하나씩 쉼표로 구분한 좌표 (penguins는 5개, mlp는 33개, 그 밖에는 1개나 2개), 각각 ±1000 이내",
        range: Some(Range::closed(-1000.0, 1000.0)),
        follows_surface: true,
        controls: &[Control {
            label: "readout.w",
            kind: Kind::Point,
            span: Some((-1.0, 2.6)),
            step: 0.01,
            when: When { runs: true, dim: 1, shown: &["scatter", "secant"], ..When::ALWAYS },
            hide: &["start"],
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "lr",
        accepts_en: "a number above 0 and at most 100, or one per optimizer",
        accepts_ko: "0보다 크고 100 이하인 수, 또는 옵티마이저마다 하나씩",
        default: "0.1",
        range: Some(Range::above(0.0, 100.0)),
        per_optimizer: true,
        controls: &[
            Control {
                label: "lr",
                span: Some((1e-3, 10.0)),
                step: 0.01,
                scale: Scale::Log,
                when: When { runs: true, not_lessons: &["playground"], ..When::ALWAYS },
                hide: &["lr"],
                ..Control::BLANK
            },
            Control { label: "lr", kind: Kind::PerOptimizer, span: Some((1e-4, 100.0)), when: PLAYGROUND, ..Control::BLANK },
        ],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "beta1",
        accepts_en: "a number from 0 up to (not including) 1, or one per optimizer",
        accepts_ko: "0 이상 1 미만의 수, 또는 옵티마이저마다 하나씩",
        default: "0.9",
        range: Some(Range::below(0.0, 1.0)),
        per_optimizer: true,
        controls: &[Control {
            label: "beta1",
            span: Some((0.0, 0.999)),
            step: 0.001,
            when: When { runs: true, opts: &["momentum", "nesterov", "adam"], ..When::ALWAYS },
            hide: &["beta1"],
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "beta2",
        accepts_en: "a number from 0 up to (not including) 1, or one per optimizer",
        accepts_ko: "0 이상 1 미만의 수, 또는 옵티마이저마다 하나씩",
        default: "0.999",
        range: Some(Range::below(0.0, 1.0)),
        per_optimizer: true,
        controls: &[Control {
            label: "beta2",
            span: Some((0.0, 0.9999)),
            step: 0.0001,
            when: When { runs: true, opts: &["rmsprop", "adam"], ..When::ALWAYS },
            hide: &["beta2"],
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "eps",
        accepts_en: "a number above 0 (at least 1e-300) and at most 1, or one per optimizer; with ε = 0 a zero gradient would divide 0 by 0",
        accepts_ko: "0보다 크고(1e-300 이상) 1 이하인 수, 또는 옵티마이저마다 하나씩. ε = 0이면 기울기가 0일 때 0을 0으로 나누게 돼요",
        default: "0.00000001",
        // ε keeps α·g/(√s + ε) defined where g = s = 0, and α/ε finite (α ≤ 100).
        range: Some(Range::closed(1e-300, 1.0)),
        per_optimizer: true,
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "wd",
        accepts_en: "a number from 0 to 1 (AdamW's weight decay λ), or one per optimizer",
        accepts_ko: "0부터 1 사이의 수 (AdamW의 가중치 감쇠 λ), 또는 옵티마이저마다 하나씩",
        default: "0.01",
        range: Some(Range::closed(0.0, 1.0)),
        per_optimizer: true,
        controls: &[Control {
            label: "wd",
            span: Some((0.0, 0.5)),
            step: 0.005,
            when: When { runs: true, opts: &["adamw"], ..When::ALWAYS },
            hide: &["wd"],
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "schedule",
        accepts_en: "constant, step (α times drop every so many steps) or cosine (linear warm-up, then cosine decay)",
        accepts_ko: "constant, step (몇 걸음마다 α에 drop을 곱함) 또는 cosine (선형 워밍업 뒤 코사인 감소)",
        default: "constant",
        controls: &[
            Control {
                label: "schedule",
                kind: Kind::Choice(List::Schedules),
                when: When { runs: true, ..PLAYGROUND },
                hide: &["schedule"],
                ..Control::BLANK
            },
            Control {
                label: "schedule",
                kind: Kind::Choice(List::Schedules),
                when: When { runs: true, given: true, not_lessons: &["playground"], ..When::ALWAYS },
                hide: &["schedule"],
                ..Control::BLANK
            },
        ],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "every",
        accepts_en: "a whole number of steps from 1 to 100000 (step decay: how often α drops)",
        accepts_ko: "1부터 100000 사이의 걸음 수 (계단식 감소: α가 줄어드는 간격)",
        default: "100",
        range: Some(Range::whole(1, 100_000)),
        controls: &[Control { label: "every", span: Some((1.0, 500.0)), step: 1.0, when: STEP_DECAY, hide: &["schedule"], ..Control::BLANK }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "drop",
        accepts_en: "a number above 0 and at most 1 (step decay: the factor α is multiplied by)",
        accepts_ko: "0보다 크고 1 이하인 수 (계단식 감소: α에 곱하는 값)",
        default: "0.5",
        range: Some(Range::above(0.0, 1.0)),
        controls: &[Control { label: "drop", span: Some((0.05, 1.0)), step: 0.05, when: STEP_DECAY, hide: &["schedule"], ..Control::BLANK }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "warmup",
        accepts_en: "a whole number of steps from 0 to 100000 (cosine: the linear warm-up from 0 to α), less than horizon",
        accepts_ko: "0부터 100000 사이의 걸음 수 (cosine: 0에서 α까지 선형 워밍업), horizon보다 작게",
        default: "0",
        range: Some(Range::whole(0, 100_000)),
        controls: &[Control { label: "warmup", span: Some((0.0, 500.0)), step: 1.0, when: COSINE, hide: &["schedule"], ..Control::BLANK }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "horizon",
        accepts_en: "a whole number of steps from 1 to 1000000 (cosine: the step where α reaches its floor, warm-up included)",
        accepts_ko: "1부터 1000000 사이의 걸음 수 (cosine: α가 바닥값에 닿는 걸음, 워밍업 포함)",
        default: "1000",
        range: Some(Range::whole(1, 1_000_000)),
        controls: &[Control { label: "horizon", span: Some((10.0, 5000.0)), step: 10.0, when: COSINE, hide: &["schedule"], ..Control::BLANK }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "floor",
        accepts_en: "a number from 0 to 1 (cosine: where α ends, as a fraction of α)",
        accepts_ko: "0부터 1 사이의 수 (cosine: α가 끝나는 값, α에 대한 비율)",
        default: "0",
        range: Some(Range::closed(0.0, 1.0)),
        controls: &[Control { label: "floor", span: Some((0.0, 1.0)), step: 0.01, when: COSINE, hide: &["schedule"], ..Control::BLANK }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "batch",
        accepts_en: "all, or a whole number of rows from 1 to 100000; one value, or one per optimizer",
        accepts_ko: "all 또는 1부터 100000 사이의 행 수; 하나, 또는 옵티마이저마다 하나씩",
        default: "all",
        range: Some(Range::whole(1, 100_000)),
        controls: &[Control {
            label: "batch",
            span: Some((1.0, 64.0)),
            step: 1.0,
            when: When { runs: true, surfaces: &["linreg", "cats", "penguins", "mlp"], given: true, ..When::ALWAYS },
            hide: &["batch"],
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "m",
        accepts_en: "a whole number of data rows from 2 to 100000",
        accepts_ko: "2부터 100000 사이의 데이터 행 수",
        default: "40",
        range: Some(Range::whole(2, 100_000)),
        follows_surface: true,
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "noise",
        accepts_en: "a number from 0 to 10 (gradient noise of SGD on a formula surface)",
        accepts_ko: "0부터 10 사이의 수 (수식 곡면에서 SGD 기울기 잡음)",
        default: "0.5",
        range: Some(Range::closed(0.0, 10.0)),
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "dw",
        accepts_en: "a number above 0 and at most 10 (the nudge Δw)",
        accepts_ko: "0보다 크고 10 이하인 수 (조금 움직인 양 Δw)",
        default: "1",
        range: Some(Range::above(0.0, 10.0)),
        controls: &[Control {
            label: "dw",
            // 10^-3 to 10^0.5.
            span: Some((1e-3, 3.1622776601683795)),
            step: 0.01,
            scale: Scale::Log,
            when: When { shown: &["secant"], ..When::ALWAYS },
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "cond",
        accepts_en: "a number from 1 to 1000 (the ravine's condition number)",
        accepts_ko: "1부터 1000 사이의 수 (골짜기의 조건수)",
        default: "20",
        range: Some(Range::closed(1.0, 1000.0)),
        follows_surface: true,
        controls: &[Control {
            label: "cond",
            span: Some((1.0, 100.0)),
            step: 1.0,
            when: When { surfaces: &["ravine"], not_lessons: &["adam"], ..When::ALWAYS },
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "angle",
        accepts_en: "a number of degrees from -180 to 180",
        accepts_ko: "-180부터 180 사이의 각도",
        default: "0",
        range: Some(Range::closed(-180.0, 180.0)),
        follows_surface: true,
        controls: &[Control {
            label: "angle",
            span: Some((-90.0, 90.0)),
            step: 5.0,
            when: When { surfaces: &["ravine"], given: true, ..When::ALWAYS },
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "beta",
        accepts_en: "a number from 0 up to (not including) 1 (the average's β)",
        accepts_ko: "0 이상 1 미만의 수 (평균의 β)",
        default: "0.9",
        range: Some(Range::below(0.0, 1.0)),
        controls: &[Control {
            label: "beta",
            span: Some((0.0, 0.999)),
            step: 0.001,
            when: When { shown: &["ewa", "weights", "betalimit"], ..When::ALWAYS },
            hide: &["beta"],
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "view",
        accepts_en: "a comma list of curve, table, scatter, contour, surface3d, basins, loss, accuracy, boundary, slice, randomslice, matrix, grads, rates, ewa, weights, compound, elimit, betalimit, etable, readout, update, coefs (accuracy on a classifier; boundary on mlp; slice and randomslice on penguins and mlp)",
        accepts_ko: "curve, table, scatter, contour, surface3d, basins, loss, accuracy, boundary, slice, randomslice, matrix, grads, rates, ewa, weights, compound, elimit, betalimit, etable, readout, update, coefs 중 쉼표 목록 (accuracy는 분류 모델에서, boundary는 mlp에서, slice와 randomslice는 penguins와 mlp에서)",
        follows_surface: true,
        controls: &[Control { label: "views", kind: Kind::Choices(List::Views), when: PLAYGROUND, ..Control::BLANK }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "show",
        accepts_en: "a comma list of tangent, secant, path, residuals, squares, arrows, minima, boundary, compare, examples, epochs",
        accepts_ko: "tangent, secant, path, residuals, squares, arrows, minima, boundary, compare, examples, epochs 중 쉼표 목록",
        follows_surface: true,
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "days",
        accepts_en: "a whole number of days from 10 to 365 (how much of the series the averages chart shows)",
        accepts_ko: "10부터 365 사이의 일 수 (평균 그래프가 보여 줄 기간)",
        default: "365",
        range: Some(Range::whole(10, 365)),
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "n",
        accepts_en: "a whole number from 1 to 1000 (compounding steps)",
        accepts_ko: "1부터 1000 사이의 정수 (복리 나눔 횟수)",
        default: "2",
        range: Some(Range::whole(1, 1000)),
        controls: &[Control {
            label: "n",
            step: 1.0,
            when: When { shown: &["compound", "elimit"], ..When::ALWAYS },
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "speed",
        accepts_en: "steps per second, a whole number from 1 to 240",
        accepts_ko: "초당 걸음 수, 1부터 240 사이의 정수",
        default: "8",
        range: Some(Range::whole(1, 240)),
        controls: &[Control {
            label: "speed",
            step: 1.0,
            when: When { runs: true, ..When::ALWAYS },
            hide: &["speed", "play"],
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "bias",
        accepts_en: "0 or 1 (divide by 1 − βᵗ)",
        accepts_ko: "0 또는 1 (1 − βᵗ로 나누기)",
        default: "0",
        controls: &[Control {
            label: "bias",
            kind: Kind::Checkbox,
            when: When { shown: &["ewa"], ..When::ALWAYS },
            hide: &["beta"],
            ..Control::BLANK
        }],
        ..KeySpec::BLANK
    },
    KeySpec {
        key: "seed",
        accepts_en: "a whole number from 0 to 4294967295",
        accepts_ko: "0부터 4294967295 사이의 정수",
        default: "1",
        range: Some(Range::whole(0, u32::MAX)),
        controls: &[Control { label: "seed", kind: Kind::Number, step: 1.0, when: PLAYGROUND, hide: &["seed"], ..Control::BLANK }],
        ..KeySpec::BLANK
    },
];

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
    /// What exactly is wrong, when the key's description is not enough; see [`SceneError::detail`].
    pub detail: Option<Box<Detail>>,
}

/// What exactly is wrong with a scene, beyond what its key accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Why a typed formula cannot be used (where and why), for [`ErrorKind::Formula`].
    Formula(FormulaError),
    /// The scene names a model this web module does not carry (a [`ErrorKind::Mismatch`]).
    NeedsModels,
    /// The scene is of a learner's own data (`surface=own`), which a link never carries.
    NeedsData,
}

/// ` (detail)`, or nothing for an empty detail.
fn paren(detail: String) -> String {
    if detail.is_empty() {
        detail
    } else {
        format!(" ({detail})")
    }
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
    /// A typed formula (`f=`) that cannot be parsed or differentiated; its detail says where and why.
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
        SceneError { key: key.into(), value: value.into(), kind: ErrorKind::BadValue, detail: None }
    }
    pub fn mismatch(key: &str, value: &str) -> Self {
        SceneError { key: key.into(), value: value.into(), kind: ErrorKind::Mismatch, detail: None }
    }
    /// A scene this build of the web module cannot run (the models live in a larger module).
    #[cfg(not(feature = "models"))]
    pub(crate) fn needs_models(key: &str, value: &str) -> Self {
        SceneError {
            key: key.into(),
            value: value.into(),
            kind: ErrorKind::Mismatch,
            detail: Some(Box::new(Detail::NeedsModels)),
        }
    }
    /// A scene of a learner's own data, built without the data (it stays with its owner).
    pub(crate) fn needs_data() -> Self {
        SceneError {
            key: "surface".into(),
            value: "own".into(),
            kind: ErrorKind::Mismatch,
            detail: Some(Box::new(Detail::NeedsData)),
        }
    }
    /// True for a scene that is fine but needs a learner's data handed to it.
    pub fn needs_data_only(&self) -> bool {
        matches!(self.detail.as_deref(), Some(Detail::NeedsData))
    }
    /// A formula that cannot be used, and why.
    pub(crate) fn formula(value: &str, why: FormulaError) -> Self {
        SceneError {
            key: "f".into(),
            value: value.into(),
            kind: ErrorKind::Formula,
            detail: Some(Box::new(Detail::Formula(why))),
        }
    }
    /// Why a typed formula cannot be used, for [`ErrorKind::Formula`].
    pub fn formula_error(&self) -> Option<&FormulaError> {
        match self.detail.as_deref() {
            Some(Detail::Formula(e)) => Some(e),
            _ => None,
        }
    }
    /// What exactly is wrong, in `lang`, when the key's description is not enough (a formula's
    /// parse error, with its position or token; a scene that needs a larger module); empty otherwise.
    pub fn detail(&self, lang: Lang) -> String {
        match (self.detail.as_deref(), lang) {
            (None, _) => String::new(),
            (Some(Detail::Formula(e)), _) => e.message(lang),
            (Some(Detail::NeedsModels), Lang::En) => "the models need a larger web module: reload the page".into(),
            (Some(Detail::NeedsModels), Lang::Ko) => "모델은 더 큰 웹 모듈에 있어요. 페이지를 새로 고치세요".into(),
            (Some(Detail::NeedsData), Lang::En) => {
                "the data stays with its owner and is never in a link: load a CSV file".into()
            }
            (Some(Detail::NeedsData), Lang::Ko) => {
                "데이터는 주인에게만 있고 링크에는 담기지 않아요. CSV 파일을 불러오세요".into()
            }
        }
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
                format!("장면 키 \"{k}\"이(가) 두 번 이상 나와요 (다시 \"{v}\"). 한 번만 쓰세요.")
            }
            (ErrorKind::BadValue, Lang::En) => {
                format!("Scene key \"{k}\": \"{v}\" is not accepted; it takes {}.", self.accepts(lang))
            }
            (ErrorKind::BadValue, Lang::Ko) => {
                format!("장면 키 \"{k}\": \"{v}\"은(는) 받을 수 없는 값이에요. 받는 값: {}.", self.accepts(lang))
            }
            (ErrorKind::Mismatch, Lang::En) => format!(
                "Scene key \"{k}\": \"{v}\" does not fit the rest of the scene{}; it takes {}.",
                paren(self.detail(lang)),
                self.accepts(lang)
            ),
            (ErrorKind::Mismatch, Lang::Ko) => format!(
                "장면 키 \"{k}\": \"{v}\"은(는) 장면의 다른 설정과 맞지 않아요{}. 받는 값: {}.",
                paren(self.detail(lang)),
                self.accepts(lang)
            ),
            (ErrorKind::Formula, Lang::En) => format!(
                "Scene key \"{k}\": the formula \"{v}\" cannot be used: {}. It takes {}.",
                self.detail(lang),
                self.accepts(lang)
            ),
            (ErrorKind::Formula, Lang::Ko) => format!(
                "장면 키 \"{k}\": 수식 \"{v}\"을(를) 쓸 수 없어요: {}. 받는 값: {}.",
                self.detail(lang),
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
    /// A language tag ([`is_lang_tag`]); `None`: follow the browser.
    pub lang: Option<String>,
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
    /// AdamW's weight decay λ: one value for every run, or one per optimizer.
    pub wd: Vec<f64>,
    /// The learning-rate schedule's name (`constant`, `step`, `cosine`) and its parameters
    /// (see [`Scene::schedule`]).
    pub schedule: String,
    pub every: u64,
    pub drop: f64,
    pub warmup: u64,
    pub horizon: u64,
    pub floor: f64,
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

/// Formats a number for a message a learner reads, in the page's one number format
/// ([`crate::format::short`]): at most four decimals, no trailing zeros (1.8000000000000007 →
/// "1.8"), the exponent form m×10ⁿ for very small or large magnitudes.
pub fn show_num(x: f64) -> String {
    crate::format::short(x, 4)
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

/// A number in the key's range (see [`KEYS`]).
fn number(key: &str, v: &str) -> Result<f64, SceneError> {
    let r = range_of(key);
    num(key, v, |x| r.contains(x))
}

/// A whole number in the key's range.
fn count(key: &str, v: &str) -> Result<u64, SceneError> {
    let r = range_of(key);
    whole(key, v, r.lo as u64, r.hi as u64)
}

fn range_of(key: &str) -> Range {
    spec(key).range.unwrap_or_else(|| panic!("scene key {key:?} has no range in KEYS"))
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
                return Err(SceneError { key: k, value: v, kind: ErrorKind::UnknownKey, detail: None });
            };
            if seen.contains(&k) {
                return Err(SceneError { key: k, value: v, kind: ErrorKind::Repeated, detail: None });
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
        // The value given, else the key's default ("" for none).
        let value = |key: &str| get(key).unwrap_or("");

        let lesson = match get("lesson") {
            Some(v) if LESSONS.contains(&v.trim()) => Some(v.trim().to_string()),
            Some(v) if v.trim().is_empty() => None,
            Some(v) => return Err(SceneError::bad("lesson", v)),
            None => None,
        };
        let lang = match get("lang").map(str::trim) {
            None | Some("") => None,
            Some(tag) if is_lang_tag(tag) => Some(tag.to_string()),
            Some(_) => return Err(SceneError::bad("lang", value("lang"))),
        };
        let surface = value("surface").trim().to_string();
        if !SURFACES.contains(&surface.as_str()) {
            return Err(SceneError::bad("surface", value("surface")));
        }
        let formula = value("f").to_string();
        if formula.chars().count() > spec("f").max_chars || formula.chars().any(|c| c.is_control()) {
            return Err(SceneError::bad("f", &formula));
        }
        if surface == "formula" && formula.trim().is_empty() {
            return Err(SceneError::mismatch("f", &formula));
        }
        let opts: Vec<Method> =
            names_repeating("opt", value("opt"), &Method::ALL.map(|m| m.key()), Method::ALL.len() + 2)?
                .iter()
                .filter_map(|s| Method::from_key(s))
                .collect();
        let per_opt = |key: &str| -> Result<Vec<f64>, SceneError> {
            let v = value(key);
            let r = range_of(key);
            let xs = nums(key, v, Method::ALL.len(), |x| r.contains(x))?;
            if xs.len() != 1 && xs.len() != opts.len() {
                return Err(SceneError::mismatch(key, v));
            }
            Ok(xs)
        };
        let batch: Vec<Batch> = {
            let v = value("batch");
            let parts: Vec<&str> = v.split(',').collect();
            if parts.len() > Method::ALL.len() {
                return Err(SceneError::bad("batch", v));
            }
            let b = parts
                .iter()
                .map(|p| match p.trim() {
                    "all" => Ok(Batch::All),
                    x => count("batch", x).map(|k| Batch::Size(k as usize)).map_err(|_| SceneError::bad("batch", v)),
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
                    return Err(SceneError::bad("opt", value("opt")));
                }
            }
        }
        let start = match get("start") {
            Some(v) => Some(nums("start", v, max_params(&surface), |x| range_of("start").contains(x))?),
            None => None,
        };
        let schedule = value("schedule").trim().to_string();
        if !SCHEDULES.contains(&schedule.as_str()) {
            return Err(SceneError::bad("schedule", value("schedule")));
        }
        let (warmup, horizon) = (count("warmup", value("warmup"))?, count("horizon", value("horizon"))?);
        // The cosine needs steps to decay over after its warm-up.
        if schedule == "cosine" && horizon <= warmup {
            return Err(SceneError::mismatch("warmup", value("warmup")));
        }
        let views = names("view", value("view"), &VIEWS, true)?;
        // A model of many parameters has no picture over one or two of them.
        if max_params(&surface) > 2 && views.iter().any(|v| PLANE_VIEWS.contains(&v.as_str())) {
            return Err(SceneError::mismatch("view", value("view")));
        }
        // A model's view on a surface it does not fit (a boundary of four features, a slice of a bowl).
        if views.iter().any(|v| !view_fits(v, &surface)) {
            return Err(SceneError::mismatch("view", value("view")));
        }
        let domain = match get("domain") {
            Some(v) => {
                let d = nums("domain", v, 4, |x| range_of("domain").contains(x))?;
                if !(d.len() == 2 || d.len() == 4) || d.chunks(2).any(|c| c[0] >= c[1]) {
                    return Err(SceneError::bad("domain", v));
                }
                Some(d)
            }
            None => None,
        };
        let scene = Scene {
            lesson,
            step: count("step", value("step"))? as u32,
            lang,
            embed: flag("embed", value("embed"))?,
            hide: names("hide", value("hide"), &CONTROLS, true)?,
            surface,
            formula,
            domain,
            cond: number("cond", value("cond"))?,
            angle: number("angle", value("angle"))?,
            lr: per_opt("lr")?,
            beta1: per_opt("beta1")?,
            beta2: per_opt("beta2")?,
            eps: per_opt("eps")?,
            wd: per_opt("wd")?,
            schedule,
            every: count("every", value("every"))?,
            drop: number("drop", value("drop"))?,
            warmup,
            horizon,
            floor: number("floor", value("floor"))?,
            opts,
            batch,
            m: count("m", value("m"))? as usize,
            noise: number("noise", value("noise"))?,
            seed: count("seed", value("seed"))? as u32,
            start,
            dw: number("dw", value("dw"))?,
            beta: number("beta", value("beta"))?,
            bias: flag("bias", value("bias"))?,
            views,
            show: names("show", value("show"), &OVERLAYS, true)?,
            days: count("days", value("days"))? as u32,
            n: count("n", value("n"))? as u32,
            speed: count("speed", value("speed"))? as u32,
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

    /// The learning-rate schedule every run follows.
    pub fn schedule(&self) -> Schedule {
        match self.schedule.as_str() {
            "step" => Schedule::Step { every: self.every, drop: self.drop },
            "cosine" => Schedule::Cosine { warmup: self.warmup, horizon: self.horizon, floor: self.floor },
            _ => Schedule::Constant,
        }
    }

    /// The hyper-parameters of run `i` (a single value applies to every run).
    pub fn hyper(&self, i: usize) -> Hyper {
        let pick = |xs: &Vec<f64>| if xs.len() == 1 { xs[0] } else { xs[i] };
        Hyper {
            lr: pick(&self.lr),
            beta1: pick(&self.beta1),
            beta2: pick(&self.beta2),
            eps: pick(&self.eps),
            wd: pick(&self.wd),
            schedule: self.schedule(),
        }
    }

    /// The canonical query string: only keys that differ from their defaults, in a fixed order
    /// (the order links have always been written in; it need not follow [`KEYS`]).
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
        put("lang", self.lang.clone().unwrap_or_default(), String::new());
        put("embed", (self.embed as u8).to_string(), spec("embed").default.into());
        put("hide", self.hide.join(","), String::new());
        put("surface", self.surface.clone(), d.surface.clone());
        put("f", self.formula.clone(), String::new());
        put("domain", self.domain.as_deref().map(list).unwrap_or_default(), String::new());
        put("cond", fmt_num(self.cond), fmt_num(d.cond));
        put("angle", fmt_num(self.angle), fmt_num(d.angle));
        put("opt", self.opts.iter().map(|m| m.key()).collect::<Vec<_>>().join(","), spec("opt").default.into());
        put("lr", list(&self.lr), list(&d.lr));
        put("beta1", list(&self.beta1), list(&d.beta1));
        put("beta2", list(&self.beta2), list(&d.beta2));
        put("eps", list(&self.eps), list(&d.eps));
        put("wd", list(&self.wd), list(&d.wd));
        put("schedule", self.schedule.clone(), d.schedule.clone());
        put("every", self.every.to_string(), d.every.to_string());
        put("drop", fmt_num(self.drop), fmt_num(d.drop));
        put("warmup", self.warmup.to_string(), d.warmup.to_string());
        put("horizon", self.horizon.to_string(), d.horizon.to_string());
        put("floor", fmt_num(self.floor), fmt_num(d.floor));
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
            spec("batch").default.into(),
        );
        put("m", self.m.to_string(), d.m.to_string());
        put("noise", fmt_num(self.noise), fmt_num(d.noise));
        put("seed", self.seed.to_string(), d.seed.to_string());
        put("start", self.start.as_deref().map(list).unwrap_or_default(), String::new());
        put("dw", fmt_num(self.dw), fmt_num(d.dw));
        put("beta", fmt_num(self.beta), fmt_num(d.beta));
        put("bias", (self.bias as u8).to_string(), spec("bias").default.into());
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
