//! Cost surfaces: each has a value, a gradient, a plot domain and documented minima.
//!
//! Every surface states its formula in its doc comment. The gradient of each is
//! checked against central differences, and each documented minimum is checked
//! to be stationary with the documented value (`tests/surfaces.rs`).

mod classic;
mod flat;
// The typed formula: public for its operator list and the dual numbers behind its gradient.
#[cfg(feature = "formula")]
pub mod formula;
mod formula_error;
// The tiny network: public for its layout constants (HIDDEN, PARAMS, INIT_STREAM).
#[cfg(feature = "models")]
pub mod mlp;
mod models;
mod multimodal;
// A learner's own data (the playground's module): linear regression on n features.
#[cfg(feature = "table")]
mod own;
mod quadratic;

pub use classic::{Beale, Himmelblau, Rosenbrock, Saddle};
pub use flat::Flat;
#[cfg(feature = "formula")]
pub use formula::{Dual, Formula};
pub use formula_error::FormulaError;
#[cfg(feature = "models")]
pub use mlp::Mlp;
pub use models::{cross_entropy, sigmoid, softplus, Cats, LinReg, LogReg};
pub use multimodal::{Bumpy, Well, Wells};
#[cfg(feature = "table")]
pub use own::{own_model, LeastSquares};
pub use quadratic::{Bowl, Line, Ravine};

use crate::scene::{ErrorKind, Scene, SceneError};
use std::ops::Range;

/// Builds the surface a scene names, with its parameters (`cond`, `angle`, `m`, `seed`, `f`, `domain`).
///
/// `none` builds [`Flat`], a level 1-D line. A formula that cannot be used gives an error of kind
/// [`crate::scene::ErrorKind::Formula`] whose [`FormulaError`] points at the problem.
pub fn build(scene: &Scene) -> Result<Box<dyn Surface>, SceneError> {
    Ok(match scene.surface.as_str() {
        "line" => Box::new(Line::new()),
        "bumpy" => Box::new(Bumpy::new()),
        "bowl" => Box::new(Bowl),
        "ravine" => Box::new(Ravine { kappa: scene.cond, angle_deg: scene.angle }),
        "rosenbrock" => Box::new(Rosenbrock),
        "beale" => Box::new(Beale),
        "himmelblau" => Box::new(Himmelblau),
        "saddle" => Box::new(Saddle),
        "wells" => Box::new(Wells::new()),
        "linreg" => Box::new(LinReg::new(scene.m, scene.seed)),
        "cats" => Box::new(Cats::new(scene.m, scene.seed)),
        #[cfg(feature = "models")]
        "penguins" => Box::new(LogReg::penguins()),
        #[cfg(feature = "models")]
        "mlp" => Box::new(Mlp::penguins(scene.seed)),
        // The lean web module has no models; the page loads the module with them (see web/pick.js).
        #[cfg(not(feature = "models"))]
        "penguins" | "mlp" => return Err(SceneError::needs_models("surface", &scene.surface)),
        #[cfg(feature = "formula")]
        "formula" => Box::new(
            Formula::new(&scene.formula, scene.domain.as_deref())
                .map_err(|e| SceneError::formula(&scene.formula, e))?,
        ),
        // The lean web module has no formula parser; the page loads the full one for formulas.
        #[cfg(not(feature = "formula"))]
        "formula" => return Err(SceneError::formula(&scene.formula, FormulaError::NeedsPlayground)),
        "none" => Box::new(Flat),
        // A learner's data never comes from the scene string: the page hands it to the session
        // (`Session::with_surface`); a scene alone says the data stays with its owner.
        "own" => return Err(SceneError::needs_data()),
        // `Scene::parse` accepts only names in SURFACES, each of which has an arm above
        // (`tests/surfaces.rs` builds every one); a hand-made Scene may still name another.
        other => {
            return Err(SceneError {
                key: "surface".into(),
                value: other.into(),
                kind: ErrorKind::BadValue,
                detail: None,
            })
        }
    })
}

/// The rectangle a surface is drawn on: `lo[i] ..= hi[i]` for each coordinate.
/// 1-D surfaces use only index 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Domain {
    pub lo: [f64; 2],
    pub hi: [f64; 2],
}

impl Domain {
    pub const fn new(lo: [f64; 2], hi: [f64; 2]) -> Self {
        Domain { lo, hi }
    }
    /// Width of coordinate `i`'s range.
    pub fn span(&self, i: usize) -> f64 {
        self.hi[i] - self.lo[i]
    }
    /// True if `p`'s first two coordinates (the plotted ones) lie in the rectangle.
    pub fn contains(&self, p: &[f64]) -> bool {
        p.iter().take(2).enumerate().all(|(i, &x)| x >= self.lo[i] && x <= self.hi[i])
    }
    /// True when `p`'s plotted coordinates are so far outside the domain (1000 spans) that a run
    /// there has certainly blown up.
    pub fn far_outside(&self, p: &[f64]) -> bool {
        far_outside(p.iter().take(2).enumerate().map(|(i, &x)| (x, (self.lo[i], self.hi[i]))))
    }
}

/// True when some coordinate is not finite or lies more than 1000 widths of its range from the
/// range's middle: (x, (lo, hi)) pairs.
pub fn far_outside(coords: impl IntoIterator<Item = (f64, (f64, f64))>) -> bool {
    coords.into_iter().any(|(x, (lo, hi))| !x.is_finite() || (x - 0.5 * (lo + hi)).abs() > 1000.0 * (hi - lo).max(1e-9))
}

