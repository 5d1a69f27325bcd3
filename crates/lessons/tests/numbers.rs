//! Every number a lesson quotes from its scene, checked against the scene.
//!
//! [`QUOTES`] ties each quoted number to its lesson and step: the quoted text must appear in that
//! step (body or explanation) in every language, and the check runs the step's own scene (the
//! preset in `lessons/<id>/en.md`, through `descent_core::Session` or the core functions the
//! step's views draw) and asserts what the text says. An edit of the text that changes or drops a
//! number, or an edit of the scene or the core that changes what the scene does, fails here and
//! names the step.

use descent_core::average::{beta_limit, bias, compound, decay, ewa_series, weights, window};
use descent_core::data::temperatures;
use descent_core::surfaces::{global_minimum, Ravine};
use descent_core::{Scene, Session};
use descent_lessons::{lesson, File, Lesson};
use std::path::Path;
use std::{fs, sync::OnceLock};

const LANGS: [&str; 2] = ["en", "ko"];

/// One quoted claim: where it is, the text it quotes (in every language), and its check, given
/// the step's scene string.
struct Quote {
    lesson: &'static str,
    step: usize,
    says: &'static [&'static str],
    check: fn(&str),
}

fn lessons() -> &'static Vec<Lesson> {
    static ALL: OnceLock<Vec<Lesson>> = OnceLock::new();
    ALL.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons");
        descent_core::scene::LESSONS
            .iter()
            .map(|id| {
                let files: Vec<File> = LANGS
                    .iter()
                    .map(|l| {
                        let path = root.join(id).join(format!("{l}.md"));
                        File::new(path.display().to_string(), fs::read_to_string(&path).unwrap())
                    })
                    .collect();
                lesson(id, &files).unwrap_or_else(|p| panic!("{p}"))
            })
            .collect()
    })
}

fn find(id: &str) -> &'static Lesson {
    lessons().iter().find(|l| l.id == id).unwrap_or_else(|| panic!("no lesson {id}"))
}

/// The step's text in `lang`: its body and its checkpoint's explanation.
fn text(id: &str, step: usize, lang: &str) -> String {
    let s = &find(id).text(lang).unwrap().steps[step - 1];
    format!("{}\n{}", s.body, s.check.as_ref().map_or("", |c| c.explain.as_str()))
}

/// `q` with the keys of `extra` set (replaced or added): the same scene with one thing changed.
fn with(q: &str, extra: &str) -> String {
    let mut pairs: Vec<(String, String)> =
        q.split('&').filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.into(), v.into())).collect();
    for (k, v) in extra.split('&').filter_map(|kv| kv.split_once('=')) {
        match pairs.iter_mut().find(|(pk, _)| pk == k) {
            Some(p) => p.1 = v.into(),
            None => pairs.push((k.into(), v.into())),
        }
    }
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

fn session(q: &str) -> Session {
    Session::from_query(q).unwrap_or_else(|e| panic!("{q}: {e}"))
}

fn scene(q: &str) -> Scene {
    Scene::parse(q).unwrap()
}

/// Asserts that `x`, rounded to `decimals` places, reads `want` as the text writes it (a value
/// exactly halfway, such as 2.275 for "2.28", reads either way).
fn reads(x: f64, decimals: usize, want: f64, what: &str) {
    let half = 0.5 * 10f64.powi(-(decimals as i32));
    assert!((x - want).abs() <= half * (1.0 + 1e-9), "{what}: {x} does not read {want:.decimals$}");
}

fn within(x: f64, lo: f64, hi: f64, what: &str) {
    assert!((lo..=hi).contains(&x), "{what}: {x} is not within {lo}..{hi}");
}

/// The cost of run `i` after each step, for `n` steps.
fn costs(q: &str, n: u32) -> Vec<Vec<f64>> {
    let mut s = session(q);
    let mut out = vec![Vec::new(); s.runs.len()];
    for _ in 0..n {
        s.step(1);
        for (i, c) in out.iter_mut().enumerate() {
            c.push(s.loss(i));
        }
    }
    out
}

/// The first step (from 1) whose cost is below `thr`.
fn first_below(c: &[f64], thr: f64) -> Option<usize> {
    c.iter().position(|&x| x < thr).map(|i| i + 1)
}

/// The step from which the cost stays below `thr` to the end of `c` (`None` if it ends above).
fn stays_below(c: &[f64], thr: f64) -> Option<usize> {
    match c.iter().rposition(|&x| x >= thr) {
        Some(i) if i + 1 == c.len() => None,
        Some(i) => Some(i + 2),
        None => Some(1),
    }
}

/// The secant's ratio ΔC/Δw at the scene's start with its `dw`, as the derivative lesson's readout shows it.
fn secant(q: &str) -> f64 {
    let s = session(q);
    let (w, dw) = (s.runs[0].params[0], s.scene().dw);
    (s.surface().value(&[w + dw]) - s.surface().value(&[w])) / dw
}

fn slope(q: &str) -> f64 {
    session(q).gradient(0)[0]
}

fn after_steps(q: &str, n: u32) -> Session {
    let mut s = session(q);
    s.step(n);
    s
}

