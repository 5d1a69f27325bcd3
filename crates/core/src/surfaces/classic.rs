//! The classic 2-D test functions of optimization: Rosenbrock, Beale, Himmelblau, and a saddle.

use super::{Domain, Minimum, Surface};

/// Rosenbrock's banana valley: C(w, b) = (1 − w)² + 100·(b − w²)².
///
/// A curved, flat-bottomed valley along b = w²; the single minimum is 0 at (1, 1).
#[derive(Clone, Copy, Debug, Default)]
pub struct Rosenbrock;

impl Surface for Rosenbrock {
    fn name(&self) -> &'static str {
        "rosenbrock"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        let (w, b) = (p[0], p[1]);
        (1.0 - w).powi(2) + 100.0 * (b - w * w).powi(2)
    }
    /// ∂C/∂w = −2(1 − w) − 400·w·(b − w²), ∂C/∂b = 200·(b − w²).
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (w, b) = (p[0], p[1]);
        let r = b - w * w;
        g[0] = -2.0 * (1.0 - w) - 400.0 * w * r;
        g[1] = 200.0 * r;
    }
    fn domain(&self) -> Domain {
        Domain::new([-2.0, -1.0], [2.0, 3.0])
    }
    fn minima(&self) -> Vec<Minimum> {
        vec![Minimum { at: vec![1.0, 1.0], value: 0.0, global: true }]
    }
    /// The textbook start (−1.2, 1), on the far side of the bend.
    fn start(&self) -> Vec<f64> {
        vec![-1.2, 1.0]
    }
}

/// Beale's function: C(w, b) = (1.5 − w + w·b)² + (2.25 − w + w·b²)² + (2.625 − w + w·b³)².
///
/// Flat in the middle with steep walls near the corners; the single minimum is 0 at (3, ½).
#[derive(Clone, Copy, Debug, Default)]
pub struct Beale;

impl Beale {
    const Y: [f64; 3] = [1.5, 2.25, 2.625];
}

impl Surface for Beale {
    fn name(&self) -> &'static str {
        "beale"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        let (w, b) = (p[0], p[1]);
        let mut bk = 1.0;
        Self::Y
            .iter()
            .map(|y| {
                bk *= b;
                (y - w + w * bk).powi(2)
            })
            .sum()
    }
    /// With tₖ = yₖ − w + w·bᵏ (k = 1, 2, 3): ∂C/∂w = Σ 2tₖ·(bᵏ − 1), ∂C/∂b = Σ 2tₖ·k·w·bᵏ⁻¹.
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (w, b) = (p[0], p[1]);
        let (mut gw, mut gb) = (0.0, 0.0);
        let mut bk1 = 1.0; // bᵏ⁻¹
        for (k, y) in Self::Y.iter().enumerate() {
            let bk = bk1 * b;
            let t = y - w + w * bk;
            gw += 2.0 * t * (bk - 1.0);
            gb += 2.0 * t * (k + 1) as f64 * w * bk1;
            bk1 = bk;
        }
        g[0] = gw;
        g[1] = gb;
    }
    fn domain(&self) -> Domain {
        Domain::new([-4.5, -4.5], [4.5, 4.5])
    }
    fn minima(&self) -> Vec<Minimum> {
        vec![Minimum { at: vec![3.0, 0.5], value: 0.0, global: true }]
    }
    /// (1, 1.5): on the flat plateau, from where the way to (3, ½) curves round.
    fn start(&self) -> Vec<f64> {
        vec![1.0, 1.5]
    }
}

/// Himmelblau's function: C(w, b) = (w² + b − 11)² + (w + b² − 7)².
///
/// Four minima, all with value 0 (where w² + b = 11 and w + b² = 7): (3, 2) exactly, and
/// approximately (−2.805118086952745, 3.131312518250573), (−3.779310253377747, −3.283185991286170),
/// (3.584428340330492, −1.848126526964404). The last three are roots of a quartic; the
/// constants below are those roots rounded to f64, computed with mpmath at 40 digits:
///
/// ```text
/// from mpmath import mp, findroot; mp.dps = 40
/// g = lambda w, b: [4*w*(w*w+b-11) + 2*(w+b*b-7), 2*(w*w+b-11) + 4*b*(w+b*b-7)]
/// for p in [(-2.8, 3.1), (-3.8, -3.3), (3.6, -1.8)]: print(findroot(g, p))
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Himmelblau;

impl Himmelblau {
    pub const MINIMA: [[f64; 2]; 4] = [
        [3.0, 2.0],
        [-2.805118086952745, 3.131312518250573],
        [-3.779310253377747, -3.2831859912861696],
        [3.5844283403304917, -1.8481265269644036],
    ];
}

impl Surface for Himmelblau {
    fn name(&self) -> &'static str {
        "himmelblau"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        let (w, b) = (p[0], p[1]);
        (w * w + b - 11.0).powi(2) + (w + b * b - 7.0).powi(2)
    }
    /// With u = w² + b − 11 and v = w + b² − 7: ∂C/∂w = 4w·u + 2v, ∂C/∂b = 2u + 4b·v.
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (w, b) = (p[0], p[1]);
        let u = w * w + b - 11.0;
        let v = w + b * b - 7.0;
        g[0] = 4.0 * w * u + 2.0 * v;
        g[1] = 2.0 * u + 4.0 * b * v;
    }
    fn domain(&self) -> Domain {
        Domain::new([-5.0, -5.0], [5.0, 5.0])
    }
    fn minima(&self) -> Vec<Minimum> {
        Self::MINIMA.iter().map(|m| Minimum { at: m.to_vec(), value: 0.0, global: true }).collect()
    }
    /// (0.5, −0.5), near the central hump: plain GD and momentum end in different minima from here.
    fn start(&self) -> Vec<f64> {
        vec![0.5, -0.5]
    }
}

/// A saddle: C(w, b) = w² − b².
///
/// Downhill along b, uphill along w; the origin is stationary but not a minimum, and there
/// are no minima (C falls without bound along b).
#[derive(Clone, Copy, Debug, Default)]
pub struct Saddle;

impl Surface for Saddle {
    fn name(&self) -> &'static str {
        "saddle"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        p[0] * p[0] - p[1] * p[1]
    }
    /// ∂C/∂w = 2w, ∂C/∂b = −2b.
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        g[0] = 2.0 * p[0];
        g[1] = -2.0 * p[1];
    }
    fn domain(&self) -> Domain {
        Domain::new([-2.0, -2.0], [2.0, 2.0])
    }
    fn minima(&self) -> Vec<Minimum> {
        Vec::new()
    }
    /// (1.8, 0.02): almost on the ridge line b = 0, so a run first heads for the saddle point,
    /// then slides off along b as the tiny offset grows (by 1 + 2α per GD step).
    fn start(&self) -> Vec<f64> {
        vec![1.8, 0.02]
    }
}
