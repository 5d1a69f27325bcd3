//! Bar charts: the per-parameter effective step α/(√S + ε) of each run (with S), the EWA
//! weights (1−β)βᵏ with the marker at k = 1/(1−β), and the compounding picture of (1 + 1/n)ⁿ.

use crate::layer::{axes_with, AxisStyle, Frame, Layers, Pen};
use crate::probe::Point;
use crate::theme::{method_style, Rgb, Theme};
use crate::view::Canvas;
use descent_core::average::{compound, decay, weights, window};
use descent_core::format::number;
use descent_core::Session as Core;

pub struct Bars {
    kind: String,
    frame: Option<Frame>,
}

impl Bars {
    pub fn new(kind: &str) -> Self {
        Bars { kind: kind.to_string(), frame: None }
    }
}

/// How many weights the weights chart shows for β: three windows 1/(1−β), 10 to 300.
fn weight_count(beta: f64) -> usize {
    ((3.0 * window(beta)).ceil() as usize).clamp(10, 300)
}

const GROW: Rgb = Rgb(0, 114, 178);
const SHRINK: Rgb = Rgb(213, 94, 0);

impl Bars {
    /// Weights of the latest values, newest (k = 0) at the left, with the 1/e marker.
    fn draw_weights(&self, l: &Layers, t: &Theme, s: &Core) -> Option<Frame> {
        let beta = s.scene().beta;
        let win = window(beta);
        let count = weight_count(beta);
        let ws = weights(beta, count);
        let top = ws[0] * 1.12;
        let whole = AxisStyle { whole_x: true, ..AxisStyle::default() };
        let f = axes_with(
            l,
            t,
            (-0.5, count as f64 - 0.5),
            (0.0, top),
            (t.tr("k (steps back)", "k (몇 걸음 전)"), "(1 − β)·βᵏ"),
            whole,
        )?;
        let pen = Pen::new(&l.bgc, l.dpr);
        let bw = ((f.px.1 - f.px.0) / count as f64 * 0.8).max(1.0);
        for (k, &wk) in ws.iter().enumerate() {
            let (x, y) = f.to_px(k as f64, wk);
            let older = (k as f64) > win;
            pen.fill(&if older { t.muted.css_alpha(0.45) } else { t.accent.css() });
            pen.rect(x - bw / 2.0, y, bw, f.py.1 - y, true);
        }
        // At k = 1/(1−β) the weight has fallen to about 1/e of the newest.
        let (mx, _) = f.to_px(win, 0.0);
        pen.stroke(&t.danger.css(), 2.0);
        pen.dash(&[6.0, 4.0]);
        pen.line((mx, f.py.0), (mx, f.py.1));
        pen.dash(&[]);
        let label = format!("k = 1/(1−β) = {}", number(win, if win < 10.0 { 1 } else { 0 }));
        pen.text(&label, (mx + 6.0 * l.dpr, f.py.0 + 14.0 * l.dpr), 12.0, &t.danger.css(), "left");
        let y_e = ws[0] * (-1f64).exp();
        pen.stroke(&t.muted.css(), 1.0);
        pen.dash(&[3.0, 3.0]);
        pen.line(f.to_px(-0.5, y_e), f.to_px(count as f64 - 0.5, y_e));
        pen.dash(&[]);
        pen.text(
            t.tr("1/e × newest", "1/e × 최신 값"),
            (f.px.1 - 4.0 * l.dpr, f.to_px(0.0, y_e).1 - 10.0 * l.dpr),
            12.0,
            &t.muted.css(),
            "right",
        );
        Some(f)
    }

    /// n equal steps of growth by 1/n (blue) and of decay by 1/n (orange), from 1.
    fn draw_compound(&self, l: &Layers, t: &Theme, s: &Core) -> Option<Frame> {
        let n = s.scene().n.max(1) as usize;
        let shown = n.min(200);
        let whole = AxisStyle { whole_x: true, ..AxisStyle::default() };
        let f = axes_with(
            l,
            t,
            (-0.6, shown as f64 + 0.6),
            (0.0, 3.0),
            (t.tr("step", "걸음"), t.tr("amount", "양")),
            whole,
        )?;
        let pen = Pen::new(&l.bgc, l.dpr);
        let bw = ((f.px.1 - f.px.0) / (shown as f64 + 1.0) * 0.38).max(0.6);
        let (g, d) = (1.0 + 1.0 / n as f64, 1.0 - 1.0 / n as f64);
        let (mut up, mut down) = (1.0f64, 1.0f64);
        for k in 0..=shown {
            let (x, _) = f.to_px(k as f64, 0.0);
            for (v, col, dx) in [(up, GROW, -bw / 2.0), (down, SHRINK, bw / 2.0)] {
                let (_, y) = f.to_px(0.0, v);
                pen.fill(&col.css());
                pen.rect(x + dx - bw / 2.0, y, bw, f.py.1 - y, true);
            }
            up *= g;
            down *= d;
        }
        for (v, name) in [(std::f64::consts::E, "e"), ((-1f64).exp(), "1/e")] {
            pen.stroke(&t.muted.css(), 1.5);
            pen.dash(&[6.0, 4.0]);
            pen.line(f.to_px(0.0, v), f.to_px(shown as f64 + 0.5, v));
            pen.dash(&[]);
            pen.text(name, (f.px.1 - 6.0 * l.dpr, f.to_px(0.0, v).1 - 10.0 * l.dpr), 12.0, &t.muted.css(), "right");
        }
        let d0 = l.dpr;
        pen.text(
            &format!("(1 + 1/{n})^{n} = {}", number(compound(n as f64), 4)),
            (f.px.0 + 40.0 * d0, f.py.0 + 14.0 * d0),
            13.0,
            &GROW.css(),
            "left",
        );
        pen.text(
            &format!("(1 − 1/{n})^{n} = {}", number(decay(n as f64), 4)),
            (f.px.0 + 40.0 * d0, f.py.0 + 32.0 * d0),
            13.0,
            &SHRINK.css(),
            "left",
        );
        Some(f)
    }
}

