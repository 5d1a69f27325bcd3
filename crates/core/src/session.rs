//! A session: one surface, one or more runs (an optimizer each, for races), stepping together.
//!
//! The session owns all state; the page only asks it to step and reads small results back.

#[cfg(feature = "models")]
use crate::landscape::{Landscape, LandscapeError, Plane};
use crate::optim::{Method, Optimizer};
use crate::rng::Rng;
use crate::scene::{Batch, Scene, SceneError};
use crate::surfaces::{self, Surface};
use std::collections::VecDeque;
use std::sync::Arc;

/// At most this many points of a run's path are kept; older ones are thinned, not dropped.
pub const HISTORY_CAP: usize = 4096;
/// At most this many recent steps are kept in full for the step table and CSV export.
pub const LOG_CAP: usize = 256;
/// A loss above this is treated as a blow-up.
pub const LOSS_LIMIT: f64 = 1e100;

/// One step, in full: what the step table shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StepRecord {
    /// The step number t (from 1).
    pub t: u64,
    /// Parameters before the step.
    pub before: Vec<f64>,
    /// The gradient the step used.
    pub grad: Vec<f64>,
    /// The change applied, Δp = after − before.
    pub update: Vec<f64>,
    /// The optimizer's first-moment buffer after the step (velocity / m; zeros for plain GD).
    pub velocity: Vec<f64>,
    /// Parameters after the step.
    pub after: Vec<f64>,
    /// The full cost at `after`.
    pub loss: f64,
}

/// Why a run stopped.
#[derive(Clone, Debug, PartialEq)]
pub struct Divergence {
    /// The step at which the blow-up was seen.
    pub step: u64,
    /// What went wrong.
    pub cause: Cause,
    /// α times the curvature along the step at the last sound point, when it could be estimated.
    /// Above 2, gradient descent overshoots by more than it corrects.
    pub rate_times_curvature: Option<f64>,
    /// The step landed at finite parameters where the cost has no value (NaN: a typed formula's
    /// `ln` or `sqrt` of a negative number, 0/0), rather than at numbers too large to compute.
    pub undefined: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A parameter or the cost stopped being a finite number (or the cost passed 1e100).
    NonFinite,
    /// The parameters left the plot domain by more than a thousand widths.
    Escaped,
}

/// A path kept at bounded size: every `stride`-th point; when full, every other point is dropped
/// and the stride doubles, so the whole path keeps its shape.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// (step, parameters..., loss) rows, flattened: `dim + 2` numbers a point.
    points: Vec<f64>,
    dim: usize,
    stride: u64,
}

impl History {
    fn new(dim: usize) -> Self {
        History { points: Vec::new(), dim, stride: 1 }
    }
    fn width(&self) -> usize {
        self.dim + 2
    }
    fn push(&mut self, t: u64, p: &[f64], loss: f64) {
        if !t.is_multiple_of(self.stride) {
            return;
        }
        if self.len() >= HISTORY_CAP {
            let w = self.width();
            let kept: Vec<f64> = self.points.chunks(w).step_by(2).flatten().copied().collect();
            self.points = kept;
            self.stride *= 2;
            if !t.is_multiple_of(self.stride) {
                return;
            }
        }
        self.points.push(t as f64);
        self.points.extend_from_slice(p);
        self.points.push(loss);
    }
    /// Number of points kept.
    pub fn len(&self) -> usize {
        self.points.len() / self.width()
    }
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
    /// Point `i`: (step, parameters, loss).
    pub fn point(&self, i: usize) -> (u64, &[f64], f64) {
        let w = self.width();
        let row = &self.points[i * w..(i + 1) * w];
        (row[0] as u64, &row[1..w - 1], row[w - 1])
    }
    pub fn iter(&self) -> impl Iterator<Item = (u64, &[f64], f64)> + '_ {
        (0..self.len()).map(|i| self.point(i))
    }
    /// Bytes held, for memory tests.
    pub fn capacity_bytes(&self) -> usize {
        self.points.capacity() * std::mem::size_of::<f64>()
    }
}

