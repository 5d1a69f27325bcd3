//! Two stacked canvases per view: a cached background and a per-frame foreground,
//! both sized in device pixels for sharp drawing on high-DPI screens.

use crate::theme::{Marker, Rgb, Theme};
#[cfg(feature = "three-d")]
use plotters::prelude::*;
#[cfg(feature = "three-d")]
use plotters_canvas::CanvasBackend;
use std::cmp::Ordering;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// The plot rectangle in device pixels and the data ranges it shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub px: (f64, f64),
    pub py: (f64, f64),
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl Frame {
    /// Data → device pixels.
    pub fn to_px(self, x: f64, y: f64) -> (f64, f64) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (self.px.0 + fx * (self.px.1 - self.px.0), self.py.1 - fy * (self.py.1 - self.py.0))
    }
    /// Device pixels → data.
    pub fn to_data(self, px: f64, py: f64) -> (f64, f64) {
        let fx = (px - self.px.0) / (self.px.1 - self.px.0);
        let fy = (self.py.1 - py) / (self.py.1 - self.py.0);
        (self.x.0 + fx * (self.x.1 - self.x.0), self.y.0 + fy * (self.y.1 - self.y.0))
    }
    pub fn contains_px(&self, px: f64, py: f64) -> bool {
        px >= self.px.0 && px <= self.px.1 && py >= self.py.0 && py <= self.py.1
    }
}

/// A view's two canvases.
pub struct Layers {
    pub bg: HtmlCanvasElement,
    pub fg: HtmlCanvasElement,
    pub bgc: CanvasRenderingContext2d,
    pub fgc: CanvasRenderingContext2d,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// An offscreen canvas for [`Layers::stretch_rgba`], made once.
    scratch: std::cell::OnceCell<Option<(HtmlCanvasElement, CanvasRenderingContext2d)>>,
    /// The cached layer of [`Layers::with_cached`], made when first used.
    cached: std::cell::OnceCell<Option<(HtmlCanvasElement, CanvasRenderingContext2d)>>,
}

/// A new offscreen canvas and its 2-D context.
fn offscreen() -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let c = web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()?;
    let cx = context(&c)?;
    Some((c, cx))
}

fn context(c: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    c.get_context("2d").ok()??.dyn_into().ok()
}

