//! Line charts. Over time: the loss and (on a classifier) the accuracy of every run, against
//! steps, epochs (`show=epochs`) or examples seen (`show=examples`), and the gradients dW, db
//! with their running averages V_dW, V_db; their axes are cached and redrawn only when a run
//! outgrows them. Static: a year of noisy temperatures with its EWA, the
//! sequences (1 ± 1/n)ⁿ, and β^(1/(1−β)) against β; those are drawn once into the cached layer.

use crate::layer::{axes, axes_scaled, Frame, Layers, Pen};
use crate::probe::Point;
use crate::theme::{method_style, Marker, Rgb, Theme};
use crate::view::{run_point, runs_legend, Canvas, Entry, Stroke};
use descent_core::average::{beta_limit, compound, decay, ewa_series};
use descent_core::data::temperatures;
use descent_core::format::number;
use descent_core::Session as Core;

pub struct Chart {
    kind: String,
    frame: Option<Frame>,
    /// The accuracy chart's values: per run, (step, share right) for the kept points computed so
    /// far, and the scene they belong to (the same scene and step give the same weights).
    accuracy: Vec<Vec<(u64, f64)>>,
    accuracy_of: String,
}

impl Chart {
    pub fn new(kind: &str) -> Self {
        Chart { kind: kind.to_string(), frame: None, accuracy: Vec::new(), accuracy_of: String::new() }
    }
}

/// What the x axis of a chart over time counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Axis {
    /// Steps t.
    Steps,
    /// Passes over the data: examples seen after step t / rows.
    Epochs,
    /// Examples seen (log₁₀ scale).
    Examples,
}

impl Axis {
    fn of(s: &Core) -> Axis {
        let sc = s.scene();
        if s.surface().rows() == 0 {
            Axis::Steps
        } else if sc.shows("examples") {
            Axis::Examples
        } else if sc.shows("epochs") {
            Axis::Epochs
        } else {
            Axis::Steps
        }
    }
    /// Where step `t` of run `r` sits on the axis (the start, 0 examples, sits at 1 on the log scale).
    fn x(self, r: &descent_core::Run, t: u64, rows: usize) -> f64 {
        match self {
            Axis::Steps => t as f64,
            Axis::Epochs => r.examples_after(t, rows) as f64 / rows.max(1) as f64,
            Axis::Examples => (r.examples_after(t, rows).max(1) as f64).log10(),
        }
    }
}

/// At most this many points of a run's kept path get an accuracy (each costs a pass over the data).
const ACCURACY_POINTS: usize = 400;

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
/// The three β of the comparison, in Okabe–Ito colours.
const COMPARE: [(f64, Rgb); 3] = [(0.5, Rgb(0, 158, 115)), (0.9, Rgb(213, 94, 0)), (0.98, Rgb(0, 114, 178))];

/// The y range of the loss chart: from min(0, lowest cost seen, lowest documented minimum)
/// to the highest cost seen, each rounded outward to a 1-2-5 step.
fn loss_range(s: &Core) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for r in &s.runs {
        for (_, _, loss) in r.history.iter() {
            if loss.is_finite() {
                lo = lo.min(loss);
                hi = hi.max(loss);
            }
        }
    }
    for m in s.surface().minima() {
        lo = lo.min(m.value);
    }
    let lo = if lo < 0.0 { -round_up(-lo) } else { 0.0 };
    let hi = if hi > 0.0 { round_up(hi) } else { 0.0 };
    (lo, if hi > lo { hi } else { lo + 1.0 })
}

/// True if the session's cost is a classifier, whose accuracy can be counted.
fn classifier(s: &Core) -> bool {
    s.surface().data().is_some_and(|d| d.task == descent_core::data::Task::Classification)
}

/// The run whose gradients the `grads` chart follows: the first with a velocity (momentum,
/// Nesterov, Adam), else the first.
fn grads_run(s: &Core) -> &descent_core::Run {
    s.runs.iter().find(|r| r.optimizer.has_velocity()).unwrap_or(&s.runs[0])
}

