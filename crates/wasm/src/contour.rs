//! The 2-D map of a cost C(w, b): a heat map and contour lines (cached), or the basin map;
//! per frame, each run's path and marker, and the velocity arrows of momentum-like runs.

use crate::layer::{axes_with, AxisStyle, Frame, Layers, Pen};
use crate::probe::Point;
use crate::theme::{basin_color, method_style, Theme};
use crate::view::{run_point, runs_legend, within, Canvas, Entry};
use descent_core::basin::{basin_cells, BasinSpec, UNSETTLED};
use descent_core::format::number;
use descent_core::Session as Core;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub struct Contour {
    basins: bool,
    frame: Option<Frame>,
    /// The surface sampled for the fill and the contour lines (coarse first, then `GRID`).
    lat: Rc<Lattice>,
    /// The basin map in progress: computed a few start points at a time, in each frame's spare time.
    basin: Option<BasinWork>,
    /// A new surface is drawn on a coarse lattice at once and refined later, a few rows of the
    /// fine lattice per frame (see `work`); the fine values so far while that lasts.
    refine: Option<Vec<f64>>,
    /// The contour lines and minima are drawn into a cached layer (see [`Layers::with_cached`]),
    /// copied onto each repaint; true when the lattice or the frame changed since.
    lines_stale: Cell<bool>,
}

/// The cost on an `n × n` lattice, each value's quantile (0..1) from one sort, and the
/// contour-line segments in lattice coordinates (computed once, drawn once into a cached layer).
#[derive(Default)]
struct Lattice {
    n: usize,
    levels: Vec<f64>,
    segs: Vec<[f64; 4]>,
}

thread_local! {
    /// The last lattice computed, by surface and size: a contour map and a basin map of the
    /// same surface (side by side on one page) sample it once.
    static LAST: RefCell<Option<(String, Rc<Lattice>)>> = const { RefCell::new(None) };
}

/// The cache key of the `n × n` lattice of the scene's surface.
fn lattice_key(s: &Core, n: usize) -> String {
    format!("{n} {}", s.scene().key_of(&["surface", "f", "domain", "cond", "angle", "m", "seed"]))
}

/// The lattice last made under `key`, if any.
fn cached_lattice(key: &str) -> Option<Rc<Lattice>> {
    LAST.with_borrow(|last| last.as_ref().filter(|(k, _)| k == key).map(|(_, l)| l.clone()))
}

/// Samples the surface on an `n × n` lattice: quantiles and contour lines (see [`Lattice`]).
fn lattice(s: &Core, n: usize) -> Rc<Lattice> {
    let key = lattice_key(s, n);
    cached_lattice(&key).unwrap_or_else(|| lattice_of(grid(s, n, n), n, key))
}

/// The lattice of `vals` (`n × n`, see [`grid`]), kept as the last one made under `key`.
fn lattice_of(vals: Vec<f64>, n: usize, key: String) -> Rc<Lattice> {
    let (levels, sorted) = quantiles(&vals);
    // Contour lines at even quantiles of the cost, all found in one pass over the cells.
    let mut segs = Vec::new();
    if sorted.len() > 10 {
        let at: Vec<f64> =
            (1..14).map(|k| sorted[((sorted.len() - 1) as f64 * (k as f64 / 14.0).powf(1.6)) as usize]).collect();
        contour_lines(&vals, n, n, &at, &mut segs);
    }
    let made = Rc::new(Lattice { n, levels, segs });
    LAST.set(Some((key, made.clone())));
    made
}

/// A basin map being filled in, `nx × ny`, rows from the lowest b: `map` holds the starts
/// computed so far, in that order.
struct BasinWork {
    spec: BasinSpec,
    map: Vec<u8>,
    /// When the map so far was last painted (ms, `Date.now()`), and how long that took.
    painted_at: f64,
    paint_ms: f64,
}

impl BasinWork {
    /// The number of start points in the whole map.
    fn cells(&self) -> usize {
        self.spec.nx * self.spec.ny
    }
}

