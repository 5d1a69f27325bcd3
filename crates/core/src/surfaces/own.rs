//! The cost of a learner's own data ([`crate::table`]): linear regression on n standardized
//! features, or logistic regression ([`LogReg`]) when the label has two values.

use super::{Domain, LogReg, Minimum, Surface};
use crate::data::{Dataset, Task};
use crate::linalg::cholesky_solve;
use crate::table::Prepared;
use std::ops::Range;

/// Newton's method for the logistic minimum is tried only up to this many m·(n + 1)² (about
/// 30 ms of work natively per iteration at most); a larger data set is trained without one.
const NEWTON_BUDGET: usize = 2_000_000;

/// The model a prepared data set asks for, named `own` in scenes: least squares for a numeric
/// label, logistic regression for a two-valued one.
pub fn own_model(p: Prepared) -> Box<dyn Surface> {
    match p.data.task {
        Task::Regression => Box::new(LeastSquares::new(p.data)),
        Task::Classification => Box::new(LogReg::from_data_within("own", p.data, NEWTON_BUDGET)),
    }
}

/// Linear regression on n features: ŷ = w·x + b = Σⱼ wⱼ·xⱼ + b and
/// C(w, b) = 1/(2m) Σᵢ (w·xᵢ + b − yᵢ)², parameters p = (w₁, …, wₙ, b).
///
/// ∂C/∂wⱼ = 1/m Σᵢ (ŷᵢ − yᵢ)·xᵢⱼ, ∂C/∂b = 1/m Σᵢ (ŷᵢ − yᵢ). The minimum solves the normal
/// equations with centred moments: S·w* = u, b* = ȳ − w*·x̄ (S the features' covariance, u their
/// covariance with y; solved by Cholesky, none documented if S is singular).
#[derive(Clone, Debug)]
pub struct LeastSquares {
    data: Dataset,
    /// x̄ (n), ȳ, S (n × n, row-major), u (n), v = ⟨(y − ȳ)²⟩: the cost in O(n²) for any m.
    xbar: Vec<f64>,
    ybar: f64,
    s: Vec<f64>,
    u: Vec<f64>,
    v: f64,
    minimum: Option<Minimum>,
    bound: f64,
}

impl LeastSquares {
    pub fn new(data: Dataset) -> Self {
        let (m, n) = (data.rows(), data.n);
        let mf = m.max(1) as f64;
        let mut xbar = vec![0.0; n];
        for i in 0..m {
            for (a, x) in xbar.iter_mut().zip(data.row(i)) {
                *a += x;
            }
        }
        xbar.iter_mut().for_each(|a| *a /= mf);
        let ybar = data.y.iter().sum::<f64>() / mf;
        // Centred columns, each contiguous, so every moment is one tight dot product.
        let mut cols: Vec<Vec<f64>> = vec![Vec::with_capacity(m); n];
        for i in 0..m {
            for (c, (x, xb)) in cols.iter_mut().zip(data.row(i).iter().zip(&xbar)) {
                c.push(x - xb);
            }
        }
        let dy: Vec<f64> = data.y.iter().map(|y| y - ybar).collect();
        let dot = |p: &[f64], q: &[f64]| p.iter().zip(q).map(|(a, b)| a * b).sum::<f64>();
        let mut s = vec![0.0; n * n];
        for a in 0..n {
            for b in a..n {
                let x = dot(&cols[a], &cols[b]);
                s[a * n + b] = x;
                s[b * n + a] = x;
            }
        }
        let mut u: Vec<f64> = cols.iter().map(|c| dot(c, &dy)).collect();
        let mut v = dot(&dy, &dy);
        s.iter_mut().for_each(|x| *x /= mf);
        u.iter_mut().for_each(|x| *x /= mf);
        v /= mf;
        let mut me = LeastSquares { data, xbar, ybar, s, u, v, minimum: None, bound: 10.0 };
        if let Some(w) = cholesky_solve(&me.s, &me.u) {
            let b = me.ybar - w.iter().zip(&me.xbar).map(|(a, x)| a * x).sum::<f64>();
            let at: Vec<f64> = w.into_iter().chain([b]).collect();
            if at.iter().all(|x| x.is_finite()) {
                me.minimum = Some(Minimum { value: me.value(&at), at, global: true });
            }
        }
        if let Some(m) = &me.minimum {
            let far = m.at.iter().fold(0.0f64, |a, x| a.max(x.abs()));
            me.bound = me.bound.max((1.25 * far).ceil());
        }
        me
    }

    fn mean_gradient(&self, p: &[f64], rows: impl Iterator<Item = usize>, g: &mut [f64]) {
        let n = self.data.n;
        g.iter_mut().for_each(|x| *x = 0.0);
        let mut count = 0usize;
        for i in rows {
            let x = self.data.row(i);
            let r = x.iter().zip(&p[..n]).fold(p[n], |acc, (xi, wi)| acc + wi * xi) - self.data.y[i];
            for (gj, xj) in g.iter_mut().zip(x) {
                *gj += r * xj;
            }
            g[n] += r;
            count += 1;
        }
        let scale = if count == 0 { 0.0 } else { 1.0 / count as f64 };
        g.iter_mut().for_each(|x| *x *= scale);
    }
}

impl Surface for LeastSquares {
    fn name(&self) -> &'static str {
        "own"
    }
    fn dim(&self) -> usize {
        self.data.n + 1
    }
    /// From the centred moments: with c = w·x̄ + b − ȳ, C = ½ (wᵀSw − 2 w·u + v + c²).
    fn value(&self, p: &[f64]) -> f64 {
        let n = self.data.n;
        let w = &p[..n];
        let mut quad = 0.0;
        for a in 0..n {
            let row = &self.s[a * n..(a + 1) * n];
            quad += w[a] * row.iter().zip(w).map(|(s, x)| s * x).sum::<f64>();
        }
        let wu: f64 = w.iter().zip(&self.u).map(|(a, b)| a * b).sum();
        let c = w.iter().zip(&self.xbar).map(|(a, b)| a * b).sum::<f64>() + p[n] - self.ybar;
        // Rounding may leave a hair below 0 at the minimum of a perfect fit.
        (0.5 * (quad - 2.0 * wu + self.v + c * c)).max(0.0)
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        self.mean_gradient(p, 0..self.data.rows(), g)
    }
    fn gradient_rows(&self, p: &[f64], rows: &[usize], g: &mut [f64]) {
        self.mean_gradient(p, rows.iter().copied(), g)
    }
    fn domain(&self) -> Domain {
        Domain::new([-self.bound; 2], [self.bound; 2])
    }
    fn bounds(&self) -> Vec<(f64, f64)> {
        vec![(-self.bound, self.bound); self.dim()]
    }
    fn minima(&self) -> Vec<Minimum> {
        self.minimum.iter().cloned().collect()
    }
    /// Every weight and the bias at 0.
    fn start(&self) -> Vec<f64> {
        vec![0.0; self.dim()]
    }
    fn rows(&self) -> usize {
        self.data.rows()
    }
    fn data(&self) -> Option<&Dataset> {
        Some(&self.data)
    }
    fn filters(&self) -> Vec<Range<usize>> {
        std::iter::once(0..self.data.n).collect()
    }
    /// R² = 1 − 2C / v: the cost is half the mean squared residual, v the label's variance.
    fn r_squared(&self, p: &[f64]) -> Option<f64> {
        (self.v > 0.0).then(|| 1.0 - 2.0 * self.value(p) / self.v)
    }
    fn param_names(&self) -> Vec<String> {
        (1..=self.data.n).map(|j| format!("w{j}")).chain(["b".to_string()]).collect()
    }
}
