//! Fuzzing the inputs a stranger controls: the scene string (any link) and the typed formula.
//!
//! What must hold for any input, however hostile:
//! - nothing panics (parsing, building the session, stepping, reading results back);
//! - a refused scene names a key and says what it accepts, in both languages;
//! - no NaN or ±∞ escapes into a number the page shows: the current parameters, the cost of a
//!   running run, every row of the step log and of the kept path, the optimizer's buffers. A run
//!   that meets a non-finite number stops at its last sound point instead.
//!
//! Everything runs on a 1 MB stack, the default stack of the WebAssembly module.

use descent_core::scene::{is_invisible, percent_encode, ErrorKind, Scene, KEYS, SURFACES};
use descent_core::session::HISTORY_CAP;
use descent_core::{Lang, Method, Session};
use proptest::prelude::*;

/// Runs `f` on a thread with the WebAssembly module's 1 MB stack.
fn small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(1 << 20).spawn(f).unwrap().join().unwrap()
}

/// Every number the page can show for a session is finite (see the module docs).
fn assert_nothing_non_finite_shown(s: &Session, what: &str) {
    for (i, r) in s.runs.iter().enumerate() {
        let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite());
        assert!(finite(&r.params), "{what}: run {i} params {:?}", r.params);
        if !r.diverged() {
            // A run that is still going has a finite cost (a stopped one shows its reason instead).
            assert!(s.loss(i).is_finite(), "{what}: run {i} loss {}", s.loss(i));
        }
        let o = &r.optimizer;
        assert!(finite(&o.v) && finite(&o.s) && finite(&o.last_update()), "{what}: run {i} buffers {o:?}");
        for rec in &r.log {
            let ok = rec.loss.is_finite()
                && [&rec.before, &rec.grad, &rec.update, &rec.velocity, &rec.after].iter().all(|v| finite(v));
            assert!(ok, "{what}: run {i} log row {rec:?}");
        }
        for (t, p, loss) in r.history.iter() {
            assert!(finite(p) && loss.is_finite(), "{what}: run {i} path point {t}: {p:?} {loss}");
        }
        assert!(r.history.len() <= HISTORY_CAP);
        // The examples counted are those of the steps taken (a failed step counts none).
        let rows = s.surface().rows();
        assert_eq!(r.examples_seen, r.examples_after(r.iteration(), rows), "{what}: run {i} examples seen");
        if let Some(d) = &r.divergence {
            assert!(d.step >= 1, "{what}: run {i} diverged at step {}", d.step);
            if let Some(k) = d.rate_times_curvature {
                assert!(k.is_finite(), "{what}");
            }
        }
    }
}

/// Parses `query`, builds its session and steps it in growing chunks, checking every invariant.
fn exercise(query: &str) {
    let what = format!("{query:?}");
    match Session::from_query(query) {
        Err(e) => {
            for lang in [Lang::En, Lang::Ko] {
                let m = e.message(lang);
                assert!(!m.is_empty() && m.chars().count() < 2000, "{what}: {m}");
                let shown_key: String =
                    e.key.chars().take(20).map(|c| if is_invisible(c) { '\u{FFFD}' } else { c }).collect();
                assert!(!m.chars().any(is_invisible), "{what}: invisible characters in {m:?}");
                assert!(m.contains(&shown_key), "{what}: message does not name the key {:?}: {m}", e.key);
            }
            if e.kind != ErrorKind::UnknownKey {
                assert!(KEYS.iter().any(|k| k.key == e.key), "{what}: {e:?}");
                assert!(!e.accepts(Lang::En).is_empty(), "{what}");
            }
        }
        Ok(mut s) => {
            assert_nothing_non_finite_shown(&s, &what);
            // Big data sets cost a lot per step; a few steps are enough for them.
            let chunks: &[u32] = if s.surface().rows() > 5000 { &[1, 3] } else { &[1, 4, 40, 400] };
            for &n in chunks {
                let before: Vec<u64> = s.runs.iter().map(|r| r.iteration()).collect();
                let taken = s.step(n);
                assert!(taken <= n, "{what}");
                for (r, b) in s.runs.iter().zip(before) {
                    assert!(r.iteration() <= b + n as u64, "{what}");
                }
                assert_nothing_non_finite_shown(&s, &what);
                for i in 0..s.runs.len() {
                    let _ = s.gradient(i);
                }
            }
            // The canonical string rebuilds the same scene, and resetting replays from the start.
            let q = s.to_query();
            let again = Scene::parse(&q).unwrap_or_else(|e| panic!("{what}: canonical {q:?} refused: {e}"));
            assert_eq!(&again, s.scene(), "{what}");
            s.reset();
            assert_nothing_non_finite_shown(&s, &what);
            assert!(s.runs.iter().all(|r| r.iteration() == 0 && !r.diverged()), "{what}: reset");
            // A start dragged anywhere, even to nonsense, is clamped and keeps the session sound.
            for pair in [[f64::NAN, f64::INFINITY], [1e308, -1e308], [0.0, 0.0]] {
                // One coordinate per parameter, alternating the pair (a model has many).
                let p: Vec<f64> = (0..s.surface().dim()).map(|i| pair[i % 2]).collect();
                s.set_start(&p);
                assert_nothing_non_finite_shown(&s, &what);
                s.step(3);
                assert_nothing_non_finite_shown(&s, &what);
            }
        }
    }
}

