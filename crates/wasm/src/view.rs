//! A view: one canvas pair on the page, drawn by the module for its kind.
//!
//! The background is redrawn only when its key (what it shows, the size, the theme)
//! changes; the foreground is redrawn on every call to [`View::draw`].

use crate::layer::Layers;
use crate::session::Session;
use crate::theme::Theme;
use crate::{bars, chart, contour, curve, scatter};
use descent_core::Session as Core;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// What every canvas module provides.
pub(crate) trait Canvas {
    /// Everything the background depends on besides size and theme.
    fn bg_key(&self, s: &Core) -> String;
    /// Draws the cached layer: axes, curves, contours, meshes.
    fn draw_bg(&mut self, l: &Layers, t: &Theme, s: &Core);
    /// Draws what moves.
    fn draw_fg(&mut self, l: &Layers, t: &Theme, s: &Core);
    /// True while work spread over frames remains (a coarse map to refine, a basin map to fill).
    fn pending(&self) -> bool {
        false
    }
    /// Continues that work, a slice at a time; true while more remains.
    fn work(&mut self, _l: &Layers, _t: &Theme, _s: &Core) -> bool {
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
}

/// The background key of a view showing its note that the model does not fit it.
const UNFIT: &str = "unfit";

impl View {
    /// True if this view draws a cost over one or two parameters and the session's model has more
    /// (`descent_core::scene::PLANE_VIEWS`; a scene naming such a view on a model is refused, but
    /// the page's default views may still ask for one).
    fn unfit(&self, s: &Core) -> bool {
        s.surface().dim() > 2 && descent_core::scene::PLANE_VIEWS.contains(&self.kind.as_str())
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
        "loss" | "grads" | "ewa" | "elimit" | "betalimit" => Box::new(chart::Chart::new(kind)),
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
        Ok(View { layers, theme: Theme::new(dark), canvas, drawn_key: None, backgrounds: 0, kind: kind.to_string() })
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
                let lines = [
                    t.tr(
                        "This view draws a cost of one or two parameters;",
                        "이 보기는 매개변수가 한두 개인 비용을 그려요.",
                    ),
                    t.tr("this model has more.", "이 모델은 매개변수가 더 많아요."),
                ];
                let pen = crate::layer::Pen::new(&self.layers.bgc, self.layers.dpr);
                let (x, y, gap) = (0.5 * self.layers.width(), 0.5 * self.layers.height(), 10.0 * self.layers.dpr);
                pen.text(lines[0], (x, y - gap), 13.0, &t.muted.css(), "center");
                pen.text(lines[1], (x, y + gap), 13.0, &t.muted.css(), "center");
                self.drawn_key = Some(UNFIT.into());
                self.backgrounds += 1;
            }
            return false;
        }
        let key = self.canvas.bg_key(&s.inner);
        if self.drawn_key.as_deref() != Some(key.as_str()) {
            self.canvas.draw_bg(&self.layers, &self.theme, &s.inner);
            self.drawn_key = Some(key);
            self.backgrounds += 1;
        }
        self.canvas.draw_fg(&self.layers, &self.theme, &s.inner);
        self.canvas.pending()
    }

    /// Does a slice of progressive work on the background (a coarse map refined, some rows of
    /// a basin map); true while more remains. The page calls it with time left in a frame.
    pub fn work(&mut self, s: &Session) -> bool {
        !self.unfit(&s.inner) && self.canvas.work(&self.layers, &self.theme, &s.inner)
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

    /// A drag that turns a 3-D view; true if it turned.
    pub fn turn(&mut self, dx: f64, dy: f64) -> bool {
        let turned = self.canvas.turn(dx, dy);
        if turned {
            self.drawn_key = None;
        }
        turned
    }
}
