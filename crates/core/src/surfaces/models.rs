//! Costs of models fitted to data: linear regression and cats-vs-dogs logistic regression.
//!
//! Each cost is a mean over rows, so its gradient can be taken over any subset of rows
//! (all of them, a mini-batch, or one): [`Surface::gradient_rows`]. The full gradient sums
//! the rows in order, so `gradient_rows(p, 0..m)` gives the same bits as `gradient(p)`.

use super::{Domain, Minimum, Surface};
use crate::data::Dataset;

/// Σ over `rows` of (rᵢ·xᵢ, rᵢ) where rᵢ is the residual a row gives, divided by the row count:
/// the shared shape of both models' gradients.
#[inline]
fn mean_gradient(data: &Dataset, rows: impl Iterator<Item = usize>, residual: impl Fn(f64, f64) -> f64, g: &mut [f64]) {
    let (mut gw, mut gb, mut count) = (0.0, 0.0, 0usize);
    for i in rows {
        let x = data.x[i];
        let r = residual(x, data.y[i]);
        gw += r * x;
        gb += r;
        count += 1;
    }
    let scale = if count == 0 { 0.0 } else { 1.0 / count as f64 };
    g[0] = gw * scale;
    g[1] = gb * scale;
}

/// Linear regression on a seeded data set ([`Dataset::linreg`]): the line ŷ = w·x + b and
/// C(w, b) = 1/(2m) Σᵢ (w·xᵢ + b − yᵢ)².
///
/// The minimum solves the normal equations: with x̄, ȳ the means, w* = Σ(xᵢ − x̄)(yᵢ − ȳ) / Σ(xᵢ − x̄)²
/// and b* = ȳ − w*·x̄ (no minimum is documented if every x is the same). Because the x values sit
/// around 3, far from 0, the cost is a long diagonal valley.
#[derive(Clone, Debug)]
pub struct LinReg {
    data: Dataset,
    minimum: Option<Minimum>,
    /// Means x̄, ȳ and centred second moments ⟨u²⟩, ⟨uv⟩, ⟨v²⟩ (u = x − x̄, v = y − ȳ),
    /// so the cost is evaluated in O(1) however many rows there are.
    moments: [f64; 5],
}

impl LinReg {
    /// m rows drawn from `seed`.
    pub fn new(m: usize, seed: u32) -> Self {
        Self::from_data(Dataset::linreg(m, seed))
    }
    /// The cost on a given data set (one feature per row).
    pub fn from_data(data: Dataset) -> Self {
        let m = data.rows().max(1) as f64;
        let xbar = data.x.iter().sum::<f64>() / m;
        let ybar = data.y.iter().sum::<f64>() / m;
        let (mut uu, mut uv, mut vv) = (0.0, 0.0, 0.0);
        for (x, y) in data.x.iter().zip(&data.y) {
            let (u, v) = (x - xbar, y - ybar);
            uu += u * u;
            uv += u * v;
            vv += v * v;
        }
        let moments = [xbar, ybar, uu / m, uv / m, vv / m];
        let mut s = LinReg { data, minimum: None, moments };
        s.minimum = s.solve().map(|at| Minimum { value: s.value(&at), at, global: true });
        s
    }
    /// The normal equations, solved with centred sums (two passes, for accuracy).
    fn solve(&self) -> Option<Vec<f64>> {
        let m = self.data.rows() as f64;
        if m == 0.0 {
            return None;
        }
        let xbar = self.data.x.iter().sum::<f64>() / m;
        let ybar = self.data.y.iter().sum::<f64>() / m;
        let (mut sxx, mut sxy) = (0.0, 0.0);
        for (x, y) in self.data.x.iter().zip(&self.data.y) {
            sxx += (x - xbar) * (x - xbar);
            sxy += (x - xbar) * (y - ybar);
        }
        // Also refuses NaN.
        if sxx.is_nan() || sxx <= 0.0 {
            return None;
        }
        let w = sxy / sxx;
        Some(vec![w, ybar - w * xbar])
    }
}

