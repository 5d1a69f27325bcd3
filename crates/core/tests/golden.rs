//! Trajectories of gd, momentum, rmsprop and adam against optax (float64), from the checked-in
//! `golden/golden.txt` (made by `golden/make_golden.py`; see its docstring for the mappings).
//! No Python is needed here.

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

fn parse(text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut current: Option<Case> = None;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let num = |s: &str| s.parse::<f64>().unwrap_or_else(|_| panic!("line {}: not a number: {s}", n + 1));
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
