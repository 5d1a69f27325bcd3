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
    /// The id of its name in the page's strings (`lessons/ui/<lang>.toml`, translated there).
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
    /// The last update applied, Δp (so p_new = p_old + Δp).
    pub last_update: Vec<f64>,
}

impl Optimizer {
    pub fn new(method: Method, hyper: Hyper, dim: usize) -> Self {
        Optimizer { method, hyper, t: 0, v: vec![0.0; dim], s: vec![0.0; dim], last_update: vec![0.0; dim] }
    }

    /// Zero every buffer and t.
    pub fn reset(&mut self) {
        self.t = 0;
        self.v.iter_mut().for_each(|x| *x = 0.0);
        self.s.iter_mut().for_each(|x| *x = 0.0);
        self.last_update.iter_mut().for_each(|x| *x = 0.0);
    }

    /// One step: updates the buffers from gradient `g` and moves `p`.
    pub fn step(&mut self, p: &mut [f64], g: &[f64]) {
        self.t += 1;
        let Hyper { lr, beta1: b1, beta2: b2, eps } = self.hyper;
        let t = self.t as f64;
        // Bias-correction denominators, only Adam's: 1 − βᵗ, accurate for β near 1.
        let (c1, c2) =
            if self.method == Method::Adam { (-(b1.ln() * t).exp_m1(), -(b2.ln() * t).exp_m1()) } else { (1.0, 1.0) };
        for i in 0..p.len() {
            let gi = g[i];
            let d = match self.method {
                Method::Gd | Method::Sgd => -lr * gi,
                Method::Momentum => {
                    self.v[i] = b1 * self.v[i] + (1.0 - b1) * gi;
                    -lr * self.v[i]
                }
                Method::Nesterov => {
                    self.v[i] = b1 * self.v[i] + (1.0 - b1) * gi;
                    -lr * (b1 * self.v[i] + (1.0 - b1) * gi)
                }
                Method::AdaGrad => {
                    self.s[i] += gi * gi;
                    -lr * gi / (self.s[i].sqrt() + eps)
                }
                Method::RmsProp => {
                    self.s[i] = b2 * self.s[i] + (1.0 - b2) * gi * gi;
                    -lr * gi / (self.s[i].sqrt() + eps)
                }
                Method::Adam => {
                    self.v[i] = b1 * self.v[i] + (1.0 - b1) * gi;
                    self.s[i] = b2 * self.s[i] + (1.0 - b2) * gi * gi;
                    let m_hat = self.v[i] / c1;
                    let s_hat = self.s[i] / c2;
                    -lr * m_hat / (s_hat.sqrt() + eps)
                }
            };
            self.last_update[i] = d;
            p[i] += d;
        }
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