/// Seeded epochs of row indices: each epoch visits every row once in a shuffled order.
#[derive(Clone, Debug)]
pub struct Batcher {
    order: Vec<usize>,
    pos: usize,
    rng: Rng,
    /// Completed epochs.
    pub epoch: u64,
}

impl Batcher {
    pub fn new(rows: usize, seed: u32) -> Self {
        Batcher { order: (0..rows).collect(), pos: rows, rng: Rng::new(seed, 2), epoch: 0 }
    }
    /// The next `k` rows of the epoch (fewer at an epoch's end), written into `out`.
    pub fn next(&mut self, k: usize, out: &mut Vec<usize>) {
        out.clear();
        if self.order.is_empty() {
            return;
        }
        if self.pos >= self.order.len() {
            // A new epoch: a fresh shuffled order of every row.
            self.rng.shuffle(&mut self.order);
            self.pos = 0;
        }
        let end = (self.pos + k.max(1)).min(self.order.len());
        out.extend_from_slice(&self.order[self.pos..end]);
        self.pos = end;
        if self.pos == self.order.len() {
            self.epoch += 1;
        }
    }
}

/// One optimizer's run on the session's surface.
#[derive(Clone, Debug)]
pub struct Run {
    pub optimizer: Optimizer,
    /// Current parameters.
    pub params: Vec<f64>,
    pub start: Vec<f64>,
    pub history: History,
    /// The full cost after each completed epoch (a pass over every row), keyed by the epoch's
    /// number from 1; thinned as [`History`] is. Empty on analytic surfaces.
    pub epoch_losses: History,
    pub log: VecDeque<StepRecord>,
    pub divergence: Option<Divergence>,
    /// The rows the last step's gradient used (empty on analytic surfaces).
    pub last_rows: Vec<usize>,
    /// Examples looked at so far (rows summed over steps; 0 on analytic surfaces).
    pub examples_seen: u64,
    /// Rows per step, or `None` for all rows.
    batch: Option<usize>,
    batcher: Batcher,
    noise: f64,
    noise_rng: Rng,
    grad: Vec<f64>,
    /// The optimizer as it was before the step in progress, restored if that step blows up.
    saved: Optimizer,
}

impl Run {
    pub fn method(&self) -> Method {
        self.optimizer.method
    }
    /// Steps taken, t.
    pub fn iteration(&self) -> u64 {
        self.optimizer.t
    }
    pub fn diverged(&self) -> bool {
        self.divergence.is_some()
    }
    /// Rows per step on a data cost (`None`: all rows).
    pub fn batch(&self) -> Option<usize> {
        self.batch
    }
    /// The name shown to learners: the optimizer, and the batch size of a mini-batch run
    /// ("GD (8 rows)"); SGD and full-batch runs need no suffix.
    pub fn label(&self) -> String {
        match (self.method(), self.batch) {
            (m, Some(k)) if !m.stochastic() => format!("{} ({k})", m.label()),
            (m, _) => m.label().to_string(),
        }
    }
    /// Passes over the data so far: examples seen / rows (0 on analytic surfaces).
    pub fn epochs(&self, rows: usize) -> f64 {
        if rows == 0 {
            0.0
        } else {
            self.examples_seen as f64 / rows as f64
        }
    }
    /// True for a run on a subset of the rows that is not SGD (drawn dashed).
    pub fn mini_batch(&self) -> bool {
        self.batch.is_some() && !self.method().stochastic()
    }
    /// Examples looked at after `t` steps with `rows` data rows: whole epochs of every row, then
    /// the batches of the current epoch (the last batch of an epoch may be smaller).
    pub fn examples_after(&self, t: u64, rows: usize) -> u64 {
        let m = rows as u64;
        let k = self.batch.map(|b| b as u64).unwrap_or(m).max(1);
        if m == 0 {
            return 0;
        }
        let per_epoch = m.div_ceil(k);
        (t / per_epoch) * m + ((t % per_epoch) * k).min(m)
    }
}

