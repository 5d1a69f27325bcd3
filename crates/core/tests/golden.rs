//! Trajectories of gd, momentum, rmsprop and adam against optax (float64), from the checked-in
//! `golden/golden.txt`; AdamW, the learning-rate schedules and the penguin models from
//! `golden/models.txt`, with the PCA plane's explained variance from numpy. Both files are made
//! by `golden/make_golden.py` (see its docstring for the mappings). No Python is needed here.

use descent_core::optim::{Hyper, Method, Optimizer};
use descent_core::scene::Scene;
use descent_core::surfaces::{self, Surface};

/// One case of the golden file.
struct Case {
    surface: String,
    method: Method,
    hyper: Hyper,
    start: [f64; 2],
    /// The parameters after each step.
    path: Vec<[f64; 2]>,
}

/// The lines of a golden file that are not blank or comments: (line index, its words).
fn lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .map(str::trim)
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n, l.split_whitespace().collect()))
}

/// A number of line n (from 0).
fn number(n: usize, s: &str) -> f64 {
    s.parse::<f64>().unwrap_or_else(|_| panic!("line {}: not a number: {s}", n + 1))
}

fn parse(text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut current: Option<Case> = None;
    for (n, words) in lines(text) {
        let num = |s: &str| number(n, s);
        match words[0] {
            "case" => {
                assert_eq!(words.len(), 9, "line {}", n + 1);
                assert!(current.is_none(), "line {}: case inside a case", n + 1);
                current = Some(Case {
                    surface: words[1].to_string(),
                    method: Method::from_key(words[2]).unwrap_or_else(|| panic!("line {}: method {}", n + 1, words[2])),
                    hyper: Hyper {
                        lr: num(words[3]),
                        beta1: num(words[4]),
                        beta2: num(words[5]),
                        eps: num(words[6]),
                        ..Hyper::default()
                    },
                    start: [num(words[7]), num(words[8])],
                    path: Vec::new(),
                });
            }
            "end" => cases.push(current.take().unwrap_or_else(|| panic!("line {}: end without case", n + 1))),
            _ => {
                assert_eq!(words.len(), 2, "line {}", n + 1);
                current.as_mut().expect("a point outside a case").path.push([num(words[0]), num(words[1])]);
            }
        }
    }
    assert!(current.is_none(), "unterminated case");
    cases
}

/// The surface as a scene builds it (the ravine with the generator's κ = 20 and 30°).
fn surface(name: &str) -> Box<dyn Surface> {
    let query = match name {
        "ravine" => "surface=ravine&cond=20&angle=30".to_string(),
        other => format!("surface={other}"),
    };
    surfaces::build(&Scene::parse(&query).unwrap()).unwrap()
}

#[test]
fn trajectories_match_optax() {
    let cases = parse(include_str!("golden/golden.txt"));
    // gd, momentum, rmsprop, adam × three surfaces × two starts.
    assert_eq!(cases.len(), 24);
    let mut worst = (0.0f64, String::new());
    for case in &cases {
        let s = surface(&case.surface);
        let mut opt = Optimizer::new(case.method, case.hyper, 2);
        let mut p = case.start.to_vec();
        let mut g = vec![0.0; 2];
        assert_eq!(case.path.len(), 100);
        for (t, expected) in case.path.iter().enumerate() {
            s.gradient(&p, &mut g);
            opt.step(&mut p, &g);
            for i in 0..2 {
                let (a, b) = (p[i], expected[i]);
                // 1e-10 relative, with an absolute floor of 1e-12 for coordinates near 0.
                let err = (a - b).abs() / a.abs().max(b.abs()).max(1e-2);
                if err > worst.0 {
                    worst = (err, format!("{} {:?} from {:?}, step {}", case.surface, case.method, case.start, t + 1));
                }
                // The first steps, before rounding differences can grow, agree to a few ulps.
                let tol = if t < 3 { 1e-14 } else { 1e-10 };
                assert!(
                    (a - b).abs() <= tol * a.abs().max(b.abs()) + 1e-12,
                    "{} {:?} from {:?}, step {}: ours {:?}, optax {:?}",
                    case.surface,
                    case.method,
                    case.start,
                    t + 1,
                    p,
                    expected
                );
            }
        }
    }
    eprintln!("largest relative difference from optax: {:.1e} ({})", worst.0, worst.1);
}

/// AdamW, the schedules and the real models (`golden/models.txt`).
#[cfg(feature = "models")]
mod models {
    use super::*;
    use descent_core::landscape::Plane;
    use descent_core::optim::Schedule;
    use descent_core::surfaces::Mlp;

    /// One case of `golden/models.txt`: a run of any dimension, with weight decay and a schedule.
    struct ModelCase {
        surface: String,
        method: Method,
        hyper: Hyper,
        start: Vec<f64>,
        /// (step, the parameters after it) for the recorded steps.
        points: Vec<(usize, Vec<f64>)>,
    }

    /// A `pca` line: a race as a scene, its length, the run the plane passes through, numpy's shares.
    struct PcaCase {
        scene: String,
        steps: u32,
        origin: usize,
        explained: [f64; 2],
    }

