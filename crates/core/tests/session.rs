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