impl Layers {
    pub fn new(bg: HtmlCanvasElement, fg: HtmlCanvasElement) -> Option<Layers> {
        let bgc = context(&bg)?;
        let fgc = context(&fg)?;
        Some(Layers { bg, fg, bgc, fgc, dpr: 1.0, scratch: Default::default(), cached: Default::default() })
    }
    /// Sets both canvases to `css_w × css_h` CSS pixels at `dpr`; returns true if the size changed.
    pub fn resize(&mut self, css_w: f64, css_h: f64, dpr: f64) -> bool {
        let dpr = if dpr.is_finite() { dpr.clamp(1.0, 3.0) } else { 1.0 };
        let w = (css_w.max(1.0) * dpr).round().min(4096.0) as u32;
        let h = (css_h.max(1.0) * dpr).round().min(4096.0) as u32;
        if w == self.bg.width() && h == self.bg.height() && dpr == self.dpr {
            return false;
        }
        self.dpr = dpr;
        for c in [&self.bg, &self.fg] {
            c.set_width(w);
            c.set_height(h);
        }
        true
    }
    pub fn width(&self) -> f64 {
        self.bg.width() as f64
    }
    pub fn height(&self) -> f64 {
        self.bg.height() as f64
    }
    /// Fills the background with the theme's colour.
    pub fn clear_bg(&self, theme: &Theme) {
        self.bgc.set_fill_style_str(&theme.bg.css());
        self.bgc.fill_rect(0.0, 0.0, self.width(), self.height());
    }
    /// A plotters drawing area on the background canvas, cleared to the theme's colour.
    #[cfg(feature = "three-d")]
    pub fn bg_area(&self, theme: &Theme) -> Option<DrawingArea<CanvasBackend, plotters::coord::Shift>> {
        let root = CanvasBackend::with_canvas_object(self.bg.clone())?.into_drawing_area();
        root.fill(&theme.bg.plotters()).ok()?;
        Some(root)
    }
    /// A plotters drawing area on the foreground canvas (transparent, cleared).
    #[cfg(feature = "three-d")]
    pub fn fg_area(&self) -> Option<DrawingArea<CanvasBackend, plotters::coord::Shift>> {
        self.clear_fg();
        Some(CanvasBackend::with_canvas_object(self.fg.clone())?.into_drawing_area())
    }
    /// Clears the foreground and clips it to the plot frame `f`; end with [`Layers::end_fg`].
    pub fn begin_fg(&self, f: &Frame) -> Pen<'_> {
        self.clear_fg();
        let c = &self.fgc;
        c.save();
        c.begin_path();
        c.rect(f.px.0, f.py.0, f.px.1 - f.px.0, f.py.1 - f.py.0);
        c.clip();
        Pen::new(c, self.dpr)
    }
    /// Lifts the clip of [`Layers::begin_fg`].
    pub fn end_fg(&self) {
        self.fgc.restore();
    }
    pub fn clear_fg(&self) {
        self.fgc.clear_rect(0.0, 0.0, self.width(), self.height());
    }
    /// A font size in device pixels for `css_px` CSS pixels.
    #[cfg(feature = "three-d")]
    pub fn font(&self, css_px: f64) -> f64 {
        css_px * self.dpr
    }
    /// Draws an `n × n` lattice image (its first row at the top) over the plot area `at` (x, y,
    /// w, h in device pixels) and returns a cell's size. Lattice points sit on the area's edges,
    /// pixel centres half a pixel in: the image is widened by half a cell each side and clipped
    /// to the area, so a fill and the contour lines drawn from the same lattice line up.
    pub fn lattice_image(&self, rgba: &[u8], n: usize, at: (f64, f64, f64, f64)) -> (f64, f64) {
        let (cx, cy) = (at.2 / (n - 1) as f64, at.3 / (n - 1) as f64);
        self.bgc.save();
        self.bgc.begin_path();
        self.bgc.rect(at.0, at.1, at.2, at.3);
        self.bgc.clip();
        self.stretch_rgba(rgba, n as u32, n as u32, (at.0 - cx / 2.0, at.1 - cy / 2.0, at.2 + cx, at.3 + cy), true);
        self.bgc.restore();
        (cx, cy)
    }

    /// Draws a small `w × h` RGBA image stretched over the background rectangle (x, y, dw, dh)
    /// in device pixels, smoothed (bilinear) or not. The browser does the scaling, so a map
    /// computed on a coarse lattice costs nothing per screen pixel.
    pub fn stretch_rgba(&self, rgba: &[u8], w: u32, h: u32, at: (f64, f64, f64, f64), smooth: bool) {
        let Some((scratch, sc)) = self.scratch.get_or_init(offscreen) else { return };
        if scratch.width() != w || scratch.height() != h {
            scratch.set_width(w);
            scratch.set_height(h);
        }
        let Ok(img) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), w, h) else { return };
        let _ = sc.put_image_data(&img, 0.0, 0.0);
        self.bgc.set_image_smoothing_enabled(smooth);
        let _ = self.bgc.draw_image_with_html_canvas_element_and_dw_and_dh(scratch, at.0, at.1, at.2, at.3);
        self.bgc.set_image_smoothing_enabled(true);
    }

    /// Copies a cached layer (transparent, the background's size) over the background, first
    /// drawing it anew with `draw` when `redraw` (or when the canvas changed size). For what a
    /// view repaints often but changes rarely: the browser then copies pixels instead of
    /// rasterising the drawing again (thousands of contour segments over a basin map filling in).
    pub fn with_cached(&self, redraw: bool, draw: impl FnOnce(&CanvasRenderingContext2d)) {
        let Some((layer, lc)) = self.cached.get_or_init(offscreen) else { return };
        let (w, h) = (self.bg.width(), self.bg.height());
        if layer.width() != w || layer.height() != h {
            // (Setting a canvas's size clears it.)
            layer.set_width(w);
            layer.set_height(h);
            draw(lc);
        } else if redraw {
            lc.clear_rect(0.0, 0.0, w as f64, h as f64);
            draw(lc);
        }
        let _ = self.bgc.draw_image_with_html_canvas_element_and_dw_and_dh(layer, 0.0, 0.0, w as f64, h as f64);
    }
}

