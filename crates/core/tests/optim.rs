//! The first three steps of every optimizer, against values worked out by hand from the rules
//! in `optim.rs`.
//!
//! Each test feeds a fixed gradient sequence g₁, g₂, g₃ (chosen so that the square roots come
//! out rational) to coordinate 0, and −2·gₜ to coordinate 1. Rules linear in g (GD, momentum,
//! Nesterov) move coordinate 1 by −2 times coordinate 0's step; the adaptive rules (with ε = 0)
//! divide by √s, so coordinate 1 moves by exactly minus coordinate 0's step.
//! Hand values are exact fractions; the floating-point results may differ in the last bits
//! (e.g. 1 − 0.96 is not exactly 0.04), hence the 1e−14 tolerance.

use descent_core::optim::{Hyper, Method, Optimizer, Schedule};

const TOL: f64 = 1e-14;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL * (1.0 + b.abs())
}

/// Runs three steps from p = (1, −2) with gradients (gₜ, −2gₜ) and checks p after each step.
/// `linear`: coordinate 1 moves −2× coordinate 0's step (else −1×).
fn check(method: Method, hyper: Hyper, g: [f64; 3], expected: [f64; 3], linear: bool) -> Optimizer {
    let mut opt = Optimizer::new(method, hyper, 2);
    let mut p = [1.0, -2.0];
    for t in 0..3 {
        opt.step(&mut p, &[g[t], -2.0 * g[t]]);
        assert_eq!(opt.t, t as u64 + 1);
        assert!(close(p[0], expected[t]), "{method:?} step {}: p = {}, by hand {}", t + 1, p[0], expected[t]);
        let moved = expected[t] - 1.0;
        let other = -2.0 + if linear { -2.0 * moved } else { -moved };
        assert!(close(p[1], other), "{method:?} step {}: second coordinate {} vs {}", t + 1, p[1], other);
    }
    opt
}

#[test]
fn gd_and_sgd() {
    // p ← p − α·g with α = 0.1, g = 2, −1, 4:
    // p₁ = 1 − 0.1·2 = 0.8;  p₂ = 0.8 − 0.1·(−1) = 0.9;  p₃ = 0.9 − 0.1·4 = 0.5.
    let h = Hyper { lr: 0.1, ..Hyper::default() };
    for m in [Method::Gd, Method::Sgd] {
        let opt = check(m, h, [2.0, -1.0, 4.0], [0.8, 0.9, 0.5], true);
        // The last update is Δp of step 3: −0.4 (and +0.8 on coordinate 1).
        assert!(close(opt.last_update()[0], -0.4) && close(opt.last_update()[1], 0.8));
        assert_eq!(opt.effective_rate(), vec![0.1, 0.1]);
    }
}

#[test]
fn momentum() {
    // v ← β₁·v + (1−β₁)·g; p ← p − α·v with α = 0.1, β₁ = 0.5, g = 2, −1, 4:
    // v₁ = 0.5·0 + 0.5·2 = 1;        p₁ = 1 − 0.1·1 = 0.9
    // v₂ = 0.5·1 + 0.5·(−1) = 0;     p₂ = 0.9 − 0.1·0 = 0.9
    // v₃ = 0.5·0 + 0.5·4 = 2;        p₃ = 0.9 − 0.1·2 = 0.7
    let h = Hyper { lr: 0.1, beta1: 0.5, ..Hyper::default() };
    let opt = check(Method::Momentum, h, [2.0, -1.0, 4.0], [0.9, 0.9, 0.7], true);
    assert!(close(opt.v[0], 2.0) && close(opt.v[1], -4.0));
    assert!(opt.has_velocity() && !opt.has_squares());
}

#[test]
fn nesterov() {
    // v ← β₁·v + (1−β₁)·g; p ← p − α·(β₁·v + (1−β₁)·g) with α = 0.1, β₁ = 0.5, g = 2, −1, 4:
    // v₁ = 1;  step 0.5·1 + 0.5·2 = 1.5;      p₁ = 1 − 0.15 = 0.85
    // v₂ = 0;  step 0.5·0 + 0.5·(−1) = −0.5;  p₂ = 0.85 + 0.05 = 0.9
    // v₃ = 2;  step 0.5·2 + 0.5·4 = 3;        p₃ = 0.9 − 0.3 = 0.6
    let h = Hyper { lr: 0.1, beta1: 0.5, ..Hyper::default() };
    let opt = check(Method::Nesterov, h, [2.0, -1.0, 4.0], [0.85, 0.9, 0.6], true);
    assert!(close(opt.v[0], 2.0));
}

