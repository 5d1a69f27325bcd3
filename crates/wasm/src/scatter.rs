//! The data and the model: points with the line ŷ = w·x (+ b), residuals and their squares;
//! for cats vs dogs, the points along claw sharpness with the sigmoid and the decision boundary.

use crate::layer::{axes, Frame, Layers};
use crate::probe::Point;
use crate::theme::{method_style, Marker, Rgb, Theme};
use crate::view::{Canvas, Entry, Stroke};
use descent_core::data::Dataset;
use descent_core::data::Task;
use descent_core::format::number;
use descent_core::Session as Core;

#[derive(Default)]
pub struct Scatter {
    frame: Option<Frame>,
}

/// Padded range of `xs`, optionally stretched to include `also`.
fn range(xs: impl Iterator<Item = f64>, also: Option<f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for x in xs.chain(also) {
        if x.is_finite() {
            lo = lo.min(x);
            hi = hi.max(x);
        }
    }
    if !(lo.is_finite() && hi.is_finite()) || hi - lo < 1e-9 {
        return (0.0, 1.0);
    }
    let pad = 0.08 * (hi - lo);
    (lo - pad, hi + pad)
}

/// Where example `i` of a classification is drawn: its label, spread a little vertically (inwards)
/// so the points do not hide each other.
fn drawn_y(d: &Dataset, i: usize) -> f64 {
    let jitter = ((i * 7919) % 97) as f64 / 97.0 * 0.1 - 0.05;
    d.y[i] + if d.y[i] > 0.5 { -jitter.abs() } else { jitter.abs() }
}

const CAT: Rgb = Rgb(230, 159, 0);
const DOG: Rgb = Rgb(0, 114, 178);
/// The halo of the rows the last step used (drawn at 75 % opacity).
const USED: Rgb = Rgb(255, 230, 0);