/// The `line` surface's C″ = Σx²/m.
fn line_curvature(q: &str) -> f64 {
    let s = session(q);
    let d = s.surface().data().unwrap();
    d.x.iter().map(|x| x * x).sum::<f64>() / d.rows() as f64
}

/// Run `i`'s parameters after each of the first `n` steps.
fn path(q: &str, n: u32, i: usize) -> Vec<Vec<f64>> {
    let mut s = session(q);
    (0..n)
        .map(|_| {
            s.step(1);
            s.runs[i].params.clone()
        })
        .collect()
}

/// The gradients run `i` used in its first `n` steps.
fn grads(q: &str, n: u32, i: usize) -> Vec<Vec<f64>> {
    let mut s = session(q);
    s.step(n);
    s.runs[i].log.iter().map(|r| r.grad.clone()).collect()
}

/// True if component `k` of the gradients changes sign at every step.
fn flips(g: &[Vec<f64>], k: usize) -> bool {
    g.windows(2).all(|w| w[0][k] * w[1][k] < 0.0)
}

fn keeps_sign(g: &[Vec<f64>], k: usize) -> bool {
    g.windows(2).all(|w| w[0][k] * w[1][k] > 0.0)
}

/// The year of temperatures the scene's averages are drawn over.
fn year(q: &str) -> Vec<f64> {
    temperatures(scene(q).seed)
}

