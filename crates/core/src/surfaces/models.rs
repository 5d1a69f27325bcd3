//! Costs of models fitted to data: linear regression, logistic regression on n features (cats
//! vs dogs on one, penguins on four).
//!
//! Each cost is a mean over rows, so its gradient can be taken over any subset of rows
//! (all of them, a mini-batch, or one): [`Surface::gradient_rows`]. The full gradient sums
//! the rows in order, so `gradient_rows(p, 0..m)` gives the same bits as `gradient(p)`.

use super::{Domain, Minimum, Surface};
#[cfg(feature = "models")]
use crate::data::penguins::Penguins;
use crate::data::Dataset;
use crate::linalg::cholesky_solve;
use std::ops::Range;

/// Σ over `rows` of (rᵢ·xᵢ, rᵢ) where rᵢ is the residual a row gives, divided by the row count:
/// linear regression's gradient (logistic regression's has the same shape over n features).
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

/// The cross-entropy of one row whose model says P(y = 1) = σ(z): ln(1 + e^z) − y·z.
#[inline]
pub fn cross_entropy(z: f64, y: f64) -> f64 {
    softplus(z) - y * z
}

/// The mean cross-entropy over every row of `data`, row i's z given by `z(i)`.
pub(super) fn mean_cross_entropy(data: &Dataset, mut z: impl FnMut(usize) -> f64) -> f64 {
    let s: f64 = (0..data.rows()).map(|i| cross_entropy(z(i), data.y[i])).sum();
    s / data.rows() as f64
}

/// Logistic regression on n features: the model says P(y = 1 | x) = σ(z) with
/// z = w·x + b = Σⱼ wⱼ·xⱼ + b, and the cost is the mean cross-entropy
/// C(w, b) = 1/m Σᵢ [ −yᵢ·ln σ(zᵢ) − (1 − yᵢ)·ln(1 − σ(zᵢ)) ] = 1/m Σᵢ [ ln(1 + e^zᵢ) − yᵢ·zᵢ ].
/// The parameters are p = (w₁, …, wₙ, b); the m × n data matrix is read row by row.
///
/// ∂C/∂wⱼ = 1/m Σᵢ (σ(zᵢ) − yᵢ)·xᵢⱼ and ∂C/∂b = 1/m Σᵢ (σ(zᵢ) − yᵢ): each row adds its error
/// times its features.
///
/// C is convex. When the classes overlap it has one minimum, found at construction by Newton's
/// method from p = 0 (Hessian 1/m Σᵢ σᵢ(1 − σᵢ)·x̃ᵢx̃ᵢᵀ with x̃ = (x, 1), solved by Cholesky, the step
/// halved until the cost does not rise) until the step is below 1e−13. If a hyperplane separates
/// the classes, C keeps falling as the weights grow and no minimum is documented.
#[derive(Clone, Debug)]
pub struct LogReg {
    data: Dataset,
    name: &'static str,
    minimum: Option<Minimum>,
    /// Every parameter is kept within ±bound (the box a start is clamped into).
    bound: f64,
}

