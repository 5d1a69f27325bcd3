//! A learner's own data, end to end in the core: the CSV read by `table`, the model its label
//! asks for, trained to convergence, against least squares (numpy) and logistic regression
//! (scikit-learn) computed independently by `golden/make_own.py` (golden/own.csv, golden/own.txt).

use descent_core::data::Task;
use descent_core::surfaces::{global_minimum, own_model};
use descent_core::table::read;
use descent_core::{Scene, Session};

fn golden() -> Vec<(String, Vec<f64>)> {
    include_str!("golden/own.txt")
        .lines()
        .map(|l| {
            let mut it = l.split_whitespace();
            let name = it.next().unwrap().to_string();
            (name, it.map(|x| x.parse().unwrap()).collect())
        })
        .collect()
}

fn want(name: &str) -> Vec<f64> {
    golden().into_iter().find(|(n, _)| n == name).unwrap().1
}

fn close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= tol, "{what}: {got:?} against {want:?}");
    }
}

/// Trains `scene`'s runs on the label column `label` of own.csv (features: the first three).
fn trained(label: usize, scene: &str, steps: u32) -> Session {
    let table = read(include_str!("golden/own.csv"));
    assert_eq!(table.error(), None);
    let prepared = table.prepare(label, &[0, 1, 2]).unwrap();
    close(&prepared.means, &want("means"), 1e-12, "means");
    close(&prepared.spreads, &want("spreads"), 1e-12, "spreads");
    let mut s = Session::with_surface(Scene::parse(scene).unwrap(), own_model(prepared)).unwrap();
    s.step(steps);
    assert!(!s.runs[0].diverged());
    s
}

#[test]
fn least_squares_matches_numpy() {
    let s = trained(3, "surface=own&opt=gd&lr=0.5", 20_000);
    assert_eq!(s.surface().data().unwrap().task, Task::Regression);
    close(&s.runs[0].params, &want("linear"), 1e-6, "gd on least squares");
    // The normal equations' own solution, too.
    close(&global_minimum(s.surface()).unwrap().at, &want("linear"), 1e-9, "normal equations");
    // R² of the fit: between 0 and 1, the same as 1 − SSres/SStot worked out from the rows.
    let r2 = s.r_squared(0).unwrap();
    let d = s.surface().data().unwrap();
    let p = &s.runs[0].params;
    let ybar = d.y.iter().sum::<f64>() / d.rows() as f64;
    let (mut res, mut tot) = (0.0, 0.0);
    for i in 0..d.rows() {
        let yhat: f64 = d.row(i).iter().zip(p).map(|(x, w)| x * w).sum::<f64>() + p[3];
        res += (yhat - d.y[i]).powi(2);
        tot += (d.y[i] - ybar).powi(2);
    }
    assert!((r2 - (1.0 - res / tot)).abs() < 1e-9 && r2 > 0.5 && r2 < 1.0, "R² {r2}");
}

#[test]
fn logistic_regression_matches_scikit_learn() {
    let s = trained(4, "surface=own&opt=gd&lr=2", 20_000);
    assert_eq!(s.surface().data().unwrap().task, Task::Classification);
    close(&s.runs[0].params, &want("logistic"), 1e-6, "gd on logistic regression");
    close(&global_minimum(s.surface()).unwrap().at, &want("logistic"), 1e-7, "Newton's minimum");
    assert!(s.accuracy(0).unwrap() > 0.6);
    assert_eq!(s.r_squared(0), None);
}

#[test]
fn mini_batches_and_adam_get_there_too_and_epochs_are_logged() {
    let s = trained(3, "surface=own&opt=adam,sgd&lr=0.5,0.01&batch=8", 400);
    // 40 rows in batches of 8: an epoch every 5 steps; SGD's one row a step, one every 40.
    let epochs: Vec<u64> = s.runs[0].epoch_losses.iter().map(|(e, _, _)| e).collect();
    assert_eq!(epochs, (0..=80).collect::<Vec<_>>());
    assert_eq!(s.runs[1].epoch_losses.len(), 11);
    // The logged cost is the full cost after that epoch's last step.
    let first = s.runs[0].history.iter().find(|(t, _, _)| *t == 5).unwrap().2;
    assert_eq!(s.runs[0].epoch_losses.point(1).2, first);
    let mut s = s;
    s.reset();
    assert_eq!(s.runs[0].iteration(), 0);
    assert_eq!(s.runs[0].epoch_losses.len(), 1);
    assert_eq!(s.surface().rows(), 40, "reset keeps the data");
}

#[test]
fn a_scene_alone_never_has_the_data() {
    let e = Session::from_query("surface=own&opt=adam").err().unwrap();
    assert!(e.needs_data_only());
    assert!(
        e.message(descent_core::Lang::En).contains("stays with its owner"),
        "{}",
        e.message(descent_core::Lang::En)
    );
    // A start of the wrong length for the data is refused, with its key.
    let table = read(include_str!("golden/own.csv"));
    let p = table.prepare(3, &[0, 1]).unwrap();
    let bad = Session::with_surface(Scene::parse("surface=own&start=1,2").unwrap(), own_model(p)).err().unwrap();
    assert_eq!(bad.key, "start");
}

#[test]
fn extreme_settings_on_own_data_stop_cleanly() {
    let table = read(include_str!("golden/own.csv"));
    for label in [3, 4] {
        for extra in [
            "lr=100",
            "lr=100&opt=adam,sgd,rmsprop",
            "lr=1e-300",
            "start=1000,-1000,1000,-1000",
            "batch=1&opt=momentum",
        ] {
            let scene = Scene::parse(&format!("surface=own&{extra}")).unwrap();
            let mut s = Session::with_surface(scene, own_model(table.prepare(label, &[0, 1, 2]).unwrap())).unwrap();
            s.step(2000);
            for (i, r) in s.runs.iter().enumerate() {
                assert!(r.params.iter().all(|x| x.is_finite()), "{extra}: {:?}", r.params);
                assert!(s.loss(i).is_finite(), "{extra}");
                assert!(r.epoch_losses.iter().all(|(_, _, l)| l.is_finite()), "{extra}");
            }
        }
    }
}
