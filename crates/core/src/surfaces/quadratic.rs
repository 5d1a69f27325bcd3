//! Quadratic costs: the 1-D regression parabola, the round bowl and the ravine.

use super::{Domain, Minimum, Surface};
use crate::data::{Dataset, Task};

/// C(w) = 1/(2m) Σᵢ (w·xᵢ − yᵢ)², the cost of the line ŷ = w·x on a small fixed data set.
///
/// Expanded, C(w) = 1/(2m) (Σx²·w² − 2Σxy·w + Σy²): a parabola in w with its
/// minimum at w* = Σxy / Σx² and C(w*) = 1/(2m) (Σy² − (Σxy)²/Σx²).
#[derive(Clone, Debug)]
pub struct Line {
    data: Dataset,
}

impl Line {
    /// Six points that lie roughly on y = 0.8·x.
    pub const XS: [f64; 6] = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0];
    pub const YS: [f64; 6] = [0.6, 0.7, 1.5, 1.4, 2.1, 2.3];

    pub fn new() -> Self {
        Line { data: Dataset { x: Self::XS.to_vec(), n: 1, y: Self::YS.to_vec(), task: Task::Regression } }
    }
    fn sums(&self) -> (f64, f64, f64) {
        let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
        for (x, y) in self.data.x.iter().zip(&self.data.y) {
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
        }
        (sxx, sxy, syy)
    }
    /// w* = Σxy / Σx².
    pub fn best_w(&self) -> f64 {
        let (sxx, sxy, _) = self.sums();
        sxy / sxx
    }
    /// C''(w) = Σx² / m, the parabola's constant curvature.
    pub fn curvature(&self) -> f64 {
        self.sums().0 / self.data.rows() as f64
    }
}

impl Default for Line {
    fn default() -> Self {
        Self::new()
    }
}

impl Surface for Line {
    fn name(&self) -> &'static str {
        "line"
    }
    fn dim(&self) -> usize {
        1
    }
    fn value(&self, p: &[f64]) -> f64 {
        let m = self.data.rows() as f64;
        let w = p[0];
        self.data.x.iter().zip(&self.data.y).map(|(x, y)| (w * x - y).powi(2)).sum::<f64>() / (2.0 * m)
    }
    /// C'(w) = 1/m Σ (w·xᵢ − yᵢ)·xᵢ.
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let w = p[0];
        let s: f64 = self.data.x.iter().zip(&self.data.y).map(|(x, y)| (w * x - y) * x).sum();
        g[0] = s / self.data.rows() as f64;
    }
    /// ∂C/∂w over the given rows = 1/|rows| Σ (w·xᵢ − yᵢ)·xᵢ.
    fn gradient_rows(&self, p: &[f64], rows: &[usize], g: &mut [f64]) {
        let w = p[0];
        let s: f64 = rows.iter().map(|&i| (w * self.data.x[i] - self.data.y[i]) * self.data.x[i]).sum();
        g[0] = if rows.is_empty() { 0.0 } else { s / rows.len() as f64 };
    }
    fn domain(&self) -> Domain {
        Domain::new([-1.0, 0.0], [2.6, 0.0])
    }
    fn minima(&self) -> Vec<Minimum> {
        let w = self.best_w();
        vec![Minimum { at: vec![w], value: self.value(&[w]), global: true }]
    }
    fn rows(&self) -> usize {
        self.data.rows()
    }
    fn data(&self) -> Option<&Dataset> {
        Some(&self.data)
    }
}

/// C(w, b) = ½ (w² + b²): a round bowl, minimum 0 at the origin.
#[derive(Clone, Copy, Debug, Default)]
pub struct Bowl;

impl Surface for Bowl {
    fn name(&self) -> &'static str {
        "bowl"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        0.5 * (p[0] * p[0] + p[1] * p[1])
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        g[0] = p[0];
        g[1] = p[1];
    }
    fn domain(&self) -> Domain {
        Domain::new([-3.0, -3.0], [3.0, 3.0])
    }
    fn minima(&self) -> Vec<Minimum> {
        vec![Minimum { at: vec![0.0, 0.0], value: 0.0, global: true }]
    }
}

/// A long, narrow valley: C(w, b) = 0.05·(u² + κ·v²), where (u, v) is (w, b) turned by −θ:
/// u = w·cos θ + b·sin θ, v = −w·sin θ + b·cos θ.
///
/// With θ = 0 the valley is long along w and steep along b; κ (the condition
/// number, the ratio of the two curvatures 0.1·κ and 0.1) sets how narrow it is.
/// Minimum 0 at the origin.
#[derive(Clone, Copy, Debug)]
pub struct Ravine {
    /// Condition number κ ≥ 1.
    pub kappa: f64,
    /// Rotation θ in degrees.
    pub angle_deg: f64,
}

impl Ravine {
    pub const DEFAULT_KAPPA: f64 = 20.0;
    fn uv(&self, w: f64, b: f64) -> (f64, f64, f64, f64) {
        let (s, c) = self.angle_deg.to_radians().sin_cos();
        (w * c + b * s, -w * s + b * c, s, c)
    }
    /// The two curvatures (eigenvalues of the Hessian): long 0.1, steep 0.1·κ.
    pub fn curvatures(&self) -> (f64, f64) {
        (0.1, 0.1 * self.kappa)
    }
}

impl Default for Ravine {
    fn default() -> Self {
        Ravine { kappa: Self::DEFAULT_KAPPA, angle_deg: 0.0 }
    }
}

impl Surface for Ravine {
    fn name(&self) -> &'static str {
        "ravine"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        let (u, v, _, _) = self.uv(p[0], p[1]);
        0.05 * (u * u + self.kappa * v * v)
    }
    /// ∂C/∂w = 0.1·(u·cos θ − κ·v·sin θ), ∂C/∂b = 0.1·(u·sin θ + κ·v·cos θ).
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (u, v, s, c) = self.uv(p[0], p[1]);
        g[0] = 0.1 * (u * c - self.kappa * v * s);
        g[1] = 0.1 * (u * s + self.kappa * v * c);
    }
    fn domain(&self) -> Domain {
        Domain::new([-5.0, -5.0], [5.0, 5.0])
    }
    fn minima(&self) -> Vec<Minimum> {
        vec![Minimum { at: vec![0.0, 0.0], value: 0.0, global: true }]
    }
}
