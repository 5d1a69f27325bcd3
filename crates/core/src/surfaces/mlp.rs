//! A tiny neural network: 2 inputs → 8 tanh units → 1 sigmoid output, on penguins' bills.

use super::models::{cross_entropy, mean_cross_entropy, sigmoid};
use super::{Domain, Minimum, Surface};
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
/// The longest stretch [`Surface::values_on_line`] advances by repeated multiplication.
pub const LINE_CHUNK: usize = 64;
/// Every parameter of a start is clamped within ±this.
const BOUND: f64 = 20.0;

/// A multilayer perceptron with one hidden layer of [`HIDDEN`] tanh units, classifying Chinstrap
/// penguins against the rest from bill length x₁ and bill depth x₂ ([`crate::data::penguins`]):
///
/// hₖ = tanh(wₖ₁·x₁ + wₖ₂·x₂ + bₖ) for k = 1…8, z = Σₖ vₖ·hₖ + c, P(chinstrap | x) = σ(z),
/// and the cost is the mean cross-entropy C = 1/m Σᵢ [ ln(1 + e^zᵢ) − yᵢ·zᵢ ] (tanh by
/// [`tanh_exact`]).
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

/// tanh(x) by exact arithmetic (+ − × ÷ and a power of two built from its bits), so the network
/// computes the same bits natively and in WebAssembly (a mini-batch epoch makes 33 000 of them):
/// tanh(x) = sign(x)·(−e / (2 + e)) with e = eᵘ − 1, u = −2|x| ≤ 0 ([`exp_split`]). Within 4
/// units in the last place of tanh.
#[inline]
pub fn tanh_exact(x: f64) -> f64 {
    if x.is_nan() || x.abs() < 1e-9 {
        // tanh x = x − x³/3 + …: x itself to the last bit (and the sign of a zero kept).
        return x;
    }
    let u = -2.0 * x.abs();
    if u < -40.0 {
        // eᵘ is below 1e−17: tanh is ±1 to the last bit.
        return x.signum();
    }
    let (two_k, em1_r) = exp_split(u);
    let e = two_k * em1_r + (two_k - 1.0);
    let t = -e / (2.0 + e);
    if x < 0.0 {
        -t
    } else {
        t
    }
}

/// eᵘ by exact arithmetic, for |u| ≤ 700 ([`exp_split`]: 2ᵏ·(1 + (eʳ − 1))).
#[inline]
fn exp_exact(u: f64) -> f64 {
    let (two_k, em1_r) = exp_split(u.clamp(-700.0, 700.0));
    two_k + two_k * em1_r
}

/// u = k·ln 2 + r with |r| ≤ ½ ln 2 (ln 2 split in two parts so r is exact to the last bits):
/// 2ᵏ and eʳ − 1, the latter by its Taylor series to r¹³/13! (the next term is below 4e−18).
/// For |u| ≤ 700, so 2ᵏ is a normal number.
#[inline(always)]
fn exp_split(u: f64) -> (f64, f64) {
    // ln 2 to its first 32 bits (so k·LN2_HI is exact), and the rest.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    let k = (u * std::f64::consts::LOG2_E).round();
    let r = (u - k * LN2_HI) - k * LN2_LO;
    // eʳ − 1 = r·(1/1! + r/2! + r²/3! + … + r¹²/13!), the powers grouped (Estrin's scheme) so
    // the multiplications do not wait on each other.
    let c = &INV_FACTORIAL;
    let (r2, r4) = (r * r, r * r * (r * r));
    let low = (c[0] + c[1] * r) + r2 * (c[2] + c[3] * r);
    let mid = (c[4] + c[5] * r) + r2 * (c[6] + c[7] * r);
    let high = (c[8] + c[9] * r) + r2 * (c[10] + c[11] * r) + r4 * c[12];
    let em1_r = r * (low + r4 * (mid + r4 * high));
    (f64::from_bits(((1023 + k as i64) as u64) << 52), em1_r)
}

