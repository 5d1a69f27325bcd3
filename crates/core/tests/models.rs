//! The real models on Palmer penguins (logistic regression with 4 weights + b, the 2-8-1
//! network), the sessions that train them, and the landscape slices through their weights.
//! Every claim the code's comments make about them is checked here.
#![cfg(feature = "models")]

use descent_core::data::penguins::{Penguins, Species, MLP_FEATURES};
use descent_core::data::{Dataset, Task};
use descent_core::landscape::{Landscape, LandscapeError, Plane, GRID};
use descent_core::scene::{ErrorKind, Scene};
use descent_core::surfaces::{self, mlp, numeric_gradient, LogReg, Mlp, Surface};
use descent_core::Session;
use proptest::prelude::*;

fn gradient(s: &dyn Surface, p: &[f64]) -> Vec<f64> {
    let mut g = vec![0.0; s.dim()];
    s.gradient(p, &mut g);
    g
}

/// The four standardized features with labels from `label`, on the rows `keep` accepts.
fn relabelled(label: impl Fn(Species) -> Option<f64>) -> Dataset {
    let p = Penguins::get();
    let all = p.dataset(&[0, 1, 2, 3]);
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for i in 0..p.rows() {
        if let Some(l) = label(p.species[i]) {
            x.extend_from_slice(all.row(i));
            y.push(l);
        }
    }
    Dataset { x, n: 4, y, task: Task::Classification }
}

#[test]
fn penguin_logistic_regression_has_one_finite_minimum() {
    let s = LogReg::penguins();
    assert_eq!((s.name(), s.dim(), s.rows()), ("penguins", 5, 342));
    // The scene's count of start coordinates is each model's own.
    assert_eq!(descent_core::scene::max_params("penguins"), s.dim());
    assert_eq!(descent_core::scene::max_params("mlp"), mlp::PARAMS);
    assert_eq!(s.param_names(), ["w1", "w2", "w3", "w4", "b"]);
    // From p = 0 every row says ½: C = ln 2 (up to the rounding of 342 terms).
    assert!((s.value(&s.start()) - std::f64::consts::LN_2).abs() < 1e-13);
    let m = &s.minima()[0];
    // Newton's minimum, as an independent fit (numpy, Newton's method) puts it.
    let reference =
        [15.204960282017185, 0.21045995171233858, -2.814223804587414, -12.258189147667546, -9.613699350025835];
    for (a, b) in m.at.iter().zip(reference) {
        assert!((a - b).abs() < 1e-8 * b.abs().max(1.0), "{:?}", m.at);
    }
    assert!(gradient(&s, &m.at).iter().all(|g| g.abs() < 1e-12));
    // The classes overlap a little: the best line gets 338 of 342 right, and the cost stays above 0.
    assert_eq!(surfaces::accuracy(&s, &m.at), Some(338.0 / 342.0));
    assert!((m.value - 0.03343730228155941).abs() < 1e-12, "{}", m.value);
    // Every parameter's box holds the minimum with room to spare.
    assert!(s.bounds().iter().zip(&m.at).all(|((lo, hi), x)| *lo < 0.8 * x.min(0.0) && 0.8 * x.max(0.0) < *hi));
}

#[test]
fn the_other_species_pairings_are_separable_so_their_cost_has_no_minimum() {
    let gentoo = relabelled(|s| Some((s == Species::Gentoo) as u8 as f64));
    let adelie_chinstrap = relabelled(|s| match s {
        Species::Gentoo => None,
        other => Some((other == Species::Chinstrap) as u8 as f64),
    });
    for (name, d) in [("gentoo", gentoo), ("adelie-chinstrap", adelie_chinstrap)] {
        let s = LogReg::from_data("pairing", d);
        assert!(s.minima().is_empty(), "{name}: {:?}", s.minima());
        // Gradient descent drives the cost towards 0 while the weights keep growing.
        let mut p = vec![0.0; 5];
        let mut norms = Vec::new();
        for _ in 0..4 {
            for _ in 0..2000 {
                let g = gradient(&s, &p);
                p.iter_mut().zip(&g).for_each(|(x, g)| *x -= 2.0 * g);
            }
            norms.push(p.iter().map(|x| x * x).sum::<f64>().sqrt());
        }
        assert!(s.value(&p) < 0.01, "{name}: C = {}", s.value(&p));
        assert!(norms.windows(2).all(|w| w[1] > w[0] + 0.1), "{name}: |w| = {norms:?}");
    }
}