/// While a basin map fills in, it is repainted at most this often (ms): a repaint draws the
/// whole map and copies the cached contour lines over it, and costs more than a piece of work.
const BASIN_REPAINT_MS: f64 = 100.0;

/// Lattice size for the heat map and contour lines: fine enough to look smooth when the
/// quantiles are interpolated between points, coarse enough to draw a new surface in a few ms.
const GRID: usize = 110;
/// The lattice of a new surface's first frame: a third of the work, refined over the next frames.
const GRID_FIRST: usize = 60;
/// Rows of the fine lattice computed in one piece of the refinement.
const REFINE_ROWS: usize = 10;
/// Start points of the basin map computed in one piece of its work: a fifth of a row, so that
/// even the first piece, run before the engine has optimized its code, stays short.
const BASIN_PIECE: usize = 20;
/// Basin-map resolution.
const BASIN_N: usize = 100;

impl Contour {
    pub fn new(basins: bool) -> Self {
        Contour { basins, frame: None, lat: Rc::default(), basin: None, refine: None, lines_stale: Cell::new(true) }
    }

    /// Paints the fill (heat map, or the basin map so far), the contour lines and the minima.
    fn paint(&self, l: &Layers, t: &Theme, s: &Core) {
        let Some(f) = self.frame else { return };
        let at = (f.px.0, f.py.0, f.px.1 - f.px.0, f.py.1 - f.py.0);
        // One pixel per lattice point (image row 0 = the highest b), stretched by the browser.
        let unsettled = t.grid.mix(t.bg, 0.3);
        let not_yet = unsettled.mix(t.bg, 0.5);
        match &self.basin {
            Some(b) => {
                let (nx, ny) = (b.spec.nx, b.spec.ny);
                let mut rgba = vec![0u8; nx * ny * 4];
                for r in 0..ny {
                    let row = ny - 1 - r;
                    for i in 0..nx {
                        let c = if let Some(&k) = b.map.get(row * nx + i) {
                            if k == UNSETTLED {
                                unsettled
                            } else {
                                basin_color(k as usize, t.dark)
                            }
                        } else {
                            not_yet
                        };
                        rgba[(r * nx + i) * 4..(r * nx + i) * 4 + 4].copy_from_slice(&[c.0, c.1, c.2, 255]);
                    }
                }
                l.stretch_rgba(&rgba, nx as u32, ny as u32, at, false);
            }
            None => {
                let n = self.lat.n;
                // 256 shades are more than the eye tells apart on this ramp.
                let lut: Vec<[u8; 4]> = (0..256)
                    .map(|k| {
                        let c = t.heat(k as f64 / 255.0);
                        [c.0, c.1, c.2, 255]
                    })
                    .collect();
                let mut rgba = vec![0u8; n * n * 4];
                for r in 0..n {
                    let row = &self.lat.levels[(n - 1 - r) * n..(n - r) * n];
                    for (i, &q) in row.iter().enumerate() {
                        rgba[(r * n + i) * 4..(r * n + i) * 4 + 4]
                            .copy_from_slice(&lut[(q.clamp(0.0, 1.0) * 255.0 + 0.5) as usize]);
                    }
                }
                l.lattice_image(&rgba, n, at);
            }
        }
        // The contour lines and the documented minima. A basin map repaints every 100 ms while
        // it fills in: it draws them into the cached layer when the lattice or the frame
        // changed, else only copies them. A contour map paints twice (coarse, then fine) and
        // draws them straight onto the background.
        let n = self.lat.n;
        let lines = |c: &web_sys::CanvasRenderingContext2d| {
            if !self.lat.segs.is_empty() {
                let pen = Pen::new(c, l.dpr);
                pen.stroke(&t.muted.css_alpha(if self.basins { 0.35 } else { 0.6 }), 1.0);
                let sx = (f.px.1 - f.px.0) / (n - 1) as f64;
                let sy = (f.py.1 - f.py.0) / (n - 1) as f64;
                pen.segments(
                    self.lat
                        .segs
                        .iter()
                        .map(|g| [f.px.0 + g[0] * sx, f.py.1 - g[1] * sy, f.px.0 + g[2] * sx, f.py.1 - g[3] * sy]),
                );
            }
            // Documented minima, in grey (colour is for what moves): a ringed dot for the
            // lowest, a small ring for the others. No run's marker has either shape.
            let pen = Pen::new(c, l.dpr);
            for m in s.surface().minima() {
                let p = f.to_px(m.at[0], m.at[1]);
                if f.contains_px(p.0, p.1) {
                    pen.stroke(&t.bg.css_alpha(0.8), 4.0);
                    pen.circle(p, if m.global { 7.0 } else { 4.5 }, false);
                    pen.stroke(&t.ink.css_alpha(0.75), 1.8);
                    pen.circle(p, if m.global { 7.0 } else { 4.5 }, false);
                    if m.global {
                        pen.fill(&t.ink.css_alpha(0.75));
                        pen.circle(p, 2.2, true);
                    }
                }
            }
        };
        if self.basins {
            l.with_cached(self.lines_stale.replace(false), lines);
        } else {
            lines(&l.bgc);
        }
    }
}

