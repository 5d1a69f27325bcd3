//! The cost as a 3-D surface that turns when dragged: the mesh is cached and redrawn only
//! while turning; per frame, the runs' paths are drawn through the same projection.

use crate::contour::{grid, quantiles};
use crate::layer::{label_style, Layers, Pen};
use crate::probe::Point;
use crate::theme::{method_style, Theme};
use crate::view::{run_point, runs_legend, Canvas, Entry};
use descent_core::Session as Core;
use plotters::prelude::*;

pub struct Surface3d {
    yaw: f64,
    pitch: f64,
    /// The vertical range shown (values above are flattened so a spike does not hide the rest).
    zr: (f64, f64),
    /// True while being dragged: a coarser, opaque mesh keeps each frame cheap.
    turning: bool,
    /// Mesh heights cached per surface at both resolutions (full, turning), so turning only
    /// re-projects.
    mesh: Option<(String, Vec<f64>, Vec<f64>)>,
    /// A new surface is drawn coarse first and at full detail later (see `work`), so a change
    /// of surface shows at once.
    refine: bool,
    /// The canvas size in device pixels when last drawn: where the pointer reads.
    size: (f64, f64),
}

impl Default for Surface3d {
    fn default() -> Self {
        Surface3d { yaw: 0.6, pitch: 0.45, zr: (0.0, 1.0), turning: false, mesh: None, refine: false, size: (0.0, 0.0) }
    }
}

/// Mesh resolution at rest and while turning.
const N: usize = 36;
const N_TURNING: usize = 20;
const SURFACE_KEYS: [&str; 7] = ["surface", "f", "domain", "cond", "angle", "m", "seed"];

macro_rules! chart3d {
    ($root:expr, $self:expr, $s:expr, $dpr:expr) => {{
        let d = $s.surface().domain();
        let mut chart = ChartBuilder::on($root)
            .margin((6.0 * $dpr) as i32)
            // Room for the front corner's tick label, which sits lowest.
            .margin_bottom((16.0 * $dpr) as i32)
            .build_cartesian_3d(d.lo[0]..d.hi[0], $self.zr.0..$self.zr.1, d.lo[1]..d.hi[1])
            .ok();
        if let Some(c) = chart.as_mut() {
            let (yaw, pitch) = ($self.yaw, $self.pitch);
            c.with_projection(|mut p| {
                p.yaw = yaw;
                p.pitch = pitch;
                p.scale = 0.78;
                p.into_matrix()
            });
        }
        chart
    }};
}

impl Surface3d {
    /// Draws the axes and the mesh, coarse (and opaque, cheaper to fill) or at full detail.
    fn paint(&self, l: &Layers, t: &Theme, s: &Core, coarse: bool) {
        let Some((_, fine, rough)) = &self.mesh else { return };
        let (vals, n) = if coarse { (rough, N_TURNING) } else { (fine, N) };
        let Some(root) = l.bg_area(t) else { return };
        let Some(mut chart) = chart3d!(&root, self, s, l.dpr) else { return };
        let _ = chart
            .configure_axes()
            .label_style(label_style(l, t, 11.0))
            .light_grid_style(t.grid.plotters())
            .max_light_lines(2)
            .axis_panel_style(t.grid.mix(t.bg, 0.6).plotters())
            .bold_grid_style(t.grid.plotters())
            .x_labels(5)
            .z_labels(5)
            .y_labels(4)
            .draw();
        let d = s.surface().domain();
        // Lattice indices as coordinates; heights from the cached mesh.
        let at = |i: f64, span: usize, lo: f64, w: f64| lo + w * i / (span - 1) as f64;
        let xs: Vec<f64> = (0..n).map(|i| at(i as f64, n, d.lo[0], d.span(0))).collect();
        let zs: Vec<f64> = (0..n).map(|j| at(j as f64, n, d.lo[1], d.span(1))).collect();
        let (zlo, zhi) = self.zr;
        let theme = *t;
        let height = |w: f64, b: f64| {
            let i = (((w - d.lo[0]) / d.span(0)) * (n - 1) as f64).round() as usize;
            let j = (((b - d.lo[1]) / d.span(1)) * (n - 1) as f64).round() as usize;
            let v = vals[j.min(n - 1) * n + i.min(n - 1)];
            if v.is_finite() {
                v.clamp(zlo, zhi)
            } else {
                zhi
            }
        };
        let _ = chart.draw_series(SurfaceSeries::xoz(xs.into_iter(), zs.into_iter(), height).style_func(&|&v| {
            let q = ((v - zlo) / (zhi - zlo)).clamp(0.0, 1.0).sqrt();
            let c = theme.heat(q).mix(theme.muted, 0.15).plotters();
            if coarse {
                c.filled()
            } else {
                c.mix(0.92).filled()
            }
        }));
    }