/// Appends `v` rounded to a tenth ("-12.3"), digit by digit: `write!` through the formatter
/// took a sixth of the contour maps' first drawing in a profile (four numbers a segment,
/// thousands of segments).
fn push_tenths(out: &mut String, v: f64) {
    let t = (v * 10.0).round().clamp(-1e15, 1e15) as i64;
    if t < 0 {
        out.push('-');
    }
    let t = t.unsigned_abs();
    // The integer part's digits, last first.
    let mut digits = [0u8; 20];
    let (mut n, mut k) = (t / 10, digits.len());
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[k..].iter().map(|&d| d as char));
    if !t.is_multiple_of(10) {
        out.push('.');
        out.push((b'0' + (t % 10) as u8) as char);
    }
}

/// The width of a marker's outline, in CSS pixels (the legend's swatches draw it alike).
pub const MARKER_EDGE: f64 = 1.5;

/// Thin drawing helpers over a 2-D context, in device pixels.
pub struct Pen<'a> {
    pub c: &'a CanvasRenderingContext2d,
    pub dpr: f64,
}

impl<'a> Pen<'a> {
    pub fn new(c: &'a CanvasRenderingContext2d, dpr: f64) -> Self {
        Pen { c, dpr }
    }
    pub fn stroke(&self, color: &str, css_width: f64) {
        self.c.set_stroke_style_str(color);
        self.c.set_line_width(css_width * self.dpr);
    }
    pub fn fill(&self, color: &str) {
        self.c.set_fill_style_str(color);
    }
    pub fn dash(&self, css: &[f64]) {
        let arr = js_sys::Array::new();
        for d in css {
            arr.push(&(d * self.dpr).into());
        }
        let _ = self.c.set_line_dash(&arr);
    }
    pub fn line(&self, a: (f64, f64), b: (f64, f64)) {
        self.c.begin_path();
        self.c.move_to(a.0, a.1);
        self.c.line_to(b.0, b.1);
        self.c.stroke();
    }
    /// Strokes many separate segments (device pixels) as one path, handed to the canvas as
    /// SVG path data in one call (`M x y L x y` per segment, to a tenth of a pixel): thousands
    /// of moveTo/lineTo calls across the wasm boundary cost more, the more so on a first draw.
    pub fn segments(&self, segs: impl IntoIterator<Item = [f64; 4]>) {
        let segs = segs.into_iter();
        // About 28 characters a segment ("M123.4 56.7L124.1 57.2"): one allocation, not a dozen.
        let mut d = String::with_capacity(segs.size_hint().0 * 28 + 64);
        for [x0, y0, x1, y1] in segs {
            if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
                continue;
            }
            d.push('M');
            push_tenths(&mut d, x0);
            d.push(' ');
            push_tenths(&mut d, y0);
            d.push('L');
            push_tenths(&mut d, x1);
            d.push(' ');
            push_tenths(&mut d, y1);
        }
        if let Ok(path) = web_sys::Path2d::new_with_path_string(&d) {
            self.c.stroke_with_path(&path);
        }
    }
    /// A polyline through device-pixel points.
    pub fn polyline(&self, pts: impl IntoIterator<Item = (f64, f64)>) {
        self.c.begin_path();
        let mut first = true;
        for (x, y) in pts {
            if !(x.is_finite() && y.is_finite()) {
                first = true;
                continue;
            }
            if first {
                self.c.move_to(x, y);
                first = false;
            } else {
                self.c.line_to(x, y);
            }
        }
        self.c.stroke();
    }
    pub fn circle(&self, at: (f64, f64), css_r: f64, fill: bool) {
        self.c.begin_path();
        let _ = self.c.arc(at.0, at.1, css_r * self.dpr, 0.0, std::f64::consts::TAU);
        if fill {
            self.c.fill();
        } else {
            self.c.stroke();
        }
    }
    pub fn rect(&self, x: f64, y: f64, w: f64, h: f64, fill: bool) {
        if fill {
            self.c.fill_rect(x, y, w, h);
        } else {
            self.c.stroke_rect(x, y, w, h);
        }
    }
    /// A marker of the given shape: filled in `color` with an outline in `edge` for contrast.
    pub fn marker(&self, shape: Marker, at: (f64, f64), css_r: f64, color: Rgb, edge: Rgb) {
        let r = css_r * self.dpr;
        let (x, y) = at;
        self.c.begin_path();
        match shape.outline() {
            None => {
                let _ = self.c.arc(x, y, r, 0.0, std::f64::consts::TAU);
            }
            Some(pts) => {
                for (i, (dx, dy)) in pts.iter().enumerate() {
                    if i == 0 {
                        self.c.move_to(x + dx * r, y + dy * r);
                    } else {
                        self.c.line_to(x + dx * r, y + dy * r);
                    }
                }
                self.c.close_path();
            }
        }
        self.c.set_fill_style_str(&color.css());
        self.c.fill();
        self.c.set_stroke_style_str(&edge.css());
        self.c.set_line_width(MARKER_EDGE * self.dpr);
        self.c.stroke();
    }
    /// Text at device pixels; `align` is "left", "center" or "right".
    pub fn text(&self, s: &str, at: (f64, f64), css_size: f64, color: &str, align: &str) {
        self.c.set_font(&font(css_size * self.dpr));
        self.c.set_fill_style_str(color);
        self.c.set_text_align(align);
        self.c.set_text_baseline("middle");
        let _ = self.c.fill_text(s, at.0, at.1);
    }
    /// An arrow from `a` to `b` with a head of `css_head` pixels.
    pub fn arrow(&self, a: (f64, f64), b: (f64, f64), css_head: f64) {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-6 {
            return;
        }
        self.line(a, b);
        let h = (css_head * self.dpr).min(len * 0.6);
        let (ux, uy) = (dx / len, dy / len);
        self.c.begin_path();
        self.c.move_to(b.0, b.1);
        self.c.line_to(b.0 - h * ux + 0.5 * h * uy, b.1 - h * uy - 0.5 * h * ux);
        self.c.line_to(b.0 - h * ux - 0.5 * h * uy, b.1 - h * uy + 0.5 * h * ux);
        self.c.close_path();
        self.c.fill();
    }
}