#[test]
fn adagrad() {
    // s ← s + g²; p ← p − α·g/(√s + ε) with α = 0.1, ε = 0, g = 3, 4, 12:
    // s₁ = 9,   √s = 3;   p₁ = 1 − 0.1·3/3 = 0.9
    // s₂ = 25,  √s = 5;   p₂ = 0.9 − 0.1·4/5 = 0.82
    // s₃ = 169, √s = 13;  p₃ = 0.82 − 0.1·12/13 = 0.82 − 0.12/1.3 = 9.46/13 = 0.727692307692…
    let h = Hyper { lr: 0.1, eps: 0.0, ..Hyper::default() };
    let opt = check(Method::AdaGrad, h, [3.0, 4.0, 12.0], [0.9, 0.82, 9.46 / 13.0], false);
    // s on coordinate 1 sums (−2g)² = 4·169; the next step's rate is α/√s.
    assert!(close(opt.s[0], 169.0) && close(opt.s[1], 676.0));
    let r = opt.effective_rate();
    assert!(close(r[0], 0.1 / 13.0) && close(r[1], 0.1 / 26.0));
}

#[test]
fn rmsprop() {
    // s ← β₂·s + (1−β₂)·g²; p ← p − α·g/(√s + ε) with α = 0.1, β₂ = 0.96, ε = 0, g = 5, 5, 1.4:
    // s₁ = 0.04·25 = 1,                      √s = 1;    p₁ = 1 − 0.1·5/1 = 0.5
    // s₂ = 0.96·1 + 0.04·25 = 1.96,          √s = 1.4;  p₂ = 0.5 − 0.1·5/1.4 = 0.5 − 5/14 = 1/7
    // s₃ = 0.96·1.96 + 0.04·1.96 = 1.96,     √s = 1.4;  p₃ = 1/7 − 0.1·1.4/1.4 = 1/7 − 1/10 = 3/70
    let h = Hyper { lr: 0.1, beta2: 0.96, eps: 0.0, ..Hyper::default() };
    let opt = check(Method::RmsProp, h, [5.0, 5.0, 1.4], [0.5, 1.0 / 7.0, 3.0 / 70.0], false);
    assert!(close(opt.s[0], 1.96) && close(opt.s[1], 4.0 * 1.96));
    assert!(opt.has_squares() && !opt.has_velocity());
}

#[test]
fn adam() {
    // m ← β₁·m + (1−β₁)·g; s ← β₂·s + (1−β₂)·g²; m̂ = m/(1−β₁ᵗ); ŝ = s/(1−β₂ᵗ); p ← p − α·m̂/(√ŝ + ε)
    // with α = 0.1, β₁ = β₂ = 0.75, ε = 0, g = 1, 2.5, 2.
    // t = 1: m = 0.25, s = 0.25;                 1 − 0.75 = 0.25:       m̂ = 1, ŝ = 1
    //        p₁ = 1 − 0.1·1/1 = 0.9
    // t = 2: m = 0.1875 + 0.625 = 0.8125;         1 − 0.75² = 0.4375:    m̂ = 13/7
    //        s = 0.1875 + 0.25·6.25 = 1.75;                              ŝ = 4, √ŝ = 2
    //        p₂ = 0.9 − 0.1·(13/7)/2 = 0.9 − 13/140
    // t = 3: m = 0.609375 + 0.5 = 1.109375;      1 − 0.75³ = 0.578125:  m̂ = 71/37
    //        s = 1.3125 + 0.25·4 = 2.3125;                               ŝ = 4, √ŝ = 2
    //        p₃ = p₂ − 0.1·(71/37)/2 = 0.9 − 13/140 − 71/740 = 921/1295
    let h = Hyper { lr: 0.1, beta1: 0.75, beta2: 0.75, eps: 0.0, ..Hyper::default() };
    let opt = check(Method::Adam, h, [1.0, 2.5, 2.0], [0.9, 0.9 - 13.0 / 140.0, 921.0 / 1295.0], false);
    assert!(close(opt.v[0], 1.109375) && close(opt.s[0], 2.3125));
    // The next step's rate α/(√ŝ + ε) uses ŝ = s/(1 − β₂ᵗ) = 4: 0.1/2.
    assert!(close(opt.effective_rate()[0], 0.05));
}