/// Values on an `nx × ny` grid over the domain, row by row from the bottom (b = lo).
pub fn grid(s: &Core, nx: usize, ny: usize) -> Vec<f64> {
    grid_rows(s, nx, ny, 0..ny)
}

/// Rows `rows` of [`grid`].
fn grid_rows(s: &Core, nx: usize, ny: usize, rows: std::ops::Range<usize>) -> Vec<f64> {
    let d = s.surface().domain();
    let mut out = Vec::with_capacity(nx * rows.len());
    for j in rows {
        let b = d.lo[1] + d.span(1) * j as f64 / (ny - 1) as f64;
        for i in 0..nx {
            let w = d.lo[0] + d.span(0) * i as f64 / (nx - 1) as f64;
            out.push(s.surface().value(&[w, b]));
        }
    }
    out
}

/// Each value's quantile in `vals` (0..1; ties share the lowest rank, like a partition point;
/// 1 for a value that is not finite) and the sorted finite values, from one sort.
pub fn quantiles(vals: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let mut order: Vec<(f64, u32)> =
        vals.iter().enumerate().filter(|(_, v)| v.is_finite()).map(|(i, &v)| (v, i as u32)).collect();
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let n = order.len().max(1) as f64;
    let mut q = vec![1.0; vals.len()];
    let mut first = 0;
    for (k, &(v, i)) in order.iter().enumerate() {
        if v != order[first].0 {
            first = k;
        }
        q[i as usize] = first as f64 / n;
    }
    (q, order.into_iter().map(|(v, _)| v).collect())
}

/// Line segments where the grid crosses each of `levels` (marching squares, one pass over the
/// cells: a cell is looked at only for the levels between its lowest and highest corner), in
/// grid coordinates.
pub fn contour_lines(vals: &[f64], nx: usize, ny: usize, levels: &[f64], out: &mut Vec<[f64; 4]>) {
    let at = |i: usize, j: usize| vals[j * nx + i];
    for j in 0..ny.saturating_sub(1) {
        for i in 0..nx.saturating_sub(1) {
            let (v0, v1, v2, v3) = (at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1));
            if !(v0.is_finite() && v1.is_finite() && v2.is_finite() && v3.is_finite()) {
                continue;
            }
            let (lo, hi) = (v0.min(v1).min(v2).min(v3), v0.max(v1).max(v2).max(v3));
            for &level in levels {
                if level < lo || level >= hi {
                    continue;
                }
                cell_segments([v0, v1, v2, v3], (i as f64, j as f64), level, out);
            }
        }
    }
}

