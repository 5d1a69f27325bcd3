//! Line charts over time: loss against steps (or examples seen) for every run, and the
//! gradients dW, db with their running averages V_dW, V_db. The axes are cached; they are
//! redrawn only when the run outgrows the x range.

use crate::layer::{label_style, Frame, Layers, Pen};
use crate::session::fmt;
use crate::theme::{method_style, Rgb, Theme};
use crate::view::Canvas;
use descent_core::Session as Core;
use plotters::prelude::*;

pub struct Chart {
    kind: String,
    frame: Option<Frame>,
}

impl Chart {
    pub fn new(kind: &str) -> Self {
        Chart { kind: kind.to_string(), frame: None }
    }
}

/// The smallest of 1, 2, 5 × 10ᵏ that is at least `x` (1 for x ≤ 0).
fn round_up(x: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) {
        return 1.0;
    }
    let mag = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * mag).find(|&v| v >= x * (1.0 - 1e-12)).unwrap_or(10.0 * mag)
}

/// Colours of the gradient components: w and b.
const W_COLOR: Rgb = Rgb(0, 114, 178);
const B_COLOR: Rgb = Rgb(213, 94, 0);

impl Chart {
    /// The x and y ranges now needed.
    fn ranges(&self, s: &Core) -> ((f64, f64), (f64, f64)) {
        let steps = s.runs.iter().map(|r| r.iteration()).max().unwrap_or(0) as f64;
        match self.kind.as_str() {
            "grads" => {
                let r = &s.runs[0];
                let m = r.log.iter().flat_map(|x| x.grad.iter().chain(&x.velocity)).fold(0.0f64, |a, &g| a.max(g.abs()));
                let m = round_up(m * 1.05);
                ((r.log.front().map(|x| x.t as f64 - 1.0).unwrap_or(0.0), round_up(steps.max(20.0)).max(20.0)), (-m, m))
            }
            _ => {
                let examples = s.scene().shows("examples");
                let rows = s.surface().rows();
                let x_max = if examples {
                    s.runs.iter().map(|r| r.examples_after(r.iteration(), rows)).max().unwrap_or(0) as f64
                } else {
                    steps
                };
                // The highest cost seen so far, rounded up so the axes change rarely.
                let top = s
                    .runs
                    .iter()
                    .flat_map(|r| r.history.iter().map(|p| p.2))
                    .fold(0.0f64, |a, b| if b.is_finite() { a.max(b) } else { a });
                let top = round_up(top);
                let floor = s.surface().minima().iter().map(|m| m.value).fold(f64::INFINITY, f64::min);
                let floor = if floor.is_finite() { floor.min(0.0) } else { 0.0 };
                ((0.0, round_up(x_max.max(if examples { 100.0 } else { 20.0 }))), (floor, top.max(floor + 1e-6)))
            }
        }
    }
}

