//! A 2-D slice of a model's cost (`descent_core::landscape`): the PCA plane of the runs' paths
//! through the final weights (`slice`), or two filter-normalized random directions
//! (`randomslice`). The cost on the 41 × 41 lattice as a heat map with contour lines, the runs'
//! paths projected onto the plane, and the share of the paths the plane holds printed on it.
//!
//! **When a slice is made.** For the runs as they stand whenever they are at rest (the scene
//! opened, a single step, a pause, a reset, every run stopped) and the steps or the scene differ
//! from the slice's; never while they play. So the slice shown is always the one of a definite
//! step, reported to the page (`status`: `sliceStep`), and the same scene paused at the same step
//! gives the same slice, however the page got there. While the runs play, the slice stays and a
//! note says it is from an earlier step. Its lattice is filled in [`Canvas::work`], at most
//! the time the page gives it a frame.

use crate::contour::{contour_lines, quantiles};
use crate::layer::{axes, Frame, Layers, Pen};
use crate::probe::Point;
use crate::theme::{method_style, Marker, Rgb, Theme};
use crate::view::{runs_legend, within, Canvas, Entry};
use descent_core::format::number;
use descent_core::landscape::{Landscape, LandscapeError, Plane, GRID};
use descent_core::scene::Lang;
use descent_core::Session as Core;

/// Cells computed between two looks at the clock.
const CHUNK: usize = 41;

pub struct Slice {
    plane: Plane,
    frame: Option<Frame>,
    /// The runs are playing: a slice is not remade until they stop.
    playing: bool,
    /// The runs' state the slice (or the reason there is none) belongs to.
    stamp: String,
    made: Result<Made, LandscapeError>,
}

struct Made {
    land: Landscape,
    /// The most steps any run had taken when it was made.
    step: u64,
    /// Each run's steps then.
    steps: Vec<u64>,
    /// Each projected point's step and cost (the paths as kept when the slice was made).
    points: Vec<Vec<(u64, f64)>>,
    /// The run whose weights the slice passes through.
    origin: usize,
    /// Each run's colour (light, dark theme), marker and dash, as the other canvases draw it.
    styles: Vec<(Rgb, Rgb, Marker, bool)>,
}

impl Slice {
    pub fn new(plane: Plane) -> Self {
        Slice { plane, frame: None, playing: false, stamp: String::new(), made: Err(LandscapeError::NoMovement) }
    }
}

/// What a slice depends on: the scene and every run's step count (the same scene after the same
/// steps has the same weights and paths: runs are deterministic).
fn stamp(s: &Core) -> String {
    let steps: Vec<String> = s.runs.iter().map(|r| r.iteration().to_string()).collect();
    format!("{}|{}", s.to_query(), steps.join(","))
}

/// About how wide `s` is at `css_px` (CSS pixels; wide for Hangul): the box behind a note.
fn text_width(s: &str, css_px: f64) -> f64 {
    s.chars().map(|c| if c >= '\u{1100}' { 1.0 } else { 0.58 }).sum::<f64>() * css_px
}

fn lang(t: &Theme) -> Lang {
    if t.ko {
        Lang::Ko
    } else {
        Lang::En
    }
}

