//! The basin map: for a grid of start points, which documented minimum an optimizer ends in.
//!
//! The heaviest computation in the app (200 × 200 starts × 500 steps is 2·10⁷ gradient
//! evaluations), so the inner loop is specialized: parameters and buffers live in fixed-size
//! arrays on the stack (nothing is allocated per run or per step), Adam's bias corrections are
//! computed once per step number for the whole map, and a run stops as soon as it has settled.
//! The update rules are those of [`Optimizer::step`]; a test checks that the two give
//! identical trajectories, bit for bit.

use crate::optim::{update, Hyper, Method, Optimizer, StepFactors};
use crate::surfaces::{Domain, Surface};

/// The map's value for a run that did not settle in a documented minimum: it was still moving
/// after the last step, stopped elsewhere (a saddle, a plateau), or blew up.
pub const UNSETTLED: u8 = 255;

/// What to compute: the optimizer, the grid of starts and the number of steps per run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BasinSpec {
    pub method: Method,
    pub hyper: Hyper,
    /// Start points across w.
    pub nx: usize,
    /// Start points across b (ignored, taken as 1, on a 1-D surface).
    pub ny: usize,
    /// Steps per run at most.
    pub steps: u32,
}

/// A step shorter than this fraction of the capture radius counts as quiet; two quiet steps in
/// a row within the radius of a minimum end a run early. (Two, because a run with momentum
/// passes a turning point with one short step; two short steps in a row need a small gradient.)
/// On `wells` and `himmelblau`, for every rule, stopping early this way gives the same map as
/// running every step.
pub const QUIET: f64 = 1e-4;

/// Start point (i, j) of an nx × ny grid over `domain`: the centre of cell (i, j), so the grid
/// covers the domain evenly without touching its edges. Row j = 0 is the lowest b.
pub fn start_point(domain: &Domain, nx: usize, ny: usize, i: usize, j: usize) -> [f64; 2] {
    [
        domain.lo[0] + (i as f64 + 0.5) / nx as f64 * domain.span(0),
        domain.lo[1] + (j as f64 + 0.5) / ny.max(1) as f64 * domain.span(1),
    ]
}

/// The parameter-space distance within which a run counts as "in" a minimum: 2% of the larger
/// domain span, but at most a quarter of the distance between the two closest minima.
pub fn capture_radius(surface: &dyn Surface) -> f64 {
    let d = surface.domain();
    let mut r = 0.02 * (0..surface.dim()).map(|i| d.span(i)).fold(0.0, f64::max);
    let minima = surface.minima();
    for (a, ma) in minima.iter().enumerate() {
        for mb in &minima[a + 1..] {
            let dist = ma.at.iter().zip(&mb.at).map(|(x, y)| (x - y).powi(2)).sum::<f64>().sqrt();
            r = r.min(0.25 * dist);
        }
    }
    r
}

/// Which documented minimum a run from each start point ends in: `nx × ny` bytes, row-major with
/// the start point of byte `j·nx + i` at [`start_point`]`(i, j)`; the index into
/// `surface.minima()`, or [`UNSETTLED`].
///
/// A run ends "in" minimum k when, after `steps` steps, it is within [`capture_radius`] of it.
/// It stops early once it is within that radius and its last two steps were each shorter than
/// [`QUIET`] times the radius; it stops as unsettled if it blows up (a non-finite number, or a
/// thousand domain widths away). `Sgd` runs as `Gd` (no noise: the map is
/// deterministic). With no documented minima (the saddle, a typed formula) every byte is
/// [`UNSETTLED`].
pub fn basin_map(surface: &dyn Surface, spec: &BasinSpec) -> Vec<u8> {
    let ny = if surface.dim() == 1 { 1 } else { spec.ny };
    basin_cells(surface, spec, 0..spec.nx * ny)
}