/// Clears the background and draws 2-D axes with a light grid; returns the plot frame.
pub fn axes(l: &Layers, t: &Theme, x: (f64, f64), y: (f64, f64), x_desc: &str, y_desc: &str) -> Option<Frame> {
    axes_with(l, t, x, y, (x_desc, y_desc), AxisStyle::default())
}

/// [`axes`] whose x values are log₁₀ of what the tick labels show (`log_x`).
pub fn axes_scaled(
    l: &Layers,
    t: &Theme,
    x: (f64, f64),
    y: (f64, f64),
    x_desc: &str,
    y_desc: &str,
    log_x: bool,
) -> Option<Frame> {
    axes_with(l, t, x, y, (x_desc, y_desc), AxisStyle { log_x, ..AxisStyle::default() })
}

/// How a pair of axes looks: at most `ticks` labelled ticks on (x, y), grid lines or not,
/// whether x is log₁₀ of the labelled value, and whether x counts whole things (steps, bars:
/// no tick between two whole numbers).
#[derive(Clone, Copy, Debug)]
pub struct AxisStyle {
    pub ticks: (usize, usize),
    pub grid: bool,
    pub log_x: bool,
    pub whole_x: bool,
}

impl Default for AxisStyle {
    fn default() -> Self {
        AxisStyle { ticks: (7, 6), grid: true, log_x: false, whole_x: false }
    }
}

