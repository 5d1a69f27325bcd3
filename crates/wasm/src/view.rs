//! A view: one canvas pair on the page, drawn by the module for its kind.
//!
//! The background is redrawn only when its key (what it shows, the size, the theme)
//! changes; the foreground is redrawn on every call to [`View::draw`].

use crate::layer::{Frame, Layers};
use crate::probe::{by_key, draw_mark, moved, nearest, Cross, Point, Probe, REACH};
use crate::session::Session;
use crate::theme::{method_style, Marker, Rgb, Theme};
use crate::{bars, chart, contour, curve, scatter};
use descent_core::Session as Core;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// How a legend entry's sample line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stroke {
    None,
    Solid,
    Dashed,
}

/// One entry of a view's legend: a name and the colour, marker and line the canvas draws it with.
pub(crate) struct Entry {
    pub label: String,
    pub color: Rgb,
    pub marker: Option<Marker>,
    pub stroke: Stroke,
}

impl Entry {
    /// The entry as the page gets it: `{ label, color, edge, marker, shape, stroke }` (see
    /// [`View::legend`]); `edge` is the outline markers are drawn with.
    pub fn to_js(&self, edge: Rgb) -> JsValue {
        let o = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &v);
        };
        set("label", self.label.as_str().into());
        set("color", self.color.css().into());
        set("edge", edge.css().into());
        set("marker", self.marker.map(|m| JsValue::from(m.svg_path())).unwrap_or(JsValue::NULL));
        set("shape", self.marker.map(|m| m.name()).unwrap_or("line").into());
        let stroke = match self.stroke {
            Stroke::None => "none",
            Stroke::Solid => "solid",
            Stroke::Dashed => "dashed",
        };
        set("stroke", stroke.into());
        o.into()
    }
}

/// A run's entry: its optimizer's colour and marker, dashed for a mini-batch run.
pub(crate) fn run_entry(r: &descent_core::Run, dark: bool) -> Entry {
    let (color, marker) = method_style(r.method(), dark);
    let stroke = if r.mini_batch() { Stroke::Dashed } else { Stroke::Solid };
    Entry { label: r.label(), color, marker: Some(marker), stroke }
}

/// The runs of a race, each in its optimizer's colour and marker (dashed for a mini-batch run, as
/// the canvases draw it); nothing for a single run.
pub(crate) fn runs_legend(s: &Core, t: &Theme) -> Vec<Entry> {
    if s.runs.len() < 2 {
        return Vec::new();
    }
    s.runs.iter().map(|r| run_entry(r, t.dark)).collect()
}

/// What every canvas module provides.
pub(crate) trait Canvas {
    /// Everything the background depends on besides size and theme.
    fn bg_key(&self, s: &Core) -> String;
    /// Brings what the view derives from the session up to date before it draws (a slice made
    /// for runs at rest, a decision map started when the weights moved).
    fn prepare(&mut self, _s: &Core) {}
    /// The runs started or stopped playing (JS owns time; a slice is not remade while they play).
    fn set_playing(&mut self, _playing: bool) {}
    /// The state the page reports on the figure as `data-*` attributes (the step a slice was
    /// made at, its explained variance, ...): tests wait on it.
    fn status(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// Draws the cached layer: axes, curves, contours, meshes.
    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core);
    /// Draws what moves.
    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core);
    /// True while work spread over frames remains (a coarse map to refine, a basin map to fill).
    fn pending(&self) -> bool {
        false
    }
    /// Continues that work for about `budget_ms` (at least one slice); true while more remains.
    fn work(&mut self, _l: &Layers, _t: &Theme, _s: &Core, _budget_ms: f64) -> bool {
        false
    }
    /// The end of a drag (a 3-D view then draws at full detail).
    fn release(&mut self) {}
    /// A click or drag at device pixel (x, y): the new start parameters it asks for, if any.
    fn pointer(&self, _s: &Core, _x: f64, _y: f64) -> Option<Vec<f64>> {
        None
    }
    /// A drag by (dx, dy) CSS pixels that turns the view; true if it changed.
    fn turn(&mut self, _dx: f64, _dy: f64) -> bool {
        false
    }
    /// The legend: every series or run the canvas draws in its own colour, when there are several.
    fn legend(&self, _s: &Core, _t: &Theme) -> Vec<Entry> {
        Vec::new()
    }
    /// The plot frame in device pixels, once drawn (none on a canvas too small for a plot).
    fn frame(&self) -> Option<Frame> {
        None
    }
    /// The points a reader can land on, one list per series (see `probe.rs`), as now drawn.
    fn series(&self, _s: &Core, _l: &Layers) -> Vec<Vec<Point>> {
        Vec::new()
    }
    /// True for a chart over time (or over n, β, k): the pointer reads the point nearest in x.
    fn by_x(&self) -> bool {
        false
    }
    /// The words for point `key` of series `i`.
    fn describe(&self, _s: &Core, _t: &Theme, _i: usize, _key: u64) -> String {
        String::new()
    }
    /// The words for what is at device pixel (x, y) itself, such as a map's cost there.
    fn value_at(&self, _s: &Core, _t: &Theme, _x: f64, _y: f64) -> Option<String> {
        None
    }
}