/// A documented stationary point that is a minimum: where it is and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Minimum {
    pub at: Vec<f64>,
    pub value: f64,
    /// The lowest of the surface's minima (several may tie).
    pub global: bool,
}

/// A differentiable cost C(p): of one or two parameters for the analytic surfaces, of many for
/// the models ([`LogReg`] on penguins has 5, [`Mlp`] 33).
pub trait Surface: Send + Sync {
    /// The scene name, e.g. `"ravine"`.
    fn name(&self) -> &'static str;
    /// Number of parameters: 1 (w), 2 (w, b), or a model's count.
    fn dim(&self) -> usize;
    /// C(p).
    fn value(&self, p: &[f64]) -> f64;
    /// ∇C(p), written into `g` (`g.len() == dim`).
    fn gradient(&self, p: &[f64], g: &mut [f64]);
    /// Where the surface is drawn and where start points make sense: the first two parameters'
    /// ranges (a model's 2-D slice along them).
    fn domain(&self) -> Domain;
    /// The range of every parameter, one (lo, hi) each: a dragged start is clamped into it, and a
    /// run more than 1000 widths outside has blown up. By default the domain's ranges.
    fn bounds(&self) -> Vec<(f64, f64)> {
        let d = self.domain();
        (0..self.dim()).map(|i| (d.lo[i], d.hi[i])).collect()
    }
    /// The documented minima (may be empty, e.g. for a saddle or a typed formula).
    fn minima(&self) -> Vec<Minimum>;
    /// Where a run starts when the scene gives no `start`: up and to the left of the middle.
    fn start(&self) -> Vec<f64> {
        let d = self.domain();
        (0..self.dim()).map(|i| d.lo[i] + [0.15, 0.8][i] * d.span(i)).collect()
    }
    /// Number of data rows for a data-backed cost (0 for analytic surfaces).
    fn rows(&self) -> usize {
        0
    }
    /// The gradient of the mean cost over `rows` only (mini-batch / SGD).
    /// Analytic surfaces ignore `rows` and return the full gradient.
    fn gradient_rows(&self, p: &[f64], rows: &[usize], g: &mut [f64]) {
        let _ = rows;
        self.gradient(p, g)
    }
    /// The data behind a data-backed cost, for drawing.
    fn data(&self) -> Option<&crate::data::Dataset> {
        None
    }
    /// For a classifier, P(y = 1 | x) under parameters `p`, for one row of features `x`.
    fn probability(&self, p: &[f64], x: &[f64]) -> Option<f64> {
        let _ = (p, x);
        None
    }
    /// The parameters that feed one unit ("filters", Li et al. 2018), for filter-normalized
    /// random directions ([`crate::landscape`]); a parameter in no group (a bias) gets no random
    /// component. By default one group of every parameter.
    fn filters(&self) -> Vec<Range<usize>> {
        std::iter::once(0..self.dim()).collect()
    }
    /// C(o + aᵢ·d₁ + b·d₂) for each aᵢ in `a`, into `out`: points along one line of a 2-D slice
    /// through parameter space (a row of the landscape's lattice). By default one
    /// [`Surface::value`] each; a model may share work between the points.
    fn values_on_line(&self, o: &[f64], d1: &[f64], d2: &[f64], b: f64, a: &[f64], out: &mut [f64]) {
        let mut p = o.to_vec();
        for (&ai, v) in a.iter().zip(out.iter_mut()) {
            for (i, x) in p.iter_mut().enumerate() {
                *x = o[i] + ai * d1[i] + b * d2[i];
            }
            *v = self.value(&p);
        }
    }
    /// For a regression on data, R² = 1 − Σ(ŷᵢ − yᵢ)² / Σ(yᵢ − ȳ)² under `p`.
    fn r_squared(&self, p: &[f64]) -> Option<f64> {
        let _ = p;
        None
    }
    /// The parameters' names, in order: `w` or `w, b` unless a model names its own.
    fn param_names(&self) -> Vec<String> {
        ["w", "b"].iter().take(self.dim()).map(|s| s.to_string()).collect()
    }
}

/// For a classifier on data, the fraction of rows it gets right under `p` (P ≥ ½ read as label 1).
pub fn accuracy(s: &dyn Surface, p: &[f64]) -> Option<f64> {
    let d = s.data()?;
    if d.rows() == 0 {
        return None;
    }
    let mut right = 0usize;
    for i in 0..d.rows() {
        let prob = s.probability(p, d.row(i))?;
        right += ((prob >= 0.5) == (d.y[i] == 1.0)) as usize;
    }
    Some(right as f64 / d.rows() as f64)
}

/// The global minimum with the lowest value, if any is documented.
pub fn global_minimum(s: &dyn Surface) -> Option<Minimum> {
    s.minima().into_iter().filter(|m| m.global).min_by(|a, b| a.value.total_cmp(&b.value))
}

/// Central-difference gradient, used by tests and by sanity checks on typed formulas.
pub fn numeric_gradient(s: &dyn Surface, p: &[f64], h: f64) -> Vec<f64> {
    let mut q = p.to_vec();
    (0..p.len())
        .map(|i| {
            q[i] = p[i] + h;
            let up = s.value(&q);
            q[i] = p[i] - h;
            let down = s.value(&q);
            q[i] = p[i];
            (up - down) / (2.0 * h)
        })
        .collect()
}