/// A surface and its runs.
pub struct Session {
    scene: Scene,
    /// Shared, so a page that rebuilds the runs with other settings keeps one copy of its data.
    surface: Arc<dyn Surface>,
    /// The surface's range of every parameter ([`Surface::bounds`]), read once.
    bounds: Vec<(f64, f64)>,
    pub runs: Vec<Run>,
}

impl Session {
    /// Builds the scene's surface and one run per optimizer in `opt=`.
    pub fn new(scene: Scene) -> Result<Session, SceneError> {
        let surface = surfaces::build(&scene)?;
        Session::with_surface(scene, surface)
    }

    /// A session on a surface made elsewhere (a learner's own data, which never comes from the
    /// scene string): the scene gives the optimizers, their settings, the start and the seed.
    pub fn with_surface(scene: Scene, surface: impl Into<Arc<dyn Surface>>) -> Result<Session, SceneError> {
        let surface = surface.into();
        let runs = runs_for(&scene, surface.as_ref())?;
        let bounds = surface.bounds();
        Ok(Session { scene, surface, bounds, runs })
    }

    /// Parses `query` and builds the session.
    pub fn from_query(query: &str) -> Result<Session, SceneError> {
        Session::new(Scene::parse(query)?)
    }

    pub fn scene(&self) -> &Scene {
        &self.scene
    }
    pub fn surface(&self) -> &dyn Surface {
        self.surface.as_ref()
    }

    /// Advances every run that has not stopped by up to `n` steps; returns the most steps any run took.
    pub fn step(&mut self, n: u32) -> u32 {
        let surface = self.surface.as_ref();
        let bounds = &self.bounds;
        self.runs.iter_mut().map(|r| step_run(surface, bounds, r, n)).max().unwrap_or(0)
    }

    /// Back to the start point with empty buffers and the same seed, so the replay is identical.
    pub fn reset(&mut self) {
        if let Ok(runs) = runs_for(&self.scene, self.surface.as_ref()) {
            self.runs = runs;
        }
    }

    /// Moves the start point (each parameter clamped into its [`Surface::bounds`]) and resets.
    /// A point of the wrong length is ignored; a point where the cost is undefined (a typed
    /// formula's `ln` of a negative number) keeps the old start.
    pub fn set_start(&mut self, p: &[f64]) {
        if p.len() == self.bounds.len() {
            let p: Vec<f64> = p
                .iter()
                .zip(&self.bounds)
                .map(|(&x, &(lo, hi))| if x.is_finite() { x.clamp(lo, hi) } else { lo })
                .collect();
            let rounded: Vec<f64> = p.iter().map(|x| (x * 1000.0).round() / 1000.0).collect();
            let mut scene = self.scene.clone();
            scene.start = Some(rounded);
            if let Ok(runs) = runs_for(&scene, self.surface.as_ref()) {
                self.runs = runs;
                self.scene = scene;
            }
        }
    }

    /// The full-batch gradient at run `i`'s current parameters: what a full step would use next.
    pub fn gradient(&self, i: usize) -> Vec<f64> {
        let mut g = vec![0.0; self.surface.dim()];
        self.surface.gradient(&self.runs[i].params, &mut g);
        g
    }

    /// The cost at run `i`'s current parameters.
    pub fn loss(&self, i: usize) -> f64 {
        self.surface.value(&self.runs[i].params)
    }

    /// The canonical scene string.
    pub fn to_query(&self) -> String {
        self.scene.to_query()
    }

    /// The run whose current cost is lowest among those still running (else among all; the
    /// first of equals): where a landscape slice passes by default.
    pub fn best_run(&self) -> usize {
        let running = self.runs.iter().any(|r| !r.diverged());
        (0..self.runs.len())
            .filter(|&i| !running || !self.runs[i].diverged())
            .min_by(|&i, &j| self.loss(i).total_cmp(&self.loss(j)))
            .unwrap_or(0)
    }

