//! A tiny neural network: 2 inputs → 8 tanh units → 1 sigmoid output, on penguins' bills.

use super::{models::sigmoid, models::softplus, Domain, Minimum, Surface};
use crate::data::penguins::{Penguins, MLP_FEATURES};
use crate::data::Dataset;
use crate::rng::Rng;
use std::ops::Range;

/// Hidden units.
pub const HIDDEN: usize = 8;
/// Inputs (bill length and bill depth, standardized).
pub const INPUTS: usize = 2;
/// Parameters: each hidden unit's two weights and bias, then the output's eight weights and bias.
pub const PARAMS: usize = HIDDEN * (INPUTS + 1) + HIDDEN + 1;
/// The `Rng` stream of the initial weights (data 1, batch order 2, noise 3).
pub const INIT_STREAM: u64 = 4;
/// Every parameter of a start is clamped within ±this.
const BOUND: f64 = 20.0;

/// A multilayer perceptron with one hidden layer of [`HIDDEN`] tanh units, classifying Chinstrap
/// penguins against the rest from bill length x₁ and bill depth x₂ ([`crate::data::penguins`]):
///
/// hₖ = tanh(wₖ₁·x₁ + wₖ₂·x₂ + bₖ) for k = 1…8, z = Σₖ vₖ·hₖ + c, P(chinstrap | x) = σ(z),
/// and the cost is the mean cross-entropy C = 1/m Σᵢ [ ln(1 + e^zᵢ) − yᵢ·zᵢ ].
///
/// Parameters, in order: (w₁₁, w₁₂, b₁), …, (w₈₁, w₈₂, b₈), v₁ … v₈, c: [`PARAMS`] = 33.
///
/// The gradient by backpropagation, row by row: with rᵢ = σ(zᵢ) − yᵢ,
/// ∂C/∂vₖ = 1/m Σ rᵢ·hₖ, ∂C/∂c = 1/m Σ rᵢ, and, with δₖ = rᵢ·vₖ·(1 − hₖ²),
/// ∂C/∂wₖⱼ = 1/m Σ δₖ·xⱼ, ∂C/∂bₖ = 1/m Σ δₖ.
///
/// C is not convex, and no minimum is documented: swapping two hidden units, or flipping the
/// signs of one unit's weights, bias and output weight together, gives the same network, so
/// every minimum has 8!·2⁸ copies, with ridges between them.
///
/// The start is seeded (Glorot-uniform): the hidden weights uniform in ±√(6/(2 + 8)), the
/// output weights uniform in ±√(6/(8 + 1)), every bias 0, drawn in parameter order from
/// stream [`INIT_STREAM`] of the scene's seed (exact arithmetic: the same start everywhere).
#[derive(Clone, Debug)]
pub struct Mlp {
    data: Dataset,
    init: Vec<f64>,
}

/// Index of hidden unit k's first weight; its second weight and bias follow.
#[inline]
fn unit(k: usize) -> usize {
    k * (INPUTS + 1)
}
/// Index of the output weight of hidden unit k.
#[inline]
fn out(k: usize) -> usize {
    HIDDEN * (INPUTS + 1) + k
}
/// Index of the output bias c.
const OUT_BIAS: usize = PARAMS - 1;