impl Slice {
    fn paint(&mut self, l: &Layers, t: &Theme) {
        let made = match &self.made {
            Ok(m) => m,
            Err(e) => {
                self.frame = None;
                l.clear_bg(t);
                let pen = Pen::new(&l.bgc, l.dpr);
                let (x, y, gap) = (0.5 * l.width(), 0.5 * l.height(), 10.0 * l.dpr);
                let why = e.message(lang(t));
                let when = t.tr(
                    "The slice is made when the runs are at rest: after a step or a pause.",
                    "조각은 실행이 멈춰 있을 때 만들어요. 한 걸음 진행하거나 일시 정지하면 돼요.",
                );
                pen.text(why, (x, y - gap), 12.0, &t.muted.css(), "center");
                pen.text(when, (x, y + gap), 12.0, &t.muted.css(), "center");
                return;
            }
        };
        let land = &made.land;
        let r = land.range;
        let (xd, yd) = match self.plane {
            Plane::Pca => (t.tr("a (along d₁)", "a (d₁ 방향)"), t.tr("b (along d₂)", "b (d₂ 방향)")),
            Plane::Random => (t.tr("a (random d₁)", "a (무작위 d₁)"), t.tr("b (random d₂)", "b (무작위 d₂)")),
        };
        let Some(f) = axes(l, t, (r[0], r[1]), (r[2], r[3]), xd, yd) else {
            self.frame = None;
            return;
        };
        self.frame = Some(f);
        let area = (f.px.0, f.py.0, f.px.1 - f.px.0, f.py.1 - f.py.0);
        let vals = land.values();
        // The cost's quantiles among the cells so far (a cost spans orders of magnitude): the
        // cells still to compute are left blank.
        let (levels, sorted) = quantiles(vals);
        let n = GRID;
        let mut rgba = vec![0u8; n * n * 4];
        for row in 0..n {
            for i in 0..n {
                let k = (n - 1 - row) * n + i;
                let c = if k < levels.len() { t.heat(levels[k]) } else { t.grid.mix(t.bg, 0.6) };
                rgba[(row * n + i) * 4..(row * n + i) * 4 + 4].copy_from_slice(&[c.0, c.1, c.2, 255]);
            }
        }
        let (cx, cy) = l.lattice_image(&rgba, n, area);
        let pen = Pen::new(&l.bgc, l.dpr);
        if land.finished() && sorted.len() > 10 {
            let at: Vec<f64> =
                (1..12).map(|k| sorted[((sorted.len() - 1) as f64 * (k as f64 / 12.0).powf(1.6)) as usize]).collect();
            let mut segs = Vec::new();
            contour_lines(vals, n, n, &at, &mut segs);
            pen.stroke(&t.muted.css_alpha(0.6), 1.0);
            l.bgc.begin_path();
            for g in &segs {
                l.bgc.move_to(f.px.0 + g[0] * cx, f.py.1 - g[1] * cy);
                l.bgc.line_to(f.px.0 + g[2] * cx, f.py.1 - g[3] * cy);
            }
            l.bgc.stroke();
        }
        // θ*, the final weights the slice passes through: a ringed dot at (0, 0).
        let o = f.to_px(0.0, 0.0);
        pen.stroke(&t.ink.css_alpha(0.8), 1.8);
        pen.circle(o, 7.0, false);
        pen.fill(&t.ink.css_alpha(0.8));
        pen.circle(o, 2.2, true);
        // What the plane holds of the paths, printed on the figure.
        let words = match (self.plane, land.explained) {
            (Plane::Pca, Some([e1, e2])) => format!(
                "{} d₁ {} %, d₂ {} %",
                t.tr("explained variance:", "설명된 분산:"),
                number(100.0 * e1, 1),
                number(100.0 * e2, 1)
            ),
            _ => {
                let share = number(100.0 * land.captured, 1);
                if t.ko {
                    format!("평면에 담긴 경로: {share} %")
                } else {
                    format!("paths in this plane: {share} %")
                }
            }
        };
        let made_at = if t.ko {
            format!("{}번째 걸음에서 만듦", made.step)
        } else {
            format!("made at step {}", made.step)
        };
        let (x, y) = (f.px.0 + 8.0 * l.dpr, f.py.0 + 16.0 * l.dpr);
        let size = 12.0;
        let w = text_width(&words, size).max(text_width(&made_at, size)) * l.dpr;
        pen.fill(&t.bg.css_alpha(0.85));
        pen.rect(x - 4.0 * l.dpr, y - 13.0 * l.dpr, w + 8.0 * l.dpr, 34.0 * l.dpr, true);
        pen.text(&words, (x, y), size, &t.ink.css(), "left");
        pen.text(&made_at, (x, y + 16.0 * l.dpr), size, &t.muted.css(), "left");
        // Each run's projected path, in its optimizer's colour and marker at its end.
        for (i, path) in land.paths.iter().enumerate() {
            let pts: Vec<(f64, f64)> = path.iter().map(|c| f.to_px(c[0], c[1])).collect();
            let Some(&(light, dark, marker, dashed)) = made.styles.get(i) else { continue };
            let color = if t.dark { dark } else { light };
            pen.stroke(&t.bg.css_alpha(0.8), 4.0);
            pen.polyline(pts.iter().copied());
            pen.stroke(&color.css(), 2.0);
            pen.dash(if dashed { &[6.0, 4.0] } else { &[] });
            pen.polyline(pts.iter().copied());
            pen.dash(&[]);
            let _ = marker;
        }
    }
}

impl Canvas for Slice {
    fn bg_key(&self, _s: &Core) -> String {
        let done = self.made.as_ref().map_or(0, |m| m.land.done());
        format!("{}|{}|{done}", self.plane.key(), self.stamp)
    }

    /// Makes the slice of the runs as they stand, if they are at rest and moved since (see the
    /// module's note); the lattice is filled by `work`.
    fn prepare(&mut self, s: &Core) {
        let now = stamp(s);
        if self.playing || now == self.stamp {
            return;
        }
        self.stamp = now;
        let origin = s.best_run();
        self.made = s.landscape(self.plane, Some(origin)).map(|land| Made {
            land,
            origin,
            step: s.runs.iter().map(|r| r.iteration()).max().unwrap_or(0),
            steps: s.runs.iter().map(|r| r.iteration()).collect(),
            points: s.runs.iter().map(|r| r.history.iter().map(|(k, _, c)| (k, c)).collect()).collect(),
            styles: s
                .runs
                .iter()
                .map(|r| {
                    let (c, m) = method_style(r.method(), false);
                    let (cd, _) = method_style(r.method(), true);
                    (c, cd, m, r.mini_batch())
                })
                .collect(),
        });
    }

    fn set_playing(&mut self, playing: bool) {
        self.playing = playing;
    }

    fn draw_bg(&mut self, l: &Layers, t: &Theme, _s: &Core) {
        self.paint(l, t);
    }