impl Surface for LinReg {
    fn name(&self) -> &'static str {
        "linreg"
    }
    fn dim(&self) -> usize {
        2
    }
    /// In O(1) from the centred moments: with c = w·x̄ + b − ȳ,
    /// C = ½ (w²⟨u²⟩ − 2w⟨uv⟩ + ⟨v²⟩ + c²), the same sum regrouped.
    fn value(&self, p: &[f64]) -> f64 {
        let (w, b) = (p[0], p[1]);
        let [xbar, ybar, uu, uv, vv] = self.moments;
        let c = w * xbar + b - ybar;
        0.5 * (w * w * uu - 2.0 * w * uv + vv + c * c)
    }
    /// ∂C/∂w = 1/m Σ (w·xᵢ + b − yᵢ)·xᵢ, ∂C/∂b = 1/m Σ (w·xᵢ + b − yᵢ).
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (w, b) = (p[0], p[1]);
        mean_gradient(&self.data, 0..self.data.rows(), |x, y| w * x + b - y, g)
    }
    /// The same sums over `rows` only, divided by the number of rows given.
    fn gradient_rows(&self, p: &[f64], rows: &[usize], g: &mut [f64]) {
        let (w, b) = (p[0], p[1]);
        mean_gradient(&self.data, rows.iter().copied(), |x, y| w * x + b - y, g)
    }
    fn domain(&self) -> Domain {
        Domain::new([-1.5, -4.0], [3.5, 5.0])
    }
    fn minima(&self) -> Vec<Minimum> {
        self.minimum.iter().cloned().collect()
    }
    /// (−0.5, 4): far up the valley and a little off its floor, so plain GD zigzags across
    /// and then crawls along it (the momentum lesson's picture).
    fn start(&self) -> Vec<f64> {
        vec![-0.5, 4.0]
    }
    fn rows(&self) -> usize {
        self.data.rows()
    }
    fn data(&self) -> Option<&Dataset> {
        Some(&self.data)
    }
}

/// The logistic function σ(z) = 1/(1 + e^(−z)), without overflow for large |z|.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// ln(1 + e^z), without overflow for large z and without losing digits for very negative z.
pub fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

/// Cats vs dogs by logistic regression on claw sharpness ([`Dataset::cats`]): the model says
/// P(cat | x) = σ(w·x + b), and the cost is the mean cross-entropy
/// C(w, b) = 1/m Σᵢ [ −yᵢ·ln σ(zᵢ) − (1 − yᵢ)·ln(1 − σ(zᵢ)) ] = 1/m Σᵢ [ ln(1 + e^zᵢ) − yᵢ·zᵢ ],
/// with zᵢ = w·xᵢ + b.
///
/// C is convex; when the classes overlap it has one minimum, found at construction by
/// Newton's method (with backtracking) until the step is below 1e−13. If one class lies wholly
/// on one side of the other (possible for tiny m), C keeps falling as |w| grows: no minimum is
/// documented then.
#[derive(Clone, Debug)]
pub struct Cats {
    data: Dataset,
    minimum: Option<Minimum>,
    domain: Domain,
}

