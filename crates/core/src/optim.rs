//! Optimizers. `t` counts steps from 1; every buffer starts at 0.
//!
//! Each optimizer turns a gradient g into an update of the parameters p, and
//! keeps its buffers readable (for velocity arrows and per-parameter step sizes).

use std::fmt;

/// Hyper-parameters shared by all optimizers (each uses the ones it needs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hyper {
    /// Learning rate α.
    pub lr: f64,
    /// β₁, the momentum / first-moment decay.
    pub beta1: f64,
    /// β₂, the squared-gradient decay.
    pub beta2: f64,
    /// ε, added to √s so the division is safe.
    pub eps: f64,
}

impl Default for Hyper {
    /// The scene's defaults (`crate::scene::KEYS`).
    fn default() -> Self {
        crate::scene::Scene::default().hyper(0)
    }
}

/// Which update rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// p ← p − α·g
    Gd,
    /// Plain gradient descent on a stochastic gradient: one example per step on a
    /// data cost, or the exact gradient plus seeded noise on an analytic surface.
    Sgd,
    /// v ← β₁·v + (1−β₁)·g; p ← p − α·v
    Momentum,
    /// v ← β₁·v + (1−β₁)·g; p ← p − α·(β₁·v + (1−β₁)·g)  (look-ahead momentum)
    Nesterov,
    /// s ← s + g²; p ← p − α·g/(√s + ε)
    AdaGrad,
    /// s ← β₂·s + (1−β₂)·g²; p ← p − α·g/(√s + ε)
    RmsProp,
    /// m ← β₁·m + (1−β₁)·g; s ← β₂·s + (1−β₂)·g²; m̂ = m/(1−β₁ᵗ); ŝ = s/(1−β₂ᵗ);
    /// p ← p − α·m̂/(√ŝ + ε)
    Adam,
}

impl Method {
    pub const ALL: [Method; 7] =
        [Method::Gd, Method::Sgd, Method::Momentum, Method::Nesterov, Method::AdaGrad, Method::RmsProp, Method::Adam];
    /// The scene name (`opt=` value).
    pub const fn key(self) -> &'static str {
        match self {
            Method::Gd => "gd",
            Method::Sgd => "sgd",
            Method::Momentum => "momentum",
            Method::Nesterov => "nesterov",
            Method::AdaGrad => "adagrad",
            Method::RmsProp => "rmsprop",
            Method::Adam => "adam",
        }
    }
    /// The id of its name in the page's strings (`web/i18n.js`, translated there).
    pub const fn label_id(self) -> &'static str {
        match self {
            Method::Gd => "optName.gd",
            Method::Sgd => "optName.sgd",
            Method::Momentum => "optName.momentum",
            Method::Nesterov => "optName.nesterov",
            Method::AdaGrad => "optName.adagrad",
            Method::RmsProp => "optName.rmsprop",
            Method::Adam => "optName.adam",
        }
    }
    /// The name shown to learners on the canvases.
    pub fn label(self) -> &'static str {
        match self {
            Method::Gd => "GD",
            Method::Sgd => "SGD",
            Method::Momentum => "Momentum",
            Method::Nesterov => "Nesterov",
            Method::AdaGrad => "AdaGrad",
            Method::RmsProp => "RMSprop",
            Method::Adam => "Adam",
        }
    }
    pub fn from_key(s: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.key() == s)
    }
    /// True if the run uses a stochastic gradient.
    pub fn stochastic(self) -> bool {
        self == Method::Sgd
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// An optimizer's state: the rule, its hyper-parameters and its buffers.
#[derive(Clone, Debug, PartialEq)]
pub struct Optimizer {
    pub method: Method,
    pub hyper: Hyper,
    /// Steps taken, t.
    pub t: u64,
    /// First-moment buffer: velocity v (momentum, Nesterov) or m (Adam). Zero otherwise.
    pub v: Vec<f64>,
    /// Second-moment buffer: s (RMSprop, Adam) or the running sum of g² (AdaGrad).
    pub s: Vec<f64>,
    /// The last step's numbers, one [`Terms`] per coordinate (all 0 before the first step).
    pub last: Vec<Terms>,
}

/// One coordinate's numbers in one step, as the rule computed them: what the page's "update in
/// numbers" typesets (each rule's line substitutes the ones it uses). A buffer the rule does not
/// keep stays 0; a factor it does not use is 1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Terms {
    /// The learning rate α the step used.
    pub lr: f64,
    /// The parameter before the step, p.
    pub p: f64,
    /// The gradient the step used, g (a mini-batch's, or with SGD's noise).
    pub g: f64,
    /// The first-moment buffer before and after the step: velocity v (momentum, Nesterov) or m (Adam).
    pub v_prev: f64,
    pub v: f64,
    /// The second-moment buffer before and after: s (RMSprop, Adam) or AdaGrad's running sum of g².
    pub s_prev: f64,
    pub s: f64,
    /// Adam's bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ, and the corrected m̂ = m/(1 − β₁ᵗ), ŝ = s/(1 − β₂ᵗ).
    pub c1: f64,
    pub c2: f64,
    pub v_hat: f64,
    pub s_hat: f64,
    /// Nesterov's look-ahead β₁·v + (1 − β₁)·g, the direction its step takes.
    pub look: f64,
    /// The divisor √s + ε (AdaGrad, RMSprop) or √ŝ + ε (Adam); 1 for the other rules.
    pub denom: f64,
    /// The update Δp.
    pub delta: f64,
    /// The parameter after the step, p + Δp.
    pub p_new: f64,
}

