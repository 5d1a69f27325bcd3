//! Sessions: stepping, blow-ups that stop cleanly, bounded memory, seeded batches.

use descent_core::session::{Cause, HISTORY_CAP, LOG_CAP};
use descent_core::Session;

#[test]
fn gd_on_the_parabola_moves_downhill_from_both_sides() {
    for start in ["2.2", "-0.6"] {
        let mut s = Session::from_query(&format!("surface=line&lr=0.1&start={start}")).unwrap();
        let c0 = s.loss(0);
        s.step(5);
        assert!(s.loss(0) < c0, "start {start}");
    }
}

#[test]
fn too_large_a_rate_stops_with_the_reason() {
    // C''(w) = Σx²/m ≈ 3.79 on `line`, so α = 0.6 gives α·C'' ≈ 2.3 > 2.
    let mut s = Session::from_query("surface=line&lr=0.6&start=2").unwrap();
    let taken = s.step(10_000);
    assert!(taken < 10_000);
    let d = s.runs[0].divergence.clone().expect("diverged");
    assert!(matches!(d.cause, Cause::NonFinite | Cause::Escaped));
    let k = d.rate_times_curvature.expect("curvature estimated");
    assert!((k - 0.6 * 3.7916666).abs() < 0.05, "{k}");
    assert!(s.runs[0].params.iter().all(|x| x.is_finite()));
    assert!(s.loss(0).is_finite());
    // The numbers of the last step shown are those of the last sound step, which led here.
    let r = &s.runs[0];
    let last = r.log.back().expect("steps were taken");
    assert_eq!(r.optimizer.last.iter().map(|k| k.p_new).collect::<Vec<_>>(), r.params);
    assert_eq!(r.optimizer.last.iter().map(|k| k.p).collect::<Vec<_>>(), last.before);
    assert_eq!(r.optimizer.last.iter().map(|k| k.g).collect::<Vec<_>>(), last.grad);
    assert_eq!(r.optimizer.t, last.t);
    // A stopped run takes no more steps.
    assert_eq!(s.step(5), 0);
}

#[test]
fn a_million_steps_keep_memory_bounded() {
    let mut s = Session::from_query("surface=ravine&opt=momentum&lr=0.5").unwrap();
    for _ in 0..100 {
        s.step(10_000);
    }
    let r = &s.runs[0];
    assert_eq!(r.iteration(), 1_000_000);
    assert!(r.history.len() <= HISTORY_CAP);
    assert!(r.log.len() <= LOG_CAP);
    // The thinned path still starts at the start and ends near the end.
    assert_eq!(r.history.point(0).0, 0);
    assert!(r.history.point(r.history.len() - 1).0 > 990_000);
}

#[test]
fn reset_replays_exactly() {
    let mut s = Session::from_query("surface=cats&opt=sgd&lr=0.5&seed=9").unwrap();
    s.step(37);
    let a = s.runs[0].params.clone();
    s.reset();
    s.step(37);
    assert_eq!(s.runs[0].params, a);
}

#[test]
fn epochs_visit_every_row_once() {
    let mut s = Session::from_query("surface=linreg&m=20&batch=6&seed=3").unwrap();
    let mut seen = Vec::new();
    for _ in 0..4 {
        // 6 + 6 + 6 + 2 = one epoch of 20 rows.
        s.step(1);
        seen.extend(s.runs[0].last_rows.clone());
    }
    seen.sort();
    assert_eq!(seen, (0..20).collect::<Vec<_>>());
    assert_eq!(s.runs[0].examples_seen, 20);
    assert_eq!(s.runs[0].examples_after(4, 20), 20);
    assert_eq!(s.runs[0].examples_after(5, 20), 26);
}

#[test]
fn a_start_outside_the_domain_is_clamped() {
    let mut s = Session::from_query("surface=bowl").unwrap();
    s.set_start(&[100.0, f64::NAN]);
    let p = &s.runs[0].params;
    assert_eq!(p, &vec![3.0, -3.0]);
}

/// `noise` is the σ of the gradient noise `sgd` adds on an analytic surface (README): the
/// gradient a step uses minus the exact gradient where it stood is σ·z, z of mean 0 and variance 1.
///
/// The tolerances are statistical bounds at five standard errors, over k = 2 × 20 000 draws (two
/// components a step) with the seed fixed, so the test is deterministic; for another seed each
/// bound would fail with probability about 2·Φ(−5) ≈ 5.7e−7:
/// - the mean: a z-test, |mean| < 5·σ/√k;
/// - the variance: (k−1)·s²/σ² is χ² with k−1 degrees of freedom for normal draws, which for
///   k = 40 000 is close to normal (its skewness is √(8/(k−1)) ≈ 0.014), so |s²/σ² − 1| < 5·√(2/(k−1)). The draws
///   are Irwin–Hall sums of twelve uniforms (`data::normal_exact`), whose excess kurtosis −0.1 makes
///   the spread of s² smaller still (Var s² = σ⁴·(2/(k−1) − 0.1/k)), so the bound is conservative;
/// - independence from one step to the next: the lag-one correlation, |r| < 5/√k.
///
/// A σ that is off by 2 % or more (3.5 % in σ²), a noise that repeats, or one that is not added fails.
#[test]
fn sgd_noise_on_an_analytic_surface_has_the_documented_sigma() {
    for (sigma, seed) in [(0.5, 1), (2.0, 9)] {
        let mut s = Session::from_query(&format!("surface=bowl&opt=sgd&lr=0.01&noise={sigma}&seed={seed}")).unwrap();
        let steps = 20_000;
        let mut draws = Vec::with_capacity(2 * steps);
        let mut exact = vec![0.0; 2];
        for _ in 0..steps {
            assert_eq!(s.step(1), 1);
            let rec = s.runs[0].log.back().unwrap();
            s.surface().gradient(&rec.before, &mut exact);
            draws.extend(rec.grad.iter().zip(&exact).map(|(g, e)| (g - e) / sigma));
        }
        let k = draws.len() as f64;
        let mean = draws.iter().sum::<f64>() / k;
        let var = draws.iter().map(|z| (z - mean).powi(2)).sum::<f64>() / (k - 1.0);
        assert!(mean.abs() < 5.0 / k.sqrt(), "σ = {sigma}: mean {mean} (bound {})", 5.0 / k.sqrt());
        let bound = 5.0 * (2.0 / (k - 1.0)).sqrt();
        assert!((var - 1.0).abs() < bound, "σ = {sigma}: sample variance {var}·σ², bound 1 ± {bound}");
        let lag1 = draws.windows(2).map(|w| (w[0] - mean) * (w[1] - mean)).sum::<f64>() / ((k - 1.0) * var);
        assert!(lag1.abs() < 5.0 / k.sqrt(), "σ = {sigma}: lag-one correlation {lag1}");
    }
    // Plain GD on the same scene uses the exact gradient: no noise at all.
    let mut s = Session::from_query("surface=bowl&opt=gd&lr=0.01&noise=2").unwrap();
    let mut exact = vec![0.0; 2];
    for _ in 0..100 {
        s.step(1);
        let rec = s.runs[0].log.back().unwrap();
        s.surface().gradient(&rec.before, &mut exact);
        assert_eq!(rec.grad, exact);
    }
}