#[test]
fn bills_need_a_bent_boundary_which_the_network_learns() {
    // A line on bill length and depth gets 88 % right: chinstraps sit in a corner.
    let line = LogReg::from_data("bills", Penguins::get().dataset(&MLP_FEATURES));
    let best = surfaces::accuracy(&line, &line.minima()[0].at).unwrap();
    assert!((0.87..0.89).contains(&best), "{best}");
    // The network, trained by Adam on the same two features, gets well past any line.
    let mut s = Session::from_query("surface=mlp&opt=adam&lr=0.02").unwrap();
    s.step(3000);
    let acc = s.accuracy(0).unwrap();
    assert!(acc > 0.97 && s.loss(0) < 0.05, "accuracy {acc}, cost {}", s.loss(0));
}

#[test]
fn the_network_is_not_convex_and_every_minimum_has_copies() {
    let net = Mlp::penguins(1);
    assert_eq!(net.param_names()[..3], ["w1.1", "w1.2", "b1"]);
    assert_eq!(net.param_names()[32], "c");
    let mut s = Session::from_query("surface=mlp&opt=adam&lr=0.02").unwrap();
    s.step(1500);
    let theta = s.runs[0].params.clone();
    let c = net.value(&theta);
    // Flip unit 3's weights, bias and output weight: the same network (tanh is odd).
    let mut flipped = theta.clone();
    for i in [9, 10, 11, 24 + 3] {
        flipped[i] = -flipped[i];
    }
    assert!((net.value(&flipped) - c).abs() < 1e-15);
    // Swap units 0 and 5: the same network.
    let mut swapped = theta.clone();
    for j in 0..3 {
        swapped.swap(j, 15 + j);
    }
    swapped.swap(24, 29);
    assert!((net.value(&swapped) - c).abs() < 1e-14);
    // Halfway between a minimum's two copies the unit is switched off: higher, so not convex.
    let mid: Vec<f64> = theta.iter().zip(&flipped).map(|(a, b)| 0.5 * (a + b)).collect();
    assert!(net.value(&mid) > c + 1e-3, "midpoint {} vs {c}", net.value(&mid));
    assert!(net.minima().is_empty());
}

