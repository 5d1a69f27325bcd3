//! Colours: one per optimizer, the same everywhere in the app, from the Okabe–Ito palette
//! (told apart by colour-blind learners), each with its own marker shape as a second cue.

use descent_core::Method;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn css(self) -> String {
        format!("rgb({},{},{})", self.0, self.1, self.2)
    }
    pub fn css_alpha(self, a: f64) -> String {
        format!("rgba({},{},{},{a})", self.0, self.1, self.2)
    }
    #[cfg(feature = "three-d")]
    pub fn plotters(self) -> plotters::style::RGBColor {
        plotters::style::RGBColor(self.0, self.1, self.2)
    }
    /// Linear blend toward `other` by `t` in [0, 1].
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let f = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        Rgb(f(self.0, other.0), f(self.1, other.1), f(self.2, other.2))
    }
}

/// Marker shapes, so runs differ by shape as well as colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
    Star,
    InvTriangle,
    Hexagon,
}

impl Marker {
    /// The shape's corners in units of its radius (y down), or `None` for the circle.
    pub fn outline(self) -> Option<&'static [(f64, f64)]> {
        Some(match self {
            Marker::Circle => return None,
            Marker::Square => &[(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)],
            Marker::Triangle => &[(0.0, -1.15), (1.05, 0.8), (-1.05, 0.8)],
            Marker::InvTriangle => &[(0.0, 1.15), (1.05, -0.8), (-1.05, -0.8)],
            Marker::Diamond => &[(0.0, -1.2), (1.1, 0.0), (0.0, 1.2), (-1.1, 0.0)],
            Marker::Cross => &[
                (-0.35, -1.0),
                (0.35, -1.0),
                (0.35, -0.35),
                (1.0, -0.35),
                (1.0, 0.35),
                (0.35, 0.35),
                (0.35, 1.0),
                (-0.35, 1.0),
                (-0.35, 0.35),
                (-1.0, 0.35),
                (-1.0, -0.35),
                (-0.35, -0.35),
            ],
            // Five points at radius 1.25 and the five between at 0.55, from the top, every 36°.
            Marker::Star => &[
                (0.0, -1.25),
                (0.323282, -0.444959),
                (1.188821, -0.386271),
                (0.523081, 0.169959),
                (0.734732, 1.011271),
                (0.0, 0.55),
                (-0.734732, 1.011271),
                (-0.523081, 0.169959),
                (-1.188821, -0.386271),
                (-0.323282, -0.444959),
            ],
            // Six corners at radius 1.1, from the right, every 60°.
            Marker::Hexagon => {
                &[(1.1, 0.0), (0.55, 0.952628), (-0.55, 0.952628), (-1.1, 0.0), (-0.55, -0.952628), (0.55, -0.952628)]
            }
        })
    }
    /// The same shape as an SVG path in units of its radius, for the legend beside a canvas.
    pub fn svg_path(self) -> String {
        match self.outline() {
            None => "M1,0A1,1 0 1 1 -1,0A1,1 0 1 1 1,0Z".into(),
            Some(pts) => {
                let mut d = String::new();
                for (i, (x, y)) in pts.iter().enumerate() {
                    d.push_str(&format!("{}{:.3},{:.3}", if i == 0 { 'M' } else { 'L' }, x, y));
                }
                d.push('Z');
                d
            }
        }
    }
    /// The shape's name, for the legend's words (screen readers, tests).
    pub fn name(self) -> &'static str {
        match self {
            Marker::Circle => "circle",
            Marker::Square => "square",
            Marker::Triangle => "triangle",
            Marker::Diamond => "diamond",
            Marker::Cross => "cross",
            Marker::Star => "star",
            Marker::InvTriangle => "down-triangle",
            Marker::Hexagon => "hexagon",
        }
    }
}