impl Cats {
    /// m animals drawn from `seed`.
    pub fn new(m: usize, seed: u32) -> Self {
        Self::from_data(Dataset::cats(m, seed))
    }
    /// The cost on a given data set (one feature per row, labels 0 or 1).
    pub fn from_data(data: Dataset) -> Self {
        let mut s = Cats { data, minimum: None, domain: Self::DOMAIN };
        s.minimum = s.solve().map(|at| Minimum { value: s.value(&at), at, global: true });
        // A rare data set (few rows, classes barely overlapping) puts the minimum far out:
        // widen the plot to show it, with a margin of a tenth of the span.
        if let Some(m) = &s.minimum {
            for i in 0..2 {
                let margin = 0.1 * Self::DOMAIN.span(i);
                s.domain.lo[i] = s.domain.lo[i].min(m.at[i] - margin);
                s.domain.hi[i] = s.domain.hi[i].max(m.at[i] + margin);
            }
        }
        s
    }
    /// The usual plot: w in [−1.5, 3], b in [−3, 3]. The minimum lies near w ≈ 1, b ≈ 0
    /// (the boundary −b/w near an average claw); a data set that puts it outside widens the plot.
    pub const DOMAIN: Domain = Domain::new([-1.5, -3.0], [3.0, 3.0]);
    /// The Hessian 1/m Σ σᵢ(1 − σᵢ)·[[xᵢ², xᵢ], [xᵢ, 1]].
    pub fn hessian(&self, p: &[f64]) -> [[f64; 2]; 2] {
        let (mut hww, mut hwb, mut hbb) = (0.0, 0.0, 0.0);
        for &x in &self.data.x {
            let s = sigmoid(p[0] * x + p[1]);
            let k = s * (1.0 - s);
            hww += k * x * x;
            hwb += k * x;
            hbb += k;
        }
        let m = self.data.rows() as f64;
        [[hww / m, hwb / m], [hwb / m, hbb / m]]
    }
    /// Damped Newton's method from (0, 0).
    fn solve(&self) -> Option<Vec<f64>> {
        if self.data.rows() == 0 || self.data.separable() {
            return None;
        }
        let mut p = [0.0, 0.0];
        let mut g = [0.0; 2];
        for _ in 0..100 {
            self.gradient(&p, &mut g);
            let [[a, c], [_, d]] = self.hessian(&p);
            let det = a * d - c * c;
            if det.is_nan() || det <= 0.0 {
                return None;
            }
            let step = [(d * g[0] - c * g[1]) / det, (a * g[1] - c * g[0]) / det];
            // Halve the step until the cost does not rise (Newton can overshoot far from the minimum).
            let c0 = self.value(&p);
            let mut t = 1.0;
            let mut next = [p[0] - step[0], p[1] - step[1]];
            while self.value(&next) > c0 && t > 1e-6 {
                t *= 0.5;
                next = [p[0] - t * step[0], p[1] - t * step[1]];
            }
            let size = (t * step[0]).abs().max((t * step[1]).abs());
            p = next;
            if size <= 1e-13 * (1.0 + p[0].abs().max(p[1].abs())) {
                return Some(p.to_vec());
            }
        }
        None
    }
}

impl Surface for Cats {
    fn name(&self) -> &'static str {
        "cats"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        let (w, b) = (p[0], p[1]);
        let s: f64 = self
            .data
            .x
            .iter()
            .zip(&self.data.y)
            .map(|(x, y)| {
                let z = w * x + b;
                softplus(z) - y * z
            })
            .sum();
        s / self.data.rows() as f64
    }
    /// ∂C/∂w = 1/m Σ (σ(zᵢ) − yᵢ)·xᵢ, ∂C/∂b = 1/m Σ (σ(zᵢ) − yᵢ).
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (w, b) = (p[0], p[1]);
        mean_gradient(&self.data, 0..self.data.rows(), |x, y| sigmoid(w * x + b) - y, g)
    }
    fn gradient_rows(&self, p: &[f64], rows: &[usize], g: &mut [f64]) {
        let (w, b) = (p[0], p[1]);
        mean_gradient(&self.data, rows.iter().copied(), |x, y| sigmoid(w * x + b) - y, g)
    }
    /// [`Cats::DOMAIN`], widened if needed so the minimum is on the plot.
    fn domain(&self) -> Domain {
        self.domain
    }
    fn minima(&self) -> Vec<Minimum> {
        self.minimum.iter().cloned().collect()
    }
    /// (−1, 2): a model that calls sharp-clawed animals dogs and leans towards "cat" overall.
    fn start(&self) -> Vec<f64> {
        vec![-1.0, 2.0]
    }
    fn rows(&self) -> usize {
        self.data.rows()
    }
    fn data(&self) -> Option<&Dataset> {
        Some(&self.data)
    }
}
