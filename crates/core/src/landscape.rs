//! The loss landscape of a model with many parameters, seen through a 2-D slice.
//!
//! A slice is the real cost on a plane through the final weights θ*:
//! L(a, b) = C(θ* + a·d₁ + b·d₂), on a [`GRID`] × [`GRID`] lattice. Two choices of plane:
//!
//! - [`Plane::Pca`], the plane that best fits the optimizers' paths. The rows θₜ − θ* of every
//!   kept point of every run (one plane for all runs) are stacked into a matrix D; its first two
//!   right singular vectors (the top eigenvectors of DᵀD, a dim × dim matrix, by Jacobi) are
//!   d₁, d₂, orthonormal. Each direction's *explained variance* is σₖ² / Σⱼ σⱼ², the share of
//!   Σ ‖θₜ − θ*‖² it holds. The rows are not centred: the plane passes through θ*, where the
//!   slice is drawn, so it is the least-squares plane through θ* (Li et al. 2018 centre the rows
//!   on their mean; with the plane drawn through θ*, not through that mean, the uncentred fit is
//!   the one the picture shows). Paths project orthogonally: (a, b) = ((θ − θ*)·d₁, (θ − θ*)·d₂).
//! - [`Plane::Random`], filter-normalized random directions (Li et al. 2018, "Visualizing the
//!   Loss Landscape of Neural Nets"; reference code tomgoldstein/loss-landscape, whose defaults
//!   we follow: `--xnorm filter --xignore biasbn`). Each entry is drawn ≈ N(0, 1) (exactly
//!   computed, [`crate::data::normal_exact`], stream [`RANDOM_STREAM`] of the scene's seed); each
//!   filter ([`Surface::filters`]: the weights feeding one unit) is rescaled to the norm of the
//!   same filter in θ*, dᶠ ← dᶠ·‖θ*ᶠ‖/(‖dᶠ‖ + 1e−10); parameters in no filter (the biases) get 0.
//!   The lattice spans a, b ∈ [−1, 1]. Paths project by least squares onto the plane (the
//!   directions are not orthogonal), and [`Landscape::captured`] says how little of them the
//!   plane holds: a random plane can miss the path entirely.
//!
//! The lattice is filled progressively ([`Landscape::work`]), a number of cells at a time, so
//! a page can spread it over frames.

use crate::data::normal_exact;
use crate::linalg::{dot, symmetric_eigen};
use crate::rng::Rng;
use crate::scene::Lang;
use crate::surfaces::Surface;

/// Points per side of the lattice.
pub const GRID: usize = 41;
/// The `Rng` stream of the random directions (data 1, batch order 2, noise 3, network init 4).
pub const RANDOM_STREAM: u64 = 5;

/// Which plane the slice lies in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plane {
    /// The first two principal directions of the runs' paths.
    Pca,
    /// Two filter-normalized random directions.
    Random,
}

impl Plane {
    /// The name used by the page (`"pca"`, `"random"`).
    pub fn key(self) -> &'static str {
        match self {
            Plane::Pca => "pca",
            Plane::Random => "random",
        }
    }
    pub fn from_key(s: &str) -> Option<Plane> {
        [Plane::Pca, Plane::Random].into_iter().find(|p| p.key() == s)
    }
}

/// Why no slice can be drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LandscapeError {
    /// The paths never left the final weights (no step taken yet): no plane fits them.
    NoMovement,
    /// Every filter of the final weights is zero, so filter-normalized directions are zero too.
    ZeroWeights,
    /// The origin or a path has the wrong number of parameters.
    Mismatch,
}

impl LandscapeError {
    /// The message shown in the page.
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (LandscapeError::NoMovement, Lang::En) => {
                "The runs have not moved yet, so no plane fits their paths: take some steps first."
            }
            (LandscapeError::NoMovement, Lang::Ko) => {
                "아직 아무 실행도 움직이지 않아서 경로에 맞는 평면이 없어요. 먼저 몇 걸음 진행하세요."
            }
            (LandscapeError::ZeroWeights, Lang::En) => {
                "Every weight is zero, so directions scaled to the weights would be zero too: train first."
            }
            (LandscapeError::ZeroWeights, Lang::Ko) => {
                "가중치가 모두 0이라 가중치 크기에 맞춘 방향도 0이 돼요. 먼저 학습하세요."
            }
            (LandscapeError::Mismatch, Lang::En) => "The paths do not have the model's number of parameters.",
            (LandscapeError::Mismatch, Lang::Ko) => "경로의 매개변수 개수가 모델과 달라요.",
        }
    }
}