/// The words of a run's point for a readout: "Momentum, step 12: w = 1.20, b = −0.30, C = 0.45".
pub(crate) fn run_point(s: &Core, t: &Theme, i: usize, key: u64) -> String {
    let Some(r) = s.runs.get(i) else { return String::new() };
    let Some((step, p, loss)) = r.history.iter().min_by_key(|(k, _, _)| k.abs_diff(key)) else { return String::new() };
    let names = ["w", "b"];
    let coords: Vec<String> =
        p.iter().zip(names).map(|(x, n)| format!("{n} = {}", descent_core::format::number(*x, 3))).collect();
    let step = if t.ko { format!("{step}번째 걸음") } else { format!("step {step}") };
    format!("{}, {step}: {}, C = {}", r.label(), coords.join(", "), descent_core::format::number(loss, 4))
}

/// One canvas view of a session.
#[wasm_bindgen]
pub struct View {
    layers: Layers,
    theme: Theme,
    canvas: Box<dyn Canvas>,
    /// The key the background was last drawn for; `None` forces a redraw.
    drawn_key: Option<String>,
    /// How many times the background has been drawn (for the benchmark).
    backgrounds: u32,
    kind: String,
    /// What a reader is reading (pointer or keys), marked on the foreground.
    probe: Option<Probe>,
}

/// The background key of a view showing its note that the model does not fit it.
const UNFIT: &str = "unfit";

impl View {
    /// True if this view draws a cost over one or two parameters and the session's model has more
    /// (`descent_core::scene::PLANE_VIEWS`; a scene naming such a view on a model is refused, but
    /// the page's default views may still ask for one).
    fn unfit(&self, s: &Core) -> bool {
        s.surface().dim() > 2 && descent_core::scene::PLANE_VIEWS.contains(&self.kind.as_str())
            || !descent_core::scene::view_fits(&self.kind, &s.scene().surface)
    }
}

/// Runs `slice` (one piece of progressive work; false once none is left) until none is left or
/// the next piece would likely end past `budget_ms`, judged by the longest piece so far; at least
/// once. True while work remains.
pub(crate) fn within(budget_ms: f64, mut slice: impl FnMut() -> bool) -> bool {
    let t0 = js_sys::Date::now();
    let mut longest = 0.0f64;
    loop {
        let t = js_sys::Date::now();
        if !slice() {
            return false;
        }
        let now = js_sys::Date::now();
        longest = longest.max(now - t);
        if now - t0 + longest > budget_ms {
            return true;
        }
    }
}