    /// A 2-D slice of the cost through run `origin`'s current parameters (the lowest-cost run's,
    /// [`Session::best_run`], if `None` or out of range), in `plane`, with every run's kept path
    /// projected onto it. Its lattice is empty: fill it with [`Landscape::work`].
    #[cfg(feature = "models")]
    pub fn landscape(&self, plane: Plane, origin: Option<usize>) -> Result<Landscape, LandscapeError> {
        let o = origin.filter(|&i| i < self.runs.len()).unwrap_or_else(|| self.best_run());
        let at = &self.runs[o].params;
        let paths: Vec<Vec<&[f64]>> = self.runs.iter().map(|r| r.history.iter().map(|(_, p, _)| p).collect()).collect();
        match plane {
            Plane::Pca => Landscape::pca(at, &paths),
            Plane::Random => Landscape::random(self.surface.as_ref(), at, &paths, self.scene.seed),
        }
    }

    /// Run `i`'s R² (1 − residual / total sum of squares) at its current parameters (on a regression).
    pub fn r_squared(&self, i: usize) -> Option<f64> {
        self.surface.r_squared(&self.runs.get(i)?.params)
    }

    /// Run `i`'s share of rows classified right at its current parameters (on a classifier).
    pub fn accuracy(&self, i: usize) -> Option<f64> {
        surfaces::accuracy(self.surface.as_ref(), &self.runs.get(i)?.params)
    }
}

/// One run per optimizer of `scene` on `surface`, at the scene's start (or the surface's own).
fn runs_for(scene: &Scene, surface: &dyn Surface) -> Result<Vec<Run>, SceneError> {
    let dim = surface.dim();
    let start = match &scene.start {
        Some(s) if s.len() == dim => s.clone(),
        Some(s) => {
            let v = s.iter().map(|x| crate::scene::fmt_num(*x)).collect::<Vec<_>>().join(",");
            return Err(SceneError::mismatch("start", &v));
        }
        None => surface.start(),
    };
    // A typed formula may be undefined where the run would start (ln of a negative number,
    // 1/0): refuse it here, with the reason, rather than show a cost of NaN.
    if !surface.value(&start).is_finite() {
        let at = ["w", "b"]
            .iter()
            .zip(&start)
            .map(|(n, x)| format!("{n} = {}", crate::scene::show_num(*x)))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(SceneError::formula(&scene.formula, surfaces::FormulaError::UndefinedAtStart { at }));
    }
    let rows = surface.rows();
    let runs: Vec<Run> = scene
        .opts
        .iter()
        .enumerate()
        .map(|(i, &method)| {
            let batch = match (rows, method.stochastic(), scene.batch_of(i)) {
                (0, _, _) => None,
                (_, true, _) => Some(1),
                (_, false, Batch::All) => None,
                (r, false, Batch::Size(k)) => Some(k.min(r)),
            };
            let optimizer = Optimizer::new(method, scene.hyper(i), dim);
            let mut run = Run {
                saved: optimizer.clone(),
                optimizer,
                params: start.clone(),
                start: start.clone(),
                history: History::new(dim),
                epoch_losses: History::new(0),
                log: VecDeque::new(),
                divergence: None,
                last_rows: Vec::new(),
                examples_seen: 0,
                batch,
                batcher: Batcher::new(rows, scene.seed),
                noise: if method.stochastic() && rows == 0 { scene.noise } else { 0.0 },
                noise_rng: Rng::new(scene.seed, 3),
                grad: vec![0.0; dim],
            };
            let loss = surface.value(&run.params);
            run.history.push(0, &run.params, loss);
            if rows > 0 {
                run.epoch_losses.push(0, &[], loss);
            }
            run
        })
        .collect();
    Ok(runs)
}