/// Bytes `cells` of [`basin_map`] (byte `j·nx + i` is start point (i, j)). The page computes the
/// map a few starts at a time with this, so the heaviest computation never blocks a frame, not
/// even the first time its code runs (slower, before the engine has optimized it).
pub fn basin_cells(surface: &dyn Surface, spec: &BasinSpec, cells: std::ops::Range<usize>) -> Vec<u8> {
    let ny = if surface.dim() == 1 { 1 } else { spec.ny };
    let cells = cells.start.min(spec.nx * ny)..cells.end.min(spec.nx * ny);
    let minima = surface.minima();
    if minima.is_empty() || minima.len() >= UNSETTLED as usize || spec.nx == 0 || ny == 0 {
        return vec![UNSETTLED; cells.len()];
    }
    match surface.dim() {
        1 => map::<1>(surface, spec, ny, cells),
        _ => map::<2>(surface, spec, ny, cells),
    }
}

/// Everything a run needs that is the same for every start point.
struct Kernel<'a, const D: usize> {
    surface: &'a dyn Surface,
    method: Method,
    hyper: Hyper,
    steps: usize,
    domain: Domain,
    minima: Vec<[f64; D]>,
    /// Squared capture radius, and the step size below which a run counts as stopped.
    r2: f64,
    still: f64,
    /// Each step's scheduled rate and Adam's 1 − β₁ᵗ, 1 − β₂ᵗ, exactly as Optimizer::step computes them.
    factors: Vec<StepFactors>,
}

impl<'a, const D: usize> Kernel<'a, D> {
    fn new(surface: &'a dyn Surface, spec: &BasinSpec) -> Self {
        let radius = capture_radius(surface);
        Kernel {
            surface,
            method: spec.method,
            hyper: spec.hyper,
            steps: spec.steps as usize,
            domain: surface.domain(),
            minima: surface.minima().iter().map(|m| std::array::from_fn(|i| m.at[i])).collect(),
            r2: radius * radius,
            still: QUIET * radius,
            factors: (1..=spec.steps as u64).map(|t| spec.hyper.factors(spec.method, t)).collect(),
        }
    }

    fn nearest(&self, p: &[f64; D]) -> Option<u8> {
        self.minima
            .iter()
            .position(|m| (0..D).map(|i| (p[i] - m[i]) * (p[i] - m[i])).sum::<f64>() < self.r2)
            .map(|k| k as u8)
    }

    /// One run: the verdict, the last point, and the number of steps taken.
    #[inline]
    fn run(&self, start: [f64; D]) -> (Option<u8>, [f64; D], usize) {
        let (mut p, mut v, mut s, mut g) = (start, [0.0; D], [0.0; D], [0.0; D]);
        // Consecutive steps shorter than `still`.
        let mut quiet = 0u32;
        for t in 0..self.steps {
            self.surface.gradient(&p, &mut g);
            let mut moved = 0.0f64;
            for k in 0..D {
                // The same update, with the same factors, as Optimizer::step.
                let d = update(self.method, &self.hyper, self.factors[t], p[k], g[k], &mut v[k], &mut s[k]);
                p[k] += d;
                moved = moved.max(d.abs());
            }
            if moved < self.still {
                quiet += 1;
                if quiet >= 2 {
                    if let Some(k) = self.nearest(&p) {
                        return (Some(k), p, t + 1);
                    }
                }
            } else {
                quiet = 0;
                if t % 16 == 15 && self.domain.far_outside(&p) {
                    // Checked now and then only: blow-ups are rare, and NaN also lands here.
                    return (None, p, t + 1);
                }
            }
        }
        let settled = p.iter().all(|x| x.is_finite()) && !self.domain.far_outside(&p);
        (if settled { self.nearest(&p) } else { None }, p, self.steps)
    }
}

fn map<const D: usize>(surface: &dyn Surface, spec: &BasinSpec, ny: usize, cells: std::ops::Range<usize>) -> Vec<u8> {
    let kernel = Kernel::<D>::new(surface, spec);
    cells
        .map(|k| {
            let start = start_point(&kernel.domain, spec.nx, ny, k % spec.nx, k / spec.nx);
            let (verdict, _, _) = kernel.run(std::array::from_fn(|d| start[d]));
            verdict.unwrap_or(UNSETTLED)
        })
        .collect()
}