#[test]
fn adamw() {
    // Adam's m̂/(√ŝ + ε) plus the decoupled decay λ·p, all times α: p ← p − α·(m̂/(√ŝ + ε) + λ·p),
    // with α = 0.1, β₁ = β₂ = 0.75, ε = 0, λ = 0.5, g = 1, 2.5, 2 from p = 1 (m̂, √ŝ as in `adam`):
    // t = 1: p₁ = 1 − 0.1·(1/1 + 0.5·1) = 0.85
    // t = 2: p₂ = 0.85 − 0.1·((13/7)/2 + 0.5·0.85) = 0.8075 − 13/140 = 2001/2800
    // t = 3: p₃ = p₂ − 0.1·((71/37)/2 + 0.5·p₂) = 0.95·p₂ − 71/740 = 1207903/2072000
    let h = Hyper { lr: 0.1, beta1: 0.75, beta2: 0.75, eps: 0.0, wd: 0.5, ..Hyper::default() };
    let mut opt = Optimizer::new(Method::AdamW, h, 1);
    let mut p = [1.0];
    for (g, expected) in [(1.0, 0.85), (2.5, 2001.0 / 2800.0), (2.0, 1207903.0 / 2072000.0)] {
        opt.step(&mut p, &[g]);
        assert!(close(p[0], expected), "step {}: {} vs {expected}", opt.t, p[0]);
    }
    // Without a gradient the weights only decay, by 1 − αλ a step.
    let mut opt = Optimizer::new(Method::AdamW, Hyper { lr: 0.1, wd: 0.5, ..Hyper::default() }, 1);
    let mut p = [1.0];
    for t in 1..=3 {
        opt.step(&mut p, &[0.0]);
        assert!(close(p[0], 0.95f64.powi(t)), "{}", p[0]);
    }
    // With λ = 0, AdamW is Adam to the bit.
    let h = Hyper { lr: 0.05, wd: 0.0, ..Hyper::default() };
    let (mut a, mut w) = (Optimizer::new(Method::Adam, h, 2), Optimizer::new(Method::AdamW, h, 2));
    let (mut pa, mut pw) = ([0.3, -1.2], [0.3, -1.2]);
    for k in 0..50 {
        let g = [(k as f64).sin(), 0.5 - (k as f64 * 0.7).cos()];
        a.step(&mut pa, &g);
        w.step(&mut pw, &g);
    }
    assert_eq!(pa, pw);
    assert_eq!(a.effective_rate(), w.effective_rate());
}

#[test]
fn schedules_scale_the_rate_step_by_step() {
    // Step t uses α·f(t − 1). Step decay with k = 2, γ = 0.5: f = 1, 1, 0.5, 0.5, 0.25, 0.25.
    let step = Schedule::Step { every: 2, drop: 0.5 };
    assert_eq!((0..6).map(|c| step.factor(c)).collect::<Vec<_>>(), [1.0, 1.0, 0.5, 0.5, 0.25, 0.25]);
    // Warm-up over W = 2 steps, then cosine to φ = 0.2 at D = 6:
    // f = 0, 1/2, then 0.2 + 0.8·½(1 + cos(π·k/4)) for k = 0…4, then 0.2 for ever.
    let cosine = Schedule::Cosine { warmup: 2, horizon: 6, floor: 0.2 };
    let r = std::f64::consts::FRAC_1_SQRT_2;
    let expected = [0.0, 0.5, 1.0, 0.2 + 0.4 * (1.0 + r), 0.6, 0.2 + 0.4 * (1.0 - r), 0.2, 0.2];
    for (c, e) in expected.iter().enumerate() {
        assert!(close(cosine.factor(c as u64), *e), "cosine f({c}) = {} vs {e}", cosine.factor(c as u64));
    }
    assert!(close(cosine.factor(1_000_000), 0.2));
    // No warm-up: the first step has the full rate.
    assert_eq!(Schedule::Cosine { warmup: 0, horizon: 10, floor: 0.0 }.factor(0), 1.0);
    assert_eq!(Schedule::Constant.factor(123), 1.0);

    // GD with g = 1 from 0 under step decay: the rates 0.1, 0.1, 0.05, 0.05, 0.025 take p to
    // −0.1, −0.2, −0.25, −0.3, −0.325. `rate()` is the next step's.
    let h = Hyper { lr: 0.1, schedule: step, ..Hyper::default() };
    let mut opt = Optimizer::new(Method::Gd, h, 1);
    let mut p = [0.0];
    for (rate, expected) in [(0.1, -0.1), (0.1, -0.2), (0.05, -0.25), (0.05, -0.3), (0.025, -0.325)] {
        assert!(close(opt.rate(), rate) && close(opt.effective_rate()[0], rate), "{}", opt.rate());
        opt.step(&mut p, &[1.0]);
        assert!(close(p[0], expected), "{}", p[0]);
    }
    // The warm-up's first step does not move; the rate shown is the next step's.
    let h = Hyper { lr: 0.4, schedule: cosine, ..Hyper::default() };
    for m in Method::ALL {
        let mut opt = Optimizer::new(m, h, 1);
        let mut p = [1.0];
        assert_eq!(opt.rate(), 0.0);
        opt.step(&mut p, &[2.0]);
        assert_eq!(p[0], 1.0, "{m:?}");
        assert!(close(opt.rate(), 0.2), "{m:?}");
        opt.step(&mut p, &[2.0]);
        assert!(p[0] < 1.0, "{m:?}");
    }
}