impl Chart {
    /// The x and y ranges the time charts now need.
    fn ranges(&self, s: &Core) -> ((f64, f64), (f64, f64)) {
        let steps = s.runs.iter().map(|r| r.iteration()).max().unwrap_or(0) as f64;
        if self.kind == "grads" {
            let r = grads_run(s);
            let m = r.log.iter().flat_map(|x| x.grad.iter().chain(&x.velocity)).fold(0.0f64, |a, &g| a.max(g.abs()));
            let first = r.log.front().map(|x| x.t as f64 - 1.0).unwrap_or(0.0);
            return ((first, first + round_up((steps - first).max(20.0))), (-round_up(m * 1.05), round_up(m * 1.05)));
        }
        let rows = s.surface().rows();
        // Accuracy in per cent; the cost range seen so far (and the lowest documented minimum),
        // rounded outward to 1-2-5 steps so the axes change rarely.
        let y = if self.kind == "accuracy" { (0.0, 100.0) } else { loss_range(s) };
        match Axis::of(s) {
            Axis::Examples => {
                // Examples seen span orders of magnitude (one row per SGD step, m per batch step): log scale.
                let seen = s.runs.iter().map(|r| r.examples_after(r.iteration(), rows)).max().unwrap_or(0) as f64;
                ((0.0, round_up(seen.max(100.0)).log10()), y)
            }
            Axis::Epochs => {
                let e = s.runs.iter().map(|r| r.epochs(rows)).fold(0.0, f64::max);
                ((0.0, round_up(e.max(5.0))), y)
            }
            Axis::Steps => ((0.0, round_up(steps.max(20.0))), y),
        }
    }

    /// Brings the accuracy of every run's kept points up to date (at most [`ACCURACY_POINTS`]
    /// of each path, evenly spread, always the newest).
    fn update_accuracy(&mut self, s: &Core) {
        let of = s.to_query();
        if of != self.accuracy_of || self.accuracy.len() != s.runs.len() {
            self.accuracy = vec![Vec::new(); s.runs.len()];
            self.accuracy_of = of;
        }
        let surface = s.surface();
        for (r, acc) in s.runs.iter().zip(self.accuracy.iter_mut()) {
            let n = r.history.len();
            let every = n.div_ceil(ACCURACY_POINTS).max(1);
            let known: std::collections::HashMap<u64, f64> = acc.iter().copied().collect();
            let mut next = Vec::with_capacity(n / every + 1);
            for i in (0..n).filter(|i| i % every == 0 || *i + 1 == n) {
                let (k, p, _) = r.history.point(i);
                let a = match known.get(&k) {
                    Some(&a) => Some(a),
                    None => descent_core::surfaces::accuracy(surface, p),
                };
                if let Some(a) = a {
                    next.push((k, a));
                }
            }
            *acc = next;
        }
    }

    fn draw_ewa(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let sc = s.scene();
        let days = sc.days as usize;
        let temps = temperatures(sc.seed);
        let shown = &temps[..days.min(temps.len())];
        let lo = shown.iter().copied().fold(f64::INFINITY, f64::min).min(0.0);
        let hi = shown.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let Some(f) = axes(
            l,
            t,
            (0.0, days as f64),
            ((lo - 2.0).floor(), (hi + 2.0).ceil()),
            t.tr("t (day)", "t (일)"),
            "θ, V (°C)",
        ) else {
            return;
        };
        self.frame = Some(f);
        let pen = Pen::new(&l.bgc, l.dpr);
        pen.fill(&t.muted.css_alpha(0.6));
        for (d, &v) in shown.iter().enumerate() {
            pen.circle(f.to_px(d as f64 + 1.0, v), if days > 120 { 1.8 } else { 2.8 }, true);
        }
        let line =
            |vals: Vec<f64>| vals.into_iter().enumerate().map(|(d, v)| f.to_px(d as f64 + 1.0, v)).collect::<Vec<_>>();
        if sc.shows("compare") {
            for (b, col) in COMPARE {
                pen.stroke(&col.css(), 2.5);
                pen.polyline(line(ewa_series(shown, b, sc.bias)));
            }
        } else {
            if sc.bias {
                // The uncorrected average, dashed, under the corrected one.
                pen.stroke(&t.danger.css_alpha(0.8), 2.0);
                pen.dash(&[5.0, 4.0]);
                pen.polyline(line(ewa_series(shown, sc.beta, false)));
                pen.dash(&[]);
            }
            pen.stroke(&t.accent.css(), 3.0);
            pen.polyline(line(ewa_series(shown, sc.beta, sc.bias)));
        }
    }