/// The second derivative of `s` along the unit direction of `d` at `p`, by central differences.
fn curvature_along(s: &dyn Surface, p: &[f64], d: &[f64]) -> Option<f64> {
    let norm = d.iter().map(|x| x * x).sum::<f64>().sqrt();
    if !(norm.is_finite() && norm > 0.0) {
        return None;
    }
    let h = 1e-3 * (1.0 + p.iter().map(|x| x.abs()).fold(0.0, f64::max));
    let at = |k: f64| -> Vec<f64> { p.iter().zip(d).map(|(x, di)| x + k * h * di / norm).collect() };
    let c = (s.value(&at(1.0)) - 2.0 * s.value(p) + s.value(&at(-1.0))) / (h * h);
    c.is_finite().then_some(c)
}

/// Copies the optimizer's state (step count and buffers) from `src` into `dst`, reusing `dst`'s memory.
fn save_state(dst: &mut Optimizer, src: &Optimizer) {
    dst.t = src.t;
    dst.v.clone_from(&src.v);
    dst.s.clone_from(&src.s);
    dst.last.clone_from(&src.last);
}

fn step_run(surface: &dyn Surface, bounds: &[(f64, f64)], run: &mut Run, n: u32) -> u32 {
    let mut taken = 0;
    let rows = surface.rows();
    while taken < n && run.divergence.is_none() {
        let before = run.params.clone();
        let seen_before = run.examples_seen;
        // The gradient this step uses: all rows, a mini-batch, one row, or the exact one plus noise.
        match run.batch {
            Some(k) => {
                run.batcher.next(k, &mut run.last_rows);
                surface.gradient_rows(&run.params, &run.last_rows, &mut run.grad);
                run.examples_seen += run.last_rows.len() as u64;
            }
            None => {
                surface.gradient(&run.params, &mut run.grad);
                if rows > 0 {
                    run.last_rows.clear();
                    run.last_rows.extend(0..rows);
                    run.examples_seen += rows as u64;
                }
            }
        }
        if run.noise > 0.0 {
            for g in run.grad.iter_mut() {
                // The exact-arithmetic normal, so a seed replays bit for bit natively and in wasm.
                *g += run.noise * crate::data::normal_exact(&mut run.noise_rng);
            }
        }
        save_state(&mut run.saved, &run.optimizer);
        run.optimizer.step(&mut run.params, &run.grad);
        let loss = surface.value(&run.params);
        let t = run.optimizer.t;
        // Every number the page can show must stay finite: the parameters, the cost, the gradient
        // the step used and the optimizer's buffers (g² can overflow while the step stays finite).
        let o = &run.optimizer;
        let bad_number = !loss.is_finite()
            || loss.abs() > LOSS_LIMIT
            || [&run.params, &run.grad, &o.v, &o.s].iter().any(|xs| xs.iter().any(|x| !x.is_finite()))
            || !o.last.iter().all(|k| k.finite());
        let escaped = surfaces::far_outside(run.params.iter().copied().zip(bounds.iter().copied()));
        if bad_number || escaped {
            let lr = run.optimizer.hyper.lr;
            let rate_times_curvature = curvature_along(surface, &before, &run.grad).map(|c| lr * c);
            let undefined = loss.is_nan() && run.params.iter().all(|x| x.is_finite());
            run.divergence = Some(Divergence {
                step: t,
                cause: if bad_number { Cause::NonFinite } else { Cause::Escaped },
                rate_times_curvature,
                undefined,
            });
            // Keep the last sound point on screen, with the optimizer's buffers and step count as
            // they were there; never show the broken numbers.
            run.params = before;
            save_state(&mut run.optimizer, &run.saved);
            run.examples_seen = seen_before;
            break;
        }
        taken += 1;
        if run.log.len() == LOG_CAP {
            run.log.pop_front();
        }
        run.log.push_back(StepRecord {
            t,
            before,
            grad: run.grad.clone(),
            update: run.optimizer.last_update(),
            velocity: run.optimizer.v.clone(),
            after: run.params.clone(),
            loss,
        });
        run.history.push(t, &run.params, loss);
        if rows > 0 && run.examples_seen / rows as u64 > seen_before / rows as u64 {
            run.epoch_losses.push(run.examples_seen / rows as u64, &[], loss);
        }
    }
    taken
}