/// Values a hostile or careless link might hold.
const NASTY: &[&str] = &[
    "",
    " ",
    "0",
    "-0",
    "-1",
    "1",
    "2",
    "0.5",
    "0.999999999",
    "1.0000001",
    "100",
    "100.0000001",
    "1000",
    "-1000",
    "1001",
    "1e308",
    "-1e308",
    "1e309",
    "1e-320",
    "5e-324",
    "NaN",
    "nan",
    "-NaN",
    "inf",
    "Infinity",
    "-Infinity",
    "+Infinity",
    "0x10",
    "1_000",
    "１",
    "٣",
    "1,2",
    "1,2,3",
    "1,2,3,4",
    "1,2,3,4,5,6,7,8",
    ",",
    ",,",
    "1,,2",
    "a,b",
    "all",
    "none",
    "gd,gd",
    "gd,adam,sgd,momentum,nesterov,adagrad,rmsprop",
    "adam,",
    "ADAM",
    "true",
    "false",
    "%",
    "%2",
    "%zz",
    "%00",
    "%E2%80%AE",
    "%C0%AF",
    "%FF%FE",
    "\u{202e}1",
    "\u{0}",
    "é",
    "🙂",
    "\u{FEFF}1",
    "4294967295",
    "4294967296",
    "99999999999999999999",
    "-4294967295",
    "000000000001",
    "1e3",
    "1E3",
    ".5",
    "5.",
    "1.2.3",
    "<img src=x onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "javascript:alert(1)",
    "w^2",
    "ln(w)",
    "sqrt(w)",
    "1/w",
    "w^-1",
    "exp(exp(w))",
    "1e300*w^2",
    "0*w",
    "w^2+b^2",
    "-3,3",
    "3,-3",
    "1,1",
    "-1000,1000",
    "-1000,1000,-1000,1000",
    "0,1e-300",
    "curve,contour,surface3d,basins,loss",
    "curve,curve",
    "cats",
    "linreg",
    "formula",
    "ravine",
    "playground",
    "99",
    "100",
    "1.5",
];

fn nasty_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(NASTY).prop_map(str::to_string),
        1 => "\\PC{0,40}",
        1 => "[-+0-9.,eE]{0,24}",
        1 => prop::sample::select(NASTY).prop_map(|v| v.repeat(40)),
        1 => prop::sample::select(NASTY).prop_map(percent_encode),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(KEYS.iter().map(|k| k.key).collect::<Vec<_>>()).prop_map(str::to_string),
        1 => "\\PC{0,12}",
        1 => Just("__proto__".to_string()),
        1 => Just("LR".to_string()),
    ]
}

/// Queries of a few key=value pairs over a surface, with nasty values (and the odd repeated key).
fn nasty_query() -> impl Strategy<Value = String> {
    (
        prop::sample::select(SURFACES.to_vec()),
        prop::collection::vec((key(), nasty_value()), 0..5),
        prop::sample::select(vec!["", "&", "&&", "?"]),
    )
        .prop_map(|(surface, pairs, sep)| {
            let mut q = format!("surface={surface}");
            for (k, v) in pairs {
                q.push('&');
                q.push_str(sep);
                q.push_str(&k);
                q.push('=');
                q.push_str(&v);
            }
            q
        })
}