fn make(kind: &str) -> Option<Box<dyn Canvas>> {
    Some(match kind {
        "curve" => Box::new(curve::Curve::default()),
        "scatter" => Box::new(scatter::Scatter::default()),
        "contour" => Box::new(contour::Contour::new(false)),
        "basins" => Box::new(contour::Contour::new(true)),
        #[cfg(feature = "three-d")]
        "surface3d" => Box::new(crate::surface3d::Surface3d::default()),
        "loss" | "accuracy" | "grads" | "ewa" | "elimit" | "betalimit" => Box::new(chart::Chart::new(kind)),
        #[cfg(feature = "three-d")]
        "boundary" => Box::new(crate::boundary::Boundary::default()),
        #[cfg(feature = "three-d")]
        "slice" => Box::new(crate::slice::Slice::new(descent_core::landscape::Plane::Pca)),
        #[cfg(feature = "three-d")]
        "randomslice" => Box::new(crate::slice::Slice::new(descent_core::landscape::Plane::Random)),
        "rates" | "weights" | "compound" => Box::new(bars::Bars::new(kind)),
        _ => return None,
    })
}

#[wasm_bindgen]
impl View {
    /// A view of `kind` (a canvas name from the scene's `view=` list) on two stacked canvases.
    #[wasm_bindgen(constructor)]
    pub fn new(kind: &str, bg: HtmlCanvasElement, fg: HtmlCanvasElement, dark: bool) -> Result<View, JsError> {
        let canvas = make(kind).ok_or_else(|| JsError::new(&format!("no canvas view named \"{kind}\"")))?;
        let layers = Layers::new(bg, fg).ok_or_else(|| JsError::new("this browser gives no 2-D canvas"))?;
        Ok(View {
            layers,
            theme: Theme::new(dark),
            canvas,
            drawn_key: None,
            backgrounds: 0,
            kind: kind.to_string(),
            probe: None,
        })
    }

    /// True if `kind` names a canvas view (others, like `table`, are HTML panels).
    #[wasm_bindgen(js_name = isCanvas)]
    pub fn is_canvas(kind: &str) -> bool {
        make(kind).is_some()
    }

    /// How many times the background has been drawn: a benchmark checks that it stays put
    /// while only the foreground should change.
    pub fn backgrounds(&self) -> u32 {
        self.backgrounds
    }

    pub fn kind(&self) -> String {
        self.kind.clone()
    }

    /// Sizes the canvases (CSS pixels × device pixel ratio).
    pub fn resize(&mut self, css_w: f64, css_h: f64, dpr: f64) {
        if self.layers.resize(css_w, css_h, dpr) {
            self.drawn_key = None;
            // A pointer's place is in pixels of the old size.
            if let Some(p) = self.probe.as_mut() {
                p.pointer = None;
            }
        }
    }

    /// Switches light/dark colours.
    #[wasm_bindgen(js_name = setDark)]
    pub fn set_dark(&mut self, dark: bool) {
        if self.theme.dark != dark {
            self.theme = Theme { ko: self.theme.ko, ..Theme::new(dark) };
            self.drawn_key = None;
        }
    }