/// 1/n! for n = 1 … 13, each the nearest f64.
const INV_FACTORIAL: [f64; 13] = {
    let mut out = [0.0; 13];
    let mut f = 1.0;
    let mut n = 1;
    while n <= 13 {
        // n! is exact in f64 up to 22!, so each 1/n! is one correctly rounded division.
        f *= n as f64;
        out[n - 1] = 1.0 / f;
        n += 1;
    }
    out
};

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
    /// The hidden activations and the output's z for one row (x₁, x₂). The parameters as a
    /// fixed-size array: every index is known in range, so no check is made per row.
    #[inline(always)]
    fn forward(p: &[f64; PARAMS], x: [f64; INPUTS], h: &mut [f64; HIDDEN]) -> f64 {
        let mut z = p[OUT_BIAS];
        for k in 0..HIDDEN {
            let u = unit(k);
            h[k] = tanh_exact(p[u] * x[0] + p[u + 1] * x[1] + p[u + 2]);
            z += p[out(k)] * h[k];
        }
        z
    }
    /// [`Surface::values_on_line`] for at most [`LINE_CHUNK`] points.
    fn chunk_on_line(&self, o: &[f64], d1: &[f64], d2: &[f64], b: f64, a: &[f64], costs: &mut [f64]) {
        let n = a.len();
        if n == 0 {
            return;
        }
        // The parameters at the first point and their change from one point to the next.
        let step = if n > 1 { (a[n - 1] - a[0]) / (n - 1) as f64 } else { 0.0 };
        let mut p0 = [0.0; PARAMS];
        let mut dp = [0.0; PARAMS];
        for i in 0..PARAMS {
            p0[i] = o[i] + a[0] * d1[i] + b * d2[i];
            dp[i] = step * d1[i];
        }
        costs.iter_mut().for_each(|v| *v = 0.0);
        let mut z = [0.0; LINE_CHUNK];
        for i in 0..self.data.rows() {
            let x = self.row(i);
            for (j, zj) in z[..n].iter_mut().enumerate() {
                *zj = p0[OUT_BIAS] + j as f64 * dp[OUT_BIAS];
            }
            for k in 0..HIDDEN {
                let u = unit(k);
                let u0 = p0[u] * x[0] + p0[u + 1] * x[1] + p0[u + 2];
                let du = dp[u] * x[0] + dp[u + 1] * x[1] + dp[u + 2];
                let (v0, dv) = (p0[out(k)], dp[out(k)]);
                let last = u0 + (n - 1) as f64 * du;
                if u0.abs() <= 300.0 && last.abs() <= 300.0 {
                    let (mut e, ratio) = (exp_exact(2.0 * u0), exp_exact(2.0 * du));
                    for (j, zj) in z[..n].iter_mut().enumerate() {
                        *zj += (v0 + j as f64 * dv) * (1.0 - 2.0 / (e + 1.0));
                        e *= ratio;
                    }
                } else {
                    for (j, zj) in z[..n].iter_mut().enumerate() {
                        *zj += (v0 + j as f64 * dv) * tanh_exact(u0 + j as f64 * du);
                    }
                }
            }
            let y = self.data.y[i];
            for (v, &zj) in costs.iter_mut().zip(&z[..n]) {
                *v += cross_entropy(zj, y);
            }
        }
        let m = self.data.rows() as f64;
        costs.iter_mut().for_each(|v| *v /= m);
    }
    /// Row i's features.
    #[inline(always)]
    fn row(&self, i: usize) -> [f64; INPUTS] {
        [self.data.x[INPUTS * i], self.data.x[INPUTS * i + 1]]
    }
    /// Backpropagation summed over `rows`, divided by their count.
    fn mean_gradient(&self, p: &[f64], rows: impl Iterator<Item = usize>, g: &mut [f64]) {
        g.iter_mut().for_each(|x| *x = 0.0);
        let (Ok(p), Ok(g)) = (<&[f64; PARAMS]>::try_from(p), <&mut [f64; PARAMS]>::try_from(g)) else { return };
        let mut h = [0.0; HIDDEN];
        let mut count = 0usize;
        for i in rows {
            let x = self.row(i);
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
        let Ok(p) = <&[f64; PARAMS]>::try_from(p) else { return f64::NAN };
        let mut h = [0.0; HIDDEN];
        mean_cross_entropy(&self.data, |i| Self::forward(p, self.row(i), &mut h))
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
    /// Along a line the parameters change evenly, so each hidden unit's input does too:
    /// uⱼ = u₀ + j·δ at the j-th point. Then e^(2uⱼ) = e^(2u₀)·(e^(2δ))ʲ, one multiplication a point,
    /// and tanh uⱼ = 1 − 2/(e^(2uⱼ) + 1): no exponential per point (the 41 × 41 slice would need
    /// 4.6 million). The points are taken evenly spaced from the first to the last `a` (a lattice
    /// row is, to rounding). A unit whose input reaches ±300 on the stretch uses [`tanh_exact`] at
    /// each point. Agrees with [`Surface::value`] to about 1e−14 (the powers' rounding adds up
    /// over at most [`LINE_CHUNK`] points).
    fn values_on_line(&self, o: &[f64], d1: &[f64], d2: &[f64], b: f64, a: &[f64], out: &mut [f64]) {
        let fits = [o.len(), d1.len(), d2.len()].iter().all(|&n| n == PARAMS) && a.len() == out.len();
        if !fits {
            out.iter_mut().for_each(|v| *v = f64::NAN);
            return;
        }
        for (a, out) in a.chunks(LINE_CHUNK).zip(out.chunks_mut(LINE_CHUNK)) {
            self.chunk_on_line(o, d1, d2, b, a, out);
        }
    }
    fn probability(&self, p: &[f64], x: &[f64]) -> Option<f64> {
        let (p, x) = (<&[f64; PARAMS]>::try_from(p).ok()?, <[f64; INPUTS]>::try_from(x).ok()?);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tanh_exact_is_tanh_to_a_few_ulps() {
        let mut worst = 0.0f64;
        for i in -200_000..=200_000 {
            let x = i as f64 * 1e-4 + 3.3e-7;
            let (a, b) = (tanh_exact(x), x.tanh());
            worst = worst.max((a - b).abs() / (b.abs() * f64::EPSILON));
        }
        assert!(worst <= 4.0, "{worst} ulps");
        for x in [0.0, -0.0, 1e-300, -1e-20, 1e-8, 19.0, 20.5, -25.0, 1e300, f64::INFINITY, f64::NEG_INFINITY] {
            let (a, b) = (tanh_exact(x), x.tanh());
            assert!((a - b).abs() <= 4.0 * f64::EPSILON * b.abs(), "tanh({x}) = {a}, not {b}");
            assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "sign of tanh({x})");
        }
        assert!(tanh_exact(f64::NAN).is_nan());
    }
}
