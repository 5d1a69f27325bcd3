//! Optimizers and learning-rate schedules. `t` counts steps from 1; every buffer starts at 0.
//!
//! Each optimizer turns a gradient g into an update of the parameters p, and
//! keeps its buffers readable (for velocity arrows and per-parameter step sizes).
//! Every rule's α is the scheduled rate of its step, αₜ = α·f(t − 1) ([`Schedule`]).

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
    /// λ, AdamW's decoupled weight decay (the other rules ignore it).
    pub wd: f64,
    /// How α changes from step to step.
    pub schedule: Schedule,
}

/// How the learning rate changes with the step: step t (from 1) uses αₜ = α·f(t − 1), so the
/// first step uses f(0), as optax counts its updates from 0. Every optimizer uses it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Schedule {
    /// f(c) = 1.
    Constant,
    /// Step decay, f(c) = γ^⌊c/k⌋: α is multiplied by γ every k steps
    /// (`optax.exponential_decay(α, transition_steps=k, decay_rate=γ, staircase=True)`).
    Step { every: u64, drop: f64 },
    /// Linear warm-up from 0 over W steps, then cosine decay to a floor φ at step D:
    /// f(c) = c/W for c < W, else φ + (1 − φ)·½·(1 + cos(π·min(c − W, D − W)/(D − W)))
    /// (`optax.warmup_cosine_decay_schedule(0, α, warmup_steps=W, decay_steps=D, end_value=φ·α)`;
    /// D counts the warm-up too, D > W).
    Cosine { warmup: u64, horizon: u64, floor: f64 },
}

impl Schedule {
    /// The scene name (`schedule=` value).
    pub fn key(&self) -> &'static str {
        match self {
            Schedule::Constant => "constant",
            Schedule::Step { .. } => "step",
            Schedule::Cosine { .. } => "cosine",
        }
    }
    /// f(c), the factor of α after c steps.
    pub fn factor(&self, c: u64) -> f64 {
        match *self {
            Schedule::Constant => 1.0,
            Schedule::Step { every, drop } => drop.powi((c / every.max(1)).min(i32::MAX as u64) as i32),
            Schedule::Cosine { warmup, horizon, floor } => {
                if c < warmup {
                    return c as f64 / warmup as f64;
                }
                let span = horizon.saturating_sub(warmup).max(1);
                let done = (c - warmup).min(span) as f64 / span as f64;
                // The same bits on every platform: cos by exact arithmetic.
                floor + (1.0 - floor) * 0.5 * (1.0 + crate::data::cos_exact(std::f64::consts::PI * done))
            }
        }
    }
}

/// The numbers one step shares across coordinates: the scheduled rate αₜ and Adam's bias
/// corrections 1 − β₁ᵗ, 1 − β₂ᵗ (1 for the other rules).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepFactors {
    pub lr: f64,
    pub c1: f64,
    pub c2: f64,
}

impl Hyper {
    /// The factors of step `t` (from 1) of `method`.
    pub fn factors(&self, method: Method, t: u64) -> StepFactors {
        let lr = self.lr * self.schedule.factor(t.saturating_sub(1));
        let tf = t as f64;
        // 1 − βᵗ, accurate for β near 1.
        let (c1, c2) = if method.bias_corrected() {
            (-(self.beta1.ln() * tf).exp_m1(), -(self.beta2.ln() * tf).exp_m1())
        } else {
            (1.0, 1.0)
        };
        StepFactors { lr, c1, c2 }
    }
}

/// One coordinate's update Δp from its gradient `g` and value `p` (before the step), updating its
/// first- and second-moment buffers `v` and `s`: [`coordinate_step`] for a caller that keeps only
/// the buffers (the basin map).
#[inline(always)]
pub fn update(method: Method, h: &Hyper, f: StepFactors, p: f64, g: f64, v: &mut f64, s: &mut f64) -> f64 {
    let k = coordinate_step(method, h, f, p, g, *v, *s);
    *v = k.v;
    *s = k.s;
    k.delta
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
    /// Adam with decoupled weight decay λ (Loshchilov & Hutter), as `optax.adamw`: m̂, ŝ as Adam's;
    /// p ← p − α·(m̂/(√ŝ + ε) + λ·p). The decay shrinks the weights directly, not through the
    /// gradient, so Adam's per-parameter scaling does not weaken it.
    AdamW,
}