    /// While the runs have moved on from the slice: a note that it is from an earlier step.
    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core) {
        l.clear_fg();
        let (Some(f), Ok(m)) = (self.frame, &self.made) else { return };
        // Each run where it stands now, projected onto the slice's plane (at the end of its path
        // while the slice is fresh).
        let pen = l.begin_fg(&f);
        for (r, &(light, dark, marker, _)) in s.runs.iter().zip(&m.styles) {
            let [a, b] = m.land.coordinates(&r.params);
            if a.is_finite() && b.is_finite() {
                pen.marker(marker, f.to_px(a, b), 5.0, if t.dark { dark } else { light }, t.bg);
            }
        }
        l.end_fg();
        let now: Vec<u64> = s.runs.iter().map(|r| r.iteration()).collect();
        if now == m.steps {
            return;
        }
        let words = if t.ko {
            format!("{}번째 걸음의 조각이에요. 멈추면 다시 만들어요.", m.step)
        } else {
            format!("Slice from step {}: remade when the runs pause.", m.step)
        };
        let pen = Pen::new(&l.fgc, l.dpr);
        let (x, y) = (f.px.1 - 8.0 * l.dpr, f.py.1 - 10.0 * l.dpr);
        let w = text_width(&words, 12.0) * l.dpr;
        pen.fill(&t.bg.css_alpha(0.85));
        pen.rect(x - w - 4.0 * l.dpr, y - 13.0 * l.dpr, w + 8.0 * l.dpr, 18.0 * l.dpr, true);
        pen.text(&words, (x, y), 12.0, &t.danger.css(), "right");
    }

    fn pending(&self) -> bool {
        self.made.as_ref().is_ok_and(|m| !m.land.finished())
    }

    fn work(&mut self, l: &Layers, t: &Theme, s: &Core, budget_ms: f64) -> bool {
        let Ok(m) = self.made.as_mut() else { return false };
        if m.land.finished() {
            return false;
        }
        let busy = within(budget_ms, || m.land.work(s.surface(), CHUNK));
        self.paint(l, t);
        busy
    }

    fn frame(&self) -> Option<Frame> {
        self.frame
    }

    fn legend(&self, s: &Core, t: &Theme) -> Vec<Entry> {
        runs_legend(s, t)
    }

    /// Each run's projected path, its points keyed by step.
    fn series(&self, s: &Core, _l: &Layers) -> Vec<Vec<Point>> {
        let (Some(f), Ok(m)) = (self.frame, &self.made) else { return Vec::new() };
        let _ = s;
        m.land
            .paths
            .iter()
            .zip(&m.points)
            .map(|(path, pts)| {
                path.iter().zip(pts).map(|(c, &(k, _))| Point { px: f.to_px(c[0], c[1]), key: k }).collect()
            })
            .collect()
    }

    fn describe(&self, s: &Core, t: &Theme, i: usize, key: u64) -> String {
        let (Ok(m), Some(r)) = (&self.made, s.runs.get(i)) else { return String::new() };
        let (Some(path), Some(pts)) = (m.land.paths.get(i), m.points.get(i)) else { return String::new() };
        let Some((c, &(k, cost))) = path.iter().zip(pts).find(|(_, (k, _))| *k == key) else {
            return String::new();
        };
        let step = if t.ko { format!("{k}번째 걸음") } else { format!("step {k}") };
        let cost = number(cost, 4);
        format!("{}, {step}: a = {}, b = {}, C = {cost}", r.label(), number(c[0], 3), number(c[1], 3))
    }

    /// The cost of the lattice cell nearest the pointer.
    fn value_at(&self, _s: &Core, _t: &Theme, x: f64, y: f64) -> Option<String> {
        let (f, m) = (self.frame?, self.made.as_ref().ok()?);
        if !f.contains_px(x, y) {
            return None;
        }
        let (a, b) = f.to_data(x, y);
        let r = m.land.range;
        let i = (((a - r[0]) / (r[1] - r[0])) * (GRID - 1) as f64).round().clamp(0.0, (GRID - 1) as f64) as usize;
        let j = (((b - r[2]) / (r[3] - r[2])) * (GRID - 1) as f64).round().clamp(0.0, (GRID - 1) as f64) as usize;
        let v = *m.land.values().get(j * GRID + i)?;
        let (ca, cb) = m.land.cell(j * GRID + i);
        Some(format!("a = {}, b = {}: C = {}", number(ca, 3), number(cb, 3), number(v, 4)))
    }

    fn status(&self) -> Vec<(&'static str, String)> {
        let Ok(m) = &self.made else {
            return vec![("sliceStep", String::new()), ("sliceDone", "0".into())];
        };
        let explained = m.land.explained.map(|e| format!("{},{}", e[0], e[1])).unwrap_or_default();
        vec![
            ("sliceStep", m.step.to_string()),
            ("slicePlane", self.plane.key().into()),
            ("sliceDone", m.land.done().to_string()),
            ("sliceExplained", explained),
            ("sliceCaptured", m.land.captured.to_string()),
            ("sliceOrigin", m.origin.to_string()),
        ]
    }
}