/// Clears the background and draws the axes, ticks, labels, descriptions and (optionally) grid
/// lines straight on the 2-D context: one font set per kind of text and one path per kind of
/// line, a few dozen canvas calls in all. Returns the plot frame (inside the axis lines), or
/// `None` if the canvas is too small to hold a plot.
pub fn axes_with(
    l: &Layers,
    t: &Theme,
    x: (f64, f64),
    y: (f64, f64),
    desc: (&str, &str),
    style: AxisStyle,
) -> Option<Frame> {
    let c = &l.bgc;
    let d = l.dpr;
    let (w, h) = (l.width(), l.height());
    l.clear_bg(t);
    // Margins and label areas in CSS pixels (as the plots had since the first release).
    let m = (10.0 * d).round();
    let px = (m + (52.0 * d).round(), w - m);
    let py = (m, h - m - (40.0 * d).round());
    if px.1 - px.0 < 8.0
        || py.1 - py.0 < 8.0
        || x.1.partial_cmp(&x.0) != Some(Ordering::Greater)
        || y.1.partial_cmp(&y.0) != Some(Ordering::Greater)
    {
        return None;
    }
    let f = Frame { px, py, x, y };
    let xt = nice_ticks(x.0, x.1, style.ticks.0, if style.whole_x { 1.0 } else { 0.0 });
    let yt = nice_ticks(y.0, y.1, style.ticks.1, 0.0);
    // Crisp 1-device-pixel lines sit on pixel centres.
    let snap = |v: f64| v.floor() + 0.5;
    let xs: Vec<f64> = xt.iter().map(|&v| snap(f.to_px(v, y.0).0)).collect();
    let ys: Vec<f64> = yt.iter().map(|&v| snap(f.to_px(x.0, v).1)).collect();
    let lw = d.round().max(1.0);
    c.set_line_width(lw);
    if style.grid {
        c.set_stroke_style_str(&t.grid.css());
        c.begin_path();
        for &xp in &xs {
            c.move_to(xp, py.0);
            c.line_to(xp, py.1);
        }
        for &yp in &ys {
            c.move_to(px.0, yp);
            c.line_to(px.1, yp);
        }
        c.stroke();
    }
    // The two axis lines just outside the plot (a filled map inside cannot hide them), and ticks.
    let (left, bottom) = (px.0 - lw / 2.0, py.1 + lw / 2.0);
    let tick = (5.0 * d).round();
    c.set_stroke_style_str(&t.muted.css());
    c.begin_path();
    c.move_to(left, py.0);
    c.line_to(left, bottom);
    c.line_to(px.1, bottom);
    for &xp in &xs {
        c.move_to(xp, bottom);
        c.line_to(xp, bottom + tick);
    }
    for &yp in &ys {
        c.move_to(left, yp);
        c.line_to(left - tick, yp);
    }
    c.stroke();
    // Tick labels.
    let muted = t.muted.css();
    c.set_fill_style_str(&muted);
    c.set_font(&font(12.0 * d));
    c.set_text_align("center");
    c.set_text_baseline("top");
    for (&v, &xp) in xt.iter().zip(&xs) {
        let shown = if style.log_x { round_sig(10f64.powf(v)) } else { v };
        let _ = c.fill_text(&descent_core::format::tick(shown), xp, bottom + tick + 3.0 * d);
    }
    c.set_text_align("right");
    c.set_text_baseline("middle");
    for (&v, &yp) in yt.iter().zip(&ys) {
        let _ = c.fill_text(&descent_core::format::tick(v), left - tick - 3.0 * d, yp);
    }
    // Axis descriptions: x centred below the labels, y turned a quarter left of the labels.
    c.set_font(&font(13.0 * d));
    c.set_text_align("center");
    c.set_text_baseline("top");
    let _ = c.fill_text(desc.0, (px.0 + px.1) / 2.0, bottom + tick + 20.0 * d);
    c.save();
    let _ = c.translate(m + 2.0 * d, (py.0 + py.1) / 2.0);
    let _ = c.rotate(-std::f64::consts::FRAC_PI_2);
    let _ = c.fill_text(desc.1, 0.0, 0.0);
    c.restore();
    Some(f)
}

/// A CSS font for `device_px` pixels.
fn font(device_px: f64) -> String {
    format!("{}px system-ui, sans-serif", device_px.round())
}