    /// The series of the averages chart: the days' values, then each average drawn.
    fn ewa_legend(&self, s: &Core, t: &Theme) -> Vec<Entry> {
        let sc = s.scene();
        let beta = descent_core::format::short(sc.beta, 4);
        let mut out =
            vec![Entry { label: "θₜ".into(), color: t.muted, marker: Some(Marker::Circle), stroke: Stroke::None }];
        if sc.shows("compare") {
            for (b, col) in COMPARE {
                let label = format!("β = {}", descent_core::format::short(b, 4));
                out.push(Entry { label, color: col, marker: None, stroke: Stroke::Solid });
            }
            return out;
        }
        if sc.bias {
            out.push(Entry {
                label: format!("Vₜ (β = {beta})"),
                color: t.danger,
                marker: None,
                stroke: Stroke::Dashed,
            });
        }
        let label = if sc.bias { "Vₜ / (1 − βᵗ)".to_string() } else { format!("Vₜ (β = {beta})") };
        out.push(Entry { label, color: t.accent, marker: None, stroke: Stroke::Solid });
        out
    }

    fn draw_elimit(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let n_now = s.scene().n.max(1) as f64;
        let n_max = round_up(n_now.max(20.0));
        let Some(f) = axes(l, t, (0.0, n_max), (0.0, 3.0), "n", "(1 ± 1/n)ⁿ") else { return };
        self.frame = Some(f);
        let pen = Pen::new(&l.bgc, l.dpr);
        for (v, name) in [(std::f64::consts::E, "e ≈ 2.718"), ((-1f64).exp(), "1/e ≈ 0.368")] {
            pen.stroke(&t.muted.css(), 1.5);
            pen.dash(&[6.0, 4.0]);
            pen.line(f.to_px(0.0, v), f.to_px(n_max, v));
            pen.dash(&[]);
            pen.text(name, (f.px.0 + 6.0 * l.dpr, f.to_px(0.0, v).1 - 10.0 * l.dpr), 12.0, &t.muted.css(), "left");
        }
        let count = n_max.min(400.0) as usize;
        let ns: Vec<f64> =
            (1..=count).map(|k| 1.0 + (n_max - 1.0) * (k - 1) as f64 / (count - 1).max(1) as f64).collect();
        for (g, col) in [(compound as fn(f64) -> f64, W_COLOR), (decay, B_COLOR)] {
            pen.stroke(&col.css(), 2.5);
            pen.polyline(ns.iter().map(|&n| f.to_px(n, g(n))));
            pen.marker(Marker::Circle, f.to_px(n_now, g(n_now)), 5.0, col, t.bg);
        }
    }

    fn draw_betalimit(&mut self, l: &Layers, t: &Theme, s: &Core) {
        let beta = s.scene().beta;
        let Some(f) = axes(l, t, (0.0, 1.0), (0.0, 0.5), "β", "β^(1/(1−β))") else { return };
        self.frame = Some(f);
        let pen = Pen::new(&l.bgc, l.dpr);
        let inv_e = (-1f64).exp();
        pen.stroke(&t.muted.css(), 1.5);
        pen.dash(&[6.0, 4.0]);
        pen.line(f.to_px(0.0, inv_e), f.to_px(1.0, inv_e));
        pen.dash(&[]);
        pen.text(
            "1/e ≈ 0.368",
            (f.px.0 + 6.0 * l.dpr, f.to_px(0.0, inv_e).1 - 10.0 * l.dpr),
            12.0,
            &t.muted.css(),
            "left",
        );
        pen.stroke(&t.accent.css(), 2.5);
        pen.polyline((0..=500).map(|k| k as f64 / 500.0 * 0.9995).map(|b| f.to_px(b, beta_limit(b))));
        let at = f.to_px(beta, beta_limit(beta));
        pen.marker(Marker::Circle, at, 6.0, t.accent, t.bg);
        pen.text(
            &format!("β = {}: {}", beta, number(beta_limit(beta), 4)),
            (at.0 - 8.0 * l.dpr, at.1 + 18.0 * l.dpr),
            12.0,
            &t.ink.css(),
            "right",
        );
    }
}