/// The segments of one cell with corners (v0, v1, v2, v3) counter-clockwise from (x, y).
fn cell_segments([v0, v1, v2, v3]: [f64; 4], (x, y): (f64, f64), level: f64, out: &mut Vec<[f64; 4]>) {
    let case = (v0 > level) as u8 | ((v1 > level) as u8) << 1 | ((v2 > level) as u8) << 2 | ((v3 > level) as u8) << 3;
    if case == 0 || case == 15 {
        return;
    }
    let lerp = |a: f64, b: f64| if (b - a).abs() < 1e-300 { 0.5 } else { ((level - a) / (b - a)).clamp(0.0, 1.0) };
    // Edge crossing points: bottom, right, top, left.
    let e = [(x + lerp(v0, v1), y), (x + 1.0, y + lerp(v1, v2)), (x + lerp(v3, v2), y + 1.0), (x, y + lerp(v0, v3))];
    let mut seg = |a: usize, b: usize| out.push([e[a].0, e[a].1, e[b].0, e[b].1]);
    match case {
        1 | 14 => seg(3, 0),
        2 | 13 => seg(0, 1),
        3 | 12 => seg(3, 1),
        4 | 11 => seg(1, 2),
        5 => {
            seg(3, 2);
            seg(0, 1)
        }
        6 | 9 => seg(0, 2),
        7 | 8 => seg(3, 2),
        10 => {
            seg(3, 0);
            seg(1, 2)
        }
        _ => {}
    }
}

/// Axes for the (w, b) map: no grid lines over the fill.
fn plot_frame(l: &Layers, t: &Theme, s: &Core) -> Option<Frame> {
    let d = s.surface().domain();
    let style = AxisStyle { ticks: (6, 6), grid: false, ..AxisStyle::default() };
    axes_with(l, t, (d.lo[0], d.hi[0]), (d.lo[1], d.hi[1]), ("w", "b"), style)
}

impl Canvas for Contour {
    fn bg_key(&self, s: &Core) -> String {
        let sc = s.scene();
        if self.basins {
            sc.key_of(&[
                "surface", "f", "domain", "cond", "angle", "m", "seed", "show", "opt", "lr", "beta1", "beta2", "eps",
                "wd", "schedule", "every", "drop", "warmup", "horizon", "floor",
            ])
        } else {
            sc.key_of(&["surface", "f", "domain", "cond", "angle", "m", "seed", "show"])
        }
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let Some(f) = plot_frame(l, t, s) else { return };
        self.frame = Some(f);
        // The fine lattice when it is made already (a resize, or the map beside this one), else
        // the coarse one now and the fine one over the next frames.
        let fine = cached_lattice(&lattice_key(s, GRID));
        self.refine = fine.is_none().then(|| Vec::with_capacity(GRID * GRID));
        self.lat = fine.unwrap_or_else(|| lattice(s, GRID_FIRST));
        self.lines_stale.set(true);
        self.basin = self.basins.then(|| {
            let run = &s.runs[0];
            let spec =
                BasinSpec { method: run.method(), hyper: run.optimizer.hyper, nx: BASIN_N, ny: BASIN_N, steps: 500 };
            BasinWork {
                spec,
                map: Vec::with_capacity(BASIN_N * BASIN_N),
                painted_at: js_sys::Date::now(),
                paint_ms: 0.0,
            }
        });
        self.paint(l, t, s);
    }

    fn pending(&self) -> bool {
        self.refine.is_some() || self.basin.as_ref().is_some_and(|b| b.map.len() < b.cells())
    }