/// Round tick values in [lo, hi]: multiples of 1, 2 or 5 × 10ᵏ, the finest step of at least
/// `min_step` that gives at most `max` of them (and at least two when the range allows).
pub fn nice_ticks(lo: f64, hi: f64, max: usize, min_step: f64) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || max < 2 {
        return Vec::new();
    }
    let span = hi - lo;
    let mut unit = 10f64.powf((span / max as f64).log10().floor());
    if !(unit.is_finite() && unit > 0.0) {
        return Vec::new();
    }
    for _ in 0..8 {
        for m in [1.0, 2.0, 5.0] {
            let step = unit * m;
            if step < min_step {
                continue;
            }
            let (a, b) = ((lo / step - 1e-9).ceil(), (hi / step + 1e-9).floor());
            if b - a + 1.0 <= max as f64 {
                // k·step, not a running sum, so 0.1·3 stays 0.3 to the label's precision.
                return (a as i64..=b as i64).map(|k| k as f64 * step).collect();
            }
        }
        unit *= 10.0;
    }
    Vec::new()
}

/// `x` rounded to two significant digits.
fn round_sig(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let mag = 10f64.powf(x.abs().log10().floor() - 1.0);
    (x / mag).round() * mag
}

/// Chart text style for plotters, sized for the device.
#[cfg(feature = "three-d")]
pub fn label_style(layers: &Layers, theme: &Theme, css_px: f64) -> TextStyle<'static> {
    ("system-ui, sans-serif", layers.font(css_px)).into_font().color(&theme.muted.plotters())
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::{nice_ticks, push_tenths};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn tenths_are_written_as_the_float_formatter_writes_them_rounded() {
        for v in [
            0.0,
            0.04,
            0.05,
            0.96,
            1.0,
            12.34,
            12.35,
            99.99,
            100.0,
            1234.5678,
            -0.04,
            -3.26,
            -1200.0,
            4096.0,
            1e9 + 0.25,
            -1e9 - 0.25,
            7.0,
            -0.5,
        ] {
            let mut got = String::new();
            push_tenths(&mut got, v);
            let want = (v * 10.0).round() / 10.0;
            assert_eq!(got.parse::<f64>().unwrap(), want, "{v} → {got}");
            assert!(!got.contains('e') && !got.ends_with(".0") && got != "-0", "{v} → {got}");
        }
    }

    #[wasm_bindgen_test]
    fn ticks_are_round_even_and_within_the_range() {
        assert_eq!(nice_ticks(0.0, 10.0, 6, 0.0), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(nice_ticks(-5.0, 5.0, 6, 0.0), vec![-4.0, -2.0, 0.0, 2.0, 4.0]);
        assert_eq!(nice_ticks(0.0, 50.0, 7, 0.0), vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        for (lo, hi, max) in
            [(0.0, 1.0, 6), (-0.3, 2.7, 7), (1e-6, 3e-6, 6), (-1e5, 3e5, 7), (0.97, 1.03, 6), (0.0, 365.0, 7)]
        {
            let t = nice_ticks(lo, hi, max, 0.0);
            assert!(t.len() >= 2 && t.len() <= max, "{lo}..{hi}: {t:?}");
            assert!(t.iter().all(|&v| v >= lo - 1e-12 * hi.abs() && v <= hi + 1e-12 * hi.abs()), "{lo}..{hi}: {t:?}");
            let step = t[1] - t[0];
            let unit = 10f64.powf(step.log10().floor());
            let m = (step / unit).round();
            assert!([1.0, 2.0, 5.0].contains(&m) && (step / unit - m).abs() < 1e-9, "{lo}..{hi}: step {step}");
            assert!(t.windows(2).all(|w| ((w[1] - w[0]) - step).abs() < 1e-9 * step.abs().max(1.0)));
        }
        // A count axis: whole numbers only, however short the range.
        assert_eq!(nice_ticks(-0.5, 2.5, 7, 1.0), vec![0.0, 1.0, 2.0]);
        assert_eq!(nice_ticks(0.0, 12.5, 7, 1.0), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]);
        for (lo, hi) in [(1.0, 1.0), (2.0, 1.0), (f64::NAN, 1.0), (0.0, f64::INFINITY)] {
            assert!(nice_ticks(lo, hi, 6, 0.0).is_empty());
        }
    }
}