impl Canvas for Chart {
    fn bg_key(&self, s: &Core) -> String {
        let sc = s.scene();
        match self.kind.as_str() {
            "ewa" | "elimit" | "betalimit" => {
                format!("{}|{}", self.kind, sc.key_of(&["beta", "bias", "days", "n", "seed", "show"]))
            }
            _ => {
                let ((x0, x1), (y0, y1)) = self.ranges(s);
                let fits = self.kind != "accuracy" || classifier(s);
                format!("{}|{fits}|{}|{x0}|{x1}|{y0}|{y1}", self.kind, sc.key_of(&["surface", "opt", "start", "show"]))
            }
        }
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        match self.kind.as_str() {
            "ewa" => return self.draw_ewa(l, t, s),
            "elimit" => return self.draw_elimit(l, t, s),
            "betalimit" => return self.draw_betalimit(l, t, s),
            _ => {}
        }
        if self.kind == "accuracy" && !classifier(s) {
            // Accuracy is the share of examples a classifier gets right: nothing to count here.
            self.frame = None;
            l.clear_bg(t);
            let pen = Pen::new(&l.bgc, l.dpr);
            let words = t.tr(
                "Accuracy needs a classifier: this cost has no classes.",
                "정확도는 분류 모델에만 있어요. 이 비용에는 부류가 없어요.",
            );
            pen.text(words, (0.5 * l.width(), 0.5 * l.height()), 13.0, &t.muted.css(), "center");
            return;
        }
        let (xr, yr) = self.ranges(s);
        let over_time = matches!(self.kind.as_str(), "loss" | "accuracy");
        let axis = if over_time { Axis::of(s) } else { Axis::Steps };
        let x_desc = match axis {
            Axis::Examples => t.tr("examples seen (log scale)", "본 예제 수 (로그 눈금)"),
            Axis::Epochs => t.tr("epochs (passes over the data)", "에포크 (데이터를 훑은 횟수)"),
            Axis::Steps => "t",
        };
        let y_desc = match self.kind.as_str() {
            "grads" => "dW, db, V",
            "accuracy" => t.tr("accuracy (%)", "정확도 (%)"),
            _ => "C",
        };
        self.frame = axes_scaled(l, t, xr, yr, x_desc, y_desc, axis == Axis::Examples);
        if let (Some(f), true) = (self.frame, self.kind == "grads") {
            let pen = Pen::new(&l.bgc, l.dpr);
            pen.stroke(&t.muted.css(), 1.0);
            pen.line(f.to_px(xr.0, 0.0), f.to_px(xr.1, 0.0));
        }
    }

    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        l.clear_fg();
        let Some(f) = self.frame else { return };
        if !matches!(self.kind.as_str(), "loss" | "grads" | "accuracy") {
            return;
        }
        if self.kind == "accuracy" {
            self.update_accuracy(s);
        }
        let pen = l.begin_fg(&f);
        if self.kind == "grads" {
            let r = grads_run(s);
            let series = |k: usize, velocity: bool| {
                r.log.iter().map(move |x| f.to_px(x.t as f64, if velocity { x.velocity[k] } else { x.grad[k] }))
            };
            let v = r.optimizer.has_velocity();
            for k in 0..r.params.len().min(2) {
                let col = if k == 0 { W_COLOR } else { B_COLOR };
                pen.stroke(&col.css_alpha(0.6), 1.5);
                pen.dash(&[4.0, 3.0]);
                pen.polyline(series(k, false));
                pen.dash(&[]);
                if let Some(last) = series(k, false).next_back() {
                    pen.fill(&col.css());
                    pen.circle(last, 3.0, true);
                }
                if v {
                    pen.stroke(&col.css(), 3.0);
                    pen.polyline(series(k, true));
                }
            }
        } else {
            let axis = Axis::of(s);
            let rows = s.surface().rows();
            for (i, run) in s.runs.iter().enumerate() {
                let (color, marker) = method_style(run.method(), t.dark);
                let pts: Vec<(f64, f64)> = if self.kind == "accuracy" {
                    let acc = self.accuracy.get(i).map(Vec::as_slice).unwrap_or(&[]);
                    acc.iter().map(|&(tt, a)| f.to_px(axis.x(run, tt, rows), 100.0 * a)).collect()
                } else {
                    run.history.iter().map(|(tt, _, loss)| f.to_px(axis.x(run, tt, rows), loss)).collect()
                };
                pen.stroke(&color.css(), 2.0);
                pen.dash(if run.mini_batch() { &[6.0, 4.0] } else { &[] });
                pen.polyline(pts.iter().copied());
                pen.dash(&[]);
                if let Some(&last) = pts.last() {
                    pen.marker(marker, last, 5.0, color, t.bg);
                }
            }
        }
        l.end_fg();
    }

    fn frame(&self) -> Option<Frame> {
        self.frame
    }

    fn by_x(&self) -> bool {
        true
    }

    /// The loss of each run, each gradient component, the days of the series, the integers n,
    /// or β in steps of 0.01, as drawn.
    fn series(&self, s: &Core, _l: &Layers) -> Vec<Vec<Point>> {
        let Some(f) = self.frame else { return Vec::new() };
        match self.kind.as_str() {
            "loss" => {
                let (axis, rows) = (Axis::of(s), s.surface().rows());
                s.runs
                    .iter()
                    .map(|r| {
                        r.history.iter().map(|(k, _, c)| Point { px: f.to_px(axis.x(r, k, rows), c), key: k }).collect()
                    })
                    .collect()
            }
            "accuracy" => {
                let (axis, rows) = (Axis::of(s), s.surface().rows());
                s.runs
                    .iter()
                    .zip(&self.accuracy)
                    .map(|(r, acc)| {
                        acc.iter().map(|&(k, a)| Point { px: f.to_px(axis.x(r, k, rows), 100.0 * a), key: k }).collect()
                    })
                    .collect()
            }
            "grads" => {
                let r = grads_run(s);
                (0..r.params.len().min(2))
                    .map(|k| r.log.iter().map(|x| Point { px: f.to_px(x.t as f64, x.grad[k]), key: x.t }).collect())
                    .collect()
            }
            "ewa" => {
                let sc = s.scene();
                let temps = temperatures(sc.seed);
                let shown = &temps[..(sc.days as usize).min(temps.len())];
                vec![shown
                    .iter()
                    .enumerate()
                    .map(|(d, &v)| Point { px: f.to_px(d as f64 + 1.0, v), key: d as u64 })
                    .collect()]
            }
            "elimit" => {
                let n_max = f.x.1.floor() as u64;
                let ns = 1..=n_max.min(1000);
                vec![
                    ns.clone().map(|n| Point { px: f.to_px(n as f64, compound(n as f64)), key: n }).collect(),
                    ns.map(|n| Point { px: f.to_px(n as f64, decay(n as f64)), key: n }).collect(),
                ]
            }
            "betalimit" => {
                vec![(0..100u64)
                    .map(|k| Point { px: f.to_px(k as f64 / 100.0, beta_limit(k as f64 / 100.0)), key: k })
                    .collect()]
            }
            _ => Vec::new(),
        }
    }

    fn describe(&self, s: &Core, t: &Theme, i: usize, key: u64) -> String {
        match self.kind.as_str() {
            "loss" | "accuracy" => {
                let Some(r) = s.runs.get(i) else { return String::new() };
                let rows = s.surface().rows();
                let mut words = if self.kind == "loss" {
                    run_point(s, t, i, key)
                } else {
                    let Some(&(_, a)) = self.accuracy.get(i).and_then(|acc| acc.iter().find(|(k, _)| *k == key)) else {
                        return String::new();
                    };
                    let step = if t.ko { format!("{key}번째 걸음") } else { format!("step {key}") };
                    let right = t.tr("right", "정확도");
                    format!("{}, {step}: {right} {} %", r.label(), number(100.0 * a, 1))
                };
                match Axis::of(s) {
                    Axis::Examples => {
                        let seen = r.examples_after(key, rows);
                        words.push_str(&if t.ko {
                            format!(", 본 예제 {seen}개")
                        } else {
                            format!(", {seen} examples seen")
                        });
                    }
                    Axis::Epochs => {
                        let e = number(Axis::Epochs.x(r, key, rows), 2);
                        words.push_str(&if t.ko { format!(", 에포크 {e}") } else { format!(", epoch {e}") });
                    }
                    Axis::Steps => {}
                }
                words
            }
            "grads" => {
                let r = grads_run(s);
                let Some(x) = r.log.iter().find(|x| x.t == key) else { return String::new() };
                let name = if i == 0 { "W" } else { "b" };
                let step = if t.ko { format!("{key}번째 걸음") } else { format!("step {key}") };
                let mut words = format!("{}, {step}: d{name} = {}", r.label(), number(x.grad[i], 4));
                if r.optimizer.has_velocity() {
                    words.push_str(&format!(", V_d{name} = {}", number(x.velocity[i], 4)));
                }
                words
            }
            "ewa" => {
                let sc = s.scene();
                let temps = temperatures(sc.seed);
                let shown = &temps[..(sc.days as usize).min(temps.len())];
                let d = key as usize;
                let Some(&theta) = shown.get(d) else { return String::new() };
                let day = if t.ko { format!("{}일째", d + 1) } else { format!("day {}", d + 1) };
                let mut words = format!("{day}: θ = {} °C", number(theta, 2));
                let betas: Vec<f64> =
                    if sc.shows("compare") { COMPARE.iter().map(|c| c.0).collect() } else { vec![sc.beta] };
                for b in betas {
                    let v = ewa_series(&shown[..=d], b, sc.bias)[d];
                    words.push_str(&format!(", V (β = {}) = {} °C", descent_core::format::short(b, 4), number(v, 2)));
                }
                words
            }
            "elimit" => {
                let n = key as f64;
                format!("n = {key}: (1 + 1/n)ⁿ = {}, (1 − 1/n)ⁿ = {}", number(compound(n), 4), number(decay(n), 4))
            }
            "betalimit" => {
                let b = key as f64 / 100.0;
                format!("β = {}: β^(1/(1−β)) = {}", descent_core::format::short(b, 2), number(beta_limit(b), 4))
            }
            _ => String::new(),
        }
    }

    fn legend(&self, s: &Core, t: &Theme) -> Vec<Entry> {
        match self.kind.as_str() {
            "loss" | "accuracy" => runs_legend(s, t),
            "ewa" => self.ewa_legend(s, t),
            "grads" => {
                // Each gradient dashed with a dot at its newest value; its average solid.
                let r = grads_run(s);
                let mut out = Vec::new();
                for k in 0..r.params.len().min(2) {
                    let (color, name) = if k == 0 { (W_COLOR, "W") } else { (B_COLOR, "b") };
                    out.push(Entry {
                        label: format!("d{name}"),
                        color,
                        marker: Some(Marker::Circle),
                        stroke: Stroke::Dashed,
                    });
                    if r.optimizer.has_velocity() {
                        out.push(Entry { label: format!("V_d{name}"), color, marker: None, stroke: Stroke::Solid });
                    }
                }
                out
            }
            "elimit" => {
                let n = s.scene().n.max(1) as f64;
                vec![
                    Entry {
                        label: format!("(1 + 1/n)ⁿ = {}", number(compound(n), 4)),
                        color: W_COLOR,
                        marker: Some(Marker::Circle),
                        stroke: Stroke::Solid,
                    },
                    Entry {
                        label: format!("(1 − 1/n)ⁿ = {}", number(decay(n), 4)),
                        color: B_COLOR,
                        marker: Some(Marker::Circle),
                        stroke: Stroke::Solid,
                    },
                ]
            }
            _ => Vec::new(),
        }
    }
}