impl Method {
    pub const ALL: [Method; 8] = [
        Method::Gd,
        Method::Sgd,
        Method::Momentum,
        Method::Nesterov,
        Method::AdaGrad,
        Method::RmsProp,
        Method::Adam,
        Method::AdamW,
    ];
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
            Method::AdamW => "adamw",
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
            Method::AdamW => "optName.adamw",
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
            Method::AdamW => "AdamW",
        }
    }
    pub fn from_key(s: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.key() == s)
    }
    /// True if the run uses a stochastic gradient.
    pub fn stochastic(self) -> bool {
        self == Method::Sgd
    }
    /// True for the rules that divide by 1 − βᵗ (Adam, AdamW).
    pub fn bias_corrected(self) -> bool {
        matches!(self, Method::Adam | Method::AdamW)
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
    /// The learning rate αₜ the step used (scheduled).
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
    /// Adam's (and AdamW's) bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ, and the corrected m̂ = m/(1 − β₁ᵗ),
    /// ŝ = s/(1 − β₂ᵗ).
    pub c1: f64,
    pub c2: f64,
    pub v_hat: f64,
    pub s_hat: f64,
    /// Nesterov's look-ahead β₁·v + (1 − β₁)·g, the direction its step takes.
    pub look: f64,
    /// AdamW's decoupled decay λ·p (0 for the other rules).
    pub decay: f64,
    /// The divisor √s + ε (AdaGrad, RMSprop) or √ŝ + ε (Adam, AdamW); 1 for the other rules.
    pub denom: f64,
    /// The update Δp.
    pub delta: f64,
    /// The parameter after the step, p + Δp.
    pub p_new: f64,
}

impl Terms {
    /// The numbers, each finite (a step whose numbers are not is a blow-up, never shown).
    pub fn finite(&self) -> bool {
        [
            self.p, self.g, self.v, self.s, self.v_hat, self.s_hat, self.look, self.decay, self.denom, self.delta,
            self.p_new,
        ]
        .iter()
        .all(|x| x.is_finite())
    }
}

/// One coordinate's step by `method`: from its value `p`, gradient `g` and buffers `v`, `s` before
/// the step, with the step's factors `f` (the scheduled αₜ, and Adam's bias corrections 1 − β₁ᵗ,
/// 1 − β₂ᵗ, 1 for the other rules), every number of the rule ([`Terms`]); the formulas are those of
/// [`Method`]. The one per-coordinate rule: [`Optimizer::step`] and the basin map both run it.
#[inline(always)]
pub fn coordinate_step(method: Method, h: &Hyper, f: StepFactors, p: f64, g: f64, v: f64, s: f64) -> Terms {
    let (lr, b1, b2, eps) = (f.lr, h.beta1, h.beta2, h.eps);
    let mut k = Terms { lr, p, g, v_prev: v, s_prev: s, c1: f.c1, c2: f.c2, denom: 1.0, ..Terms::default() };
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
        Method::Adam | Method::AdamW => {
            k.v = b1 * v + (1.0 - b1) * g;
            k.s = b2 * s + (1.0 - b2) * g * g;
            k.v_hat = k.v / f.c1;
            k.s_hat = k.s / f.c2;
            k.denom = k.s_hat.sqrt() + eps;
            if method == Method::AdamW {
                k.decay = h.wd * p;
                -lr * (k.v_hat / k.denom + k.decay)
            } else {
                -lr * k.v_hat / k.denom
            }
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
        let f = self.hyper.factors(self.method, self.t);
        for i in 0..p.len() {
            let k = coordinate_step(self.method, &self.hyper, f, p[i], g[i], self.v[i], self.s[i]);
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
    /// (averaged) gradient in the next update. αₜ for GD and momentum;
    /// αₜ/(√s + ε) for AdaGrad and RMSprop; αₜ/(√ŝ + ε) for Adam and AdamW (with αₜ the
    /// scheduled rate of the next step).
    pub fn effective_rate(&self) -> Vec<f64> {
        let Hyper { beta2, eps, .. } = self.hyper;
        let lr = self.rate();
        match self.method {
            Method::AdaGrad | Method::RmsProp => self.s.iter().map(|s| lr / (s.sqrt() + eps)).collect(),
            Method::Adam | Method::AdamW => {
                let c2 = if self.t == 0 { 1.0 } else { -(beta2.ln() * self.t as f64).exp_m1() };
                self.s.iter().map(|s| lr / ((s / c2).sqrt() + eps)).collect()
            }
            _ => vec![lr; self.s.len()],
        }
    }

    /// The scheduled learning rate αₜ of the next step.
    pub fn rate(&self) -> f64 {
        self.hyper.lr * self.hyper.schedule.factor(self.t)
    }

    /// True if this rule keeps a velocity (first-moment) buffer.
    pub fn has_velocity(&self) -> bool {
        matches!(self.method, Method::Momentum | Method::Nesterov | Method::Adam | Method::AdamW)
    }
    /// True if this rule keeps a squared-gradient buffer.
    pub fn has_squares(&self) -> bool {
        matches!(self.method, Method::AdaGrad | Method::RmsProp | Method::Adam | Method::AdamW)
    }
}
