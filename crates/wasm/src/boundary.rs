//! The decision boundary of a classifier on two features (the MLP on penguins' bill length and
//! depth): P(y = 1 | x) under the first run's weights as a heat map, the line P = ½, and the
//! data, each class in its own colour and marker shape.
//!
//! The map is the cached background. It is recomputed only when the weights have moved enough
//! to change the picture: when P at some point of a 9 × 9 probe lattice differs from the map's
//! by more than [`MOVED`]. A new map is computed a few rows at a time in [`Canvas::work`] (at most
//! the time the page gives it a frame) while the old one stays on screen, then replaces it at once.

use crate::contour::contour_lines;
use crate::layer::{axes, Frame, Layers, Pen};
use crate::probe::Point;
use crate::theme::{Marker, Rgb, Theme};
use crate::view::{within, Canvas, Entry, Stroke};
use descent_core::data::Dataset;
use descent_core::format::number;
use descent_core::Session as Core;

/// Lattice points per side of the probability map.
const N: usize = 96;
/// Probe points per side for "has the picture changed".
const PROBE: usize = 9;
/// A map is redone once P moved by more than this somewhere on the probe lattice.
pub const MOVED: f64 = 0.02;
/// Class 1 (Chinstrap) and class 0 (Adélie and Gentoo), Okabe–Ito orange and blue.
const CLASS1: Rgb = Rgb(213, 94, 0);
const CLASS0: Rgb = Rgb(0, 114, 178);

#[derive(Default)]
pub struct Boundary {
    frame: Option<Frame>,
    /// The map on screen: P on the lattice (row by row from the bottom), the weights and the step
    /// it was computed for.
    shown: Option<Map>,
    /// A new map in progress (rows computed so far).
    next: Option<Map>,
    /// How many maps have been put on screen (the page reports it).
    maps: u32,
    /// The feature ranges drawn, `[x lo, x hi, y lo, y hi]`.
    range: [f64; 4],
    /// The scene the maps belong to.
    scene: String,
}

struct Map {
    params: Vec<f64>,
    step: u64,
    p: Vec<f64>,
}

/// The two-feature classification data, if the session's cost is one.
fn data2(s: &Core) -> Option<&Dataset> {
    s.surface().data().filter(|d| d.n == 2 && d.task == descent_core::data::Task::Classification)
}

/// The data's range on both features with a tenth to spare.
fn data_range(d: &Dataset) -> [f64; 4] {
    let mut r = [f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY];
    for i in 0..d.rows() {
        let x = d.row(i);
        r[0] = r[0].min(x[0]);
        r[1] = r[1].max(x[0]);
        r[2] = r[2].min(x[1]);
        r[3] = r[3].max(x[1]);
    }
    let (sx, sy) = (0.1 * (r[1] - r[0]).max(1e-6), 0.1 * (r[3] - r[2]).max(1e-6));
    [r[0] - sx, r[1] + sx, r[2] - sy, r[3] + sy]
}

/// Point (i, j) of an `n × n` lattice over `r`.
fn at(r: &[f64; 4], n: usize, i: usize, j: usize) -> [f64; 2] {
    let k = (n - 1) as f64;
    [r[0] + (r[1] - r[0]) * i as f64 / k, r[2] + (r[3] - r[2]) * j as f64 / k]
}

impl Boundary {
    /// True if the weights moved enough since `map` for the picture to change (see [`MOVED`]).
    fn moved(&self, s: &Core, map: &Map, now: &[f64]) -> bool {
        let surface = s.surface();
        (0..PROBE * PROBE).any(|k| {
            let x = at(&self.range, PROBE, k % PROBE, k / PROBE);
            match (surface.probability(now, &x), surface.probability(&map.params, &x)) {
                (Some(a), Some(b)) => (a - b).abs() > MOVED,
                _ => false,
            }
        })
    }