/// The colour and marker of an optimizer.
///
/// Every line keeps at least 3:1 against the canvas background of its theme (WCAG 1.4.11):
/// on white, Okabe–Ito's reddish purple, sky blue and orange (3.1, 2.3 and 2.2:1) are drawn a
/// shade darker, with the same hue, and its yellow (1.2:1) as a dark olive yellow (3.8:1).
pub fn method_style(m: Method, dark: bool) -> (Rgb, Marker) {
    let pick = |light: Rgb, on_dark: Rgb| if dark { on_dark } else { light };
    match m {
        Method::Gd => (Rgb(0, 114, 178), Marker::Circle),       // blue
        Method::Sgd => (Rgb(213, 94, 0), Marker::Triangle),     // vermillion
        Method::Momentum => (Rgb(0, 158, 115), Marker::Square), // bluish green
        Method::Nesterov => (pick(Rgb(196, 110, 160), Rgb(204, 121, 167)), Marker::InvTriangle), // reddish purple
        Method::AdaGrad => (pick(Rgb(60, 150, 210), Rgb(86, 180, 233)), Marker::Cross), // sky blue
        Method::RmsProp => (pick(Rgb(190, 125, 0), Rgb(230, 159, 0)), Marker::Diamond), // orange
        Method::Adam => {
            if dark {
                (Rgb(240, 240, 240), Marker::Star)
            } else {
                (Rgb(20, 20, 20), Marker::Star)
            }
        }
        Method::AdamW => (pick(Rgb(150, 130, 0), Rgb(240, 228, 66)), Marker::Hexagon), // yellow
    }
}

/// The page's light or dark colours for one canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub dark: bool,
    pub bg: Rgb,
    pub ink: Rgb,
    pub muted: Rgb,
    pub grid: Rgb,
    /// The tangent line: purple, as in the study note.
    pub tangent: Rgb,
    pub secant: Rgb,
    pub accent: Rgb,
    pub danger: Rgb,
    /// Heat map ends: low cost, high cost.
    pub low: Rgb,
    pub high: Rgb,
    /// The words on the canvas in Korean (else English).
    pub ko: bool,
}

impl Theme {
    pub fn new(dark: bool) -> Self {
        if dark {
            Theme {
                dark,
                bg: Rgb(24, 26, 32),
                ink: Rgb(232, 234, 240),
                muted: Rgb(160, 166, 180),
                grid: Rgb(52, 56, 66),
                tangent: Rgb(200, 140, 255),
                secant: Rgb(240, 170, 60),
                accent: Rgb(90, 170, 255),
                danger: Rgb(255, 110, 100),
                low: Rgb(30, 34, 44),
                high: Rgb(70, 110, 160),
                ko: false,
            }
        } else {
            Theme {
                dark,
                bg: Rgb(255, 255, 255),
                ink: Rgb(28, 30, 36),
                muted: Rgb(96, 102, 116),
                grid: Rgb(226, 229, 236),
                tangent: Rgb(123, 63, 160),
                secant: Rgb(190, 110, 0),
                accent: Rgb(0, 102, 204),
                danger: Rgb(200, 40, 30),
                low: Rgb(255, 250, 232),
                high: Rgb(150, 185, 225),
                ko: false,
            }
        }
    }
    /// A canvas word in the page's language.
    pub fn tr<'a>(&self, en: &'a str, ko: &'a str) -> &'a str {
        if self.ko {
            ko
        } else {
            en
        }
    }
    /// Colour of cost level `t` in [0, 1] (0 = lowest).
    pub fn heat(&self, t: f64) -> Rgb {
        self.low.mix(self.high, t.clamp(0.0, 1.0))
    }
}

/// Categorical fills for basins (minimum index → colour), soft enough to draw paths over.
pub fn basin_color(i: usize, dark: bool) -> Rgb {
    const LIGHT: [Rgb; 6] = [
        Rgb(170, 214, 190),
        Rgb(246, 200, 150),
        Rgb(180, 200, 240),
        Rgb(236, 180, 210),
        Rgb(220, 220, 150),
        Rgb(190, 230, 240),
    ];
    const DARK: [Rgb; 6] =
        [Rgb(40, 100, 75), Rgb(120, 80, 40), Rgb(50, 70, 130), Rgb(110, 50, 90), Rgb(100, 100, 40), Rgb(40, 100, 115)];
    if dark {
        DARK[i % 6]
    } else {
        LIGHT[i % 6]
    }
}