/// A slice of the cost through θ*, its plane, the projected paths and the lattice so far.
#[derive(Clone, Debug)]
pub struct Landscape {
    pub plane: Plane,
    /// θ*, where the slice passes: the lattice's (0, 0).
    pub origin: Vec<f64>,
    /// d₁ and d₂.
    pub directions: [Vec<f64>; 2],
    /// For [`Plane::Pca`], each direction's explained variance (share of Σ ‖θₜ − θ*‖²).
    pub explained: Option<[f64; 2]>,
    /// The share of Σ ‖θₜ − θ*‖² over every kept point that lies in the plane (the sum of the
    /// explained variances for PCA; often near 0 for a random plane).
    pub captured: f64,
    /// The lattice's range: a in `range[0]..=range[1]`, b in `range[2]..=range[3]`.
    pub range: [f64; 4],
    /// Each run's path in plane coordinates (a, b), in the order given.
    pub paths: Vec<Vec<[f64; 2]>>,
    /// Computed values, row by row from b = lo, a = lo first; `done()` of the `GRID²` so far.
    values: Vec<f64>,
    /// The lattice's a and b coordinates.
    ticks: [Vec<f64>; 2],
    row: Vec<f64>,
}

impl Landscape {
    /// The PCA plane of `paths` (each a run's kept points, every point `origin.len()` numbers)
    /// through `origin`. d₁ and d₂ are oriented so that the first path's first point has a ≤ 0
    /// and b ≤ 0 (paths come in from the lower left). The lattice covers every projected point
    /// and θ* with a fifth to spare, with the same scale on both axes.
    pub fn pca(origin: &[f64], paths: &[Vec<&[f64]>]) -> Result<Landscape, LandscapeError> {
        let n = origin.len();
        check(origin, paths)?;
        let mut scatter = vec![0.0; n * n];
        let mut d = vec![0.0; n];
        for p in paths.iter().flatten() {
            for (di, (x, o)) in d.iter_mut().zip(p.iter().zip(origin)) {
                *di = x - o;
            }
            for i in 0..n {
                for j in 0..=i {
                    scatter[i * n + j] += d[i] * d[j];
                }
            }
        }
        for i in 0..n {
            for j in 0..i {
                scatter[j * n + i] = scatter[i * n + j];
            }
        }
        // Σ ‖θₜ − θ*‖², the paths' whole spread.
        let trace: f64 = (0..n).map(|i| scatter[i * n + i]).sum();
        if !(trace > 0.0 && trace.is_finite()) {
            return Err(LandscapeError::NoMovement);
        }
        let (values, mut vectors) = symmetric_eigen(&scatter, n);
        let share = |k: usize| values.get(k).map_or(0.0, |v| (v / trace).max(0.0));
        let explained = [share(0), share(1)];
        vectors.truncate(2);
        // A 1-parameter model has one direction; the second is zero (its slice is a strip).
        vectors.resize(2, vec![0.0; n]);
        let mut directions = [vectors[0].clone(), vectors[1].clone()];
        if let Some(first) = paths.iter().flat_map(|p| p.first()).next() {
            for dir in directions.iter_mut() {
                let c: f64 = first.iter().zip(origin).zip(dir.iter()).map(|((x, o), v)| (x - o) * v).sum();
                if c > 0.0 {
                    dir.iter_mut().for_each(|v| *v = -*v);
                }
            }
        }
        let projected = project(origin, paths, &directions);
        let range = covering(&projected);
        Ok(Landscape::new(
            Plane::Pca,
            origin,
            directions,
            Some(explained),
            explained[0] + explained[1],
            range,
            projected,
        ))
    }

    /// Two filter-normalized random directions through `origin` for `surface` (its
    /// [`Surface::filters`]), drawn from `seed`, with `paths` projected onto them.
    pub fn random(
        surface: &dyn Surface,
        origin: &[f64],
        paths: &[Vec<&[f64]>],
        seed: u32,
    ) -> Result<Landscape, LandscapeError> {
        let n = origin.len();
        if n != surface.dim() {
            return Err(LandscapeError::Mismatch);
        }
        check(origin, paths)?;
        let filters = surface.filters();
        let mut rng = Rng::new(seed, RANDOM_STREAM);
        let mut directions = [vec![0.0; n], vec![0.0; n]];
        for dir in directions.iter_mut() {
            let raw: Vec<f64> = (0..n).map(|_| normal_exact(&mut rng)).collect();
            for f in &filters {
                let f = f.start.min(n)..f.end.min(n);
                let (w, r) = (&origin[f.clone()], &raw[f.clone()]);
                let scale = dot(w, w).sqrt() / (dot(r, r).sqrt() + 1e-10);
                for i in f {
                    dir[i] = raw[i] * scale;
                }
            }
            if dir.iter().all(|&x| x == 0.0) {
                return Err(LandscapeError::ZeroWeights);
            }
        }
        let projected = project(origin, paths, &directions);
        let spread: f64 =
            paths.iter().flatten().map(|p| p.iter().zip(origin).map(|(x, o)| (x - o).powi(2)).sum::<f64>()).sum();
        // ‖projection‖² = cᵀ·G·c with G the directions' Gram matrix.
        let g = gram(&directions);
        let inside: f64 = projected
            .iter()
            .flatten()
            .map(|c| c[0] * c[0] * g[0] + 2.0 * c[0] * c[1] * g[1] + c[1] * c[1] * g[2])
            .sum();
        let captured = if spread > 0.0 { (inside / spread).clamp(0.0, 1.0) } else { 0.0 };
        Ok(Landscape::new(Plane::Random, origin, directions, None, captured, [-1.0, 1.0, -1.0, 1.0], projected))
    }