    fn paint(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let Some(d) = data2(s) else {
            self.frame = None;
            l.clear_bg(t);
            let pen = Pen::new(&l.bgc, l.dpr);
            let words = t.tr(
                "A decision boundary is drawn over two features: this model has another number.",
                "결정 경계는 특성 두 개 위에 그려요. 이 모델은 특성 수가 달라요.",
            );
            pen.text(words, (0.5 * l.width(), 0.5 * l.height()), 13.0, &t.muted.css(), "center");
            return;
        };
        let r = self.range;
        let (xd, yd) = if s.scene().surface == "mlp" {
            (
                t.tr("bill length (standardized)", "부리 길이 (표준화)"),
                t.tr("bill depth (standardized)", "부리 깊이 (표준화)"),
            )
        } else {
            ("x₁", "x₂")
        };
        let Some(f) = axes(l, t, (r[0], r[1]), (r[2], r[3]), xd, yd) else {
            self.frame = None;
            return;
        };
        self.frame = Some(f);
        let area = (f.px.0, f.py.0, f.px.1 - f.px.0, f.py.1 - f.py.0);
        if let Some(m) = &self.shown {
            // One image pixel per lattice point (row 0 = the top), stretched by the browser: each
            // side's colour, paler towards P = ½.
            let mut rgba = vec![0u8; N * N * 4];
            for row in 0..N {
                for i in 0..N {
                    let p = m.p[(N - 1 - row) * N + i];
                    let side = if p >= 0.5 { CLASS1 } else { CLASS0 };
                    let c = if p.is_finite() { t.bg.mix(side, 0.08 + 0.3 * (2.0 * p - 1.0).abs()) } else { t.grid };
                    rgba[(row * N + i) * 4..(row * N + i) * 4 + 4].copy_from_slice(&[c.0, c.1, c.2, 255]);
                }
            }
            let (sx, sy) = l.lattice_image(&rgba, N, area);
            // The boundary: where P crosses ½.
            let mut segs = Vec::new();
            contour_lines(&m.p, N, N, &[0.5], &mut segs);
            let pen = Pen::new(&l.bgc, l.dpr);
            pen.stroke(&t.ink.css(), 2.0);
            l.bgc.begin_path();
            for g in &segs {
                l.bgc.move_to(f.px.0 + g[0] * sx, f.py.1 - g[1] * sy);
                l.bgc.line_to(f.px.0 + g[2] * sx, f.py.1 - g[3] * sy);
            }
            l.bgc.stroke();
        }
        let pen = Pen::new(&l.bgc, l.dpr);
        for i in 0..d.rows() {
            let x = d.row(i);
            let (shape, color) = if d.y[i] > 0.5 { (Marker::Triangle, CLASS1) } else { (Marker::Circle, CLASS0) };
            pen.marker(shape, f.to_px(x[0], x[1]), 3.5, color, t.bg);
        }
    }
}

impl Canvas for Boundary {
    fn bg_key(&self, s: &Core) -> String {
        format!("boundary|{}|{}", s.to_query(), self.maps)
    }

    /// A first map at once (a new scene, a reset); afterwards a new one is started when the
    /// weights moved enough, and finished by `work`.
    fn prepare(&mut self, s: &Core) {
        let Some(d) = data2(s) else { return };
        let Some(r) = s.runs.first() else { return };
        let scene = s.to_query();
        let restart = scene != self.scene || self.shown.as_ref().is_some_and(|m| m.step > r.iteration());
        if restart {
            self.scene = scene;
            self.range = data_range(d);
            self.shown = None;
            self.next = None;
        }
        if self.shown.is_none() {
            let mut m = Map { params: r.params.clone(), step: r.iteration(), p: Vec::with_capacity(N * N) };
            fill(s, &self.range, &mut m, usize::MAX);
            self.shown = Some(m);
            self.maps += 1;
            return;
        }
        let busy = self.next.is_some();
        if !busy && self.shown.as_ref().is_some_and(|m| m.step != r.iteration() && self.moved(s, m, &r.params)) {
            self.next = Some(Map { params: r.params.clone(), step: r.iteration(), p: Vec::with_capacity(N * N) });
        }
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        self.paint(l, t, s);
    }