/// The trajectory [`basin_map`] follows from `start` (for tests and for drawing one run):
/// the points after each step, using [`Optimizer::step`] itself.
pub fn reference_run(surface: &dyn Surface, method: Method, hyper: Hyper, start: &[f64], steps: u32) -> Vec<Vec<f64>> {
    let method = if method == Method::Sgd { Method::Gd } else { method };
    let mut opt = Optimizer::new(method, hyper, surface.dim());
    let mut p = start.to_vec();
    let mut g = vec![0.0; surface.dim()];
    (0..steps)
        .map(|_| {
            surface.gradient(&p, &mut g);
            opt.step(&mut p, &g);
            p.clone()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::Schedule;
    use crate::surfaces::{Bumpy, Himmelblau, Saddle, Wells};

    /// The classification the map should give, computed the slow way with Optimizer::step.
    fn slow(surface: &dyn Surface, spec: &BasinSpec) -> Vec<u8> {
        let ny = if surface.dim() == 1 { 1 } else { spec.ny };
        let radius = capture_radius(surface);
        let minima = surface.minima();
        let mut out = Vec::new();
        for j in 0..ny {
            for i in 0..spec.nx {
                let start = start_point(&surface.domain(), spec.nx, ny, i, j);
                let path = reference_run(surface, spec.method, spec.hyper, &start[..surface.dim()], spec.steps);
                // The first point where the step was tiny and a minimum was near, else the end.
                let mut prev = start[..surface.dim()].to_vec();
                let mut verdict = None;
                let mut quiet = 0;
                for p in &path {
                    let moved = p.iter().zip(&prev).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
                    quiet = if moved < QUIET * radius { quiet + 1 } else { 0 };
                    let near = minima
                        .iter()
                        .position(|m| m.at.iter().zip(p).map(|(a, b)| (a - b).powi(2)).sum::<f64>() < radius * radius);
                    if quiet >= 2 && near.is_some() {
                        verdict = near;
                        break;
                    }
                    if surface.domain().far_outside(p) {
                        break;
                    }
                    prev = p.clone();
                }
                let end = path.last().unwrap();
                if verdict.is_none() && !surface.domain().far_outside(end) {
                    verdict = minima.iter().position(|m| {
                        m.at.iter().zip(end).map(|(a, b)| (a - b).powi(2)).sum::<f64>() < radius * radius
                    });
                }
                out.push(verdict.map_or(UNSETTLED, |k| k as u8));
            }
        }
        out
    }

    #[test]
    fn fast_map_agrees_with_the_optimizer_itself() {
        let wells = Wells::new();
        let surfaces: [&dyn Surface; 3] = [&wells, &Himmelblau, &Bumpy::new()];
        for s in surfaces {
            for method in Method::ALL {
                let hyper = Hyper { lr: if s.name() == "himmelblau" { 0.01 } else { 0.1 }, ..Hyper::default() };
                let spec = BasinSpec { method, hyper, nx: 13, ny: 11, steps: 300 };
                assert_eq!(basin_map(s, &spec), slow(s, &spec), "{} with {method:?}", s.name());
            }
        }
    }

    #[test]
    fn kernel_matches_optimizer_step_bit_for_bit() {
        let wells = Wells::new();
        for method in Method::ALL {
            for hyper in [
                Hyper { lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-8, ..Hyper::default() },
                Hyper { lr: 0.3, ..Hyper::default() },
                Hyper {
                    lr: 0.2,
                    wd: 0.1,
                    schedule: Schedule::Cosine { warmup: 20, horizon: 300, floor: 0.1 },
                    ..Hyper::default()
                },
                Hyper { lr: 0.2, schedule: Schedule::Step { every: 50, drop: 0.5 }, ..Hyper::default() },
            ] {
                let spec = BasinSpec { method, hyper, nx: 1, ny: 1, steps: 400 };
                let kernel = Kernel::<2>::new(&wells, &spec);
                for start in [[3.0, -2.0], [-3.5, 3.5], [0.0, 0.1]] {
                    let (_, end, taken) = kernel.run(start);
                    let path = reference_run(&wells, method, hyper, &start, taken as u32);
                    assert_eq!(end.to_vec(), path[taken - 1], "{method:?} from {start:?}, {taken} steps");
                }
            }
        }
    }

    #[test]
    fn stopping_early_gives_the_map_of_running_every_step() {
        let wells = Wells::new();
        let surfaces: [&dyn Surface; 2] = [&wells, &Himmelblau];
        for s in surfaces {
            for method in Method::ALL {
                let lr = if s.name() == "himmelblau" { 0.01 } else { 0.1 };
                let spec = BasinSpec { method, hyper: Hyper { lr, ..Hyper::default() }, nx: 30, ny: 30, steps: 400 };
                let mut kernel = Kernel::<2>::new(s, &spec);
                let early: Vec<Option<u8>> =
                    (0..900).map(|c| kernel.run(start_point(&s.domain(), 30, 30, c % 30, c / 30)).0).collect();
                kernel.still = -1.0; // never quiet: every run takes all its steps
                let full: Vec<Option<u8>> =
                    (0..900).map(|c| kernel.run(start_point(&s.domain(), 30, 30, c % 30, c / 30)).0).collect();
                assert_eq!(early, full, "{} with {method:?}", s.name());
            }
        }
    }

    #[test]
    fn wells_map_shows_every_basin_and_the_saddle_none() {
        let wells = Wells::new();
        let spec =
            BasinSpec { method: Method::Gd, hyper: Hyper { lr: 0.1, ..Hyper::default() }, nx: 40, ny: 40, steps: 500 };
        let map = basin_map(&wells, &spec);
        assert_eq!(map.len(), 1600);
        for k in 0..3u8 {
            let n = map.iter().filter(|&&x| x == k).count();
            assert!(n > 50, "basin {k} has only {n} cells");
        }
        // The start the lesson uses lies in a basin that is not the global one.
        let global = wells.minima().iter().position(|m| m.global).unwrap() as u8;
        let d = wells.domain();
        let s = wells.start();
        let (i, j) = (((s[0] - d.lo[0]) / d.span(0) * 40.0) as usize, ((s[1] - d.lo[1]) / d.span(1) * 40.0) as usize);
        assert_ne!(map[j * 40 + i], global);
        assert!(map[j * 40 + i] != UNSETTLED);
        // Too large a rate: every run blows up.
        let wild = BasinSpec { hyper: Hyper { lr: 50.0, ..Hyper::default() }, ..spec };
        assert!(basin_map(&Himmelblau, &wild).iter().all(|&x| x == UNSETTLED));
        assert!(basin_map(&Saddle, &spec).iter().all(|&x| x == UNSETTLED));
        // A 1-D surface gives one row.
        assert_eq!(basin_map(&Bumpy::new(), &spec).len(), 40);
    }
}

#[cfg(test)]
mod rows_tests {
    use super::*;
    use crate::surfaces::Wells;

    /// Computing the map a few starts at a time (pieces that end mid-row) gives the same bytes
    /// as all at once, and a piece past the end is cut short.
    #[test]
    fn pieces_add_up_to_the_map() {
        let w = Wells::new();
        let spec = BasinSpec {
            method: Method::Momentum,
            hyper: Hyper { lr: 0.1, ..Hyper::default() },
            nx: 23,
            ny: 17,
            steps: 300,
        };
        let whole = basin_map(&w, &spec);
        assert_eq!(whole.len(), 23 * 17);
        let mut parts = Vec::new();
        for k in (0..23 * 17).step_by(7) {
            parts.extend(basin_cells(&w, &spec, k..k + 7));
        }
        assert_eq!(parts, whole);
        assert!(basin_cells(&w, &spec, 23 * 17..23 * 17 + 5).is_empty());
    }
}