impl LogReg {
    /// Chinstrap penguins against the rest on the four standardized measurements
    /// ([`crate::data::penguins`]): 342 rows, p = (w₁ bill length, w₂ bill depth, w₃ flipper
    /// length, w₄ body mass, b). The minimum lies near w = (15.2, 0.2, −2.8, −12.3), b = −9.6.
    #[cfg(feature = "models")]
    pub fn penguins() -> Self {
        Self::from_data("penguins", Penguins::get().dataset(&[0, 1, 2, 3]))
    }
    /// The cost on a given data set (labels 0 or 1), named `name` in scenes. The box of every
    /// parameter is ±10, widened to hold the minimum with a quarter to spare.
    pub fn from_data(name: &'static str, data: Dataset) -> Self {
        Self::from_data_within(name, data, usize::MAX)
    }
    /// As [`LogReg::from_data`], but the minimum is sought only when m·(n + 1)² ≤ `budget` (each
    /// Newton iteration builds the Hessian at that cost): a large data set gets no documented
    /// minimum rather than a long wait.
    pub fn from_data_within(name: &'static str, data: Dataset, budget: usize) -> Self {
        let k = data.n + 1;
        let affordable = data.rows().saturating_mul(k * k) <= budget;
        let mut s = LogReg { data, name, minimum: None, bound: 10.0 };
        if affordable {
            s.minimum = s.solve().map(|at| Minimum { value: s.value(&at), at, global: true });
        }
        if let Some(m) = &s.minimum {
            let far = m.at.iter().fold(0.0f64, |a, x| a.max(x.abs()));
            s.bound = s.bound.max((1.25 * far).ceil());
        }
        s
    }
    /// Number of features, n.
    pub fn features(&self) -> usize {
        self.data.n
    }
    /// z = w·x + b for one row of features.
    #[inline]
    fn z(&self, p: &[f64], x: &[f64]) -> f64 {
        let n = self.data.n;
        x.iter().zip(&p[..n]).fold(0.0, |acc, (xi, wi)| acc + wi * xi) + p[n]
    }
    /// The gradient over `rows`: the mean of (σ(zᵢ) − yᵢ)·(xᵢ, 1).
    fn mean_gradient(&self, p: &[f64], rows: impl Iterator<Item = usize>, g: &mut [f64]) {
        let n = self.data.n;
        g.iter_mut().for_each(|x| *x = 0.0);
        let mut count = 0usize;
        for i in rows {
            let x = self.data.row(i);
            let r = sigmoid(self.z(p, x)) - self.data.y[i];
            for (gj, xj) in g.iter_mut().zip(x) {
                *gj += r * xj;
            }
            g[n] += r;
            count += 1;
        }
        let scale = if count == 0 { 0.0 } else { 1.0 / count as f64 };
        g.iter_mut().for_each(|x| *x *= scale);
    }
    /// The Hessian 1/m Σᵢ σᵢ(1 − σᵢ)·x̃ᵢx̃ᵢᵀ, x̃ = (x, 1), row-major (n + 1) × (n + 1).
    pub fn hessian(&self, p: &[f64]) -> Vec<f64> {
        let k = self.data.n + 1;
        let mut h = vec![0.0; k * k];
        let mut xt = vec![1.0; k];
        for i in 0..self.data.rows() {
            xt[..k - 1].copy_from_slice(self.data.row(i));
            let s = sigmoid(self.z(p, &xt[..k - 1]));
            let c = s * (1.0 - s);
            for a in 0..k {
                for b in 0..k {
                    h[a * k + b] += c * xt[a] * xt[b];
                }
            }
        }
        let m = self.data.rows() as f64;
        h.iter_mut().for_each(|x| *x /= m);
        h
    }
    /// Damped Newton's method from p = 0.
    fn solve(&self) -> Option<Vec<f64>> {
        if self.data.rows() == 0 || (self.data.n == 1 && self.data.separable()) {
            return None;
        }
        let k = self.data.n + 1;
        let mut p = vec![0.0; k];
        let mut g = vec![0.0; k];
        for _ in 0..100 {
            self.gradient(&p, &mut g);
            let step = cholesky_solve(&self.hessian(&p), &g)?;
            // Halve the step until the cost does not rise (Newton can overshoot far from the minimum).
            let c0 = self.value(&p);
            let mut t = 1.0;
            let mut next: Vec<f64> = p.iter().zip(&step).map(|(x, d)| x - d).collect();
            while self.value(&next) > c0 && t > 1e-6 {
                t *= 0.5;
                next = p.iter().zip(&step).map(|(x, d)| x - t * d).collect();
            }
            let size = step.iter().fold(0.0f64, |a, d| a.max((t * d).abs()));
            p = next;
            let far = p.iter().fold(0.0f64, |a, x| a.max(x.abs()));
            if !far.is_finite() || far > 1e6 {
                return None;
            }
            if size <= 1e-13 * (1.0 + far) {
                return Some(p);
            }
        }
        None
    }
}