    fn new(
        plane: Plane,
        origin: &[f64],
        directions: [Vec<f64>; 2],
        explained: Option<[f64; 2]>,
        captured: f64,
        range: [f64; 4],
        paths: Vec<Vec<[f64; 2]>>,
    ) -> Landscape {
        Landscape {
            plane,
            origin: origin.to_vec(),
            directions,
            explained,
            captured,
            range,
            paths,
            values: Vec::with_capacity(GRID * GRID),
            ticks: [0, 2].map(|k| (0..GRID).map(|t| tick(range[k], range[k + 1], t)).collect()),
            row: vec![0.0; GRID],
        }
    }

    /// The lattice point (a, b) of cell `k` (row by row from the bottom).
    pub fn cell(&self, k: usize) -> (f64, f64) {
        (self.ticks[0][k % GRID], self.ticks[1][k / GRID])
    }

    /// Computes up to `max_cells` more lattice values, a stretch of a row at a time
    /// ([`Surface::values_on_line`]); true while cells remain.
    pub fn work(&mut self, surface: &dyn Surface, max_cells: usize) -> bool {
        let end = (self.values.len() + max_cells).min(GRID * GRID);
        while self.values.len() < end {
            let (i, j) = (self.values.len() % GRID, self.values.len() / GRID);
            let stop = (end - j * GRID).min(GRID);
            let [d1, d2] = &self.directions;
            let out = &mut self.row[..stop - i];
            surface.values_on_line(&self.origin, d1, d2, self.ticks[1][j], &self.ticks[0][i..stop], out);
            self.values.extend_from_slice(out);
        }
        !self.finished()
    }

    /// The plane coordinates (a, b) of parameters `p` (least squares, as the paths are projected):
    /// where a run stands now on a slice made earlier.
    pub fn coordinates(&self, p: &[f64]) -> [f64; 2] {
        project(&self.origin, &[vec![p]], &self.directions)[0][0]
    }

    /// Cells computed so far.
    pub fn done(&self) -> usize {
        self.values.len()
    }
    pub fn finished(&self) -> bool {
        self.values.len() == GRID * GRID
    }
    /// The values computed so far, row by row from the bottom (`done()` of them).
    pub fn values(&self) -> &[f64] {
        &self.values
    }
}

/// Point t of `GRID` evenly spaced from lo to hi.
fn tick(lo: f64, hi: f64, t: usize) -> f64 {
    lo + (hi - lo) * t as f64 / (GRID - 1) as f64
}

fn check(origin: &[f64], paths: &[Vec<&[f64]>]) -> Result<(), LandscapeError> {
    let ok = !origin.is_empty() && paths.iter().flatten().all(|p| p.len() == origin.len());
    if ok {
        Ok(())
    } else {
        Err(LandscapeError::Mismatch)
    }
}

/// [d₁·d₁, d₁·d₂, d₂·d₂].
fn gram(d: &[Vec<f64>; 2]) -> [f64; 3] {
    [dot(&d[0], &d[0]), dot(&d[0], &d[1]), dot(&d[1], &d[1])]
}

/// Each point's plane coordinates: the least-squares (a, b) with θ − θ* ≈ a·d₁ + b·d₂ (for
/// orthonormal directions, the two dot products).
fn project(origin: &[f64], paths: &[Vec<&[f64]>], d: &[Vec<f64>; 2]) -> Vec<Vec<[f64; 2]>> {
    let g = gram(d);
    let det = g[0] * g[2] - g[1] * g[1];
    paths
        .iter()
        .map(|path| {
            path.iter()
                .map(|p| {
                    let (mut u, mut v) = (0.0, 0.0);
                    for i in 0..origin.len() {
                        let x = p[i] - origin[i];
                        u += x * d[0][i];
                        v += x * d[1][i];
                    }
                    if det > 1e-300 * g[0].max(g[2]).max(1e-300) {
                        [(g[2] * u - g[1] * v) / det, (g[0] * v - g[1] * u) / det]
                    } else if g[0] > 0.0 {
                        // One direction only (a 1-parameter model): its coordinate, 0 across.
                        [u / g[0], 0.0]
                    } else {
                        [0.0, 0.0]
                    }
                })
                .collect()
        })
        .collect()
}

/// A square range (same scale on both axes) around every point and (0, 0), a fifth to spare.
fn covering(paths: &[Vec<[f64; 2]>]) -> [f64; 4] {
    let (mut lo, mut hi) = ([0.0f64; 2], [0.0f64; 2]);
    for c in paths.iter().flatten() {
        for k in 0..2 {
            if c[k].is_finite() {
                lo[k] = lo[k].min(c[k]);
                hi[k] = hi[k].max(c[k]);
            }
        }
    }
    let span = 1.2 * (hi[0] - lo[0]).max(hi[1] - lo[1]).max(1e-6);
    let mid = [0.5 * (lo[0] + hi[0]), 0.5 * (lo[1] + hi[1])];
    [mid[0] - 0.5 * span, mid[0] + 0.5 * span, mid[1] - 0.5 * span, mid[1] + 0.5 * span]
}