/// Expressions from the formula grammar, nasty numbers and undefined spots included.
fn formula() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("w".to_string()),
        Just("b".to_string()),
        prop::sample::select(vec!["0", "1", "0.5", "2", "3.7", "0.0000001", "1000000", "PI", "e", "τ"])
            .prop_map(str::to_string),
        (1usize..320).prop_map(|n| "9".repeat(n)),
    ];
    leaf.prop_recursive(5, 40, 2, |inner| {
        let unary = prop::sample::select(vec![
            "abs", "signum", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh",
            "atanh", "floor", "round", "ceil", "trunc", "fract", "exp", "sqrt", "cbrt", "ln", "log", "log2", "log10",
        ]);
        let op = prop::sample::select(vec!["+", "-", "*", "/", "^"]);
        let binary = prop::sample::select(vec!["atan2", "min", "max"]);
        prop_oneof![
            (inner.clone(), op, inner.clone()).prop_map(|(a, o, b)| format!("({a}{o}{b})")),
            (unary, inner.clone()).prop_map(|(f, a)| format!("{f}({a})")),
            (binary, inner.clone(), inner.clone()).prop_map(|(f, a, b)| format!("{f}({a}, {b})")),
            inner.clone().prop_map(|a| format!("-({a})")),
        ]
    })
}