impl Canvas for Bars {
    fn bg_key(&self, s: &Core) -> String {
        let sc = s.scene();
        format!("{}|{}", self.kind, sc.key_of(&["opt", "beta", "n"]))
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        self.frame = match self.kind.as_str() {
            "weights" => self.draw_weights(l, t, s),
            "compound" => self.draw_compound(l, t, s),
            _ => {
                l.bgc.set_fill_style_str(&t.bg.css());
                l.bgc.fill_rect(0.0, 0.0, l.width(), l.height());
                None
            }
        };
    }

    fn frame(&self) -> Option<Frame> {
        self.frame
    }

    fn by_x(&self) -> bool {
        true
    }

    /// The bars: the weights k = 0, 1, … or the steps of growth and decay.
    fn series(&self, s: &Core, _l: &Layers) -> Vec<Vec<Point>> {
        let Some(f) = self.frame else { return Vec::new() };
        let sc = s.scene();
        match self.kind.as_str() {
            "weights" => {
                let ws = weights(sc.beta, weight_count(sc.beta));
                vec![ws.iter().enumerate().map(|(k, &w)| Point { px: f.to_px(k as f64, w), key: k as u64 }).collect()]
            }
            "compound" => {
                let n = sc.n.max(1) as u64;
                let g = 1.0 + 1.0 / n as f64;
                vec![(0..=n.min(200)).map(|k| Point { px: f.to_px(k as f64, g.powi(k as i32)), key: k }).collect()]
            }
            _ => Vec::new(),
        }
    }

    fn describe(&self, s: &Core, t: &Theme, _i: usize, key: u64) -> String {
        let sc = s.scene();
        match self.kind.as_str() {
            "weights" => {
                let ws = weights(sc.beta, weight_count(sc.beta));
                let Some(&w) = ws.get(key as usize) else { return String::new() };
                let back = if t.ko { format!("{key}걸음 전") } else { format!("{key} steps back") };
                format!("k = {key} ({back}): (1 − β)·βᵏ = {}", number(w, 4))
            }
            "compound" => {
                let n = sc.n.max(1) as f64;
                let k = key as i32;
                let step = if t.ko { format!("{key}번째 걸음") } else { format!("step {key}") };
                let (up, down) = ((1.0 + 1.0 / n).powi(k), (1.0 - 1.0 / n).powi(k));
                format!("{step}: (1 + 1/n)ᵏ = {}, (1 − 1/n)ᵏ = {}", number(up, 4), number(down, 4))
            }
            _ => String::new(),
        }
    }

    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        l.clear_fg();
        if self.kind != "rates" {
            return;
        }
        let pen = Pen::new(&l.fgc, l.dpr);
        let dpr = l.dpr;
        let (w, h) = (l.width(), l.height());
        // One group per run: a bar per parameter of the effective step.
        let names = s.surface().param_names();
        let multi = s.runs.len() > 1;
        let rows: Vec<(String, f64, f64, Rgb)> = s
            .runs
            .iter()
            .flat_map(|r| {
                let names = &names;
                let (color, _) = method_style(r.method(), t.dark);
                let label = r.label();
                let sq = r.optimizer.s.clone();
                r.optimizer.effective_rate().into_iter().zip(sq).enumerate().map(move |(k, (e, sv))| {
                    let name = names.get(k).map_or("", String::as_str);
                    let n = if multi { format!("{label} {name}") } else { name.to_string() };
                    (n, e, sv, color)
                })
            })
            .collect();
        let max = rows.iter().map(|r| r.1).fold(0.0f64, f64::max).max(1e-12);
        let left = if multi { 110.0 } else { 40.0 } * dpr;
        let right = w - 150.0 * dpr;
        let row_h = ((h - 40.0 * dpr) / rows.len().max(1) as f64).min(44.0 * dpr);
        pen.text("α / (√S + ε)", (left, 14.0 * dpr), 13.0, &t.muted.css(), "left");
        for (i, (name, e, sv, color)) in rows.iter().enumerate() {
            let y = 30.0 * dpr + i as f64 * row_h;
            let mid = y + row_h / 2.0 - 2.0 * dpr;
            let len = (right - left) * (e / max).clamp(0.0, 1.0);
            pen.fill(&color.css());
            pen.rect(left, y + 4.0 * dpr, len.max(1.0), row_h - 12.0 * dpr, true);
            pen.text(name, (left - 8.0 * dpr, mid), 13.0, &t.ink.css(), "right");
            pen.text(&number(*e, 3), (left + len + 6.0 * dpr, mid), 12.0, &t.ink.css(), "left");
            pen.text(&format!("S = {}", number(*sv, 4)), (w - 6.0 * dpr, mid), 12.0, &t.muted.css(), "right");
        }
    }
}
