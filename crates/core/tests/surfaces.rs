//! Every surface: gradients against central differences, documented minima stationary with
//! their documented values, `global` flags, row-subset gradients, and the typed formula's
//! robustness (never panics, bounded stack, errors that point at the problem).

#[cfg(feature = "models")]
use descent_core::data::penguins::Penguins;
use descent_core::scene::{Scene, SURFACES};
#[cfg(feature = "formula")]
use descent_core::surfaces::Formula;
#[cfg(feature = "models")]
use descent_core::surfaces::Mlp;
use descent_core::surfaces::{self, numeric_gradient, Cats, LinReg, LogReg, Surface};
use descent_core::Session;
use proptest::prelude::*;

/// Formulas used wherever a `formula` surface is needed.
#[cfg(feature = "formula")]
const FORMULAS: [&str; 5] = [
    "w^2 + 3*sin(b)",
    "(w - 1)^2 + 0.5*b^2 + sin(w*b)",
    "exp(0.3*w) + ln(1 + b^2) - cos(2*w)",
    "sqrt(1 + w^2) * atan(b)",
    "w^4 - 3*w^2 + w",
];

/// The model of the golden CSV file's column `label` on its first three columns.
#[cfg(feature = "table")]
fn own_data(label: usize) -> Box<dyn Surface> {
    let table = descent_core::table::read(include_str!("golden/own.csv"));
    surfaces::own_model(table.prepare(label, &[0, 1, 2]).unwrap())
}

/// Every surface a scene can name, built through `surfaces::build` (so registration is covered).
fn every_surface() -> Vec<Box<dyn Surface>> {
    let mut out = Vec::new();
    for name in SURFACES {
        let query = match name {
            #[cfg(feature = "formula")]
            "formula" => format!("surface=formula&f={}", descent_core::scene::percent_encode(FORMULAS[1])),
            #[cfg(not(feature = "formula"))]
            "formula" => continue,
            #[cfg(not(feature = "models"))]
            "penguins" | "mlp" => continue,
            // A learner's own data never comes from a scene (`build` says so): the model made
            // from a CSV file instead, its label a number (least squares).
            "own" => {
                assert!(surfaces::build(&Scene::parse("surface=own").unwrap()).err().unwrap().needs_data_only());
                #[cfg(feature = "table")]
                out.push(own_data(3));
                continue;
            }
            _ => format!("surface={name}"),
        };
        let scene = Scene::parse(&query).unwrap();
        out.push(surfaces::build(&scene).unwrap_or_else(|e| panic!("{name}: {e}")));
    }
    // The same file's two-valued label: logistic regression.
    #[cfg(feature = "table")]
    out.push(own_data(4));
    for seed in [2, 3] {
        out.push(Box::new(LinReg::new(25, seed)));
        out.push(Box::new(Cats::new(60, seed)));
        #[cfg(feature = "models")]
        out.push(Box::new(Mlp::penguins(seed)));
    }
    // Logistic regression on other data: the one-feature cats, and two penguin features.
    out.push(Box::new(LogReg::from_data("cats", descent_core::data::Dataset::cats(60, 5))));
    #[cfg(feature = "models")]
    out.push(Box::new(LogReg::from_data("bills", Penguins::get().dataset(&[0, 1]))));
    #[cfg(feature = "formula")]
    {
        for f in FORMULAS {
            out.push(Box::new(Formula::new(f, None).unwrap()));
        }
        out.push(Box::new(Formula::new("w^3 - 2*w", Some(&[-2.0, 2.0])).unwrap()));
    }
    out
}

/// The point at fractions (u, v) of the surface's domain. A model of more than two parameters
/// is probed around its start instead: every parameter within ±2 of it, spread over that box
/// by (u, v) (the models' weights live there while they train).
fn point(s: &dyn Surface, u: f64, v: f64) -> Vec<f64> {
    if s.dim() > 2 {
        return s
            .start()
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let t = (u * (i as f64 + 1.0) * 0.754877666 + v * (i as f64 + 2.0) * 0.569840291).fract();
                x + 4.0 * (t - 0.5)
            })
            .collect();
    }
    let d = s.domain();
    let p = [d.lo[0] + u * d.span(0), d.lo[1] + v * d.span(1)];
    p[..s.dim()].to_vec()
}

/// True if every coordinate of `p` lies in the surface's bounds.
fn inside(s: &dyn Surface, p: &[f64]) -> bool {
    p.len() == s.dim() && p.iter().zip(s.bounds()).all(|(x, (lo, hi))| (lo..=hi).contains(x))
}

