//! Costs with several minima, for the local-optimum trap: `bumpy` (1-D) and `wells` (2-D).
//!
//! Their minima have no closed form; each is found at construction by Newton's method on
//! the gradient with the analytic second derivative, started from a rough location, and
//! `tests/surfaces.rs` checks that each is stationary.

use super::{Domain, Minimum, Surface};

/// Marks the lowest of `minima` (and any within 1e−12 of it) as global.
fn mark_global(minima: &mut [Minimum]) {
    let lowest = minima.iter().map(|m| m.value).fold(f64::INFINITY, f64::min);
    for m in minima {
        m.global = m.value <= lowest + 1e-12;
    }
}

/// A bumpy 1-D cost: C(w) = 0.1·w² + sin(2w) + 1, a wide parabola with ripples.
///
/// Three minima on the plot domain [−5, 4.5], of clearly different depths:
/// w ≈ −0.7480 (global, C ≈ 0.0587), w ≈ 2.2431 (C ≈ 0.5286) and w ≈ −3.7356 (C ≈ 1.4678).
/// The exact values are refined by Newton's method in [`Bumpy::new`].
#[derive(Clone, Debug)]
pub struct Bumpy {
    minima: Vec<Minimum>,
}

impl Bumpy {
    /// Rough locations of the minima, refined by Newton's method.
    const GUESSES: [f64; 3] = [-3.7356, -0.748, 2.2431];

    pub fn new() -> Self {
        let s = Bumpy { minima: Vec::new() };
        let mut minima: Vec<Minimum> = Self::GUESSES
            .iter()
            .map(|&w0| {
                let mut w = w0;
                for _ in 0..50 {
                    let step = s.slope(w) / s.curvature(w);
                    w -= step;
                    if step.abs() <= 1e-16 * w.abs().max(1.0) {
                        break;
                    }
                }
                Minimum { at: vec![w], value: s.value(&[w]), global: false }
            })
            .collect();
        mark_global(&mut minima);
        Bumpy { minima }
    }
    /// C′(w) = 0.2·w + 2·cos(2w).
    pub fn slope(&self, w: f64) -> f64 {
        0.2 * w + 2.0 * (2.0 * w).cos()
    }
    /// C″(w) = 0.2 − 4·sin(2w).
    pub fn curvature(&self, w: f64) -> f64 {
        0.2 - 4.0 * (2.0 * w).sin()
    }
}

impl Default for Bumpy {
    fn default() -> Self {
        Self::new()
    }
}

impl Surface for Bumpy {
    fn name(&self) -> &'static str {
        "bumpy"
    }
    fn dim(&self) -> usize {
        1
    }
    fn value(&self, p: &[f64]) -> f64 {
        let w = p[0];
        0.1 * w * w + (2.0 * w).sin() + 1.0
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        g[0] = self.slope(p[0]);
    }
    fn domain(&self) -> Domain {
        Domain::new([-5.0, 0.0], [4.5, 0.0])
    }
    fn minima(&self) -> Vec<Minimum> {
        self.minima.clone()
    }
    /// w = 4: downhill from here is the shallow dip at w ≈ 2.24, not the global one.
    fn start(&self) -> Vec<f64> {
        vec![4.0]
    }
}

/// One Gaussian well: depth d, centre (a, c), width s.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Well {
    pub depth: f64,
    pub centre: [f64; 2],
    pub width: f64,
}

/// Three wells in a gentle bowl:
/// C(w, b) = 0.05·(w² + b²) − Σₖ dₖ·exp(−((w − aₖ)² + (b − cₖ)²) / (2sₖ²)).
///
/// The wells ([`Wells::WELLS`]) have depths 2, 1.3 and 0.8, so the three minima differ clearly:
/// ≈ (−1.441, −0.961) with C ≈ −1.844 (global), ≈ (1.905, 1.429) with C ≈ −1.002, and
/// ≈ (−1.128, 2.251) with C ≈ −0.464. The bowl keeps every run on the plot [−4, 4]².
#[derive(Clone, Debug)]
pub struct Wells {
    minima: Vec<Minimum>,
}

