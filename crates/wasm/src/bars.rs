//! Bar charts: the per-parameter effective step α/(√S + ε) of RMSprop-like runs, with S.

use crate::layer::{Layers, Pen};
use crate::session::fmt;
use crate::theme::{method_style, Theme};
use crate::view::Canvas;
use descent_core::Session as Core;

pub struct Bars {
    kind: String,
}

impl Bars {
    pub fn new(kind: &str) -> Self {
        Bars { kind: kind.to_string() }
    }
}

impl Canvas for Bars {
    fn bg_key(&self, s: &Core) -> String {
        format!("{}|{:?}", self.kind, s.scene().opts)
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, _s: &Core) {
        l.bgc.set_fill_style_str(&t.bg.css());
        l.bgc.fill_rect(0.0, 0.0, l.width(), l.height());
    }

    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        l.clear_fg();
        let pen = Pen::new(&l.fgc, l.dpr);
        let dpr = l.dpr;
        let (w, h) = (l.width(), l.height());
        // One group per run: a bar per parameter of the effective step, relative to α.
        let names = ["w", "b"];
        let rows: Vec<(String, f64, f64, crate::theme::Rgb)> = s
            .runs
            .iter()
            .flat_map(|r| {
                let (color, _) = method_style(r.method(), t.dark);
                let rate = r.optimizer.effective_rate();
                let sq = r.optimizer.s.clone();
                let label = r.method().label();
                let multi = s.runs.len() > 1;
                rate.into_iter().zip(sq).enumerate().map(move |(k, (e, sv))| {
                    let n = if multi { format!("{label} {}", names[k.min(1)]) } else { names[k.min(1)].to_string() };
                    (n, e, sv, color)
                })
            })
            .collect();
        let max = rows.iter().map(|r| r.1).fold(0.0f64, f64::max).max(1e-12);
        let left = 96.0 * dpr;
        let right = w - 150.0 * dpr;
        let row_h = ((h - 40.0 * dpr) / rows.len().max(1) as f64).min(44.0 * dpr);
        pen.text("α / (√S + ε)", (left, 14.0 * dpr), 13.0, &t.muted.css(), "left");
        for (i, (name, e, sv, color)) in rows.iter().enumerate() {
            let y = 30.0 * dpr + i as f64 * row_h;
            let len = (right - left) * (e / max).clamp(0.0, 1.0);
            pen.fill(&color.css());
            pen.rect(left, y + 4.0 * dpr, len.max(1.0), row_h - 12.0 * dpr, true);
            pen.text(name, (left - 8.0 * dpr, y + row_h / 2.0 - 2.0 * dpr), 13.0, &t.ink.css(), "right");
            pen.text(&fmt(*e, 3), (left + len + 6.0 * dpr, y + row_h / 2.0 - 2.0 * dpr), 12.0, &t.ink.css(), "left");
            pen.text(&format!("S = {}", fmt(*sv, 4)), (w - 6.0 * dpr, y + row_h / 2.0 - 2.0 * dpr), 12.0, &t.muted.css(), "right");
        }
    }
}