const QUOTES: &[Quote] = &[
    // 1. The cost.
    Quote {
        lesson: "cost",
        step: 3,
        says: &["1.23", "0.8"],
        check: |q| {
            let s = session(q);
            let c = |w: f64| s.surface().value(&[w]);
            reads(c(s.runs[0].params[0]), 2, 1.23, "C at the flat line w = 0");
            reads(c(1.6), 2, 1.23, "C at w = 1.6");
            let best = s.surface().minima()[0].at[0];
            reads(best, 3, 0.8, "the best slope");
            reads(1.6 - best, 3, best - 0.0, "both lines 0.8 away, on opposite sides");
        },
    },
    Quote {
        lesson: "cost",
        step: 4,
        says: &["2.4", "0.8"],
        check: |q| {
            let s = session(q);
            reads(s.runs[0].params[0], 1, 2.4, "the start");
            let m = &s.surface().minima()[0];
            reads(m.at[0], 2, 0.8, "the smallest C");
            assert!(m.value > 0.01, "the smallest C is not 0: {}", m.value);
        },
    },
    // 2. The derivative.
    Quote {
        lesson: "derivative", step: 1, says: &["6.45"], check: |q| reads(secant(q), 2, 6.45, "ΔC/Δw at Δw = 1")
    },
    Quote {
        lesson: "derivative",
        step: 2,
        says: &["6.45", "5.50", "4.74", "4.57", "4.55"],
        check: |q| {
            reads(secant(&with(q, "dw=1")), 2, 6.45, "Δw = 1");
            reads(secant(q), 2, 5.50, "Δw = 0.5 (this step)");
            reads(secant(&with(q, "dw=0.1")), 2, 4.74, "Δw = 0.1");
            reads(secant(&with(q, "dw=0.01")), 2, 4.57, "Δw = 0.01");
            reads(slope(q), 2, 4.55, "the tangent's slope");
        },
    },
    Quote { lesson: "derivative", step: 3, says: &["4.74"], check: |q| reads(secant(q), 2, 4.74, "Δw = 0.1") },
    Quote {
        lesson: "derivative",
        step: 4,
        says: &["4.57", "4.55"],
        check: |q| {
            reads(secant(q), 2, 4.57, "Δw = 0.01");
            reads(slope(q), 2, 4.55, "∂C/∂w at w = 2");
        },
    },
    Quote {
        lesson: "derivative",
        step: 5,
        says: &["−1.90", "1.9"],
        check: |q| reads(slope(q), 2, -1.90, "∂C/∂w at w = 0.3"),
    },
    // 3. The parabola.
    Quote {
        lesson: "parabola",
        step: 2,
        says: &["22.75", "18.2", "14.76", "0.8"],
        check: |q| {
            let s = session(q);
            let d = s.surface().data().unwrap();
            let sum = |f: &dyn Fn(f64, f64) -> f64| d.x.iter().zip(&d.y).map(|(&x, &y)| f(x, y)).sum::<f64>();
            let (sxx, sxy, syy) = (sum(&|x, _| x * x), sum(&|x, y| x * y), sum(&|_, y| y * y));
            reads(sxx, 2, 22.75, "Σx²");
            reads(sxy, 2, 18.2, "Σxy");
            reads(syy, 2, 14.76, "Σy²");
            reads(sxy / sxx, 6, 0.8, "w*");
            reads(s.surface().minima()[0].at[0], 6, 0.8, "the curve's bottom");
        },
    },
    Quote {
        lesson: "parabola",
        step: 3,
        says: &["+5.31", "5.3"],
        check: |q| reads(slope(q), 2, 5.31, "∂C/∂w at w = 2.2"),
    },
    Quote {
        lesson: "parabola",
        step: 4,
        says: &["−5.31", "3.79", "1.4"],
        check: |q| {
            reads(slope(q), 2, -5.31, "∂C/∂w at w = −0.6");
            reads(line_curvature(q), 2, 3.79, "C″");
            reads(0.8 - session(q).runs[0].params[0], 6, 1.4, "the distance to the bottom");
        },
    },
    Quote {
        lesson: "parabola",
        step: 5,
        says: &["0.8"],
        check: |q| assert!(slope(q).abs() < 1e-12, "flat at 0.8: {}", slope(q)),
    },
    // 4. The update rule.
    Quote {
        lesson: "update",
        step: 1,
        says: &["+6.07", "0.61", "1.79"],
        check: |q| {
            let g = slope(q);
            reads(g, 2, 6.07, "the slope at 2.4");
            reads(0.1 * g, 2, 0.61, "α·slope");
            reads(after_steps(q, 1).runs[0].params[0], 2, 1.79, "w after one step");
            let p = path(q, 8, 0);
            assert!(
                p.windows(2).all(|w| w[1][0] < w[0][0] && (w[0][0] - w[1][0]) > 0.0),
                "strides shrink downhill: {p:?}"
            );
        },
    },
    Quote {
        lesson: "update",
        step: 2,
        says: &["−5.31", "−0.53", "−0.07"],
        check: |q| {
            let g = slope(q);
            reads(g, 2, -5.31, "the slope at −0.6");
            reads(0.1 * g, 2, -0.53, "α·slope");
            reads(after_steps(q, 1).runs[0].params[0], 2, -0.07, "w after one step");
            reads(after_steps(q, 500).runs[0].params[0], 3, 0.8, "Play settles near 0.8");
        },
    },
    Quote {
        lesson: "update",
        step: 3,
        says: &["11%", "0.89", "20"],
        check: |q| {
            let k = line_curvature(q);
            let lr = scene(q).lr[0];
            reads(lr * k, 2, 0.11, "the share of the distance covered per step");
            reads(1.0 - lr * k, 2, 0.89, "the factor");
            within(after_steps(q, 20).runs[0].params[0] - 0.8, 0.1, 0.2, "still visibly right of 0.8 after 20 steps");
        },
    },
    Quote {
        lesson: "update",
        step: 4,
        says: &["0.01", "0.82"],
        check: |q| {
            reads(1.0 - scene(q).lr[0] * line_curvature(q), 2, 0.01, "the factor");
            reads(after_steps(q, 1).runs[0].params[0], 2, 0.82, "w after one step");
        },
    },
    Quote {
        lesson: "update",
        step: 5,
        says: &["1.71", "−0.71", "71%", "−0.33", "1.60", "0.24"],
        check: |q| {
            let ak = scene(q).lr[0] * line_curvature(q);
            reads(ak, 2, 1.71, "α·C″");
            reads(1.0 - ak, 2, -0.71, "the factor");
            let p: Vec<f64> = path(q, 3, 0).iter().map(|p| p[0]).collect();
            reads(p[0], 2, -0.33, "step 1");
            reads(p[1], 2, 1.60, "step 2");
            reads(p[2], 2, 0.24, "step 3");
            reads(after_steps(q, 200).runs[0].params[0], 6, 0.8, "it converges");
        },
    },
    Quote {
        lesson: "update",
        step: 6,
        says: &["2.28", "−1.28", "−1.24", "3.40", "0.53"],
        check: |q| {
            let k = line_curvature(q);
            let ak = scene(q).lr[0] * k;
            reads(ak, 2, 2.28, "α·C″");
            reads(1.0 - ak, 2, -1.28, "the factor");
            let p: Vec<f64> = path(q, 2, 0).iter().map(|p| p[0]).collect();
            reads(p[0], 2, -1.24, "step 1");
            reads(p[1], 2, 3.40, "step 2");
            assert!(after_steps(q, 1000).runs[0].diverged(), "the app stops the run");
            reads(2.0 / k, 2, 0.53, "the border");
        },
    },
    // 5. Local optima.
    Quote {
        lesson: "local-optima",
        step: 2,
        says: &["2.24", "−0.75"],
        check: |q| {
            let s = after_steps(q, 2000);
            reads(s.runs[0].params[0], 2, 2.24, "where the run from w = 4 stops");
            let global = global_minimum(s.surface()).unwrap();
            reads(global.at[0], 2, -0.75, "the deepest dip");
            assert!(s.gradient(0)[0].abs() < 1e-9, "it has stopped");
        },
    },
    Quote {
        lesson: "local-optima",
        step: 3,
        says: &[],
        check: |q| {
            let s = after_steps(q, 3000);
            let p = &s.runs[0].params;
            let ends = s.surface().minima().into_iter().find(|m| (m.at[0] - p[0]).hypot(m.at[1] - p[1]) < 1e-6);
            assert!(ends.is_some_and(|m| !m.global), "GD from this start settles in a local minimum: {p:?}");
        },
    },
    Quote {
        lesson: "local-optima",
        step: 5,
        says: &["1.6", "seed="],
        check: |q| {
            let mut s = session(q);
            let mut left = None;
            for t in 1..=300 {
                s.step(1);
                if left.is_none() && s.runs[1].params[0] < -0.5 {
                    left = Some(t);
                }
            }
            assert!(s.runs[0].params[0] > 0.5, "GD stays in the shallow dip: {:?}", s.runs[0].params);
            assert!(left.is_some(), "SGD reaches the deeper dip within a few hundred steps");
            // … which is much harder to climb back out of: most of a long run is spent there.
            let mut s = session(q);
            let there = (0..3000)
                .filter(|_| {
                    s.step(1);
                    s.runs[1].params[0] < 0.0
                })
                .count();
            assert!(there > 2400, "SGD spends {there} of 3000 steps in the deeper dip");
        },
    },
    Quote {
        lesson: "local-optima",
        step: 6,
        says: &["1.8", "0.001", "0.9", "1.1", "3.6", "0.1", "20", "55", "0.05"],
        check: |q| {
            let sc = scene(q);
            let (lr, start) = (sc.lr[0], sc.start.clone().unwrap());
            reads(1.0 - 2.0 * lr, 2, 0.9, "w's factor");
            reads(1.0 + 2.0 * lr, 2, 1.1, "b's factor");
            let s = session(q);
            reads(s.gradient(0).iter().map(|g| g * g).sum::<f64>().sqrt(), 2, 3.6, "the gradient at the start");
            assert_eq!(start, vec![1.8, 0.001]);
            let mut s = session(q);
            let (mut flat, mut smallest) = (Vec::new(), f64::INFINITY);
            for t in 1..=120 {
                s.step(1);
                smallest = smallest.min(s.gradient(0).iter().map(|g| g * g).sum::<f64>().sqrt());
                if s.loss(0).abs() < 0.05 {
                    flat.push(t);
                }
            }
            reads(smallest, 1, 0.1, "the smallest gradient on the way");
            within(flat[0] as f64, 18.0, 22.0, "the cost within 0.05 of 0 from about step 20");
            within(*flat.last().unwrap() as f64, 53.0, 58.0, "… to about step 55");
            assert_eq!(flat.len(), flat.last().unwrap() - flat[0] + 1, "in one stretch");
            assert!(s.loss(0) < -1000.0, "then it slides off downhill: {}", s.loss(0));
            assert!(after_steps(q, 1000).runs[0].diverged(), "the run leaves the map and is stopped");
            // Adam, with a stride of about α however small the gradient, is past the flat stretch far sooner.
            let c = costs(&with(q, "opt=gd,adam"), 200);
            let (gd, adam) = (first_below(&c[0], -1.0).unwrap(), first_below(&c[1], -1.0).unwrap());
            assert!(adam * 2 < gd, "Adam below −1 at step {adam}, GD at {gd}");
        },
    },
    // 6. Batch, mini-batch and SGD.
    Quote {
        lesson: "batch",
        step: 1,
        says: &["½"],
        check: |q| {
            // The boundary is where ŷ = σ(wx + b) = ½, at x = −b/w, between the classes at the minimum.
            let s = session(q);
            let m = global_minimum(s.surface()).unwrap();
            let x0 = -m.at[1] / m.at[0];
            let d = s.surface().data().unwrap();
            let mean = |label: f64| {
                let xs: Vec<f64> = d.x.iter().zip(&d.y).filter(|(_, &y)| y == label).map(|(&x, _)| x).collect();
                xs.iter().sum::<f64>() / xs.len() as f64
            };
            assert!(mean(0.0) < x0 && x0 < mean(1.0), "the boundary {x0} lies between dogs and cats");
            assert!(m.at[0] > 0.0);
        },
    },
    Quote {
        lesson: "batch",
        step: 3,
        says: &["8", "40"],
        check: |q| {
            let s = after_steps(q, 1);
            assert_eq!((s.surface().rows(), s.runs[0].last_rows.len()), (40, 8), "8 of the 40 rows");
            let t = after_steps(q, 2);
            assert_ne!(s.runs[0].last_rows, t.runs[0].last_rows, "a different group each step");
        },
    },
    Quote {
        lesson: "batch",
        step: 4,
        says: &["0.1", "0.3"],
        check: |q| {
            let s = after_steps(q, 1);
            assert_eq!((scene(q).lr[0], s.runs[0].last_rows.len()), (0.1, 1), "one row per step, α = 0.1");
            let before = session(q).runs[0].params.clone();
            let after = &s.runs[0].params;
            assert!(after[0] != before[0] && after[1] != before[1], "one photo moves w and b together");
        },
    },
    Quote {
        lesson: "batch",
        step: 5,
        says: &["2,000"],
        check: |q| {
            let mut s = session(q);
            assert_eq!(s.surface().rows(), 2000);
            s.step(1);
            assert_eq!((s.runs[0].examples_seen, s.runs[1].examples_seen), (2000, 1));
            s.step(1999);
            assert_eq!(s.runs[1].examples_seen, 2000, "SGD's 2,000 small steps");
            let gd_first = after_steps(q, 1).loss(0);
            assert!(s.loss(1) < gd_first, "per example seen, SGD's cost drops faster: {} vs {gd_first}", s.loss(1));
        },
    },
    Quote {
        lesson: "batch",
        step: 6,
        says: &[],
        check: |q| {
            let mut s = session(q);
            let min = global_minimum(s.surface()).unwrap().at;
            let off = |p: &[f64]| (p[0] - min[0]).hypot(p[1] - min[1]);
            s.step(2000);
            let mut far = [0.0f64; 3];
            for _ in 0..500 {
                s.step(1);
                for (i, f) in far.iter_mut().enumerate() {
                    *f = f.max(off(&s.runs[i].params));
                }
            }
            assert!(far[0] < 1e-6, "batch GD lands and stops: {}", far[0]);
            assert!(far[1] > 0.01 && far[2] > 0.01, "mini-batch and SGD keep hovering: {far:?}");
        },
    },
    // 7. Exponentially weighted averages.
    Quote {
        lesson: "ewa",
        step: 3,
        says: &["0.5", "0.9", "0.98", "2%"],
        check: |q| {
            let t = year(q);
            let wiggle = |b: f64| ewa_series(&t, b, false).windows(2).map(|w| (w[1] - w[0]).abs()).sum::<f64>();
            assert!(wiggle(0.98) < wiggle(0.9) && wiggle(0.9) < wiggle(0.5), "smoother as β grows");
            // Lag: the warmest day of each average comes later for a larger β.
            let peak = |b: f64| {
                let v = ewa_series(&t, b, true);
                (0..v.len()).max_by(|&i, &j| v[i].total_cmp(&v[j])).unwrap()
            };
            assert!(peak(0.98) > peak(0.9), "β = 0.98 lags: {} vs {}", peak(0.98), peak(0.9));
        },
    },
    Quote {
        lesson: "ewa",
        step: 4,
        says: &["10", "50", "0.37", "0.36", "36%"],
        check: |q| {
            let b = scene(q).beta;
            reads(window(0.9), 6, 10.0, "the marker for β = 0.9");
            reads(window(b), 6, 50.0, "the marker for β = 0.98");
            reads(beta_limit(b), 2, 0.36, "β^(1/(1−β))");
            reads((-1f64).exp(), 2, 0.37, "1/e");
            let w = weights(b, 5000);
            reads(
                100.0 * w[50..].iter().sum::<f64>() / w.iter().sum::<f64>(),
                0,
                36.0,
                "the weight from the marker on (%)",
            );
            reads(
                100.0 * w[51..].iter().sum::<f64>() / w.iter().sum::<f64>(),
                0,
                36.0,
                "the weight beyond the marker (%)",
            );
        },
    },
    // 8. e.
    Quote {
        lesson: "e-limit",
        step: 1,
        says: &["2.25", "2.44"],
        check: |q| {
            reads(compound(scene(q).n as f64), 2, 2.25, "n = 2");
            reads(compound(4.0), 2, 2.44, "n = 4");
        },
    },
    Quote {
        lesson: "e-limit",
        step: 2,
        says: &["2.613", "2.7146", "2.71828"],
        check: |q| {
            reads(compound(scene(q).n as f64), 3, 2.613, "n = 12");
            reads(compound(365.0), 4, 2.7146, "n = 365");
            // (as text: the literal would be an approximate constant)
            assert_eq!(format!("{:.5}", std::f64::consts::E), "2.71828", "e");
            assert!((1..=1000).all(|n| compound(n as f64) < std::f64::consts::E), "never passes e");
        },
    },
    Quote {
        lesson: "e-limit",
        step: 3,
        says: &["0.349", "0.366", "0.368"],
        check: |q| {
            reads(decay(10.0), 3, 0.349, "0.9¹⁰");
            reads(decay(scene(q).n as f64), 3, 0.366, "0.99¹⁰⁰");
            reads((-1f64).exp(), 3, 0.368, "1/e");
        },
    },
    Quote {
        lesson: "e-limit",
        step: 4,
        says: &["20", "0.358", "0.368", "0.250", "0.349", "0.364"],
        check: |_| {
            reads(window(0.95), 6, 20.0, "1/(1 − 0.95)");
            reads(beta_limit(0.95), 3, 0.358, "0.95²⁰");
            for (b, want) in [(0.5, 0.250), (0.9, 0.349), (0.98, 0.364), (0.999, 0.368)] {
                reads(beta_limit(b), 3, want, &format!("the table's β = {b}"));
            }
        },
    },
    Quote {
        lesson: "e-limit",
        step: 5,
        says: &["10", "50", "1,000"],
        check: |_| {
            reads(window(0.9), 6, 10.0, "β = 0.9");
            reads(window(0.98), 6, 50.0, "β = 0.98");
            reads(window(0.999), 6, 1000.0, "β = 0.999");
        },
    },
    // 9. Bias correction.
    Quote {
        lesson: "bias-correction",
        step: 1,
        says: &["3.7", "0.075", "3.5 °C", "5 °C"],
        check: |q| {
            let t = year(q);
            let sc = scene(q);
            let january = &t[..31];
            let inside = january.iter().filter(|&&x| (2.0..=7.0).contains(&x)).count();
            assert!(inside * 3 >= 31 * 2, "January mostly between 2 and 7 °C: {inside} of 31");
            reads(t[0], 1, 3.7, "the first reading");
            let v = ewa_series(&t, sc.beta, sc.bias);
            reads(v[0], 3, 0.075, "V₁");
            reads(v[59], 1, 3.5, "the average on day 60");
            reads(t[54..65].iter().sum::<f64>() / 11.0, 0, 5.0, "the days around day 60");
        },
    },
    Quote {
        lesson: "bias-correction",
        step: 2,
        says: &["0.02", "0.07499", "3.749"],
        check: |q| {
            let t = year(q);
            let b = scene(q).beta;
            reads(bias(b, 1), 6, 0.02, "1 − β¹");
            let v1 = ewa_series(&t, b, false)[0];
            reads(v1, 5, 0.07499, "V₁");
            reads(v1 / bias(b, 1), 3, 3.749, "V₁ / 0.02");
            reads(t[0], 3, 3.749, "the first reading");
            assert!((ewa_series(&t, b, true)[0] - t[0]).abs() < 1e-12, "the corrected line starts on the data");
        },
    },
    Quote {
        lesson: "bias-correction",
        step: 3,
        says: &["0.1", "0.65", "0.96", "0.995"],
        check: |q| {
            let b = scene(q).beta;
            reads(bias(b, 1), 2, 0.1, "day 1");
            reads(bias(b, 10), 2, 0.65, "day 10");
            reads(bias(b, 30), 2, 0.96, "day 30");
            reads(bias(b, 50), 3, 0.995, "day 50");
            let t = year(q);
            let (raw, fixed) = (ewa_series(&t, b, false), ewa_series(&t, b, true));
            let apart = |d: usize| (fixed[d] - raw[d]).abs();
            assert!(apart(2) > 1.0 && apart(40) < 0.1, "apart at first, the same after a few dozen days");
        },
    },
    Quote {
        lesson: "bias-correction",
        step: 4,
        says: &["0.095", "10%", "31%"],
        check: |q| {
            let b = scene(q).beta;
            reads(bias(b, 100), 3, 0.095, "1 − 0.999¹⁰⁰");
            reads(100.0 * bias(b, 365), 0, 31.0, "after 365 days (%)");
        },
    },
    // 10. Momentum.
    Quote {
        lesson: "momentum",
        step: 1,
        says: &["10", "2/10 = 0.2", "0.18"],
        check: |q| {
            let sc = scene(q);
            let (_, steep) = Ravine { kappa: sc.cond, angle_deg: sc.angle }.curvatures();
            reads(steep, 6, 10.0, "the curvature across the valley");
            assert!(sc.lr[0] < 2.0 / steep);
            assert!(flips(&grads(q, 20, 0), 1), "the path zigzags from wall to wall");
            assert!(after_steps(&with(q, "lr=0.21"), 500).runs[0].diverged(), "above 0.2 it diverges");
        },
    },
    Quote {
        lesson: "momentum",
        step: 2,
        says: &[],
        check: |q| {
            let g = grads(q, 10, 0);
            assert!(flips(&g, 1) && keeps_sign(&g, 0), "db flips every step, dW keeps its sign: {g:?}");
        },
    },
    Quote {
        lesson: "momentum",
        step: 4,
        says: &["0.001", "85", "190"],
        check: |q| {
            let c = costs(q, 2000);
            within(first_below(&c[0], 1e-3).unwrap() as f64, 185.0, 195.0, "GD below 0.001");
            within(stays_below(&c[1], 1e-3).unwrap() as f64, 80.0, 90.0, "momentum below 0.001 for good");
            assert!(first_below(&c[1], 1e-3).unwrap() < 85, "after a wobbly start");
        },
    },
    Quote {
        lesson: "momentum",
        step: 5,
        says: &[],
        check: |q| {
            let g = grads(q, 10, 0);
            assert!(flips(&g, 0) && keeps_sign(&g, 1), "in the turned valley dW flips: {g:?}");
        },
    },
    Quote {
        lesson: "momentum",
        step: 6,
        says: &[],
        check: |q| {
            let g = grads(q, 10, 0);
            assert!(flips(&g, 0) && flips(&g, 1), "at 45° both flip: {g:?}");
        },
    },
    // 11. RMSprop.
    Quote {
        lesson: "rmsprop",
        step: 2,
        says: &[],
        check: |q| {
            let s = after_steps(q, 5);
            let r = s.runs[0].optimizer.effective_rate();
            assert!(r[0] > r[1], "W's effective step is the larger: {r:?}");
        },
    },
    Quote {
        lesson: "rmsprop",
        step: 4,
        says: &["50", "20", "√2.5", "1.6", "2/5 = 0.4", "2/2 = 1", "0.36", "1.8", "0.9 × 2"],
        check: |q| {
            let sc = scene(q);
            let (gentle, steep) = Ravine { kappa: sc.cond, angle_deg: 0.0 }.curvatures();
            let (_, wide) = Ravine { kappa: 20.0, angle_deg: 0.0 }.curvatures();
            assert_eq!((sc.cond, gentle), (50.0, 0.1));
            reads(steep, 6, 5.0, "the steep curvature here");
            reads(wide, 6, 2.0, "… and in the wider valley");
            reads(steep / wide, 6, 2.5, "walls 2.5 times as steep");
            // The valley's width at a given cost falls as 1/√(steep curvature).
            reads((steep / wide).sqrt(), 1, 1.6, "narrower by √2.5");
            reads(2.0 / steep, 6, 0.4, "GD's limit");
            reads(sc.lr[0] * steep, 6, 1.8, "α·C″ here");
            reads(0.9 * wide, 6, 1.8, "α·C″ before");
            let c = costs(q, 400);
            let before = costs(&with(q, "cond=20&lr=0.9,0.08"), 400);
            within(first_below(&c[1], 0.01).unwrap() as f64, 18.0, 25.0, "RMSprop here: roughly 20 steps");
            within(first_below(&before[1], 0.01).unwrap() as f64, 18.0, 25.0, "RMSprop in the wider valley");
            within(first_below(&c[0], 0.01).unwrap() as f64, 55.0, 65.0, "GD now: about 60");
        },
    },
    Quote {
        lesson: "rmsprop",
        step: 5,
        says: &[],
        check: |q| {
            let c = costs(q, 400);
            assert!(first_below(&c[0], 0.01) < first_below(&c[1], 0.01), "here RMSprop is slower than GD");
        },
    },
    // 12. Adam.
    Quote {
        lesson: "adam",
        step: 2,
        says: &["−0.45", "10", "0.2", "−4.3", "0.8", "10%", "3%"],
        check: |q| {
            let g = session(q).gradient(0);
            reads(g[0], 2, -0.45, "dW");
            reads(g[1], 2, 10.0, "db");
            let p = &after_steps(q, 1).runs[0].params;
            reads(p[0], 6, -4.3, "W after one step");
            reads(p[1], 6, 0.8, "b after one step");
            let hyper = scene(q).hyper(0);
            reads(100.0 * (1.0 - hyper.beta1), 6, 10.0, "V without the correction (% of dW)");
            reads(100.0 * (1.0 - hyper.beta2).sqrt(), 0, 3.0, "√S without the correction (% of |dW|)");
            assert!((1.0 - hyper.beta1) / (1.0 - hyper.beta2).sqrt() > 3.0, "more than three times too big");
        },
    },
    Quote {
        lesson: "adam",
        step: 3,
        says: &["0.001", "33", "62", "64", "191", "74"],
        check: |q| {
            // Runs: gd, sgd, momentum, rmsprop, adam.
            let c = costs(q, 3000);
            let first: Vec<Option<usize>> = c.iter().map(|c| first_below(c, 1e-3)).collect();
            assert_eq!([first[0], first[2], first[3], first[4]], [Some(191), Some(62), Some(33), Some(64)]);
            assert_eq!(stays_below(&c[3], 1e-3), None, "RMSprop keeps hopping back above 0.001");
            assert_eq!(stays_below(&c[4], 1e-3), Some(74), "Adam stays below from step 74");
        },
    },
    Quote {
        lesson: "adam",
        step: 4,
        says: &["0.001", "65", "188", "256", "234"],
        check: |q| {
            let c = costs(q, 3000);
            let first: Vec<Option<usize>> = c.iter().map(|c| first_below(c, 1e-3)).collect();
            assert_eq!([first[2], first[0], first[4], first[3]], [Some(65), Some(188), Some(256), Some(234)]);
            assert_eq!(stays_below(&c[3], 1e-3), None, "RMSprop does not stay below 0.001");
        },
    },
    Quote {
        lesson: "adam",
        step: 6,
        says: &["0.2", "10", "150", "10⁻⁶", "1,330", "5,300"],
        check: |q| {
            for lr in [0.2, 0.6, 2.0, 10.0] {
                let c = &costs(&with(q, &format!("lr={lr}")), 6000)[0];
                let settled = first_below(c, 1e-6).unwrap();
                assert!(settled <= 150, "α = {lr} settles by step 150: {settled}");
                let out = c[settled..].iter().position(|&x| x > 1e-3).map(|i| settled + i + 1);
                match lr {
                    2.0 | 10.0 => within(out.unwrap() as f64, 1300.0, 1360.0, &format!("α = {lr} hops out")),
                    0.2 => within(out.unwrap() as f64, 5250.0, 5400.0, "α = 0.2 hops out"),
                    _ => assert!(out.is_some(), "α = {lr} hops out too"),
                }
            }
        },
    },
    // 13. Playground.
    Quote {
        lesson: "playground",
        step: 1,
        says: &["−1.57", "4.71"],
        check: |q| {
            let p = &after_steps(q, 3000).runs[0].params;
            reads(p[0], 6, 0.0, "w");
            reads(p[1], 2, -1.57, "b = −π/2");
            reads(1.5 * std::f64::consts::PI, 2, 4.71, "3π/2");
        },
    },
    Quote {
        lesson: "playground",
        step: 2,
        says: &["lr=0.01,0.01,0.1"],
        check: |q| {
            let s = after_steps(q, 5000);
            let p: Vec<&Vec<f64>> = s.runs.iter().map(|r| &r.params).collect();
            let apart = |a: &[f64], b: &[f64]| (a[0] - b[0]).hypot(a[1] - b[1]) > 1.0;
            assert!(
                apart(p[0], p[1]) && apart(p[0], p[2]) && !apart(p[1], p[2]),
                "GD ends apart from momentum and Adam: {p:?}"
            );
        },
    },
    // 14. A real model.
    Quote {
        lesson: "real-model",
        step: 1,
        says: &["342", "16"],
        check: |q| {
            let s = session(q);
            let d = s.surface().data().unwrap();
            assert_eq!((d.rows(), d.n), (342, 4), "342 penguins, four features");
            assert_eq!(s.surface().dim(), 5, "4 weights and a bias");
            assert_eq!(s.runs[0].batch(), Some(16), "16 rows a step");
            // Standardized: every column's mean is 0.
            for j in 0..4 {
                let mean = (0..d.rows()).map(|i| d.row(i)[j]).sum::<f64>() / d.rows() as f64;
                within(mean, -1e-9, 1e-9, "a standardized column's mean");
            }
        },
    },
    Quote {
        lesson: "real-model",
        step: 2,
        says: &["11", "342", "32", "95 %", "19"],
        check: |q| {
            let mut s = session(q);
            let rows = s.surface().rows();
            assert_eq!(rows, 342);
            // Steps per epoch: 1 (full batch), 11 (batches of 32), 342 (SGD).
            let per_epoch: Vec<u64> =
                s.runs.iter().map(|r| (1..).find(|&t| r.examples_after(t, rows) >= 342).unwrap()).collect();
            assert_eq!(per_epoch, [1, 11, 342]);
            // Counted in epochs, SGD reaches 95 % first (within half an epoch), the mini-batch run
            // within two epochs, full batch after 19.
            let mut first = [f64::INFINITY; 3];
            for _ in 0..3420 {
                s.step(1);
                for (i, f) in first.iter_mut().enumerate() {
                    if f.is_infinite() && s.accuracy(i).unwrap() >= 0.95 {
                        *f = s.runs[i].epochs(rows);
                    }
                }
            }
            assert!(first[2] < 0.5 && first[1] < 2.0, "epochs to 95 % right: {first:?}");
            reads(first[0], 0, 19.0, "full batch's epochs to 95 % right");
        },
    },
    Quote {
        lesson: "real-model",
        step: 3,
        says: &["33", "20", "440"],
        check: |q| {
            let s = session(q);
            assert_eq!(s.surface().dim(), 33, "2·8 + 8 + 8 + 1 parameters");
            let sc = s.scene();
            assert_eq!((sc.schedule.as_str(), sc.warmup, sc.horizon), ("cosine", 20, 440));
            assert_eq!(s.runs.len(), 5, "five optimizers race");
        },
    },
    Quote {
        lesson: "real-model",
        step: 5,
        says: &["33", "41 × 41"],
        check: |q| {
            let mut s = session(q);
            assert_eq!(s.surface().dim(), 33);
            assert_eq!(descent_core::landscape::GRID, 41);
            s.step(110);
            let l = s.landscape(descent_core::landscape::Plane::Pca, None).unwrap();
            let e = l.explained.unwrap();
            assert!(e[0] >= e[1] && e[0] + e[1] <= 1.0 + 1e-9, "explained variance: {e:?}");
        },
    },
    Quote {
        lesson: "real-model",
        step: 6,
        says: &["33"],
        check: |q| {
            use descent_core::landscape::Plane;
            let mut s = session(q);
            assert_eq!(s.surface().dim(), 5);
            s.step(110);
            let pca = s.landscape(Plane::Pca, None).unwrap().captured;
            let random = s.landscape(Plane::Random, None).unwrap().captured;
            assert!(random < pca, "the random plane holds less: {random} against {pca}");
            // The network's 33 parameters: its random plane holds much less still.
            let mut m = session(&with(q, "surface=mlp&lr=1,0.02&batch=32"));
            m.step(110);
            let net = m.landscape(Plane::Random, None).unwrap().captured;
            assert!(net < 0.5 * random, "the network's random plane: {net} against {random}");
            // Convex: the slice through the logistic regression's weights has no second hollow
            // along its axes (the cost along a line through θ* rises on both sides).
            let mut l = s.landscape(Plane::Random, None).unwrap();
            while l.work(s.surface(), 1681) {}
            let v = l.values();
            let g = descent_core::landscape::GRID;
            for j in 0..g {
                let row = &v[j * g..(j + 1) * g];
                let low = (0..g).min_by(|&a, &b| row[a].total_cmp(&row[b])).unwrap();
                assert!(row[..=low].windows(2).all(|w| w[0] >= w[1] - 1e-9), "row {j} falls to its lowest point");
                assert!(row[low..].windows(2).all(|w| w[0] <= w[1] + 1e-9), "row {j} rises after it");
            }
        },
    },
];

#[test]
fn every_quoted_number_is_in_its_step_and_is_what_its_scene_gives() {
    let mut problems = Vec::new();
    for q in QUOTES {
        let at = format!("{}/{}", q.lesson, q.step);
        let l = find(q.lesson);
        let Some(scene) = l.scenes.get(q.step - 1) else {
            problems.push(format!("{at}: no such step"));
            continue;
        };
        for lang in LANGS {
            let t = text(q.lesson, q.step, lang);
            for s in q.says {
                if !t.contains(s) {
                    problems.push(format!("{at} ({lang}): the text no longer says {s:?}"));
                }
            }
        }
        if let Err(e) = std::panic::catch_unwind(|| (q.check)(scene)) {
            let why = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
            problems.push(format!("{at}: the scene does not give what the text says: {}", why.unwrap_or_default()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The checks are not vacuous: a changed scene fails them.
#[test]
fn a_changed_scene_fails_its_quote() {
    let q = QUOTES.iter().find(|q| q.lesson == "update" && q.step == 5).unwrap();
    let scene = &find("update").scenes[4];
    assert!(std::panic::catch_unwind(|| (q.check)(&with(scene, "lr=0.44"))).is_err());
}