impl Wells {
    pub const WELLS: [Well; 3] = [
        Well { depth: 2.0, centre: [-1.5, -1.0], width: 0.9 },
        Well { depth: 1.3, centre: [2.0, 1.5], width: 0.8 },
        Well { depth: 0.8, centre: [-1.2, 2.4], width: 0.7 },
    ];
    /// The bowl's coefficient: 0.05·(w² + b²).
    pub const BOWL: f64 = 0.05;

    pub fn new() -> Self {
        let s = Wells { minima: Vec::new() };
        let mut minima: Vec<Minimum> = Self::WELLS
            .iter()
            .map(|well| {
                let mut p = well.centre;
                let mut g = [0.0; 2];
                for _ in 0..50 {
                    s.gradient(&p, &mut g);
                    let [[h11, h12], [_, h22]] = s.hessian(p);
                    let det = h11 * h22 - h12 * h12;
                    let step = [(h22 * g[0] - h12 * g[1]) / det, (h11 * g[1] - h12 * g[0]) / det];
                    p = [p[0] - step[0], p[1] - step[1]];
                    if step[0].abs().max(step[1].abs()) <= 1e-16 {
                        break;
                    }
                }
                Minimum { at: p.to_vec(), value: s.value(&p), global: false }
            })
            .collect();
        mark_global(&mut minima);
        Wells { minima }
    }

    /// The Hessian: 0.1·I + Σₖ (dₖ·eₖ/sₖ²)·(I − r rᵀ/sₖ²), with r = p − centreₖ and
    /// eₖ = exp(−|r|²/(2sₖ²)).
    pub fn hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2] {
        let mut h = [[2.0 * Self::BOWL, 0.0], [0.0, 2.0 * Self::BOWL]];
        for well in &Self::WELLS {
            let r = [p[0] - well.centre[0], p[1] - well.centre[1]];
            let s2 = well.width * well.width;
            let k = well.depth * (-(r[0] * r[0] + r[1] * r[1]) / (2.0 * s2)).exp() / s2;
            for i in 0..2 {
                for j in 0..2 {
                    h[i][j] += k * ((i == j) as u8 as f64 - r[i] * r[j] / s2);
                }
            }
        }
        h
    }
}

impl Default for Wells {
    fn default() -> Self {
        Self::new()
    }
}

impl Surface for Wells {
    fn name(&self) -> &'static str {
        "wells"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        let (w, b) = (p[0], p[1]);
        let mut c = Self::BOWL * (w * w + b * b);
        for well in &Self::WELLS {
            let (dw, db) = (w - well.centre[0], b - well.centre[1]);
            c -= well.depth * (-(dw * dw + db * db) / (2.0 * well.width * well.width)).exp();
        }
        c
    }
    /// ∇C = 0.1·(w, b) + Σₖ (dₖ·eₖ/sₖ²)·(w − aₖ, b − cₖ), eₖ = exp(−|p − centreₖ|²/(2sₖ²)).
    #[inline]
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (w, b) = (p[0], p[1]);
        let (mut gw, mut gb) = (2.0 * Self::BOWL * w, 2.0 * Self::BOWL * b);
        for well in &Self::WELLS {
            let (dw, db) = (w - well.centre[0], b - well.centre[1]);
            let inv = 1.0 / (well.width * well.width);
            let k = well.depth * inv * (-0.5 * (dw * dw + db * db) * inv).exp();
            gw += k * dw;
            gb += k * db;
        }
        g[0] = gw;
        g[1] = gb;
    }
    fn domain(&self) -> Domain {
        Domain::new([-4.0, -4.0], [4.0, 4.0])
    }
    fn minima(&self) -> Vec<Minimum> {
        self.minima.clone()
    }
    /// (3.2, 3): above the middle well, so plain GD settles there and misses the deepest one.
    fn start(&self) -> Vec<f64> {
        vec![3.2, 3.0]
    }
}