#[test]
fn the_network_starts_from_a_seeded_glorot_draw() {
    let p = Mlp::init(1);
    assert_eq!(p.len(), mlp::PARAMS);
    assert_eq!(p[..2], [-0.24477693784054033, -0.015315116205167345]);
    assert_eq!(p, Mlp::init(1));
    assert_ne!(p, Mlp::init(2));
    assert_eq!(Mlp::penguins(4).start(), Mlp::init(4));
    let (hidden, output) = (0.6f64.sqrt(), (6.0f64 / 9.0).sqrt());
    for k in 0..mlp::HIDDEN {
        assert!(p[3 * k].abs() < hidden && p[3 * k + 1].abs() < hidden && p[3 * k + 2] == 0.0);
        assert!(p[24 + k].abs() < output);
    }
    assert_eq!(p[32], 0.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Both models' gradients against central differences anywhere in a wide box, and over any
    /// rows (a mini-batch's gradient is that of the cost on those rows alone).
    #[test]
    fn model_gradients_match_central_differences(
        coords in proptest::collection::vec(-4.0..4.0f64, mlp::PARAMS),
        rows in proptest::collection::vec(0usize..342, 1..40),
    ) {
        let models: [Box<dyn Surface>; 2] = [Box::new(LogReg::penguins()), Box::new(Mlp::penguins(1))];
        for s in models {
            let p = &coords[..s.dim()];
            let g = gradient(s.as_ref(), p);
            let n = numeric_gradient(s.as_ref(), p, 1e-6);
            for i in 0..s.dim() {
                prop_assert!((g[i] - n[i]).abs() <= 1e-6 * (1.0 + g[i].abs()), "{} ∂{}: {} vs {}", s.name(), i, g[i], n[i]);
            }
            // The rows' own cost, by differences, against gradient_rows.
            let d = s.data().unwrap();
            let mut x = Vec::new();
            let mut y = Vec::new();
            for &r in &rows {
                x.extend_from_slice(d.row(r));
                y.push(d.y[r]);
            }
            let part = Dataset { x, n: d.n, y, task: Task::Classification };
            let sub: Box<dyn Surface> = if s.dim() == 5 { Box::new(LogReg::from_data("part", part)) } else { Box::new(Mlp::from_data(part, 1)) };
            let mut gr = vec![0.0; s.dim()];
            s.gradient_rows(p, &rows, &mut gr);
            let n = numeric_gradient(sub.as_ref(), p, 1e-6);
            for i in 0..s.dim() {
                prop_assert!((gr[i] - n[i]).abs() <= 1e-6 * (1.0 + gr[i].abs()), "{} rows ∂{}: {} vs {}", s.name(), i, gr[i], n[i]);
            }
        }
    }
}

#[test]
fn sessions_train_the_models_in_epochs_of_mini_batches() {
    let mut s = Session::from_query("surface=penguins&opt=gd,adamw&batch=32&lr=0.5,0.05&wd=0.1").unwrap();
    assert_eq!(s.surface().dim(), 5);
    // An epoch of 342 rows is 11 batches (10 of 32 and one of 22).
    s.step(11);
    for r in &s.runs {
        assert_eq!(r.examples_seen, 342);
        assert_eq!(r.epochs(342), 1.0);
        assert_eq!(r.last_rows.len(), 22);
    }
    s.step(11 * 20);
    assert!(s.loss(0) < 0.15 && s.accuracy(0).unwrap() > 0.95, "{}", s.loss(0));
    // Weight decay holds AdamW's weights smaller than Adam's would be.
    let mut adam = Session::from_query("surface=penguins&opt=adam&batch=32&lr=0.05").unwrap();
    adam.step(11 * 21);
    let norm = |p: &[f64]| p[..4].iter().map(|x| x * x).sum::<f64>().sqrt();
    assert!(norm(&s.runs[1].params) < norm(&adam.runs[0].params));
}

#[test]
fn a_model_takes_a_start_of_all_its_parameters() {
    let p33: Vec<String> = (0..33).map(|i| format!("{}", (i as f64 - 16.0) / 10.0)).collect();
    let q = format!("surface=mlp&start={}", p33.join(","));
    let s = Session::from_query(&q).unwrap();
    assert_eq!(s.runs[0].params[0], -1.6);
    assert_eq!(Scene::parse(&s.to_query()).unwrap(), *s.scene());
    // Too few or too many coordinates name `start`.
    let e = Session::from_query("surface=mlp&start=1,2").err().unwrap();
    assert_eq!((e.key.as_str(), e.kind), ("start", ErrorKind::Mismatch));
    let e = Scene::parse(&format!("surface=penguins&start={}", p33.join(","))).unwrap_err();
    assert_eq!((e.key.as_str(), e.kind), ("start", ErrorKind::BadValue));
    assert!(Scene::parse("surface=penguins&start=1,2,3,4,5").is_ok());
    assert_eq!(Scene::parse("start=1,2,3").unwrap_err().key, "start");
    // A dragged start is clamped into every parameter's box and rounded as on a 2-D map.
    let mut s = Session::from_query("surface=penguins").unwrap();
    s.set_start(&[100.0, -100.0, 0.12345, f64::NAN, 1.0]);
    assert_eq!(s.runs[0].params, [20.0, -20.0, 0.123, -20.0, 1.0]);
    s.set_start(&[1.0, 2.0]);
    assert_eq!(s.runs[0].params, [20.0, -20.0, 0.123, -20.0, 1.0], "a start of the wrong length is ignored");
}

#[test]
fn views_that_draw_one_or_two_parameters_are_refused_on_a_model() {
    for view in ["contour", "curve", "surface3d", "basins", "scatter"] {
        let e = Scene::parse(&format!("surface=mlp&view=loss,{view}")).unwrap_err();
        assert_eq!((e.key.as_str(), e.kind), ("view", ErrorKind::Mismatch), "{view}");
    }
    assert!(Scene::parse("surface=penguins&view=loss,matrix,table,readout").is_ok());
}

// ---------------------------------------------------------------- the landscape

/// Paths that lie exactly in the plane through `origin` spanned by two orthonormal vectors.
fn planar_paths(origin: &[f64]) -> (Vec<Vec<Vec<f64>>>, [Vec<f64>; 2]) {
    let n = origin.len();
    let mut u = vec![0.0; n];
    let mut v = vec![0.0; n];
    u[0] = 0.6;
    u[3] = 0.8;
    v[1] = 1.0;
    let point = |a: f64, b: f64| -> Vec<f64> { (0..n).map(|i| origin[i] + a * u[i] + b * v[i]).collect() };
    let runs = vec![
        (0..30).map(|t| point(-3.0 * (1.0 - t as f64 / 29.0), -0.5 * (1.0 - t as f64 / 29.0).powi(2))).collect(),
        (0..20).map(|t| point(2.0 - 0.1 * t as f64, 1.0 - 0.05 * t as f64)).collect(),
    ];
    (runs, [u, v])
}

fn borrowed(runs: &[Vec<Vec<f64>>]) -> Vec<Vec<&[f64]>> {
    runs.iter().map(|r| r.iter().map(|p| p.as_slice()).collect()).collect()
}

#[test]
fn the_pca_plane_of_paths_in_a_plane_is_that_plane() {
    let origin = [0.5, -1.0, 2.0, 0.0, 1.5];
    let (runs, [u, v]) = planar_paths(&origin);
    let l = Landscape::pca(&origin, &borrowed(&runs)).unwrap();
    let e = l.explained.unwrap();
    assert!(e[0] >= e[1] && e[1] > 0.0 && (e[0] + e[1] - 1.0).abs() < 1e-12 && (l.captured - 1.0).abs() < 1e-12);
    for d in &l.directions {
        let (du, dv) = (descent_core::linalg::dot(d, &u), descent_core::linalg::dot(d, &v));
        assert!((du * du + dv * dv - 1.0).abs() < 1e-12, "{d:?} leaves the plane");
    }
    assert!(descent_core::linalg::dot(&l.directions[0], &l.directions[1]).abs() < 1e-12);
    // Distances in the plane are kept, and the first path comes in from the lower left.
    for (run, proj) in runs.iter().zip(&l.paths) {
        for (p, c) in run.iter().zip(proj) {
            let dist: f64 = p.iter().zip(&origin).map(|(x, o)| (x - o).powi(2)).sum::<f64>().sqrt();
            assert!((c[0].hypot(c[1]) - dist).abs() < 1e-12);
        }
    }
    assert!(l.paths[0][0][0] <= 0.0 && l.paths[0][0][1] <= 0.0);
    // The lattice covers every projected point, with one scale on both axes.
    assert!((l.range[1] - l.range[0] - (l.range[3] - l.range[2])).abs() < 1e-12);
    for c in l.paths.iter().flatten() {
        assert!(l.range[0] < c[0] && c[0] < l.range[1] && l.range[2] < c[1] && c[1] < l.range[3]);
    }
    // No movement, no plane; paths of another length, a clear refusal.
    let still = vec![vec![origin.to_vec(); 3]];
    assert_eq!(Landscape::pca(&origin, &borrowed(&still)).unwrap_err(), LandscapeError::NoMovement);
    let short = vec![vec![vec![0.0; 4]]];
    assert_eq!(Landscape::pca(&origin, &borrowed(&short)).unwrap_err(), LandscapeError::Mismatch);
}

#[test]
fn random_directions_are_filter_normalized_and_seeded() {
    let net = Mlp::penguins(1);
    let theta = Mlp::init(3);
    let runs = vec![vec![Mlp::init(1), theta.clone()]];
    let l = Landscape::random(&net, &theta, &borrowed(&runs), 9).unwrap();
    assert_eq!(l.range, [-1.0, 1.0, -1.0, 1.0]);
    assert!(l.explained.is_none() && (0.0..=1.0).contains(&l.captured));
    let norm = |x: &[f64]| x.iter().map(|v| v * v).sum::<f64>().sqrt();
    for d in &l.directions {
        // Each unit's incoming weights have the norm of the same unit's weights in θ*.
        for f in net.filters() {
            let (a, b) = (norm(&d[f.clone()]), norm(&theta[f.clone()]));
            assert!((a - b).abs() < 1e-9 * b.max(1e-9), "filter {f:?}: {a} vs {b}");
        }
        // Biases get no random part.
        for k in 0..mlp::HIDDEN {
            assert_eq!(d[3 * k + 2], 0.0);
        }
        assert_eq!(d[32], 0.0);
    }
    assert_eq!(net.filters().len(), 9);
    let again = Landscape::random(&net, &theta, &borrowed(&runs), 9).unwrap();
    assert_eq!(again.directions, l.directions);
    assert_ne!(Landscape::random(&net, &theta, &borrowed(&runs), 10).unwrap().directions, l.directions);
    // Logistic regression: the four weights are one filter, b is in none.
    let lr = LogReg::penguins();
    let at = lr.minima()[0].at.clone();
    let l = Landscape::random(&lr, &at, &borrowed(&[vec![vec![0.0; 5], at.clone()]]), 1).unwrap();
    for d in &l.directions {
        assert!((norm(&d[..4]) - norm(&at[..4])).abs() < 1e-9 * norm(&at[..4]) && d[4] == 0.0);
    }
    // All-zero weights leave nothing to scale the directions by.
    let zero = vec![0.0; 5];
    let e = Landscape::random(&lr, &zero, &borrowed(&[vec![zero.clone()]]), 1).unwrap_err();
    assert_eq!(e, LandscapeError::ZeroWeights);
}

#[test]
fn the_lattice_fills_progressively_with_the_real_cost() {
    let mut s = Session::from_query("surface=penguins&opt=gd,adam&lr=1,0.05").unwrap();
    s.step(100);
    let mut whole = s.landscape(Plane::Random, None).unwrap();
    assert!(!whole.work(s.surface(), GRID * GRID));
    let mut parts = s.landscape(Plane::Random, None).unwrap();
    let mut calls = 0;
    while parts.work(s.surface(), 97) {
        calls += 1;
        assert_eq!(parts.done(), 97 * calls);
    }
    assert_eq!(calls, GRID * GRID / 97);
    assert!(parts.finished() && parts.values() == whole.values());
    // Each cell is C(θ* + a·d₁ + b·d₂); the middle one is θ* itself, to the bit.
    let best = s.best_run();
    let theta = &s.runs[best].params;
    assert_eq!(whole.values()[(GRID / 2) * GRID + GRID / 2], s.surface().value(theta));
    for k in [0, 5, 700, GRID * GRID - 1] {
        let (a, b) = whole.cell(k);
        let p: Vec<f64> = (0..5).map(|i| theta[i] + a * whole.directions[0][i] + b * whole.directions[1][i]).collect();
        assert_eq!(whole.values()[k], s.surface().value(&p));
    }
    // The cost of logistic regression is convex, so every slice is: no lattice row or column bends down.
    let mut pca = s.landscape(Plane::Pca, None).unwrap();
    while pca.work(s.surface(), 500) {}
    for slice in [&whole, &pca] {
        let v = slice.values();
        for j in 0..GRID {
            for i in 1..GRID - 1 {
                let row = v[j * GRID + i - 1] - 2.0 * v[j * GRID + i] + v[j * GRID + i + 1];
                let col = v[(i - 1) * GRID + j] - 2.0 * v[i * GRID + j] + v[(i + 1) * GRID + j];
                assert!(row > -1e-12 && col > -1e-12, "{:?} bends at ({i}, {j})", slice.plane);
            }
        }
    }
    // The slice passes through the lowest-cost run's weights, where that run's path ends.
    let end = pca.paths[best].last().unwrap();
    assert!(end[0].abs() < 1e-12 && end[1].abs() < 1e-12);
}

/// The network's cost along a lattice row, by powers of e^(2δ) instead of one tanh a point, is
/// its cost at each point, on short and long rows, and where units saturate.
#[test]
fn the_network_s_cost_along_a_line_is_its_cost_at_each_point() {
    let net = Mlp::penguins(1);
    let o = Mlp::init(5);
    let d1: Vec<f64> = (0..mlp::PARAMS).map(|i| ((i * 7 % 11) as f64 - 5.0) / 5.0).collect();
    let d2: Vec<f64> = (0..mlp::PARAMS).map(|i| ((i * 3 % 5) as f64 - 2.0) / 3.0).collect();
    for (scale, n, b) in
        [(1.0, 41, 0.3), (1.0, 1, -0.2), (1.0, 7, 0.0), (3.0, 150, 1.0), (80.0, 41, -1.0), (400.0, 20, 2.0)]
    {
        let a: Vec<f64> = (0..n).map(|t| scale * (-1.0 + 2.0 * t as f64 / (n.max(2) - 1) as f64)).collect();
        let mut along = vec![0.0; n];
        net.values_on_line(&o, &d1, &d2, b, &a, &mut along);
        for (t, &ai) in a.iter().enumerate() {
            let p: Vec<f64> = (0..mlp::PARAMS).map(|i| o[i] + ai * d1[i] + b * d2[i]).collect();
            let c = net.value(&p);
            assert!(
                c.is_finite() && (along[t] - c).abs() <= 1e-12 * c.abs().max(1.0),
                "scale {scale}, point {t}: {} vs {c}",
                along[t]
            );
        }
    }
    // Lengths that do not fit give no number.
    let mut out = [0.0; 2];
    net.values_on_line(&o[..5], &d1, &d2, 0.0, &[0.0, 1.0], &mut out);
    assert!(out.iter().all(|v| v.is_nan()));
    // A whole slice, filled in uneven pieces, against the cost at its cells.
    let mut s = Session::from_query("surface=mlp&opt=adam&lr=0.02").unwrap();
    s.step(300);
    let mut l = s.landscape(Plane::Pca, None).unwrap();
    while l.work(s.surface(), 333) {}
    for k in (0..GRID * GRID).step_by(37) {
        let (a, b) = l.cell(k);
        let p: Vec<f64> =
            (0..mlp::PARAMS).map(|i| l.origin[i] + a * l.directions[0][i] + b * l.directions[1][i]).collect();
        let c = s.surface().value(&p);
        assert!((l.values()[k] - c).abs() <= 1e-12 * c, "cell {k}: {} vs {c}", l.values()[k]);
    }
}

#[test]
fn a_random_plane_misses_most_of_the_network_s_paths_and_the_pca_plane_holds_them() {
    let mut s = Session::from_query("surface=mlp&opt=gd,momentum,adam&lr=1,1,0.02").unwrap();
    s.step(300);
    let pca = s.landscape(Plane::Pca, None).unwrap();
    let random = s.landscape(Plane::Random, None).unwrap();
    assert!(pca.captured > 0.9, "PCA holds {}", pca.captured);
    assert!(random.captured < 0.2, "a random plane holds {}", random.captured);
    // The origin may be named; a run index out of range falls back to the best run.
    let first = s.landscape(Plane::Pca, Some(0)).unwrap();
    assert_eq!(first.origin, s.runs[0].params);
    assert_eq!(s.landscape(Plane::Pca, Some(99)).unwrap().origin, s.runs[s.best_run()].params);
    // Before any step there is nothing to fit.
    let fresh = Session::from_query("surface=mlp&opt=gd,adam").unwrap();
    assert_eq!(fresh.landscape(Plane::Pca, None).unwrap_err(), LandscapeError::NoMovement);
}