#[test]
fn epsilon_is_added_to_the_root() {
    // ε sits outside the square root: with ε = 1 and g = 3 the first step is
    // AdaGrad / RMSprop (β₂ = 0): −α·3/(√9 + 1) = −0.075;  Adam: m̂ = 3, ŝ = 9: −α·3/(3 + 1) = −0.075.
    for (m, beta2) in [(Method::AdaGrad, 0.5), (Method::RmsProp, 0.0), (Method::Adam, 0.5)] {
        let mut opt = Optimizer::new(m, Hyper { lr: 0.1, beta1: 0.5, beta2, eps: 1.0, ..Hyper::default() }, 1);
        let mut p = [0.0];
        opt.step(&mut p, &[3.0]);
        assert!(close(p[0], -0.075), "{m:?}: {}", p[0]);
    }
}

#[test]
fn reset_clears_every_buffer() {
    let mut opt = Optimizer::new(Method::Adam, Hyper::default(), 2);
    let mut p = [1.0, 1.0];
    opt.step(&mut p, &[1.0, -1.0]);
    opt.reset();
    assert_eq!(opt, Optimizer::new(Method::Adam, Hyper::default(), 2));
}

/// The third step's numbers of coordinate 0 (`Optimizer::last`), each against the hand values of
/// the tests above: what the page's "update in numbers" substitutes into each rule.
#[test]
fn the_last_steps_numbers_are_the_rules_own() {
    use descent_core::optim::Terms;
    let third = |m: Method, h: Hyper, g: [f64; 3]| {
        let mut opt = Optimizer::new(m, h, 2);
        let mut p = [1.0, -2.0];
        for gt in g {
            opt.step(&mut p, &[gt, -2.0 * gt]);
        }
        assert_eq!(opt.last[0].p_new, p[0], "{m:?}: p_new is the parameter now");
        assert_eq!(opt.last[0].delta, opt.last_update()[0]);
        opt.last[0]
    };
    let same = |what: &str, got: Terms, want: Terms| {
        let pairs = [
            ("lr", got.lr, want.lr),
            ("p", got.p, want.p),
            ("g", got.g, want.g),
            ("v_prev", got.v_prev, want.v_prev),
            ("v", got.v, want.v),
            ("s_prev", got.s_prev, want.s_prev),
            ("s", got.s, want.s),
            ("c1", got.c1, want.c1),
            ("c2", got.c2, want.c2),
            ("v_hat", got.v_hat, want.v_hat),
            ("s_hat", got.s_hat, want.s_hat),
            ("look", got.look, want.look),
            ("decay", got.decay, want.decay),
            ("denom", got.denom, want.denom),
            ("delta", got.delta, want.delta),
            ("p_new", got.p_new, want.p_new),
        ];
        for (name, a, b) in pairs {
            assert!(close(a, b), "{what}: {name} = {a}, by hand {b}");
        }
    };
    let base = Terms { lr: 0.1, c1: 1.0, c2: 1.0, denom: 1.0, ..Terms::default() };
    // GD, step 3: p = 0.9, g = 4, Δp = −0.4.
    let h = Hyper { lr: 0.1, ..Hyper::default() };
    let want = Terms { p: 0.9, g: 4.0, delta: -0.4, p_new: 0.5, ..base };
    same("GD", third(Method::Gd, h, [2.0, -1.0, 4.0]), want);
    same("SGD", third(Method::Sgd, h, [2.0, -1.0, 4.0]), want);
    // Momentum, step 3: v = 0.5·0 + 0.5·4 = 2, p = 0.9 − 0.1·2.
    let h = Hyper { lr: 0.1, beta1: 0.5, ..Hyper::default() };
    let want = Terms { p: 0.9, g: 4.0, v_prev: 0.0, v: 2.0, delta: -0.2, p_new: 0.7, ..base };
    same("momentum", third(Method::Momentum, h, [2.0, -1.0, 4.0]), want);
    // Nesterov, step 3: v = 2, look-ahead 0.5·2 + 0.5·4 = 3, p = 0.9 − 0.1·3.
    let want = Terms { p: 0.9, g: 4.0, v: 2.0, look: 3.0, delta: -0.3, p_new: 0.6, ..base };
    same("Nesterov", third(Method::Nesterov, h, [2.0, -1.0, 4.0]), want);
    // AdaGrad, step 3: s = 25 + 144 = 169, √s + ε = 13, p = 0.82 − 0.1·12/13.
    let h = Hyper { lr: 0.1, eps: 0.0, ..Hyper::default() };
    let d = -0.12 / 1.3;
    let want = Terms { p: 0.82, g: 12.0, s_prev: 25.0, s: 169.0, denom: 13.0, delta: d, p_new: 0.82 + d, ..base };
    same("AdaGrad", third(Method::AdaGrad, h, [3.0, 4.0, 12.0]), want);
    // RMSprop, step 3: s = 0.96·1.96 + 0.04·1.96 = 1.96, √s = 1.4, p = 1/7 − 0.1·1.4/1.4.
    let h = Hyper { lr: 0.1, beta2: 0.96, eps: 0.0, ..Hyper::default() };
    let want =
        Terms { p: 1.0 / 7.0, g: 1.4, s_prev: 1.96, s: 1.96, denom: 1.4, delta: -0.1, p_new: 3.0 / 70.0, ..base };
    same("RMSprop", third(Method::RmsProp, h, [5.0, 5.0, 1.4]), want);
    // Adam, step 3: m = 0.75·0.8125 + 0.25·2, s = 0.75·1.75 + 0.25·4, 1 − 0.75³ = 0.578125,
    // m̂ = 71/37, ŝ = 4, √ŝ + ε = 2.
    let h = Hyper { lr: 0.1, beta1: 0.75, beta2: 0.75, eps: 0.0, ..Hyper::default() };
    let (p2, d) = (0.9 - 13.0 / 140.0, -0.1 * (71.0 / 37.0) / 2.0);
    let want = Terms {
        p: p2,
        g: 2.0,
        v_prev: 0.8125,
        v: 1.109375,
        s_prev: 1.75,
        s: 2.3125,
        c1: 0.578125,
        c2: 0.578125,
        v_hat: 71.0 / 37.0,
        s_hat: 4.0,
        denom: 2.0,
        delta: d,
        p_new: 921.0 / 1295.0,
        ..base
    };
    same("Adam", third(Method::Adam, h, [1.0, 2.5, 2.0]), want);
    // GD under step decay halving α every step, step 3: α₃ = 0.1·0.5² = 0.025, p = 0.8 + 0.05 = 0.85.
    let h = Hyper { lr: 0.1, schedule: Schedule::Step { every: 1, drop: 0.5 }, ..Hyper::default() };
    let want = Terms { lr: 0.025, p: 0.85, g: 4.0, delta: -0.1, p_new: 0.75, ..base };
    same("GD, step decay", third(Method::Gd, h, [2.0, -1.0, 4.0]), want);
    // AdamW, step 1 from p = 1 with g = 1, λ = 0.5: m̂ = ŝ = 1, decay λ·p = 0.5, Δp = −0.1·(1 + 0.5).
    let h = Hyper { lr: 0.1, beta1: 0.75, beta2: 0.75, eps: 0.0, wd: 0.5, ..Hyper::default() };
    let mut opt = Optimizer::new(Method::AdamW, h, 1);
    let mut p = [1.0];
    opt.step(&mut p, &[1.0]);
    let got = opt.last[0];
    assert!(close(got.decay, 0.5) && close(got.delta, -0.15) && close(got.p_new, 0.85) && got.p_new == p[0], "{got:?}");
    let want = Terms {
        p: 1.0,
        g: 1.0,
        v: 0.25,
        s: 0.25,
        c1: 0.25,
        c2: 0.25,
        v_hat: 1.0,
        s_hat: 1.0,
        delta: -0.15,
        p_new: 0.85,
        decay: 0.5,
        ..base
    };
    same("AdamW", got, want);
}