    fn fields(words: &[&str]) -> std::collections::HashMap<String, String> {
        words.iter().filter_map(|w| w.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn schedule(text: &str) -> Schedule {
        let parts: Vec<&str> = text.split(':').collect();
        let n = |i: usize| parts[i].parse::<f64>().unwrap_or_else(|_| panic!("schedule {text}"));
        match parts[0] {
            "constant" => Schedule::Constant,
            "step" => Schedule::Step { every: n(1) as u64, drop: n(2) },
            "cosine" => Schedule::Cosine { warmup: n(1) as u64, horizon: n(2) as u64, floor: n(3) },
            other => panic!("unknown schedule {other}"),
        }
    }

    fn parse_models(text: &str) -> (Vec<ModelCase>, Vec<PcaCase>) {
        let (mut cases, mut pcas) = (Vec::new(), Vec::new());
        let mut current: Option<ModelCase> = None;
        for (n, words) in lines(text) {
            let num = |s: &str| number(n, s);
            match words[0] {
                "case" => {
                    let f = fields(&words[1..]);
                    let g = |k: &str| num(&f[k]);
                    current = Some(ModelCase {
                        surface: f["surface"].clone(),
                        method: Method::from_key(&f["method"]).unwrap_or_else(|| panic!("line {}", n + 1)),
                        hyper: Hyper {
                            lr: g("lr"),
                            beta1: g("beta1"),
                            beta2: g("beta2"),
                            eps: g("eps"),
                            wd: g("wd"),
                            schedule: schedule(&f["schedule"]),
                        },
                        start: f["start"].split(',').map(num).collect(),
                        points: Vec::new(),
                    });
                }
                "end" => cases.push(current.take().unwrap_or_else(|| panic!("line {}: end without case", n + 1))),
                "pca" => {
                    let f = fields(&words[1..]);
                    let e: Vec<f64> = f["explained"].split(',').map(num).collect();
                    pcas.push(PcaCase {
                        scene: f["scene"].clone(),
                        steps: f["steps"].parse().unwrap(),
                        origin: f["origin"].parse().unwrap(),
                        explained: [e[0], e[1]],
                    });
                }
                _ => {
                    let c = current.as_mut().unwrap_or_else(|| panic!("line {}: a point outside a case", n + 1));
                    let t: usize = words[0].parse().unwrap();
                    let p: Vec<f64> = words[1..].iter().map(|w| num(w)).collect();
                    assert_eq!(p.len(), c.start.len(), "line {}", n + 1);
                    c.points.push((t, p));
                }
            }
        }
        assert!(current.is_none(), "unterminated case");
        (cases, pcas)
    }

    /// AdamW, the schedules, and the two penguin models (5 and 33 parameters) against optax; the
    /// explained variance of the landscape's PCA plane against numpy's SVD.
    #[test]
    fn models_and_schedules_match_optax_and_the_pca_matches_numpy() {
        let (cases, pcas) = parse_models(include_str!("golden/models.txt"));
        assert_eq!(cases.len(), 21);
        assert_eq!(pcas.len(), 2);
        assert!(cases.iter().filter(|c| c.method == Method::AdamW).count() >= 5);
        assert!(cases.iter().any(|c| c.surface == "penguins") && cases.iter().any(|c| c.surface == "mlp"));
        for s in ["step", "cosine"] {
            assert!(cases.iter().filter(|c| c.hyper.schedule.key() == s).count() >= 3, "{s}");
        }
        let mut worst = (0.0f64, String::new());
        for case in &cases {
            let s = surface(&case.surface);
            let dim = s.dim();
            assert_eq!(case.start.len(), dim, "{}", case.surface);
            if case.surface == "mlp" {
                // The reference script draws the network's start with its own PCG64 and Glorot-uniform.
                assert!([1, 7].iter().any(|&seed| Mlp::init(seed) == case.start), "the MLP start is not Mlp::init");
            }
            let mut opt = Optimizer::new(case.method, case.hyper, dim);
            let mut p = case.start.clone();
            let mut g = vec![0.0; dim];
            let mut t = 0;
            let what = |t: usize| format!("{} {:?} {:?}, step {t}", case.surface, case.method, case.hyper.schedule);
            for (step, expected) in &case.points {
                while t < *step {
                    s.gradient(&p, &mut g);
                    opt.step(&mut p, &g);
                    t += 1;
                }
                for i in 0..dim {
                    let (a, b) = (p[i], expected[i]);
                    let err = (a - b).abs() / a.abs().max(b.abs()).max(1e-2);
                    if err > worst.0 {
                        worst = (err, what(t));
                    }
                    let tol = if t <= 3 { 1e-14 } else { 1e-10 };
                    assert!(
                        (a - b).abs() <= tol * a.abs().max(b.abs()) + 1e-12,
                        "{}: ours {a}, optax {b} (parameter {i})",
                        what(t)
                    );
                }
            }
        }
        eprintln!("largest relative difference from optax on models.txt: {:.1e} ({})", worst.0, worst.1);
        for pca in &pcas {
            let mut session = descent_core::Session::from_query(&pca.scene).unwrap();
            for _ in 0..pca.steps {
                session.step(1);
            }
            assert_eq!(session.best_run(), pca.origin, "{}", pca.scene);
            let plane = session.landscape(Plane::Pca, None).unwrap();
            let ours = plane.explained.unwrap();
            for k in 0..2 {
                assert!(
                    (ours[k] - pca.explained[k]).abs() < 1e-9,
                    "{}: explained {ours:?}, numpy {:?}",
                    pca.scene,
                    pca.explained
                );
            }
            eprintln!("{}: explained variance {ours:?} (numpy {:?})", pca.scene, pca.explained);
        }
    }
}