    fn clamp(&self, v: f64) -> f64 {
        if v.is_finite() {
            v.clamp(self.zr.0, self.zr.1)
        } else {
            self.zr.1
        }
    }
}

impl Canvas for Surface3d {
    fn bg_key(&self, s: &Core) -> String {
        let sc = s.scene();
        format!("{}|{:.3}|{:.3}|{}", sc.key_of(&SURFACE_KEYS), self.yaw, self.pitch, self.turning)
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        self.size = (l.width(), l.height());
        if s.surface().dim() != 2 {
            l.clear_bg(t);
            return;
        }
        let key = s.scene().key_of(&SURFACE_KEYS);
        if !matches!(&self.mesh, Some((k, _, _)) if *k == key) {
            let fine = grid(s, N, N);
            let (_, sorted) = quantiles(&fine);
            if sorted.is_empty() {
                l.clear_bg(t);
                return;
            }
            // The range comes from the full-detail mesh so it does not jump when a drag ends.
            let lo = sorted[0];
            self.zr = (lo, sorted[((sorted.len() - 1) as f64 * 0.97) as usize].max(lo + 1e-9));
            self.mesh = Some((key, fine, grid(s, N_TURNING, N_TURNING)));
            self.refine = !self.turning;
        }
        let coarse = self.turning || self.refine;
        self.paint(l, t, s, coarse);
    }

    fn pending(&self) -> bool {
        self.refine
    }

    /// The full-detail mesh of a new surface drawn coarse.
    fn work(&mut self, l: &Layers, t: &Theme, s: &Core, _budget_ms: f64) -> bool {
        if std::mem::take(&mut self.refine) && !self.turning {
            self.paint(l, t, s, false);
        }
        false
    }

    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let Some(root) = l.fg_area() else { return };
        if s.surface().dim() != 2 {
            return;
        }
        let Some(mut chart) = chart3d!(&root, self, s, l.dpr) else { return };
        let surface = s.surface();
        let pen = Pen::new(&l.fgc, l.dpr);
        for run in &s.runs {
            let (color, marker) = method_style(run.method(), t.dark);
            let pts: Vec<(f64, f64, f64)> =
                run.history.iter().map(|(_, p, loss)| (p[0], self.clamp(loss), p[1])).collect();
            let _ = chart.draw_series(LineSeries::new(pts, color.plotters().stroke_width((2.5 * l.dpr) as u32)));
            // The run's own marker, as on the other views (and in the legend).
            let p = &run.params;
            let (x, y) = chart.as_coord_spec().translate(&(p[0], self.clamp(surface.value(p)), p[1]));
            pen.marker(marker, (x as f64, y as f64), 6.0, color, t.bg);
        }
    }

    /// Each run's path, through the view's projection.
    fn series(&self, s: &Core, l: &Layers) -> Vec<Vec<Point>> {
        if s.surface().dim() != 2 {
            return Vec::new();
        }
        let Some(backend) = plotters_canvas::CanvasBackend::with_canvas_object(l.fg.clone()) else { return Vec::new() };
        let root = backend.into_drawing_area();
        let Some(chart) = chart3d!(&root, self, s, l.dpr) else { return Vec::new() };
        let spec = chart.as_coord_spec();
        s.runs
            .iter()
            .map(|r| {
                r.history
                    .iter()
                    .map(|(k, p, loss)| {
                        let (x, y) = spec.translate(&(p[0], self.clamp(loss), p[1]));
                        Point { px: (x as f64, y as f64), key: k }
                    })
                    .collect()
            })
            .collect()
    }

    fn frame(&self) -> Option<crate::layer::Frame> {
        // The whole canvas: the projection has no rectangle of its own (and no crosshair).
        let (w, h) = self.size;
        Some(crate::layer::Frame { px: (0.0, w), py: (0.0, h), x: (0.0, 1.0), y: (0.0, 1.0) })
    }

    fn describe(&self, s: &Core, t: &Theme, i: usize, key: u64) -> String {
        run_point(s, t, i, key)
    }

    fn turn(&mut self, dx: f64, dy: f64) -> bool {
        if !(dx.is_finite() && dy.is_finite()) || (dx == 0.0 && dy == 0.0) {
            return false;
        }
        self.yaw = (self.yaw + dx * 0.01) % std::f64::consts::TAU;
        self.pitch = (self.pitch + dy * 0.01).clamp(0.05, 1.45);
        self.turning = true;
        true
    }

    fn release(&mut self) {
        self.turning = false;
    }

    fn legend(&self, s: &Core, t: &Theme) -> Vec<Entry> {
        runs_legend(s, t)
    }
}