fn formula_query() -> impl Strategy<Value = String> {
    let domain = prop_oneof![
        Just(None),
        Just(Some("-1000,1000".to_string())),
        Just(Some("-1000,1000,-1000,1000".to_string())),
        Just(Some("0,1e-9,0,1e-9".to_string())),
        Just(Some("-2,2,-2,2".to_string())),
    ];
    let start = prop_oneof![
        Just(None),
        Just(Some("1000".to_string())),
        Just(Some("-1000,1000".to_string())),
        Just(Some("0,0".to_string())),
        Just(Some("0".to_string())),
    ];
    let opt = prop::sample::select(vec!["gd", "adam", "gd,sgd,momentum,nesterov,adagrad,rmsprop,adam"]);
    let lr = prop::sample::select(vec!["0.1", "100", "1e-300", "3"]);
    let eps = prop::sample::select(vec!["0.00000001", "1e-300", "1"]);
    let beta = prop::sample::select(vec!["0.9", "0", "0.9999999999"]);
    (formula(), domain, start, opt, lr, eps, beta).prop_map(|(f, domain, start, opt, lr, eps, beta)| {
        let mut q =
            format!("surface=formula&f={}&opt={opt}&lr={lr}&eps={eps}&beta1={beta}&beta2={beta}", percent_encode(&f));
        if let Some(d) = domain {
            q.push_str(&format!("&domain={d}"));
        }
        if let Some(s) = start {
            q.push_str(&format!("&start={s}"));
        }
        q
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any string at all (any Unicode, control characters included).
    #[test]
    fn any_string_is_a_scene_or_a_clear_refusal(q in ".{0,300}") {
        small_stack(move || exercise(&q));
    }

    /// Well-formed keys with garbage values: every key, every kind of garbage.
    #[test]
    fn nasty_values_in_every_key(q in nasty_query()) {
        small_stack(move || exercise(&q));
    }

    /// Typed formulas through the scene string, with extreme rates, ε = 0, β near 1, far starts.
    #[test]
    fn any_formula_runs_or_is_refused_and_never_shows_a_non_finite_number(q in formula_query()) {
        small_stack(move || exercise(&q));
    }

    /// The formula box accepts anything typed (it becomes `f=`); soup of formula tokens and junk.
    #[test]
    fn anything_typed_in_the_formula_box(f in "[wb0-9.+\\-*/^(), a-zπτ_<>=\"';:%&]{0,80}", dim2 in any::<bool>()) {
        let domain = if dim2 { "&domain=-3,3,-3,3" } else { "" };
        let q = format!("surface=formula&f={}{domain}&opt=gd,adam&lr=1", percent_encode(&f));
        small_stack(move || exercise(&q));
    }
}

/// Every key fed every nasty value alone: a clear refusal that names the key, or a sound session.
#[test]
fn every_key_with_every_nasty_value() {
    small_stack(|| {
        for k in KEYS {
            for v in NASTY {
                for q in [format!("{}={v}", k.key), format!("{}={}", k.key, percent_encode(v))] {
                    if let Err(e) = Scene::parse(&q) {
                        // `surface=formula` alone is refused for its missing `f`.
                        let ok = e.key == k.key || (k.key == "surface" && e.key == "f");
                        assert!(ok, "{q:?}: error names {:?}", e.key);
                    }
                    exercise(&q);
                }
            }
        }
    });
}

/// The numbers a teacher might try on purpose: every surface, every optimizer, α at its largest,
/// ε = 0, β just under 1, a start at the edge of what is accepted.
#[test]
fn extreme_numbers_on_every_surface_stop_cleanly() {
    small_stack(|| {
        let surfaces: Vec<String> = SURFACES
            .iter()
            .filter(|s| cfg!(feature = "formula") || **s != "formula")
            .filter(|s| cfg!(feature = "models") || !["penguins", "mlp"].contains(s))
            // A learner's own data is never built from a scene (tests/own.rs runs these extremes on it).
            .filter(|s| **s != "own")
            .map(|s| match *s {
                "formula" => format!("surface=formula&f={}", percent_encode("w^2 + b^2")),
                "linreg" | "cats" => format!("surface={s}&m=30"),
                s => format!("surface={s}"),
            })
            .collect();
        let all = Method::ALL.map(|m| m.key()).join(",");
        for base in &surfaces {
            let dim = Session::from_query(base).unwrap().surface().dim();
            let coords = |pair: [&str; 2]| (0..dim).map(|i| pair[i % 2]).collect::<Vec<_>>().join(",");
            let (far, zero) = (coords(["1000", "-1000"]), coords(["0", "0"]));
            for extra in [
                "lr=100".to_string(),
                "lr=100&eps=0".to_string(),
                "lr=0.1&eps=0".to_string(),
                format!("lr=0.1&eps=0&start={zero}"),
                "lr=1e-300".to_string(),
                "beta1=0.9999999999&beta2=0.9999999999".to_string(),
                "beta1=0&beta2=0&eps=0".to_string(),
                format!("start={far}"),
                format!("start={far}&lr=100"),
                "noise=10&lr=100".to_string(),
            ] {
                exercise(&format!("{base}&opt={all}&{extra}"));
            }
        }
    });
}

/// A run that blows up stops at its last sound point and says when and why.
#[test]
fn a_blow_up_is_reported_with_its_step_and_stops_there() {
    let mut s = Session::from_query("surface=bowl&opt=gd,adam&lr=100&start=2,2").unwrap();
    for _ in 0..100 {
        s.step(100);
    }
    let gd = &s.runs[0];
    let d = gd.divergence.as_ref().expect("GD with α = 100 on the bowl must blow up");
    assert!(d.step >= 1);
    assert!(d.rate_times_curvature.is_some_and(|k| k > 2.0), "{d:?}");
    // The run stopped where it was last sound: its log ends just before the blow-up.
    assert_eq!(gd.log.back().map(|r| r.t), Some(d.step - 1));
    assert_eq!(s.step(10), 10, "Adam keeps running while GD has stopped");
    assert_nothing_non_finite_shown(&s, "bowl α = 100");
}

/// ε = 0 would divide 0 by 0 where the gradient is exactly zero: it is refused with a message
/// naming `eps`; the smallest ε accepted keeps every number finite there.
#[test]
fn eps_zero_is_refused_and_a_tiny_eps_at_a_zero_gradient_stays_finite() {
    for opt in ["adagrad", "rmsprop", "adam"] {
        let e = Session::from_query(&format!("surface=bowl&opt={opt}&eps=0")).err().expect("ε = 0 is refused");
        assert_eq!(e.key, "eps");
        assert!(e.message(Lang::En).contains("0 by 0"), "{}", e.message(Lang::En));
        for q in [
            format!("surface=bowl&opt={opt}&eps=1e-300&start=0,0"),
            format!("surface=ravine&opt={opt}&eps=1e-300&start=-4,0"),
            format!("surface=none&opt={opt}&eps=1e-300&lr=100"),
        ] {
            let mut s = Session::from_query(&q).unwrap();
            s.step(20);
            assert_nothing_non_finite_shown(&s, &q);
            assert!(!s.runs[0].diverged(), "{q}");
            let eff = s.runs[0].optimizer.effective_rate();
            assert!(eff.iter().all(|x| x.is_finite()), "{q}: effective rate {eff:?}");
        }
    }
}

/// A gradient so steep that g² overflows stops the run (Adam's step would stay finite, stuck
/// with s = ∞, and show ∞ in its buffers).
#[cfg(feature = "formula")]
#[test]
fn an_overflowing_square_of_the_gradient_stops_the_run() {
    // sin keeps the cost within ±1 while its slope, 10¹⁶⁰·cos(…), squares to ∞.
    let f = percent_encode(&format!("sin({}*w)", "9".repeat(160)));
    for opt in ["adagrad", "rmsprop", "adam"] {
        let q = format!("surface=formula&f={f}&opt={opt}");
        let mut s = Session::from_query(&q).unwrap();
        s.step(10);
        assert!(s.runs[0].diverged(), "{q}");
        assert_eq!(s.runs[0].iteration(), 0, "{q}: the failed step is not counted");
        assert_nothing_non_finite_shown(&s, &q);
    }
}

/// A formula that has no value at the start point (ln of a negative number) is refused with a
/// message about the formula, not run into NaN.
#[cfg(feature = "formula")]
#[test]
fn a_formula_undefined_at_its_start_is_refused() {
    for q in [
        "surface=formula&f=ln(w)&start=-1",
        "surface=formula&f=sqrt(w)%2Bb&start=-2,1",
        "surface=formula&f=1/w&start=0",
    ] {
        let e = Session::from_query(q).err().unwrap_or_else(|| panic!("{q} should be refused"));
        assert_eq!(e.key, "f", "{q}: {e}");
        let m = e.message(Lang::En);
        assert!(m.contains("start"), "{q}: {m}");
    }
    // Undefined elsewhere is fine: the run stops cleanly if it gets there, and says the cost has
    // no value there (not that the numbers grew too large).
    let mut s = Session::from_query("surface=formula&f=ln(w)&domain=0.1,3&lr=5&start=2").unwrap();
    s.step(1000);
    assert_nothing_non_finite_shown(&s, "ln(w)");
    let d = s.runs[0].divergence.clone().expect("ln(w) from w = 2 with α = 5 steps to w < 0");
    assert_eq!((d.step, d.undefined), (1, true), "{d:?}");
    // A blow-up by overflow is not "undefined".
    let mut s = Session::from_query("surface=bowl&lr=100&start=2,2").unwrap();
    s.step(1000);
    assert!(!s.runs[0].divergence.clone().expect("α = 100 on the bowl").undefined);
}

/// Dragging the start point onto a spot where the formula is undefined keeps the old start.
#[cfg(feature = "formula")]
#[test]
fn a_start_dragged_where_the_formula_is_undefined_keeps_the_old_one() {
    let mut s = Session::from_query("surface=formula&f=ln(w)&domain=-1,3&start=2").unwrap();
    s.set_start(&[-0.5]);
    assert_eq!(s.runs[0].params, vec![2.0]);
    assert_eq!(s.scene().start, Some(vec![2.0]));
    s.set_start(&[1.5]);
    assert_eq!(s.runs[0].params, vec![1.5]);
}

/// Repeated, unknown and look-alike keys are refused by name, whatever their position.
#[test]
fn repeated_and_unknown_keys_are_named() {
    for (q, key, kind) in [
        ("lr=0.1&lr=0.1", "lr", ErrorKind::Repeated),
        ("surface=bowl&opt=gd&surface=bowl", "surface", ErrorKind::Repeated),
        ("lr%3D1=2", "lr=1", ErrorKind::UnknownKey),
        ("LR=0.1", "LR", ErrorKind::UnknownKey),
        ("__proto__=1", "__proto__", ErrorKind::UnknownKey),
        ("=1", "", ErrorKind::UnknownKey),
        ("l%72=0.1&lr=0.2", "lr", ErrorKind::Repeated),
    ] {
        let e = Scene::parse(q).unwrap_err();
        assert_eq!((e.key.as_str(), e.kind), (key, kind), "{q}");
    }
    // Invisible characters (a right-to-left override, a zero-width space) never reach a message.
    for q in
        ["lr=1%E2%80%AE0", "%E2%80%AEx=1", "surface=formula&f=w%E2%80%AE%2Bb", "surface=formula&f=w%E2%80%8B", "lr=%00"]
    {
        let e = Session::from_query(q).err().unwrap();
        for lang in [Lang::En, Lang::Ko] {
            let m = e.message(lang);
            assert!(!m.chars().any(is_invisible), "{q}: {m:?}");
        }
    }
    // A huge value is shortened in the message.
    let e = Scene::parse(&format!("lr={}", "9".repeat(100_000))).unwrap_err();
    assert!(e.message(Lang::En).chars().count() < 600);
}