fn gradient(s: &dyn Surface, p: &[f64]) -> Vec<f64> {
    let mut g = vec![0.0; s.dim()];
    s.gradient(p, &mut g);
    g
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

#[test]
fn every_scene_surface_builds_with_its_name() {
    let built = every_surface();
    let names = SURFACES
        .iter()
        .filter(|n| cfg!(feature = "formula") || **n != "formula")
        .filter(|n| cfg!(feature = "models") || !["penguins", "mlp"].contains(n))
        .filter(|n| cfg!(feature = "table") || **n != "own");
    for (name, s) in names.zip(&built) {
        assert_eq!(s.name(), *name);
        let d = s.domain();
        for i in 0..s.dim().min(2) {
            assert!(d.lo[i] < d.hi[i], "{name}: empty domain");
        }
        assert_eq!(s.bounds().len(), s.dim(), "{name}");
        assert!(s.bounds().iter().all(|(lo, hi)| lo < hi), "{name}: empty bounds");
        assert_eq!(s.param_names().len(), s.dim(), "{name}");
        let start = s.start();
        assert_eq!(start.len(), s.dim(), "{name}");
        assert!(d.contains(&start) && inside(s.as_ref(), &start), "{name}: start {start:?} outside the domain");
        assert!(s.value(&start).is_finite(), "{name}");
        // A session builds on every surface, `none` included (own data: on the data, tests/own.rs).
        if *name == "own" {
            continue;
        }
        let q = match *name {
            "formula" => "surface=formula&f=w%5E2".to_string(),
            _ => format!("surface={name}"),
        };
        let mut session = Session::from_query(&q).unwrap();
        session.step(3);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// ∇C agrees with central differences at random points of each domain.
    #[test]
    fn gradients_match_central_differences(u in 0.0..1.0f64, v in 0.0..1.0f64) {
        for s in every_surface() {
            let p = point(s.as_ref(), u, v);
            let g = gradient(s.as_ref(), &p);
            let h = 1e-6 * (1.0 + max_abs(&p));
            let n = numeric_gradient(s.as_ref(), &p, h);
            // Truncation error O(h²·C‴) plus rounding |C|·ε/h.
            let tol = 1e-6 * (1.0 + max_abs(&g)) + 1e-9 * (1.0 + s.value(&p).abs());
            for i in 0..s.dim() {
                prop_assert!((g[i] - n[i]).abs() <= tol, "{} at {:?}: analytic {:?}, numeric {:?}", s.name(), p, g, n);
            }
        }
    }

    /// Row-subset gradients: the gradient over a set of rows is the mean of the one-row gradients.
    #[test]
    fn row_gradients_are_means(rows in proptest::collection::vec(0usize..50, 1..20), u in 0.0..1.0f64, v in 0.0..1.0f64, seed in 0u32..1000) {
        #[allow(unused_mut)]
        let mut data_costs: Vec<Box<dyn Surface>> = vec![Box::new(LinReg::new(50, seed)), Box::new(Cats::new(50, seed))];
        #[cfg(feature = "models")]
        data_costs.extend([Box::new(LogReg::penguins()) as Box<dyn Surface>, Box::new(Mlp::penguins(seed))]);
        for s in data_costs {
            let p = point(s.as_ref(), u, v);
            let n = s.dim();
            let mut g = vec![0.0; n];
            s.gradient_rows(&p, &rows, &mut g);
            let mut mean = vec![0.0; n];
            for &r in &rows {
                let mut gi = vec![0.0; n];
                s.gradient_rows(&p, &[r], &mut gi);
                for i in 0..n {
                    mean[i] += gi[i] / rows.len() as f64;
                }
            }
            for i in 0..n {
                prop_assert!((g[i] - mean[i]).abs() <= 1e-12 * (1.0 + g[i].abs()), "{}: {:?} vs {:?}", s.name(), g, mean);
            }
            // All rows, in order, is the full gradient to the bit.
            let all: Vec<usize> = (0..s.rows()).collect();
            let mut full = vec![0.0; n];
            s.gradient(&p, &mut full);
            s.gradient_rows(&p, &all, &mut g);
            prop_assert_eq!(&g, &full);
        }
    }
}

#[test]
fn documented_minima_are_stationary_local_minima_with_their_values() {
    for s in every_surface() {
        let name = s.name();
        for m in s.minima() {
            let g = gradient(s.as_ref(), &m.at);
            assert!(max_abs(&g) < 1e-8, "{name}: ∇C = {g:?} at documented minimum {:?}", m.at);
            let c = s.value(&m.at);
            assert!((c - m.value).abs() <= 1e-12 * (1.0 + c.abs()), "{name}: C = {c}, documented {}", m.value);
            assert!(s.domain().contains(&m.at), "{name}: minimum {:?} is off the plot", m.at);
            assert!(inside(s.as_ref(), &m.at), "{name}: minimum {:?} is outside the bounds", m.at);
            // Positive curvature in every direction: the Hessian (differences of the gradient,
            // symmetrized) is positive definite, which is when its Cholesky factorization exists.
            let (h, n) = (1e-5, s.dim());
            let mut hess = vec![0.0; n * n];
            for j in 0..n {
                let (mut up, mut down) = (m.at.clone(), m.at.clone());
                up[j] += h;
                down[j] -= h;
                let (gu, gd) = (gradient(s.as_ref(), &up), gradient(s.as_ref(), &down));
                for i in 0..n {
                    hess[i * n + j] += 0.5 * (gu[i] - gd[i]) / (2.0 * h);
                    hess[j * n + i] += 0.5 * (gu[i] - gd[i]) / (2.0 * h);
                }
            }
            let pd = descent_core::linalg::cholesky_solve(&hess, &vec![1.0; n]).is_some();
            assert!(pd, "{name}: not a minimum at {:?}: Hessian {hess:?}", m.at);
        }
    }
}

#[test]
fn global_flags_mark_the_lowest_minima_and_nothing_on_the_plot_is_lower() {
    for s in every_surface() {
        let minima = s.minima();
        if minima.is_empty() {
            continue;
        }
        let name = s.name();
        let lowest = minima.iter().map(|m| m.value).fold(f64::INFINITY, f64::min);
        for m in &minima {
            if m.global {
                assert!(m.value <= lowest + 1e-12, "{name}: {m:?} is flagged global but is not lowest");
            } else {
                assert!(m.value > lowest + 1e-3, "{name}: {m:?} is as low as the global minimum but not flagged");
            }
        }
        let global = surfaces::global_minimum(s.as_ref()).unwrap();
        assert_eq!(global.value, lowest);
        // Scan the plot: no grid point is below the global minimum.
        let n = if s.dim() == 1 { 4000 } else { 300 };
        for i in 0..=n {
            for j in 0..=(if s.dim() == 1 { 0 } else { n }) {
                let p = point(s.as_ref(), i as f64 / n as f64, j as f64 / n as f64);
                assert!(
                    s.value(&p) >= lowest - 1e-9,
                    "{name}: C{p:?} = {} is below the global minimum {lowest}",
                    s.value(&p)
                );
            }
        }
        // Distinct minima are apart.
        for (a, ma) in minima.iter().enumerate() {
            for mb in &minima[a + 1..] {
                let d: f64 = ma.at.iter().zip(&mb.at).map(|(x, y)| (x - y).powi(2)).sum::<f64>().sqrt();
                assert!(d > 0.1, "{name}: minima {:?} and {:?} coincide", ma.at, mb.at);
            }
        }
    }
}

/// Runs plain gradient descent and returns where it ends.
fn descend(s: &dyn Surface, start: &[f64], lr: f64, steps: usize) -> Vec<f64> {
    let mut p = start.to_vec();
    let mut g = vec![0.0; s.dim()];
    for _ in 0..steps {
        s.gradient(&p, &mut g);
        for i in 0..p.len() {
            p[i] -= lr * g[i];
        }
    }
    p
}

/// The index of the documented minimum nearest to p.
fn nearest(s: &dyn Surface, p: &[f64]) -> (usize, f64) {
    s.minima()
        .iter()
        .enumerate()
        .map(|(i, m)| (i, m.at.iter().zip(p).map(|(a, b)| (a - b).powi(2)).sum::<f64>().sqrt()))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap()
}

#[test]
fn trap_lessons_have_local_minima_of_clearly_different_depths_and_a_trapping_start() {
    for s in [Box::new(surfaces::Bumpy::new()) as Box<dyn Surface>, Box::new(surfaces::Wells::new())] {
        let minima = s.minima();
        assert!(minima.len() >= 3, "{}", s.name());
        assert_eq!(minima.iter().filter(|m| m.global).count(), 1);
        let mut values: Vec<f64> = minima.iter().map(|m| m.value).collect();
        values.sort_by(f64::total_cmp);
        for w in values.windows(2) {
            assert!(w[1] - w[0] > 0.3, "{}: depths {values:?} are too alike", s.name());
        }
        // From the default start, plain GD settles in a minimum that is not the global one.
        let end = descend(s.as_ref(), &s.start(), 0.05, 3000);
        let (k, dist) = nearest(s.as_ref(), &end);
        assert!(dist < 1e-6 && !minima[k].global, "{}: GD from the start ends at {end:?}", s.name());
        // And from elsewhere, it finds the global one: every dip is reachable.
        let global = minima.iter().position(|m| m.global).unwrap();
        let near_global: Vec<f64> = minima[global].at.iter().map(|x| x + 0.2).collect();
        let (k, _) = nearest(s.as_ref(), &descend(s.as_ref(), &near_global, 0.05, 3000));
        assert_eq!(k, global);
    }
}

#[test]
fn himmelblau_has_four_global_minima_and_the_saddle_none() {
    let h = surfaces::Himmelblau;
    assert_eq!(h.minima().len(), 4);
    assert!(h.minima().iter().all(|m| m.global && m.value == 0.0));
    assert!(surfaces::Saddle.minima().is_empty());
    // From the saddle's start, GD slides off along b.
    let end = descend(&surfaces::Saddle, &surfaces::Saddle.start(), 0.1, 30);
    assert!(end[0].abs() < 0.01 && end[1].abs() > 2.0, "{end:?}");
}

#[test]
fn linreg_minimum_solves_the_normal_equations_in_a_long_valley() {
    let s = LinReg::new(40, 1);
    let m = &s.minima()[0];
    let d = s.data().unwrap();
    // Normal equations, the other way round: Σ r·x = 0 and Σ r = 0 at the minimum.
    let (w, b) = (m.at[0], m.at[1]);
    let (sx, s1): (f64, f64) =
        d.x.iter().zip(&d.y).fold((0.0, 0.0), |(a, c), (x, y)| (a + (w * x + b - y) * x, c + (w * x + b - y)));
    assert!(sx.abs() < 1e-10 && s1.abs() < 1e-10);
    // The fit is near the generating line y = 1.2·x + 0.5.
    assert!((w - 1.2).abs() < 0.3 && (b - 0.5).abs() < 1.0, "{w}, {b}");
    // Hessian [[E x², E x], [E x, 1]]: condition number far from 1 (an elongated valley).
    let n = d.rows() as f64;
    let (ex, ex2) = (d.x.iter().sum::<f64>() / n, d.x.iter().map(|x| x * x).sum::<f64>() / n);
    let (tr, det) = (ex2 + 1.0, ex2 - ex * ex);
    let disc = (tr * tr / 4.0 - det).sqrt();
    let kappa = (tr / 2.0 + disc) / (tr / 2.0 - disc);
    assert!((30.0..400.0).contains(&kappa), "condition number {kappa}");
    assert!(s.domain().contains(&m.at));
}

#[test]
fn cats_minimum_exists_when_classes_overlap() {
    // The lesson's default data (m = 40, seed 1) and many other seeds overlap.
    for seed in 0..200 {
        let s = Cats::new(40, seed);
        assert_eq!(s.minima().len(), 1, "seed {seed}");
        let m = &s.minima()[0];
        assert!(s.domain().contains(&m.at), "seed {seed}: minimum {:?} is off the plot", m.at);
        // Sharper claws mean cat (w > 0), and the fitted model calls most animals right
        // (the classes overlap, so not all: about 80% is the best possible).
        let d = s.data().unwrap();
        let right = d.x.iter().zip(&d.y).filter(|(&x, &y)| (m.at[0] * x + m.at[1] > 0.0) == (y == 1.0)).count();
        assert!(m.at[0] > 0.0 && right >= 26, "seed {seed}: {:?}, {right} of 40 right", m.at);
    }
    // Separable data has no minimum: the cost keeps falling as w grows.
    let d = descent_core::data::Dataset {
        x: vec![1.0, 2.0, 8.0, 9.0],
        n: 1,
        y: vec![0.0, 0.0, 1.0, 1.0],
        task: descent_core::data::Task::Classification,
    };
    let s = Cats::from_data(d);
    assert!(s.minima().is_empty());
    assert!(s.value(&[10.0, -50.0]) < s.value(&[1.0, -5.0]));
}

// ---------------------------------------------------------------- formulas

#[cfg(feature = "formula")]
mod formulas {
    use super::*;
    use descent_core::scene::ErrorKind;
    use descent_core::Lang;

    /// Formula-like strings: tokens of the grammar glued in random order (mostly invalid).
    fn formula_soup() -> impl Strategy<Value = String> {
        let token = prop_oneof![
            Just("w"),
            Just("b"),
            Just("x"),
            Just("+"),
            Just("-"),
            Just("*"),
            Just("/"),
            Just("^"),
            Just("("),
            Just(")"),
            Just(","),
            Just("sin"),
            Just("atan2"),
            Just("max"),
            Just("ln"),
            Just("sqrt"),
            Just("2"),
            Just("0.5"),
            Just("."),
            Just(" "),
            Just("PI"),
            Just("e"),
            Just("{"),
            Just("}"),
            Just("π"),
            Just("1e3"),
            Just("abs"),
            Just("min"),
        ];
        proptest::collection::vec(token, 0..60).prop_map(|v| v.concat())
    }

    /// Random well-formed smooth formulas in w and b.
    fn smooth_formula() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("w".to_string()),
            Just("b".to_string()),
            (1u32..9).prop_map(|k| format!("{}", k as f64 / 4.0))
        ];
        leaf.prop_recursive(4, 24, 2, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} + {b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} - {b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} * {b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} / (2 + sin({b})))")),
                inner.clone().prop_map(|a| format!("sin({a})")),
                inner.clone().prop_map(|a| format!("exp(0.3*{a})")),
                inner.clone().prop_map(|a| format!("({a})^2")),
                inner.clone().prop_map(|a| format!("sqrt(1 + ({a})^2)")),
                inner.clone().prop_map(|a| format!("atan({a})")),
                (inner.clone(), inner).prop_map(|(a, b)| format!("atan2({a}, 3 + b^2) + {b}")),
            ]
        })
    }

    /// The reference: `text` read by exmex's float operators, at (w, b) = p.
    fn exmex_value(text: &str, p: [f64; 2]) -> f64 {
        use exmex::prelude::*;
        let reference = exmex::parse::<f64>(text).unwrap();
        let vars: Vec<f64> = reference.var_names().iter().map(|n| if n == "w" { p[0] } else { p[1] }).collect();
        reference.eval(&vars).unwrap()
    }

    /// Operators chained without parentheses, to compare priorities and grouping.
    fn chain() -> impl Strategy<Value = String> {
        let leaf =
            prop_oneof![Just("w"), Just("b"), Just("0.5"), Just("3"), Just("sin(w)"), Just("exp(b)"), Just("sqrt(2)")];
        let op = prop_oneof![Just(" + "), Just(" - "), Just(" * "), Just(" / "), Just("^")];
        (leaf.clone(), proptest::collection::vec((op, leaf), 1..7))
            .prop_map(|(first, rest)| rest.into_iter().fold(first.to_string(), |acc, (o, l)| format!("{acc}{o}{l}")))
    }

    fn exercise(f: &Formula) {
        let mut g = vec![0.0; f.dim()];
        for p in [[0.3, -0.7], [0.0, 0.0], [1e300, -1e300], [f64::NAN, 2.0], [-2.5, 1.5]] {
            let _ = f.value(&p[..f.dim()]);
            f.gradient(&p[..f.dim()], &mut g);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn formula_never_panics_on_any_string(s in ".{0,120}") {
            if let Ok(f) = Formula::new(&s, None) { exercise(&f) }
            let _ = Formula::new(&s, Some(&[-1.0, 1.0, -2.0, 2.0]));
            let _ = Formula::new(&s, Some(&[-1.0, 1.0]));
        }

        #[test]
        fn formula_never_panics_on_formula_like_strings(s in formula_soup()) {
            if let Ok(f) = Formula::new(&s, None) { exercise(&f) }
        }

        /// The parser reads formulas as exmex's float operators do (the same value up to
        /// rounding: exmex regroups a commutative operation between two plain numbers, so
        /// `a + b + 1.25` may be summed as a + (b + 1.25)), and the derivatives match central
        /// differences. Formulas with a two-argument function are not compared: exmex misreads
        /// some (`atan((w + atan2(w, 3 + b^2) + 0.25))` loses its outer atan there); the test
        /// `formula_errors_point_at_the_problem` checks those by hand.
        #[test]
        fn formula_values_match_exmex_and_gradients_match_differences(text in smooth_formula(), u in -1.0..1.0f64, v in -1.0..1.0f64) {
            let f = Formula::new(&text, Some(&[-2.0, 2.0, -2.0, 2.0])).unwrap();
            let p = [2.0 * u, 2.0 * v];
            let expected = exmex_value(&text, p);
            let close = (f.value(&p) - expected).abs() <= 1e-13 * (1.0 + expected.abs());
            let compared = !text.contains("atan2");
            prop_assert!(!compared || close || (f.value(&p).is_nan() && expected.is_nan()), "{}: {} vs {}", text, f.value(&p), expected);
            let g = gradient(&f, &p);
            let n = numeric_gradient(&f, &p, 1e-6);
            for i in 0..2 {
                prop_assert!((g[i] - n[i]).abs() <= 1e-5 * (1.0 + g[i].abs()) + 1e-8 * (1.0 + f.value(&p).abs()), "{}: {:?} vs {:?}", text, g, n);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Unparenthesized chains (`w - 3 * b^0.5 / sin(w)`) group as in exmex.
        #[test]
        fn formula_priorities_match_exmex(text in chain(), u in -1.0..1.0f64, v in -1.0..1.0f64) {
            let f = Formula::new(&text, Some(&[-2.0, 2.0, -2.0, 2.0])).unwrap();
            let p = [2.0 * u, 2.0 * v];
            let (got, want) = (f.value(&p), exmex_value(&text, p));
            let same = got == want || (got.is_nan() && want.is_nan()) || (got - want).abs() <= 1e-12 * want.abs().max(1.0);
            prop_assert!(same, "{}: {} vs {}", text, got, want);
        }
    }

    #[test]
    fn formula_errors_point_at_the_problem() {
        let e = |s: &str| Formula::new(s, None).unwrap_err().message(Lang::En);
        assert!(e("w^2 + x").contains("\"x\" at character 7"), "{}", e("w^2 + x"));
        assert!(e("theta * w").contains("\"theta\""));
        assert!(e("2w").contains("between \"2\" and \"w\" at character 2"));
        assert!(e("sin(w").contains("not closed"));
        assert!(e("w)").contains("character 2"));
        assert!(e("w +").contains("ends with \"+\""));
        assert!(e("w % 2").contains("\"%\" at character 3"));
        assert!(e("sinw").contains("sin(w)"));
        assert!(Formula::new("w + b", Some(&[-1.0, 1.0])).unwrap_err().message(Lang::En).contains("domain"));
        assert!(e(&"(".repeat(40)).contains("nest"));
        // What is accepted: 1-D unless b appears or the domain has four numbers.
        assert_eq!(Formula::new("w^2", None).unwrap().dim(), 1);
        assert_eq!(Formula::new("w^2", Some(&[-1.0, 1.0, -1.0, 1.0])).unwrap().dim(), 2);
        assert_eq!(Formula::new("b^2", None).unwrap().dim(), 2);
        let f = Formula::new("w^2", Some(&[-1.0, 1.0, -1.0, 1.0])).unwrap();
        assert_eq!(gradient(&f, &[0.5, 3.0]), vec![1.0, 0.0]);
        // Constants have no slope, even where the chain rule would multiply 0 by ∞.
        let f = Formula::new("w + sqrt(0)", None).unwrap();
        assert_eq!(gradient(&f, &[1.0]), vec![1.0]);
        // Two-argument functions, nested in either argument.
        for text in ["max(min(b, 1), w)", "max(w, min(b, 1))"] {
            let f = Formula::new(text, None).unwrap();
            assert_eq!(f.value(&[0.2, 0.5]), 0.5, "{text}");
            assert_eq!(f.value(&[0.2, 3.0]), 1.0, "{text}");
            assert_eq!(f.value(&[2.0, 3.0]), 2.0, "{text}");
        }
        assert_eq!(
            Formula::new("atan2(max(w, 1), min(b, 2)) * 2", None).unwrap().value(&[0.0, 5.0]),
            2.0 * 1f64.atan2(2.0)
        );
        // Priorities and grouping: ^ 4, / 3, * 2, - 1, + 0, equal ones from the left; a sign or
        // function applies to the operand right after it.
        let at = |text: &str, w: f64, b: f64| Formula::new(text, Some(&[-9.0, 9.0, -9.0, 9.0])).unwrap().value(&[w, b]);
        assert_eq!(at("2^3^2", 0.0, 0.0), 64.0);
        assert_eq!(at("w - b - 1", 5.0, 2.0), 2.0);
        assert_eq!(at("w / b / 2", 8.0, 2.0), 2.0);
        assert_eq!(at("1 + w * b ^ 2", 3.0, 2.0), 13.0);
        assert_eq!(at("sin w^2", 1.0, 0.0), 1f64.sin().powi(2));
        assert_eq!(at("-sin(w) * 2", 1.0, 0.0), -2.0 * 1f64.sin());
        assert_eq!(at("2^-w", 1.0, 0.0), 0.5);
        // A minus right before a power reads two ways: refused, with both spelled out.
        for ambiguous in ["-w^2", "1 - 2*-w^2", "b + -sin(w)^2", "-(w+b)^2", "2^-w^2", "--w^2"] {
            assert!(e(ambiguous).contains("-(w^2) or (-w)^2"), "{ambiguous}: {}", e(ambiguous));
        }
        for fine in ["-(w^2)", "(-w)^2", "0 - w^2", "w - b^2", "-w*b^2", "-w + b^2", "(w - 1)^2"] {
            assert!(Formula::new(fine, None).is_ok(), "{fine}");
        }
        assert_eq!(Formula::new("-(w^2) - b^2", None).unwrap().value(&[2.0, 1.0]), -5.0);
    }

    #[test]
    fn formula_errors_reach_the_scene_message_in_both_languages() {
        let err = Session::from_query("surface=formula&f=w%5E2%2Bz").err().unwrap();
        assert_eq!(err.kind, ErrorKind::Formula);
        assert_eq!(err.key, "f");
        assert!(err.detail(Lang::En).contains("\"z\""), "{}", err.detail(Lang::En));
        for lang in [Lang::En, Lang::Ko] {
            assert!(err.message(lang).contains(&err.detail(lang)), "{}", err.message(lang));
        }
        assert_ne!(err.detail(Lang::En), err.detail(Lang::Ko));
        // A formula surface is built from the scene's domain.
        let s = Session::from_query("surface=formula&f=w%5E2&domain=-5,5").unwrap();
        assert_eq!(s.surface().domain().lo[0], -5.0);
        assert_eq!(s.surface().dim(), 1);
    }

    /// The ASCII words a Korean formula message may contain: the formula's own names, the
    /// functions and constants it may use, and the `domain` key. Anything else is English left in.
    fn english_in_korean(message: &str, input: &str) -> Vec<String> {
        use descent_core::surfaces::formula::{BINARY_FUNCTIONS, CONSTANTS, FUNCTIONS};
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
                .map(String::from)
                .collect()
        };
        let own = words(input);
        words(message)
            .into_iter()
            .filter(|w| w.len() > 1)
            .filter(|w| {
                !(FUNCTIONS.contains(&w.as_str())
                    || BINARY_FUNCTIONS.contains(&w.as_str())
                    || CONSTANTS.contains(&w.as_str()))
            })
            .filter(|w| !["domain", "lo", "hi", "1e3"].contains(&w.as_str()) && !own.contains(w))
            .collect()
    }

    /// Every variant of [`FormulaError`], by name; the match fails to compile when one is added,
    /// so the test below must then reach the new one too.
    fn variant(e: &descent_core::surfaces::FormulaError) -> &'static str {
        use descent_core::surfaces::FormulaError as E;
        match e {
            E::TooLong { .. } => "TooLong",
            E::NotAllowed { .. } => "NotAllowed",
            E::Empty => "Empty",
            E::NotANumber { .. } => "NotANumber",
            E::UnknownName { .. } => "UnknownName",
            E::TooDeep { .. } => "TooDeep",
            E::UnopenedClose { .. } => "UnopenedClose",
            E::OneArgument { .. } => "OneArgument",
            E::ThirdArgument { .. } => "ThirdArgument",
            E::StrayComma { .. } => "StrayComma",
            E::MissingOperator { .. } => "MissingOperator",
            E::NoArgument { .. } => "NoArgument",
            E::EndsWith { .. } => "EndsWith",
            E::FollowedBy { .. } => "FollowedBy",
            E::EmptyParentheses { .. } => "EmptyParentheses",
            E::ArgumentsInParentheses { .. } => "ArgumentsInParentheses",
            E::MissingBeforeComma { .. } => "MissingBeforeComma",
            E::MissingAfterComma { .. } => "MissingAfterComma",
            E::NothingOnLeft { .. } => "NothingOnLeft",
            E::Unclosed { .. } => "Unclosed",
            E::MinusBeforePower { .. } => "MinusBeforePower",
            E::Unreadable { .. } => "Unreadable",
            E::UnreadableFrom { .. } => "UnreadableFrom",
            E::BOnOneDimension => "BOnOneDimension",
            E::DomainCount => "DomainCount",
            E::DomainRanges => "DomainRanges",
            E::UndefinedAtStart { .. } => "UndefinedAtStart",
            E::NeedsPlayground => "NeedsPlayground",
        }
    }
    const VARIANTS: usize = 28;

    /// A Korean message is Korean, carries no English word but the formula's own, and differs
    /// from the English one.
    fn korean_only(what: &str, en: &str, ko: &str, input: &str) {
        assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{what}: {ko}");
        assert!(
            english_in_korean(ko, input).is_empty(),
            "{what}: English in {ko:?}: {:?}",
            english_in_korean(ko, input)
        );
        assert_ne!(en, ko, "{what}");
    }

    /// Every reason a formula is refused has its Korean text: a Korean page shows no English
    /// detail inside its Korean sentence. Each formula below is refused, through the page's scene
    /// string, for the reason named beside it; with the parser's own guards built directly, every
    /// variant is reached.
    #[test]
    fn a_korean_page_gets_every_formula_reason_in_korean() {
        use descent_core::surfaces::FormulaError as E;
        let deep = format!("{}w{}", "(".repeat(31), ")".repeat(31));
        let bad: Vec<(&str, Option<&str>, &str)> = vec![
            ("w % 2", None, "NotAllowed"),
            ("1.2.3 + w", None, "NotANumber"),
            ("x + w", None, "UnknownName"),
            ("sinw", None, "UnknownName"),
            (&deep, None, "TooDeep"),
            ("w)", None, "UnopenedClose"),
            ("min(w)", None, "OneArgument"),
            ("min(w, b, 1)", None, "ThirdArgument"),
            ("w, b", None, "StrayComma"),
            ("2w", None, "MissingOperator"),
            ("sin + w", None, "NoArgument"),
            ("w + sin", None, "NoArgument"),
            ("w +", None, "EndsWith"),
            ("w * )", None, "FollowedBy"),
            ("w + ()", None, "EmptyParentheses"),
            ("min w", None, "ArgumentsInParentheses"),
            ("min(, w)", None, "MissingBeforeComma"),
            ("min(w, )", None, "MissingAfterComma"),
            ("* w", None, "NothingOnLeft"),
            ("sin(w", None, "Unclosed"),
            ("-w^2", None, "MinusBeforePower"),
            ("w + b", Some("-1,1"), "BOnOneDimension"),
            ("ln(w)", Some("-2,-1"), "UndefinedAtStart"),
        ];
        let mut reached = std::collections::BTreeSet::new();
        for (f, domain, want) in &bad {
            let q = format!(
                "surface=formula&f={}{}",
                descent_core::scene::percent_encode(f),
                domain.map(|d| format!("&domain={d}")).unwrap_or_default()
            );
            let err = match Session::from_query(&q) {
                Err(e) => e,
                Ok(_) => panic!("{f:?} is refused"),
            };
            let why = err
                .formula_error()
                .cloned()
                .unwrap_or_else(|| panic!("{f:?}: a formula reason ({})", err.message(Lang::En)));
            assert_eq!(variant(&why), *want, "{f:?}: {}", why.message(Lang::En));
            reached.insert(*want);
            let ko = err.detail(Lang::Ko);
            korean_only(f, &err.detail(Lang::En), &ko, f);
            assert!(err.message(Lang::Ko).contains(&ko));
        }
        // What no scene string reaches: the parser's own limits (the scene refuses an empty or a
        // too long formula, and a domain that is not 2 or 4 finite, ordered numbers, first),
        // the compiler's guards behind the checker (a formula the checker passed always compiles),
        // and the lean module's refusal.
        let long = "w+".repeat(150) + "w";
        let direct = [
            (Formula::new(&long, None).unwrap_err(), "TooLong"),
            (Formula::new("", None).unwrap_err(), "Empty"),
            (Formula::new("w", Some(&[-1.0, 0.0, 1.0])).unwrap_err(), "DomainCount"),
            (Formula::new("w", Some(&[1.0, -1.0])).unwrap_err(), "DomainRanges"),
            (E::NotANumber { text: "1.2.3".into(), pos: None }, "NotANumber"),
            (E::Unreadable { pos: Some(3) }, "Unreadable"),
            (E::Unreadable { pos: None }, "Unreadable"),
            (E::UnreadableFrom { pos: 4 }, "UnreadableFrom"),
            (E::NeedsPlayground, "NeedsPlayground"),
        ];
        for (e, want) in &direct {
            assert_eq!(variant(e), *want, "{e:?}");
            reached.insert(*want);
            korean_only(want, &e.message(Lang::En), &e.message(Lang::Ko), "w b");
        }
        assert_eq!(reached.len(), VARIANTS, "reached: {reached:?}");
    }

    /// The longest, most nested formulas the scene allows evaluate within a 1 MB stack, the
    /// default stack of a WebAssembly module (exmex's symbolic `partial` overflows it).
    #[test]
    fn worst_case_formulas_fit_a_small_stack() {
        let fill = |unit: &str, sep: &str| {
            let k = 300 / (unit.len() + sep.len());
            vec![unit; k].join(sep)
        };
        let cases = vec![
            fill("w", "^"),
            fill("w*b", "/"),
            fill("sin(w)", "^"),
            format!("{}w{}", "exp(w/".repeat(30), ")".repeat(30)),
            format!("{}w{}", "sin(w^".repeat(30), ")".repeat(30)),
            "-".repeat(299) + "w",
        ];
        let handle = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                for text in cases {
                    assert!(text.chars().count() <= 300);
                    let f = Formula::new(&text, None).unwrap_or_else(|e| panic!("{text}: {e}"));
                    exercise(&f);
                }
            })
            .unwrap();
        handle.join().unwrap();
    }
}