impl Mlp {
    /// The penguins network, its start drawn from `seed`.
    pub fn penguins(seed: u32) -> Self {
        Self::from_data(Penguins::get().dataset(&MLP_FEATURES), seed)
    }
    /// The network on a data set of two features per row (labels 0 or 1).
    pub fn from_data(data: Dataset, seed: u32) -> Self {
        debug_assert_eq!(data.n, INPUTS);
        Mlp { data, init: Self::init(seed) }
    }
    /// The seeded Glorot-uniform start (see the type's docs).
    pub fn init(seed: u32) -> Vec<f64> {
        let mut rng = Rng::new(seed, INIT_STREAM);
        let hidden = (6.0f64 / (INPUTS + HIDDEN) as f64).sqrt();
        let output = (6.0f64 / (HIDDEN + 1) as f64).sqrt();
        let mut p = vec![0.0; PARAMS];
        for k in 0..HIDDEN {
            for j in 0..INPUTS {
                p[unit(k) + j] = rng.range(-hidden, hidden);
            }
        }
        for k in 0..HIDDEN {
            p[out(k)] = rng.range(-output, output);
        }
        p
    }
    /// The hidden activations and the output's z for one row.
    #[inline]
    fn forward(p: &[f64], x: &[f64], h: &mut [f64; HIDDEN]) -> f64 {
        let mut z = p[OUT_BIAS];
        for k in 0..HIDDEN {
            let u = unit(k);
            h[k] = (p[u] * x[0] + p[u + 1] * x[1] + p[u + 2]).tanh();
            z += p[out(k)] * h[k];
        }
        z
    }
    /// Backpropagation summed over `rows`, divided by their count.
    fn mean_gradient(&self, p: &[f64], rows: impl Iterator<Item = usize>, g: &mut [f64]) {
        g.iter_mut().for_each(|x| *x = 0.0);
        let mut h = [0.0; HIDDEN];
        let mut count = 0usize;
        for i in rows {
            let x = self.data.row(i);
            let r = sigmoid(Self::forward(p, x, &mut h)) - self.data.y[i];
            g[OUT_BIAS] += r;
            for k in 0..HIDDEN {
                g[out(k)] += r * h[k];
                let delta = r * p[out(k)] * (1.0 - h[k] * h[k]);
                let u = unit(k);
                g[u] += delta * x[0];
                g[u + 1] += delta * x[1];
                g[u + 2] += delta;
            }
            count += 1;
        }
        let scale = if count == 0 { 0.0 } else { 1.0 / count as f64 };
        g.iter_mut().for_each(|x| *x *= scale);
    }
}

impl Surface for Mlp {
    fn name(&self) -> &'static str {
        "mlp"
    }
    fn dim(&self) -> usize {
        PARAMS
    }
    fn value(&self, p: &[f64]) -> f64 {
        let mut h = [0.0; HIDDEN];
        let s: f64 = (0..self.data.rows())
            .map(|i| {
                let z = Self::forward(p, self.data.row(i), &mut h);
                softplus(z) - self.data.y[i] * z
            })
            .sum();
        s / self.data.rows() as f64
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        self.mean_gradient(p, 0..self.data.rows(), g)
    }
    fn gradient_rows(&self, p: &[f64], rows: &[usize], g: &mut [f64]) {
        self.mean_gradient(p, rows.iter().copied(), g)
    }
    /// The first unit's two weights, each within ±20.
    fn domain(&self) -> Domain {
        Domain::new([-BOUND; 2], [BOUND; 2])
    }
    fn bounds(&self) -> Vec<(f64, f64)> {
        vec![(-BOUND, BOUND); PARAMS]
    }
    fn minima(&self) -> Vec<Minimum> {
        Vec::new()
    }
    /// The seeded initial weights.
    fn start(&self) -> Vec<f64> {
        self.init.clone()
    }
    fn rows(&self) -> usize {
        self.data.rows()
    }
    fn data(&self) -> Option<&Dataset> {
        Some(&self.data)
    }
    /// Each unit's incoming weights, as in Li et al. (2018): eight hidden filters of two weights
    /// and the output's filter of eight; the biases are in none.
    fn filters(&self) -> Vec<Range<usize>> {
        let mut f: Vec<Range<usize>> = (0..HIDDEN).map(|k| unit(k)..unit(k) + INPUTS).collect();
        f.push(out(0)..out(0) + HIDDEN);
        f
    }
    fn probability(&self, p: &[f64], x: &[f64]) -> Option<f64> {
        let mut h = [0.0; HIDDEN];
        Some(sigmoid(Self::forward(p, x, &mut h)))
    }
    /// w1.1, w1.2, b1, …, w8.1, w8.2, b8, v1 … v8, c.
    fn param_names(&self) -> Vec<String> {
        let mut names = Vec::with_capacity(PARAMS);
        for k in 1..=HIDDEN {
            names.extend([format!("w{k}.1"), format!("w{k}.2"), format!("b{k}")]);
        }
        names.extend((1..=HIDDEN).map(|k| format!("v{k}")));
        names.push("c".into());
        names
    }
}