    /// The language of the words on the canvas (axis names, notes) for a page in `lang`: Korean
    /// or else English (`Lang::for_tag`).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, lang: &str) {
        let ko = descent_core::scene::Lang::for_tag(lang) == descent_core::scene::Lang::Ko;
        if self.theme.ko != ko {
            self.theme.ko = ko;
            self.drawn_key = None;
        }
    }

    /// Draws the session: the background only if it changed, the foreground always.
    /// Returns true if the view has progressive work left (see [`View::work`]).
    pub fn draw(&mut self, s: &Session) -> bool {
        if self.unfit(&s.inner) {
            // A model of many parameters in a view of one or two: a note instead of a picture.
            if self.drawn_key.as_deref() != Some(UNFIT) {
                self.layers.clear_bg(&self.theme);
                self.layers.clear_fg();
                let t = &self.theme;
                let lines = match self.kind.as_str() {
                    "accuracy" => [
                        t.tr("Accuracy is counted for a classifier;", "정확도는 분류 모델에서 세요."),
                        t.tr("this cost has no classes.", "이 비용에는 부류가 없어요."),
                    ],
                    "boundary" => [
                        t.tr("A decision boundary is drawn over two features:", "결정 경계는 특성 두 개 위에 그려요."),
                        t.tr("pick the small network (mlp).", "작은 신경망(mlp)을 고르세요."),
                    ],
                    "slice" | "randomslice" => [
                        t.tr("A slice shows a model of many parameters;", "조각은 매개변수가 많은 모델을 보여 줘요."),
                        t.tr("pick penguins or the small network.", "펭귄 모델이나 작은 신경망을 고르세요."),
                    ],
                    _ => [
                        t.tr(
                            "This view draws a cost of one or two parameters;",
                            "이 보기는 매개변수가 한두 개인 비용을 그려요.",
                        ),
                        t.tr("this model has more.", "이 모델은 매개변수가 더 많아요."),
                    ],
                };
                let pen = crate::layer::Pen::new(&self.layers.bgc, self.layers.dpr);
                let (x, y, gap) = (0.5 * self.layers.width(), 0.5 * self.layers.height(), 10.0 * self.layers.dpr);
                pen.text(lines[0], (x, y - gap), 13.0, &t.muted.css(), "center");
                pen.text(lines[1], (x, y + gap), 13.0, &t.muted.css(), "center");
                self.drawn_key = Some(UNFIT.into());
                self.backgrounds += 1;
            }
            return false;
        }
        self.canvas.prepare(&s.inner);
        let key = self.canvas.bg_key(&s.inner);
        if self.drawn_key.as_deref() != Some(key.as_str()) {
            self.canvas.draw_bg(&self.layers, &self.theme, &s.inner);
            self.drawn_key = Some(key);
            self.backgrounds += 1;
        }
        self.canvas.draw_fg(&self.layers, &self.theme, &s.inner);
        if let Some(p) = self.probe {
            let at = p.point.and_then(|(i, key)| {
                let all = self.canvas.series(&s.inner, &self.layers);
                all.get(i).and_then(|series| by_key(series, key)).map(|(_, q)| q.px)
            });
            let cross = match p.pointer {
                Some((x, y)) if self.canvas.value_at(&s.inner, &self.theme, x, y).is_some() => Cross::Both,
                Some(_) if self.canvas.by_x() => Cross::Vertical,
                _ => Cross::None,
            };
            draw_mark(&self.layers, &self.theme, self.canvas.frame(), at, p.pointer, cross);
        }
        self.canvas.pending()
    }

    /// Does a slice of progressive work on the background (a coarse map refined, some rows of
    /// a basin map) for about `budget_ms`, at least one slice; true while more remains. The page
    /// gives it what is left of a frame's budget.
    pub fn work(&mut self, s: &Session, budget_ms: f64) -> bool {
        !self.unfit(&s.inner) && self.canvas.work(&self.layers, &self.theme, &s.inner, budget_ms)
    }

    /// The end of a drag: a turned 3-D view redraws at full detail.
    pub fn release(&mut self) {
        self.canvas.release();
        self.drawn_key = None;
    }

    /// A press or drag at CSS pixel (x, y): the new start point it asks for, or `undefined`.
    pub fn pointer(&self, s: &Session, css_x: f64, css_y: f64) -> Option<Vec<f64>> {
        if self.unfit(&s.inner) {
            return None;
        }
        let d = self.layers.dpr;
        self.canvas.pointer(&s.inner, css_x * d, css_y * d)
    }

    /// The view's legend as the page shows it beside the canvas: `[{ label, color, edge, marker,
    /// shape, stroke }]`, each colour as CSS (`rgb(…)`, the canvas's own), `marker` an SVG path in
    /// units of the marker's radius (`null` for a line only), `shape` its name, `stroke` `solid`,
    /// `dashed` or `none`, `edge` the outline the canvas draws markers with. Empty when the view
    /// draws one series only.
    pub fn legend(&self, s: &Session) -> js_sys::Array {
        let out = js_sys::Array::new();
        for e in self.canvas.legend(&s.inner, &self.theme) {
            out.push(&e.to_js(self.theme.bg));
        }
        out
    }

    /// The pointer at CSS pixel (x, y) (hovering, or a finger on a touch screen): what is there,
    /// in words (the value at that place, then the nearest run's point or data point and its
    /// step), marked on the next drawn foreground. Outside the plot: `undefined`, and the mark
    /// goes.
    pub fn probe(&mut self, s: &Session, css_x: f64, css_y: f64) -> Option<String> {
        let d = self.layers.dpr;
        let (x, y) = (css_x * d, css_y * d);
        let inside = self.canvas.frame().is_some_and(|f| f.contains_px(x, y));
        if !inside {
            self.probe = None;
            return None;
        }
        let all = self.canvas.series(&s.inner, &self.layers);
        let hit = nearest(&all, (x, y), self.canvas.by_x(), REACH * d).map(|(i, p)| (i, p.key));
        self.probe = Some(Probe { point: hit, pointer: Some((x, y)) });
        self.probe_text(s)
    }

    /// The keyboard's way to read values: `how` is `next`, `prev`, `next10`, `prev10`, `first`,
    /// `last`, `up`, `down` (another run or series) or `start` (the first run's newest point).
    /// Returns the words for the point now read, or `undefined` if the view has nothing to read.
    #[wasm_bindgen(js_name = probeKey)]
    pub fn probe_key(&mut self, s: &Session, how: &str) -> Option<String> {
        let all = self.canvas.series(&s.inner, &self.layers);
        let now = if how == "start" { None } else { self.probe.and_then(|p| p.point) };
        let point = moved(&all, now, how)?;
        self.probe = Some(Probe { point: Some(point), pointer: None });
        self.probe_text(s)
    }

    /// The words for what is being read, as the session is now (a run moves on while a pointer
    /// rests), or `undefined` when nothing is.
    #[wasm_bindgen(js_name = probeText)]
    pub fn probe_text(&self, s: &Session) -> Option<String> {
        let p = self.probe?;
        let (core, t) = (&s.inner, &self.theme);
        let here = p.pointer.and_then(|(x, y)| self.canvas.value_at(core, t, x, y));
        let point = p.point.map(|(i, key)| self.canvas.describe(core, t, i, key)).filter(|w| !w.is_empty());
        let words: Vec<String> = here.into_iter().chain(point).collect();
        (!words.is_empty()).then(|| words.join("\n"))
    }

    /// Stops reading values (the pointer left, the keyboard moved on); the mark goes at the next draw.
    pub fn unprobe(&mut self) {
        self.probe = None;
    }

    /// True if the view has values to read by pointer or keys.
    #[wasm_bindgen(js_name = canProbe)]
    pub fn can_probe(&self, s: &Session) -> bool {
        self.canvas.series(&s.inner, &self.layers).iter().any(|x| !x.is_empty())
    }

    /// The runs started (`true`) or stopped playing: a slice waits for them to stop before it is
    /// remade (see `slice.rs`). The page tells every view when play starts and stops.
    #[wasm_bindgen(js_name = setPlaying)]
    pub fn set_playing(&mut self, playing: bool) {
        self.canvas.set_playing(playing);
    }

    /// What the view reports about itself, as `{ name: text }` for the figure's `data-*`
    /// attributes: a slice's `sliceStep` (the step it was made at; empty without one),
    /// `sliceDone` (cells computed), `slicePlane`, `sliceExplained` (`e1,e2`), `sliceCaptured`,
    /// `sliceOrigin`; a boundary's `boundaryStep` and `boundaryMaps` (maps drawn). Empty for
    /// the other views.
    pub fn status(&self) -> js_sys::Object {
        let o = js_sys::Object::new();
        for (k, v) in self.canvas.status() {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(&v));
        }
        o
    }

    /// A drag that turns a 3-D view; true if it turned.
    pub fn turn(&mut self, dx: f64, dy: f64) -> bool {
        let turned = self.canvas.turn(dx, dy);
        if turned {
            self.drawn_key = None;
        }
        turned
    }
}