    /// Refines a new surface's map (drawn coarse) a few lattice rows at a time, or else computes
    /// more start points of the basin map for about `budget_ms` (less the time a repaint takes,
    /// in a frame that repaints), and repaints what is done every [`BASIN_REPAINT_MS`] and at
    /// the end.
    fn work(&mut self, l: &Layers, t: &Theme, s: &Core, budget_ms: f64) -> bool {
        if let Some(vals) = self.refine.as_mut() {
            let key = lattice_key(s, GRID);
            let made = cached_lattice(&key);
            // The rows in this frame's time, then the levels, the lines and the repaint in the
            // next frame's.
            if made.is_none() && vals.len() < GRID * GRID {
                within(budget_ms, || {
                    let j = vals.len() / GRID;
                    vals.extend(grid_rows(s, GRID, GRID, j..(j + REFINE_ROWS).min(GRID)));
                    vals.len() < GRID * GRID
                });
                return true;
            }
            let vals = self.refine.take().unwrap_or_default();
            self.lat = made.unwrap_or_else(|| lattice_of(vals, GRID, key));
            self.lines_stale.set(true);
            self.paint(l, t, s);
            return self.pending();
        }
        let Some(b) = self.basin.as_mut() else { return false };
        if b.map.len() >= b.cells() {
            return false;
        }
        let repaint = js_sys::Date::now() - b.painted_at >= BASIN_REPAINT_MS;
        let busy = within(if repaint { budget_ms - b.paint_ms } else { budget_ms }, || {
            let k = b.map.len();
            let piece = basin_cells(s.surface(), &b.spec, k..k + BASIN_PIECE);
            if piece.is_empty() {
                // (A map with fewer starts than its size says: it is whole.)
                b.map.resize(b.cells(), UNSETTLED);
            }
            b.map.extend_from_slice(&piece);
            b.map.len() < b.cells()
        });
        if repaint || !busy {
            let t0 = js_sys::Date::now();
            self.paint(l, t, s);
            if let Some(b) = self.basin.as_mut() {
                b.painted_at = js_sys::Date::now();
                b.paint_ms = b.painted_at - t0;
            }
        }
        busy
    }

    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        l.clear_fg();
        let Some(f) = self.frame else { return };
        let pen = l.begin_fg(&f);
        let sc = s.scene();
        // Start point: a hollow ring.
        if let Some(r) = s.runs.first() {
            pen.stroke(&t.ink.css(), 1.5);
            pen.circle(f.to_px(r.start[0], r.start[1]), 6.0, false);
        }
        for run in &s.runs {
            let (color, marker) = method_style(run.method(), t.dark);
            // A halo under the path keeps it readable on any fill.
            let pts: Vec<(f64, f64)> = run.history.iter().map(|(_, p, _)| f.to_px(p[0], p[1])).collect();
            pen.stroke(&t.bg.css_alpha(0.8), 4.0);
            pen.polyline(pts.iter().copied());
            pen.stroke(&color.css(), 2.0);
            // Mini-batch runs share their optimizer's colour, dashed.
            pen.dash(if run.mini_batch() { &[6.0, 4.0] } else { &[] });
            pen.polyline(pts.iter().copied());
            pen.dash(&[]);
            let at = f.to_px(run.params[0], run.params[1]);
            if sc.shows("arrows") && run.optimizer.has_velocity() {
                // The velocity v, drawn as the step it would take: −α·v.
                let a = run.optimizer.hyper.lr;
                let v = &run.optimizer.v;
                let tip = f.to_px(run.params[0] - a * v[0] * 4.0, run.params[1] - a * v[1] * 4.0);
                pen.stroke(&color.css(), 2.5);
                pen.fill(&color.css());
                pen.arrow(at, tip, 9.0);
            }
            pen.marker(marker, at, 7.0, color, t.bg);
        }
        l.end_fg();
    }

    fn pointer(&self, _s: &Core, x: f64, y: f64) -> Option<Vec<f64>> {
        let f = self.frame?;
        if !f.contains_px(x, y) {
            return None;
        }
        let (w, b) = f.to_data(x, y);
        Some(vec![w, b])
    }

    fn legend(&self, s: &Core, t: &Theme) -> Vec<Entry> {
        runs_legend(s, t)
    }

    fn frame(&self) -> Option<Frame> {
        self.frame
    }

    /// Each run's path on the map.
    fn series(&self, s: &Core, _l: &Layers) -> Vec<Vec<Point>> {
        let Some(f) = self.frame else { return Vec::new() };
        s.runs
            .iter()
            .map(|r| r.history.iter().map(|(k, p, _)| Point { px: f.to_px(p[0], p[1]), key: k }).collect())
            .collect()
    }

    fn describe(&self, s: &Core, t: &Theme, i: usize, key: u64) -> String {
        run_point(s, t, i, key)
    }

    /// The place under the pointer and the cost there.
    fn value_at(&self, s: &Core, _t: &Theme, x: f64, y: f64) -> Option<String> {
        let (w, b) = self.frame?.to_data(x, y);
        Some(format!("w = {}, b = {}: C = {}", number(w, 3), number(b, 3), number(s.surface().value(&[w, b]), 4)))
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn quantiles_are_partition_points_over_the_finite_values() {
        let vals = [3.0, 1.0, f64::NAN, 2.0, 2.0, f64::INFINITY, 5.0, 1.0];
        let (q, sorted) = quantiles(&vals);
        assert_eq!(sorted, vec![1.0, 1.0, 2.0, 2.0, 3.0, 5.0]);
        for (i, &v) in vals.iter().enumerate() {
            let want =
                if v.is_finite() { sorted.partition_point(|&s| s < v) as f64 / sorted.len() as f64 } else { 1.0 };
            assert_eq!(q[i], want, "value {v}");
        }
    }

    /// A bowl w² + b² on a 21 × 21 lattice over [−1, 1]² (10 lattice cells per unit).
    fn bowl_lattice(n: usize) -> Vec<f64> {
        (0..n * n)
            .map(|k| {
                let (i, j) = ((k % n) as f64 / 10.0 - 1.0, (k / n) as f64 / 10.0 - 1.0);
                i * i + j * j
            })
            .collect()
    }

    #[wasm_bindgen_test]
    fn contour_points_lie_on_cell_edges_at_their_level() {
        let n = 21;
        let vals = bowl_lattice(n);
        let levels = [0.1, 0.4, 0.9];
        let mut segs = Vec::new();
        contour_lines(&vals, n, n, &levels, &mut segs);
        let at = |i: usize, j: usize| vals[j * n + i];
        for s in &segs {
            for (x, y) in [(s[0], s[1]), (s[2], s[3])] {
                // On a vertical or a horizontal cell edge: interpolate along it.
                let v = if x.fract() == 0.0 {
                    let (i, j) = (x as usize, y.floor() as usize);
                    at(i, j) + (at(i, j + 1) - at(i, j)) * y.fract()
                } else {
                    assert_eq!(y.fract(), 0.0, "a point inside a cell: ({x}, {y})");
                    let (i, j) = (x.floor() as usize, y as usize);
                    at(i, j) + (at(i + 1, j) - at(i, j)) * x.fract()
                };
                assert!(levels.iter().any(|l| (v - l).abs() < 1e-9), "({x}, {y}) is at {v}, not at a level");
            }
        }
        // The one pass over every level finds what a pass per level finds, no more.
        let per_level: usize = levels
            .iter()
            .map(|&l| {
                let mut one = Vec::new();
                contour_lines(&vals, n, n, &[l], &mut one);
                one.len()
            })
            .sum();
        assert_eq!(segs.len(), per_level);
    }

    /// A contour line as its points in order.
    type Chain = Vec<(f64, f64)>;

    /// Chains one level's segments: the rings (closed) and the arcs (open ends), each as its
    /// points in order. Endpoints shared by two segments are the same bits (a cell edge is
    /// interpolated the same way from both cells).
    fn chains(segs: &[[f64; 4]]) -> (Vec<Chain>, Vec<Chain>) {
        let key = |x: f64, y: f64| ((x * 1e9).round() as i64, (y * 1e9).round() as i64);
        let mut ends: std::collections::HashMap<(i64, i64), Vec<usize>> = Default::default();
        for (k, s) in segs.iter().enumerate() {
            ends.entry(key(s[0], s[1])).or_default().push(k);
            ends.entry(key(s[2], s[3])).or_default().push(k);
        }
        assert!(ends.values().all(|v| v.len() <= 2), "a point shared by more than two segments");
        let mut used = vec![false; segs.len()];
        let (mut rings, mut arcs) = (Vec::new(), Vec::new());
        // Arcs first, from their open ends; what is left are rings.
        let opens: Vec<usize> = ends.values().filter(|v| v.len() == 1).map(|v| v[0]).collect();
        for start in opens.into_iter().chain(0..segs.len()) {
            if used[start] {
                continue;
            }
            let s = segs[start];
            let open = ends[&key(s[0], s[1])].len() == 1;
            let (mut pts, mut k) = (vec![(s[0], s[1]), (s[2], s[3])], start);
            if !open && ends[&key(s[2], s[3])].len() == 1 {
                pts.reverse();
            }
            used[k] = true;
            loop {
                let (x, y) = *pts.last().unwrap();
                let Some(&next) = ends[&key(x, y)].iter().find(|&&j| j != k && !used[j]) else { break };
                let t = segs[next];
                pts.push(if key(t[0], t[1]) == key(x, y) { (t[2], t[3]) } else { (t[0], t[1]) });
                used[next] = true;
                k = next;
            }
            let closed = key(pts[0].0, pts[0].1) == key(pts.last().unwrap().0, pts.last().unwrap().1);
            if closed {
                rings.push(pts);
            } else {
                arcs.push(pts);
            }
        }
        (rings, arcs)
    }

    #[wasm_bindgen_test]
    fn each_level_has_segments_and_closed_levels_make_closed_rings() {
        let n = 21;
        let vals = bowl_lattice(n);
        // Circles of radius √level: 0.35, 0.65 and 0.93 lie inside the domain, so each is one
        // closed ring around the centre, enclosing π·r² (in lattice cells: 100·π·level). (No
        // lattice point lies on these levels: 100·level is not a sum of two squares. Through a
        // lattice point, marching squares may leave zero-length segments there, which draw
        // nothing but would not chain.)
        for level in [0.12, 0.42, 0.87] {
            let mut segs = Vec::new();
            contour_lines(&vals, n, n, &[level], &mut segs);
            assert!(!segs.is_empty(), "level {level}: no segments");
            let (rings, arcs) = chains(&segs);
            assert!(arcs.is_empty(), "level {level}: {} open arcs on a closed level", arcs.len());
            assert_eq!(rings.len(), 1, "level {level}: one ring");
            let ring = &rings[0];
            let area = ring.windows(2).map(|p| p[0].0 * p[1].1 - p[1].0 * p[0].1).sum::<f64>().abs() / 2.0;
            let want = 100.0 * std::f64::consts::PI * level;
            assert!((area / want - 1.0).abs() < 0.03, "level {level}: the ring encloses {area} cells, not {want}");
            for &(x, y) in ring {
                let r2 = ((x - 10.0).powi(2) + (y - 10.0).powi(2)) / 100.0;
                assert!((r2.sqrt() - level.sqrt()).abs() < 0.02, "level {level}: ({x}, {y}) is off the circle");
            }
        }
        // Radius 1.22 (150 is not a sum of two squares either) leaves the domain through its four sides: four arcs that end on the edge.
        let mut segs = Vec::new();
        contour_lines(&vals, n, n, &[1.5], &mut segs);
        let (rings, arcs) = chains(&segs);
        assert!(rings.is_empty());
        assert_eq!(arcs.len(), 4, "one arc across each corner");
        let on_edge = |(x, y): (f64, f64)| x == 0.0 || y == 0.0 || x == 20.0 || y == 20.0;
        for arc in &arcs {
            assert!(on_edge(arc[0]) && on_edge(*arc.last().unwrap()), "an arc ends inside the map: {arc:?}");
        }
    }
}