impl Canvas for Chart {
    fn bg_key(&self, s: &Core) -> String {
        let (x, y) = self.ranges(s);
        let sc = s.scene();
        format!("{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}", self.kind, sc.surface, sc.opts, sc.start, sc.show, x, y)
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let Some(root) = l.bg_area(t) else { return };
        let (xr, yr) = self.ranges(s);
        let dpr = l.dpr;
        let Ok(mut chart) = ChartBuilder::on(&root)
            .margin((10.0 * dpr) as i32)
            .x_label_area_size((40.0 * dpr) as i32)
            .y_label_area_size((52.0 * dpr) as i32)
            .build_cartesian_2d(xr.0..xr.1, yr.0..yr.1)
        else {
            return;
        };
        let x_desc = if self.kind == "loss" && s.scene().shows("examples") { "examples seen" } else { "t" };
        let y_desc = if self.kind == "grads" { "dW, db, V" } else { "C" };
        let _ = chart
            .configure_mesh()
            .x_desc(x_desc)
            .y_desc(y_desc)
            .label_style(label_style(l, t, 12.0))
            .axis_desc_style(label_style(l, t, 13.0))
            .axis_style(t.muted.plotters())
            .bold_line_style(t.grid.plotters())
            .light_line_style(t.bg.plotters())
            .y_label_formatter(&|v| fmt(*v, 2))
            .x_labels(6)
            .y_labels(5)
            .draw();
        self.frame = Some(Frame::from_chart(chart.plotting_area().get_pixel_range(), xr, yr));
        if self.kind == "grads" {
            if let Some(f) = self.frame {
                let pen = Pen::new(&l.bgc, dpr);
                pen.stroke(&t.muted.css(), 1.0);
                pen.line(f.to_px(xr.0, 0.0), f.to_px(xr.1, 0.0));
            }
        }
    }

    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        l.clear_fg();
        let Some(f) = self.frame else { return };
        let pen = Pen::new(&l.fgc, l.dpr);
        let c = &l.fgc;
        c.save();
        c.begin_path();
        c.rect(f.px.0, f.py.0, f.px.1 - f.px.0, f.py.1 - f.py.0);
        c.clip();
        if self.kind == "grads" {
            let r = &s.runs[0];
            let series = |k: usize, velocity: bool| {
                r.log.iter().map(move |x| f.to_px(x.t as f64, if velocity { x.velocity[k] } else { x.grad[k] }))
            };
            let dim = r.params.len();
            for k in 0..dim.min(2) {
                let col = if k == 0 { W_COLOR } else { B_COLOR };
                pen.stroke(&col.css_alpha(0.55), 1.5);
                pen.dash(&[4.0, 3.0]);
                pen.polyline(series(k, false));
                pen.dash(&[]);
                if let Some(last) = series(k, false).last() {
                    pen.fill(&col.css());
                    pen.circle(last, 3.0, true);
                }
                if r.optimizer.has_velocity() {
                    pen.stroke(&col.css(), 3.0);
                    pen.polyline(series(k, true));
                }
            }
            // Legend, top right.
            let labels: &[(&str, Rgb, bool)] = &[("dW", W_COLOR, false), ("db", B_COLOR, false), ("V_dW", W_COLOR, true), ("V_db", B_COLOR, true)];
            let mut y = f.py.0 + 12.0 * l.dpr;
            for (name, col, thick) in labels.iter().filter(|x| !x.2 || r.optimizer.has_velocity()) {
                let x = f.px.1 - 70.0 * l.dpr;
                pen.stroke(&if *thick { col.css() } else { col.css_alpha(0.55) }, if *thick { 3.0 } else { 1.5 });
                pen.dash(if *thick { &[] } else { &[4.0, 3.0] });
                pen.line((x, y), (x + 20.0 * l.dpr, y));
                pen.dash(&[]);
                pen.text(name, (x + 26.0 * l.dpr, y), 12.0, &t.ink.css(), "left");
                y += 16.0 * l.dpr;
            }
        } else {
            let examples = s.scene().shows("examples");
            let rows = s.surface().rows();
            for run in &s.runs {
                let (color, marker) = method_style(run.method(), t.dark);
                let x_of = |t: u64| if examples { run.examples_after(t, rows) as f64 } else { t as f64 };
                let pts: Vec<(f64, f64)> = run.history.iter().map(|(tt, _, loss)| f.to_px(x_of(tt), loss)).collect();
                pen.stroke(&color.css(), 2.0);
                pen.polyline(pts.iter().copied());
                if let Some(&last) = pts.last() {
                    pen.marker(marker, last, 5.0, color, t.bg);
                }
            }
            // Legend for races: marker and name of each optimizer, top right.
            if s.runs.len() > 1 {
                let mut y = f.py.0 + 12.0 * l.dpr;
                for run in &s.runs {
                    let (color, marker) = method_style(run.method(), t.dark);
                    let x = f.px.1 - 96.0 * l.dpr;
                    pen.stroke(&color.css(), 2.0);
                    pen.line((x, y), (x + 22.0 * l.dpr, y));
                    pen.marker(marker, (x + 11.0 * l.dpr, y), 4.5, color, t.bg);
                    pen.text(run.method().label(), (x + 28.0 * l.dpr, y), 12.0, &t.ink.css(), "left");
                    y += 17.0 * l.dpr;
                }
            }
        }
        c.restore();
    }
}
