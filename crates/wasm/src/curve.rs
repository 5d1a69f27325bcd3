//! The 1-D cost curve C(w): the curve and axes (cached), and per frame the runs'
//! points, their paths, the purple tangent and the secant of the derivative lesson.

use crate::layer::{axes, Frame, Layers, Pen};
use crate::probe::Point;
use crate::theme::{method_style, Theme};
use crate::view::{run_point, runs_legend, Canvas, Entry};
use descent_core::format::number;
use descent_core::Session as Core;

#[derive(Default)]
pub struct Curve {
    frame: Option<Frame>,
}

/// Samples C over the domain: (w, C(w)) pairs.
fn samples(s: &Core, n: usize) -> Vec<(f64, f64)> {
    let d = s.surface().domain();
    (0..=n)
        .map(|i| {
            let w = d.lo[0] + d.span(0) * i as f64 / n as f64;
            (w, s.surface().value(&[w]))
        })
        .collect()
}

/// The vertical range that shows the whole curve with a little room.
fn value_range(pts: &[(f64, f64)]) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &(_, c) in pts.iter().filter(|p| p.1.is_finite()) {
        lo = lo.min(c);
        hi = hi.max(c);
    }
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    if hi - lo < 1e-9 {
        hi = lo + 1.0;
    }
    let pad = 0.08 * (hi - lo);
    (lo - pad, hi + pad)
}

impl Canvas for Curve {
    fn bg_key(&self, s: &Core) -> String {
        let sc = s.scene();
        sc.key_of(&["surface", "f", "domain", "cond", "angle", "m", "seed", "show"])
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let pts = samples(s, 400);
        let d = s.surface().domain();
        let (lo, hi) = value_range(&pts);
        let dpr = l.dpr;
        let Some(frame) = axes(l, t, (d.lo[0], d.hi[0]), (lo, hi), "w", "C(w)") else { return };
        let pen = Pen::new(&l.bgc, dpr);
        pen.stroke(&t.ink.css(), 2.5);
        pen.polyline(pts.iter().map(|&(w, c)| frame.to_px(w, c)));
        // Minima: a small tick under each, the global one filled.
        for m in s.surface().minima() {
            let p = frame.to_px(m.at[0], m.value);
            pen.stroke(&t.muted.css(), 1.5);
            pen.fill(&t.muted.css());
            pen.circle((p.0, p.1 + 9.0 * dpr), 3.0, m.global);
        }
        self.frame = Some(frame);
    }

    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        l.clear_fg();
        let Some(f) = self.frame else { return };
        let pen = l.begin_fg(&f);
        let sc = s.scene();
        let show_default = sc.show.is_empty();
        let surface = s.surface();
        for (i, run) in s.runs.iter().enumerate() {
            let (color, marker) = method_style(run.method(), t.dark);
            // The path: the points visited, joined by thin arrows.
            if show_default || sc.shows("path") {
                pen.stroke(&color.css_alpha(0.55), 1.5);
                pen.fill(&color.css_alpha(0.55));
                let mut prev: Option<(f64, f64)> = None;
                for (_, p, loss) in run.history.iter() {
                    let q = f.to_px(p[0], loss);
                    if let Some(a) = prev {
                        pen.arrow(a, q, 6.0);
                    }
                    pen.circle(q, 2.5, true);
                    prev = Some(q);
                }
            }
            let w = run.params[0];
            let cw = surface.value(&[w]);
            let g = s.gradient(i)[0];
            let at = f.to_px(w, cw);
            if (show_default || sc.shows("tangent")) && i == 0 {
                let half = 0.18 * (f.x.1 - f.x.0);
                pen.stroke(&t.tangent.css(), 2.5);
                pen.line(f.to_px(w - half, cw - g * half), f.to_px(w + half, cw + g * half));
                let label = format!("∂C/∂w = {}", number(g, 2));
                let above = if g >= 0.0 { -1.0 } else { 1.0 };
                // Kept inside the plot: near an edge the label leans inwards.
                let x = at.0.clamp(f.px.0 + 60.0 * l.dpr, f.px.1 - 60.0 * l.dpr);
                pen.text(&label, (x, at.1 + above * 22.0 * l.dpr), 13.0, &t.tangent.css(), "center");
            }
            if sc.shows("secant") && i == 0 {
                let dw = sc.dw;
                let c1 = surface.value(&[w + dw]);
                let b = f.to_px(w + dw, c1);
                let ratio = (c1 - cw) / dw;
                // Extend the secant beyond both points.
                let ext = 0.35 * dw.max(0.05 * (f.x.1 - f.x.0));
                pen.stroke(&t.secant.css(), 2.0);
                pen.line(f.to_px(w - ext, cw - ratio * ext), f.to_px(w + dw + ext, c1 + ratio * ext));
                // Δw along the bottom, ΔC up the side.
                let corner = f.to_px(w + dw, cw);
                pen.dash(&[4.0, 3.0]);
                pen.line(at, corner);
                pen.line(corner, b);
                pen.dash(&[]);
                pen.text(
                    &format!("Δw = {}", number(dw, 3)),
                    ((at.0 + corner.0) / 2.0, corner.1 + 12.0 * l.dpr),
                    12.0,
                    &t.secant.css(),
                    "center",
                );
                let (dx, align) = if corner.0 > f.px.1 - 80.0 * l.dpr { (-6.0, "right") } else { (6.0, "left") };
                pen.text(
                    &format!("ΔC = {}", number(c1 - cw, 3)),
                    (corner.0 + dx * l.dpr, (corner.1 + b.1) / 2.0),
                    12.0,
                    &t.secant.css(),
                    align,
                );
                pen.fill(&t.secant.css());
                pen.circle(b, 4.0, true);
            }
            pen.marker(marker, at, 7.0, color, t.bg);
        }
        l.end_fg();
    }

    fn pointer(&self, _s: &Core, x: f64, y: f64) -> Option<Vec<f64>> {
        let f = self.frame?;
        if !f.contains_px(x, f.py.0.max(y.min(f.py.1))) || x < f.px.0 || x > f.px.1 {
            return None;
        }
        Some(vec![f.to_data(x, y).0])
    }

    fn legend(&self, s: &Core, t: &Theme) -> Vec<Entry> {
        runs_legend(s, t)
    }

    fn frame(&self) -> Option<Frame> {
        self.frame
    }

    /// Each run's path: the points it visited on the curve.
    fn series(&self, s: &Core, _l: &Layers) -> Vec<Vec<Point>> {
        let Some(f) = self.frame else { return Vec::new() };
        s.runs
            .iter()
            .map(|r| r.history.iter().map(|(k, p, c)| Point { px: f.to_px(p[0], c), key: k }).collect())
            .collect()
    }

    fn describe(&self, s: &Core, t: &Theme, i: usize, key: u64) -> String {
        run_point(s, t, i, key)
    }

    /// The cost at the pointer's w.
    fn value_at(&self, s: &Core, _t: &Theme, x: f64, y: f64) -> Option<String> {
        let w = self.frame?.to_data(x, y).0;
        Some(format!("w = {}: C(w) = {}", number(w, 3), number(s.surface().value(&[w]), 4)))
    }
}