impl Surface for LogReg {
    fn name(&self) -> &'static str {
        self.name
    }
    fn dim(&self) -> usize {
        self.data.n + 1
    }
    fn value(&self, p: &[f64]) -> f64 {
        mean_cross_entropy(&self.data, |i| self.z(p, self.data.row(i)))
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        self.mean_gradient(p, 0..self.data.rows(), g)
    }
    fn gradient_rows(&self, p: &[f64], rows: &[usize], g: &mut [f64]) {
        self.mean_gradient(p, rows.iter().copied(), g)
    }
    /// The first two weights, each within ±bound.
    fn domain(&self) -> Domain {
        Domain::new([-self.bound; 2], [self.bound; 2])
    }
    fn bounds(&self) -> Vec<(f64, f64)> {
        vec![(-self.bound, self.bound); self.dim()]
    }
    fn minima(&self) -> Vec<Minimum> {
        self.minimum.iter().cloned().collect()
    }
    /// Every weight and the bias at 0: the model says ½ for every row, C = ln 2.
    fn start(&self) -> Vec<f64> {
        vec![0.0; self.dim()]
    }
    fn rows(&self) -> usize {
        self.data.rows()
    }
    fn data(&self) -> Option<&Dataset> {
        Some(&self.data)
    }
    /// The weights are one filter (the one output unit's incoming weights); b is in none.
    fn filters(&self) -> Vec<Range<usize>> {
        std::iter::once(0..self.data.n).collect()
    }
    fn probability(&self, p: &[f64], x: &[f64]) -> Option<f64> {
        Some(sigmoid(self.z(p, x)))
    }
    /// w1 … wn, b.
    fn param_names(&self) -> Vec<String> {
        (1..=self.data.n).map(|j| format!("w{j}")).chain(["b".to_string()]).collect()
    }
}

/// Cats vs dogs by logistic regression on claw sharpness ([`Dataset::cats`]): [`LogReg`] with one
/// feature, P(cat | x) = σ(w·x + b), C(w, b) = 1/m Σᵢ [ ln(1 + e^zᵢ) − yᵢ·zᵢ ] with zᵢ = w·xᵢ + b.
///
/// If one class lies wholly on one side of the other (possible for tiny m), C keeps falling as
/// |w| grows: no minimum is documented then.
#[derive(Clone, Debug)]
pub struct Cats {
    model: LogReg,
    domain: Domain,
}

impl Cats {
    /// m animals drawn from `seed`.
    pub fn new(m: usize, seed: u32) -> Self {
        Self::from_data(Dataset::cats(m, seed))
    }
    /// The cost on a given data set (one feature per row, labels 0 or 1).
    pub fn from_data(data: Dataset) -> Self {
        let model = LogReg::from_data("cats", data);
        let mut domain = Self::DOMAIN;
        // A rare data set (few rows, classes barely overlapping) puts the minimum far out:
        // widen the plot to show it, with a margin of a tenth of the span.
        if let Some(m) = &model.minimum {
            for i in 0..2 {
                let margin = 0.1 * Self::DOMAIN.span(i);
                domain.lo[i] = domain.lo[i].min(m.at[i] - margin);
                domain.hi[i] = domain.hi[i].max(m.at[i] + margin);
            }
        }
        Cats { model, domain }
    }
    /// The usual plot: w in [−1.5, 3], b in [−3, 3]. The minimum lies near w ≈ 1, b ≈ 0
    /// (the boundary −b/w near an average claw); a data set that puts it outside widens the plot.
    pub const DOMAIN: Domain = Domain::new([-1.5, -3.0], [3.0, 3.0]);
}

impl Surface for Cats {
    fn name(&self) -> &'static str {
        "cats"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        self.model.value(p)
    }
    /// ∂C/∂w = 1/m Σ (σ(zᵢ) − yᵢ)·xᵢ, ∂C/∂b = 1/m Σ (σ(zᵢ) − yᵢ).
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        self.model.gradient(p, g)
    }
    fn gradient_rows(&self, p: &[f64], rows: &[usize], g: &mut [f64]) {
        self.model.gradient_rows(p, rows, g)
    }
    /// [`Cats::DOMAIN`], widened if needed so the minimum is on the plot.
    fn domain(&self) -> Domain {
        self.domain
    }
    fn minima(&self) -> Vec<Minimum> {
        self.model.minima()
    }
    /// (−1, 2): a model that calls sharp-clawed animals dogs and leans towards "cat" overall.
    fn start(&self) -> Vec<f64> {
        vec![-1.0, 2.0]
    }
    fn rows(&self) -> usize {
        self.model.rows()
    }
    fn data(&self) -> Option<&Dataset> {
        self.model.data()
    }
    fn probability(&self, p: &[f64], x: &[f64]) -> Option<f64> {
        self.model.probability(p, x)
    }
}