    /// Where the network is now: its step and how many penguins it gets right (the map itself
    /// follows once the weights moved enough), in the plot's corner.
    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        l.clear_fg();
        let (Some(f), Some(r)) = (self.frame, s.runs.first()) else { return };
        let Some(a) = s.accuracy(0) else { return };
        let a = number(100.0 * a, 1);
        let words = if t.ko {
            format!("{}번째 걸음 · 정확도 {a} %", r.iteration())
        } else {
            format!("step {} · {a} % right", r.iteration())
        };
        let pen = Pen::new(&l.fgc, l.dpr);
        let (x, y) = (f.px.0 + 8.0 * l.dpr, f.py.0 + 16.0 * l.dpr);
        let w = words.chars().map(|c| if c >= '\u{1100}' { 12.0 } else { 7.0 }).sum::<f64>() * l.dpr;
        pen.fill(&t.bg.css_alpha(0.85));
        pen.rect(x - 4.0 * l.dpr, y - 13.0 * l.dpr, w + 8.0 * l.dpr, 18.0 * l.dpr, true);
        pen.text(&words, (x, y), 12.0, &t.ink.css(), "left");
    }

    fn pending(&self) -> bool {
        self.next.is_some()
    }

    fn work(&mut self, l: &Layers, t: &Theme, s: &Core, budget_ms: f64) -> bool {
        let Some(m) = self.next.as_mut() else { return false };
        let range = &self.range;
        if within(budget_ms, || {
            fill(s, range, m, 8);
            m.p.len() < N * N
        }) {
            return true;
        }
        self.shown = self.next.take();
        self.maps += 1;
        self.paint(l, t, s);
        false
    }

    fn frame(&self) -> Option<Frame> {
        self.frame
    }

    /// The data points, one series per class.
    fn series(&self, s: &Core, _l: &Layers) -> Vec<Vec<Point>> {
        let (Some(f), Some(d)) = (self.frame, data2(s)) else { return Vec::new() };
        [1.0, 0.0]
            .iter()
            .map(|&class| {
                (0..d.rows())
                    .filter(|&i| (d.y[i] > 0.5) == (class > 0.5))
                    .map(|i| Point { px: f.to_px(d.row(i)[0], d.row(i)[1]), key: i as u64 })
                    .collect()
            })
            .collect()
    }

    fn describe(&self, s: &Core, t: &Theme, _i: usize, key: u64) -> String {
        let Some(d) = data2(s) else { return String::new() };
        let i = key as usize;
        if i >= d.rows() {
            return String::new();
        }
        let x = d.row(i);
        let class = if d.y[i] > 0.5 {
            t.tr("Chinstrap", "턱끈펭귄")
        } else {
            t.tr("Adélie or Gentoo", "아델리 또는 젠투")
        };
        let p = s.runs.first().and_then(|r| s.surface().probability(&r.params, x));
        let p = p.map(|p| number(p, 3)).unwrap_or_else(|| "—".into());
        let row = if t.ko { format!("{}번째 펭귄", i + 1) } else { format!("penguin {}", i + 1) };
        format!("{row}: {class}, x₁ = {}, x₂ = {}, P(Chinstrap) = {p}", number(x[0], 2), number(x[1], 2))
    }

    fn value_at(&self, s: &Core, _t: &Theme, x: f64, y: f64) -> Option<String> {
        let f = self.frame?;
        if !f.contains_px(x, y) {
            return None;
        }
        let (a, b) = f.to_data(x, y);
        let p = s.surface().probability(&s.runs.first()?.params, &[a, b])?;
        Some(format!("x₁ = {}, x₂ = {}: P(Chinstrap) = {}", number(a, 2), number(b, 2), number(p, 3)))
    }

    fn legend(&self, s: &Core, t: &Theme) -> Vec<Entry> {
        if data2(s).is_none() {
            return Vec::new();
        }
        vec![
            Entry {
                label: t.tr("Chinstrap", "턱끈펭귄").into(),
                color: CLASS1,
                marker: Some(Marker::Triangle),
                stroke: Stroke::None,
            },
            Entry {
                label: t.tr("Adélie or Gentoo", "아델리 또는 젠투").into(),
                color: CLASS0,
                marker: Some(Marker::Circle),
                stroke: Stroke::None,
            },
            Entry { label: "P = ½".into(), color: t.ink, marker: None, stroke: Stroke::Solid },
        ]
    }

    fn status(&self) -> Vec<(&'static str, String)> {
        let step = self.shown.as_ref().map(|m| m.step.to_string()).unwrap_or_default();
        vec![("boundaryStep", step), ("boundaryMaps", self.maps.to_string())]
    }
}

/// Computes up to `rows` more lattice rows of `m` (P under `m.params`).
fn fill(s: &Core, r: &[f64; 4], m: &mut Map, rows: usize) {
    let surface = s.surface();
    let mut left = rows;
    while m.p.len() < N * N && left > 0 {
        let j = m.p.len() / N;
        for i in 0..N {
            m.p.push(surface.probability(&m.params, &at(r, N, i, j)).unwrap_or(f64::NAN));
        }
        left -= 1;
    }
}