impl Canvas for Scatter {
    fn bg_key(&self, s: &Core) -> String {
        let sc = s.scene();
        sc.key_of(&["surface", "f", "domain", "cond", "angle", "m", "seed", "show"])
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let Some(d) = s.surface().data() else {
            self.frame = None;
            l.clear_bg(t);
            return;
        };
        let classify = d.task == Task::Classification;
        let origin = if s.surface().dim() == 1 { Some(0.0) } else { None };
        let xr = range((0..d.rows()).map(|i| d.row(i)[0]), origin);
        let yr = if classify { (-0.15, 1.15) } else { range(d.y.iter().copied(), origin) };
        let (xd, yd) = if classify {
            (t.tr("claw sharpness (0 = average)", "발톱 날카로움 (0 = 평균)"), t.tr("P(cat)", "P(고양이)"))
        } else {
            ("x", "y")
        };
        self.frame = axes(l, t, xr, yr, xd, yd);
    }

    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        l.clear_fg();
        let (Some(f), Some(d)) = (self.frame, s.surface().data()) else { return };
        let pen = l.begin_fg(&f);
        let sc = s.scene();
        let run = &s.runs[0];
        let p = &run.params;
        let (w, b) = (p[0], p.get(1).copied().unwrap_or(0.0));
        let predict = |x: f64| w * x + b;
        let classify = d.task == Task::Classification;
        let used: Vec<bool> = {
            let mut u = vec![false; d.rows()];
            for &i in &run.last_rows {
                if i < u.len() {
                    u[i] = true;
                }
            }
            u
        };
        if classify {
            // The sigmoid σ(w·x + b) and the boundary where it crosses ½.
            let (color, _) = method_style(run.method(), t.dark);
            let n = 200;
            let pts = (0..=n).map(|k| {
                let x = f.x.0 + (f.x.1 - f.x.0) * k as f64 / n as f64;
                f.to_px(x, 1.0 / (1.0 + (-predict(x)).exp()))
            });
            pen.stroke(&color.css(), 2.5);
            pen.polyline(pts);
            if w.abs() > 1e-9 {
                let xb = -b / w;
                pen.stroke(&t.ink.css_alpha(0.7), 1.5);
                pen.dash(&[6.0, 4.0]);
                pen.line(f.to_px(xb, f.y.0), f.to_px(xb, f.y.1));
                pen.dash(&[]);
            }
            #[allow(clippy::needless_range_loop)] // i indexes the rows, their labels and `used` alike
            for i in 0..d.rows() {
                let x = d.row(i)[0];
                let y = drawn_y(d, i);
                let col = if d.y[i] > 0.5 { CAT } else { DOG };
                let at = f.to_px(x, y);
                if used[i] && d.rows() > run.last_rows.len() {
                    pen.fill(&USED.css_alpha(0.75));
                    pen.circle(at, 8.0, true);
                }
                let shape = if d.y[i] > 0.5 { Marker::Triangle } else { Marker::Circle };
                pen.marker(shape, at, 4.5, col, t.bg);
            }
        } else {
            let (x0, x1) = f.x;
            pen.stroke(&t.accent.css(), 2.5);
            pen.line(f.to_px(x0, predict(x0)), f.to_px(x1, predict(x1)));
            let squares = sc.shows("squares");
            let residuals = squares || sc.shows("residuals") || sc.show.is_empty();
            #[allow(clippy::needless_range_loop)] // i indexes the rows, their labels and `used` alike
            for i in 0..d.rows() {
                let x = d.row(i)[0];
                let y = d.y[i];
                let at = f.to_px(x, y);
                let on = f.to_px(x, predict(x));
                if squares {
                    // The squared residual as a square: side = the residual, drawn to the right.
                    let side = (on.1 - at.1).abs();
                    let top = at.1.min(on.1);
                    pen.fill(&t.danger.css_alpha(0.16));
                    pen.rect(at.0, top, side, side, true);
                    pen.stroke(&t.danger.css_alpha(0.6), 1.0);
                    pen.rect(at.0, top, side, side, false);
                }
                if residuals {
                    pen.stroke(&t.danger.css(), 1.5);
                    pen.line(at, on);
                }
                if used[i] && d.rows() > run.last_rows.len() {
                    pen.fill(&USED.css_alpha(0.75));
                    pen.circle(at, 8.0, true);
                }
                pen.marker(Marker::Circle, at, 4.5, t.ink, t.bg);
            }
        }
        l.end_fg();
    }

    /// The points (cats and dogs, or the examples), the model, its errors and the rows the last
    /// step used, as drawn.
    fn legend(&self, s: &Core, t: &Theme) -> Vec<Entry> {
        let Some(d) = s.surface().data() else { return Vec::new() };
        let sc = s.scene();
        let run = &s.runs[0];
        let entry = |label: &str, color, marker, stroke| Entry { label: label.to_string(), color, marker, stroke };
        let mut out = Vec::new();
        if d.task == Task::Classification {
            out.push(entry(t.tr("cat", "고양이"), CAT, Some(Marker::Triangle), Stroke::None));
            out.push(entry(t.tr("dog", "강아지"), DOG, Some(Marker::Circle), Stroke::None));
            let (color, _) = method_style(run.method(), t.dark);
            out.push(entry(t.tr("model P(cat)", "모델 P(고양이)"), color, None, Stroke::Solid));
            out.push(entry(t.tr("P = ½", "P = ½ 경계"), t.ink, None, Stroke::Dashed));
        } else {
            out.push(entry(t.tr("example (x, y)", "예제 (x, y)"), t.ink, Some(Marker::Circle), Stroke::None));
            out.push(entry(t.tr("model ŷ", "모델 ŷ"), t.accent, None, Stroke::Solid));
            let squares = sc.shows("squares");
            if squares || sc.shows("residuals") || sc.show.is_empty() {
                out.push(entry(t.tr("error ŷ − y", "오차 ŷ − y"), t.danger, None, Stroke::Solid));
            }
        }
        if run.batch().is_some_and(|b| b < d.rows()) {
            out.push(entry(
                t.tr("used by the last step", "마지막 걸음이 쓴 행"),
                USED,
                Some(Marker::Circle),
                Stroke::None,
            ));
        }
        out
    }

    fn frame(&self) -> Option<Frame> {
        self.frame
    }

    /// The examples, as drawn.
    fn series(&self, s: &Core, _l: &Layers) -> Vec<Vec<Point>> {
        let (Some(f), Some(d)) = (self.frame, s.surface().data()) else { return Vec::new() };
        let classify = d.task == Task::Classification;
        vec![(0..d.rows())
            .map(|i| Point { px: f.to_px(d.row(i)[0], if classify { drawn_y(d, i) } else { d.y[i] }), key: i as u64 })
            .collect()]
    }

    /// An example: its x and y (or its label), the model's guess there and the error.
    fn describe(&self, s: &Core, t: &Theme, _i: usize, key: u64) -> String {
        let Some(d) = s.surface().data() else { return String::new() };
        let i = key as usize;
        if i >= d.rows() {
            return String::new();
        }
        let p = &s.runs[0].params;
        let (w, b) = (p[0], p.get(1).copied().unwrap_or(0.0));
        let (x, y) = (d.row(i)[0], d.y[i]);
        let z = w * x + b;
        let row = if t.ko { format!("{}번 예제", i + 1) } else { format!("example {}", i + 1) };
        if d.task == Task::Classification {
            let label = if y > 0.5 { t.tr("cat", "고양이") } else { t.tr("dog", "강아지") };
            let p_cat = 1.0 / (1.0 + (-z).exp());
            format!("{row}: x = {}, {label}, {} = {}", number(x, 2), t.tr("P(cat)", "P(고양이)"), number(p_cat, 3))
        } else {
            format!(
                "{row}: x = {}, y = {}, ŷ = {}, ŷ − y = {}",
                number(x, 2),
                number(y, 2),
                number(z, 2),
                number(z - y, 2)
            )
        }
    }

    /// On the regression line through the origin, a press at (x, y) sets w = y / x.
    fn pointer(&self, s: &Core, px: f64, py: f64) -> Option<Vec<f64>> {
        let f = self.frame?;
        if s.surface().dim() != 1 || !f.contains_px(px, py) {
            return None;
        }
        let (x, y) = f.to_data(px, py);
        (x.abs() > 0.05 * (f.x.1 - f.x.0)).then(|| vec![y / x])
    }
}
