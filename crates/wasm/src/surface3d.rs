//! The cost as a 3-D surface that turns when dragged: the mesh is cached and redrawn only
//! while turning; per frame, the runs' paths are drawn through the same projection.

use crate::contour::{grid, sorted_finite};
use crate::layer::{label_style, Layers};
use crate::theme::{method_style, Theme};
use crate::view::Canvas;
use descent_core::Session as Core;
use plotters::prelude::*;

pub struct Surface3d {
    yaw: f64,
    pitch: f64,
    /// The vertical range shown (values above are flattened so a spike does not hide the rest).
    zr: (f64, f64),
}

impl Default for Surface3d {
    fn default() -> Self {
        Surface3d { yaw: 0.6, pitch: 0.45, zr: (0.0, 1.0) }
    }
}

const N: usize = 36;

impl Surface3d {
    fn clamp(&self, v: f64) -> f64 {
        if v.is_finite() {
            v.clamp(self.zr.0, self.zr.1)
        } else {
            self.zr.1
        }
    }
}

macro_rules! chart3d {
    ($root:expr, $self:expr, $s:expr, $dpr:expr) => {{
        let d = $s.surface().domain();
        let mut chart = ChartBuilder::on($root)
            .margin((6.0 * $dpr) as i32)
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

impl Canvas for Surface3d {
    fn bg_key(&self, s: &Core) -> String {
        let sc = s.scene();
        format!("{}|{:.3}|{:.3}", sc.key_of(&["surface", "f", "domain", "cond", "angle", "m", "seed"]), self.yaw, self.pitch)
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let Some(root) = l.bg_area(t) else { return };
        if s.surface().dim() != 2 {
            return;
        }
        let vals = grid(s, N, N);
        let sorted = sorted_finite(&vals);
        if sorted.is_empty() {
            return;
        }
        let lo = sorted[0];
        let hi = sorted[((sorted.len() - 1) as f64 * 0.97) as usize].max(lo + 1e-9);
        self.zr = (lo, hi);
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
        let xs: Vec<f64> = (0..N).map(|i| d.lo[0] + d.span(0) * i as f64 / (N - 1) as f64).collect();
        let zs: Vec<f64> = (0..N).map(|j| d.lo[1] + d.span(1) * j as f64 / (N - 1) as f64).collect();
        let (zlo, zhi) = self.zr;
        let theme = *t;
        let surface = s.surface();
        let this = &*self;
        let _ = chart.draw_series(
            SurfaceSeries::xoz(xs.into_iter(), zs.into_iter(), |w, b| this.clamp(surface.value(&[w, b])))
                .style_func(&|&v| {
                    let q = ((v - zlo) / (zhi - zlo)).clamp(0.0, 1.0).sqrt();
                    theme.heat(q).mix(theme.muted, 0.15).plotters().mix(0.92).filled()
                }),
        );
    }

    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let Some(root) = l.fg_area() else { return };
        if s.surface().dim() != 2 {
            return;
        }
        let Some(mut chart) = chart3d!(&root, self, s, l.dpr) else { return };
        let surface = s.surface();
        for run in &s.runs {
            let (color, _) = method_style(run.method(), t.dark);
            let pts: Vec<(f64, f64, f64)> =
                run.history.iter().map(|(_, p, loss)| (p[0], self.clamp(loss), p[1])).collect();
            let _ = chart.draw_series(LineSeries::new(pts, color.plotters().stroke_width((2.5 * l.dpr) as u32)));
            let p = &run.params;
            let at = (p[0], self.clamp(surface.value(p)), p[1]);
            let _ = chart.draw_series(std::iter::once(Circle::new(at, (6.0 * l.dpr) as i32, color.plotters().filled())));
            let _ = chart.draw_series(std::iter::once(Circle::new(at, (6.0 * l.dpr) as i32, t.bg.plotters().stroke_width(l.dpr as u32))));
        }
    }

    fn turn(&mut self, dx: f64, dy: f64) -> bool {
        if !(dx.is_finite() && dy.is_finite()) || (dx == 0.0 && dy == 0.0) {
            return false;
        }
        self.yaw = (self.yaw + dx * 0.01) % std::f64::consts::TAU;
        self.pitch = (self.pitch + dy * 0.01).clamp(0.05, 1.45);
        true
    }
}