impl Terms {
    /// The numbers, each finite (a step whose numbers are not is a blow-up, never shown).
    pub fn finite(&self) -> bool {
        [self.p, self.g, self.v, self.s, self.v_hat, self.s_hat, self.look, self.denom, self.delta, self.p_new]
            .iter()
            .all(|x| x.is_finite())
    }
}

/// One coordinate's step by `method`: from its value `p`, gradient `g` and buffers `v`, `s` before
/// the step, with Adam's bias corrections `c` = (1 − β₁ᵗ, 1 − β₂ᵗ) (1 for the other rules), every
/// number of the rule ([`Terms`]); the formulas are those of [`Method`].
#[inline(always)]
pub fn coordinate_step(method: Method, h: &Hyper, c: (f64, f64), p: f64, g: f64, v: f64, s: f64) -> Terms {
    let Hyper { lr, beta1: b1, beta2: b2, eps } = *h;
    let mut k = Terms { lr, p, g, v_prev: v, s_prev: s, c1: c.0, c2: c.1, denom: 1.0, ..Terms::default() };
    k.delta = match method {
        Method::Gd | Method::Sgd => -lr * g,
        Method::Momentum => {
            k.v = b1 * v + (1.0 - b1) * g;
            -lr * k.v
        }
        Method::Nesterov => {
            k.v = b1 * v + (1.0 - b1) * g;
            k.look = b1 * k.v + (1.0 - b1) * g;
            -lr * k.look
        }
        Method::AdaGrad => {
            k.s = s + g * g;
            k.denom = k.s.sqrt() + eps;
            -lr * g / k.denom
        }
        Method::RmsProp => {
            k.s = b2 * s + (1.0 - b2) * g * g;
            k.denom = k.s.sqrt() + eps;
            -lr * g / k.denom
        }
        Method::Adam => {
            k.v = b1 * v + (1.0 - b1) * g;
            k.s = b2 * s + (1.0 - b2) * g * g;
            k.v_hat = k.v / c.0;
            k.s_hat = k.s / c.1;
            k.denom = k.s_hat.sqrt() + eps;
            -lr * k.v_hat / k.denom
        }
    };
    k.p_new = p + k.delta;
    k
}

impl Optimizer {
    pub fn new(method: Method, hyper: Hyper, dim: usize) -> Self {
        Optimizer { method, hyper, t: 0, v: vec![0.0; dim], s: vec![0.0; dim], last: vec![Terms::default(); dim] }
    }

    /// Zero every buffer and t.
    pub fn reset(&mut self) {
        self.t = 0;
        self.v.iter_mut().for_each(|x| *x = 0.0);
        self.s.iter_mut().for_each(|x| *x = 0.0);
        self.last.iter_mut().for_each(|x| *x = Terms::default());
    }

    /// One step: updates the buffers from gradient `g` and moves `p` ([`coordinate_step`] for
    /// each coordinate), keeping the step's numbers in [`Optimizer::last`].
    pub fn step(&mut self, p: &mut [f64], g: &[f64]) {
        self.t += 1;
        let Hyper { beta1: b1, beta2: b2, .. } = self.hyper;
        let t = self.t as f64;
        // Bias-correction denominators, only Adam's: 1 − βᵗ, accurate for β near 1.
        let c =
            if self.method == Method::Adam { (-(b1.ln() * t).exp_m1(), -(b2.ln() * t).exp_m1()) } else { (1.0, 1.0) };
        for i in 0..p.len() {
            let k = coordinate_step(self.method, &self.hyper, c, p[i], g[i], self.v[i], self.s[i]);
            self.v[i] = k.v;
            self.s[i] = k.s;
            p[i] = k.p_new;
            self.last[i] = k;
        }
    }

    /// The last update applied, Δp per coordinate (so p_new = p_old + Δp).
    pub fn last_update(&self) -> Vec<f64> {
        self.last.iter().map(|k| k.delta).collect()
    }

    /// The effective per-parameter step size: the factor that multiplies the
    /// (averaged) gradient in the next update. α for GD and momentum;
    /// α/(√s + ε) for AdaGrad and RMSprop; α/(√ŝ + ε) for Adam.
    pub fn effective_rate(&self) -> Vec<f64> {
        let Hyper { lr, beta2, eps, .. } = self.hyper;
        match self.method {
            Method::AdaGrad | Method::RmsProp => self.s.iter().map(|s| lr / (s.sqrt() + eps)).collect(),
            Method::Adam => {
                let c2 = if self.t == 0 { 1.0 } else { -(beta2.ln() * self.t as f64).exp_m1() };
                self.s.iter().map(|s| lr / ((s / c2).sqrt() + eps)).collect()
            }
            _ => vec![lr; self.s.len()],
        }
    }

    /// True if this rule keeps a velocity (first-moment) buffer.
    pub fn has_velocity(&self) -> bool {
        matches!(self.method, Method::Momentum | Method::Nesterov | Method::Adam)
    }
    /// True if this rule keeps a squared-gradient buffer.
    pub fn has_squares(&self) -> bool {
        matches!(self.method, Method::AdaGrad | Method::RmsProp | Method::Adam)
    }
}
